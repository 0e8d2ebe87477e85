//! The JSON-shaped entry point every binding shares: one household in, a [`Report`] out.

use crate::area::Area;
use crate::classify::{Assessment, Household, Scores};
use crate::date::Date;
use crate::derive::{Finding, derive};
use crate::error::{Collector, Error, ErrorCode, Errors, pointer};
use crate::facts::Facts;
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
use crate::report::Report;
use crate::review::{Selection, check_selection, select_standard};
use crate::standard::Standard;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One household to classify. Give exactly one of `indicators`, `facts` or `scores`; income is
/// needed with indicators and facts. The standard is the one `standard` names, else the one of
/// `list_year` (the list an annual review makes), else the one in force on `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifyRequest {
    /// The day the answer is for: the day ages are taken on, and (without `list_year`) the day
    /// whose standard in force applies. A date in the review months at a seam between standards
    /// needs `list_year` (error `list_year_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The year of the poor and near-poor list the review makes ("danh sách năm"): the review
    /// held at the end of 2026 makes the 2027 list, under the standard in force on 2027-01-01
    /// (NĐ 351/2025). With `date`, the date must fall within a review for that list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 9999))]
    pub list_year: Option<u16>,
    /// An embedded standard's id (`qd09-2011`, `qd59-2015`, `nd07-2021`, `nd351-2025`),
    /// overriding the date's and the list year's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    pub area: Area,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<IncomeInput>,
    /// The review form's yes/no answers: indicator id to `true` when deprived. Every indicator
    /// of the standard must be answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<BTreeMap<String, bool>>,
    /// Raw facts from which the indicators are derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
    /// Review scores (B1/B2 of TT 17/2016, A/B of TT 07/2021), instead of income and indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
}

/// Income: either the monthly figure per person, or the household's annual total and size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeInput {
    /// Đồng per person per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_per_capita: Option<crate::number::Money>,
    /// Đồng per household per year (divided by 12 and by `household_size`, exactly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_household: Option<crate::number::Money>,
    /// Number of members, with `annual_household`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_size: Option<u32>,
}

impl IncomeInput {
    pub fn monthly(amount: Decimal) -> IncomeInput {
        IncomeInput { monthly_per_capita: Some(amount.into()), ..IncomeInput::default() }
    }

    /// The monthly per-capita income, checked.
    pub fn resolve(&self) -> Result<MonthlyIncome, Errors> {
        match (self.monthly_per_capita, self.annual_household, self.household_size) {
            (Some(m), None, None) => MonthlyIncome::per_capita(*m).map_err(Errors::from),
            (None, Some(a), Some(n)) => MonthlyIncome::from_annual_household(*a, n),
            (None, Some(_), None) => Err(Error::new(
                ErrorCode::FieldMissing,
                "/income/household_size",
                "Thu nhập cả năm của hộ cần kèm số thành viên (household_size).",
                "An annual household income needs the household size (household_size).",
            )
            .into()),
            (None, None, _) => Err(Error::new(
                ErrorCode::IncomeMissing,
                "/income",
                "Cần monthly_per_capita hoặc annual_household.",
                "Give monthly_per_capita or annual_household.",
            )
            .into()),
            (Some(_), _, _) => Err(Error::new(
                ErrorCode::InputConflict,
                "/income",
                "Chỉ nhập một trong hai: monthly_per_capita, hoặc annual_household kèm household_size.",
                "Give one of monthly_per_capita, or annual_household with household_size, not both.",
            )
            .into()),
        }
    }
}

/// Parses a request from JSON and classifies it with the embedded standards.
pub fn classify_json(text: &str) -> Result<Report, Errors> {
    let request: ClassifyRequest = crate::json::object_from_str(text)?;
    classify_request(&request)
}

/// Parses and classifies like [`classify_json`], without writing the report: the class, the
/// deprivations and the trail, for validate-as-you-type forms. [`Assessment::report`] writes the
/// reasons when they are wanted.
pub fn assess_json(text: &str) -> Result<Assessment<'static>, Errors> {
    let request: ClassifyRequest = crate::json::object_from_str(text)?;
    assess_request_with(embedded_standard_for(&request)?.0, &request).map(|(a, _)| a)
}

/// Classifies a request with the embedded standard it picks (see [`select_standard`]).
pub fn classify_request(request: &ClassifyRequest) -> Result<Report, Errors> {
    let (standard, selection) = embedded_standard_for(request)?;
    let (assessment, findings) = assess_request_with(standard, request)?;
    Ok(assessment.report_with(&selection, &findings))
}

/// The embedded standard a request picks, and how it was picked.
pub fn embedded_standard_for(request: &ClassifyRequest) -> Result<(&'static Standard, Selection), Errors> {
    select_standard(request.standard.as_deref(), request.date, request.list_year)
}

/// Classifies a request under a given standard (a caller's own, or an embedded one picked by
/// the caller); the request's date and list year are still checked against each other.
pub fn classify_request_with(standard: &Standard, request: &ClassifyRequest) -> Result<Report, Errors> {
    check_selection(request.date, request.list_year)?;
    let (assessment, findings) = assess_request_with(standard, request)?;
    Ok(assessment.report_with(&Selection::given(request.date, request.list_year), &findings))
}

/// Every check of [`classify_request_with`], without the report: the assessment, and the
/// findings of the facts when the indicators were derived from facts.
pub fn assess_request_with<'s>(
    standard: &'s Standard,
    request: &ClassifyRequest,
) -> Result<(Assessment<'s>, Vec<Finding>), Errors> {
    let mut c = Collector::default();
    let given = [request.indicators.is_some(), request.facts.is_some(), request.scores.is_some()];
    let income_only = standard.indicators.is_empty();
    match given.iter().filter(|&&g| g).count() {
        0 if income_only && request.income.is_some() => {}
        0 => {
            return Err(Error::new(
                ErrorCode::InputMissing,
                "",
                "Cần một trong ba: indicators (chỉ số), facts (dữ kiện) hoặc scores (điểm rà soát).",
                "Give one of indicators, facts or scores.",
            )
            .into());
        }
        1 => {}
        _ => {
            return Err(Error::new(
                ErrorCode::InputConflict,
                "",
                "Chỉ nhập một trong ba: indicators, facts, scores.",
                "Give only one of indicators, facts and scores.",
            )
            .into());
        }
    }

    if let Some(scores) = request.scores {
        if request.income.is_some() {
            return Err(Error::new(
                ErrorCode::InputConflict,
                "/income",
                "Khi phân loại theo điểm rà soát thì không nhập thu nhập.",
                "Income is not given when classifying by review scores.",
            )
            .into());
        }
        return Ok((standard.classify_scores(request.area, scores)?, Vec::new()));
    }

    let income = match &request.income {
        Some(i) => c.take(i.resolve()),
        None => {
            c.push(Error::new(
                ErrorCode::IncomeMissing,
                "/income",
                "Cần thu nhập bình quân đầu người/tháng, hoặc thu nhập cả năm của hộ.",
                "Income is required: monthly per capita, or the household's annual total.",
            ));
            None
        }
    };

    let mut findings = Vec::new();
    let deprived = if let Some(answers) = &request.indicators {
        c.take(indicators_from_answers(standard, answers))
    } else if request.facts.is_some() && income_only {
        c.push(income_only_has_no_indicators(standard, "/facts"));
        None
    } else if let Some(facts) = &request.facts {
        if let (Some(n), false) = (request.income.as_ref().and_then(|i| i.household_size), facts.members.is_empty()) {
            if usize::try_from(n).ok() != Some(facts.members.len()) {
                c.push(Error::new(
                    ErrorCode::HouseholdSizeMismatch,
                    "/income/household_size",
                    format!("Số thành viên {n} khác số người trong facts.members ({}).", facts.members.len()),
                    format!("Household size {n} differs from the {} members in facts.members.", facts.members.len()),
                ));
            }
        }
        match request.date {
            None => {
                c.push(Error::new(
                    ErrorCode::DateMissing,
                    "/date",
                    "Cần ngày rà soát (date) để tính tuổi các thành viên.",
                    "A review date (date) is needed to work out members' ages.",
                ));
                None
            }
            Some(date) => c.take(derive(standard, facts, date)).map(|d| {
                findings = d.findings;
                d.deprived
            }),
        }
    } else {
        // An income-only standard (QĐ 09/2011) has no indicators to answer.
        Some(IndicatorSet::EMPTY)
    };

    match (income, deprived) {
        (Some(income), Some(deprived)) if c.is_empty() => {
            let household = Household { area: request.area, income, deprived };
            Ok((standard.classify(&household), findings))
        }
        _ => c.finish(()).and_then(|()| {
            Err(Error::new(ErrorCode::InputMissing, "", "Thiếu dữ liệu đầu vào.", "Input is incomplete.").into())
        }),
    }
}

/// Turns the review form's answers into an indicator set; every indicator must be answered.
pub fn indicators_from_answers(standard: &Standard, answers: &BTreeMap<String, bool>) -> Result<IndicatorSet, Errors> {
    let mut c = Collector::default();
    let mut set = IndicatorSet::EMPTY;
    if standard.indicators.is_empty() && !answers.is_empty() {
        return Err(income_only_has_no_indicators(standard, "/indicators").into());
    }
    for key in answers.keys() {
        if standard.indicator_index(key).is_none() {
            let known: Vec<&str> = standard.indicators.iter().map(|i| i.id.as_str()).collect();
            c.push(Error::new(
                ErrorCode::IndicatorUnknown,
                pointer(["indicators", key]),
                format!("{} không có chỉ số '{key}'. Các chỉ số: {}.", standard.document, known.join(", ")),
                format!("{} has no indicator '{key}'. Its indicators: {}.", standard.document, known.join(", ")),
            ));
        }
    }
    for (i, ind) in standard.indicators.iter().enumerate() {
        match answers.get(&ind.id) {
            Some(true) => set = set.with(i),
            Some(false) => {}
            None => c.push(Error::new(
                ErrorCode::IndicatorMissing,
                pointer(["indicators", &ind.id]),
                format!("Thiếu câu trả lời cho chỉ số '{}' ({}).", ind.id, ind.name.vi),
                format!("No answer for indicator '{}' ({}).", ind.id, ind.name.en),
            )),
        }
    }
    c.finish(set)
}

/// The error for indicator answers or facts given to an income-only standard (QĐ 09/2011).
fn income_only_has_no_indicators(standard: &Standard, path: &str) -> Error {
    Error::new(
        ErrorCode::IndicatorUnknown,
        path,
        format!(
            "{} chỉ xét thu nhập, không có chỉ số thiếu hụt nên không dùng {}. Nếu đây là kỳ rà soát cho danh sách \
             năm sau, hãy cho biết list_year.",
            standard.document,
            &path[1..]
        ),
        format!(
            "{} is income only: it has no deprivation indicators, so {} are not used. If this is the review for \
             next year's list, give list_year.",
            standard.document,
            &path[1..]
        ),
    )
}

/// The indicator set of the named ids (for callers building households in code).
pub fn indicators_from_ids<'a>(
    standard: &Standard,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<IndicatorSet, Errors> {
    let mut answers: BTreeMap<String, bool> = standard.indicators.iter().map(|i| (i.id.clone(), false)).collect();
    for id in ids {
        answers.insert(id.to_string(), true);
    }
    indicators_from_answers(standard, &answers)
}

impl Household {
    /// A household with a monthly per-capita income, for callers building inputs in code.
    pub fn new(area: Area, monthly_per_capita: Decimal, deprived: IndicatorSet) -> Result<Household, Errors> {
        Ok(Household { area, income: MonthlyIncome::per_capita(monthly_per_capita)?, deprived })
    }
}
