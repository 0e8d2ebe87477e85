//! The answer and how it is shown: decisions as JSON with every message and citation.

use super::catalog::{Catalog, EntryKind, ProgramGap, SupportKind};
use super::catalogs::{CatalogRef, general_policies};
use super::decide::{Check, CheckOutcome, Decision, Outcome, PriorityRank};
use crate::date::Date;
use crate::source::{Citation, Confidence};
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A fact the library worked out from others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Derived {
    pub fact: String,
    pub value: Value,
    pub how: Text,
}

/// The answer: decisions, the facts derived on the way, and the sources the reasons cite.
#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    pub date: Date,
    /// The catalogs read: the program catalog of the date (or the one the request named), when
    /// there is one, then the general policies.
    pub catalogs: Vec<&'static Catalog>,
    pub derived: Vec<Derived>,
    pub decisions: Vec<Decision>,
}

impl Eligibility {
    /// The program gaps covering the date (see [`ProgramGap`]).
    pub fn program_gaps(&self) -> impl Iterator<Item = &'static ProgramGap> + '_ {
        self.catalogs.iter().flat_map(|c| &c.program_gaps).filter(|g| g.from <= self.date && self.date <= g.to)
    }
    pub fn decision(&self, program: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.entry.id == program)
    }
    /// Ids of the entries the beneficiary is eligible for (whether or not the level is decided).
    pub fn eligible(&self) -> Vec<&'static str> {
        self.decisions.iter().filter(|d| d.outcome.is_eligible()).map(|d| d.entry.id.as_str()).collect()
    }
    /// The citation of a source key, from whichever catalog read holds it.
    fn source(&self, key: &str) -> Option<&'static Citation> {
        self.catalogs.iter().find_map(|c| c.sources.get(key))
    }
    /// The answer as owned, serialisable data with every message and citation.
    pub fn report(&self) -> EligibilityReport {
        let mut keys = BTreeSet::new();
        let decisions = self.decisions.iter().map(|d| d.report(&mut keys)).collect();
        keys.extend(self.program_gaps().flat_map(|g| g.documents.iter().map(String::as_str)));
        let program_gaps: Vec<ProgramGap> = self.program_gaps().cloned().collect();
        EligibilityReport {
            date: self.date,
            catalogs: self.catalogs.iter().map(|c| CatalogRef::from(*c)).collect(),
            derived: self.derived.clone(),
            decisions,
            program_gaps,
            sources: keys.into_iter().filter_map(|k| self.source(k).map(|c| (k.to_string(), c.clone()))).collect(),
        }
    }
}

impl Serialize for Eligibility {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(s)
    }
}

/// [`Eligibility`] as JSON: what the bindings return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EligibilityReport {
    pub date: Date,
    /// The catalogs read: the program catalog of the date (or the one the request named), when
    /// there is one, then the general policies.
    pub catalogs: Vec<CatalogRef>,
    pub derived: Vec<Derived>,
    pub decisions: Vec<DecisionReport>,
    /// The program periods covering the date whose projects are not encoded: their projects are
    /// missing from `decisions`, not refused (the general policies are answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub program_gaps: Vec<ProgramGap>,
    /// Every source the reasons cite, by key.
    pub sources: BTreeMap<String, Citation>,
}

/// A decision as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionReport {
    pub program: String,
    pub kind: EntryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub plan_section: String,
    pub name: Text,
    pub outcome: Outcome,
    pub summary: Text,
    pub checks: Vec<CheckReport>,
    pub missing: Vec<String>,
    pub entitlements: Vec<EntitlementReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityRank>,
    /// Source keys of the legal basis.
    pub legal_basis: Vec<String>,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A check as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckReport {
    /// `validity`, `condition`, `tier:<id>` or `priority`.
    pub scope: String,
    /// The fact read (`household.class`...), or `date`.
    pub fact: String,
    pub outcome: CheckOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub message: Text,
    /// Key into the answer's `sources`.
    pub source: String,
}

/// An entitlement as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntitlementReport {
    pub tier: String,
    pub label: Text,
    pub what: Text,
    /// What kind of support this is: `amount`, `limit` (up to), `rate` (interest, % a year),
    /// `share` (% of a cost), `in_kind` (goods), `service`, `threshold`.
    pub kind: SupportKind,
    /// The support's figure in its kind's terms: đồng for `amount`, `limit`, `threshold`; percent
    /// for `rate` and `share`; the quantity for `in_kind` (absent when the law fixes none here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub percent: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub quantity: Option<Decimal>,
    /// What `value` is per, or of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    pub set_by_province: bool,
    /// No amount is encoded, or the date asked is after `known_until`.
    pub amount_unverified: bool,
    /// The last date a source shows this support in force, for a version with no known end
    /// (absent when the version has a known end, or no such date is recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_until: Option<Date>,
    pub source: String,
    pub confidence: Confidence,
}

impl Check {
    pub fn fact(&self) -> &'static str {
        self.test.map_or("date", |t| t.test.fact.as_str())
    }
    /// The check in words, in Vietnamese and English.
    pub fn message(&self) -> Text {
        let mark = match self.outcome {
            CheckOutcome::Pass => "✓",
            CheckOutcome::Fail => "✗",
            CheckOutcome::Unknown => "?",
        };
        let Some(t) = self.test else {
            let (from, to) = self.period;
            let period = to.map_or_else(|| format!("{from}.."), |to| format!("{from}..{to}"));
            let ok = self.outcome == CheckOutcome::Pass;
            return Text::new(
                format!(
                    "{mark} Ngày {} {}trong thời gian hiệu lực {period}",
                    self.date,
                    if ok { "" } else { "không " }
                ),
                format!("{mark} {} is {}within the validity {period}", self.date, if ok { "" } else { "not " }),
            );
        };
        let (vi, en) = match &self.value {
            None => ("chưa có dữ liệu".to_string(), "not given".to_string()),
            Some(v) => show(t.test.fact.as_str(), v.value()),
        };
        let (req_vi, req_en) = match t.test.within_years {
            Some(_) => (format!("{} {}", t.requirement.vi, self.date), format!("{} {}", t.requirement.en, self.date)),
            None => (t.requirement.vi.clone(), t.requirement.en.clone()),
        };
        Text::new(
            format!("{mark} {}: {vi} (cần: {req_vi})", t.label.vi),
            format!("{mark} {}: {en} (required: {req_en})", t.label.en),
        )
    }
    pub(crate) fn report(&self, keys: &mut BTreeSet<&'static str>) -> CheckReport {
        keys.insert(self.source);
        CheckReport {
            scope: self.scope.name(),
            fact: self.fact().to_string(),
            outcome: self.outcome,
            // The validity check read the date.
            value: match (&self.value, self.test) {
                (Some(v), _) => Some(v.value().clone()),
                (None, None) => Some(Value::String(self.date.to_string())),
                (None, Some(_)) => None,
            },
            message: self.message(),
            source: self.source.to_string(),
        }
    }
}

impl Decision {
    pub fn summary(&self) -> Text {
        let e = self.entry;
        match self.outcome {
            Outcome::Eligible => match self.entitlements.iter().filter_map(|x| x.unverified_after).min() {
                None => Text::new(format!("Đủ điều kiện: {}", e.name.vi), format!("Eligible: {}", e.name.en)),
                Some(known) => Text::new(
                    format!(
                        "Đủ điều kiện: {} (mức hỗ trợ theo văn bản được biết còn hiệu lực đến {}; sau ngày đó chưa kiểm chứng)",
                        e.name.vi,
                        known.vi()
                    ),
                    format!(
                        "Eligible: {} (the support is the last one known in force, on {}; not confirmed after that day)",
                        e.name.en, known
                    ),
                ),
            },
            Outcome::EligibleLevelUndecided => Text::new(
                format!(
                    "Đủ điều kiện: {}; chưa xác định được mức hỗ trợ cao hơn hay thêm: thiếu {}",
                    e.name.vi,
                    self.missing.join(", ")
                ),
                format!(
                    "Eligible: {}; whether a higher or further level applies is undecided: missing {}",
                    e.name.en,
                    self.missing.join(", ")
                ),
            ),
            Outcome::NotEligible => {
                Text::new(format!("Không đủ điều kiện: {}", e.name.vi), format!("Not eligible: {}", e.name.en))
            }
            Outcome::CannotDecide => Text::new(
                format!("Chưa đủ dữ liệu để xét {}: thiếu {}", e.name.vi, self.missing.join(", ")),
                format!("Cannot decide {}: missing {}", e.name.en, self.missing.join(", ")),
            ),
        }
    }
    fn report(&self, keys: &mut BTreeSet<&'static str>) -> DecisionReport {
        let e = self.entry;
        keys.extend(e.legal_basis.iter().map(String::as_str));
        let priority = self.priority_rank();
        if let (Some(_), Some(prio)) = (&priority, &e.priority) {
            keys.insert(prio.source.as_str());
        }
        DecisionReport {
            program: e.id.clone(),
            kind: e.kind,
            parent: e.parent.clone(),
            plan_section: e.plan_section.clone(),
            name: e.name.clone(),
            outcome: self.outcome,
            summary: self.summary(),
            checks: self.checks.iter().map(|c| c.report(keys)).collect(),
            missing: self.missing.iter().map(|m| m.to_string()).collect(),
            entitlements: self
                .entitlements
                .iter()
                .map(|x| {
                    keys.insert(x.tier.source.as_str());
                    EntitlementReport {
                        tier: x.tier.id.clone(),
                        label: x.tier.label.clone(),
                        what: x.support.what.clone(),
                        kind: x.support.kind,
                        value: match x.support.kind {
                            SupportKind::Rate | SupportKind::Share => x.support.percent.map(Decimal::from),
                            SupportKind::InKind => x.support.quantity.map(Decimal::from),
                            _ => x.support.amount.map(Decimal::from),
                        },
                        amount: x.support.amount.map(Decimal::from),
                        percent: x.support.percent.map(Decimal::from),
                        quantity: x.support.quantity.map(Decimal::from),
                        unit: x.support.unit.clone(),
                        set_by_province: x.support.set_by_province,
                        amount_unverified: x.support.amount_unverified || x.unverified_after.is_some(),
                        known_until: x.tier.known_until,
                        source: x.tier.source.clone(),
                        confidence: if x.unverified_after.is_some() {
                            Confidence::Unverified
                        } else {
                            x.tier.confidence
                        },
                    }
                })
                .collect(),
            priority,
            legal_basis: e.legal_basis.clone(),
            confidence: self.confidence,
            note: e.note.clone(),
        }
    }
}

/// A fact value in words, with the registry's labels for named values.
pub fn show(fact: &str, v: &Value) -> (String, String) {
    match v {
        Value::Bool(true) => ("có".into(), "yes".into()),
        Value::Bool(false) => ("không".into(), "no".into()),
        Value::Null => ("không có".into(), "none".into()),
        Value::String(s) => {
            let info = general_policies().ok().and_then(|c| c.facts.get(fact)).and_then(|i| i.values.get(s));
            match info {
                Some(t) => (t.vi.clone(), t.en.clone()),
                None => (s.clone(), s.clone()),
            }
        }
        other => (other.to_string(), other.to_string()),
    }
}
