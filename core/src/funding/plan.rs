//! A funding plan as data: its total, the sources of funds, and optional breakdowns (by project,
//! sub-project, year, district...) as trees of lines. Two plans ship embedded: Cao Bằng's plan
//! 449/KH-UBND (2017) and the national totals of QĐ 1722/QĐ-TTg (2016).

use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::source::{Citation, Confidence};
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

const EMBEDDED: &[(&str, &str)] = &[
    ("qd1722-2016", include_str!("../../data/funding/plan-qd1722-2016.json")),
    ("cao-bang-449-2017", include_str!("../../data/funding/plan-cao-bang-449-2017.json")),
    ("qd90-2022", include_str!("../../data/funding/plan-qd90-2022.json")),
];

/// A funding plan: what it costs and where the money comes from. Amounts are in đồng.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingPlan {
    /// Editors may point at `schemas/funding-plan.schema.json`; ignored by the library.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// Stable id, e.g. `cao-bang-449-2017`.
    pub id: String,
    /// The document that sets the plan, e.g. `Kế hoạch 449/KH-UBND ngày 24/02/2017`.
    pub document: String,
    pub name: Text,
    /// Who the plan covers: `Việt Nam`, `Cao Bằng`...
    pub scope: String,
    pub period: Period,
    /// The plan's total (tổng kinh phí), in đồng.
    pub total: Amount,
    /// The total by source of funds.
    #[serde(default)]
    pub funds: Funds,
    /// Splits of the total (or of one source) by project, year, district...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
    /// Every legal reference the file uses, by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Citation>,
    /// Remarks for readers (what is arithmetic, what is not verified).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// Program years, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from_year: u16,
    pub to_year: u16,
}

/// An amount of money in đồng, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// In đồng (1 tỷ = 1.000.000.000 đồng), an exact decimal.
    pub value: crate::number::Money,
    /// Key into the plan's `sources` table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// How the amount was obtained when the document does not print it (arithmetic...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Amount {
    /// An amount without provenance (a caller's own figure).
    pub fn new(value: Decimal) -> Amount {
        Amount { value: value.into(), source: None, confidence: None, note: None }
    }
}

/// The sources of funds. Those present must add up to the total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// Central budget (ngân sách trung ương).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central: Option<Central>,
    /// Local budget, the counterpart (ngân sách địa phương, vốn đối ứng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_budget: Option<Amount>,
    /// Other lawful mobilised funds (vốn huy động hợp pháp khác).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_mobilised: Option<Amount>,
    /// Local budget and other mobilised funds together, when the plan does not split them (or the
    /// split is not verified). With `local_budget` and `other_mobilised` both given, they must add
    /// up to it; it counts once in the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_and_other: Option<Amount>,
    /// Policy credit, only when the plan counts it in its total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Amount>,
}

/// The central budget, split into investment (vốn đầu tư) and recurrent (vốn sự nghiệp) funds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Central {
    pub amount: Amount,
    /// Give both parts or neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<Amount>,
}

/// Which amount of the plan a breakdown splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Total,
    Central,
    CentralInvestment,
    CentralRecurrent,
    LocalBudget,
    OtherMobilised,
    LocalAndOther,
    Credit,
}

/// What the lines of a level are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Project,
    SubProject,
    Year,
    District,
    Commune,
    Village,
    Other,
}

/// One split of an amount of the plan: its lines must add up to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub id: String,
    /// The breakdown's title as the plan prints it.
    pub name: String,
    pub of: Basis,
    /// What the top lines are.
    pub by: Level,
    pub lines: Vec<Line>,
}

/// A line of a breakdown; its own lines (when any) must add up to its amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub id: String,
    /// The line's name as the plan prints it.
    pub name: String,
    pub amount: Amount,
    /// What the child lines are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Level>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Line>,
}

impl FundingPlan {
    /// Loads a plan (JSON) and checks its structure; whether it adds up is [`crate::funding::check_plan`]'s job.
    pub fn from_json(text: &str) -> Result<FundingPlan, Errors> {
        let plan: FundingPlan = crate::json::object_from_str(text)?;
        plan.validate()?;
        Ok(plan)
    }

    /// Structural rules: no negative amount, known source keys, unique ids, both central parts
    /// or neither, breakdowns of amounts the plan has.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut c = Collector::default();
        if self.id.trim().is_empty() {
            c.push(invalid("/id", "Mã kế hoạch không được để trống.", "The plan id cannot be empty."));
        }
        if self.period.to_year < self.period.from_year {
            c.push(invalid(
                "/period/to_year",
                &format!("Năm cuối {} trước năm đầu {}.", self.period.to_year, self.period.from_year),
                &format!("to_year {} is before from_year {}.", self.period.to_year, self.period.from_year),
            ));
        }
        self.check_amounts(&mut c);
        self.check_parts(&mut c);
        self.check_breakdowns(&mut c);
        c.finish(())
    }

    /// Every amount of the total and the funds.
    fn check_amounts(&self, c: &mut Collector) {
        check_amount(self, &self.total, "/total", c);
        let f = &self.funds;
        if let Some(central) = &f.central {
            check_amount(self, &central.amount, "/funds/central/amount", c);
            if let Some(a) = &central.investment {
                check_amount(self, a, "/funds/central/investment", c);
            }
            if let Some(a) = &central.recurrent {
                check_amount(self, a, "/funds/central/recurrent", c);
            }
        }
        for (a, name) in [
            (&f.local_budget, "local_budget"),
            (&f.other_mobilised, "other_mobilised"),
            (&f.local_and_other, "local_and_other"),
            (&f.credit, "credit"),
        ] {
            if let Some(a) = a {
                check_amount(self, a, &format!("/funds/{name}"), c);
            }
        }
    }

    /// An amount split in two parts gives both parts or neither: one part alone cannot be checked
    /// against the whole.
    fn check_parts(&self, c: &mut Collector) {
        let f = &self.funds;
        if let Some(central) = &f.central {
            if central.investment.is_some() != central.recurrent.is_some() {
                c.push(invalid(
                    "/funds/central",
                    "Ngân sách trung ương: ghi cả vốn đầu tư và vốn sự nghiệp, hoặc không ghi phần nào.",
                    "Central budget: give both investment and recurrent funds, or neither.",
                ));
            }
        }
        if f.local_and_other.is_some() && f.local_budget.is_some() != f.other_mobilised.is_some() {
            c.push(invalid(
                "/funds/local_and_other",
                "Khi có local_and_other, ghi cả ngân sách địa phương và vốn huy động khác, hoặc không ghi phần nào.",
                "With local_and_other, give both local_budget and other_mobilised, or neither.",
            ));
        }
    }

    fn check_breakdowns(&self, c: &mut Collector) {
        let mut ids = HashSet::new();
        for (i, b) in self.breakdowns.iter().enumerate() {
            let path = format!("/breakdowns/{i}");
            if !ids.insert(b.id.as_str()) {
                c.push(duplicate(&format!("{path}/id"), &b.id));
            }
            if self.basis(b.of).is_none() {
                c.push(invalid(
                    &format!("{path}/of"),
                    &format!("Kế hoạch không có khoản '{}' để chia.", basis_name(b.of)),
                    &format!("The plan has no '{}' amount to split.", basis_name(b.of)),
                ));
            }
            if b.lines.is_empty() {
                c.push(invalid(
                    &format!("{path}/lines"),
                    "Một bảng chia cần ít nhất một dòng.",
                    "A breakdown needs at least one line.",
                ));
            }
            self.check_lines(&b.lines, &format!("{path}/lines"), c);
        }
    }

    fn check_lines(&self, lines: &[Line], path: &str, c: &mut Collector) {
        let mut ids = HashSet::new();
        for (i, line) in lines.iter().enumerate() {
            let at = format!("{path}/{i}");
            if !ids.insert(line.id.as_str()) {
                c.push(duplicate(&format!("{at}/id"), &line.id));
            }
            check_amount(self, &line.amount, &format!("{at}/amount"), c);
            self.check_lines(&line.lines, &format!("{at}/lines"), c);
        }
    }

    /// The amount a breakdown splits, with its JSON pointer; `None` when the plan lacks it.
    pub fn basis(&self, of: Basis) -> Option<(&Amount, &'static str)> {
        let f = &self.funds;
        let central = f.central.as_ref();
        match of {
            Basis::Total => Some((&self.total, "/total/value")),
            Basis::Central => central.map(|c| (&c.amount, "/funds/central/amount/value")),
            Basis::CentralInvestment => {
                central.and_then(|c| c.investment.as_ref()).map(|a| (a, "/funds/central/investment/value"))
            }
            Basis::CentralRecurrent => {
                central.and_then(|c| c.recurrent.as_ref()).map(|a| (a, "/funds/central/recurrent/value"))
            }
            Basis::LocalBudget => f.local_budget.as_ref().map(|a| (a, "/funds/local_budget/value")),
            Basis::OtherMobilised => f.other_mobilised.as_ref().map(|a| (a, "/funds/other_mobilised/value")),
            Basis::LocalAndOther => f.local_and_other.as_ref().map(|a| (a, "/funds/local_and_other/value")),
            Basis::Credit => f.credit.as_ref().map(|a| (a, "/funds/credit/value")),
        }
    }

    /// The citation behind a source key.
    pub fn source(&self, key: &str) -> Option<&Citation> {
        self.sources.get(key)
    }
}

pub(crate) fn basis_name(of: Basis) -> &'static str {
    match of {
        Basis::Total => "total",
        Basis::Central => "central",
        Basis::CentralInvestment => "central_investment",
        Basis::CentralRecurrent => "central_recurrent",
        Basis::LocalBudget => "local_budget",
        Basis::OtherMobilised => "other_mobilised",
        Basis::LocalAndOther => "local_and_other",
        Basis::Credit => "credit",
    }
}

fn check_amount(plan: &FundingPlan, a: &Amount, path: &str, c: &mut Collector) {
    if a.value.is_sign_negative() && !a.value.is_zero() {
        c.push(Error::new(
            ErrorCode::AmountNegative,
            format!("{path}/value"),
            format!("Số tiền âm ({} đồng).", crate::text::vi_number(&a.value)),
            format!("A negative amount ({} đồng).", crate::text::en_number(&a.value)),
        ));
    }
    if let Some(key) = &a.source {
        if !plan.sources.contains_key(key) {
            c.push(Error::new(
                ErrorCode::SourceUnknown,
                format!("{path}/source"),
                format!("Không có nguồn '{key}' trong bảng sources của kế hoạch."),
                format!("No source '{key}' in the plan's sources table."),
            ));
        }
    }
}

fn invalid(path: &str, vi: &str, en: &str) -> Error {
    Error::new(ErrorCode::FundingInvalid, path, vi, en)
}

fn duplicate(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::UnitDuplicate,
        path,
        format!("Mã '{id}' bị trùng trong cùng cấp."),
        format!("The id '{id}' appears twice at the same level."),
    )
}

fn registry() -> Result<&'static [FundingPlan], Errors> {
    static PLANS: OnceLock<Result<Vec<FundingPlan>, Errors>> = OnceLock::new();
    super::embedded::load(&PLANS, EMBEDDED, FundingPlan::from_json)
}

/// The embedded plans: QĐ 1722/QĐ-TTg (national) and Cao Bằng 449/KH-UBND.
pub fn plans() -> Result<&'static [FundingPlan], Errors> {
    registry()
}

/// The embedded plan with this id.
pub fn plan_by_id(id: &str) -> Result<&'static FundingPlan, Errors> {
    super::embedded::by_id(registry()?, id, |x| x.id.as_str(), "/plan", ("kế hoạch", "plan"))
}
