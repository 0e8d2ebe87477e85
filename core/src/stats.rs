//! Poverty statistics on batch results: households by class, deprivation rates per indicator
//! (among all households and among poor households, as provincial plans report them), survey
//! weights, a group key, and the Alkire-Foster measures H, A and M0.
//!
//! Rates are kept as exact fractions (`numerator / denominator`). `value` is their quotient to
//! rust_decimal's precision (28 significant digits); `percent` is for display only: the rate in
//! percent rounded half away from zero to 2 decimals, as the plans print it (52.409 of 123.221
//! households is 42,53%). Unweighted counts are exact integers; weights may be integers or exact
//! decimals, never floats.

use crate::batch::{Deprivations, UNCLASSIFIED};
use crate::classify::HouseholdClass;
use crate::error::{Error, ErrorCode, Errors, pointer};
use crate::standard::Standard;
use crate::text::Text;
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Survey weights, one per household.
#[derive(Debug, Clone, Copy)]
pub enum Weights<'a> {
    Integer(&'a [u64]),
    Decimal(&'a [Decimal]),
}

/// The columns statistics are computed on: the batch's class column and the deprivations it was
/// classified from, with optional weights and group key (district, commune, ethnicity, year...).
#[derive(Debug, Clone, Copy)]
pub struct StatsInput<'a> {
    pub class: &'a [u8],
    pub deprivations: Deprivations<'a>,
    pub weights: Option<Weights<'a>>,
    pub groups: Option<&'a [u32]>,
}

/// Options of the Alkire-Foster measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlkireFosterOptions {
    /// Poverty cutoff `k`: a household is multidimensionally poor when its weighted deprivation
    /// score (weights summing to 1) is at least `k`, with `0 < k <= 1`.
    pub cutoff: crate::number::ExactDecimal,
    /// Indicator weights in the standard's order (any non-negative scale; they are normalised).
    /// Absent: equal weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<crate::number::ExactDecimal>>,
}

/// A rate as an exact fraction, with its value and a display percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rate {
    #[schemars(with = "crate::json::DecimalSchema")]
    pub numerator: Decimal,
    #[schemars(with = "crate::json::DecimalSchema")]
    pub denominator: Decimal,
    /// `numerator / denominator` to 28 significant digits; absent when the denominator is 0.
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub value: Option<Decimal>,
    /// The value in percent, rounded half away from zero to 2 decimals, for display.
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub percent: Option<Decimal>,
}

impl Rate {
    pub fn new(numerator: Decimal, denominator: Decimal) -> Rate {
        let value = if denominator.is_zero() { None } else { numerator.checked_div(denominator) };
        let percent = value
            .and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED))
            .map(|p| p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero));
        Rate { numerator, denominator, value, percent }
    }
    /// `42,53%`: the display percentage in Vietnamese notation.
    pub fn percent_vi(&self) -> String {
        self.percent.map_or_else(|| "—".into(), |p| format!("{}%", crate::text::vi_number(&fixed2(p))))
    }
    /// `42.53%`: the display percentage in English notation.
    pub fn percent_en(&self) -> String {
        self.percent.map_or_else(|| "—".into(), |p| format!("{}%", crate::text::en_number(&fixed2(p))))
    }
}

fn fixed2(p: Decimal) -> Decimal {
    let mut p = p;
    p.rescale(2);
    p
}

/// Households of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassShare {
    pub class: HouseholdClass,
    #[schemars(with = "crate::json::DecimalSchema")]
    pub households: Decimal,
    /// Share of the classified households.
    pub rate: Rate,
}

/// One indicator's deprivation among all and among poor households.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorShare {
    pub id: String,
    pub code: String,
    pub name: Text,
    /// Deprived households among the classified ones, and their share.
    #[schemars(with = "crate::json::DecimalSchema")]
    pub deprived: Decimal,
    pub rate_all: Rate,
    /// Deprived households among poor ones, and their share of poor households (the plan's table).
    #[schemars(with = "crate::json::DecimalSchema")]
    pub deprived_poor: Decimal,
    pub rate_poor: Rate,
}

/// Alkire-Foster measures of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlkireFoster {
    #[schemars(with = "crate::json::DecimalSchema")]
    pub cutoff: Decimal,
    /// Normalised indicator weights (they sum to 1), as exact fractions.
    pub weights: Vec<Rate>,
    /// H: share of households whose weighted deprivation score is at least `k`.
    pub headcount_ratio: Rate,
    /// A: average deprivation score among them.
    pub intensity: Rate,
    /// M0 = H × A.
    pub adjusted_headcount_ratio: Rate,
    pub indicators: Vec<AfIndicator>,
}

/// One indicator in the Alkire-Foster decomposition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AfIndicator {
    pub id: String,
    /// Share of households that are multidimensionally poor and deprived in this indicator.
    pub censored_headcount: Rate,
    /// The indicator's share of M0 (weight × censored headcount / M0); the shares sum to 1.
    pub contribution: Rate,
}

/// Statistics of one group (or of all households).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupStatistics {
    /// The group key; absent for the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// Classified households (weighted when weights are given).
    #[schemars(with = "crate::json::DecimalSchema")]
    pub households: Decimal,
    /// Rows with class 0 (not classified), left out of every rate.
    #[schemars(with = "crate::json::DecimalSchema")]
    pub unclassified: Decimal,
    pub classes: Vec<ClassShare>,
    pub indicators: Vec<IndicatorShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alkire_foster: Option<AlkireFoster>,
}

impl GroupStatistics {
    pub fn class(&self, class: HouseholdClass) -> Option<&ClassShare> {
        self.classes.iter().find(|c| c.class == class)
    }
}

/// Statistics over a batch: the total and, with a group key, each group in key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Statistics {
    pub standard: String,
    pub weighted: bool,
    pub total: GroupStatistics,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupStatistics>,
}

/// Sums per group, in exact integers (unweighted, integer weights) or decimals.
trait Sum: Copy + Default {
    fn add(self, other: Self) -> Option<Self>;
    fn times(self, k: u128) -> Option<Self>;
    fn decimal(self) -> Option<Decimal>;
}

impl Sum for u128 {
    fn add(self, o: u128) -> Option<u128> {
        self.checked_add(o)
    }
    fn times(self, k: u128) -> Option<u128> {
        self.checked_mul(k)
    }
    fn decimal(self) -> Option<Decimal> {
        i128::try_from(self).ok().and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
    }
}

// Decimal weights sum exactly or not at all: rust_decimal's own `+` rounds past 28 digits, which
// would make the groups stop adding up to the total.
impl Sum for Decimal {
    fn add(self, o: Decimal) -> Option<Decimal> {
        crate::exact::add(self, o)
    }
    fn times(self, k: u128) -> Option<Decimal> {
        k.decimal().and_then(|k| crate::exact::mul(self, k))
    }
    fn decimal(self) -> Option<Decimal> {
        Some(self)
    }
}

#[derive(Clone, Copy, Default)]
struct Acc<S: Sum> {
    unclassified: S,
    class: [S; 4],
    deprived: [S; 16],
    deprived_poor: [S; 16],
    af_poor: S,
    af_score: S,
    af_censored: [S; 16],
}

/// Indicator weights scaled to integers, and `k` as an integer threshold on the scaled score.
struct AfPlan {
    weights: [u128; 16],
    total: u128,
    threshold: u128,
    cutoff: Decimal,
    normalised: Vec<Rate>,
}

fn option_error(path: &str, vi: &str, en: &str) -> Errors {
    Error::new(ErrorCode::OptionInvalid, path, vi, en).into()
}

fn af_plan(standard: &Standard, o: &AlkireFosterOptions) -> Result<AfPlan, Errors> {
    let n = standard.indicators.len();
    if o.cutoff <= Decimal::ZERO || o.cutoff > Decimal::ONE {
        return Err(option_error(
            "/alkire_foster/cutoff",
            "Ngưỡng k phải lớn hơn 0 và không quá 1.",
            "The cutoff k must be above 0 and at most 1.",
        ));
    }
    let given: Vec<Decimal> =
        o.weights.as_ref().map_or_else(|| vec![Decimal::ONE; n], |w| w.iter().map(|d| d.get()).collect());
    if given.len() != n {
        return Err(Error::new(
            ErrorCode::IndicatorColumnsMismatch,
            "/alkire_foster/weights",
            format!("Cần {n} trọng số (một cho mỗi chỉ số), nhận được {}.", given.len()),
            format!("{n} weights are needed (one per indicator); got {}.", given.len()),
        )
        .into());
    }
    if given.iter().any(|w| w.is_sign_negative() && !w.is_zero()) || given.iter().all(|w| w.is_zero()) {
        return Err(option_error(
            "/alkire_foster/weights",
            "Trọng số không được âm và phải có ít nhất một trọng số dương.",
            "Weights cannot be negative and at least one must be positive.",
        ));
    }
    // Scale every weight to an integer, w × 10^s with s the largest scale, exactly (Decimal's own
    // rescale would round a weight that cannot take s decimals).
    let scale = given.iter().map(|w| w.scale()).max().unwrap_or(0);
    let too_fine = || {
        option_error(
            "/alkire_foster/weights",
            "Trọng số quá lớn so với số chữ số thập phân của chúng để tính chính xác.",
            "The weights are too large for their number of decimals to be computed exactly.",
        )
    };
    let mut weights = [0u128; 16];
    for (slot, w) in weights.iter_mut().zip(&given) {
        *slot = crate::exact::scaled(*w, scale).ok_or_else(too_fine)?;
    }
    let total = weights.iter().try_fold(0u128, |t, &w| t.checked_add(w)).ok_or_else(too_fine)?;
    let total_dec = total.decimal().ok_or_else(too_fine)?;
    // score / total >= k  ⇔  score >= ceil(k × total), for an integer score; k × total on 256-bit
    // integers (k = mantissa / 10^scale, positive here), so no digit of k is rounded away.
    let threshold = u128::try_from(o.cutoff.mantissa())
        .ok()
        .and_then(|m| crate::exact::quota(m, total, 10u128.pow(o.cutoff.scale())))
        .and_then(|(q, r)| q.checked_add(u128::from(r > 0)))
        .unwrap_or(u128::MAX);
    let normalised = weights[..n].iter().map(|&w| Rate::new(w.decimal().unwrap_or_default(), total_dec)).collect();
    Ok(AfPlan { weights, total, threshold, cutoff: *o.cutoff, normalised })
}

fn length_error(name: &str, len: usize, n: usize) -> Errors {
    Error::new(
        ErrorCode::ColumnLengthMismatch,
        format!("/{name}"),
        format!("Cột '{name}' có {len} dòng, cột class có {n} dòng."),
        format!("Column '{name}' has {len} rows; the class column has {n}."),
    )
    .into()
}

/// Computes the statistics of a classified batch.
pub fn statistics(
    standard: &Standard,
    input: &StatsInput<'_>,
    alkire_foster: Option<&AlkireFosterOptions>,
) -> Result<Statistics, Errors> {
    let n = input.class.len();
    let k = standard.indicators.len();
    match input.deprivations {
        Deprivations::Mask(m) if m.len() != n => return Err(length_error("deprivations", m.len(), n)),
        Deprivations::Bools(c) if c.len() != k => return Err(columns_error(standard, c.len())),
        Deprivations::Bytes(c) if c.len() != k => return Err(columns_error(standard, c.len())),
        Deprivations::Bools(c) => {
            if let Some((i, col)) = c.iter().enumerate().find(|(_, col)| col.len() != n) {
                return Err(length_error(&format!("deprivations/{i}"), col.len(), n));
            }
        }
        Deprivations::Bytes(c) => {
            if let Some((i, col)) = c.iter().enumerate().find(|(_, col)| col.len() != n) {
                return Err(length_error(&format!("deprivations/{i}"), col.len(), n));
            }
        }
        Deprivations::Mask(_) => {}
    }
    if let Some(g) = input.groups.filter(|g| g.len() != n) {
        return Err(length_error("groups", g.len(), n));
    }
    let af = alkire_foster.map(|o| af_plan(standard, o)).transpose()?;
    match input.weights {
        None => run::<u128>(standard, input, af.as_ref(), |_| Some(1)),
        Some(Weights::Integer(w)) if w.len() != n => Err(length_error("weights", w.len(), n)),
        Some(Weights::Decimal(w)) if w.len() != n => Err(length_error("weights", w.len(), n)),
        Some(Weights::Integer(w)) => run::<u128>(standard, input, af.as_ref(), |i| w.get(i).map(|&x| u128::from(x))),
        Some(Weights::Decimal(w)) => run::<Decimal>(standard, input, af.as_ref(), |i| {
            w.get(i).copied().filter(|x| !x.is_sign_negative() || x.is_zero())
        }),
    }
}

fn columns_error(standard: &Standard, got: usize) -> Errors {
    let k = standard.indicators.len();
    Error::new(
        ErrorCode::IndicatorColumnsMismatch,
        "/deprivations",
        format!("Có {got} cột chỉ số; {} có {k} chỉ số.", standard.document),
        format!("{got} indicator columns given; {} has {k} indicators.", standard.document),
    )
    .into()
}

fn overflow() -> Errors {
    Error::new(
        ErrorCode::NumberInvalid,
        "/weights",
        "Tổng trọng số không biểu diễn chính xác được (quá 28-29 chữ số có nghĩa).",
        "The sum of weights cannot be held exactly (more than 28-29 significant digits).",
    )
    .into()
}

fn run<S: Sum>(
    standard: &Standard,
    input: &StatsInput<'_>,
    af: Option<&AfPlan>,
    weight: impl Fn(usize) -> Option<S>,
) -> Result<Statistics, Errors> {
    let k = standard.indicators.len();
    let valid: u16 = if k >= 16 { u16::MAX } else { ((1u32 << k) - 1) as u16 };
    let mut groups: Vec<(u32, Acc<S>)> = Vec::new();
    let mut slot_of: HashMap<u32, usize> = HashMap::new();
    let mut total = Acc::<S>::default();
    let mut last: Option<(u32, usize)> = None;
    for (i, &class) in input.class.iter().enumerate() {
        let w = weight(i).ok_or_else(|| {
            Errors::from(Error::new(
                ErrorCode::OptionInvalid,
                pointer(["weights", &i.to_string()]),
                "Trọng số không được âm.",
                "A weight cannot be negative.",
            ))
        })?;
        let acc = match input.groups {
            None => &mut total,
            Some(keys) => {
                let key = keys[i];
                // Survey files are usually sorted by area: remember the last group's slot.
                let slot = match last {
                    Some((k, s)) if k == key => s,
                    _ => {
                        let s = *slot_of.entry(key).or_insert_with(|| {
                            groups.push((key, Acc::default()));
                            groups.len() - 1
                        });
                        last = Some((key, s));
                        s
                    }
                };
                &mut groups[slot].1
            }
        };
        if class == UNCLASSIFIED || class > 4 {
            acc.unclassified = acc.unclassified.add(w).ok_or_else(overflow)?;
            continue;
        }
        let c = usize::from(class - 1);
        acc.class[c] = acc.class[c].add(w).ok_or_else(overflow)?;
        let set = input.deprivations.set(i, k).ok_or_else(|| {
            Errors::from(Error::new(
                ErrorCode::IndicatorValueInvalid,
                pointer(["deprivations", &i.to_string()]),
                "Ô chỉ số phải là 0 hoặc 1.",
                "An indicator cell is 0 or 1.",
            ))
        })?;
        let mut bits = set.bits() & valid;
        let poor = class == HouseholdClass::Poor.code();
        let mut score: u128 = 0;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            acc.deprived[j] = acc.deprived[j].add(w).ok_or_else(overflow)?;
            if poor {
                acc.deprived_poor[j] = acc.deprived_poor[j].add(w).ok_or_else(overflow)?;
            }
            if let Some(p) = af {
                score += p.weights[j];
            }
        }
        if let Some(p) = af {
            if score >= p.threshold && score > 0 {
                acc.af_poor = acc.af_poor.add(w).ok_or_else(overflow)?;
                acc.af_score = acc.af_score.add(w.times(score).ok_or_else(overflow)?).ok_or_else(overflow)?;
                let mut bits = set.bits() & valid;
                while bits != 0 {
                    let j = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    acc.af_censored[j] = acc.af_censored[j].add(w).ok_or_else(overflow)?;
                }
            }
        }
    }
    groups.sort_by_key(|g| g.0);
    if input.groups.is_some() {
        for (_, g) in &groups {
            total = merge(&total, g).ok_or_else(overflow)?;
        }
    }
    let finish = |key: Option<u32>, acc: &Acc<S>| finish(standard, key, acc, af);
    Ok(Statistics {
        standard: standard.id.clone(),
        weighted: input.weights.is_some(),
        total: finish(None, &total).ok_or_else(overflow)?,
        groups: groups.iter().map(|(key, a)| finish(Some(*key), a)).collect::<Option<Vec<_>>>().ok_or_else(overflow)?,
    })
}

fn merge<S: Sum>(a: &Acc<S>, b: &Acc<S>) -> Option<Acc<S>> {
    let mut out = *a;
    out.unclassified = a.unclassified.add(b.unclassified)?;
    for i in 0..4 {
        out.class[i] = a.class[i].add(b.class[i])?;
    }
    for j in 0..16 {
        out.deprived[j] = a.deprived[j].add(b.deprived[j])?;
        out.deprived_poor[j] = a.deprived_poor[j].add(b.deprived_poor[j])?;
        out.af_censored[j] = a.af_censored[j].add(b.af_censored[j])?;
    }
    out.af_poor = a.af_poor.add(b.af_poor)?;
    out.af_score = a.af_score.add(b.af_score)?;
    Some(out)
}

fn finish<S: Sum>(
    standard: &Standard,
    group: Option<u32>,
    acc: &Acc<S>,
    af: Option<&AfPlan>,
) -> Option<GroupStatistics> {
    let mut households = Decimal::ZERO;
    let mut by_class = [Decimal::ZERO; 4];
    for (slot, s) in by_class.iter_mut().zip(&acc.class) {
        *slot = s.decimal()?;
        households = crate::exact::add(households, *slot)?;
    }
    let poor = by_class[0];
    let classes = HouseholdClass::ALL
        .iter()
        .zip(by_class)
        .map(|(&class, count)| ClassShare { class, households: count, rate: Rate::new(count, households) })
        .collect();
    let mut indicators = Vec::with_capacity(standard.indicators.len());
    for (j, ind) in standard.indicators.iter().enumerate() {
        let (all, among_poor) = (acc.deprived[j].decimal()?, acc.deprived_poor[j].decimal()?);
        indicators.push(IndicatorShare {
            id: ind.id.clone(),
            code: ind.code.clone(),
            name: ind.name.clone(),
            deprived: all,
            rate_all: Rate::new(all, households),
            deprived_poor: among_poor,
            rate_poor: Rate::new(among_poor, poor),
        });
    }
    let alkire_foster = match af {
        None => None,
        Some(p) => {
            let q = acc.af_poor.decimal()?;
            let score = acc.af_score.decimal()?;
            let total_w = p.total.decimal()?;
            let mut af_indicators = Vec::with_capacity(standard.indicators.len());
            for (j, ind) in standard.indicators.iter().enumerate() {
                let censored = acc.af_censored[j].decimal()?;
                let weighted = acc.af_censored[j].times(p.weights[j])?.decimal()?;
                af_indicators.push(AfIndicator {
                    id: ind.id.clone(),
                    censored_headcount: Rate::new(censored, households),
                    contribution: Rate::new(weighted, score),
                });
            }
            Some(AlkireFoster {
                cutoff: p.cutoff,
                weights: p.normalised.clone(),
                headcount_ratio: Rate::new(q, households),
                intensity: Rate::new(score, crate::exact::mul(q, total_w)?),
                adjusted_headcount_ratio: Rate::new(score, crate::exact::mul(households, total_w)?),
                indicators: af_indicators,
            })
        }
    };
    Some(GroupStatistics {
        group,
        households,
        unclassified: acc.unclassified.decimal()?,
        classes,
        indicators,
        alkire_foster,
    })
}
