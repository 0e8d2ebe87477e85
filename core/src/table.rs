//! Plan-style tables as text: households by class, and each indicator's deprivation rate among
//! poor households, optionally beside a plan's published figures. Labels in Vietnamese with
//! English beside them; numbers in Vietnamese notation (1.234,56).

use crate::classify::HouseholdClass;
use crate::published::PublishedPoverty;
use crate::standard::Standard;
use crate::stats::{GroupStatistics, Rate, Statistics};
use crate::text::vi_number;
use rust_decimal::Decimal;
use std::fmt::Write;

fn count(d: Decimal) -> String {
    vi_number(&d.round_dp(2).normalize())
}

fn pct(p: Decimal) -> String {
    let mut p = p;
    p.rescale(2);
    format!("{}%", vi_number(&p))
}

/// `s` padded with spaces on the right to `width` characters.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width { s.to_string() } else { format!("{s}{}", " ".repeat(width - len)) }
}

/// `s` padded with spaces on the left to `width` characters.
pub(crate) fn lpad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width { s.to_string() } else { format!("{}{s}", " ".repeat(width - len)) }
}

/// Table 1 (households by class) and table 2 (deprivation among poor households) for `g`;
/// with `published`, the plan's figures stand in a column beside the computed ones.
pub fn plan_tables(standard: &Standard, g: &GroupStatistics, published: Option<&PublishedPoverty>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Bảng 1. Số hộ theo nhóm / Table 1. Households by class — {}", standard.document);
    let plan_head = published.map_or(String::new(), |p| lpad(&format!("KH ({})", p.as_of.year()), 12));
    let _ = writeln!(
        out,
        "{}{}{}{}",
        pad("Nhóm / Class", 54),
        lpad("Số hộ / Households", 20),
        lpad("Tỷ lệ / Rate", 14),
        plan_head
    );
    // A standard without an average-living band (QĐ 09/2011, NĐ 351/2025 as far as known) has
    // no such row: a zero there would read as a count.
    let has_band = crate::area::Area::ALL.iter().any(|&a| standard.income_lines.get(a).average_living_max.is_some());
    for c in g.classes.iter().filter(|c| has_band || c.class != HouseholdClass::AverageLiving) {
        let label = format!("{} / {}", capitalise(c.class.name_vi()), c.class.name_en());
        let plan = published.map_or(String::new(), |p| {
            let v = match c.class {
                HouseholdClass::Poor => Some(p.poor_rate_percent),
                HouseholdClass::NearPoor => Some(p.near_poor_rate_percent),
                _ => None,
            };
            lpad(&v.map_or("—".to_string(), pct), 12)
        });
        let rate = c.rate.percent.map_or("—".into(), pct);
        let _ = writeln!(out, "{}{}{}{}", pad(&label, 54), lpad(&count(c.households), 20), lpad(&rate, 14), plan);
    }
    let _ = writeln!(
        out,
        "{}{}",
        pad("Tổng số hộ đã phân loại / Households classified", 54),
        lpad(&count(g.households), 20)
    );
    if !g.unclassified.is_zero() {
        let _ = writeln!(
            out,
            "{}{}",
            pad("Không phân loại được / Not classified (errors)", 54),
            lpad(&count(g.unclassified), 20)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Bảng 2. Tỷ lệ thiếu hụt các chỉ số so với tổng số hộ nghèo / Table 2. Deprivation rates among poor households"
    );
    let plan_head = published.map_or(String::new(), |p| lpad(&format!("KH ({})", p.as_of.year()), 12));
    let _ = writeln!(
        out,
        "{}{}{}{}",
        pad("Chỉ số / Indicator", 70),
        lpad("Hộ nghèo / Poor", 16),
        plan_head,
        lpad("Mọi hộ / All", 14)
    );
    for ind in &g.indicators {
        let label = format!("{} {} / {}", ind.code, ind.name.vi, ind.name.en);
        let plan = published.map_or(String::new(), |p| {
            lpad(&p.deprivation_among_poor_percent.get(&ind.id).map_or("—".into(), |v| pct(*v)), 12)
        });
        let _ = writeln!(
            out,
            "{}{}{}{}",
            pad(&label, 70),
            lpad(&rate(&ind.rate_poor), 16),
            plan,
            lpad(&rate(&ind.rate_all), 14)
        );
    }
    if let Some(af) = &g.alkire_foster {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Alkire-Foster (k = {}, {}): H = {}, A = {}, M0 = H × A = {}",
            vi_number(&af.cutoff.normalize()),
            if af.weights.windows(2).all(|w| w[0].value == w[1].value) {
                "trọng số bằng nhau / equal weights"
            } else {
                "trọng số riêng / custom weights"
            },
            rate(&af.headcount_ratio),
            rate(&af.intensity),
            af.adjusted_headcount_ratio.value.map_or("—".into(), |v| vi_number(&v.round_dp(4))),
        );
    }
    out
}

fn rate(r: &Rate) -> String {
    r.percent.map_or("—".into(), pct)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// One line per group: households and the poor and near-poor rates.
pub fn group_table(stats: &Statistics, group_label: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}{}{}",
        pad(group_label, 24),
        lpad("Số hộ / Households", 20),
        lpad("Nghèo / Poor", 14),
        lpad("Cận nghèo / Near-poor", 24)
    );
    for g in &stats.groups {
        let key = g.group.map_or("—".into(), |k| k.to_string());
        let r = |c: HouseholdClass| g.class(c).map_or("—".into(), |s| rate(&s.rate));
        let _ = writeln!(
            out,
            "{}{}{}{}",
            pad(&key, 24),
            lpad(&count(g.households), 20),
            lpad(&r(HouseholdClass::Poor), 14),
            lpad(&r(HouseholdClass::NearPoor), 24)
        );
    }
    out
}
