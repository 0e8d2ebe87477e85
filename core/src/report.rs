//! The explanation of a classification: every check with the values compared, the legal basis,
//! and a message in Vietnamese and English. This is the JSON output of `classify`.

use crate::area::Area;
use crate::classify::{Assessment, Basis, Check, HouseholdClass, Scores, Step};
use crate::date::Date;
use crate::derive::Finding;
use crate::json::DecimalSchema;
use crate::review::{Selection, SelectionReport};
use crate::source::{Citation, Confidence};
use crate::standard::Standard;
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A classified household with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub standard: StandardRef,
    /// Which rule picked the standard (named, the caller's own, the date, or the list year).
    pub selection: SelectionReport,
    /// The date the standard was picked for (and ages taken on), when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub area: Area,
    pub class: HouseholdClass,
    pub class_name: Text,
    /// Monthly income per capita, rounded half-to-even to 2 decimals for display only; every
    /// comparison used the exact figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub income_per_capita_monthly: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    pub deprivation_count: u8,
    /// Ids of the deprived indicators (empty when classified by scores).
    pub deprived: Vec<String>,
    /// One entry per indicator of the standard (empty when classified by scores).
    pub indicators: Vec<IndicatorReport>,
    /// The checks made, in order, then the decision.
    pub reasons: Vec<Reason>,
}

/// Which standard was applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StandardRef {
    pub id: String,
    pub document: String,
    pub name: Text,
    pub valid_from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
}

/// One indicator: deprived or not, why, and the rule's legal basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorReport {
    pub id: String,
    pub code: String,
    pub name: Text,
    pub deprived: bool,
    /// The facts behind the answer, when it was derived from facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Text>,
    pub citation: Citation,
    /// How sure the deprivation rule (threshold) is.
    pub confidence: Confidence,
    /// How sure the indicator's name and place in the standard's list are.
    pub name_confidence: Confidence,
}

/// One rule applied: the values it compared, whether it held, its basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    /// Stable rule id, e.g. `income_at_or_below_poor_line` or `decision.near_poor`.
    pub rule: String,
    pub holds: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub threshold: Option<Decimal>,
    pub message: Text,
    pub citation: Citation,
    pub confidence: Confidence,
}

fn citation(standard: &Standard, key: &str) -> Citation {
    standard.source(key).cloned().unwrap_or_else(|| Citation {
        document: standard.document.clone(),
        article: String::new(),
        url: None,
        quote: None,
        note: Some(format!("source key '{key}' not found")),
    })
}

impl Assessment<'_> {
    /// The full explanation of a classification under a standard the caller chose, without the
    /// facts' evidence (see [`Assessment::report_with`]).
    pub fn report(&self) -> Report {
        self.report_with(&Selection::given(None, None), &[])
    }

    /// The full explanation; `selection` says how the standard was picked, `findings` (from
    /// facts) add each indicator's evidence.
    pub fn report_with(&self, selection: &Selection, findings: &[Finding]) -> Report {
        let s = self.standard;
        let date = selection.date;
        let (income, scores, value) = match self.basis {
            Basis::Income(i) => (Some(i.display_value()), None, i.display_value()),
            Basis::Scores(sc) => (None, Some(sc), Decimal::from(sc.income_score)),
        };
        // Deprivations derived from facts rest on the derivation rules too, so the deprivation
        // check is only as sure as the least sure of them.
        let rules_confidence =
            (!findings.is_empty()).then(|| s.indicators.iter().map(|i| i.rule_confidence).max()).flatten();
        // The count of deprivations is only as sure as the list of indicators it counts (a
        // draft's list stays unverified).
        let list_confidence = s.indicators.iter().filter_map(|i| i.name_confidence).max();
        let mut reasons: Vec<Reason> = self
            .steps()
            .map(|st| {
                let mut r = self.step_reason(st, value);
                if st.check == Check::DeprivationsAtOrAboveCutoff {
                    r.confidence = r.confidence.max(rules_confidence.unwrap_or(r.confidence));
                    r.confidence = r.confidence.max(list_confidence.unwrap_or(r.confidence));
                }
                r
            })
            .collect();
        let class = self.class();
        let key = match class {
            HouseholdClass::Poor => Some(&s.class_sources.poor),
            HouseholdClass::NearPoor => Some(&s.class_sources.near_poor),
            HouseholdClass::AverageLiving => s.class_sources.average_living.as_ref(),
            HouseholdClass::Other => None,
        };
        let decision_citation = key.map_or_else(|| citation(s, &s.legal_basis), |k| citation(s, k));
        let no_band = s.income_lines.get(self.area).average_living_max.is_none();
        let other_note = match (class, self.basis, &s.no_average_living_band) {
            (HouseholdClass::Other, Basis::Scores(_), _) => (
                " (điểm rà soát chỉ xác định hộ nghèo và cận nghèo)".to_string(),
                " (review scores decide only poor and near-poor)".to_string(),
            ),
            (HouseholdClass::Other, Basis::Income(_), Some(why)) if no_band => {
                (format!(" (thu nhập trên chuẩn; {})", why.vi), format!(" (income above the line; {})", why.en))
            }
            _ => (String::new(), String::new()),
        };
        reasons.push(Reason {
            rule: format!("decision.{}", self.decision.as_str()),
            holds: true,
            value: None,
            threshold: None,
            message: Text::new(
                format!("Kết luận: {}{} theo {}", class.name_vi(), other_note.0, s.document),
                format!("Decision: {}{} under {}", class.name_en(), other_note.1, s.document),
            ),
            confidence: reasons.iter().map(|r| r.confidence).max().unwrap_or(Confidence::Verified),
            citation: decision_citation,
        });
        let indicators = if matches!(self.basis, Basis::Scores(_)) {
            Vec::new()
        } else {
            s.indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| IndicatorReport {
                    id: ind.id.clone(),
                    code: ind.code.clone(),
                    name: ind.name.clone(),
                    deprived: self.deprived.contains(i),
                    evidence: findings.iter().find(|f| f.index == i).map(|f| f.evidence.clone()),
                    citation: citation(s, &ind.rule_source),
                    confidence: ind.rule_confidence,
                    name_confidence: ind.name_confidence.unwrap_or(Confidence::Verified),
                })
                .collect()
        };
        Report {
            standard: StandardRef {
                id: s.id.clone(),
                document: s.document.clone(),
                name: s.name.clone(),
                valid_from: s.valid_from.value,
                valid_to: s.valid_to.as_ref().map(|t| t.value),
            },
            selection: selection.report(s),
            date,
            area: self.area,
            class,
            class_name: Text::new(class.name_vi(), class.name_en()),
            income_per_capita_monthly: income,
            scores,
            deprivation_count: self.deprivation_count,
            deprived: self.deprived.indices().filter_map(|i| s.indicators.get(i).map(|x| x.id.clone())).collect(),
            indicators,
            reasons,
        }
    }

    fn step_reason(&self, st: &Step<'_>, value: Decimal) -> Reason {
        let s = self.standard;
        let area_vi = self.area.name_vi();
        let area_en = self.area.as_str();
        let (le, gt) = if st.holds { ("≤", "≤") } else { (">", ">") };
        let (iv, ie) = (vi_number(&value), en_number(&value));
        let (tv, te) = (vi_number(&st.threshold), en_number(&st.threshold));
        let names = s
            .review_scores
            .as_ref()
            .map_or(("B1", "B2"), |r| (r.income_score_name.as_str(), r.deprivation_score_name.as_str()));
        let d = self.deprivation_count;
        let (message, value) = match st.check {
            Check::IncomeAtOrBelowPoorLine => (
                Text::new(
                    format!("Thu nhập bình quân {iv} đồng/người/tháng {le} chuẩn nghèo {tv} đồng ({area_vi})"),
                    format!("Income per capita {ie} VND/person/month {gt} poor line {te} ({area_en})"),
                ),
                value,
            ),
            Check::IncomeAtOrBelowNearPoorLine => (
                Text::new(
                    format!("Thu nhập bình quân {iv} đồng/người/tháng {le} chuẩn cận nghèo {tv} đồng ({area_vi})"),
                    format!("Income per capita {ie} VND/person/month {gt} near-poor line {te} ({area_en})"),
                ),
                value,
            ),
            Check::IncomeAtOrBelowLine => (
                Text::new(
                    format!("Thu nhập bình quân {iv} đồng/người/tháng {le} chuẩn {tv} đồng ({area_vi})"),
                    format!("Income per capita {ie} VND/person/month {gt} the line {te} ({area_en})"),
                ),
                value,
            ),
            Check::IncomeWithinAverageLivingBand => (
                Text::new(
                    format!(
                        "Thu nhập bình quân {iv} đồng/người/tháng {le} mức trên {tv} đồng của hộ có mức sống trung bình ({area_vi})"
                    ),
                    format!(
                        "Income per capita {ie} VND/person/month {gt} the average-living upper bound {te} ({area_en})"
                    ),
                ),
                value,
            ),
            Check::DeprivationsAtOrAboveCutoff => {
                let op = if st.holds { "≥" } else { "<" };
                (
                    Text::new(
                        format!("Thiếu hụt {d} chỉ số {op} {tv} chỉ số"),
                        format!("{d} deprivations {op} cutoff {te}"),
                    ),
                    Decimal::from(d),
                )
            }
            Check::IncomeScoreAtOrBelowPoorLine => (
                Text::new(
                    format!("Điểm {} {iv} {le} {tv} điểm (ngưỡng nghèo, {area_vi})", names.0),
                    format!("Score {} {ie} {gt} {te} points (poor line, {area_en})", names.0),
                ),
                value,
            ),
            Check::IncomeScoreAtOrBelowNearPoorLine => (
                Text::new(
                    format!("Điểm {} {iv} {le} {tv} điểm (ngưỡng cận nghèo, {area_vi})", names.0),
                    format!("Score {} {ie} {gt} {te} points (near-poor line, {area_en})", names.0),
                ),
                value,
            ),
            Check::IncomeScoreAtOrBelowLine => (
                Text::new(
                    format!("Điểm {} {iv} {le} {tv} điểm ({area_vi})", names.0),
                    format!("Score {} {ie} {gt} {te} points ({area_en})", names.0),
                ),
                value,
            ),
            Check::DeprivationScoreAtOrAboveCutoff => {
                let b = match self.basis {
                    Basis::Scores(sc) => Decimal::from(sc.deprivation_score),
                    Basis::Income(_) => Decimal::ZERO,
                };
                let op = if st.holds { "≥" } else { "<" };
                (
                    Text::new(
                        format!("Điểm {} {} {op} {tv} điểm", names.1, vi_number(&b)),
                        format!("Score {} {} {op} {te} points", names.1, en_number(&b)),
                    ),
                    b,
                )
            }
        };
        Reason {
            rule: st.check.as_str().to_string(),
            holds: st.holds,
            value: Some(value),
            threshold: Some(st.threshold),
            message,
            citation: citation(s, st.source),
            confidence: st.confidence,
        }
    }
}
