//! What an allocation returns: the split as a whole and each unit's result, with the numbers
//! that explain it (points per criterion, share as an exact fraction, norms, limit, amount before
//! and after rounding). JSON writes each unit as [`UnitJson`].

use super::coefficients::{CoefficientSet, Scored};
use super::units::Unit;
use crate::exact;
use crate::json::DecimalSchema;
use crate::stats::Rate;
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// The split of a pool, unit by unit, in the order the units were given.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Allocation<'a> {
    /// Id of the coefficient set used.
    pub coefficient_set: &'a str,
    /// `true` when the coefficients (or the unit figures) are illustrative, not law or statistics.
    pub illustrative: bool,
    #[schemars(with = "DecimalSchema")]
    pub pool: Decimal,
    #[schemars(with = "DecimalSchema")]
    pub rounding_unit: Decimal,
    /// Fixed norms of all units, taken off the pool first.
    #[schemars(with = "DecimalSchema")]
    pub norms_total: Decimal,
    /// `pool − norms_total`: what is shared by points (floors and caps included).
    #[schemars(with = "DecimalSchema")]
    pub by_points: Decimal,
    #[schemars(with = "DecimalSchema")]
    pub total_points: Decimal,
    /// The sum of the units' amounts: always equal to `pool`.
    #[schemars(with = "DecimalSchema")]
    pub total: Decimal,
    /// The last step of rounding when the shared amount is not a multiple of the rounding unit
    /// (less than one unit, given whole to the next unit in the largest-remainder order); 0 otherwise.
    #[schemars(with = "DecimalSchema")]
    pub leftover: Decimal,
    /// The rounding rule and tie-break, in words.
    pub rule: Text,
    pub notes: Vec<Text>,
    #[schemars(with = "Vec<UnitJson<'a>>")]
    pub units: Vec<UnitAllocation<'a>>,
    /// The allocation as a table (one row per unit and a total row), laid out by core for every
    /// binding to render; filled by [`Allocation::explain`] (the JSON door always does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<crate::table::Table>,
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) set: &'a CoefficientSet,
}

/// One unit's result, with everything needed to explain it. Ids, names, values, priorities and
/// norms are read from the unit and the coefficient set it borrows; the numbers computed are kept
/// here. In JSON it is written as [`UnitJson`].
#[derive(Debug, Clone)]
pub struct UnitAllocation<'a> {
    pub(crate) unit: &'a Unit,
    pub(crate) set: &'a CoefficientSet,
    /// Sum of the criteria points.
    pub base_points: Decimal,
    /// Product of the multipliers of the priorities applied (1 when none).
    pub multiplier: Decimal,
    /// `base_points × multiplier`.
    pub points: Decimal,
    /// `points / total_points`, an exact fraction.
    pub share: Share,
    /// The unit's fixed norms, in đồng.
    pub norm_amount: Decimal,
    /// Which limit fixed the amount, if any.
    pub limit: Limit,
    /// The exact amount before rounding (norms + share of points, or the limit).
    pub before_rounding: ExactAmount,
    /// The amount after rounding, in đồng.
    pub amount: Decimal,
    pub rounding: Rounding,
    /// Place in the largest-remainder order (1 = first served), for units with a remainder.
    pub remainder_rank: Option<u32>,
    /// The explanation in words; filled by [`Allocation::explain`] (the JSON door always does).
    pub messages: Vec<Text>,
}

impl<'a> UnitAllocation<'a> {
    pub fn id(&self) -> &'a str {
        &self.unit.id
    }
    pub fn name(&self) -> &'a str {
        &self.unit.name
    }
    /// The unit as given.
    pub fn unit(&self) -> &'a Unit {
        self.unit
    }
    /// Points per criterion, in the set's order (scored again from the unit's values: scoring is
    /// deterministic and was checked exact when the allocation was made).
    pub fn criteria(&self) -> Vec<CriterionScore<'a>> {
        let unit = self.unit;
        self.set
            .criteria
            .iter()
            .map(|c| {
                let value = unit.values.get(&c.id).copied().unwrap_or_default();
                let s = c.scoring.score(*value).unwrap_or(Scored { points: Decimal::ZERO, band: None });
                CriterionScore { criterion: &c.id, value: *value, points: s.points, band: s.band }
            })
            .collect()
    }
    /// Ids of the priorities applied, in the set's order.
    pub fn priorities(&self) -> Vec<&'a str> {
        let unit = self.unit;
        self.set.priorities.iter().filter(|p| unit.status.contains(&p.id)).map(|p| p.id.as_str()).collect()
    }
    /// The unit's fixed norms, one per norm of the set.
    pub fn norms(&self) -> Vec<NormAmount<'a>> {
        let unit = self.unit;
        self.set
            .norms
            .iter()
            .map(|n| {
                let count = unit.values.get(&n.per).copied().unwrap_or_default();
                NormAmount { norm: &n.id, count: *count, amount: exact::mul(*n.amount, *count).unwrap_or_default() }
            })
            .collect()
    }
    /// The unit's floor (its own or the set's), when any.
    pub fn floor(&self) -> Option<Decimal> {
        self.unit.floor.or(self.set.floor).map(Decimal::from)
    }
    /// The unit's cap (its own or the set's), when any.
    pub fn cap(&self) -> Option<Decimal> {
        self.unit.cap.or(self.set.cap).map(Decimal::from)
    }
}

/// One unit's allocation as JSON writes it.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "UnitAllocation")]
pub struct UnitJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Points per criterion, in the set's order.
    pub criteria: Vec<CriterionScore<'a>>,
    /// Sum of the criteria points.
    #[serde(serialize_with = "normalized")]
    #[schemars(with = "DecimalSchema")]
    pub base_points: Decimal,
    /// Ids of the priorities applied.
    pub priorities: Vec<&'a str>,
    /// Product of their multipliers (1 when none).
    #[serde(serialize_with = "normalized")]
    #[schemars(with = "DecimalSchema")]
    pub multiplier: Decimal,
    /// `base_points × multiplier`.
    #[serde(serialize_with = "normalized")]
    #[schemars(with = "DecimalSchema")]
    pub points: Decimal,
    /// `points / total_points`, an exact fraction.
    #[schemars(with = "Rate")]
    pub share: Share,
    /// The fixed norms of the unit.
    pub norms: Vec<NormAmount<'a>>,
    #[schemars(with = "DecimalSchema")]
    pub norm_amount: Decimal,
    /// The unit's floor (its own or the set's), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub floor: Option<Decimal>,
    /// The unit's cap (its own or the set's), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub cap: Option<Decimal>,
    /// Which limit fixed the amount, if any.
    pub limit: Limit,
    /// The exact amount before rounding (norms + share of points, or the limit).
    #[schemars(with = "ExactJson")]
    pub before_rounding: ExactAmount,
    /// The amount after rounding, in đồng.
    #[schemars(with = "DecimalSchema")]
    pub amount: Decimal,
    pub rounding: Rounding,
    /// Place in the largest-remainder order (1 = first served), for units with a remainder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remainder_rank: Option<u32>,
    /// The explanation in words (vi and en).
    #[serde(skip_serializing_if = "<[Text]>::is_empty")]
    pub messages: &'a [Text],
}

impl Serialize for UnitAllocation<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        UnitJson {
            id: self.id(),
            name: self.name(),
            criteria: self.criteria(),
            base_points: self.base_points,
            priorities: self.priorities(),
            multiplier: self.multiplier,
            points: self.points,
            share: self.share,
            norms: self.norms(),
            norm_amount: self.norm_amount,
            floor: self.floor(),
            cap: self.cap(),
            limit: self.limit,
            before_rounding: self.before_rounding,
            amount: self.amount,
            rounding: self.rounding,
            remainder_rank: self.remainder_rank,
            messages: &self.messages,
        }
        .serialize(s)
    }
}

/// Points of one criterion for one unit.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub struct CriterionScore<'a> {
    pub criterion: &'a str,
    #[schemars(with = "DecimalSchema")]
    pub value: Decimal,
    #[serde(serialize_with = "normalized")]
    #[schemars(with = "DecimalSchema")]
    pub points: Decimal,
    /// The band used (0-based), for a banded table; absent for a linear rate or below every band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<u32>,
}

/// Writes a decimal without trailing zeros (`1.400` as `1.4`): points keep the scale of their
/// computation, JSON shows their value.
fn normalized<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    Serialize::serialize(&d.normalize(), s)
}

/// One fixed norm of one unit.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub struct NormAmount<'a> {
    pub norm: &'a str,
    #[schemars(with = "DecimalSchema")]
    pub count: Decimal,
    #[schemars(with = "DecimalSchema")]
    pub amount: Decimal,
}

/// Which limit decided a unit's amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// The unit's share of points, unlimited.
    None,
    /// Its share was below its floor: it gets the floor.
    Floor,
    /// Its share was above its cap: it gets the cap.
    Cap,
}

/// What rounding did to a unit (by the largest-remainder rule of the `rounding` module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Nothing: the exact amount is already a multiple of the rounding unit (or a limit).
    Exact,
    /// Rounded down: its remainder came too late in the order.
    Down,
    /// Rounded up by one rounding unit.
    Up,
    /// Rounded down, then given the last partial step (less than one rounding unit).
    Partial,
}

/// An exact fraction `numerator / denominator` (a share of points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub numerator: Decimal,
    pub denominator: Decimal,
}

impl Share {
    /// The fraction with its value (28 significant digits) and percent, as statistics give rates.
    pub fn rate(&self) -> Rate {
        Rate::new(self.numerator.normalize(), self.denominator.normalize())
    }
}

impl Serialize for Share {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rate().serialize(s)
    }
}

/// An exact amount of đồng: `whole + numerator / denominator`, with `numerator < denominator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExactAmount {
    pub whole: Decimal,
    pub numerator: Decimal,
    pub denominator: Decimal,
}

impl ExactAmount {
    pub(crate) fn whole(whole: Decimal) -> ExactAmount {
        ExactAmount { whole, numerator: Decimal::ZERO, denominator: Decimal::ONE }
    }
    /// The value to 28 significant digits (exact when the fraction is 0).
    pub fn value(&self) -> Decimal {
        if self.numerator.is_zero() {
            return self.whole;
        }
        self.numerator.checked_div(self.denominator).and_then(|f| self.whole.checked_add(f)).unwrap_or(self.whole)
    }
    pub fn is_whole(&self) -> bool {
        self.numerator.is_zero()
    }
}

/// How an [`ExactAmount`] is written in JSON.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "ExactAmount")]
pub struct ExactJson {
    /// Whole đồng.
    #[schemars(with = "DecimalSchema")]
    pub whole: Decimal,
    /// The fraction of a đồng, `numerator / denominator`.
    #[schemars(with = "DecimalSchema")]
    pub numerator: Decimal,
    #[schemars(with = "DecimalSchema")]
    pub denominator: Decimal,
    /// `whole + numerator / denominator` to 28 significant digits.
    #[schemars(with = "DecimalSchema")]
    pub value: Decimal,
}

impl Serialize for ExactAmount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ExactJson { whole: self.whole, numerator: self.numerator, denominator: self.denominator, value: self.value() }
            .serialize(s)
    }
}
