//! The tables of the other answers, laid out by core so that no binding writes a heading: a
//! classification report (its reasons and the indicators' evidence), an eligibility report (the
//! decisions and, for one program, its checks), a plan check (every sum) and a counterpart ratio.

use super::{Cell, Column, Row, Table, Tables, Unit};
use crate::eligibility::{CheckOutcome, EligibilityReport, Outcome};
use crate::funding::{CounterpartRatio, PlanCheck};
use crate::labels::confidence_name;
use crate::report::Report;
use crate::source::{Citation, Confidence};
use crate::text::{Text, en_number, vi_number};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request of the JSON function `tables`: one answer of another function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TablesRequest {
    /// `classify`'s answer.
    Report(Box<Report>),
    /// The answer of `eligibility`, `eligibility_one` or `why_not`.
    Eligibility(Box<EligibilityReport>),
    /// `check_plan`'s answer.
    PlanCheck(Box<PlanCheck>),
    /// `counterpart_ratio`'s answer.
    CounterpartRatio(Box<CounterpartRatio>),
}

/// The tables of an answer (the JSON function `tables`).
pub fn tables_request(request: &TablesRequest) -> Tables {
    let tables = match request {
        TablesRequest::Report(r) => report_tables(r),
        TablesRequest::Eligibility(e) => eligibility_tables(e),
        TablesRequest::PlanCheck(c) => vec![check_table(c)],
        TablesRequest::CounterpartRatio(c) => vec![counterpart_table(c)],
    };
    Tables { tables }
}

fn words(key: &str, vi: &str, en: &str) -> Column {
    Column::new(key, vi, en, Unit::Text)
}

fn row(key: &str, code: Option<&str>, label: Text, cells: Vec<Cell>) -> Row {
    Row { key: key.into(), code: code.map(String::from), label, total: false, cells }
}

fn table(id: &str, caption: Text, stub: Text, columns: Vec<Column>, rows: Vec<Row>) -> Table {
    Table {
        id: id.into(),
        caption,
        warning: None,
        preamble: Vec::new(),
        stub,
        columns,
        rows,
        notes: Vec::new(),
        source: None,
    }
}

fn yes_no(holds: bool) -> Cell {
    Cell::words(if holds { "✓" } else { "✗" }).keyed(holds.to_string())
}

fn confidence(c: Confidence) -> Cell {
    let (vi, en) = confidence_name(c);
    Cell::bilingual(&Text::new(vi, en)).keyed(c.as_str())
}

fn basis(c: &Citation) -> Cell {
    let parts = [c.document.as_str(), c.article.as_str()];
    Cell::words(parts.iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(", "))
}

/// A classification report: the reasons (each rule, whether it held, the explanation, its legal
/// basis and confidence; above them the class, the facts compared and how the standard was
/// picked) and, when indicators were derived from facts, each indicator's evidence.
pub fn report_tables(r: &Report) -> Vec<Table> {
    let mut reasons = table(
        "reasons",
        Text::new("Lý do", "Reasons"),
        Text::new("Quy tắc", "Rule"),
        vec![
            words("holds", "Đúng", "Holds"),
            words("explanation", "Giải thích", "Explanation"),
            words("basis", "Căn cứ", "Legal basis"),
            words("confidence", "Độ tin cậy", "Confidence"),
        ],
        r.reasons
            .iter()
            .map(|x| {
                let cells =
                    vec![yes_no(x.holds), Cell::bilingual(&x.message), basis(&x.citation), confidence(x.confidence)];
                row(&x.rule, None, Text::new(x.rule.clone(), x.rule.clone()), cells)
            })
            .collect(),
    );
    let deprived = if r.deprived.is_empty() { String::new() } else { format!(" ({})", r.deprived.join(", ")) };
    let (income_vi, income_en) = r.income_per_capita_monthly.map_or((String::new(), String::new()), |i| {
        (
            format!("; thu nhập: {} đồng/người/tháng", vi_number(&i)),
            format!("; income: {} VND/person/month", en_number(&i)),
        )
    });
    reasons.preamble = vec![
        Text::new(
            format!("{} — {} ({})", r.class_name.vi, r.standard.document, r.standard.name.vi),
            format!("{} — {} ({})", r.class_name.en, r.standard.document, r.standard.name.en),
        ),
        Text::new(
            format!("Khu vực: {}{income_vi}; thiếu hụt: {}{deprived}", r.area.name_vi(), r.deprivation_count),
            format!("Area: {}{income_en}; deprivations: {}{deprived}", r.area.as_str(), r.deprivation_count),
        ),
        r.selection.message.clone(),
    ];
    reasons.source = r.selection.citation.clone();
    let mut out = vec![reasons];
    let evidence: Vec<Row> = r
        .indicators
        .iter()
        .filter_map(|i| {
            let e = i.evidence.as_ref()?;
            let met =
                Cell::words(if i.deprived { "✗" } else { "✓" }).keyed(if i.deprived { "deprived" } else { "met" });
            Some(row(&i.id, Some(&i.code), i.name.clone(), vec![met, Cell::bilingual(e)]))
        })
        .collect();
    if !evidence.is_empty() {
        out.push(table(
            "indicators",
            Text::new("Chỉ số", "Indicators"),
            Text::new("Chỉ số", "Indicator"),
            vec![words("met", "Đạt", "Met"), words("evidence", "Căn cứ dữ kiện", "Evidence")],
            evidence,
        ));
    }
    out
}

fn outcome(o: Outcome) -> Cell {
    let (key, vi, en) = match o {
        Outcome::Eligible => ("eligible", "đủ điều kiện", "eligible"),
        Outcome::EligibleLevelUndecided => {
            ("eligible_level_undecided", "đủ điều kiện, chưa rõ mức hỗ trợ", "eligible, level undecided")
        }
        Outcome::NotEligible => ("not_eligible", "không đủ điều kiện", "not eligible"),
        Outcome::CannotDecide => ("cannot_decide", "chưa đủ thông tin để xét", "cannot decide yet"),
    };
    Cell::bilingual(&Text::new(vi, en)).keyed(key)
}

fn check_outcome(o: CheckOutcome) -> Cell {
    let (key, vi, en) = match o {
        CheckOutcome::Pass => ("pass", "đạt", "pass"),
        CheckOutcome::Fail => ("fail", "không đạt", "fail"),
        CheckOutcome::Unknown => ("unknown", "chưa rõ", "unknown"),
    };
    Cell::bilingual(&Text::new(vi, en)).keyed(key)
}

fn joined(texts: &[Text]) -> Cell {
    let vi: Vec<&str> = texts.iter().map(|t| t.vi.as_str()).collect();
    let en: Vec<&str> = texts.iter().map(|t| t.en.as_str()).collect();
    Cell::bilingual(&Text::new(vi.join("; "), en.join("; ")))
}

/// An eligibility report: one row per decision (outcome, summary, support, missing facts) and,
/// when one program was decided, the conditions checked.
pub fn eligibility_tables(e: &EligibilityReport) -> Vec<Table> {
    let mut decisions = table(
        "decisions",
        Text::new(format!("Đủ điều kiện hưởng hỗ trợ — {}", e.date), format!("Eligibility — {}", e.date)),
        Text::new("Dự án, chính sách", "Project or policy"),
        vec![
            words("outcome", "Kết quả", "Outcome"),
            words("summary", "Tóm tắt", "Summary"),
            words("support", "Hỗ trợ", "Support"),
            words("missing", "Thiếu dữ kiện", "Missing facts"),
        ],
        e.decisions
            .iter()
            .map(|d| {
                let support: Vec<Text> = d.entitlements.iter().map(|x| x.label.clone()).collect();
                let cells = vec![
                    outcome(d.outcome),
                    Cell::bilingual(&d.summary),
                    joined(&support),
                    Cell::words(d.missing.join(", ")),
                ];
                row(&d.program, Some(&d.plan_section), d.name.clone(), cells)
            })
            .collect(),
    );
    // Which law answered: the catalogs of the date, and the program periods not encoded.
    decisions.preamble = e
        .catalogs
        .iter()
        .map(|c| Text::new(format!("Danh mục: {}", c.name.vi), format!("Catalog: {}", c.name.en)))
        .collect();
    decisions.notes = e
        .program_gaps
        .iter()
        .map(|g| {
            Text::new(
                format!("Chưa mã hóa: {} — {}", g.program.vi, g.why.vi),
                format!("Not encoded: {} — {}", g.program.en, g.why.en),
            )
        })
        .collect();
    let mut out = vec![decisions];
    if let [one] = e.decisions.as_slice() {
        out.push(table(
            "checks",
            Text::new("Điều kiện đã xét", "Conditions checked"),
            Text::new("Dữ kiện", "Fact"),
            vec![
                words("scope", "Phạm vi", "Scope"),
                words("outcome", "Kết quả", "Outcome"),
                words("explanation", "Giải thích", "Explanation"),
            ],
            one.checks
                .iter()
                .map(|c| {
                    let cells =
                        vec![Cell::words(c.scope.clone()), check_outcome(c.outcome), Cell::bilingual(&c.message)];
                    row(&c.fact, None, Text::new(c.fact.clone(), c.fact.clone()), cells)
                })
                .collect(),
        ));
    }
    out
}

/// A plan check: every sum with the amount, the sum of its parts, the difference and whether it
/// holds.
pub fn check_table(c: &PlanCheck) -> Table {
    let mut t = table(
        "plan_check",
        Text::new(format!("Kiểm tra kế hoạch vốn — {}", c.plan), format!("Funding plan check — {}", c.plan)),
        Text::new("Khoản (JSON pointer)", "Amount (JSON pointer)"),
        vec![
            Column::new("expected", "Số ghi", "Stated", Unit::Dong),
            Column::new("actual", "Tổng các phần", "Sum of parts", Unit::Dong),
            Column::new("difference", "Chênh lệch", "Difference", Unit::Dong),
            words("holds", "Khớp", "Holds"),
            words("explanation", "Giải thích", "Explanation"),
        ],
        c.sums
            .iter()
            .map(|s| {
                let cells = vec![
                    Cell::plain(s.expected),
                    Cell::plain(s.actual),
                    Cell::plain(s.difference),
                    yes_no(s.holds),
                    Cell::bilingual(&s.message),
                ];
                row(&s.path, None, Text::new(s.path.clone(), s.path.clone()), cells)
            })
            .collect(),
    );
    let n = c.mismatches.len();
    t.notes = vec![if c.adds_up {
        Text::new("Mọi phép cộng đều khớp.", "Every sum holds.")
    } else {
        Text::new(format!("{n} phép cộng không khớp."), format!("{n} sums do not hold."))
    }];
    t
}

/// A counterpart ratio: the minimum (percent, and amount when central funds were given), its
/// rule, explanation and notes, and the provision it comes from.
pub fn counterpart_table(c: &CounterpartRatio) -> Table {
    let mut rows = vec![row(
        "minimum_percent",
        None,
        Text::new("Tỷ lệ tối thiểu", "Minimum ratio"),
        vec![Cell::percent(Some(c.minimum_percent))],
    )];
    if let Some(a) = c.minimum_amount {
        rows.push(row(
            "minimum_amount",
            None,
            Text::new("Số tiền tối thiểu (đồng)", "Minimum amount (đồng)"),
            vec![Cell::plain(a)],
        ));
    }
    let mut t = table(
        "counterpart_ratio",
        Text::new(format!("Vốn đối ứng — {}", c.document), format!("Counterpart — {}", c.document)),
        Text::new("Chỉ tiêu", "Measure"),
        vec![Column::new("value", "Giá trị", "Value", Unit::Number)],
        rows,
    );
    if c.from_caller {
        t.warning = Some(Text::new(
            "Tỷ lệ do người gọi đưa, không phải quy định đã kiểm chứng",
            "The caller's ratio, not a verified rule",
        ));
    }
    t.notes = std::iter::once(c.message.clone()).chain(c.notes.iter().cloned()).collect();
    t.source = c.citation.clone();
    t
}
