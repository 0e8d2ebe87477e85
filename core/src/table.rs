//! Plan-style tables as a typed model: households by class, each indicator's deprivation rate
//! among poor households (optionally beside a plan's published figures), the Alkire-Foster
//! measures, one line per group, and a funding allocation. Core builds every [`Table`] (caption,
//! columns, rows, cells with their exact value and their Vietnamese text, notes, source); the
//! bindings only render it (text, HTML, a DataFrame), and [`Table::to_text`] is core's own text
//! renderer. Labels come in Vietnamese and English; numbers in Vietnamese notation (1.234,56).

use crate::classify::HouseholdClass;
use crate::error::Errors;
use crate::json::DecimalSchema;
use crate::published::PublishedPoverty;
use crate::source::Citation;
use crate::standard::Standard;
use crate::stats::{GroupStatistics, Rate, Statistics};
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

mod reports;
pub use reports::{TablesRequest, check_table, counterpart_table, eligibility_tables, report_tables, tables_request};

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Right,
}

/// What a column's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Households (weighted households may have decimals).
    Count,
    /// A percentage (`value` is in percent: 42.53 for 42,53%).
    Percent,
    /// An amount in đồng.
    Dong,
    /// Points of an allocation.
    Points,
    /// A plain number (a ratio such as M0).
    Number,
    /// Words (a note).
    Text,
}

/// One column: a stable key, its heading, alignment and unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Stable key (`households`, `rate`, `published`...), for DataFrame columns and tests.
    pub key: String,
    pub label: Text,
    pub align: Align,
    pub unit: Unit,
    /// Figures a plan published (not computed by the library): shown beside the computed ones.
    #[serde(default, skip_serializing_if = "is_false")]
    pub published: bool,
}

/// One cell: the exact value, as in the data, and how it is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The value as in the data: households, a percentage (rounded to 2 decimals as the plans
    /// print it), đồng, points. Absent for words, for a rate of no households and for a figure
    /// the plan does not give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub value: Option<Decimal>,
    /// The cell as shown, in Vietnamese notation (`52.409`, `42,53%`, `1.529.000.000.000`, `—`);
    /// empty for a blank cell.
    pub text: String,
    /// The cell in English, for words that differ in English (an explanation, an outcome).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The machine value behind words (`eligible`, `verified`, `true`...), for styling and filters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// One row: a stable key, an optional code, its label and one cell per column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Stable key: a class id, an indicator id, a unit id, a group key, `total`...
    pub key: String,
    /// A code shown before the label (an indicator's `D1.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub label: Text,
    /// A total (or summary) row.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total: bool,
    /// One per column, in the order of `columns`.
    pub cells: Vec<Cell>,
}

/// A table as core lays it out: caption, columns, rows, notes and the source of any published
/// figures. Render it with [`Table::to_text`] or as HTML, a DataFrame...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id: `households_by_class`, `deprivation_among_poor`, `alkire_foster`, `by_group`,
    /// `class_counts`, `allocation`.
    pub id: String,
    pub caption: Text,
    /// A warning shown above the table (an illustrative allocation says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<Text>,
    /// Lines shown between the caption and the table (the pool of an allocation...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Text>,
    /// The heading of the row labels' column.
    pub stub: Text,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Lines shown below the table (checks, rules, remarks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// Where the published figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Citation>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Column {
    pub(crate) fn new(key: &str, vi: &str, en: &str, unit: Unit) -> Column {
        let align = if unit == Unit::Text { Align::Left } else { Align::Right };
        Column { key: key.into(), label: Text::new(vi, en), align, unit, published: false }
    }
}

impl Cell {
    /// A cell with a value and its text.
    pub(crate) fn number(value: Decimal, text: String) -> Cell {
        Cell { value: Some(value), text, en: None, key: None }
    }
    /// Words, or a blank cell (`""`).
    pub(crate) fn words(text: impl Into<String>) -> Cell {
        Cell { value: None, text: text.into(), en: None, key: None }
    }
    /// Words in Vietnamese and English.
    pub(crate) fn bilingual(text: &Text) -> Cell {
        let en = (!text.en.is_empty() && text.en != text.vi).then(|| text.en.clone());
        Cell { value: None, text: text.vi.clone(), en, key: None }
    }
    /// The same cell with the machine value behind its words.
    #[must_use]
    pub(crate) fn keyed(mut self, key: impl Into<String>) -> Cell {
        self.key = Some(key.into());
        self
    }
    /// The cell as the text renderer shows it: `vi / en` for words in both languages.
    pub fn shown(&self) -> String {
        match &self.en {
            Some(en) => format!("{} / {en}", self.text),
            None => self.text.clone(),
        }
    }
    /// A count of households, as the tables print it (to 2 decimals when weighted).
    pub(crate) fn count(value: Decimal) -> Cell {
        Cell::number(value, vi_number(&value.round_dp(2).normalize()))
    }
    /// A display percentage (`42,53%`); `—` when there is none.
    pub(crate) fn percent(value: Option<Decimal>) -> Cell {
        value.map_or_else(|| Cell::words("—"), |p| Cell::number(p, format!("{}%", vi_number(&fixed(p, 2)))))
    }
    /// A rate's display percentage.
    pub(crate) fn rate(rate: &Rate) -> Cell {
        Cell::percent(rate.percent)
    }
    /// A decimal to `dp` places, exact value kept.
    pub(crate) fn fixed(value: Decimal, dp: u32) -> Cell {
        Cell::number(value, vi_number(&fixed(value, dp)))
    }
    /// A decimal as it is (`1.529.000.000.000`).
    pub(crate) fn plain(value: Decimal) -> Cell {
        Cell::number(value, vi_number(&value))
    }
}

/// `d` rounded (half to even, as the text tables always did) and written with exactly `dp` decimals.
fn fixed(d: Decimal, dp: u32) -> Decimal {
    let mut d = d.round_dp(dp);
    d.rescale(dp);
    d
}

/// `vi / en`, or `vi` alone when both are the same or `en` is empty.
fn both(t: &Text) -> String {
    if t.en.is_empty() || t.en == t.vi { t.vi.clone() } else { format!("{} / {}", t.vi, t.en) }
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

impl Table {
    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    /// The index of the column with this key.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
    /// The cell of row `row` in column `column`.
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        self.column(column).and_then(|i| self.row(row).and_then(|r| r.cells.get(i)))
    }

    /// Core's text rendering: the caption, any warning and preamble, the table with each column
    /// as wide as its longest entry (labels in Vietnamese with English beside them), the notes
    /// (Vietnamese line, then English line) and the source.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let caption = both(&self.caption);
        if !caption.is_empty() {
            let _ = writeln!(out, "{caption}");
        }
        if let Some(w) = &self.warning {
            let _ = writeln!(out, "*** {} ***", both(w));
        }
        for p in &self.preamble {
            let _ = writeln!(out, "{}", both(p));
        }
        let label = |r: &Row| match &r.code {
            Some(code) => format!("{code} {}", both(&r.label)),
            None => both(&r.label),
        };
        let stub_width =
            self.rows.iter().map(|r| label(r).chars().count()).chain([both(&self.stub).chars().count()]).max();
        let widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let cells = self.rows.iter().filter_map(|r| r.cells.get(i)).map(|x| x.shown().chars().count());
                cells.chain([both(&c.label).chars().count()]).max().unwrap_or(0)
            })
            .collect();
        let line = |first: String, cells: Vec<String>| {
            let mut l = pad(&first, stub_width.unwrap_or(0));
            for ((text, c), w) in cells.iter().zip(&self.columns).zip(&widths) {
                l.push_str("   ");
                l.push_str(&match c.align {
                    Align::Left => pad(text, *w),
                    Align::Right => lpad(text, *w),
                });
            }
            l.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(both(&self.stub), self.columns.iter().map(|c| both(&c.label)).collect()));
        for r in &self.rows {
            let cells = (0..self.columns.len()).map(|i| r.cells.get(i).map_or(String::new(), Cell::shown));
            let _ = writeln!(out, "{}", line(label(r), cells.collect()));
        }
        for n in &self.notes {
            let _ = writeln!(out, "{}", n.vi);
            if !n.en.is_empty() && n.en != n.vi {
                let _ = writeln!(out, "{}", n.en);
            }
        }
        if let Some(s) = &self.source {
            let parts = [s.document.as_str(), s.article.as_str()];
            let where_: Vec<&str> = parts.iter().filter(|x| !x.is_empty()).copied().collect();
            let _ = writeln!(out, "Nguồn / Source: {}", where_.join(", "));
        }
        out
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// Several tables as text, a blank line between them.
pub fn tables_text(tables: &[Table]) -> String {
    tables.iter().map(Table::to_text).collect::<Vec<_>>().join("\n")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn published_column(p: &PublishedPoverty) -> Column {
    let year = p.as_of.year();
    let mut c = Column::new("published", &format!("Kế hoạch ({year})"), &format!("Plan ({year})"), Unit::Percent);
    c.published = true;
    c
}

/// Table 1: households by class, their share, and the plan's rates beside them with `published`.
pub fn households_by_class(standard: &Standard, g: &GroupStatistics, published: Option<&PublishedPoverty>) -> Table {
    let mut columns = vec![
        Column::new("households", "Số hộ", "Households", Unit::Count),
        Column::new("rate", "Tỷ lệ", "Rate", Unit::Percent),
    ];
    columns.extend(published.map(published_column));
    let blank = |n: usize| (0..n).map(|_| Cell::words("")).collect::<Vec<_>>();
    // A standard without an average-living band (QĐ 09/2011, NĐ 351/2025 as far as known) has
    // no such row: a zero there would read as a count.
    let has_band = crate::area::Area::ALL.iter().any(|&a| standard.income_lines.get(a).average_living_max.is_some());
    let mut rows: Vec<Row> = g
        .classes
        .iter()
        .filter(|c| has_band || c.class != HouseholdClass::AverageLiving)
        .map(|c| {
            let mut cells = vec![Cell::count(c.households), Cell::rate(&c.rate)];
            if let Some(p) = published {
                cells.push(Cell::percent(match c.class {
                    HouseholdClass::Poor => Some(Decimal::from(p.poor_rate_percent)),
                    HouseholdClass::NearPoor => Some(Decimal::from(p.near_poor_rate_percent)),
                    _ => None,
                }));
            }
            Row {
                key: c.class.as_str().into(),
                code: None,
                label: Text::new(capitalise(c.class.name_vi()), c.class.name_en()),
                total: false,
                cells,
            }
        })
        .collect();
    let mut total = vec![Cell::count(g.households)];
    total.extend(blank(columns.len() - 1));
    rows.push(Row {
        key: "total".into(),
        code: None,
        label: Text::new("Tổng số hộ đã phân loại", "Households classified"),
        total: true,
        cells: total,
    });
    if !g.unclassified.is_zero() {
        let mut cells = vec![Cell::count(g.unclassified)];
        cells.extend(blank(columns.len() - 1));
        rows.push(Row {
            key: "unclassified".into(),
            code: None,
            label: Text::new("Không phân loại được", "Not classified (errors)"),
            total: true,
            cells,
        });
    }
    Table {
        id: "households_by_class".into(),
        caption: Text::new(
            format!("Bảng 1. Số hộ theo nhóm — {}", standard.document),
            format!("Table 1. Households by class — {}", standard.document),
        ),
        warning: None,
        preamble: Vec::new(),
        stub: Text::new("Nhóm", "Class"),
        columns,
        rows,
        notes: Vec::new(),
        source: published.map(|p| p.source.clone()),
    }
}

/// Table 2: each indicator's deprivation rate among poor households (the plan's table), the
/// plan's figure beside it with `published`, and the rate among all households.
pub fn deprivation_among_poor(g: &GroupStatistics, published: Option<&PublishedPoverty>) -> Table {
    let mut columns = vec![Column::new("poor", "Hộ nghèo", "Poor", Unit::Percent)];
    columns.extend(published.map(published_column));
    columns.push(Column::new("all", "Mọi hộ", "All", Unit::Percent));
    let rows = g
        .indicators
        .iter()
        .map(|ind| {
            let mut cells = vec![Cell::rate(&ind.rate_poor)];
            if let Some(p) = published {
                cells.push(Cell::percent(p.deprivation_among_poor_percent.get(&ind.id).copied().map(Decimal::from)));
            }
            cells.push(Cell::rate(&ind.rate_all));
            Row { key: ind.id.clone(), code: Some(ind.code.clone()), label: ind.name.clone(), total: false, cells }
        })
        .collect();
    Table {
        id: "deprivation_among_poor".into(),
        caption: Text::new(
            "Bảng 2. Tỷ lệ thiếu hụt các chỉ số so với tổng số hộ nghèo",
            "Table 2. Deprivation rates among poor households",
        ),
        warning: None,
        preamble: Vec::new(),
        stub: Text::new("Chỉ số", "Indicator"),
        columns,
        rows,
        notes: Vec::new(),
        source: published.map(|p| p.source.clone()),
    }
}

/// The Alkire-Foster measures H, A and M0 of `g`, when they were computed.
pub fn alkire_foster(g: &GroupStatistics) -> Option<Table> {
    let af = g.alkire_foster.as_ref()?;
    let equal = af.weights.windows(2).all(|w| w[0].value == w[1].value);
    let (wvi, wen) =
        if equal { ("trọng số bằng nhau", "equal weights") } else { ("trọng số riêng", "custom weights") };
    let k = af.cutoff.normalize();
    let m0 = af.adjusted_headcount_ratio.value.map_or_else(|| Cell::words("—"), |v| Cell::fixed(v, 4));
    let row = |key: &str, vi: &str, en: &str, cell: Cell| Row {
        key: key.into(),
        code: None,
        label: Text::new(vi, en),
        total: false,
        cells: vec![cell],
    };
    Some(Table {
        id: "alkire_foster".into(),
        caption: Text::new(
            format!("Alkire-Foster (k = {}, {wvi})", vi_number(&k)),
            format!("Alkire-Foster (k = {}, {wen})", en_number(&k)),
        ),
        warning: None,
        preamble: Vec::new(),
        stub: Text::new("Chỉ tiêu", "Measure"),
        columns: vec![Column::new("value", "Giá trị", "Value", Unit::Number)],
        rows: vec![
            row("headcount_ratio", "H: tỷ lệ hộ nghèo đa chiều", "H: headcount ratio", Cell::rate(&af.headcount_ratio)),
            row("intensity", "A: mức thiếu hụt bình quân", "A: intensity", Cell::rate(&af.intensity)),
            row("adjusted_headcount_ratio", "M0 = H × A", "M0 = H × A", m0),
        ],
        notes: Vec::new(),
        source: None,
    })
}

/// The plan-style tables of `g`: households by class, deprivation among poor households and,
/// when computed, the Alkire-Foster measures; with `published`, the plan's figures stand in a
/// column beside the computed ones.
pub fn plan_table_models(standard: &Standard, g: &GroupStatistics, published: Option<&PublishedPoverty>) -> Vec<Table> {
    let mut out = vec![households_by_class(standard, g, published), deprivation_among_poor(g, published)];
    out.extend(alkire_foster(g));
    out
}

/// The plan-style tables of `g` as text (see [`plan_table_models`]).
pub fn plan_tables(standard: &Standard, g: &GroupStatistics, published: Option<&PublishedPoverty>) -> String {
    tables_text(&plan_table_models(standard, g, published))
}

/// Households by class of a classified batch, with each class's code (1-4), and the rows that
/// could not be classified (class code 0) when there are any; `document` names the standard.
pub fn class_counts(document: &str, counts: &[(HouseholdClass, u64)], unclassified: u64) -> Table {
    let mut rows: Vec<Row> = counts
        .iter()
        .map(|&(class, n)| Row {
            key: class.as_str().into(),
            code: None,
            label: Text::new(class.name_vi(), class.name_en()),
            total: false,
            cells: vec![Cell::plain(Decimal::from(class.code())), Cell::count(Decimal::from(n))],
        })
        .collect();
    if unclassified > 0 {
        rows.push(Row {
            key: "unclassified".into(),
            code: None,
            label: Text::new("Không phân loại được (dòng lỗi)", "Not classified (rows with errors)"),
            total: true,
            cells: vec![Cell::plain(Decimal::ZERO), Cell::count(Decimal::from(unclassified))],
        });
    }
    Table {
        id: "class_counts".into(),
        caption: Text::new(format!("Kết quả phân loại — {document}"), format!("Classification — {document}")),
        warning: None,
        preamble: Vec::new(),
        stub: Text::new("Nhóm", "Class"),
        columns: vec![
            Column::new("class_code", "Mã", "Code", Unit::Number),
            Column::new("households", "Số hộ", "Households", Unit::Count),
        ],
        rows,
        notes: Vec::new(),
        source: None,
    }
}

/// One row per group: households and the poor and near-poor rates.
pub fn group_table_model(stats: &Statistics, stub: Text) -> Table {
    let rows = stats
        .groups
        .iter()
        .map(|g| {
            let key = g.group.map_or("—".into(), |k| k.to_string());
            let r = |c: HouseholdClass| g.class(c).map_or_else(|| Cell::words("—"), |s| Cell::rate(&s.rate));
            Row {
                key: key.clone(),
                code: None,
                label: Text::new(key.clone(), key),
                total: false,
                cells: vec![Cell::count(g.households), r(HouseholdClass::Poor), r(HouseholdClass::NearPoor)],
            }
        })
        .collect();
    Table {
        id: "by_group".into(),
        caption: Text::new("", ""),
        warning: None,
        preamble: Vec::new(),
        stub,
        columns: vec![
            Column::new("households", "Số hộ", "Households", Unit::Count),
            Column::new("poor", "Nghèo", "Poor", Unit::Percent),
            Column::new("near_poor", "Cận nghèo", "Near-poor", Unit::Percent),
        ],
        rows,
        notes: Vec::new(),
        source: None,
    }
}

/// The default heading of the groups' column.
pub const GROUP_LABEL: &str = "Nhóm / Group";

/// One line per group as text; `group_label` heads the groups' column (`Huyện / District`).
pub fn group_table(stats: &Statistics, group_label: &str) -> String {
    let stub = match group_label.split_once(" / ") {
        Some((vi, en)) => Text::new(vi, en),
        None => Text::new(group_label, group_label),
    };
    group_table_model(stats, stub).to_text()
}

/// The request of the JSON function `plan_tables`: statistics of one group (or of all
/// households, `Statistics.total`) and the embedded standard they were computed under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTablesRequest {
    /// The id of the embedded standard (`qd59-2015`...).
    pub standard: String,
    /// The statistics of one group, as `statistics` gives them.
    pub statistics: GroupStatistics,
    /// Put the Cao Bằng plan's published figures (449/KH-UBND, end of 2015) beside the computed
    /// ones; only under the plan's standard, QĐ 59/2015 (ignored otherwise).
    #[serde(default)]
    pub published: bool,
}

/// Tables laid out by core: the answer of `plan_tables` and `tables`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    pub tables: Vec<Table>,
}

/// The plan-style tables of a request (the JSON function `plan_tables`).
pub fn plan_tables_request(request: &PlanTablesRequest) -> Result<Tables, Errors> {
    let standard = crate::standard_by_id(&request.standard)?;
    let published = if request.published { Some(crate::published::cao_bang_2015()?) } else { None };
    let published = published.filter(|p| p.standard == standard.id);
    Ok(Tables { tables: plan_table_models(standard, &request.statistics, published) })
}
