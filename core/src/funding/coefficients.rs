//! Coefficient sets: the criteria of the points method (in QĐ 48/2016's four groups), each scored
//! by a linear rate or a banded table, fixed per-unit norms, priority multipliers, floors and caps.
//! They are caller data, validated like the embedded example. The real 2016-2020 tables are not in
//! our reference, so the embedded set is ILLUSTRATIVE: it says so in its data and is never law.

use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::exact;
use crate::source::{Citation, Confidence};
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

const EMBEDDED: &[(&str, &str)] =
    &[("illustrative-points-2016", include_str!("../../data/funding/coefficients-illustrative-2016.json"))];

/// A coefficient set for the points method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoefficientSet {
    /// Editors may point at `schemas/coefficient-set.schema.json`; ignored by the library.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub id: String,
    pub name: Text,
    /// `true` when the coefficients are invented for examples and tests: never law. Every
    /// allocation made with such a set says so.
    pub illustrative: bool,
    /// Source key of the rule the set applies (a provincial resolution, QĐ 48/2016...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub criteria: Vec<Criterion>,
    /// Fixed amounts per unit, taken off the pool before the points split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub norms: Vec<Norm>,
    /// Multipliers of a unit's points for a status it has (a 30a poor district...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// Least amount of every unit, in đồng (norms included); a unit may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<crate::number::Money>,
    /// Most amount of every unit, in đồng (norms included); a unit may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<crate::number::Money>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// The four criteria groups of QĐ 48/2016/QĐ-TTg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CriterionGroup {
    /// 1. Dân số và dân tộc thiểu số.
    PopulationEthnicMinority,
    /// 2. Tỷ lệ hộ nghèo và quy mô hộ nghèo.
    Poverty,
    /// 3. Diện tích đất tự nhiên.
    NaturalArea,
    /// 4. Đơn vị hành chính và các huyện có xã biên giới.
    AdministrativeUnits,
}

impl CriterionGroup {
    pub fn name(self) -> Text {
        match self {
            CriterionGroup::PopulationEthnicMinority => {
                Text::new("Dân số và dân tộc thiểu số", "Population and ethnic minorities")
            }
            CriterionGroup::Poverty => {
                Text::new("Tỷ lệ hộ nghèo và quy mô hộ nghèo", "Poverty rate and number of poor households")
            }
            CriterionGroup::NaturalArea => Text::new("Diện tích đất tự nhiên", "Natural area"),
            CriterionGroup::AdministrativeUnits => {
                Text::new("Đơn vị hành chính và xã biên giới", "Administrative units and border communes")
            }
        }
    }
}

/// One criterion: a value each unit gives (under `id` in its `values`) and how it scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Key of the value in each unit's `values`.
    pub id: String,
    pub group: CriterionGroup,
    pub name: Text,
    /// What one unit of the value is: `người / persons`, `% hộ / % of households`, `km²`...
    pub measure: Text,
    pub scoring: Scoring,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// How a value turns into points. Points are never negative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scoring {
    /// `points = value × points_per_unit`.
    Linear { points_per_unit: crate::number::ExactDecimal },
    /// A table of bands by their lower bound `from`, in increasing order. The band of a value is
    /// the last whose bound it reaches (`lower_inclusive`: `from ≤ value`, "từ A đến dưới B") or
    /// passes (`upper_inclusive`: `from < value`, "trên A đến B"; the first band also takes
    /// `value = from`). A value below the first band scores 0.
    Bands {
        #[serde(default)]
        boundary: Boundary,
        bands: Vec<Band>,
    },
}

/// Which end of a band its bound belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// `from ≤ value < next.from` ("từ … đến dưới …").
    #[default]
    LowerInclusive,
    /// `from < value ≤ next.from` ("trên … đến …").
    UpperInclusive,
}

/// One band: fixed points, plus optional points for every full step above `from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: crate::number::ExactDecimal,
    pub points: crate::number::ExactDecimal,
    /// "cứ `every` … tăng thêm `points` điểm": whole steps above `from` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<Increment>,
}

/// Points for each full step of `every` above a band's `from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Increment {
    pub every: crate::number::ExactDecimal,
    pub points: crate::number::ExactDecimal,
}

/// A fixed amount per counted item of a unit (so much per Program 135 commune), taken off the
/// pool before the points split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    pub id: String,
    pub name: Text,
    /// Key of the count in each unit's `values` (a whole number).
    pub per: String,
    /// đồng per counted item.
    pub amount: crate::number::Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// A multiplier of the points of every unit whose `status` lists `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// The status that earns it, e.g. `poor_district_30a`.
    pub id: String,
    pub name: Text,
    /// Greater than 0.
    pub multiplier: crate::number::ExactDecimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// Points of one value under one criterion, and the band used (0-based) for a banded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scored {
    pub points: Decimal,
    pub band: Option<u32>,
}

impl Scoring {
    /// Points for `value` (non-negative); `None` when the exact result does not fit a Decimal.
    pub(crate) fn score(&self, value: Decimal) -> Option<Scored> {
        match self {
            Scoring::Linear { points_per_unit } => {
                Some(Scored { points: exact::mul(value, **points_per_unit)?, band: None })
            }
            Scoring::Bands { boundary, bands } => {
                let reached = |i: usize, b: &Band| match boundary {
                    Boundary::LowerInclusive => value >= *b.from,
                    Boundary::UpperInclusive => value > *b.from || (i == 0 && value == *b.from),
                };
                let Some((i, band)) = bands.iter().enumerate().rev().find(|(i, b)| reached(*i, b)) else {
                    return Some(Scored { points: Decimal::ZERO, band: None });
                };
                let mut points: Decimal = *band.points;
                if let Some(inc) = &band.increment {
                    let above = exact::sub(value, *band.from)?;
                    let rest = above.checked_rem(*inc.every)?;
                    let steps = exact::sub(above, rest)?.checked_div(*inc.every)?;
                    points = exact::add(points, exact::mul(steps, *inc.points)?)?;
                }
                Some(Scored { points, band: u32::try_from(i).ok() })
            }
        }
    }
}

impl CoefficientSet {
    /// Loads a coefficient set (JSON) and checks it with the rules the embedded one passes.
    pub fn from_json(text: &str) -> Result<CoefficientSet, Errors> {
        let set: CoefficientSet = crate::json::object_from_str(text)?;
        set.validate()?;
        Ok(set)
    }

    /// Ids unique, rates and points non-negative, bands increasing, multipliers positive, amounts
    /// non-negative, source keys known. Paths are relative to the set.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut c = Collector::default();
        if self.id.trim().is_empty() {
            c.push(invalid("/id".into(), "Mã bộ hệ số không được để trống.", "The set id cannot be empty."));
        }
        if self.criteria.is_empty() {
            c.push(invalid(
                "/criteria".into(),
                "Bộ hệ số cần ít nhất một tiêu chí.",
                "A set needs at least one criterion.",
            ));
        }
        self.check_source(&self.basis, "/basis".into(), &mut c);
        self.check_criteria(&mut c);
        self.check_norms(&mut c);
        self.check_priorities(&mut c);
        self.check_limits(&mut c);
        c.finish(())
    }

    fn check_source(&self, key: &Option<String>, path: String, c: &mut Collector) {
        if let Some(k) = key {
            if !self.sources.contains_key(k) {
                c.push(Error::new(
                    ErrorCode::SourceUnknown,
                    path,
                    format!("Không có nguồn '{k}' trong bảng sources."),
                    format!("No source '{k}' in the sources table."),
                ));
            }
        }
    }

    fn check_criteria(&self, c: &mut Collector) {
        let mut ids = HashSet::new();
        for (i, cr) in self.criteria.iter().enumerate() {
            let path = format!("/criteria/{i}");
            if !ids.insert(cr.id.as_str()) {
                c.push(duplicate(&format!("{path}/id"), &cr.id));
            }
            self.check_source(&cr.source, format!("{path}/source"), c);
            match &cr.scoring {
                Scoring::Linear { points_per_unit } => {
                    if points_per_unit.is_sign_negative() && !points_per_unit.is_zero() {
                        c.push(invalid(
                            format!("{path}/scoring/points_per_unit"),
                            "Số điểm trên một đơn vị không được âm.",
                            "Points per unit cannot be negative.",
                        ));
                    }
                }
                Scoring::Bands { bands, .. } => check_bands(bands, &format!("{path}/scoring/bands"), c),
            }
        }
    }

    fn check_norms(&self, c: &mut Collector) {
        let mut ids = HashSet::new();
        for (i, n) in self.norms.iter().enumerate() {
            let path = format!("/norms/{i}");
            if !ids.insert(n.id.as_str()) {
                c.push(duplicate(&format!("{path}/id"), &n.id));
            }
            if negative(*n.amount) {
                c.push(money_negative(&format!("{path}/amount"), *n.amount));
            }
            self.check_source(&n.source, format!("{path}/source"), c);
        }
    }

    fn check_priorities(&self, c: &mut Collector) {
        let mut ids = HashSet::new();
        for (i, p) in self.priorities.iter().enumerate() {
            let path = format!("/priorities/{i}");
            if !ids.insert(p.id.as_str()) {
                c.push(duplicate(&format!("{path}/id"), &p.id));
            }
            if p.multiplier <= Decimal::ZERO {
                c.push(invalid(
                    format!("{path}/multiplier"),
                    "Hệ số ưu tiên phải lớn hơn 0.",
                    "A priority multiplier must be greater than 0.",
                ));
            }
            self.check_source(&p.source, format!("{path}/source"), c);
        }
    }

    /// The set's floor and cap: non-negative, the cap not below the floor.
    fn check_limits(&self, c: &mut Collector) {
        for (v, name) in [(self.floor, "floor"), (self.cap, "cap")] {
            if let Some(v) = v {
                if negative(*v) {
                    c.push(money_negative(&format!("/{name}"), *v));
                }
            }
        }
        if let (Some(f), Some(cap)) = (self.floor, self.cap) {
            if cap < f {
                c.push(invalid("/cap".into(), "Mức trần thấp hơn mức sàn.", "The cap is below the floor."));
            }
        }
    }
}

/// A banded table: at least one band, `from` strictly increasing, points non-negative, steps
/// positive.
fn check_bands(bands: &[Band], path: &str, c: &mut Collector) {
    if bands.is_empty() {
        c.push(invalid(path.into(), "Bảng khoảng cần ít nhất một khoảng.", "A banded table needs at least one band."));
    }
    for (j, b) in bands.iter().enumerate() {
        let at = format!("{path}/{j}");
        if j > 0 && bands.get(j - 1).is_some_and(|prev| prev.from >= b.from) {
            c.push(invalid(
                format!("{at}/from"),
                "Các khoảng phải tăng dần theo 'from'.",
                "Bands must be in strictly increasing order of 'from'.",
            ));
        }
        if negative(*b.points) {
            c.push(invalid(format!("{at}/points"), "Số điểm không được âm.", "Points cannot be negative."));
        }
        if let Some(inc) = &b.increment {
            if inc.every <= Decimal::ZERO {
                c.push(invalid(
                    format!("{at}/increment/every"),
                    "Bước tăng phải lớn hơn 0.",
                    "The step must be greater than 0.",
                ));
            }
            if negative(*inc.points) {
                c.push(invalid(
                    format!("{at}/increment/points"),
                    "Số điểm không được âm.",
                    "Points cannot be negative.",
                ));
            }
        }
    }
}

fn invalid(path: String, vi: &str, en: &str) -> Error {
    Error::new(ErrorCode::FundingInvalid, path, vi, en)
}

pub(crate) fn negative(d: Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

pub(crate) fn money_negative(path: &str, d: Decimal) -> Error {
    Error::new(
        ErrorCode::AmountNegative,
        path,
        format!("Số tiền âm ({} đồng).", crate::text::vi_number(&d)),
        format!("A negative amount ({} đồng).", crate::text::en_number(&d)),
    )
}

fn duplicate(path: &str, id: &str) -> Error {
    Error::new(ErrorCode::UnitDuplicate, path, format!("Mã '{id}' bị trùng."), format!("The id '{id}' appears twice."))
}

fn registry() -> Result<&'static [CoefficientSet], Errors> {
    static SETS: OnceLock<Result<Vec<CoefficientSet>, Errors>> = OnceLock::new();
    super::embedded::load(&SETS, EMBEDDED, CoefficientSet::from_json)
}

/// The embedded coefficient sets (only an illustrative one: the real tables are not verified).
pub fn coefficient_sets() -> Result<&'static [CoefficientSet], Errors> {
    registry()
}

/// The embedded coefficient set with this id.
pub fn coefficient_set_by_id(id: &str) -> Result<&'static CoefficientSet, Errors> {
    super::embedded::by_id(registry()?, id, |x| x.id.as_str(), "/coefficient_set", ("bộ hệ số", "coefficient set"))
}
