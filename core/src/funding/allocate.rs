//! The allocation engine: split a pool among units by the points method.
//!
//! 1. Each unit's points are the sum of its criteria points (linear rate or banded table), times
//!    the multipliers of the priorities its statuses earn: `points = Σ f_c(x_c) × Π m`.
//! 2. Fixed norms (so much per counted item) are taken off the pool first.
//! 3. The rest is shared in proportion to points, `rest × points / Σ points`, with floors and
//!    caps on each unit's total: a unit whose share falls below its floor gets the floor, one whose
//!    share exceeds its cap gets the cap, and the others share what is left in proportion to their
//!    points (the clamped proportional split `clamp(λ × points, floor, cap)`, found exactly by
//!    pegging). Impossible limits are typed errors: `pool_too_small`, `caps_too_small`.
//! 4. Rounding, by the largest-remainder method (see [`super::rounding`]), so that the amounts
//!    add up to the pool to the đồng.
//!
//! All arithmetic is exact: points are decimals (an input whose points need more than 28 digits is
//! an error, never rounded), shares are fractions, the split runs on whole numbers.

use super::coefficients::CoefficientSet;
use super::points::{SetAmounts, Slot, err, money, money_u, score_units, whole_money};
use super::result::{Allocation, ExactAmount, Limit, Share, UnitAllocation};
use super::rounding;
use super::units::{Unit, UnitSet};
use crate::error::{Collector, ErrorCode, Errors};
use crate::exact::{self, U256};
use crate::text::Text;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Splits `pool` among `units` with `set`, rounding to `rounding_unit` đồng. Error paths follow
/// the JSON request of `allocate` (`/pool`, `/rounding_unit`, `/units/3/values/population`,
/// `/coefficients/...`).
pub fn allocate<'a>(
    set: &'a CoefficientSet,
    units: &'a [Unit],
    pool: Decimal,
    rounding_unit: Decimal,
) -> Result<Allocation<'a>, Errors> {
    if units.len() > crate::limits::MAX_UNITS {
        let (limit, got) = (crate::limits::MAX_UNITS, units.len());
        return Err(
            crate::limits::exceeded("/units", "Số đơn vị được phân bổ", "The number of units", limit, got).into()
        );
    }
    let (unit, pool_w) = check_inputs(set, units, pool, rounding_unit)?;
    let amounts = set_amounts(set, unit)?;
    let (out, slots) = score_units(set, units, unit, &amounts)?;
    split(set, out, slots, pool, pool_w, rounding_unit, unit)
}

/// The coefficient set, the rounding unit, the pool and that there are units, every problem
/// reported at once. Returns the rounding unit and the pool in whole đồng.
fn check_inputs(
    set: &CoefficientSet,
    units: &[Unit],
    pool: Decimal,
    rounding_unit: Decimal,
) -> Result<(u128, u128), Errors> {
    let mut c = Collector::default();
    if let Err(e) = set.validate() {
        c.extend(e.under("/coefficients"));
    }
    let unit = match exact::whole(rounding_unit) {
        Some(u) if u > 0 => u,
        _ => {
            let (vi, en) = money(rounding_unit);
            c.push(err(
                ErrorCode::RoundingUnitInvalid,
                "/rounding_unit",
                format!("Đơn vị làm tròn phải là số đồng nguyên dương ({vi})."),
                format!("The rounding unit must be a positive whole number of đồng ({en})."),
            ));
            1
        }
    };
    let pool_w = whole_money(pool, "/pool", 1, &mut c);
    if units.is_empty() {
        c.push(err(
            ErrorCode::FundingInvalid,
            "/units",
            "Cần ít nhất một đơn vị để phân bổ.".into(),
            "At least one unit is needed.".into(),
        ));
    }
    c.finish((unit, pool_w.unwrap_or(0)))
}

/// The set's norms, floor and cap: whole đồng, multiples of the rounding unit (so that rounding
/// never breaks them).
fn set_amounts(set: &CoefficientSet, unit: u128) -> Result<SetAmounts, Errors> {
    let mut c = Collector::default();
    let amounts = SetAmounts {
        norms: set
            .norms
            .iter()
            .enumerate()
            .map(|(j, n)| whole_money(*n.amount, &format!("/coefficients/norms/{j}/amount"), unit, &mut c))
            .collect(),
        floor: set.floor.and_then(|f| whole_money(*f, "/coefficients/floor", unit, &mut c)),
        cap: set.cap.and_then(|f| whole_money(*f, "/coefficients/cap", unit, &mut c)),
    };
    c.finish(amounts)
}

/// [`allocate`] over an embedded or loaded unit set: an illustrative unit set makes the
/// allocation illustrative too.
pub fn allocate_unit_set<'a>(
    set: &'a CoefficientSet,
    units: &'a UnitSet,
    pool: Decimal,
    rounding_unit: Decimal,
) -> Result<Allocation<'a>, Errors> {
    let mut a = allocate(set, &units.units, pool, rounding_unit)?;
    if units.illustrative {
        a.illustrative = true;
        a.notes.push(Text::new(
            format!(
                "MINH HỌA: số liệu của danh sách đơn vị '{}' là số liệu minh họa (tự đặt cho ví dụ), không phải số liệu thống kê.",
                units.id
            ),
            format!(
                "ILLUSTRATIVE: the figures of unit set '{}' are invented for the example, not statistics.",
                units.id
            ),
        ));
    }
    Ok(a)
}

fn internal(what: &str) -> Errors {
    Errors::from(err(
        ErrorCode::FundingInvalid,
        "",
        format!("Lỗi nội bộ khi phân bổ ({what})."),
        format!("Internal error while allocating ({what})."),
    ))
}

fn too_big() -> Errors {
    Errors::from(err(
        ErrorCode::FundingInvalid,
        "/units",
        "Tổng điểm hoặc tổng tiền vượt quá phạm vi tính chính xác.".into(),
        "The total points or amounts exceed the range of exact arithmetic.".into(),
    ))
}

fn sum<I: Iterator<Item = u128>>(mut it: I) -> Result<u128, Errors> {
    it.try_fold(0u128, u128::checked_add).ok_or_else(too_big)
}

/// Points as integers on one scale: the points' own scales, or without trailing zeros when that
/// is too large. Returns the total weight.
fn weights(out: &[UnitAllocation<'_>], slots: &mut [Slot]) -> Result<u128, Errors> {
    let scale = out.iter().map(|u| u.points.scale()).max().unwrap_or(0);
    let mut fits = true;
    for (u, s) in out.iter().zip(slots.iter_mut()) {
        match exact::scaled(u.points, scale) {
            Some(w) => s.w = w,
            None => fits = false,
        }
    }
    if !fits {
        let scale = out.iter().map(|u| u.points.normalize().scale()).max().unwrap_or(0);
        for (u, s) in out.iter().zip(slots.iter_mut()) {
            s.w = exact::scaled(u.points, scale).ok_or_else(too_big)?;
        }
    }
    let total = sum(slots.iter().map(|s| s.w))?;
    exact::dec(total).ok_or_else(too_big)?;
    Ok(total)
}

/// Typed errors for limits no split can meet.
fn feasible(slots: &[Slot], pool: Decimal, norms: u128, rest: u128, total_w: u128) -> Result<(), Errors> {
    let lo_sum = sum(slots.iter().map(|s| s.lo))?;
    if lo_sum > rest {
        let (nv, ne) = money_u(norms.saturating_add(lo_sum));
        let (pv, pe) = money(pool);
        return Err(err(
            ErrorCode::PoolTooSmall,
            "/pool",
            format!("Định mức và mức sàn cần {nv} đồng, vượt tổng vốn {pv} đồng."),
            format!("Norms and floors need {ne} đồng, more than the pool of {pe} đồng."),
        )
        .into());
    }
    if total_w == 0 && rest > lo_sum {
        return Err(err(
            ErrorCode::FundingInvalid,
            "/units",
            "Không đơn vị nào có điểm: phần vốn chia theo điểm không có căn cứ để chia.".into(),
            "No unit has any points: the part of the pool shared by points has no basis for a split.".into(),
        )
        .into());
    }
    // The most the units can take: their caps (their floors when they have no points).
    let most = slots.iter().try_fold(0u128, |m, s| {
        let top = if s.w > 0 { s.hi } else { s.lo };
        if top == u128::MAX { None } else { Some(m.saturating_add(top)) }
    });
    if let Some(most) = most {
        if most < rest {
            let (mv, me) = money_u(most.saturating_add(norms));
            let (pv, pe) = money(pool);
            return Err(err(
                ErrorCode::CapsTooSmall,
                "/pool",
                format!("Định mức và mức trần chỉ cho phép phân bổ {mv} đồng, ít hơn tổng vốn {pv} đồng."),
                format!("Norms and caps allow at most {me} đồng, less than the pool of {pe} đồng."),
            )
            .into());
        }
    }
    Ok(())
}

/// The clamped proportional split by pegging: units without points keep their floor; then,
/// repeatedly, the units whose proportional share breaks a limit get the limit, the side (floors
/// or caps) with the larger total violation first, until every free unit's share lies within its
/// limits. Returns what the free units share and their total weight.
fn peg(slots: &mut [Slot], rest: u128) -> Result<(u128, u128), Errors> {
    for s in slots.iter_mut().filter(|s| s.w == 0) {
        s.pinned = true;
        s.whole = s.lo;
        s.limit = if s.lo > 0 { Limit::Floor } else { Limit::None };
    }
    loop {
        let pinned = sum(slots.iter().filter(|s| s.pinned).map(|s| s.whole))?;
        let r = rest.checked_sub(pinned).ok_or_else(|| internal("limits"))?;
        let d = sum(slots.iter().filter(|s| !s.pinned).map(|s| s.w))?;
        if d == 0 {
            return if r == 0 { Ok((0, 1)) } else { Err(internal("no free unit")) };
        }
        let (mut low_a, mut low_b, mut high_a, mut high_b) = (0u128, 0u128, 0u128, 0u128);
        let (mut any_low, mut any_high) = (false, false);
        for s in slots.iter_mut().filter(|s| !s.pinned) {
            let (whole, rem) = exact::quota(r, s.w, d).ok_or_else(too_big)?;
            s.whole = whole;
            s.rem = rem;
            if whole < s.lo {
                any_low = true;
                low_a = low_a.checked_add(s.lo - whole).ok_or_else(too_big)?;
                low_b = low_b.checked_add(rem).ok_or_else(too_big)?;
            } else if whole > s.hi || (whole == s.hi && rem > 0) {
                any_high = true;
                high_a = high_a.checked_add(whole - s.hi).ok_or_else(too_big)?;
                high_b = high_b.checked_add(rem).ok_or_else(too_big)?;
            }
        }
        if !any_low && !any_high {
            return Ok((r, d));
        }
        // Total violations, times d: below the floors low_a·d − low_b, above the caps high_a·d + high_b.
        let below = U256::mul(low_a, d).checked_sub(U256::from_u128(low_b)).ok_or_else(|| internal("floors"))?;
        let above = U256::mul(high_a, d).checked_add(U256::from_u128(high_b)).ok_or_else(too_big)?;
        let order = below.cmp(&above);
        for s in slots.iter_mut().filter(|s| !s.pinned) {
            if order != Ordering::Less && s.whole < s.lo {
                (s.pinned, s.whole, s.rem, s.limit) = (true, s.lo, 0, Limit::Floor);
            } else if order != Ordering::Greater && (s.whole > s.hi || (s.whole == s.hi && s.rem > 0)) {
                (s.pinned, s.whole, s.rem, s.limit) = (true, s.hi, 0, Limit::Cap);
            }
        }
    }
}

/// The exact clamped proportional split, then rounding.
fn split<'a>(
    set: &'a CoefficientSet,
    mut out: Vec<UnitAllocation<'a>>,
    mut slots: Vec<Slot>,
    pool: Decimal,
    pool_w: u128,
    rounding_unit: Decimal,
    unit: u128,
) -> Result<Allocation<'a>, Errors> {
    if out.len() != slots.len() {
        return Err(internal("units"));
    }
    let total_w = weights(&out, &mut slots)?;
    let total_points = exact::sum(out.iter().map(|u| u.points)).ok_or_else(too_big)?.normalize();
    let norms = sum(slots.iter().map(|s| s.norm))?;
    let rest = after_norms(pool, pool_w, norms)?;
    feasible(&slots, pool, norms, rest, total_w)?;
    let (free_rest, free_w) = peg(&mut slots, rest)?;
    let leftover =
        rounding::largest_remainder(&slots, &mut out, unit, free_rest, free_w).ok_or_else(|| internal("rounding"))?;
    let total = exact_amounts(&mut out, &slots, total_points, free_w)?;
    // The method guarantees it; a mismatch is a bug, never a result.
    if total != pool {
        return Err(internal("sum"));
    }
    Ok(Allocation {
        coefficient_set: &set.id,
        illustrative: set.illustrative,
        pool,
        rounding_unit,
        norms_total: exact::dec(norms).ok_or_else(too_big)?,
        by_points: exact::dec(rest).ok_or_else(too_big)?,
        total_points,
        total,
        leftover: exact::dec(leftover).ok_or_else(too_big)?,
        rule: rounding::rule(),
        notes: illustrative_notes(set),
        units: out,
        table: None,
        set,
    })
}

/// What is left of the pool for points once the norms are taken off; the norms must fit.
fn after_norms(pool: Decimal, pool_w: u128, norms: u128) -> Result<u128, Errors> {
    if norms > pool_w {
        let (nv, ne) = money_u(norms);
        let (pv, pe) = money(pool);
        return Err(err(
            ErrorCode::PoolTooSmall,
            "/pool",
            format!("Các định mức cần {nv} đồng, vượt tổng vốn {pv} đồng."),
            format!("The norms need {ne} đồng, more than the pool of {pe} đồng."),
        )
        .into());
    }
    Ok(pool_w - norms)
}

/// Writes each unit's share, limit and exact amount before rounding, and the amount of a unit
/// held at a limit (rounding leaves those alone); returns the total of the amounts.
fn exact_amounts(
    out: &mut [UnitAllocation<'_>],
    slots: &[Slot],
    total_points: Decimal,
    free_w: u128,
) -> Result<Decimal, Errors> {
    let denominator = exact::dec(free_w).ok_or_else(too_big)?;
    let mut total = Decimal::ZERO;
    for (u, s) in out.iter_mut().zip(slots) {
        u.share = Share { numerator: u.points, denominator: total_points };
        u.limit = s.limit;
        let whole = s.norm.checked_add(s.whole).ok_or_else(too_big)?;
        if s.pinned {
            u.amount = exact::dec(whole).ok_or_else(too_big)?;
        }
        u.before_rounding = if s.rem == 0 {
            ExactAmount::whole(exact::dec(whole).ok_or_else(too_big)?)
        } else {
            ExactAmount {
                whole: exact::dec(whole).ok_or_else(too_big)?,
                numerator: exact::dec(s.rem).ok_or_else(too_big)?,
                denominator,
            }
        };
        total = total.checked_add(u.amount).ok_or_else(too_big)?;
    }
    Ok(total)
}

/// The note every allocation with an illustrative coefficient set carries.
fn illustrative_notes(set: &CoefficientSet) -> Vec<Text> {
    let mut notes = Vec::new();
    if set.illustrative {
        notes.push(Text::new(
            format!(
                "MINH HỌA: bộ hệ số '{}' là số liệu minh họa, không phải quy định pháp luật; bảng hệ số thật giai đoạn 2016-2020 (QĐ 48/2016/QĐ-TTg và nghị quyết của tỉnh) chưa được kiểm chứng.",
                set.id
            ),
            format!(
                "ILLUSTRATIVE: coefficient set '{}' is invented for examples, not law; the real 2016-2020 tables (QĐ 48/2016/QĐ-TTg and the provincial resolutions) are not verified.",
                set.id
            ),
        ));
    }
    notes
}
