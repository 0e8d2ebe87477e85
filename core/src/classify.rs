//! Classification: income (or review scores) and deprivations to a class, step by step.
//!
//! The steps are kept as small values (no text, no allocation); [`crate::report`] renders them
//! with messages and citations on demand, so the fast path stays fast.

use crate::area::Area;
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
// Scores and their checks live in `scores`; classification only reads them. Re-exported so that
// `classify::Scores` stays where it always was.
pub use crate::scores::Scores;
use crate::source::Confidence;
use crate::standard::{Shape, Standard};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The class of a household under a standard. The numeric codes are those of the batch columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum HouseholdClass {
    /// Hộ nghèo (code 1).
    Poor = 1,
    /// Hộ cận nghèo (code 2).
    NearPoor = 2,
    /// Hộ có mức sống trung bình (code 3).
    AverageLiving = 3,
    /// None of these (code 4).
    Other = 4,
}

impl HouseholdClass {
    pub const ALL: [HouseholdClass; 4] =
        [HouseholdClass::Poor, HouseholdClass::NearPoor, HouseholdClass::AverageLiving, HouseholdClass::Other];

    pub fn code(self) -> u8 {
        self as u8
    }
    pub fn from_code(code: u8) -> Option<HouseholdClass> {
        HouseholdClass::ALL.into_iter().find(|c| c.code() == code)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            HouseholdClass::Poor => "poor",
            HouseholdClass::NearPoor => "near_poor",
            HouseholdClass::AverageLiving => "average_living",
            HouseholdClass::Other => "other",
        }
    }
    pub fn name_vi(self) -> &'static str {
        match self {
            HouseholdClass::Poor => "hộ nghèo",
            HouseholdClass::NearPoor => "hộ cận nghèo",
            HouseholdClass::AverageLiving => "hộ có mức sống trung bình",
            HouseholdClass::Other => "không thuộc các nhóm trên",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            HouseholdClass::Poor => "poor",
            HouseholdClass::NearPoor => "near-poor",
            HouseholdClass::AverageLiving => "average living standard",
            HouseholdClass::Other => "none of these",
        }
    }
}

/// A validated household, ready to classify: area, monthly income per capita, deprivations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Household {
    pub area: Area,
    pub income: MonthlyIncome,
    pub deprived: IndicatorSet,
}

/// One comparison the classification made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    IncomeAtOrBelowPoorLine,
    IncomeAtOrBelowNearPoorLine,
    IncomeAtOrBelowLine,
    DeprivationsAtOrAboveCutoff,
    IncomeWithinAverageLivingBand,
    IncomeScoreAtOrBelowPoorLine,
    IncomeScoreAtOrBelowNearPoorLine,
    IncomeScoreAtOrBelowLine,
    DeprivationScoreAtOrAboveCutoff,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::IncomeAtOrBelowPoorLine => "income_at_or_below_poor_line",
            Check::IncomeAtOrBelowNearPoorLine => "income_at_or_below_near_poor_line",
            Check::IncomeAtOrBelowLine => "income_at_or_below_line",
            Check::DeprivationsAtOrAboveCutoff => "deprivations_at_or_above_cutoff",
            Check::IncomeWithinAverageLivingBand => "income_within_average_living_band",
            Check::IncomeScoreAtOrBelowPoorLine => "income_score_at_or_below_poor_line",
            Check::IncomeScoreAtOrBelowNearPoorLine => "income_score_at_or_below_near_poor_line",
            Check::IncomeScoreAtOrBelowLine => "income_score_at_or_below_line",
            Check::DeprivationScoreAtOrAboveCutoff => "deprivation_score_at_or_above_cutoff",
        }
    }
}

/// Which provision of the standard decided the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Poor on income alone (QĐ 59's first criterion, QĐ 09).
    PoorByIncome,
    /// Poor on income and deprivations together.
    PoorByDeprivation,
    NearPoor,
    AverageLiving,
    Other,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::PoorByIncome => "poor_by_income",
            Decision::PoorByDeprivation => "poor_by_deprivation",
            Decision::NearPoor => "near_poor",
            Decision::AverageLiving => "average_living",
            Decision::Other => "other",
        }
    }
    pub fn class(self) -> HouseholdClass {
        match self {
            Decision::PoorByIncome | Decision::PoorByDeprivation => HouseholdClass::Poor,
            Decision::NearPoor => HouseholdClass::NearPoor,
            Decision::AverageLiving => HouseholdClass::AverageLiving,
            Decision::Other => HouseholdClass::Other,
        }
    }
}

/// One step: the check, whether it held, and the threshold with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'s> {
    pub check: Check,
    pub holds: bool,
    pub threshold: Decimal,
    pub source: &'s str,
    pub confidence: Confidence,
}

/// What the classification was based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Income(MonthlyIncome),
    Scores(Scores),
}

/// A classification and the steps that led to it. Render it with [`Assessment::report`].
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment<'s> {
    pub standard: &'s Standard,
    pub area: Area,
    pub basis: Basis,
    pub deprived: IndicatorSet,
    pub deprivation_count: u8,
    pub decision: Decision,
    steps: [Option<Step<'s>>; 4],
}

impl<'s> Assessment<'s> {
    pub fn class(&self) -> HouseholdClass {
        self.decision.class()
    }
    /// The checks made, in order.
    pub fn steps(&self) -> impl Iterator<Item = &Step<'s>> {
        self.steps.iter().flatten()
    }
    /// Ids of the deprived indicators, in the standard's order.
    pub fn deprived_ids(&self) -> impl Iterator<Item = &'s str> + '_ {
        let indicators = &self.standard.indicators;
        self.deprived.indices().filter_map(move |i| indicators.get(i).map(|x| x.id.as_str()))
    }
}

/// A line with its provenance, borrowed from the standard.
#[derive(Clone, Copy)]
struct Line<'s> {
    value: Decimal,
    source: &'s str,
    confidence: Confidence,
}

struct Lines<'s> {
    poor: Line<'s>,
    near_poor: Option<Line<'s>>,
    average_max: Option<Line<'s>>,
}

struct Trail<'s> {
    steps: [Option<Step<'s>>; 4],
    len: usize,
}

impl<'s> Trail<'s> {
    fn push(&mut self, check: Check, holds: bool, line: Line<'s>) -> bool {
        if let Some(slot) = self.steps.get_mut(self.len) {
            *slot =
                Some(Step { check, holds, threshold: line.value, source: line.source, confidence: line.confidence });
            self.len += 1;
        }
        holds
    }
}

/// The checks of one kind of basis: income, or review scores.
struct Checks {
    poor: Check,
    near_poor: Check,
    single: Check,
    deprived: Check,
}

const INCOME_CHECKS: Checks = Checks {
    poor: Check::IncomeAtOrBelowPoorLine,
    near_poor: Check::IncomeAtOrBelowNearPoorLine,
    single: Check::IncomeAtOrBelowLine,
    deprived: Check::DeprivationsAtOrAboveCutoff,
};

const SCORE_CHECKS: Checks = Checks {
    poor: Check::IncomeScoreAtOrBelowPoorLine,
    near_poor: Check::IncomeScoreAtOrBelowNearPoorLine,
    single: Check::IncomeScoreAtOrBelowLine,
    deprived: Check::DeprivationScoreAtOrAboveCutoff,
};

/// The decision procedure of each shape, shared by income and review scores. `at_most(x)` tells
/// whether the income (or score) is `<= x`; `deprived` is the deprivation test and its cutoff.
fn decide<'s>(
    shape: Shape,
    lines: &Lines<'s>,
    at_most: impl Fn(Decimal) -> bool,
    deprived: (bool, Line<'s>),
    checks: &Checks,
) -> (Decision, [Option<Step<'s>>; 4]) {
    let mut t = Trail { steps: [None; 4], len: 0 };
    let (deprived_enough, cutoff) = deprived;
    let decision = match shape {
        Shape::IncomeOnly | Shape::TwoTier => {
            if t.push(checks.poor, at_most(lines.poor.value), lines.poor) {
                Decision::PoorByIncome
            } else {
                let np = lines.near_poor.unwrap_or(lines.poor);
                if t.push(checks.near_poor, at_most(np.value), np) {
                    if shape == Shape::IncomeOnly {
                        Decision::NearPoor
                    } else if t.push(checks.deprived, deprived_enough, cutoff) {
                        Decision::PoorByDeprivation
                    } else {
                        Decision::NearPoor
                    }
                } else {
                    band(&mut t, lines, &at_most)
                }
            }
        }
        Shape::SingleLine => {
            if t.push(checks.single, at_most(lines.poor.value), lines.poor) {
                if t.push(checks.deprived, deprived_enough, cutoff) {
                    Decision::PoorByDeprivation
                } else {
                    Decision::NearPoor
                }
            } else {
                band(&mut t, lines, &at_most)
            }
        }
    };
    (decision, t.steps)
}

fn band<'s>(t: &mut Trail<'s>, lines: &Lines<'s>, at_most: &impl Fn(Decimal) -> bool) -> Decision {
    match lines.average_max {
        Some(max) if t.push(Check::IncomeWithinAverageLivingBand, at_most(max.value), max) => Decision::AverageLiving,
        _ => Decision::Other,
    }
}

fn line<'s, T: Copy + Into<Decimal>>(s: &'s crate::source::Sourced<T>) -> Line<'s> {
    Line { value: s.value.into(), source: &s.source, confidence: s.confidence }
}

impl Standard {
    /// Classifies a validated household. Infallible and allocation-free: every check that can
    /// fail was made when the [`Household`] was built.
    pub fn classify(&self, household: &Household) -> Assessment<'_> {
        let lines = self.income_lines.get(household.area);
        let lines = Lines {
            poor: line(&lines.poor),
            near_poor: lines.near_poor.as_ref().map(line),
            average_max: lines.average_living_max.as_ref().map(line),
        };
        let count = household.deprived.count();
        let cutoff = match &self.deprivation_cutoff {
            Some(k) => Line { value: Decimal::from(k.value), source: &k.source, confidence: k.confidence },
            None => Line { value: Decimal::ZERO, source: &self.legal_basis, confidence: Confidence::Verified },
        };
        let income = household.income;
        let (decision, steps) =
            decide(self.shape, &lines, |x| income.at_most(x), (count >= self.cutoff(), cutoff), &INCOME_CHECKS);
        Assessment {
            standard: self,
            area: household.area,
            basis: Basis::Income(income),
            deprived: household.deprived,
            deprivation_count: count,
            decision,
            steps,
        }
    }

    /// The class alone: the same rules as [`Standard::classify`], without the trail.
    #[inline]
    pub fn class_of(&self, area: Area, income: MonthlyIncome, deprived: IndicatorSet) -> HouseholdClass {
        self.classify(&Household { area, income, deprived }).class()
    }

    /// Classifies by review scores (the proxy-income score and the deprivation score).
    pub fn classify_scores(&self, area: Area, scores: Scores) -> Result<Assessment<'_>, crate::Errors> {
        let rs = crate::scores::check(self, scores)?;
        let sl = rs.lines.get(area);
        let lines = Lines { poor: line(&sl.poor), near_poor: sl.near_poor.as_ref().map(line), average_max: None };
        let cutoff = line(&rs.deprivation_cutoff);
        let score = Decimal::from(scores.income_score);
        let deprived_enough = scores.deprivation_score >= i64::from(rs.deprivation_cutoff.value);
        let (decision, steps) = decide(self.shape, &lines, |x| score <= x, (deprived_enough, cutoff), &SCORE_CHECKS);
        let per = i64::from(rs.points_per_indicator.value).max(1);
        Ok(Assessment {
            standard: self,
            area,
            basis: Basis::Scores(scores),
            deprived: IndicatorSet::EMPTY,
            deprivation_count: u8::try_from(scores.deprivation_score / per).unwrap_or(u8::MAX),
            decision,
            steps,
        })
    }
}
