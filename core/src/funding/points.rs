//! Each unit's points, norms and limits, with every problem of every unit reported at once: the
//! first half of an allocation.
//!
//! The allocation's modules depend on each other along the data flow, never back: this module
//! uses `result` (the types an allocation returns), `rounding` uses both, and `allocate` uses all
//! three.

use super::coefficients::{CoefficientSet, money_negative, negative};
use super::result::{ExactAmount, Limit, Rounding, Share, UnitAllocation};
use super::units::Unit;
use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::exact;
use crate::text::{en_number, vi_number};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// A unit's working figures for the integer split, in đồng (and points on a common scale).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// Points × 10^scale (set by the split).
    pub w: u128,
    pub norm: u128,
    /// Least points part: floor − norms, at least 0.
    pub lo: u128,
    /// Most points part: cap − norms; `u128::MAX` without a cap.
    pub hi: u128,
    /// The points part: the exact quota's whole đồng, or the limit once pinned.
    pub whole: u128,
    /// The quota's remainder, over the free units' total weight.
    pub rem: u128,
    pub limit: Limit,
    /// Held at a limit (or without points), out of the proportional split.
    pub pinned: bool,
}

/// `/units/{i}`, written only when an error needs it.
#[derive(Clone, Copy)]
struct UnitPath(usize);

impl std::fmt::Display for UnitPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/units/{}", self.0)
    }
}

/// A fast, non-cryptographic hasher for the duplicate-id check.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // murmur3's finaliser: every input bit reaches the low bits the table indexes with.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word.iter_mut().zip(chunk).for_each(|(w, b)| *w = *b);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

type IdSet<'a> = HashSet<&'a str, std::hash::BuildHasherDefault<IdHasher>>;

pub(crate) fn err(code: ErrorCode, path: impl Into<String>, vi: String, en: String) -> Error {
    Error::new(code, path, vi, en)
}

pub(crate) fn money(d: Decimal) -> (String, String) {
    (vi_number(&d), en_number(&d))
}

pub(crate) fn money_u(v: u128) -> (String, String) {
    money(exact::dec(v).unwrap_or(Decimal::MAX))
}

/// A money input: whole, non-negative đồng and a multiple of the rounding unit.
pub(crate) fn whole_money(d: Decimal, path: &str, unit: u128, c: &mut Collector) -> Option<u128> {
    if negative(d) {
        c.push(money_negative(path, d));
        return None;
    }
    let Some(v) = exact::whole(d) else {
        let (vi, en) = money(d);
        c.push(err(
            ErrorCode::FundingInvalid,
            path,
            format!("Số tiền phải là số đồng nguyên ({vi})."),
            format!("The amount must be a whole number of đồng ({en})."),
        ));
        return None;
    };
    if unit > 1 && v % unit != 0 {
        let (vi, en) = money(d);
        let (uv, ue) = money_u(unit);
        c.push(err(
            ErrorCode::RoundingUnitInvalid,
            path,
            format!(
                "{vi} đồng không là bội số của đơn vị làm tròn {uv} đồng: mức sàn, trần và định mức phải là bội số."
            ),
            format!("{en} đồng is not a multiple of the rounding unit {ue} đồng: floors, caps and norms must be."),
        ));
        return None;
    }
    Some(v)
}

/// The set-level amounts, already checked.
pub(crate) struct SetAmounts {
    pub norms: Vec<Option<u128>>,
    pub floor: Option<u128>,
    pub cap: Option<u128>,
}

/// The value keys the set knows (criterion ids and norm counts), sorted, and where each
/// criterion's and each norm's value sits among them: a unit's values are then read in one
/// merge of two sorted lists, not one look-up per criterion.
struct Keys<'a> {
    sorted: Vec<&'a str>,
    criteria: Vec<usize>,
    norms: Vec<usize>,
}

impl<'a> Keys<'a> {
    fn of(set: &'a CoefficientSet) -> Keys<'a> {
        let mut sorted: Vec<&str> =
            set.criteria.iter().map(|c| c.id.as_str()).chain(set.norms.iter().map(|n| n.per.as_str())).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let slot_of = |k: &str| sorted.binary_search(&k).unwrap_or(0);
        let criteria = set.criteria.iter().map(|c| slot_of(&c.id)).collect();
        let norms = set.norms.iter().map(|n| slot_of(&n.per)).collect();
        Keys { sorted, criteria, norms }
    }
}

/// One unit's values in the order of the keys, and what to report when one is missing.
struct UnitValues<'v> {
    unit: &'v Unit,
    path: UnitPath,
    values: &'v [Option<Decimal>],
}

impl UnitValues<'_> {
    fn get(&self, slot: usize, key: &str, c: &mut Collector) -> Option<Decimal> {
        let v = self.values.get(slot).copied().flatten();
        if v.is_none() {
            c.push(err(
                ErrorCode::FactMissing,
                format!("{}/values/{key}", self.path),
                format!("Đơn vị '{}' thiếu giá trị '{key}'.", self.unit.id),
                format!("Unit '{}' has no value for '{key}'.", self.unit.id),
            ));
        }
        v
    }
}

/// A unit's points: the sum of its criteria points, times its priorities' multipliers.
struct Points {
    base: Decimal,
    multiplier: Decimal,
    points: Decimal,
}

/// Points, norms and limits of every unit, in the order given.
pub(crate) fn score_units<'a>(
    set: &'a CoefficientSet,
    units: &'a [Unit],
    unit: u128,
    amounts: &SetAmounts,
) -> Result<(Vec<UnitAllocation<'a>>, Vec<Slot>), Errors> {
    let keys = Keys::of(set);
    let mut c = Collector::default();
    let mut ids: IdSet<'_> = IdSet::with_capacity_and_hasher(units.len(), Default::default());
    // Reused from unit to unit: no allocation per unit but its result.
    let mut values: Vec<Option<Decimal>> = vec![None; keys.sorted.len()];
    let mut terms: Vec<Decimal> = Vec::with_capacity(set.criteria.len());
    let mut out = Vec::with_capacity(units.len());
    let mut slots = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let path = UnitPath(i);
        if !ids.insert(u.id.as_str()) {
            c.push(err(
                ErrorCode::UnitDuplicate,
                format!("{path}/id"),
                format!("Mã đơn vị '{}' bị trùng.", u.id),
                format!("The unit id '{}' appears twice.", u.id),
            ));
        }
        read_values(set, &keys.sorted, u, path, &mut values, &mut c);
        let values = UnitValues { unit: u, path, values: &values };
        let points = unit_points(set, &keys.criteria, &values, &mut terms, &mut c);
        let norm = unit_norms(set, &keys.norms, &values, &amounts.norms, &mut c);
        let (floor, cap) = unit_limits(u, path, unit, amounts, norm, &mut c);
        // Once any unit has a problem, the rest are only checked: there will be no split.
        if !c.is_empty() {
            continue;
        }
        let (Some(points), Some(norm)) = (points, norm) else { continue };
        let Some(norm_amount) = exact::dec(norm) else { continue };
        out.push(before_split(set, u, points, norm_amount));
        slots.push(Slot {
            w: 0,
            norm,
            lo: floor.map_or(0, |f| f.saturating_sub(norm)),
            hi: cap.map_or(u128::MAX, |cp| cp.saturating_sub(norm)),
            whole: 0,
            rem: 0,
            limit: Limit::None,
            pinned: false,
        });
    }
    c.finish((out, slots))
}

/// Reads the unit's values into `values`, in the order of `keys`: both are sorted, so one merge
/// finds every value; a negative value or a name no criterion or norm uses is an error.
fn read_values(
    set: &CoefficientSet,
    keys: &[&str],
    u: &Unit,
    path: UnitPath,
    values: &mut [Option<Decimal>],
    c: &mut Collector,
) {
    values.iter_mut().for_each(|v| *v = None);
    let mut k = 0;
    for (name, v) in &u.values {
        let name = name.as_str();
        if keys.get(k).is_some_and(|key| *key != name) {
            while keys.get(k).is_some_and(|key| *key < name) {
                k += 1;
            }
        }
        match (keys.get(k), values.get_mut(k)) {
            (Some(key), Some(slot)) if *key == name => {
                if negative(**v) {
                    c.push(err(
                        ErrorCode::FactInvalid,
                        format!("{path}/values/{name}"),
                        format!("Giá trị '{name}' không được âm."),
                        format!("The value '{name}' cannot be negative."),
                    ));
                }
                *slot = Some(**v);
                k += 1;
            }
            _ => c.push(err(
                ErrorCode::CriterionUnknown,
                format!("{path}/values/{name}"),
                format!("Bộ hệ số '{}' không có tiêu chí hay định mức nào dùng '{name}'.", set.id),
                format!("No criterion or norm of set '{}' uses '{name}'.", set.id),
            )),
        }
    }
}

/// Points that need more than 28 digits: an error, never rounded.
fn inexact(at: String) -> Error {
    err(
        ErrorCode::FundingInvalid,
        at,
        "Số điểm cần quá 28 chữ số để tính chính xác; hãy làm tròn giá trị (ví dụ đến 2 chữ số thập phân).".into(),
        "The points need more than 28 digits to be computed exactly; round the value (to 2 decimals, say).".into(),
    )
}

/// The unit's points, exactly; `None` (with its errors) when a value is missing or the points
/// need more than 28 digits. `terms` is scratch space.
fn unit_points(
    set: &CoefficientSet,
    criterion_slots: &[usize],
    values: &UnitValues<'_>,
    terms: &mut Vec<Decimal>,
    c: &mut Collector,
) -> Option<Points> {
    let path = values.path;
    terms.clear();
    let mut scored = true;
    for (cr, &s) in set.criteria.iter().zip(criterion_slots) {
        let Some(value) = values.get(s, &cr.id, c) else {
            scored = false;
            continue;
        };
        match cr.scoring.score(value.max(Decimal::ZERO)) {
            Some(sc) => terms.push(sc.points),
            None => {
                c.push(inexact(format!("{path}/values/{}", cr.id)));
                scored = false;
            }
        }
    }
    let base = if scored { exact::sum_terms(terms) } else { None };
    if scored && base.is_none() {
        c.push(inexact(format!("{path}/values")));
    }
    let mut multiplier = Some(Decimal::ONE);
    for p in &set.priorities {
        if values.unit.status.contains(&p.id) {
            multiplier = multiplier.and_then(|m| exact::mul(m, *p.multiplier));
        }
    }
    let base = base?;
    let points = multiplier.and_then(|m| exact::mul(base, m));
    if points.is_none() {
        c.push(inexact(format!("{path}/status")));
    }
    Some(Points { base, multiplier: multiplier?, points: points? })
}

/// The unit's fixed norms in đồng (each norm's amount times the unit's count); `None` (with its
/// errors) when a count is missing or not whole, or the total is out of range.
fn unit_norms(
    set: &CoefficientSet,
    norm_slots: &[usize],
    values: &UnitValues<'_>,
    amounts: &[Option<u128>],
    c: &mut Collector,
) -> Option<u128> {
    let path = values.path;
    let mut norm_total = Some(0u128);
    for ((n, &s), amount) in set.norms.iter().zip(norm_slots).zip(amounts) {
        let Some(count) = values.get(s, &n.per, c) else { continue };
        let Some(count) = exact::whole(count) else {
            c.push(err(
                ErrorCode::FactInvalid,
                format!("{path}/values/{}", n.per),
                format!("'{}' là số đếm, phải là số nguyên.", n.per),
                format!("'{}' is a count and must be a whole number.", n.per),
            ));
            continue;
        };
        let total = amount.and_then(|a| a.checked_mul(count)).filter(|t| exact::dec(*t).is_some());
        if total.is_none() && amount.is_some() {
            c.push(err(
                ErrorCode::FundingInvalid,
                format!("{path}/values/{}", n.per),
                "Định mức vượt quá phạm vi số tiền.".into(),
                "The norm exceeds the range of amounts.".into(),
            ));
        }
        norm_total = norm_total.and_then(|t| total.and_then(|x| t.checked_add(x)));
    }
    norm_total
}

/// The unit's floor and cap (its own, else the set's), checked against each other and against
/// its norms: a cap below either leaves no amount to give.
fn unit_limits(
    u: &Unit,
    path: UnitPath,
    rounding_unit: u128,
    amounts: &SetAmounts,
    norm_total: Option<u128>,
    c: &mut Collector,
) -> (Option<u128>, Option<u128>) {
    let floor = match u.floor {
        Some(f) => whole_money(*f, &format!("{path}/floor"), rounding_unit, c),
        None => amounts.floor,
    };
    let cap = match u.cap {
        Some(f) => whole_money(*f, &format!("{path}/cap"), rounding_unit, c),
        None => amounts.cap,
    };
    let cap_path = || if u.cap.is_some() { format!("{path}/cap") } else { "/coefficients/cap".to_string() };
    if let (Some(f), Some(cp)) = (floor, cap) {
        if cp < f {
            c.push(err(
                ErrorCode::FundingInvalid,
                cap_path(),
                format!("Mức trần của đơn vị '{}' thấp hơn mức sàn.", u.id),
                format!("The cap of unit '{}' is below its floor.", u.id),
            ));
        }
    }
    if let (Some(n), Some(cp)) = (norm_total, cap) {
        if cp < n {
            let (nv, ne) = money_u(n);
            let (cv, ce) = money_u(cp);
            c.push(err(
                ErrorCode::CapsTooSmall,
                cap_path(),
                format!("Định mức của đơn vị '{}' ({nv} đồng) vượt mức trần {cv} đồng.", u.id),
                format!("The norms of unit '{}' ({ne} đồng) exceed its cap of {ce} đồng.", u.id),
            ));
        }
    }
    (floor, cap)
}

/// A unit's result before the split: its points and norms; the split fills in the rest.
fn before_split<'a>(set: &'a CoefficientSet, u: &'a Unit, p: Points, norm_amount: Decimal) -> UnitAllocation<'a> {
    UnitAllocation {
        unit: u,
        set,
        base_points: p.base,
        multiplier: p.multiplier,
        points: p.points,
        share: Share { numerator: p.points, denominator: Decimal::ONE },
        norm_amount,
        limit: Limit::None,
        before_rounding: ExactAmount::whole(Decimal::ZERO),
        amount: Decimal::ZERO,
        rounding: Rounding::Exact,
        remainder_rank: None,
        messages: Vec::new(),
    }
}
