//! Decisions: each catalog entry's conditions evaluated over the beneficiary's facts in
//! three-valued logic (pass, fail, unknown), with the reasons, entitlements and priority.

use super::catalog::{Catalog, Choose, Condition, Entry, EntryKind, ProgramGap, Support, Test, Tier};
use super::input::EligibilityRequest;
use super::place;
use crate::date::Date;
use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::source::{Citation, Confidence};
use crate::text::{Text, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Eligible, not eligible, or cannot decide (some needed fact is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Eligible,
    NotEligible,
    CannotDecide,
}

/// How one test came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Pass,
    Fail,
    Unknown,
}

/// A catalog test prepared once: where its fact lives in the request, and its texts.
#[derive(Debug)]
pub struct PreparedTest {
    pub test: &'static Test,
    /// JSON pointer of the fact in the request (`/household/class`).
    pub pointer: String,
    /// The same, as object keys to walk.
    path: Vec<String>,
    label: Text,
    /// The requirement in words (for `within_years`, completed with the decision date).
    requirement: Text,
    source: &'static str,
}

#[derive(Debug)]
enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    Test(PreparedTest),
}

/// Where a check was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Validity,
    Condition,
    Tier(&'static str),
    Priority,
}

impl Scope {
    fn name(self) -> String {
        match self {
            Scope::Validity => "validity".into(),
            Scope::Condition => "condition".into(),
            Scope::Tier(id) => format!("tier:{id}"),
            Scope::Priority => "priority".into(),
        }
    }
}

/// One condition checked, with the value it read. The message is written when the decision is
/// shown (serialised, or [`Check::message`]), so that evaluating stays cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub scope: Scope,
    /// The test made; `None` for the entry's validity window.
    pub test: Option<&'static PreparedTest>,
    pub outcome: CheckOutcome,
    /// The value read; `None` when the fact was not given.
    pub value: Option<Value>,
    date: Date,
    source: &'static str,
    period: (Date, Option<Date>),
}

impl PartialEq for PreparedTest {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Support the beneficiary is entitled to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entitlement {
    pub tier: &'static Tier,
    pub support: &'static Support,
    /// The tier's `known_until`, when the date asked is after it: the support is the last one
    /// known, not confirmed for that date.
    pub unverified_after: Option<Date>,
}

/// Where the beneficiary stands in the law's order of priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PriorityRank {
    /// 1 is served first; absent when a fact needed to tell is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    pub of: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    pub tie_breaks: Vec<Text>,
    pub source: String,
}

/// The decision on one catalog entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub entry: &'static Entry,
    pub outcome: Outcome,
    pub checks: Vec<Check>,
    /// JSON pointers of the facts the decision needs and did not get.
    pub missing: Vec<&'static str>,
    pub entitlements: Vec<Entitlement>,
    pub priority: Option<PriorityRank>,
    pub confidence: Confidence,
}

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
    pub catalog: &'static Catalog,
    pub derived: Vec<Derived>,
    pub decisions: Vec<Decision>,
}

impl Eligibility {
    /// The catalog's program gaps covering the date (see [`ProgramGap`]).
    pub fn program_gaps(&self) -> impl Iterator<Item = &'static ProgramGap> + '_ {
        self.catalog.program_gaps.iter().filter(|g| g.from <= self.date && self.date <= g.to)
    }
    pub fn decision(&self, program: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.entry.id == program)
    }
    /// Ids of the entries the beneficiary is eligible for.
    pub fn eligible(&self) -> Vec<&'static str> {
        self.decisions.iter().filter(|d| d.outcome == Outcome::Eligible).map(|d| d.entry.id.as_str()).collect()
    }
    /// The answer as owned, serialisable data with every message and citation.
    pub fn report(&self) -> EligibilityReport {
        let mut keys = BTreeSet::new();
        let decisions = self.decisions.iter().map(|d| d.report(&mut keys)).collect();
        let program_gaps: Vec<ProgramGap> = self.program_gaps().cloned().collect();
        keys.extend(
            program_gaps
                .iter()
                .flat_map(|g| g.documents.iter().map(String::as_str))
                .filter_map(|k| self.catalog.sources.get_key_value(k).map(|(key, _)| key.as_str())),
        );
        EligibilityReport {
            date: self.date,
            catalog: self.catalog.id.clone(),
            derived: self.derived.clone(),
            decisions,
            program_gaps,
            sources: keys
                .into_iter()
                .filter_map(|k| self.catalog.sources.get(k).map(|c| (k.to_string(), c.clone())))
                .collect(),
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
    pub catalog: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::json::DecimalSchema>")]
    pub percent: Option<Decimal>,
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
            Some(v) => show(t.test.fact.as_str(), v),
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
    fn report(&self, keys: &mut BTreeSet<&'static str>) -> CheckReport {
        keys.insert(self.source);
        CheckReport {
            scope: self.scope.name(),
            fact: self.fact().to_string(),
            outcome: self.outcome,
            value: self.value.clone(),
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
        if let Some(p) = &self.priority {
            if let Some(prio) = &e.priority {
                keys.insert(prio.source.as_str());
            }
            let _ = p;
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
                        amount: x.support.amount.map(Decimal::from),
                        percent: x.support.percent.map(Decimal::from),
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
            priority: self.priority.clone(),
            legal_basis: e.legal_basis.clone(),
            confidence: self.confidence,
            note: e.note.clone(),
        }
    }
}

fn show(fact: &str, v: &Value) -> (String, String) {
    match v {
        Value::Bool(true) => ("có".into(), "yes".into()),
        Value::Bool(false) => ("không".into(), "no".into()),
        Value::Null => ("không có".into(), "none".into()),
        Value::String(s) => {
            let info = catalog().ok().and_then(|c| c.facts.get(fact)).and_then(|i| i.values.get(s));
            match info {
                Some(t) => (t.vi.clone(), t.en.clone()),
                None => (s.clone(), s.clone()),
            }
        }
        other => (other.to_string(), other.to_string()),
    }
}

/// The very small ethnic groups of TTLT 09/2016/TTLT-BGDĐT-BTC-BLĐTBXH Art. 4 cl. 2 pt. k.
const VERY_SMALL_GROUPS: [&str; 16] = [
    "la hủ",
    "la ha",
    "pà thẻn",
    "lự",
    "ngái",
    "chứt",
    "lô lô",
    "mảng",
    "cống",
    "cờ lao",
    "bố y",
    "si la",
    "pu péo",
    "rơ măm",
    "brâu",
    "ơ đu",
];

/// The embedded catalog of the 2016-2020 program as Cao Bằng carries it out.
pub fn catalog() -> Result<&'static Catalog, Errors> {
    static DATA: OnceLock<Result<Catalog, Errors>> = OnceLock::new();
    DATA.get_or_init(|| {
        let c: Catalog = crate::json::from_str(include_str!("../../data/eligibility/catalog-2016-2020.json"))?;
        validate(&c)?;
        Ok(c)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Checks a catalog: unique ids, one operator per test, known facts and sources.
pub fn validate(c: &Catalog) -> Result<(), Errors> {
    let mut col = Collector::default();
    let bad = |path: String, en: String| Error::new(ErrorCode::StandardInvalid, path, en.clone(), en);
    let mut ids = BTreeSet::new();
    for (i, e) in c.entries.iter().enumerate() {
        let base = format!("/entries/{i}");
        if !ids.insert(e.id.as_str()) {
            col.push(bad(format!("{base}/id"), format!("Repeated entry id '{}'.", e.id)));
        }
        for key in
            e.legal_basis.iter().chain(e.tiers.iter().map(|t| &t.source)).chain(e.priority.iter().map(|p| &p.source))
        {
            if !c.sources.contains_key(key) {
                col.push(Error::new(
                    ErrorCode::SourceUnknown,
                    base.clone(),
                    format!("Không có nguồn '{key}'."),
                    format!("No source '{key}'."),
                ));
            }
        }
        if e.legal_basis.is_empty() {
            col.push(bad(format!("{base}/legal_basis"), "An entry needs a legal basis.".into()));
        }
        let mut conditions: Vec<&Condition> = e.condition.iter().collect();
        conditions.extend(e.tiers.iter().filter_map(|t| t.condition.as_ref()));
        conditions.extend(e.priority.iter().flat_map(|p| p.order.iter().filter_map(|l| l.condition.as_ref())));
        for t in conditions.iter().flat_map(|c| c.tests()) {
            if t.operator_count() != 1 {
                col.push(bad(base.clone(), format!("Test of '{}' needs exactly one operator.", t.fact)));
            }
            if t.fact != "date" && !c.facts.contains_key(&t.fact) {
                col.push(bad(base.clone(), format!("Unknown fact '{}'.", t.fact)));
            }
            if let Some(s) = &t.source {
                if !c.sources.contains_key(s) {
                    col.push(Error::new(
                        ErrorCode::SourceUnknown,
                        base.clone(),
                        format!("Không có nguồn '{s}'."),
                        format!("No source '{s}'."),
                    ));
                }
            }
        }
        if e.choose == Choose::Highest && e.tiers.is_empty() {
            col.push(bad(format!("{base}/tiers"), "An entry that chooses the highest tier needs tiers.".into()));
        }
        for t in &e.tiers {
            let ends = t.valid_to.is_some() || e.valid_to.is_some();
            if t.known_until.is_some() && ends {
                col.push(bad(
                    base.clone(),
                    format!("Tier '{}': known_until is for a version with no known end.", t.id),
                ));
            }
        }
    }
    for (i, g) in c.program_gaps.iter().enumerate() {
        for key in g.documents.iter().filter(|k| !c.sources.contains_key(*k)) {
            col.push(Error::new(
                ErrorCode::SourceUnknown,
                format!("/program_gaps/{i}/documents"),
                format!("Không có nguồn '{key}'."),
                format!("No source '{key}'."),
            ));
        }
        if g.to < g.from {
            col.push(bad(format!("/program_gaps/{i}"), "A gap ends before it starts.".into()));
        }
    }
    col.finish(())
}

/// The request as JSON, with the facts the library derives added to it.
struct Facts {
    root: Value,
    derived: Vec<Derived>,
}

fn set(root: &mut Value, section: &str, key: &str, value: Value) {
    if let Some(obj) = root.get_mut(section).and_then(Value::as_object_mut) {
        obj.insert(key.to_string(), value);
    } else if let Some(root) = root.as_object_mut() {
        let mut obj = serde_json::Map::new();
        obj.insert(key.to_string(), value);
        root.insert(section.to_string(), Value::Object(obj));
    }
}

fn enrich(req: &EligibilityRequest) -> Result<Facts, Errors> {
    let mut root = crate::json::to_value(req)?;
    let mut derived = Vec::new();
    let mut note = |root: &mut Value, section: &str, key: &str, value: Value, how: Text| {
        set(root, section, key, value.clone());
        derived.push(Derived { fact: format!("{section}.{key}"), value, how });
    };
    let h = &req.household;
    if h.class.is_none() {
        if let Some(c) = &h.classify {
            let mut c = (**c).clone();
            if c.date.is_none() && c.standard.is_none() {
                c.date = Some(req.date);
            }
            let report = crate::request::classify_request(&c).map_err(|e| e.under("/household/classify"))?;
            let income_poor = report.reasons.last().is_some_and(|r| r.rule == "decision.poor_by_income");
            let hi = report.deprived.iter().any(|d| d == "health_insurance");
            let how = Text::new(
                format!("Phân loại theo {}: {}", report.standard.document, report.class_name.vi),
                format!("Classified under {}: {}", report.standard.document, report.class_name.en),
            );
            note(&mut root, "household", "class", Value::String(report.class.as_str().into()), how.clone());
            if h.income_poor.is_none() {
                note(&mut root, "household", "income_poor", Value::Bool(income_poor), how.clone());
            }
            if h.health_insurance_deprived.is_none() && !report.indicators.is_empty() {
                note(&mut root, "household", "health_insurance_deprived", Value::Bool(hi), how);
            }
        }
    }
    if let Some(p) = &req.person {
        if let Some(group) = &p.ethnic_group {
            let g = group.trim().to_lowercase();
            if p.ethnic_minority.is_none() {
                note(
                    &mut root,
                    "person",
                    "ethnic_minority",
                    Value::Bool(g != "kinh"),
                    Text::new(
                        format!("Dân tộc {group}: {}", if g == "kinh" { "dân tộc Kinh" } else { "dân tộc thiểu số" }),
                        format!(
                            "Ethnic group {group}: {}",
                            if g == "kinh" { "the Kinh majority" } else { "an ethnic minority" }
                        ),
                    ),
                );
            }
            if p.very_small_ethnic_group.is_none() {
                let small = VERY_SMALL_GROUPS.contains(&g.as_str());
                note(
                    &mut root,
                    "person",
                    "very_small_ethnic_group",
                    Value::Bool(small),
                    Text::new(
                        format!(
                            "Dân tộc {group} {}thuộc 16 dân tộc rất ít người (TTLT 09/2016 Điều 4)",
                            if small { "" } else { "không " }
                        ),
                        format!(
                            "{group} is {}one of the 16 very small ethnic groups (TTLT 09/2016 Art. 4)",
                            if small { "" } else { "not " }
                        ),
                    ),
                );
            }
        }
    }
    let pl = &req.place;
    if let (Some(province), Some(district)) = (&pl.province, &pl.district) {
        if let Some(d) = place::district_status(province, district) {
            let how = Text::new(
                format!("Huyện {} ({}): theo danh sách huyện nghèo của tỉnh", d.name, province),
                format!("District {} ({}): from the province's list of poor districts", d.name, province),
            );
            if pl.district_30a.is_none() {
                note(&mut root, "place", "district_30a", Value::Bool(d.district_30a), how.clone());
            }
            if pl.district_293.is_none() {
                note(&mut root, "place", "district_293", Value::Bool(d.district_293), how);
            }
        }
    }
    if let (None, Some(c)) = (pl.commune_region, &pl.commune_rates) {
        let f = place::commune_region_iii(c);
        if f.status == Some(true) {
            let (vi, en): (Vec<_>, Vec<_>) = f.steps.iter().map(|s| (s.vi.as_str(), s.en.as_str())).unzip();
            note(
                &mut root,
                "place",
                "commune_region",
                Value::String("III".into()),
                Text::new(
                    format!("QĐ 50/2016, xã khu vực III: {}", vi.join("; ")),
                    format!("QĐ 50/2016, Region III commune: {}", en.join("; ")),
                ),
            );
        }
    }
    if let (None, Some(v)) = (pl.village_ebkk, &pl.village_rates) {
        let f = place::village_status(v);
        if let Some(status) = f.status {
            let (vi, en): (Vec<_>, Vec<_>) = f.steps.iter().map(|s| (s.vi.as_str(), s.en.as_str())).unzip();
            note(
                &mut root,
                "place",
                "village_ebkk",
                Value::Bool(status),
                Text::new(
                    format!("QĐ 50/2016 Điều 2: {}", vi.join("; ")),
                    format!("QĐ 50/2016 Art. 2: {}", en.join("; ")),
                ),
            );
        }
    }
    Ok(Facts { root, derived })
}

/// The catalog with every condition prepared: fact pointers resolved, texts written once.
struct Prepared {
    catalog: &'static Catalog,
    entries: Vec<PreparedEntry>,
}

struct PreparedEntry {
    entry: &'static Entry,
    condition: Option<Node>,
    tiers: Vec<(&'static Tier, Option<Node>)>,
    priority: Vec<Option<Node>>,
}

fn prepared() -> Result<&'static Prepared, Errors> {
    static DATA: OnceLock<Result<Prepared, Errors>> = OnceLock::new();
    DATA.get_or_init(|| {
        let catalog = catalog()?;
        let entries = catalog
            .entries
            .iter()
            .map(|e| {
                let basis = e.legal_basis.first().map_or("", String::as_str);
                PreparedEntry {
                    entry: e,
                    condition: e.condition.as_ref().map(|c| prepare(catalog, c, basis)),
                    tiers: e
                        .tiers
                        .iter()
                        .map(|t| (t, t.condition.as_ref().map(|c| prepare(catalog, c, &t.source))))
                        .collect(),
                    priority: e
                        .priority
                        .iter()
                        .flat_map(|p| {
                            p.order.iter().map(|l| l.condition.as_ref().map(|c| prepare(catalog, c, &p.source)))
                        })
                        .collect(),
                }
            })
            .collect();
        Ok(Prepared { catalog, entries })
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn prepare(catalog: &'static Catalog, c: &'static Condition, source: &'static str) -> Node {
    match c {
        Condition::All { all } => Node::All(all.iter().map(|c| prepare(catalog, c, source)).collect()),
        Condition::Any { any } => Node::Any(any.iter().map(|c| prepare(catalog, c, source)).collect()),
        Condition::Not { not } => Node::Not(Box::new(prepare(catalog, not, source))),
        Condition::Test(t) => {
            let label =
                catalog.facts.get(&t.fact).map_or_else(|| Text::new("Ngày xét", "Decision date"), |i| i.label.clone());
            PreparedTest {
                test: t,
                pointer: format!("/{}", t.fact.replace('.', "/")),
                path: t.fact.split('.').map(String::from).collect(),
                label,
                requirement: requirement(t),
                source: t.source.as_deref().unwrap_or(source),
            }
            .into()
        }
    }
}

impl From<PreparedTest> for Node {
    fn from(t: PreparedTest) -> Node {
        Node::Test(t)
    }
}

fn requirement(t: &Test) -> Text {
    if let Some(want) = t.is {
        return if want { Text::new("có", "yes") } else { Text::new("không", "no") };
    }
    if let Some(set) = &t.one_of {
        let shown: Vec<(String, String)> = set.iter().map(|v| show(&t.fact, v)).collect();
        return Text::new(
            format!("một trong {}", shown.iter().map(|s| s.0.as_str()).collect::<Vec<_>>().join(", ")),
            format!("one of {}", shown.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(", ")),
        );
    }
    if let Some(n) = t.at_least {
        return Text::new(format!("≥ {}", vi_number(&n)), format!("≥ {n}"));
    }
    if let Some(n) = t.below {
        return Text::new(format!("< {}", vi_number(&n)), format!("< {n}"));
    }
    if let Some(years) = t.within_years {
        return Text::new(format!("trong vòng {years} năm đến ngày"), format!("within {years} years up to"));
    }
    if let Some(d) = t.on_or_before {
        return Text::new(format!("trước hoặc đúng ngày {d}"), format!("on or before {d}"));
    }
    if let Some(d) = t.on_or_after {
        return Text::new(format!("từ ngày {d}"), format!("on or after {d}"));
    }
    Text::new("—", "—")
}

/// Whether `value` meets test `t` on `date` (`None`: the fact is not given).
fn meets(t: &Test, value: Option<&Value>, date: Date) -> CheckOutcome {
    let Some(v) = value else { return CheckOutcome::Unknown };
    let number = || -> Option<Decimal> {
        match v {
            Value::Number(n) => n.to_string().parse().ok(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    };
    let as_date = || v.as_str().and_then(|s| s.parse::<Date>().ok());
    let ok = if let Some(want) = t.is {
        matches!(v, Value::Bool(b) if *b == want)
    } else if let Some(set) = &t.one_of {
        set.contains(v)
    } else if let Some(n) = t.at_least {
        number().is_some_and(|x| x >= *n)
    } else if let Some(n) = t.below {
        number().is_some_and(|x| x < *n)
    } else if let Some(years) = t.within_years {
        // "tối đa 3 năm": not after the date, and the date at most `years` years later.
        as_date().is_some_and(|left| left <= date && left.add_years(years).is_some_and(|end| date <= end))
    } else if let Some(limit) = t.on_or_before {
        as_date().is_some_and(|x| x <= limit)
    } else if let Some(limit) = t.on_or_after {
        as_date().is_some_and(|x| x >= limit)
    } else {
        return CheckOutcome::Unknown;
    };
    if ok { CheckOutcome::Pass } else { CheckOutcome::Fail }
}

struct Ctx<'f> {
    facts: &'f Facts,
    date: Date,
    date_value: Value,
    checks: Vec<Check>,
    /// Facts read by tests that came out unknown, kept only while their subtree is unknown.
    missing: Vec<&'static str>,
    period: (Date, Option<Date>),
}

impl Ctx<'_> {
    fn test(&mut self, t: &'static PreparedTest, scope: Scope) -> CheckOutcome {
        let value = if t.test.fact == "date" {
            Some(&self.date_value)
        } else {
            t.path.iter().try_fold(&self.facts.root, |v, key| v.get(key))
        };
        let outcome = meets(t.test, value, self.date);
        if outcome == CheckOutcome::Unknown {
            self.missing.push(t.pointer.as_str());
        }
        let value = value.cloned();
        self.checks.push(Check {
            scope,
            test: Some(t),
            outcome,
            value,
            date: self.date,
            source: t.source,
            period: self.period,
        });
        outcome
    }

    /// Evaluates `n`; a subtree that comes out pass or fail forgets the facts it lacked, since
    /// they could not have changed its answer.
    fn condition(&mut self, n: &'static Node, scope: Scope) -> CheckOutcome {
        let mark = self.missing.len();
        let r = match n {
            Node::Test(t) => self.test(t, scope),
            Node::All(all) => {
                let mut r = CheckOutcome::Pass;
                for c in all {
                    match self.condition(c, scope) {
                        CheckOutcome::Fail => r = CheckOutcome::Fail,
                        CheckOutcome::Unknown if r == CheckOutcome::Pass => r = CheckOutcome::Unknown,
                        _ => {}
                    }
                }
                r
            }
            Node::Any(any) => {
                let mut r = CheckOutcome::Fail;
                for c in any {
                    match self.condition(c, scope) {
                        CheckOutcome::Pass => r = CheckOutcome::Pass,
                        CheckOutcome::Unknown if r == CheckOutcome::Fail => r = CheckOutcome::Unknown,
                        _ => {}
                    }
                }
                r
            }
            Node::Not(not) => match self.condition(not, scope) {
                CheckOutcome::Pass => CheckOutcome::Fail,
                CheckOutcome::Fail => CheckOutcome::Pass,
                CheckOutcome::Unknown => CheckOutcome::Unknown,
            },
        };
        if r != CheckOutcome::Unknown {
            self.missing.truncate(mark);
        }
        r
    }
}

fn within(date: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

fn decide(facts: &Facts, date: Date, p: &'static PreparedEntry) -> Decision {
    let e = p.entry;
    let basis = e.legal_basis.first().map_or("", String::as_str);
    let period = (e.valid_from, e.valid_to);
    let mut ctx = Ctx {
        facts,
        date,
        date_value: Value::String(date.to_string()),
        checks: Vec::with_capacity(16),
        missing: Vec::new(),
        period,
    };
    let valid = within(date, Some(e.valid_from), e.valid_to);
    ctx.checks.push(Check {
        scope: Scope::Validity,
        test: None,
        outcome: if valid { CheckOutcome::Pass } else { CheckOutcome::Fail },
        value: Some(ctx.date_value.clone()),
        date,
        source: basis,
        period,
    });
    let condition = match &p.condition {
        Some(c) => ctx.condition(c, Scope::Condition),
        None => CheckOutcome::Pass,
    };
    let condition_missing = ctx.missing.len();
    // Tiers: each within its own window; remember which facts each one lacked.
    let mut passing: Vec<&'static Tier> = Vec::new();
    let mut unknown: Vec<(u32, Vec<&'static str>)> = Vec::new();
    for (t, node) in &p.tiers {
        if !within(date, t.valid_from, t.valid_to) {
            continue;
        }
        let mark = ctx.missing.len();
        let r = match node {
            Some(c) => ctx.condition(c, Scope::Tier(t.id.as_str())),
            None => CheckOutcome::Pass,
        };
        match r {
            CheckOutcome::Pass => passing.push(t),
            CheckOutcome::Unknown => unknown.push((t.rank, ctx.missing.drain(mark..).collect())),
            CheckOutcome::Fail => {}
        }
    }
    let unknown_tier = !unknown.is_empty();
    // An unknown tier matters only if it could change what is given: with `highest`, only a
    // tier ranked above the best one that holds.
    let best = passing.iter().map(|t| t.rank).max();
    for (rank, facts) in unknown {
        if e.choose == Choose::All || best.is_none_or(|b| rank > b) {
            ctx.missing.extend(facts);
        }
    }
    let tiers = match e.choose {
        Choose::All => CheckOutcome::Pass,
        Choose::Highest if !passing.is_empty() => CheckOutcome::Pass,
        Choose::Highest if unknown_tier => CheckOutcome::Unknown,
        Choose::Highest => CheckOutcome::Fail,
    };
    let outcome = if !valid || condition == CheckOutcome::Fail || tiers == CheckOutcome::Fail {
        Outcome::NotEligible
    } else if condition == CheckOutcome::Unknown || tiers == CheckOutcome::Unknown {
        Outcome::CannotDecide
    } else {
        Outcome::Eligible
    };
    // A "no" needs nothing more; a "yes" lists only what its entitlements still depend on.
    match outcome {
        Outcome::NotEligible => ctx.missing.clear(),
        Outcome::Eligible => {
            ctx.missing.drain(..condition_missing.min(ctx.missing.len()));
        }
        Outcome::CannotDecide => {}
    }
    ctx.missing.sort_unstable();
    ctx.missing.dedup();
    let chosen: Vec<&'static Tier> = match e.choose {
        Choose::All => passing,
        // The highest rank; between equal ranks, the first in the catalog.
        Choose::Highest => passing
            .iter()
            .fold(None::<&'static Tier>, |best, t| if best.is_none_or(|b| t.rank > b.rank) { Some(t) } else { best })
            .map(|t| vec![t])
            .unwrap_or_default(),
    };
    let entitlements = if outcome == Outcome::Eligible {
        let after = |t: &Tier| t.known_until.filter(|known| date > *known);
        chosen
            .iter()
            .flat_map(|t| {
                t.support.iter().map(move |s| Entitlement { tier: t, support: s, unverified_after: after(t) })
            })
            .collect()
    } else {
        Vec::new()
    };
    let missing = std::mem::take(&mut ctx.missing);
    let priority = match (&e.priority, outcome) {
        (Some(pr), Outcome::Eligible) => {
            let mut rank = None;
            let mut blocked = false;
            for (i, node) in p.priority.iter().enumerate() {
                let r = match node {
                    Some(c) => ctx.condition(c, Scope::Priority),
                    None => CheckOutcome::Pass,
                };
                match r {
                    CheckOutcome::Pass if !blocked => {
                        rank = Some(i);
                        break;
                    }
                    CheckOutcome::Unknown => blocked = true,
                    _ => {}
                }
            }
            Some(PriorityRank {
                rank: rank.map(|i| i + 1),
                of: pr.order.len(),
                label: rank.and_then(|i| pr.order.get(i)).map(|l| l.label.clone()),
                tie_breaks: pr.tie_breaks.clone(),
                source: pr.source.clone(),
            })
        }
        _ => None,
    };
    let mut confidence =
        std::iter::once(e.confidence).chain(chosen.iter().map(|t| t.confidence)).max().unwrap_or(e.confidence);
    if entitlements.iter().any(|x: &Entitlement| x.unverified_after.is_some()) {
        confidence = Confidence::Unverified;
    }
    Decision { entry: e, outcome, checks: ctx.checks, missing, entitlements, priority, confidence }
}

fn answer(req: &EligibilityRequest, only: Option<&str>) -> Result<Eligibility, Errors> {
    let prepared = prepared()?;
    let entries: Vec<&'static PreparedEntry> = match only {
        None => prepared.entries.iter().collect(),
        Some(id) => vec![prepared.entries.iter().find(|p| p.entry.id == id).ok_or_else(|| {
            let known: Vec<&str> = prepared.entries.iter().map(|p| p.entry.id.as_str()).collect();
            Errors::from(Error::new(
                ErrorCode::ProgramUnknown,
                "/program",
                format!("Không có chương trình '{id}'. Các mục: {}.", known.join(", ")),
                format!("No program '{id}'. Entries: {}.", known.join(", ")),
            ))
        })?],
    };
    let facts = enrich(req)?;
    let decisions = entries.into_iter().map(|p| decide(&facts, req.date, p)).collect();
    Ok(Eligibility { date: req.date, catalog: prepared.catalog, derived: facts.derived, decisions })
}

/// Every catalog entry's decision for the beneficiary.
pub fn evaluate(req: &EligibilityRequest) -> Result<Eligibility, Errors> {
    answer(req, None)
}

fn program_of(req: &EligibilityRequest) -> Result<&str, Errors> {
    req.program.as_deref().ok_or_else(|| {
        Errors::from(Error::new(
            ErrorCode::FieldMissing,
            "/program",
            "Cần mã chương trình (program).",
            "A program id (program) is needed.",
        ))
    })
}

/// The decision on the one entry named by `program`.
pub fn evaluate_one(req: &EligibilityRequest) -> Result<Eligibility, Errors> {
    answer(req, Some(program_of(req)?))
}

/// Why not: the decision on `program` with only the checks that failed or could not be made.
pub fn why_not(req: &EligibilityRequest) -> Result<Eligibility, Errors> {
    let mut e = answer(req, Some(program_of(req)?))?;
    for d in &mut e.decisions {
        d.checks.retain(|c| c.outcome != CheckOutcome::Pass);
    }
    Ok(e)
}
