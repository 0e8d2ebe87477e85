//! The parameter file of a household poverty standard: dated, sourced data, no code.

use crate::area::PerArea;
use crate::date::Date;
use crate::facts::{EducationLevel, EmploymentStatus, InformationAsset, TelecomService, ToiletType, WaterSource};
use crate::source::{Citation, Confidence, Sourced};
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A household poverty standard (chuẩn nghèo) for one period, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Editors may point at `schemas/standard.schema.json`; ignored by the library.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// Stable id, e.g. `qd59-2015`.
    pub id: String,
    /// The legal document that sets the standard, e.g. `QĐ 59/2015/QĐ-TTg`.
    pub document: String,
    pub name: Text,
    /// Source key of the provision that sets the standard.
    pub legal_basis: String,
    /// First day the standard applies (inclusive).
    #[schemars(with = "Sourced<Date>")]
    pub valid_from: Sourced<Date>,
    /// Last day the standard applies (inclusive); absent while open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Sourced<Date>>")]
    pub valid_to: Option<Sourced<Date>>,
    /// How income and deprivations combine into a class.
    pub shape: Shape,
    /// Income lines per area, in đồng per person per month.
    pub income_lines: PerArea<IncomeLines>,
    /// `D >= cutoff` deprivations makes the deprivation test hold ("thiếu hụt từ 03 chỉ số trở lên").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprivation_cutoff: Option<Sourced<u8>>,
    /// The basic social services (dimensions) the indicators belong to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    /// The deprivation indicators, in the law's order (bit `i` of an indicator set is the `i`-th).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The provisions that define each class.
    pub class_sources: ClassSources,
    /// Review scores (proxy-income and deprivation points) when a circular defines them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_scores: Option<ReviewScores>,
    /// Every legal reference the file uses, by key.
    pub sources: BTreeMap<String, Citation>,
    /// Why a household above the line is not put in an average-living band, when the file gives
    /// none (shown with the decision for such a household).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_average_living_band: Option<Text>,
    /// Remarks for readers (known gaps, disagreements between sources).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// How a standard turns income and deprivations into a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Income only: poor if `I <= poor`, near-poor if `poor < I <= near_poor` (QĐ 09/2011).
    IncomeOnly,
    /// Poor if `I <= poor`, or `poor < I <= near_poor` and `D >= cutoff`; near-poor if
    /// `poor < I <= near_poor` and `D < cutoff` (QĐ 59/2015).
    TwoTier,
    /// One line: poor if `I <= line` and `D >= cutoff`, near-poor if `I <= line` and `D < cutoff`
    /// (NĐ 07/2021). Zero income with no deprivation is near-poor, not poor.
    SingleLine,
}

/// The income lines of one area, each with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeLines {
    /// The poor line (for `single_line`, the one line).
    pub poor: Sourced<crate::number::Money>,
    /// The near-poor line (`two_tier` and `income_only` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_poor: Option<Sourced<crate::number::Money>>,
    /// Upper bound (inclusive) of the average-living band ("hộ có mức sống trung bình").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_living_max: Option<Sourced<crate::number::Money>>,
}

/// A basic social service ("dịch vụ xã hội cơ bản").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub name: Text,
}

/// A deprivation indicator and the rule that derives it from facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, used as the key in indicator answers and as a column name.
    pub id: String,
    /// Short code of the domain reference (H1, E2, ...).
    pub code: String,
    pub name: Text,
    /// Id of the dimension it belongs to.
    pub dimension: String,
    /// Source key of the provision naming the indicator.
    pub name_source: String,
    /// How sure the indicator's name and place in the list are (`verified` when absent); a
    /// draft's list stays `unverified` until the final text confirms it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_confidence: Option<Confidence>,
    pub rule: DerivationRule,
    /// Source key of the provision setting the deprivation threshold.
    pub rule_source: String,
    pub rule_confidence: Confidence,
}

/// How an indicator is derived from facts. Parameters are the law's thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DerivationRule {
    /// A member was ill and not treated.
    UntreatedIllness,
    /// A member aged `min_age` or over has no health insurance.
    UninsuredMember { min_age: u16 },
    /// A member in one of the bands has completed none of the band's accepted levels and is not in school.
    AdultEducation {
        bands: Vec<EducationBand>,
        /// Whether employer-certified on-the-job training meets the requirement.
        workplace_training_counts: bool,
    },
    /// A child aged `min_age` to under `under_age` is not in school.
    ChildNotInSchool { min_age: u16, under_age: u16 },
    /// At least `min_non_durable_parts` of wall, column and roof are not durable.
    NonDurableHousing { min_non_durable_parts: u8 },
    /// Floor area per person strictly below `square_metres`.
    FloorAreaPerPersonBelow { square_metres: crate::number::ExactDecimal },
    /// The water source is not one of `accepted`.
    WaterSourceNotAccepted { accepted: Vec<WaterSource> },
    /// The toilet is not one of `accepted`.
    ToiletNotAccepted { accepted: Vec<ToiletType> },
    /// No member uses any of `services`.
    NoTelecomUse { services: Vec<TelecomService> },
    /// The household owns none of `assets` (and, when `loudspeaker_counts`, cannot hear the loudspeaker).
    NoInformationMeans { assets: Vec<InformationAsset>, loudspeaker_counts: bool },
    /// A member aged `min_age` or over is in one of `statuses`.
    EmploymentDeprived { min_age: u16, statuses: Vec<EmploymentStatus> },
    /// Dependants are more than `share` of the members. A dependant is a child under
    /// `child_under_age`, or (when `allowance_recipients`) a member on a monthly social allowance.
    DependantsOverShare { child_under_age: u16, allowance_recipients: bool, share: crate::number::ExactDecimal },
    /// A child under `under_age` is malnourished.
    MalnourishedChild { under_age: u16 },
    /// The law's deprivation threshold is not known to the library: the indicator can be
    /// answered directly, and deriving it from facts is the error `indicator_rule_unknown`.
    ThresholdUnknown,
}

/// One age band of the adult-education rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EducationBand {
    pub min_age: u16,
    /// Inclusive upper age; absent for no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u16>,
    /// Only members born in or after this year (QĐ 59's 1986 cohort).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born_in_or_after: Option<u16>,
    /// Completing any of these levels meets the requirement.
    pub accepted_levels: Vec<EducationLevel>,
}

/// Source keys of the provisions that define each class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassSources {
    pub poor: String,
    pub near_poor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_living: Option<String>,
}

/// Review scores: a proxy-income score and a deprivation score, with their own lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewScores {
    /// The circular that defines the scores.
    pub document: String,
    /// Names of the two scores, e.g. `B1` and `B2`, or `A` and `B`.
    pub income_score_name: String,
    pub deprivation_score_name: String,
    /// Score lines per area, in the same shape as the income lines.
    pub lines: PerArea<ScoreLines>,
    /// Deprivation points per deprived indicator.
    pub points_per_indicator: Sourced<u16>,
    /// `deprivation score >= cutoff` makes the deprivation test hold.
    pub deprivation_cutoff: Sourced<u16>,
}

/// Proxy-income score lines of one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreLines {
    pub poor: Sourced<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_poor: Option<Sourced<u32>>,
}
