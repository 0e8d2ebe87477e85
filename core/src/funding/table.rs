//! An allocation as a text table: Vietnamese labels with English beside them, amounts in đồng in
//! Vietnamese notation (1.529.000.000.000), one line per unit and a total line.

use super::coefficients::CoefficientSet;
use super::result::{Allocation, Limit, Rounding, UnitAllocation};
use crate::table::{lpad, pad};
use crate::text::vi_number;
use rust_decimal::Decimal;
use std::fmt::Write;

fn fixed(d: Decimal, dp: u32) -> String {
    let mut d = d.round_dp(dp);
    d.rescale(dp);
    vi_number(&d)
}

/// The allocation table. An illustrative allocation says so above and below the table.
pub fn allocation_table(a: &Allocation<'_>) -> String {
    let mut out = String::new();
    write_header(&mut out, a);
    for u in &a.units {
        write_unit(&mut out, a.coefficients(), u);
    }
    write_footer(&mut out, a);
    out
}

/// The title, the set, the pool and the column heads.
fn write_header(out: &mut String, a: &Allocation<'_>) {
    let set = a.coefficients();
    let _ = writeln!(out, "Phân bổ vốn theo phương pháp tính điểm / Allocation by the points method");
    let _ = writeln!(out, "Bộ hệ số / Coefficient set: {} — {}", set.id, set.name.vi);
    if a.illustrative {
        let _ = writeln!(
            out,
            "*** MINH HỌA — KHÔNG PHẢI QUY ĐỊNH PHÁP LUẬT / ILLUSTRATIVE — NOT LAW: hệ số và số liệu tự đặt / invented coefficients and figures ***"
        );
    }
    let _ = writeln!(
        out,
        "Tổng vốn / Pool: {} đồng; định mức / norms: {} đồng; chia theo điểm / by points: {} đồng; làm tròn / rounding unit: {} đồng",
        vi_number(&a.pool),
        vi_number(&a.norms_total),
        vi_number(&a.by_points),
        vi_number(&a.rounding_unit)
    );
    let _ = writeln!(
        out,
        "{}{}{}{}{}{}  Ghi chú / Note",
        pad("Đơn vị / Unit", 26),
        lpad("Điểm / Points", 15),
        lpad("Tỷ lệ / Share", 15),
        lpad("Định mức / Norms", 20),
        lpad("Trước làm tròn / Exact", 26),
        lpad("Phân bổ / Allocated", 22),
    );
}

fn write_unit(out: &mut String, set: &CoefficientSet, u: &UnitAllocation<'_>) {
    let _ = writeln!(
        out,
        "{}{}{}{}{}{}  {}",
        pad(u.name(), 26),
        lpad(&fixed(u.points, 4), 15),
        lpad(&u.share.rate().percent_vi(), 15),
        lpad(&vi_number(&u.norm_amount), 20),
        lpad(&fixed(u.before_rounding.value(), 2), 26),
        lpad(&vi_number(&u.amount), 22),
        unit_note(set, u)
    );
}

/// The note of a unit's line: its priorities, the limit applied, and a rounding up.
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

/// The total line, the check that the parts add up to the pool, the rule and the notes.
fn write_footer(out: &mut String, a: &Allocation<'_>) {
    let _ = writeln!(
        out,
        "{}{}{}{}{}{}",
        pad("Tổng / Total", 26),
        lpad(&fixed(a.total_points, 4), 15),
        lpad("100,00%", 15),
        lpad(&vi_number(&a.norms_total), 20),
        lpad(&fixed(a.pool, 2), 26),
        lpad(&vi_number(&a.total), 22),
    );
    let check = if a.total == a.pool { "khớp / matches" } else { "KHÔNG khớp / does NOT match" };
    let _ = writeln!(
        out,
        "Kiểm tra / Check: tổng các phần / sum of parts {} = tổng vốn / pool {} đồng: {check}",
        vi_number(&a.total),
        vi_number(&a.pool)
    );
    let _ = writeln!(out, "Quy tắc làm tròn: {}", a.rule.vi);
    let _ = writeln!(out, "Rounding rule: {}", a.rule.en);
    for n in &a.notes {
        let _ = writeln!(out, "{}\n{}", n.vi, n.en);
    }
}
