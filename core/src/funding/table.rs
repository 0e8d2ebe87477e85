//! An allocation as a table model ([`crate::table::Table`]): Vietnamese labels with English
//! beside them, amounts in đồng in Vietnamese notation (1.529.000.000.000), one row per unit and a
//! total row, the check that the parts add up to the pool, the rounding rule and the notes.

use super::coefficients::CoefficientSet;
use super::result::{Allocation, Limit, Rounding, UnitAllocation};
use crate::table::{Cell, Column, Row, Table, Unit};
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;

/// The allocation's table. An illustrative allocation carries a warning.
pub fn allocation_table_model(a: &Allocation<'_>) -> Table {
    let set = a.coefficients();
    let mut rows: Vec<Row> = a.units.iter().map(|u| unit_row(set, u)).collect();
    rows.push(Row {
        key: "total".into(),
        code: None,
        label: Text::new("Tổng", "Total"),
        total: true,
        cells: vec![
            Cell::fixed(a.total_points, 4),
            Cell::number(Decimal::ONE_HUNDRED, "100,00%".into()),
            Cell::plain(a.norms_total),
            Cell::fixed(a.pool, 2),
            Cell::plain(a.total),
            Cell::words(""),
        ],
    });
    let matches = a.total == a.pool;
    let (total_vi, total_en) = (vi_number(&a.total), en_number(&a.total));
    let (pool_vi, pool_en) = (vi_number(&a.pool), en_number(&a.pool));
    let mut notes = vec![
        Text::new(
            format!(
                "Kiểm tra: tổng các phần {total_vi} = tổng vốn {pool_vi} đồng: {}",
                if matches { "khớp" } else { "KHÔNG khớp" }
            ),
            format!(
                "Check: sum of parts {total_en} = pool {pool_en} đồng: {}",
                if matches { "matches" } else { "does NOT match" }
            ),
        ),
        Text::new(format!("Quy tắc làm tròn: {}", a.rule.vi), format!("Rounding rule: {}", a.rule.en)),
    ];
    notes.extend(a.notes.iter().cloned());
    Table {
        id: "allocation".into(),
        caption: Text::new("Phân bổ vốn theo phương pháp tính điểm", "Allocation by the points method"),
        warning: a.illustrative.then(|| {
            Text::new(
                "MINH HỌA — KHÔNG PHẢI QUY ĐỊNH PHÁP LUẬT: hệ số và số liệu tự đặt",
                "ILLUSTRATIVE — NOT LAW: invented coefficients and figures",
            )
        }),
        preamble: vec![
            Text::new(
                format!("Bộ hệ số: {} — {}", set.id, set.name.vi),
                format!("Coefficient set: {} — {}", set.id, set.name.en),
            ),
            Text::new(
                format!(
                    "Tổng vốn: {pool_vi} đồng; định mức: {} đồng; chia theo điểm: {} đồng; làm tròn: {} đồng",
                    vi_number(&a.norms_total),
                    vi_number(&a.by_points),
                    vi_number(&a.rounding_unit)
                ),
                format!(
                    "Pool: {pool_en} đồng; norms: {} đồng; by points: {} đồng; rounding unit: {} đồng",
                    en_number(&a.norms_total),
                    en_number(&a.by_points),
                    en_number(&a.rounding_unit)
                ),
            ),
        ],
        stub: Text::new("Đơn vị", "Unit"),
        columns: vec![
            Column::new("points", "Điểm", "Points", Unit::Points),
            Column::new("share", "Tỷ lệ", "Share", Unit::Percent),
            Column::new("norms", "Định mức", "Norms", Unit::Dong),
            Column::new("exact", "Trước làm tròn", "Exact", Unit::Dong),
            Column::new("allocated", "Phân bổ", "Allocated", Unit::Dong),
            Column::new("note", "Ghi chú", "Note", Unit::Text),
        ],
        rows,
        notes,
        source: None,
    }
}

fn unit_row(set: &CoefficientSet, u: &UnitAllocation<'_>) -> Row {
    Row {
        key: u.id().to_string(),
        code: None,
        label: Text::new(u.name(), u.name()),
        total: false,
        cells: vec![
            Cell::fixed(u.points, 4),
            Cell::rate(&u.share.rate()),
            Cell::plain(u.norm_amount),
            Cell::fixed(u.before_rounding.value(), 2),
            Cell::plain(u.amount),
            Cell::words(unit_note(set, u)),
        ],
    }
}

/// The note of a unit's row: its priorities, the limit applied, and a rounding up.
fn unit_note(set: &CoefficientSet, u: &UnitAllocation<'_>) -> String {
    let mut note = Vec::new();
    for p in &u.priorities() {
        if let Some(pr) = set.priorities.iter().find(|x| x.id == *p) {
            note.push(format!("{} ×{}", p, vi_number(&pr.multiplier.normalize())));
        }
    }
    match u.limit {
        Limit::Floor => note.push("mức sàn / floor".into()),
        Limit::Cap => note.push("mức trần / cap".into()),
        Limit::None => {}
    }
    match u.rounding {
        Rounding::Up => note.push("↑".into()),
        Rounding::Partial => note.push("+ phần lẻ / last partial step".into()),
        Rounding::Exact | Rounding::Down => {}
    }
    note.join(", ")
}

/// The allocation table as text (core's renderer of [`allocation_table_model`]).
pub fn allocation_table(a: &Allocation<'_>) -> String {
    allocation_table_model(a).to_text()
}
