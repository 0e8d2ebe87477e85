//! The HTML report written beside the results (`FILE.report.html`): one self-contained page
//! (inline CSS and SVG, no script, font, image or stylesheet from anywhere) with the standard
//! applied, core's tables, a bar chart of the deprivation rates among poor households (beside
//! the plan's published figures when they apply), the classes by group and the Alkire-Foster
//! measures. Built from core's typed results; every text is escaped.

use crate::Failure;
use giamngheo::published::PublishedPoverty;
use giamngheo::stats::Statistics;
use giamngheo::table::{Align, Cell, Row, Table, deprivation_among_poor};
use giamngheo::text::vi_number;
use giamngheo::{HouseholdClass, Text};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// What the report shows.
pub struct Report<'a> {
    /// The file classified (or the sample's name).
    pub title: &'a str,
    /// Why this standard (core's selection message).
    pub how: &'a Text,
    pub stats: &'a Statistics,
    /// The plan-style tables, as printed (households by class, deprivation, Alkire-Foster).
    pub tables: &'a [Table],
    /// The table by group, when the file has groups.
    pub by_group: Option<&'a Table>,
    /// The plan's figures, when they apply to this standard.
    pub published: Option<&'a PublishedPoverty>,
}

/// `s` with `& < > " '` escaped, for HTML text and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Vietnamese, then English beside it (when it differs), escaped.
fn both(t: &Text) -> String {
    if t.en.is_empty() || t.en == t.vi {
        escape(&t.vi)
    } else {
        format!("{} <span class=\"en\" lang=\"en\">/ {}</span>", escape(&t.vi), escape(&t.en))
    }
}

/// `vi / en` as plain text (for SVG `<title>`s), escaped.
fn plain(t: &Text) -> String {
    if t.en.is_empty() || t.en == t.vi { escape(&t.vi) } else { escape(&format!("{} / {}", t.vi, t.en)) }
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#222}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}.en{color:#666}\
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr.total{font-weight:600}th.plan,td.plan{background:#f4f6fb}\
.warn{color:#a00;font-weight:600}.note,.source{color:#555;font-size:.9em}figure{margin:1rem 0}svg{max-width:100%;height:auto}\
svg text{font:12px system-ui,sans-serif;fill:#222}svg .small{font-size:11px;fill:#666}svg .in{fill:#fff}\
.s0{fill:#c0392b}.s1{fill:#7f8c8d}.poor{fill:#c0392b}.near_poor{fill:#e67e22}.average_living{fill:#f1c40f}.other{fill:#27ae60}";

/// The whole page.
pub fn html(r: &Report<'_>) -> String {
    let mut h = String::new();
    let title = Text::new(
        format!("Báo cáo phân loại hộ — {}", r.title),
        format!("Household classification report — {}", r.title),
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>\n\
         <h1>{}</h1>\n<p>Chuẩn áp dụng: {}<br><span class=\"en\" lang=\"en\">Standard applied: {}</span></p>\n",
        plain(&title),
        both(&title),
        escape(&r.how.vi),
        escape(&r.how.en)
    );
    if r.stats.weighted {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            both(&Text::new(
                "Các số hộ và tỷ lệ tính theo quyền số (cột weight).",
                "Counts and rates are weighted (the weight column)."
            ))
        ));
    }
    for t in r.tables {
        h.push_str(&table_html(t));
        if t.id == "deprivation_among_poor" {
            h.push_str(&deprivation_chart(r));
        }
    }
    if let Some(g) = r.by_group {
        h.push_str(&groups_chart(r.stats, &g.stub));
        h.push_str(&table_html(g));
    }
    let _ = write!(
        h,
        "<p class=\"source\">giamngheo {} — {}</p>\n</body></html>\n",
        env!("CARGO_PKG_VERSION"),
        both(&Text::new(
            "mọi quy tắc, số liệu và bảng là của thư viện lõi",
            "every rule, figure and table is the core library's"
        ))
    );
    h
}

/// Writes the page to `path`, never over an existing file without `force`.
pub fn write(path: &Path, page: &str, force: bool) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let fail = |e: std::io::Error| {
        Failure::file(
            format!("{}: không ghi được: {e}", path.display()),
            format!("{}: cannot write: {e}", path.display()),
        )
    };
    options.open(path).and_then(|mut f| f.write_all(page.as_bytes())).map_err(fail)
}

fn cell_html(c: &Cell) -> String {
    match &c.en {
        Some(en) => format!("{} <span class=\"en\">/ {}</span>", escape(&c.text), escape(en)),
        None => escape(&c.text),
    }
}

/// One of core's tables as an HTML table, with its caption, preamble, notes and source.
fn table_html(t: &Table) -> String {
    let mut h = format!("<section id=\"{}\">", escape(&t.id));
    if !t.caption.vi.is_empty() {
        let _ = write!(h, "<h2>{}</h2>", both(&t.caption));
    }
    if let Some(w) = &t.warning {
        let _ = write!(h, "<p class=\"warn\">{}</p>", both(w));
    }
    for p in &t.preamble {
        let _ = write!(h, "<p>{}</p>", both(p));
    }
    let class = |align: Align, published: bool| {
        let mut c = if align == Align::Right { "num" } else { "" }.to_string();
        if published {
            c.push_str(" plan");
        }
        c
    };
    let _ = write!(h, "<table><thead><tr><th>{}</th>", both(&t.stub));
    for c in &t.columns {
        let _ = write!(h, "<th class=\"{}\">{}</th>", class(c.align, c.published), both(&c.label));
    }
    h.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        let code = r.code.as_deref().map_or(String::new(), |c| format!("{} ", escape(c)));
        let _ = write!(
            h,
            "<tr{} data-key=\"{}\"><th scope=\"row\">{code}{}</th>",
            if r.total { " class=\"total\"" } else { "" },
            escape(&r.key),
            both(&r.label)
        );
        for (c, col) in r.cells.iter().zip(&t.columns) {
            let _ = write!(h, "<td class=\"{}\">{}</td>", class(col.align, col.published), cell_html(c));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    for n in &t.notes {
        let _ = write!(h, "<p class=\"note\">{}</p>", both(n));
    }
    if let Some(s) = &t.source {
        let parts: Vec<&str> =
            [s.document.as_str(), s.article.as_str()].into_iter().filter(|x| !x.is_empty()).collect();
        let _ = write!(h, "<p class=\"source\">Nguồn / Source: {}</p>", escape(&parts.join(", ")));
    }
    h.push_str("</section>\n");
    h
}

const WIDTH: f64 = 900.0;
const LEFT: f64 = 340.0;
const PLOT: f64 = 470.0;
const BAR: f64 = 14.0;

fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A percentage as the tables print it (`42,53%`).
fn pct(p: Decimal) -> String {
    let mut d = p.round_dp(2);
    d.rescale(2);
    format!("{}%", vi_number(&d))
}

/// The legend (a square and a name per series, one a line) at the top of a chart, and where
/// the plot below it starts.
fn legend(names: &[(&str, Text)]) -> (String, f64) {
    let mut h = String::new();
    for (i, (class, name)) in names.iter().enumerate() {
        let y = 6.0 + 16.0 * i as f64;
        let _ = write!(
            h,
            "<rect class=\"{class}\" x=\"{LEFT}\" y=\"{y:.1}\" width=\"12\" height=\"12\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            LEFT + 16.0,
            y + 10.0,
            plain(name)
        );
    }
    (h, 14.0 + 16.0 * names.len() as f64)
}

/// The x axis from 0 to `max` percent below a plot `top..bottom`, with its label.
fn axis(max: f64, top: f64, bottom: f64, label: &Text) -> String {
    let mut h = format!(
        "<line x1=\"{LEFT}\" y1=\"{top:.1}\" x2=\"{LEFT}\" y2=\"{bottom:.1}\" stroke=\"#999\"/>\
         <line x1=\"{LEFT}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\" stroke=\"#999\"/>",
        LEFT + PLOT
    );
    for i in 0..=5 {
        let v = max * f64::from(i) / 5.0;
        let x = LEFT + PLOT * f64::from(i) / 5.0;
        let _ = write!(
            h,
            "<line x1=\"{x:.1}\" y1=\"{bottom:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#999\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"small\">{}%</text>",
            bottom + 4.0,
            bottom + 16.0,
            vi_number(&Decimal::from_f64_retain(v).unwrap_or_default().round_dp(1).normalize())
        );
    }
    let _ = write!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        WIDTH / 2.0,
        bottom + 34.0,
        plain(label)
    );
    h
}

fn cell_at(row: &Row, column: Option<usize>) -> Option<&Cell> {
    column.and_then(|i| row.cells.get(i))
}

/// Horizontal bars, one pair per indicator: the file's rate among poor households and, when
/// the plan's figures apply, the plan's published rate; the values printed on the bars.
fn deprivation_chart(r: &Report<'_>) -> String {
    let t = deprivation_among_poor(&r.stats.total, r.published);
    let mut series = vec![("poor", "file", Text::new("Tệp này", "This file"))];
    if let Some(p) = r.published {
        let year = p.as_of.year();
        series.push((
            "published",
            "plan",
            Text::new(format!("Số liệu kế hoạch công bố (cuối {year})"), format!("The plan's figures (end of {year})")),
        ));
    }
    let columns: Vec<Option<usize>> = series.iter().map(|(key, _, _)| t.column(key)).collect();
    let value = |row, j| cell_at(row, columns.get(j).copied().flatten());
    let max = t
        .rows
        .iter()
        .flat_map(|row| (0..series.len()).filter_map(move |j| value(row, j).and_then(|c| c.value)))
        .map(num)
        .fold(0.0_f64, f64::max);
    let max = ((max / 10.0).ceil() * 10.0).clamp(10.0, 100.0);
    let names: Vec<(&str, Text)> =
        series.iter().enumerate().map(|(j, s)| (["s0", "s1"][j.min(1)], s.2.clone())).collect();
    let (legend, top) = legend(&names);
    let row_h = (series.len() as f64 * (BAR + 3.0) + 10.0).max(36.0);
    let bottom = top + row_h * t.rows.len() as f64;
    let mut h = format!(
        "<figure id=\"deprivation_chart\"><svg viewBox=\"0 0 {WIDTH} {:.0}\" width=\"{WIDTH}\" role=\"img\" aria-label=\"{}\">",
        bottom + 44.0,
        plain(&t.caption)
    );
    h.push_str(&legend);
    for (i, row) in t.rows.iter().enumerate() {
        let y0 = top + row_h * i as f64;
        let code = row.code.as_deref().map_or(String::new(), |c| format!("{} ", escape(c)));
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{code}{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small\">{}</text>",
            LEFT - 8.0,
            y0 + 13.0,
            escape(&row.label.vi),
            LEFT - 8.0,
            y0 + 27.0,
            escape(&row.label.en)
        );
        for (j, (_, id, name)) in series.iter().enumerate() {
            let y = y0 + 4.0 + j as f64 * (BAR + 3.0);
            let Some(cell) = value(row, j) else { continue };
            let v = cell.value.map_or(0.0, num);
            // A zero rate is a hairline, so that every bar is drawn.
            let w = (v / max * PLOT).max(1.0);
            let exact = cell.value.map_or(String::new(), |d| d.normalize().to_string());
            let _ = write!(
                h,
                "<rect class=\"bar s{}\" x=\"{LEFT}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR}\" data-indicator=\"{}\" data-series=\"{id}\" data-value=\"{exact}\"><title>{} — {}: {}</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\" data-indicator=\"{}\" data-series=\"{id}\">{}</text>",
                j.min(1),
                escape(&row.key),
                plain(&row.label),
                plain(name),
                escape(&cell.text),
                LEFT + w + 4.0,
                y + BAR - 3.0,
                escape(&row.key),
                escape(&cell.text)
            );
        }
    }
    let label =
        Text::new("Tỷ lệ hộ nghèo thiếu hụt chỉ số (% số hộ nghèo)", "Poor households deprived (% of poor households)");
    h.push_str(&axis(max, top, bottom, &label));
    h.push_str("</svg>");
    let _ = write!(h, "<figcaption>{}", both(&t.caption));
    if let Some(p) = r.published {
        let _ = write!(
            h,
            "<br><span class=\"source\">Số liệu kế hoạch / plan's figures: {}</span>",
            escape(&p.source.document)
        );
    }
    h.push_str("</figcaption></figure>\n");
    h
}

/// A bar per group stacked by class (the share of its classified households in each class).
fn groups_chart(stats: &Statistics, stub: &Text) -> String {
    let classes: Vec<HouseholdClass> = stats.total.classes.iter().map(|c| c.class).collect();
    let names: Vec<(&str, Text)> = classes.iter().map(|c| (c.as_str(), Text::new(c.name_vi(), c.name_en()))).collect();
    let (legend, top) = legend(&names);
    let row_h = 28.0;
    let bottom = top + row_h * stats.groups.len() as f64;
    let caption = Text::new(
        format!("Cơ cấu hộ theo phân loại, từng {}", stub.vi.to_lowercase()),
        format!("Households by class, per {}", stub.en.to_lowercase()),
    );
    let mut h = format!(
        "<section id=\"groups\"><h2>{}</h2><figure id=\"groups_chart\"><svg viewBox=\"0 0 {WIDTH} {:.0}\" width=\"{WIDTH}\" role=\"img\" aria-label=\"{}\">",
        both(&caption),
        bottom + 44.0,
        plain(&caption)
    );
    h.push_str(&legend);
    for (i, g) in stats.groups.iter().enumerate() {
        let y = top + row_h * i as f64 + 5.0;
        let key = g.group.map_or("—".to_string(), |k| k.to_string());
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{} {}</text>",
            LEFT - 8.0,
            y + 13.0,
            plain(stub),
            escape(&key)
        );
        let mut x = LEFT;
        for c in &g.classes {
            let Some(p) = c.rate.percent else { continue };
            let w = num(p) / 100.0 * PLOT;
            if w <= 0.0 {
                continue;
            }
            let class = c.class.as_str();
            let _ = write!(
                h,
                "<rect class=\"bar {class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"18\" data-group=\"{}\" data-class=\"{class}\" data-value=\"{}\"><title>{} {} — {} / {}: {}</title></rect>",
                escape(&key),
                p.normalize(),
                plain(stub),
                escape(&key),
                c.class.name_vi(),
                c.class.name_en(),
                pct(p)
            );
            if w >= 44.0 {
                let _ = write!(
                    h,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"{}\">{}</text>",
                    x + w / 2.0,
                    y + 13.0,
                    if matches!(c.class, HouseholdClass::Poor) { "in" } else { "" },
                    pct(p)
                );
            }
            x += w;
        }
    }
    let label =
        Text::new("Tỷ lệ trong số hộ đã phân loại của nhóm (%)", "Share of the group's classified households (%)");
    h.push_str(&axis(100.0, top, bottom, &label));
    h.push_str("</svg></figure></section>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(escape("a & <b> \"c\" 'd'"), "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;");
    }
}
