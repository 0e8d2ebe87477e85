//! A synthetic sample of households, generated deterministically and shaped on the Cao Bằng
//! plan's published figures. It is **invented data**, for demos, notebooks and benchmarks; no
//! survey record is in it.
//!
//! How it is shaped: the numbers of poor and near-poor households are the plan's rates applied to
//! the sample size (for 123.221 households, exactly the plan's 52.409 and 12.110); among poor
//! households, exactly the plan's share is deprived in each indicator (6,39% ... 90,36%), with
//! the deprived households drawn at random. Incomes are drawn uniformly inside the band that
//! gives each household its class under QĐ 59/2015 (a poor household with fewer than 3
//! deprivations gets an income at or under the poor line). The rest is this generator's own
//! assumption, not the plan's: 80% of households are rural, the non-poor are 60% in the
//! average-living band, and their deprivation rates are fractions of the poor households'.

use crate::area::Area;
use crate::error::Errors;
use crate::published::cao_bang_2015;
use crate::standard::standard_by_id;
use crate::text::Text;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Columns of a synthetic sample, ready for [`crate::batch`] and [`crate::stats`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticSample {
    pub description: Text,
    /// 1 urban, 2 rural.
    pub area: Vec<u8>,
    /// Monthly income per capita, whole đồng.
    pub income: Vec<i64>,
    /// Bitmask over QĐ 59/2015's 10 indicators.
    pub deprivations: Vec<u16>,
    /// A district number 1 to 13 (invented), for group-by examples.
    pub district: Vec<u32>,
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).max(0) as u64;
        lo + self.below(span.saturating_add(1)) as i64
    }
    /// True with probability `p_per_10000 / 10000`.
    fn chance(&mut self, p_per_10000: u64) -> bool {
        self.below(10_000) < p_per_10000
    }
}

/// `count × numerator / denominator`, rounded half up, in integers.
fn share(count: usize, numerator: u64, denominator: u64) -> usize {
    let c = count as u128;
    ((c * u128::from(numerator) * 2 + u128::from(denominator)) / (u128::from(denominator) * 2)) as usize
}

/// A percentage like `6.39` as a probability in units of 1/10000.
fn per_10000(percent: Decimal) -> u64 {
    (percent * Decimal::ONE_HUNDRED).round().to_u64().unwrap_or(0)
}

/// The sample's default seed (plan 449 of 2017): the demo, the Python `sample()` and the
/// notebooks draw the same households.
pub const SEED: u64 = 449_2017;

/// The standard the sample is shaped on: QĐ 59/2015, the one plan 449's figures were counted under.
pub const STANDARD: &str = "qd59-2015";

/// The synthetic sample at the plan's size (123.221 households).
pub fn synthetic_cao_bang(seed: u64) -> Result<SyntheticSample, Errors> {
    let n = usize::try_from(cao_bang_2015()?.households).unwrap_or(0);
    synthetic_households(n, seed)
}

/// A synthetic sample of `n` households (see the module documentation for its shape).
pub fn synthetic_households(n: usize, seed: u64) -> Result<SyntheticSample, Errors> {
    let plan = cao_bang_2015()?;
    let standard = standard_by_id(STANDARD)?;
    let mut rng = Rng(seed);

    // Classes with the plan's exact proportions, in random order.
    let poor_n = share(n, plan.poor, plan.households);
    let near_n = share(n, plan.near_poor, plan.households).min(n - poor_n);
    let average_n = share(n - poor_n - near_n, 60, 100);
    let mut target: Vec<u8> = Vec::with_capacity(n);
    target.extend(std::iter::repeat_n(1u8, poor_n));
    target.extend(std::iter::repeat_n(2u8, near_n));
    target.extend(std::iter::repeat_n(3u8, average_n));
    target.resize(n, 4);
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        target.swap(i, j);
    }

    let rates: Vec<u64> = standard
        .indicators
        .iter()
        .map(|ind| plan.deprivation_among_poor_percent.get(&ind.id).map_or(0, |p| per_10000(p.get())))
        .collect();

    // Among poor households, exactly the plan's number deprived in each indicator.
    let mut deprivations = vec![0u16; n];
    let mut poor_rows: Vec<usize> = (0..n).filter(|&i| target[i] == 1).collect();
    for (j, &rate) in rates.iter().enumerate() {
        let m = share(poor_rows.len(), rate, 10_000);
        for k in 0..m {
            let pick = k + rng.below((poor_rows.len() - k) as u64) as usize;
            poor_rows.swap(k, pick);
            deprivations[poor_rows[k]] |= 1 << j;
        }
    }

    let lines = |area: Area| {
        let l = standard.income_lines.get(area);
        let f = |d: Decimal| d.to_i64().unwrap_or(0);
        (
            f(*l.poor.value),
            l.near_poor.as_ref().map_or(0, |x| f(*x.value)),
            l.average_living_max.as_ref().map_or(0, |x| f(*x.value)),
        )
    };
    let cutoff = standard.cutoff();
    let mut area = Vec::with_capacity(n);
    let mut income = Vec::with_capacity(n);
    let mut district = Vec::with_capacity(n);
    for (i, &class) in target.iter().enumerate() {
        let a = if rng.chance(8_000) { Area::Rural } else { Area::Urban };
        let (poor, near, avg) = lines(a);
        let mut bits = deprivations[i];
        if class != 1 {
            let factor = match class {
                2 => 50,
                3 => 30,
                _ => 15,
            };
            for (j, &rate) in rates.iter().enumerate() {
                if rng.chance(rate * factor / 100) {
                    bits |= 1 << j;
                }
            }
            // A near-poor household has fewer deprivations than the cutoff.
            while class == 2 && bits.count_ones() >= u32::from(cutoff) {
                bits &= !(1 << (15 - bits.leading_zeros()));
            }
        }
        let value = match class {
            1 if bits.count_ones() >= u32::from(cutoff) => rng.between(poor * 2 / 5, near),
            1 => rng.between(poor * 2 / 5, poor),
            2 => rng.between(poor + 1, near),
            3 => rng.between(near + 1, avg),
            _ => rng.between(avg + 1, near * 4),
        };
        deprivations[i] = bits;
        area.push(a.code());
        income.push(value);
        district.push(1 + rng.below(13) as u32);
    }
    Ok(SyntheticSample {
        description: Text::new(
            format!(
                "Mẫu TỔNG HỢP (không phải số liệu điều tra) gồm {n} hộ, sinh tất định, mô phỏng theo số liệu của Kế hoạch 449/KH-UBND tỉnh Cao Bằng"
            ),
            format!(
                "A SYNTHETIC sample (not survey data) of {n} households, generated deterministically, shaped on the figures of Cao Bằng plan 449/KH-UBND"
            ),
        ),
        area,
        income,
        deprivations,
        district,
    })
}
