//! Which standard a classification applies: a named one, the one in force on a date, or the one
//! of the list year an annual review makes.
//!
//! The annual review (rà soát định kỳ) is held in the last months of year Y and makes the poor
//! and near-poor lists of year Y+1, under the standard of Y+1: the end-2015 survey used
//! QĐ 59/2015, the end-2021 review NĐ 07/2021, the end-2026 review NĐ 351/2025. So at a seam a
//! review date alone does not say which standard applies; the list year does. The review
//! procedures and their windows are dated data (`data/standards/reviews.json`), each with its
//! source and confidence label.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Errors};
use crate::source::{Citation, Confidence};
use crate::standard::{Standard, standard_by_id, standard_in_force};
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const REVIEWS: &str = include_str!("../data/standards/reviews.json");

/// The review procedures as data: the rule that ties a review to its list year, and the
/// procedure of each period with its window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRules {
    /// Editors may point at `schemas/review-rules.schema.json`; ignored by the library.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// The general rule, in words.
    pub rule: Text,
    /// The procedures, oldest list years first, without gaps or overlaps.
    pub procedures: Vec<ReviewProcedure>,
    /// Every legal reference the file uses, by key.
    pub sources: BTreeMap<String, Citation>,
}

/// The review procedure for a run of list years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewProcedure {
    /// First list year the procedure makes (inclusive).
    pub first_list_year: u16,
    /// Last list year the procedure makes (inclusive).
    pub last_list_year: u16,
    /// The texts that set the procedure.
    pub documents: String,
    /// Source key of the provision saying which standard the review applies.
    pub source: String,
    pub confidence: Confidence,
    /// When the periodic review of the year before the list year is held.
    pub window: ReviewWindow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The periodic review's days within the year before the list year (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewWindow {
    pub from_month: u8,
    pub from_day: u8,
    pub to_month: u8,
    pub to_day: u8,
    /// Source key of the provision setting the window.
    pub source: String,
    pub confidence: Confidence,
}

impl ReviewWindow {
    /// Whether `date` falls in the window of its own year.
    pub fn contains(&self, date: Date) -> bool {
        let md = (date.month(), date.day());
        (self.from_month, self.from_day) <= md && md <= (self.to_month, self.to_day)
    }
    /// `01/09–14/12`, as the Vietnamese texts write it.
    pub fn display(&self) -> String {
        format!("{:02}/{:02}–{:02}/{:02}", self.from_day, self.from_month, self.to_day, self.to_month)
    }
    fn first_day(&self, year: u16) -> Option<Date> {
        Date::new(year, self.from_month, self.from_day)
    }
}

impl ReviewRules {
    /// The procedure that makes the list of `list_year`.
    pub fn procedure_for(&self, list_year: u16) -> Option<&ReviewProcedure> {
        self.procedures.iter().find(|p| p.first_list_year <= list_year && list_year <= p.last_list_year)
    }

    /// The citation behind a source key.
    pub fn source(&self, key: &str) -> Option<&Citation> {
        self.sources.get(key)
    }

    fn validate(&self) -> Result<(), Errors> {
        let mut problems = Vec::new();
        let mut previous: Option<u16> = None;
        for (i, p) in self.procedures.iter().enumerate() {
            let at = format!("/procedures/{i}");
            if p.first_list_year > p.last_list_year {
                problems.push(format!("{at}: first_list_year after last_list_year"));
            }
            if let Some(prev) = previous {
                if p.first_list_year != prev + 1 {
                    problems.push(format!("{at}: list years do not follow on from {prev}"));
                }
            }
            previous = Some(p.last_list_year);
            let w = &p.window;
            if Date::new(2000, w.from_month, w.from_day).is_none() || Date::new(2000, w.to_month, w.to_day).is_none() {
                problems.push(format!("{at}/window: not a day of the year"));
            } else if (w.from_month, w.from_day) > (w.to_month, w.to_day) {
                problems.push(format!("{at}/window: ends before it starts"));
            }
            for key in [&p.source, &w.source] {
                if !self.sources.contains_key(key) {
                    problems.push(format!("{at}: source key '{key}' not in sources"));
                }
            }
        }
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Error::new(
                ErrorCode::StandardInvalid,
                "/embedded/reviews",
                format!("Dữ liệu kỳ rà soát không hợp lệ: {}", problems.join("; ")),
                format!("The review data is invalid: {}", problems.join("; ")),
            )
            .into()),
        }
    }
}

/// The embedded review procedures.
pub fn review_rules() -> Result<&'static ReviewRules, Errors> {
    static RULES: OnceLock<Result<ReviewRules, Errors>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let rules: ReviewRules = crate::json::from_str(REVIEWS).map_err(|e| e.under("/embedded/reviews"))?;
            rules.validate()?;
            Ok(rules)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// What picked the standard of a classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelectedBy {
    /// The request named an embedded standard (`standard`).
    Named,
    /// The caller passed a standard of its own (a province's parameter file, or a `Standard`).
    Given,
    /// The standard in force on `date`, a date at which no review seam makes it ambiguous.
    Date,
    /// The standard of the list year (`list_year`): the one in force on 1 January of that year,
    /// which the review held at the end of the year before applies.
    ListYear,
}

impl SelectedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SelectedBy::Named => "named",
            SelectedBy::Given => "given",
            SelectedBy::Date => "date",
            SelectedBy::ListYear => "list_year",
        }
    }
}

/// How a standard was picked: the rule, and the date and list year it was picked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub by: SelectedBy,
    pub date: Option<Date>,
    pub list_year: Option<u16>,
}

impl Selection {
    /// A standard the caller passed itself.
    pub fn given(date: Option<Date>, list_year: Option<u16>) -> Selection {
        Selection { by: SelectedBy::Given, date, list_year }
    }
}

/// The explanation of a [`Selection`], as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SelectionReport {
    /// The rule that picked the standard.
    pub by: SelectedBy,
    /// The list year the classification is for, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_year: Option<u16>,
    pub message: Text,
    /// The provision behind the rule (the standard's period, or the review procedure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    pub confidence: Confidence,
}

/// The standard a request picks: `named` (an embedded id) wins, then `list_year`, then `date`.
/// `date` and `list_year` are also checked against each other: a review for list year Y is held
/// from the review window of Y-1 to the end of Y. A date alone that falls in a review window at
/// a seam (the review then makes next year's list under another standard) is the typed error
/// `list_year_required`, never silently the standard of the date.
pub fn select_standard(
    named: Option<&str>,
    date: Option<Date>,
    list_year: Option<u16>,
) -> Result<(&'static Standard, Selection), Errors> {
    if let (Some(d), Some(y)) = (date, list_year) {
        check_date_fits_list_year(d, y)?;
    }
    if let Some(id) = named {
        return Ok((standard_by_id(id)?, Selection { by: SelectedBy::Named, date, list_year }));
    }
    match (date, list_year) {
        (_, Some(y)) => Ok((standard_for_list_year(y)?, Selection { by: SelectedBy::ListYear, date, list_year })),
        (Some(d), None) => {
            let standard = standard_in_force(d)?;
            if let Some(next) = seam_at(d, standard)? {
                return Err(list_year_required(d, standard, next).into());
            }
            Ok((standard, Selection { by: SelectedBy::Date, date, list_year }))
        }
        (None, None) => Err(Error::new(
            ErrorCode::DateMissing,
            "/date",
            "Cần ngày (date), năm danh sách (list_year) hoặc mã chuẩn (standard) để chọn chuẩn nghèo.",
            "Give a date (date), a list year (list_year) or a standard id (standard) to pick the standard.",
        )
        .into()),
    }
}

/// Checks, for a caller's own standard, that its date and list year agree.
pub fn check_selection(date: Option<Date>, list_year: Option<u16>) -> Result<(), Errors> {
    match (date, list_year) {
        (Some(d), Some(y)) => check_date_fits_list_year(d, y),
        _ => Ok(()),
    }
}

/// The embedded standard of list year `year`: the one in force on 1 January of that year.
pub fn standard_for_list_year(year: u16) -> Result<&'static Standard, Errors> {
    let Some(first) = Date::new(year, 1, 1) else {
        return Err(list_year_invalid(year).into());
    };
    standard_in_force(first).map_err(|e| {
        Errors::from(Error::new(
            ErrorCode::DateOutsideAnyStandard,
            "/list_year",
            format!("Danh sách năm {year}: {}", e.message.vi),
            format!("List year {year}: {}", e.message.en),
        ))
    })
}

/// When `date` falls in a review window and the review held then makes the next year's list
/// under another standard than `standard` (the one in force on `date`), that other standard.
fn seam_at(date: Date, standard: &Standard) -> Result<Option<&'static Standard>, Errors> {
    let next_year = date.year() + 1;
    let rules = review_rules()?;
    let Some(procedure) = rules.procedure_for(next_year) else { return Ok(None) };
    if !procedure.window.contains(date) {
        return Ok(None);
    }
    match Date::new(next_year, 1, 1).map(standard_in_force) {
        Some(Ok(next)) if next.id != standard.id => Ok(Some(next)),
        _ => Ok(None),
    }
}

fn list_year_required(date: Date, now: &Standard, next: &Standard) -> Error {
    let (y, n) = (date.year(), date.year() + 1);
    Error::new(
        ErrorCode::ListYearRequired,
        "/list_year",
        format!(
            "Ngày {date} nằm trong kỳ rà soát cuối năm {y}: kỳ rà soát định kỳ này lập danh sách năm {n} theo {}, \
             còn chuẩn có hiệu lực vào ngày đó là {}. Hãy cho biết list_year: {n} (rà soát định kỳ cho danh sách \
             năm {n}) hoặc {y} (rà soát thường xuyên trong năm {y}), hoặc chọn standard.",
            next.document, now.document
        ),
        format!(
            "{date} falls in the review at the end of {y}: that periodic review makes the {n} list under {}, \
             while the standard in force that day is {}. Give list_year: {n} (the periodic review for the {n} \
             list) or {y} (a regular review during {y}), or name the standard.",
            next.document, now.document
        ),
    )
}

fn list_year_invalid(year: u16) -> Error {
    Error::new(
        ErrorCode::ListYearMismatch,
        "/list_year",
        format!("Năm danh sách {year} không hợp lệ."),
        format!("List year {year} is not a valid year."),
    )
}

/// A review for list year Y is held from the window's first day in Y-1 to the end of Y.
fn check_date_fits_list_year(date: Date, year: u16) -> Result<(), Errors> {
    let rules = review_rules()?;
    let Some(end) = Date::new(year, 12, 31) else { return Err(list_year_invalid(year).into()) };
    let window = rules.procedure_for(year).map(|p| &p.window);
    // Without a known procedure (no standard, or none encoded), any day of the year before.
    let start = match window {
        Some(w) => year.checked_sub(1).and_then(|prev| w.first_day(prev)),
        None => year.checked_sub(1).and_then(|prev| Date::new(prev, 1, 1)),
    };
    match start {
        Some(start) if start <= date && date <= end => Ok(()),
        _ => {
            let from = start.map_or_else(|| format!("{}-01-01", year.saturating_sub(1)), |d| d.to_string());
            Err(Error::new(
                ErrorCode::ListYearMismatch,
                "/list_year",
                format!(
                    "Ngày {date} không thuộc kỳ rà soát nào của danh sách năm {year} (từ {from} đến {end}: \
                     rà soát định kỳ cuối năm trước hoặc rà soát thường xuyên trong năm)."
                ),
                format!(
                    "{date} is not within any review for the {year} list (from {from} to {end}: the periodic \
                     review at the end of the year before, or a regular review during the year)."
                ),
            )
            .into())
        }
    }
}

impl Selection {
    /// The explanation of this selection of `standard`.
    pub fn report(&self, standard: &Standard) -> SelectionReport {
        let doc = &standard.document;
        let period = standard.period();
        let in_force = standard.source(&standard.valid_from.source).cloned();
        let (message, citation, confidence) = match self.by {
            SelectedBy::Named => (
                Text::new(
                    format!("Áp dụng {doc} theo mã chuẩn trong yêu cầu (standard = {}).", standard.id),
                    format!("{doc} applied as named in the request (standard = {}).", standard.id),
                ),
                None,
                Confidence::Verified,
            ),
            SelectedBy::Given => (
                Text::new(
                    format!("Áp dụng chuẩn do người dùng cung cấp: {doc} ({}).", standard.id),
                    format!("The caller's own standard applied: {doc} ({}).", standard.id),
                ),
                None,
                Confidence::Verified,
            ),
            SelectedBy::Date => {
                let d = self.date.map(|d| d.to_string()).unwrap_or_default();
                (
                    Text::new(
                        format!("Áp dụng {doc}, chuẩn có hiệu lực vào ngày {d} (giai đoạn {period})."),
                        format!("{doc} applied: the standard in force on {d} (period {period})."),
                    ),
                    in_force,
                    standard.valid_from.confidence,
                )
            }
            SelectedBy::ListYear => {
                let y = self.list_year.unwrap_or_default();
                let procedure = review_rules().ok().and_then(|r| r.procedure_for(y).map(|p| (r, p)));
                match procedure {
                    Some((rules, p)) => (
                        Text::new(
                            format!(
                                "Danh sách năm {y} lập theo {doc} (chuẩn có hiệu lực từ 01/01/{y}): kỳ rà soát định kỳ \
                                 cuối năm {} ({}) áp dụng chuẩn của năm danh sách ({}).",
                                y.saturating_sub(1),
                                p.window.display(),
                                p.documents
                            ),
                            format!(
                                "The {y} list is made under {doc} (the standard in force from {y}-01-01): the \
                                 periodic review at the end of {} ({}) applies the standard of the list year ({}).",
                                y.saturating_sub(1),
                                p.window.display(),
                                p.documents
                            ),
                        ),
                        rules.source(&p.source).cloned(),
                        p.confidence.max(standard.valid_from.confidence),
                    ),
                    None => (
                        Text::new(
                            format!("Danh sách năm {y} lập theo {doc}, chuẩn có hiệu lực từ 01/01/{y}."),
                            format!("The {y} list is made under {doc}, the standard in force from {y}-01-01."),
                        ),
                        in_force,
                        standard.valid_from.confidence,
                    ),
                }
            }
        };
        SelectionReport { by: self.by, list_year: self.list_year, message, citation, confidence }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_else(|()| Date::new(1000, 1, 1).unwrap_or_else(|| unreachable!()))
    }

    #[test]
    fn embedded_review_rules_load() {
        let rules = review_rules().map_err(|e| e.to_string());
        assert!(rules.is_ok(), "{rules:?}");
    }

    #[test]
    fn list_year_picks_the_standard_of_its_first_day() {
        let id = |y| standard_for_list_year(y).map(|s| s.id.clone()).unwrap_or_default();
        assert_eq!(id(2015), "qd09-2011");
        assert_eq!(id(2016), "qd59-2015");
        assert_eq!(id(2021), "qd59-2015");
        assert_eq!(id(2022), "nd07-2021");
        assert_eq!(id(2026), "nd07-2021");
        assert_eq!(id(2027), "nd351-2025");
        assert_eq!(id(2030), "nd351-2025");
        assert!(standard_for_list_year(2031).is_err());
    }

    #[test]
    fn a_review_date_at_a_seam_needs_its_list_year() {
        let code = |d: &str| select_standard(None, Some(date(d)), None).err().map(|e| e.first().code);
        // QĐ 24/2021/QĐ-TTg: the periodic review runs in the last months of the year.
        assert_eq!(code("2026-11-30"), Some(ErrorCode::ListYearRequired));
        assert_eq!(code("2021-11-30"), Some(ErrorCode::ListYearRequired));
        assert_eq!(code("2015-11-20"), Some(ErrorCode::ListYearRequired));
        // No seam: the standard in force, picked by the date.
        assert_eq!(code("2018-11-30"), None);
        assert_eq!(code("2026-06-30"), None);
    }

    #[test]
    fn date_and_list_year_must_agree() {
        let pick = |d: &str, y| select_standard(None, Some(date(d)), Some(y)).map(|(s, _)| s.id.clone());
        assert_eq!(pick("2026-11-30", 2027).ok().as_deref(), Some("nd351-2025"));
        assert_eq!(pick("2026-11-30", 2026).ok().as_deref(), Some("nd07-2021"));
        assert!(pick("2026-06-30", 2028).is_err());
        assert!(pick("2028-01-01", 2027).is_err());
    }
}
