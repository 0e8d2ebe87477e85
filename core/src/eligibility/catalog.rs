//! The catalogs of projects and policies as data: who qualifies (a condition over the
//! beneficiary's facts), what they get, the legal basis, validity dates and confidence.
//!
//! There are two kinds of catalog. The general policies (credit, education, health insurance...)
//! run across program periods, each as a series of dated versions: one catalog with no
//! `period`. Each National Target Program period (2016-2020, 2021-2025, 2026-2030) is a catalog
//! with a `period`: an answer reads the general policies and the program catalog whose period
//! holds the date asked (or the one the request names).

use crate::date::Date;
use crate::source::{Citation, Confidence};
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every entry of one program period (or the general policies), with its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub id: String,
    pub name: Text,
    /// The program period the catalog carries out; absent for the general policies, which run
    /// across periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<CatalogPeriod>,
    /// The facts conditions may read, by dotted name (`household.class`), with their labels.
    /// The embedded catalogs share one registry (`facts.json`), filled in when they are loaded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, FactInfo>,
    pub entries: Vec<Entry>,
    pub sources: BTreeMap<String, Citation>,
    /// Program periods whose projects the catalog does not encode: an answer dated inside one
    /// names it, so that missing projects are never a silent "no".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub program_gaps: Vec<ProgramGap>,
}

/// The first and last day of a program period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogPeriod {
    pub from: Date,
    pub to: Date,
}

impl CatalogPeriod {
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The facts registry shared by the embedded catalogs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactRegistry {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub facts: BTreeMap<String, FactInfo>,
}

/// A program period whose projects and sub-projects are not encoded (yet), with the documents
/// that fix them and why they are missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramGap {
    pub from: Date,
    pub to: Date,
    pub program: Text,
    /// Source keys of the documents that fix the program's projects and beneficiaries.
    pub documents: Vec<String>,
    pub why: Text,
}

/// How a fact is shown in reasons, and its values' labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactInfo {
    pub label: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, Text>,
}

/// Project, sub-project or policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Project,
    SubProject,
    Policy,
}

/// How tiers combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Choose {
    /// The tiers are the eligible groups: eligible when one holds; the highest rank is given
    /// (a person in several groups gets the highest level).
    #[default]
    Highest,
    /// Eligibility is the entry's condition alone; every tier that holds adds its support.
    All,
}

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, e.g. `p2_sp1_infrastructure_135` or `health_insurance`.
    pub id: String,
    pub kind: EntryKind,
    /// The project an entry belongs to, e.g. `du_an_2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The plan's heading, e.g. `V.A.2.1` or `V.B.3`.
    pub plan_section: String,
    pub name: Text,
    /// Source keys of the legal basis.
    pub legal_basis: Vec<String>,
    pub valid_from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    pub confidence: Confidence,
    /// Who qualifies; absent means everyone in the entry's scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(default)]
    pub choose: Choose,
    /// Groups and levels of support.
    pub tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A group of beneficiaries and the support it gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub id: String,
    pub label: Text,
    /// Higher is better; with [`Choose::Highest`] the highest passing tier is given.
    #[serde(default)]
    pub rank: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// The last date a source shows this version (its amounts and conditions) still in force,
    /// for a version with no known end. Asked about a later date, the answer keeps this version
    /// and says so (`amount_unverified`, with this date): never silently extended, never
    /// silently dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_until: Option<Date>,
    pub support: Vec<Support>,
    pub source: String,
    pub confidence: Confidence,
}

/// What kind of support a line is, so that a program can read it without parsing the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    /// A sum given or paid (`amount`, in đồng), e.g. 150.000 đồng a month of study costs.
    Amount,
    /// A ceiling: "up to" `amount` (a loan, a course's training costs).
    Limit,
    /// An interest rate: `percent` a year.
    Rate,
    /// A share of a cost or a base: `percent` of the contribution, of tuition, of the base salary.
    Share,
    /// Goods: `quantity` in `unit` (rice, equipment).
    InKind,
    /// A service with no amount (legal aid, training, works).
    Service,
    /// Support that starts above a cost: `amount` is the threshold.
    Threshold,
}

/// What a beneficiary gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Support {
    pub what: Text,
    pub kind: SupportKind,
    /// A fixed amount in đồng, where the law fixes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<crate::number::Money>,
    /// A percentage (of `of`), where the law sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<crate::number::ExactDecimal>,
    /// A quantity of goods (`in_kind`), e.g. 15 (kg of rice a month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<crate::number::ExactDecimal>,
    /// What the amount or percentage is per, or of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// The law leaves the amount to the province.
    #[serde(default)]
    pub set_by_province: bool,
    /// No amount is encoded because none was verified.
    #[serde(default)]
    pub amount_unverified: bool,
}

/// The order in which the law serves beneficiaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub source: String,
    pub order: Vec<PriorityLevel>,
    /// How ties at one level are broken (stated, not evaluated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_breaks: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityLevel {
    pub label: Text,
    /// Absent for the last level ("everyone else").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

/// A condition over the beneficiary's facts: a test, or `all` / `any` / `not` of conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Condition {
    All { all: Vec<Condition> },
    Any { any: Vec<Condition> },
    Not { not: Box<Condition> },
    Test(Test),
}

/// One test of one fact. Exactly one operator is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// Dotted fact name, e.g. `household.class`, `place.commune_135`, `date`.
    pub fact: String,
    /// The fact equals this boolean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<bool>,
    /// The fact is one of these values.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<crate::number::ExactDecimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<crate::number::ExactDecimal>,
    /// A date fact that lies at most this many years before the decision date (and not after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_years: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_before: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_after: Option<Date>,
    /// Source key of the provision this test encodes (otherwise the entry's or tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Condition {
    /// Every test in the tree, depth first.
    pub fn tests(&self) -> Vec<&Test> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect<'a>(&'a self, out: &mut Vec<&'a Test>) {
        match self {
            Condition::All { all: v } | Condition::Any { any: v } => v.iter().for_each(|c| c.collect(out)),
            Condition::Not { not } => not.collect(out),
            Condition::Test(t) => out.push(t),
        }
    }
}

impl Test {
    pub fn operator_count(&self) -> usize {
        [
            self.is.is_some(),
            self.one_of.is_some(),
            self.at_least.is_some(),
            self.below.is_some(),
            self.within_years.is_some(),
            self.on_or_before.is_some(),
            self.on_or_after.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
}
