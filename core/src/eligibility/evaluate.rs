//! The entry points: a beneficiary's request answered from the catalogs of its date.

use super::catalogs::pick;
use super::decide::{CheckOutcome, decide};
use super::facts::enrich;
use super::input::EligibilityRequest;
use super::prepare::{Prepared, PreparedEntry, prepared};
use super::report::Eligibility;
use crate::error::{Error, ErrorCode, Errors};

fn answer(req: &EligibilityRequest, only: Option<&str>) -> Result<Eligibility, Errors> {
    let mut catalogs = pick(req.date, req.catalog.as_deref())?;
    let all = prepared()?;
    // The prepared catalogs in the order picked (the program's, then the general policies).
    let read: Vec<&'static Prepared> =
        catalogs.iter().filter_map(|c| all.iter().find(|p| std::ptr::eq(p.catalog, *c))).collect();
    let entries: Vec<&'static PreparedEntry> = match only {
        None => read.iter().flat_map(|p| &p.entries).collect(),
        // One entry: from the catalogs of the date first, else from any catalog, so that an entry
        // asked about outside its program's period is answered "not eligible" with its validity
        // check, not "unknown program".
        Some(id) => {
            let found = read
                .iter()
                .copied()
                .chain(all.iter())
                .find_map(|p| p.entries.iter().find(|e| e.entry.id == id).map(|e| (p.catalog, e)));
            let Some((catalog, entry)) = found else {
                let known: Vec<&str> = all.iter().flat_map(|p| &p.entries).map(|p| p.entry.id.as_str()).collect();
                return Err(Errors::from(Error::new(
                    ErrorCode::ProgramUnknown,
                    "/program",
                    format!("Không có chương trình '{id}'. Các mục: {}.", known.join(", ")),
                    format!("No program '{id}'. Entries: {}.", known.join(", ")),
                )));
            };
            if !catalogs.iter().any(|c| std::ptr::eq(*c, catalog)) {
                catalogs.push(catalog);
            }
            vec![entry]
        }
    };
    let facts = enrich(req)?;
    let decisions = entries.into_iter().map(|p| decide(&facts, req.date, p)).collect();
    Ok(Eligibility { date: req.date, catalogs, derived: facts.derived, decisions })
}

/// Every entry's decision for the beneficiary, from the catalogs of the date.
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
