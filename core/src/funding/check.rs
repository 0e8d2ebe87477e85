//! Does a plan add up? Every level is summed exactly (Decimal, đồng): the sources against the
//! total, investment and recurrent against the central budget, each breakdown against the amount
//! it splits and each line's own lines against the line. A sum that does not hold is a finding in
//! the result, with its path and exact difference; only a malformed plan is an error.

use super::plan::{Basis, FundingPlan, Funds, Line, basis_name};
use crate::error::{Error, ErrorCode, Errors};
use crate::exact;
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The result of checking a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanCheck {
    /// The plan's id.
    pub plan: String,
    /// Whether every sum holds.
    pub adds_up: bool,
    /// Every sum checked, in the order of the plan.
    pub sums: Vec<SumCheck>,
    /// The sums that do not hold (a subset of `sums`).
    pub mismatches: Vec<SumCheck>,
}

/// One sum: the parts at `parts` must add up to the amount at `path`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SumCheck {
    /// JSON pointer of the amount the parts must add up to.
    pub path: String,
    /// JSON pointers of the parts.
    pub parts: Vec<String>,
    /// The amount at `path`, in đồng.
    #[schemars(with = "crate::json::DecimalSchema")]
    pub expected: Decimal,
    /// The sum of the parts, in đồng.
    #[schemars(with = "crate::json::DecimalSchema")]
    pub actual: Decimal,
    /// `actual − expected`, exact: positive when the parts exceed the amount.
    #[schemars(with = "crate::json::DecimalSchema")]
    pub difference: Decimal,
    pub holds: bool,
    pub message: Text,
}

/// Checks that every level of `plan` adds up. A malformed plan (negative amount, unknown source
/// key, duplicate ids, a breakdown of an amount the plan lacks) is an error.
pub fn check_plan(plan: &FundingPlan) -> Result<PlanCheck, Errors> {
    plan.validate()?;
    let mut sums = Vec::new();
    fund_sums(plan, &mut sums)?;
    for (i, b) in plan.breakdowns.iter().enumerate() {
        let Some((basis, basis_path)) = plan.basis(b.of) else { continue };
        let path = format!("/breakdowns/{i}/lines");
        let vi = format!("Các dòng của bảng '{}' (chia {})", b.name, basis_label_vi(b.of));
        let en = format!("The lines of breakdown '{}' (of {})", b.name, basis_name(b.of));
        sums.push(sum_check(*basis.value, basis_path, line_parts(&b.lines, &path), &vi, &en)?);
        lines(&b.lines, &path, &mut sums)?;
    }
    let mismatches: Vec<SumCheck> = sums.iter().filter(|s| !s.holds).cloned().collect();
    Ok(PlanCheck { plan: plan.id.clone(), adds_up: mismatches.is_empty(), sums, mismatches })
}

/// The funds: the sources against the total, then each amount given in parts against its parts.
fn fund_sums(plan: &FundingPlan, sums: &mut Vec<SumCheck>) -> Result<(), Errors> {
    let f = &plan.funds;
    let parts = source_parts(f);
    if !parts.is_empty() {
        sums.push(sum_check(*plan.total.value, "/total/value", parts, "Tổng các nguồn vốn", "The sources of funds")?);
    }
    if let Some(c) = &f.central {
        if let (Some(inv), Some(rec)) = (&c.investment, &c.recurrent) {
            sums.push(sum_check(
                *c.amount.value,
                "/funds/central/amount/value",
                vec![
                    (*inv.value, "/funds/central/investment/value".into()),
                    (*rec.value, "/funds/central/recurrent/value".into()),
                ],
                "Vốn đầu tư + vốn sự nghiệp",
                "Investment + recurrent funds",
            )?);
        }
    }
    if let (Some(all), Some(local), Some(other)) = (&f.local_and_other, &f.local_budget, &f.other_mobilised) {
        sums.push(sum_check(
            *all.value,
            "/funds/local_and_other/value",
            vec![
                (*local.value, "/funds/local_budget/value".into()),
                (*other.value, "/funds/other_mobilised/value".into()),
            ],
            "Ngân sách địa phương + vốn huy động khác",
            "Local budget + other mobilised funds",
        )?);
    }
    Ok(())
}

/// The sources of funds that make up the total. `local_and_other`, when given, stands for the
/// local budget and other mobilised funds (checked against them separately), so they are not
/// counted twice.
fn source_parts(f: &Funds) -> Vec<(Decimal, String)> {
    let mut parts: Vec<(Decimal, String)> = Vec::new();
    if let Some(c) = &f.central {
        parts.push((*c.amount.value, "/funds/central/amount/value".into()));
    }
    match &f.local_and_other {
        Some(a) => parts.push((*a.value, "/funds/local_and_other/value".into())),
        None => {
            if let Some(a) = &f.local_budget {
                parts.push((*a.value, "/funds/local_budget/value".into()));
            }
            if let Some(a) = &f.other_mobilised {
                parts.push((*a.value, "/funds/other_mobilised/value".into()));
            }
        }
    }
    if let Some(a) = &f.credit {
        parts.push((*a.value, "/funds/credit/value".into()));
    }
    parts
}

fn line_parts(lines: &[Line], path: &str) -> Vec<(Decimal, String)> {
    lines.iter().enumerate().map(|(j, l)| (*l.amount.value, format!("{path}/{j}/amount/value"))).collect()
}

fn lines(lines: &[Line], path: &str, sums: &mut Vec<SumCheck>) -> Result<(), Errors> {
    for (j, line) in lines.iter().enumerate() {
        if line.lines.is_empty() {
            continue;
        }
        let at = format!("{path}/{j}");
        let children = format!("{at}/lines");
        let vi = format!("Các dòng con của '{}'", line.name);
        let en = format!("The lines under '{}'", line.name);
        sums.push(sum_check(
            *line.amount.value,
            &format!("{at}/amount/value"),
            line_parts(&line.lines, &children),
            &vi,
            &en,
        )?);
        self::lines(&line.lines, &children, sums)?;
    }
    Ok(())
}

fn sum_check(
    expected: Decimal,
    path: &str,
    parts: Vec<(Decimal, String)>,
    what_vi: &str,
    what_en: &str,
) -> Result<SumCheck, Errors> {
    let overflow = || {
        Errors::from(Error::new(
            ErrorCode::FundingInvalid,
            path,
            "Tổng các phần vượt quá phạm vi số thập phân chính xác (28 chữ số).",
            "The sum of the parts exceeds the exact decimal range (28 digits).",
        ))
    };
    let actual = exact::sum(parts.iter().map(|p| p.0)).ok_or_else(overflow)?;
    let difference = exact::sub(actual, expected).ok_or_else(overflow)?;
    let holds = difference.is_zero();
    let (ev, ee) = (vi_number(&expected), en_number(&expected));
    let (av, ae) = (vi_number(&actual), en_number(&actual));
    let message = if holds {
        Text::new(
            format!("{what_vi}: {av} đồng, đúng bằng {ev} đồng ({path})."),
            format!("{what_en}: {ae} đồng, exactly {ee} đồng ({path})."),
        )
    } else {
        Text::new(
            format!(
                "{what_vi} cộng lại được {av} đồng, khác {ev} đồng ghi ở {path}: chênh lệch {} đồng.",
                vi_number(&difference)
            ),
            format!(
                "{what_en} add up to {ae} đồng, not the {ee} đồng at {path}: a difference of {} đồng.",
                en_number(&difference)
            ),
        )
    };
    Ok(SumCheck {
        path: path.to_string(),
        parts: parts.into_iter().map(|p| p.1).collect(),
        expected,
        actual,
        difference,
        holds,
        message,
    })
}

fn basis_label_vi(of: Basis) -> &'static str {
    match of {
        Basis::Total => "tổng kinh phí",
        Basis::Central => "ngân sách trung ương",
        Basis::CentralInvestment => "vốn đầu tư ngân sách trung ương",
        Basis::CentralRecurrent => "vốn sự nghiệp ngân sách trung ương",
        Basis::LocalBudget => "ngân sách địa phương",
        Basis::OtherMobilised => "vốn huy động hợp pháp khác",
        Basis::LocalAndOther => "ngân sách địa phương và vốn huy động khác",
        Basis::Credit => "vốn tín dụng",
    }
}
