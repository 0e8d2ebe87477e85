//! Each unit's points, norms and limits, with every problem of every unit reported at once: the
//! first half of an allocation.

use super::coefficients::{CoefficientSet, money_negative, negative};
use super::result::{ExactAmount, Limit, Share, UnitAllocation};
use super::rounding::Rounding;
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

/// Points, norms and limits of every unit, in the order given.
pub(crate) fn score_units<'a>(
    set: &'a CoefficientSet,
    units: &'a [Unit],
    unit: u128,
    amounts: &SetAmounts,
) -> Result<(Vec<UnitAllocation<'a>>, Vec<Slot>), Errors> {
    // The value keys the set knows, sorted, and where each criterion and norm count sits.
    let mut keys: Vec<&str> =
        set.criteria.iter().map(|c| c.id.as_str()).chain(set.norms.iter().map(|n| n.per.as_str())).collect();
    keys.sort_unstable();
    keys.dedup();
    let slot_of = |k: &str| keys.binary_search(&k).unwrap_or(0);
    let criterion_slot: Vec<usize> = set.criteria.iter().map(|c| slot_of(&c.id)).collect();
    let norm_slot: Vec<usize> = set.norms.iter().map(|n| slot_of(&n.per)).collect();

    let mut c = Collector::default();
    let mut ids: IdSet<'_> = IdSet::with_capacity_and_hasher(units.len(), Default::default());
    let mut vals: Vec<Option<Decimal>> = vec![None; keys.len()];
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
        // Merge the unit's sorted values with the sorted keys.
        vals.iter_mut().for_each(|v| *v = None);
        let mut k = 0;
        for (name, v) in &u.values {
            let name = name.as_str();
            if keys.get(k).is_some_and(|key| *key != name) {
                while keys.get(k).is_some_and(|key| *key < name) {
                    k += 1;
                }
            }
            match (keys.get(k), vals.get_mut(k)) {
                (Some(key), Some(slot)) if *key == name => {
                    if negative(*v) {
                        c.push(err(
                            ErrorCode::FactInvalid,
                            format!("{path}/values/{name}"),
                            format!("Giá trị '{name}' không được âm."),
                            format!("The value '{name}' cannot be negative."),
                        ));
                    }
                    *slot = Some(*v);
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
        let value_of = |s: usize, key: &str, c: &mut Collector| -> Option<Decimal> {
            let v = vals.get(s).copied().flatten();
            if v.is_none() {
                c.push(err(
                    ErrorCode::FactMissing,
                    format!("{path}/values/{key}"),
                    format!("Đơn vị '{}' thiếu giá trị '{key}'.", u.id),
                    format!("Unit '{}' has no value for '{key}'.", u.id),
                ));
            }
            v
        };
        let inexact = |at: String| {
            err(
                ErrorCode::FundingInvalid,
                at,
                "Số điểm cần quá 28 chữ số để tính chính xác; hãy làm tròn giá trị (ví dụ đến 2 chữ số thập phân)."
                    .into(),
                "The points need more than 28 digits to be computed exactly; round the value (to 2 decimals, say)."
                    .into(),
            )
        };

        terms.clear();
        let mut scored = true;
        for (cr, &s) in set.criteria.iter().zip(&criterion_slot) {
            let Some(value) = value_of(s, &cr.id, &mut c) else {
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
        let base = if scored { exact::sum_terms(&terms) } else { None };
        if scored && base.is_none() {
            c.push(inexact(format!("{path}/values")));
        }
        let mut multiplier = Some(Decimal::ONE);
        for p in &set.priorities {
            if u.status.contains(&p.id) {
                multiplier = multiplier.and_then(|m| exact::mul(m, p.multiplier));
            }
        }
        let points = match (base, multiplier) {
            (Some(b), Some(m)) => exact::mul(b, m),
            _ => None,
        };
        if base.is_some() && points.is_none() {
            c.push(inexact(format!("{path}/status")));
        }

        let mut norm_total = Some(0u128);
        for ((n, &s), amount) in set.norms.iter().zip(&norm_slot).zip(&amounts.norms) {
            let Some(count) = value_of(s, &n.per, &mut c) else { continue };
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

        let floor = match u.floor {
            Some(f) => whole_money(f, &format!("{path}/floor"), unit, &mut c),
            None => amounts.floor,
        };
        let cap = match u.cap {
            Some(f) => whole_money(f, &format!("{path}/cap"), unit, &mut c),
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
        if !c.is_empty() {
            continue;
        }
        let (Some(points), Some(base), Some(multiplier), Some(norm)) = (points, base, multiplier, norm_total) else {
            continue;
        };
        let Some(norm_amount) = exact::dec(norm) else { continue };
        out.push(UnitAllocation {
            unit: u,
            set,
            base_points: base,
            multiplier,
            points,
            share: Share { numerator: points, denominator: Decimal::ONE },
            norm_amount,
            limit: Limit::None,
            before_rounding: ExactAmount::whole(Decimal::ZERO),
            amount: Decimal::ZERO,
            rounding: Rounding::Exact,
            remainder_rank: None,
            messages: Vec::new(),
        });
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
