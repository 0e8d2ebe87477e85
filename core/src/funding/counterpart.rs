//! Local counterpart (vốn đối ứng) ratios as dated data. QĐ 48/2016/QĐ-TTg (2016-2020): provinces
//! that balance their own budgets, except Quảng Ngãi, fund the program 100% themselves (verified);
//! its tiers for the other provinces are UNVERIFIED and not encoded. QĐ 02/2022/QĐ-TTg
//! (2021-2025): tiers by the share of the provincial budget that central balancing transfers fund.
//! What is not encoded is a typed error, `ratio_not_encoded`, or a ratio the caller supplies.

use crate::error::{Error, ErrorCode, Errors};
use crate::json::DecimalSchema;
use crate::source::{Citation, Confidence, Sourced};
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/funding/counterpart-ratios.json");

/// The counterpart rules of every period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterpartRules {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub periods: Vec<CounterpartPeriod>,
    pub sources: BTreeMap<String, Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// What a minimum percentage is a percentage of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatioBasis {
    /// Of the central funds the province receives for the program.
    CentralFunds,
    /// Of the program's funds in the province (the province funds them itself).
    ProgramFunds,
}

/// The rules of one program period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterpartPeriod {
    pub id: String,
    pub document: String,
    /// Program years, both inclusive.
    pub from_year: u16,
    pub to_year: u16,
    /// Provinces that balance their own budgets; absent when not encoded (see `not_encoded`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_balancing: Option<SelfBalancingRule>,
    /// Named provinces with their own minimum, whatever their budget share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<ProvinceRule>,
    /// Tiers for provinces that receive balancing transfers; empty when not encoded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Why a part of the period's rule is not encoded, by part (`self_balancing`, `tiers`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_encoded: BTreeMap<String, NotEncoded>,
}

/// The rule for self-balancing provinces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfBalancingRule {
    pub minimum_percent: Sourced<crate::number::ExactDecimal>,
    pub basis: RatioBasis,
    /// Self-balancing provinces the rule does not cover (they count as supported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    pub note: Text,
}

/// A named province's own minimum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvinceRule {
    pub province: String,
    pub minimum_percent: Sourced<crate::number::ExactDecimal>,
    pub basis: RatioBasis,
}

/// One tier: `from ≤ central support share < below` (percent; an absent end is open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<crate::number::ExactDecimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<crate::number::ExactDecimal>,
    pub minimum_percent: Sourced<crate::number::ExactDecimal>,
    pub basis: RatioBasis,
    /// The tier as the reference states it, and how its boundaries were read.
    pub wording: Text,
}

/// A part of a rule that is not encoded, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotEncoded {
    pub confidence: Confidence,
    pub why: Text,
}

/// A request for the minimum counterpart of one province in one program year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterpartRequest {
    /// The program year (2016-2025 are covered).
    pub year: u16,
    /// The province's name (Quảng Ngãi and Quảng Nam have rules of their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Whether the province balances its own budget (needed for 2016-2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_balancing: Option<bool>,
    /// Share of the provincial budget funded by central balancing transfers, in percent (0-100;
    /// needed for 2021-2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_support_percent: Option<crate::number::ExactDecimal>,
    /// The central funds the province receives for the program (đồng), for a minimum amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_funds: Option<crate::number::Money>,
    /// A ratio (percent of central funds) to use where the law is not encoded; ignored where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_percent: Option<crate::number::ExactDecimal>,
}

/// Where a ratio comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatioRule {
    SelfBalancing,
    Province,
    Tier,
    /// The caller's ratio, used because the law's is not encoded.
    Caller,
}

/// The minimum counterpart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CounterpartRatio {
    /// The period's id (`qd48-2016`, `qd02-2022`).
    pub period: String,
    pub document: String,
    pub rule: RatioRule,
    /// The minimum, in percent of `basis`.
    #[schemars(with = "DecimalSchema")]
    pub minimum_percent: Decimal,
    pub basis: RatioBasis,
    /// `true` when the percentage is the caller's, not the law's.
    pub from_caller: bool,
    /// The law's confidence label; absent for a caller's ratio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    /// `central_funds × minimum_percent / 100`, when central funds were given and the basis is them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub minimum_amount: Option<Decimal>,
    pub message: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// The embedded counterpart rules.
pub fn counterpart_rules() -> Result<&'static CounterpartRules, Errors> {
    static RULES: OnceLock<Result<CounterpartRules, Errors>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let rules: CounterpartRules = crate::json::from_str(DATA).map_err(|e| e.under("/embedded/counterpart"))?;
            validate(&rules).map_err(|e| e.under("/embedded/counterpart"))?;
            Ok(rules)
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn validate(r: &CounterpartRules) -> Result<(), Errors> {
    let mut errors = Vec::new();
    for (i, p) in r.periods.iter().enumerate() {
        let keys = p
            .self_balancing
            .iter()
            .map(|s| (&s.minimum_percent.source, "self_balancing/minimum_percent".to_string()))
            .chain(
                p.provinces
                    .iter()
                    .enumerate()
                    .map(|(j, x)| (&x.minimum_percent.source, format!("provinces/{j}/minimum_percent"))),
            )
            .chain(
                p.tiers
                    .iter()
                    .enumerate()
                    .map(|(j, x)| (&x.minimum_percent.source, format!("tiers/{j}/minimum_percent"))),
            );
        for (key, at) in keys {
            if !r.sources.contains_key(key) {
                errors.push(Error::new(
                    ErrorCode::SourceUnknown,
                    format!("/periods/{i}/{at}/source"),
                    format!("Không có nguồn '{key}'."),
                    format!("No source '{key}'."),
                ));
            }
        }
    }
    match Errors::from_vec(errors) {
        None => Ok(()),
        Some(e) => Err(e),
    }
}

fn same_province(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn percent_text(d: Decimal) -> (String, String) {
    let d = d.normalize();
    (format!("{}%", vi_number(&d)), format!("{}%", en_number(&d)))
}

fn bad(code: ErrorCode, path: &str, vi: String, en: String) -> Errors {
    Errors::from(Error::new(code, path, vi, en))
}

fn check_percent(v: Option<crate::number::ExactDecimal>, path: &str) -> Result<(), Errors> {
    match v {
        Some(p) if *p < Decimal::ZERO || *p > Decimal::ONE_HUNDRED => Err(bad(
            ErrorCode::FundingInvalid,
            path,
            format!("Tỷ lệ phần trăm phải từ 0 đến 100 ({}).", vi_number(&p)),
            format!("A percentage must be between 0 and 100 ({}).", en_number(&p)),
        )),
        _ => Ok(()),
    }
}

/// The minimum local counterpart of one province in one program year.
pub fn counterpart_ratio(req: &CounterpartRequest) -> Result<CounterpartRatio, Errors> {
    check_request(req)?;
    let rules = counterpart_rules()?;
    let period = period_of(rules, req.year)?;
    let province = req.province.as_deref().unwrap_or("");
    // A province the period names has its own rule, whatever its budget.
    if let Some(r) = period.provinces.iter().find(|r| same_province(&r.province, province)) {
        return Ok(province_ratio(req, rules, period, r));
    }
    if self_balancing(req, period)? {
        let excepted = |s: &&SelfBalancingRule| s.except.iter().any(|x| same_province(x, province));
        if let Some(s) = period.self_balancing.as_ref().filter(|s| !excepted(s)) {
            return Ok(self_balancing_ratio(req, rules, period, s));
        }
        if period.self_balancing.is_none() {
            return not_encoded(req, period, "self_balancing", "/self_balancing");
        }
        // An excepted self-balancing province counts as a supported one: the tiers decide.
    }
    if period.tiers.is_empty() {
        return not_encoded(req, period, "tiers", "/self_balancing");
    }
    tier_ratio(req, rules, period)
}

/// The request's percentages and funds, before any rule is looked up.
fn check_request(req: &CounterpartRequest) -> Result<(), Errors> {
    check_percent(req.central_support_percent, "/central_support_percent")?;
    check_percent(req.caller_percent, "/caller_percent")?;
    if let Some(f) = req.central_funds {
        if f.is_sign_negative() && !f.is_zero() {
            return Err(super::coefficients::money_negative("/central_funds", *f).into());
        }
    }
    Ok(())
}

/// The program period that covers `year`.
fn period_of(rules: &CounterpartRules, year: u16) -> Result<&CounterpartPeriod, Errors> {
    if let Some(period) = rules.periods.iter().find(|p| p.from_year <= year && year <= p.to_year) {
        return Ok(period);
    }
    let covered: Vec<String> =
        rules.periods.iter().map(|p| format!("{}-{} ({})", p.from_year, p.to_year, p.document)).collect();
    Err(bad(
        ErrorCode::RatioNotEncoded,
        "/year",
        format!("Không có quy định tỷ lệ đối ứng nào được mã hóa cho năm {}. Có: {}.", year, covered.join("; ")),
        format!("No counterpart rule is encoded for {}. Encoded: {}.", year, covered.join("; ")),
    ))
}

/// Whether the province balances its own budget, as the request says. A period with tiers by
/// budget share only takes a province that says nothing as a supported one.
fn self_balancing(req: &CounterpartRequest, period: &CounterpartPeriod) -> Result<bool, Errors> {
    match (req.self_balancing, period.tiers.is_empty()) {
        (Some(s), _) => Ok(s),
        (None, false) => Ok(false),
        (None, true) => Err(bad(
            ErrorCode::FieldMissing,
            "/self_balancing",
            format!("{} phân biệt tỉnh tự cân đối ngân sách: cần trường 'self_balancing'.", period.document),
            format!("{} distinguishes self-balancing provinces: 'self_balancing' is required.", period.document),
        )),
    }
}

fn province_ratio(
    req: &CounterpartRequest,
    rules: &CounterpartRules,
    period: &CounterpartPeriod,
    r: &ProvinceRule,
) -> CounterpartRatio {
    let (pv, pe) = percent_text(*r.minimum_percent.value);
    let message = Text::new(
        format!(
            "{}: quy định riêng cho tỉnh {}: vốn đối ứng tối thiểu {pv} vốn ngân sách trung ương.",
            period.document, r.province
        ),
        format!(
            "{}: a rule of its own for {}: a counterpart of at least {pe} of the central funds.",
            period.document, r.province
        ),
    );
    law(req, rules, period, RatioRule::Province, &r.minimum_percent, r.basis, message)
}

fn self_balancing_ratio(
    req: &CounterpartRequest,
    rules: &CounterpartRules,
    period: &CounterpartPeriod,
    s: &SelfBalancingRule,
) -> CounterpartRatio {
    let (pv, pe) = percent_text(*s.minimum_percent.value);
    let message = Text::new(
        format!(
            "{}: tỉnh tự cân đối ngân sách tự bảo đảm {pv} kinh phí thực hiện Chương trình. {}",
            period.document, s.note.vi
        ),
        format!("{}: a self-balancing province funds {pe} of the program itself. {}", period.document, s.note.en),
    );
    law(req, rules, period, RatioRule::SelfBalancing, &s.minimum_percent, s.basis, message)
}

/// The tier of the province's central support share.
fn tier_ratio(
    req: &CounterpartRequest,
    rules: &CounterpartRules,
    period: &CounterpartPeriod,
) -> Result<CounterpartRatio, Errors> {
    let Some(share) = req.central_support_percent else {
        return Err(bad(
            ErrorCode::FieldMissing,
            "/central_support_percent",
            format!(
                "{} chia bậc theo tỷ lệ hỗ trợ cân đối từ ngân sách trung ương: cần 'central_support_percent'.",
                period.document
            ),
            format!(
                "{} sets tiers by the share of central balancing support: 'central_support_percent' is required.",
                period.document
            ),
        ));
    };
    let tier = period
        .tiers
        .iter()
        .find(|t| t.from.is_none_or(|f| share >= f) && t.below.is_none_or(|b| share < b))
        .ok_or_else(|| {
            bad(
                ErrorCode::RatioNotEncoded,
                "/central_support_percent",
                format!("Không có bậc nào cho tỷ lệ hỗ trợ {}%.", vi_number(&share)),
                format!("No tier covers a support share of {}%.", en_number(&share)),
            )
        })?;
    let (pv, pe) = percent_text(*tier.minimum_percent.value);
    let (sv, se) = percent_text(*share);
    let message = Text::new(
        format!(
            "{}: ngân sách trung ương hỗ trợ cân đối {sv} ngân sách tỉnh, thuộc bậc '{}': vốn đối ứng tối thiểu {pv} vốn ngân sách trung ương.",
            period.document, tier.wording.vi
        ),
        format!(
            "{}: central balancing support of {se} of the provincial budget falls in the tier '{}': a counterpart of at least {pe} of the central funds.",
            period.document, tier.wording.en
        ),
    );
    Ok(law(req, rules, period, RatioRule::Tier, &tier.minimum_percent, tier.basis, message))
}

fn minimum_amount(req: &CounterpartRequest, percent: Decimal, basis: RatioBasis) -> Option<Decimal> {
    if basis != RatioBasis::CentralFunds {
        return None;
    }
    let funds = req.central_funds?;
    crate::exact::mul(*funds, percent)?.checked_div(Decimal::ONE_HUNDRED)
}

fn law(
    req: &CounterpartRequest,
    rules: &CounterpartRules,
    period: &CounterpartPeriod,
    rule: RatioRule,
    percent: &Sourced<crate::number::ExactDecimal>,
    basis: RatioBasis,
    message: Text,
) -> CounterpartRatio {
    let mut notes = Vec::new();
    if req.caller_percent.is_some() {
        notes.push(Text::new(
            "Tỷ lệ do người gọi cung cấp không được dùng: quy định pháp luật đã được mã hóa cho trường hợp này.",
            "The caller's ratio is not used: the law's ratio is encoded for this case.",
        ));
    }
    if basis == RatioBasis::ProgramFunds {
        notes.push(Text::new(
            "Mức bố trí tối thiểu bằng mức trung ương hỗ trợ bình quân cho các tỉnh chưa tự cân đối ngân sách; mức bình quân này chưa được mã hóa.",
            "The minimum amount equals the average central support to non-self-balancing provinces; that average is not encoded.",
        ));
    }
    CounterpartRatio {
        period: period.id.clone(),
        document: period.document.clone(),
        rule,
        minimum_percent: *percent.value,
        basis,
        from_caller: false,
        confidence: Some(percent.confidence),
        citation: rules.sources.get(&percent.source).cloned(),
        minimum_amount: minimum_amount(req, *percent.value, basis),
        message,
        notes,
    }
}

fn not_encoded(
    req: &CounterpartRequest,
    period: &CounterpartPeriod,
    part: &str,
    path: &str,
) -> Result<CounterpartRatio, Errors> {
    let why = period.not_encoded.get(part).map(|n| n.why.clone()).unwrap_or_else(|| Text::new("", ""));
    match req.caller_percent {
        Some(p) => {
            let (pv, pe) = percent_text(*p);
            Ok(CounterpartRatio {
                period: period.id.clone(),
                document: period.document.clone(),
                rule: RatioRule::Caller,
                minimum_percent: *p,
                basis: RatioBasis::CentralFunds,
                from_caller: true,
                confidence: None,
                citation: None,
                minimum_amount: minimum_amount(req, *p, RatioBasis::CentralFunds),
                message: Text::new(
                    format!("Dùng tỷ lệ {pv} do người gọi cung cấp, KHÔNG phải quy định đã kiểm chứng: {}", why.vi),
                    format!("Using the caller's ratio of {pe}, NOT a verified rule of law: {}", why.en),
                ),
                notes: Vec::new(),
            })
        }
        None => Err(bad(
            ErrorCode::RatioNotEncoded,
            path,
            format!(
                "{}: tỷ lệ đối ứng cho trường hợp này chưa được mã hóa. {} Có thể truyền 'caller_percent'.",
                period.document, why.vi
            ),
            format!(
                "{}: the counterpart ratio for this case is not encoded. {} A 'caller_percent' may be given.",
                period.document, why.en
            ),
        )),
    }
}
