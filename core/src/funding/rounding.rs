//! Rounding by the largest-remainder method, so that the parts add up to the pool exactly.
//!
//! Every unit that shares by points (not held at its floor or cap) first gets its exact amount
//! rounded down to a multiple of the rounding unit. What is still missing is handed out one
//! rounding unit at a time, in this order: the larger remainder first (the part of the exact
//! amount above the multiple), then the unit with more points, then the unit id in ascending
//! byte order. Ids are unique, so the order is total and the result depends neither on the order
//! the units are given in nor on anything else. When the shared amount is not a multiple of the
//! rounding unit (the pool is not), the last, partial step (less than one unit) goes whole to the
//! next unit in the same order: it is then the only amount that is not a multiple of the unit.
//! Floors, caps and norms must be multiples of the rounding unit, so rounding never breaks them.

use super::points::Slot;
use super::result::{Rounding, UnitAllocation};
use crate::exact::{U256, dec};
use crate::text::Text;

/// Rounds the free units' exact quotas (`norm + whole` đồng and `rem / d`) to `unit`, handing out
/// `rest − Σ rounded-down` by largest remainder, and writes their `amount`, `rounding` and
/// `remainder_rank`; returns the partial step (0 when none). `None` only on an internal
/// inconsistency.
pub(crate) fn largest_remainder(
    slots: &[Slot],
    out: &mut [UnitAllocation<'_>],
    unit: u128,
    rest: u128,
    d: u128,
) -> Option<u128> {
    let (base_sum, mut queue) = round_down(slots, out, unit, d)?;
    let left = rest.checked_sub(base_sum)?;
    let (full, part) = (left / unit, left % unit);
    queue.sort(slots, out, unit, d);
    if (queue.entries.len() as u128) < full.checked_add(u128::from(part > 0))? {
        return None;
    }
    for (rank, &(_, i)) in queue.entries.iter().enumerate() {
        let u = out.get_mut(i as usize)?;
        u.remainder_rank = u32::try_from(rank + 1).ok();
        let r = rank as u128;
        let step = if r < full {
            u.rounding = Rounding::Up;
            unit
        } else if r == full && part > 0 {
            u.rounding = Rounding::Partial;
            part
        } else {
            continue;
        };
        u.amount = u.amount.checked_add(dec(step)?)?;
    }
    Some(part)
}

/// The units with a remainder, in the order they are served: `(key, index)`, the key being the
/// remainder as a numerator over `d`.
struct Queue {
    entries: Vec<(u128, u32)>,
    /// Some key did not fit in `u128` (its key is then 0): the order is computed on 256 bits.
    wide: bool,
}

impl Queue {
    /// Larger remainder, then more points, then id ascending.
    fn sort(&mut self, slots: &[Slot], out: &[UnitAllocation<'_>], unit: u128, d: u128) {
        let remainder = |i: u32| {
            slots.get(i as usize).map_or(U256::from_u128(0), |s| {
                U256::mul(s.whole % unit, d).checked_add(U256::from_u128(s.rem)).unwrap_or(U256::from_u128(0))
            })
        };
        let weight = |i: u32| slots.get(i as usize).map_or(0, |s| s.w);
        let id = |i: u32| out.get(i as usize).map_or("", |u| u.id());
        let wide = self.wide;
        self.entries.sort_unstable_by(|a, b| {
            let by_key = if wide { remainder(b.1).cmp(&remainder(a.1)) } else { b.0.cmp(&a.0) };
            by_key.then_with(|| weight(b.1).cmp(&weight(a.1))).then_with(|| id(a.1).cmp(id(b.1)))
        });
    }
}

/// Rounds every free unit down to a multiple of `unit` (writing `amount` and `rounding`);
/// returns the total rounded down and the units with a remainder.
fn round_down(slots: &[Slot], out: &mut [UnitAllocation<'_>], unit: u128, d: u128) -> Option<(u128, Queue)> {
    let mut base_sum = 0u128;
    let mut queue = Queue { entries: Vec::with_capacity(slots.len()), wide: false };
    for (i, (s, u)) in slots.iter().zip(out.iter_mut()).enumerate() {
        if s.pinned {
            continue;
        }
        let m = s.whole % unit;
        base_sum = base_sum.checked_add(s.whole - m)?;
        u.amount = dec(s.norm.checked_add(s.whole - m)?)?;
        u.rounding = Rounding::Exact;
        if m != 0 || s.rem != 0 {
            // The remainder above the multiple, m + rem/d, as a numerator over d.
            let key = m.checked_mul(d).and_then(|x| x.checked_add(s.rem));
            queue.wide |= key.is_none();
            queue.entries.push((key.unwrap_or(0), u32::try_from(i).ok()?));
            u.rounding = Rounding::Down;
        }
    }
    Some((base_sum, queue))
}

/// The rule in words, as every allocation states it.
pub(crate) fn rule() -> Text {
    Text::new(
        "Làm tròn theo phương pháp số dư lớn nhất: số tiền chính xác của mỗi đơn vị được làm tròn xuống bội số của đơn vị làm tròn; phần còn thiếu được cấp từng đơn vị làm tròn, ưu tiên số dư lớn hơn, rồi nhiều điểm hơn, rồi mã đơn vị theo thứ tự tăng dần; nếu phần chia theo điểm không là bội số của đơn vị làm tròn, phần lẻ cuối cùng (nhỏ hơn một đơn vị) cấp trọn cho đơn vị kế tiếp theo cùng thứ tự. Tổng các phần luôn đúng bằng tổng vốn.",
        "Largest remainder: each unit's exact amount is rounded down to a multiple of the rounding unit; what is still missing is handed out one rounding unit at a time, larger remainder first, then more points, then unit id ascending; if the part shared by points is not a multiple of the rounding unit, the last partial step (less than one unit) goes whole to the next unit in the same order. The parts always add up to the pool exactly.",
    )
}
