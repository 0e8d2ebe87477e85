//! Each unit's allocation in words (Vietnamese and English): points per criterion, priorities,
//! share, norms, the limit applied, and rounding. Rendered on demand: the numbers of an
//! [`Allocation`] are the explanation, these sentences say them.

use super::coefficients::{Band, Boundary, CoefficientSet, Criterion, Scoring};
use super::result::{Allocation, CriterionScore, Limit, NormAmount, Rounding, UnitAllocation};
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;

fn n(d: Decimal) -> (String, String) {
    let d = d.normalize();
    (vi_number(&d), en_number(&d))
}

impl Allocation<'_> {
    /// Fills every unit's `messages`.
    pub fn explain(&mut self) {
        let set = self.set;
        let unit = self.rounding_unit;
        for u in &mut self.units {
            u.messages = unit_messages(set, u, unit);
        }
        self.table = Some(super::table::allocation_table_model(self));
    }

    /// The coefficient set the allocation used.
    pub fn coefficients(&self) -> &CoefficientSet {
        self.set
    }
}

fn band_words(boundary: Boundary, bands: &[Band], i: usize) -> (String, String) {
    let Some(b) = bands.get(i) else { return (String::new(), String::new()) };
    let (fv, fe) = n(*b.from);
    let next = bands.get(i + 1).map(|x| n(*x.from));
    match (boundary, next) {
        (Boundary::LowerInclusive, Some((tv, te))) => {
            (format!("từ {fv} đến dưới {tv}"), format!("from {fe} to under {te}"))
        }
        (Boundary::LowerInclusive, None) => (format!("từ {fv} trở lên"), format!("{fe} and above")),
        (Boundary::UpperInclusive, Some((tv, te))) if i == 0 => {
            (format!("từ {fv} đến {tv}"), format!("from {fe} up to {te}"))
        }
        (Boundary::UpperInclusive, Some((tv, te))) => (format!("trên {fv} đến {tv}"), format!("above {fe} up to {te}")),
        (Boundary::UpperInclusive, None) => (format!("trên {fv}"), format!("above {fe}")),
    }
}

/// A unit's explanation: one sentence per criterion, then its points, share, norms, limit and
/// rounding.
fn unit_messages(set: &CoefficientSet, u: &UnitAllocation<'_>, rounding_unit: Decimal) -> Vec<Text> {
    let mut out = Vec::with_capacity(set.criteria.len() + 5);
    for (cr, s) in set.criteria.iter().zip(&u.criteria()) {
        out.push(criterion_message(cr, s));
    }
    out.push(points_message(set, u));
    out.push(share_message(u));
    for nm in &u.norms() {
        out.push(norm_message(set, nm));
    }
    out.extend(limit_message(u));
    out.push(rounding_message(u, rounding_unit));
    out
}

/// `name: value measure → points (rule)`.
fn criterion_message(cr: &Criterion, s: &CriterionScore<'_>) -> Text {
    let (vv, ve) = n(s.value);
    let (pv, pe) = n(s.points);
    let (rule_vi, rule_en) = match &cr.scoring {
        Scoring::Linear { points_per_unit } => {
            let (rv, re) = n(**points_per_unit);
            (format!("{rv} điểm / {}", cr.measure.vi), format!("{re} points / {}", cr.measure.en))
        }
        Scoring::Bands { boundary, bands } => match s.band {
            Some(i) => band_rule(*boundary, bands, i as usize),
            None => ("dưới mọi khoảng của bảng".to_string(), "below every band of the table".to_string()),
        },
    };
    Text::new(
        format!("{}: {vv} {} → {pv} điểm ({rule_vi}).", cr.name.vi, cr.measure.vi),
        format!("{}: {ve} {} → {pe} points ({rule_en}).", cr.name.en, cr.measure.en),
    )
}

/// The band used (1-based in words), its range and its increment, if any.
fn band_rule(boundary: Boundary, bands: &[Band], i: usize) -> (String, String) {
    let (wv, we) = band_words(boundary, bands, i);
    let inc = bands.get(i).and_then(|b| b.increment.as_ref()).map(|inc| {
        let (ev, ee) = n(*inc.every);
        let (iv, ie) = n(*inc.points);
        (format!(", cứ {ev} thêm {iv} điểm"), format!(", plus {ie} points per full {ee}"))
    });
    let (iv, ie) = inc.unwrap_or_default();
    (format!("khoảng {}: {wv}{iv}", i + 1), format!("band {}: {we}{ie}", i + 1))
}

/// The total points, and the priority multipliers that made them when any applied.
fn points_message(set: &CoefficientSet, u: &UnitAllocation<'_>) -> Text {
    let (bv, be) = n(u.base_points);
    let (pv, pe) = n(u.points);
    let priorities = u.priorities();
    if priorities.is_empty() {
        return Text::new(format!("Tổng điểm: {bv}."), format!("Total points: {be}."));
    }
    let names: Vec<(String, String)> = set
        .priorities
        .iter()
        .filter(|p| priorities.contains(&p.id.as_str()))
        .map(|p| {
            let (mv, me) = n(*p.multiplier);
            (format!("{} × {mv}", p.name.vi), format!("{} × {me}", p.name.en))
        })
        .collect();
    let vi: Vec<&str> = names.iter().map(|x| x.0.as_str()).collect();
    let en: Vec<&str> = names.iter().map(|x| x.1.as_str()).collect();
    Text::new(
        format!("Tổng điểm {bv}, nhân hệ số ưu tiên ({}) = {pv} điểm.", vi.join("; ")),
        format!("Total points {be}, times the priority multipliers ({}) = {pe} points.", en.join("; ")),
    )
}

fn share_message(u: &UnitAllocation<'_>) -> Text {
    let (pv, pe) = n(u.points);
    let rate = u.share.rate();
    let (tv, te) = n(u.share.denominator);
    Text::new(
        format!("Tỷ lệ điểm: {pv} / {tv} = {}.", rate.percent_vi()),
        format!("Share of points: {pe} / {te} = {}.", rate.percent_en()),
    )
}

fn norm_message(set: &CoefficientSet, nm: &NormAmount<'_>) -> Text {
    let name = set.norms.iter().find(|x| x.id == nm.norm).map(|x| x.name.clone());
    let name = name.unwrap_or_else(|| Text::new(nm.norm, nm.norm));
    let per = set.norms.iter().find(|x| x.id == nm.norm).map_or(Decimal::ZERO, |x| *x.amount);
    let (cv, ce) = n(nm.count);
    let (av, ae) = n(per);
    let (tv, te) = n(nm.amount);
    Text::new(
        format!("Định mức {}: {cv} × {av} = {tv} đồng, trừ trước khỏi tổng vốn.", name.vi),
        format!("Norm {}: {ce} × {ae} = {te} đồng, taken off the pool first.", name.en),
    )
}

/// The floor or cap that fixed the amount; `None` for a unit that shares by points.
fn limit_message(u: &UnitAllocation<'_>) -> Option<Text> {
    match u.limit {
        Limit::Floor => {
            let (fv, fe) = n(u.floor().unwrap_or_default());
            Some(Text::new(
                format!(
                    "Áp dụng mức sàn: phần theo điểm thấp hơn mức sàn {fv} đồng, đơn vị nhận đúng mức sàn (kể cả định mức); các đơn vị khác chia phần còn lại theo điểm."
                ),
                format!(
                    "Floor applied: its share of points was below its floor of {fe} đồng, so it gets the floor (norms included); the other units share the rest by points."
                ),
            ))
        }
        Limit::Cap => {
            let (cv, ce) = n(u.cap().unwrap_or_default());
            Some(Text::new(
                format!(
                    "Áp dụng mức trần: phần theo điểm vượt mức trần {cv} đồng, đơn vị nhận đúng mức trần (kể cả định mức); phần dư chia cho các đơn vị khác theo điểm."
                ),
                format!(
                    "Cap applied: its share of points exceeded its cap of {ce} đồng, so it gets the cap (norms included); the excess goes to the other units by points."
                ),
            ))
        }
        Limit::None => None,
    }
}

/// The exact amount before rounding, what rounding did, and the amount after.
fn rounding_message(u: &UnitAllocation<'_>, rounding_unit: Decimal) -> Text {
    let (av, ae) = n(u.amount);
    let before = u.before_rounding;
    let (xv, xe) = if before.is_whole() {
        n(before.whole)
    } else {
        let (wv, we) = n(before.whole);
        let (nv, ne) = n(before.numerator);
        let (dv, de) = n(before.denominator);
        (format!("{wv} + {nv}/{dv}"), format!("{we} + {ne}/{de}"))
    };
    let (uv, ue) = n(rounding_unit);
    let rank = u.remainder_rank.map_or(String::new(), |r| r.to_string());
    let (rv, re) = match u.rounding {
        Rounding::Exact => ("không cần làm tròn".to_string(), "no rounding needed".to_string()),
        Rounding::Down => (
            format!("làm tròn xuống bội số của {uv} (thứ {rank} theo số dư)"),
            format!("rounded down to a multiple of {ue} (remainder rank {rank})"),
        ),
        Rounding::Up => (
            format!("làm tròn lên thêm {uv} (thứ {rank} theo số dư)"),
            format!("rounded up by {ue} (remainder rank {rank})"),
        ),
        Rounding::Partial => (
            format!("làm tròn xuống rồi nhận phần lẻ cuối cùng của tổng vốn (thứ {rank} theo số dư)"),
            format!("rounded down, then given the pool's last partial step (remainder rank {rank})"),
        ),
    };
    Text::new(
        format!("Trước làm tròn {xv} đồng; {rv}: {av} đồng."),
        format!("Before rounding {xe} đồng; {re}: {ae} đồng."),
    )
}
