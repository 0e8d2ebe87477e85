//! The embedded catalogs: loading and checking them, and picking the ones that answer a date.
//!
//! An answer reads two catalogs: the general policies (always) and one program catalog, the one
//! whose period holds the date asked, or the one the request names.

use super::catalog::{Catalog, CatalogPeriod, Choose, Condition, Entry, FactInfo, FactRegistry, ProgramGap};
use crate::date::Date;
use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::source::Citation;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The id of the general policies' catalog.
pub const GENERAL_POLICIES: &str = "general-policies";

/// The embedded catalog files, general policies first, then the program periods in order.
const FILES: [(&str, &str); 4] = [
    ("general-policies.json", include_str!("../../data/eligibility/general-policies.json")),
    ("program-2016-2020.json", include_str!("../../data/eligibility/program-2016-2020.json")),
    ("program-2021-2025.json", include_str!("../../data/eligibility/program-2021-2025.json")),
    ("program-2026-2030.json", include_str!("../../data/eligibility/program-2026-2030.json")),
];

/// Every embedded catalog, checked, with the shared facts registry filled in.
pub fn catalogs() -> Result<&'static [Catalog], Errors> {
    static DATA: OnceLock<Result<Vec<Catalog>, Errors>> = OnceLock::new();
    DATA.get_or_init(load).as_ref().map(Vec::as_slice).map_err(Clone::clone)
}

fn load() -> Result<Vec<Catalog>, Errors> {
    let registry: FactRegistry = crate::json::from_str(include_str!("../../data/eligibility/facts.json"))?;
    let mut out = Vec::with_capacity(FILES.len());
    let mut col = Collector::default();
    for (file, text) in FILES {
        let mut c: Catalog = crate::json::from_str(text).map_err(|e| e.under(&format!("/{file}")))?;
        c.facts = registry.facts.clone();
        if let Err(e) = validate(&c) {
            col.extend(e.under(&format!("/{file}")));
        }
        out.push(c);
    }
    if let Err(e) = check_together(&out) {
        col.extend(e);
    }
    col.finish(out)
}

/// The general policies' catalog.
pub fn general_policies() -> Result<&'static Catalog, Errors> {
    find(GENERAL_POLICIES)
}

fn find(id: &str) -> Result<&'static Catalog, Errors> {
    let all = catalogs()?;
    all.iter().find(|c| c.id == id).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
        Errors::from(Error::new(
            ErrorCode::CatalogUnknown,
            "/catalog",
            format!("Không có danh mục '{id}'. Các danh mục: {}.", known.join(", ")),
            format!("No catalog '{id}'. Catalogs: {}.", known.join(", ")),
        ))
    })
}

/// The catalogs that answer a request: the program catalog named by `catalog` (naming the
/// general policies reads them alone) or, unnamed, the one whose period holds `date` (none
/// before the first period or after the last); then the general policies. Program first, so that
/// answers read in the plans' order: projects, then policies.
pub fn pick(date: Date, catalog: Option<&str>) -> Result<Vec<&'static Catalog>, Errors> {
    let general = general_policies()?;
    let program = match catalog {
        Some(id) if id == GENERAL_POLICIES => None,
        Some(id) => Some(find(id)?),
        None => catalogs()?.iter().find(|c| c.period.is_some_and(|p| p.contains(date))),
    };
    Ok(program.into_iter().chain(std::iter::once(general)).collect())
}

/// One catalog as the answer names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CatalogRef {
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<CatalogPeriod>,
}

impl From<&Catalog> for CatalogRef {
    fn from(c: &Catalog) -> Self {
        CatalogRef { id: c.id.clone(), name: c.name.clone(), period: c.period }
    }
}

/// What `catalog_on` asks: a date, and optionally a catalog by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogRequest {
    pub date: Date,
    /// A program catalog's id (`ntp-spr-2016-2020-cao-bang`, `ntp-spr-2021-2025`, `ntp-2026-2030`) or
    /// `general-policies`; absent, the program catalog is the one whose period holds `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
}

/// The entries in force on one day, from the catalogs that answer it, with only the tiers (the
/// versions) in force that day: what a form or a notebook shows as "the catalog of the date".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CatalogOnDate {
    pub date: Date,
    pub catalogs: Vec<CatalogRef>,
    pub entries: Vec<Entry>,
    /// The program periods covering the date whose projects are not encoded.
    pub program_gaps: Vec<ProgramGap>,
    pub facts: BTreeMap<String, FactInfo>,
    /// Every source the entries cite.
    pub sources: BTreeMap<String, Citation>,
}

/// The catalog of the date asked (see [`CatalogOnDate`]).
pub fn catalog_on(request: &CatalogRequest) -> Result<CatalogOnDate, Errors> {
    let date = request.date;
    let picked = pick(date, request.catalog.as_deref())?;
    let in_force =
        |from: Option<Date>, to: Option<Date>| from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t);
    let mut entries = Vec::new();
    let mut keys = BTreeSet::new();
    for e in picked.iter().flat_map(|c| &c.entries) {
        if !in_force(Some(e.valid_from), e.valid_to) {
            continue;
        }
        let mut e = e.clone();
        e.tiers.retain(|t| in_force(t.valid_from, t.valid_to));
        keys.extend(e.legal_basis.iter().cloned());
        keys.extend(e.tiers.iter().map(|t| t.source.clone()));
        keys.extend(e.priority.iter().map(|p| p.source.clone()));
        let conditions = e.condition.iter().chain(e.tiers.iter().filter_map(|t| t.condition.as_ref()));
        keys.extend(conditions.flat_map(|c| c.tests()).filter_map(|t| t.source.clone()));
        entries.push(e);
    }
    let program_gaps: Vec<ProgramGap> =
        picked.iter().flat_map(|c| &c.program_gaps).filter(|g| g.from <= date && date <= g.to).cloned().collect();
    keys.extend(program_gaps.iter().flat_map(|g| g.documents.iter().cloned()));
    let sources = keys
        .into_iter()
        .filter_map(|k| picked.iter().find_map(|c| c.sources.get(&k)).map(|s| (k, s.clone())))
        .collect();
    Ok(CatalogOnDate {
        date,
        catalogs: picked.iter().map(|c| CatalogRef::from(*c)).collect(),
        entries,
        program_gaps,
        facts: general_policies()?.facts.clone(),
        sources,
    })
}

fn source_unknown(path: String, key: &str) -> Error {
    Error::new(ErrorCode::SourceUnknown, path, format!("Không có nguồn '{key}'."), format!("No source '{key}'."))
}

fn bad(path: String, en: String) -> Error {
    Error::new(ErrorCode::StandardInvalid, path, en.clone(), en)
}

/// Checks one catalog: unique ids, one operator per test, known facts and sources, and that
/// every version either ends or says until when it is known to be in force.
pub fn validate(c: &Catalog) -> Result<(), Errors> {
    let mut col = Collector::default();
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
                col.push(source_unknown(base.clone(), key));
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
            if let Some(s) = t.source.as_deref().filter(|s| !c.sources.contains_key(*s)) {
                col.push(source_unknown(base.clone(), s));
            }
        }
        if e.choose == Choose::Highest && e.tiers.is_empty() {
            col.push(bad(format!("{base}/tiers"), "An entry that chooses the highest tier needs tiers.".into()));
        }
        for (k, t) in e.tiers.iter().enumerate() {
            let ends = t.valid_to.is_some() || e.valid_to.is_some();
            match (ends, t.known_until) {
                (true, Some(_)) => col.push(bad(
                    format!("{base}/tiers/{k}/known_until"),
                    format!("Tier '{}': known_until is for a version with no known end.", t.id),
                )),
                // An open-ended version must say until when a source shows it: the answer after
                // that day is flagged, never silently extended.
                (false, None) => col.push(bad(
                    format!("{base}/tiers/{k}"),
                    format!("Tier '{}' has no end (valid_to) and no known_until.", t.id),
                )),
                _ => {}
            }
        }
        if let Some(p) = c.period {
            if e.valid_from > p.to || e.valid_to.is_none_or(|to| to > p.to) {
                col.push(bad(
                    format!("{base}/valid_to"),
                    format!("Entry '{}' must end within its program's period ({}..{}).", e.id, p.from, p.to),
                ));
            }
        }
    }
    for (i, g) in c.program_gaps.iter().enumerate() {
        for key in g.documents.iter().filter(|k| !c.sources.contains_key(*k)) {
            col.push(source_unknown(format!("/program_gaps/{i}/documents"), key));
        }
        if g.documents.is_empty() {
            col.push(bad(format!("/program_gaps/{i}/documents"), "A gap names its documents.".into()));
        }
        if g.to < g.from {
            col.push(bad(format!("/program_gaps/{i}"), "A gap ends before it starts.".into()));
        }
    }
    col.finish(())
}

/// Checks the catalogs against each other: entry ids unique across them (a request names an
/// entry by id alone), one citation per source key, and program periods that do not overlap.
fn check_together(all: &[Catalog]) -> Result<(), Errors> {
    let mut col = Collector::default();
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut sources: BTreeMap<&str, (&str, &Citation)> = BTreeMap::new();
    for c in all {
        for e in &c.entries {
            if let Some(other) = ids.insert(&e.id, &c.id) {
                col.push(bad(format!("/{}", c.id), format!("Entry id '{}' is also in catalog '{other}'.", e.id)));
            }
        }
        for (key, cite) in &c.sources {
            if let Some((other, first)) = sources.insert(key, (&c.id, cite)) {
                if first != cite {
                    col.push(bad(
                        format!("/{}/sources/{key}", c.id),
                        format!("Source '{key}' differs from the one in catalog '{other}'."),
                    ));
                }
            }
        }
    }
    let periods: Vec<(&str, CatalogPeriod)> = all.iter().filter_map(|c| c.period.map(|p| (c.id.as_str(), p))).collect();
    for (i, (a, p)) in periods.iter().enumerate() {
        for (b, q) in &periods[i + 1..] {
            if p.from <= q.to && q.from <= p.to {
                col.push(bad(format!("/{b}/period"), format!("The periods of '{a}' and '{b}' overlap.")));
            }
        }
    }
    if !all.iter().any(|c| c.id == GENERAL_POLICIES && c.period.is_none()) {
        col.push(bad("".into(), "The general policies' catalog is missing or has a period.".into()));
    }
    col.finish(())
}
