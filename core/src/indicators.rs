//! Sets of deprived indicators, as a bitmask over a standard's indicator list.

/// The indicators a household is deprived in: bit `i` is the standard's `i`-th indicator.
/// A standard has at most [`IndicatorSet::CAPACITY`] indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IndicatorSet(u16);

impl IndicatorSet {
    pub const CAPACITY: usize = 16;
    pub const EMPTY: IndicatorSet = IndicatorSet(0);

    pub fn from_bits(bits: u16) -> IndicatorSet {
        IndicatorSet(bits)
    }
    pub fn bits(self) -> u16 {
        self.0
    }
    pub fn with(self, index: usize) -> IndicatorSet {
        if index < Self::CAPACITY { IndicatorSet(self.0 | (1 << index)) } else { self }
    }
    pub fn contains(self, index: usize) -> bool {
        index < Self::CAPACITY && self.0 & (1 << index) != 0
    }
    /// The number of deprivations (`D` in the law's wording).
    pub fn count(self) -> u8 {
        // At most 16 bits are set, so this fits in a u8.
        self.0.count_ones() as u8
    }
    pub fn is_subset_of(self, other: IndicatorSet) -> bool {
        self.0 & !other.0 == 0
    }
    /// Indices of the deprived indicators, in the standard's order.
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..Self::CAPACITY).filter(move |&i| self.contains(i))
    }
}
