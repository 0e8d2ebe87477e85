//! Place status: a village's and a commune's QĐ 50/2016 status from their rates (where the
//! criteria are verified), and Cao Bằng's poor districts as data.

use crate::error::Errors;
use crate::source::{Citation, Confidence};
use crate::text::{Text, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A village's figures, for QĐ 50/2016/QĐ-TTg Art. 2 (extremely difficult village).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VillageRates {
    /// Poor households, percent of all households.
    pub poor_percent: crate::number::ExactDecimal,
    /// Near-poor households, percent of all households.
    pub near_poor_percent: crate::number::ExactDecimal,
    /// The village is in the Southeast or the Mekong Delta (lower thresholds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub southeast_or_mekong: Option<bool>,
    /// Ethnic-minority households, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_minority_percent: Option<crate::number::ExactDecimal>,
    /// How many of the 3 factors hold: main road not hardened; ≥ 60% of kindergarten classrooms
    /// not solid; no cultural house or sports area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factors_met: Option<u8>,
}

/// A commune's figures, for the Region III (extremely difficult commune) test of QĐ 50/2016.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneRates {
    /// Extremely difficult villages, percent of the commune's villages.
    pub ebkk_villages_percent: crate::number::ExactDecimal,
    pub poor_percent: crate::number::ExactDecimal,
    pub near_poor_percent: crate::number::ExactDecimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub southeast_or_mekong: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_minority_percent: Option<crate::number::ExactDecimal>,
    /// How many of the 6 conditions of criterion (c) hold (only the first is verified; the
    /// caller counts them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_met: Option<u8>,
}

/// A derived status: yes, no, or unknown with the missing fields, and the steps taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlaceFinding {
    pub status: Option<bool>,
    pub steps: Vec<Text>,
    pub missing: Vec<String>,
    pub citation: Citation,
    pub confidence: Confidence,
}

fn qd50(article: &str, url: &str) -> Citation {
    Citation {
        document: "QĐ 50/2016/QĐ-TTg".into(),
        article: article.into(),
        url: Some(url.into()),
        quote: None,
        note: None,
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", vi_number(&d.normalize()))
}

/// Whether a village is extremely difficult ("thôn đặc biệt khó khăn"): it meets one of two
/// criteria: (1) poor + near-poor ≥ 65% with poor ≥ 35%; (2) poor + near-poor ≥ 55% (≥ 30% in
/// the Southeast and the Mekong Delta) and 2 of 3 factors (1 of 3 with ≥ 80% ethnic-minority
/// households).
pub fn village_status(v: &VillageRates) -> PlaceFinding {
    let both = *v.poor_percent + *v.near_poor_percent;
    let mut steps = Vec::new();
    let mut missing = Vec::new();
    let c1 = both >= Decimal::from(65) && v.poor_percent >= Decimal::from(35);
    steps.push(Text::new(
        format!(
            "Tiêu chí 1: nghèo + cận nghèo {} ≥ 65% và nghèo {} ≥ 35%: {}",
            pct(both),
            pct(*v.poor_percent),
            yes_no(c1).0
        ),
        format!(
            "Criterion 1: poor + near-poor {} ≥ 65% and poor {} ≥ 35%: {}",
            pct(both),
            pct(*v.poor_percent),
            yes_no(c1).1
        ),
    ));
    let c2 = if c1 {
        Some(false)
    } else {
        let test = FactorsTest { em_share: 80, needed: 2, reduced: 1 };
        let (em, met) = (v.ethnic_minority_percent.map(Decimal::from), v.factors_met);
        rate_and_factors(
            both,
            v.southeast_or_mekong,
            em,
            met,
            &test,
            ("/place/village_rates", "factors_met"),
            &mut missing,
        )
    };
    if !c1 {
        steps.push(Text::new(
            format!(
                "Tiêu chí 2: nghèo + cận nghèo {} ≥ 55% (30% ở Đông Nam Bộ, Tây Nam Bộ) và đủ 2 trên 3 yếu tố (1 nếu ≥ 80% hộ DTTS): {}",
                pct(both),
                c2.map_or("chưa đủ dữ liệu", |b| yes_no(b).0)
            ),
            format!(
                "Criterion 2: poor + near-poor {} ≥ 55% (30% in the Southeast and Mekong Delta) and 2 of 3 factors (1 with ≥ 80% ethnic-minority households): {}",
                pct(both),
                c2.map_or("not enough data", |b| yes_no(b).1)
            ),
        ));
    }
    let status = if c1 { Some(true) } else { c2 };
    PlaceFinding {
        status,
        steps,
        missing: if status.is_some() { vec![] } else { missing },
        citation: qd50(
            "Điều 2",
            "https://thuvienphapluat.vn/hoi-dap-phap-luat/340D0-hd-nhung-tieu-chi-de-xac-dinh-thon-ban-dac-biet-kho-khan-moi-nhat.html",
        ),
        confidence: Confidence::Verified,
    }
}

/// Whether a commune is in Region III: criterion (a), ≥ 35% extremely difficult villages, is
/// compulsory, with (b) poor + near-poor ≥ 65% and poor ≥ 35%, or (c) poor + near-poor ≥ 55%
/// (≥ 30% in the Southeast and Mekong Delta) and ≥ 3 of 6 conditions (≥ 2 with ≥ 60%
/// ethnic-minority households). "Not Region III" does not tell Region I from II: those
/// thresholds are unverified.
pub fn commune_region_iii(c: &CommuneRates) -> PlaceFinding {
    let both = *c.poor_percent + *c.near_poor_percent;
    let mut steps = Vec::new();
    let mut missing = Vec::new();
    let a = c.ebkk_villages_percent >= Decimal::from(35);
    let b = both >= Decimal::from(65) && c.poor_percent >= Decimal::from(35);
    steps.push(Text::new(
        format!("(a) bắt buộc: thôn ĐBKK {} ≥ 35%: {}", pct(*c.ebkk_villages_percent), yes_no(a).0),
        format!(
            "(a) compulsory: extremely difficult villages {} ≥ 35%: {}",
            pct(*c.ebkk_villages_percent),
            yes_no(a).1
        ),
    ));
    steps.push(Text::new(
        format!("(b) nghèo + cận nghèo {} ≥ 65% và nghèo {} ≥ 35%: {}", pct(both), pct(*c.poor_percent), yes_no(b).0),
        format!("(b) poor + near-poor {} ≥ 65% and poor {} ≥ 35%: {}", pct(both), pct(*c.poor_percent), yes_no(b).1),
    ));
    let cc = if !a || b {
        None
    } else {
        let test = FactorsTest { em_share: 60, needed: 3, reduced: 2 };
        let (em, met) = (c.ethnic_minority_percent.map(Decimal::from), c.conditions_met);
        rate_and_factors(
            both,
            c.southeast_or_mekong,
            em,
            met,
            &test,
            ("/place/commune_rates", "conditions_met"),
            &mut missing,
        )
    };
    let status = if !a {
        Some(false)
    } else if b {
        Some(true)
    } else {
        cc
    };
    if a && !b {
        steps.push(Text::new(
            format!(
                "(c) nghèo + cận nghèo {} ≥ 55% và đủ 3 trên 6 điều kiện (2 nếu ≥ 60% hộ DTTS): {}",
                pct(both),
                cc.map_or("chưa đủ dữ liệu", |x| yes_no(x).0)
            ),
            format!(
                "(c) poor + near-poor {} ≥ 55% and 3 of 6 conditions (2 with ≥ 60% ethnic-minority households): {}",
                pct(both),
                cc.map_or("not enough data", |x| yes_no(x).1)
            ),
        ));
    }
    PlaceFinding {
        status,
        steps,
        missing: if status.is_some() { vec![] } else { missing },
        citation: qd50(
            "Điều 4 (xã khu vực III)",
            "https://tintoantap.com/2016/04/24/danh-sach-xa-kho-khan-2016-2020-quang-tri/",
        ),
        confidence: Confidence::Verified,
    }
}

/// How many factors a criterion needs: `needed`, or `reduced` when ethnic-minority households
/// are at least `em_share` percent.
struct FactorsTest {
    em_share: u32,
    needed: u8,
    reduced: u8,
}

/// The criterion QĐ 50/2016 uses for villages and communes alike: poor + near-poor ≥ 55% (≥ 30%
/// in the Southeast and the Mekong Delta) and enough factors, in three-valued logic. The fields
/// (under `base`) the answer depends on go to `missing`.
fn rate_and_factors(
    both: Decimal,
    southeast: Option<bool>,
    em: Option<Decimal>,
    met: Option<u8>,
    t: &FactorsTest,
    (base, met_field): (&str, &str),
    missing: &mut Vec<String>,
) -> Option<bool> {
    let threshold = match southeast {
        Some(true) => Decimal::from(30),
        Some(false) => Decimal::from(55),
        // Unknown region: decided only when both thresholds agree.
        None if both >= Decimal::from(55) => Decimal::from(55),
        None if both < Decimal::from(30) => Decimal::from(30),
        None => {
            missing.push(format!("{base}/southeast_or_mekong"));
            return None;
        }
    };
    if both < threshold {
        return Some(false);
    }
    let needed = em.map(|em| if em >= Decimal::from(t.em_share) { t.reduced } else { t.needed });
    match (met, needed) {
        (Some(m), Some(n)) => Some(m >= n),
        // Unknown share: decided only when both counts agree.
        (Some(m), None) if m >= t.needed => Some(true),
        (Some(m), None) if m < t.reduced => Some(false),
        (m, n) => {
            if m.is_none() {
                missing.push(format!("{base}/{met_field}"));
            }
            if n.is_none() {
                missing.push(format!("{base}/ethnic_minority_percent"));
            }
            None
        }
    }
}

fn yes_no(b: bool) -> (&'static str, &'static str) {
    if b { ("đạt", "met") } else { ("không đạt", "not met") }
}

/// A district's status in a province the library has data for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistrictStatus {
    pub name: String,
    pub district_30a: bool,
    pub district_293: bool,
}

/// Cao Bằng's districts with their 30a and QĐ 293 status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvinceDistricts {
    pub province: String,
    pub source: Citation,
    pub confidence: Confidence,
    pub districts: Vec<DistrictStatus>,
    pub note: String,
}

pub fn cao_bang_districts() -> Result<&'static ProvinceDistricts, Errors> {
    static DATA: OnceLock<Result<ProvinceDistricts, Errors>> = OnceLock::new();
    DATA.get_or_init(|| crate::json::from_str(include_str!("../../data/eligibility/cao-bang-districts.json")))
        .as_ref()
        .map_err(Clone::clone)
}

fn normalise(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    for prefix in ["huyện ", "thành phố ", "tp. ", "tp ", "tỉnh "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    lower
}

/// The status of `district` in `province`, when the library has that province's data.
pub fn district_status(province: &str, district: &str) -> Option<&'static DistrictStatus> {
    let data = cao_bang_districts().ok()?;
    if normalise(province) != normalise(&data.province) {
        return None;
    }
    let wanted = normalise(district);
    data.districts.iter().find(|d| normalise(&d.name) == wanted || normalise(&d.name) == format!("cao bằng {wanted}"))
}
