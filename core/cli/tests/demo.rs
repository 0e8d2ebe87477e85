//! The main job end to end (moved from core/tests/demo.rs with core/examples/demo.rs): `giamngheo
//! demo` on the embedded sample prints the plan-style tables, and `giamngheo classify` on a CSV
//! of households writes the per-household results and the errors beside the input.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_giamngheo");

fn giamngheo(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn demo_prints_the_plan_table_on_the_embedded_sample() {
    let o = giamngheo(&["demo"]);
    assert!(o.status.success(), "demo failed: {}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    // Plan 449/KH-UBND section II: 42,53% poor, 9,83% near-poor, 90,36% without a hygienic latrine.
    assert!(out.contains("SYNTHETIC"), "the sample is labelled synthetic");
    let poor = out.lines().find(|l| l.starts_with("Hộ nghèo / poor")).unwrap();
    assert!(poor.contains("52.409") && poor.matches("42,53%").count() == 2, "{poor}");
    let near = out.lines().find(|l| l.starts_with("Hộ cận nghèo / near-poor")).unwrap();
    assert!(near.contains("12.110") && near.matches("9,83%").count() == 2, "{near}");
    let latrine = out.lines().find(|l| l.starts_with("W2 ")).unwrap();
    assert!(latrine.matches("90,36%").count() == 2, "{latrine}");
    assert!(out.contains("Kết luận: hộ nghèo"), "households are explained with their reasons");
    // Table 5: the Bảo Lâm household's programs (the same request as core/tests/eligibility.rs).
    assert!(out.contains("Bảng 5."));
    assert!(out.contains("  ✓ [V.B.3] Hỗ trợ đóng bảo hiểm y tế"), "health insurance, 100%");
    assert!(out.contains("  ✗ [V.A.3] Dự án 3"), "Project 3 is for communes outside 30a and 135");
    // Table 4: KH 449 mục IV's 1.529 tỷ of central investment split among the 13 districts, to the đồng.
    let table4 = out.split("Bảng 4.").nth(1).expect("the funding table is printed");
    assert!(table4.contains("MINH HỌA") && table4.contains("ILLUSTRATIVE"), "the split is labelled illustrative");
    let total = table4.lines().find(|l| l.starts_with("Tổng / Total")).unwrap();
    assert!(total.trim_end().ends_with("1.529.000.000.000"), "{total}");
    assert!(table4.contains(": khớp\n") && table4.contains(": matches\n"), "the check line, in vi and en");
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("giamngheo-demo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn classify_writes_results_and_errors_beside_the_csv() {
    let dir = temp_dir("csv");
    let csv = dir.join("households.csv");
    let ids = "health_access,health_insurance,adult_education,child_schooling,housing_quality,housing_area,water_source,sanitation,telecom_use,information_assets";
    std::fs::write(
        &csv,
        format!(
            "area,income,{ids},group\n\
             rural,700000,0,0,0,0,0,0,0,0,0,0,1\n\
             rural,700001,1,1,1,0,0,0,0,0,0,0,1\n\
             urban,1300000,0,1,0,0,0,0,0,1,0,0,2\n\
             2,1500000,0,0,0,0,0,0,0,0,0,0,2\n\
             urban,1950001,0,0,0,0,0,0,0,0,0,0,2\n\
             rural,-5,0,0,0,0,0,0,0,0,0,0,1\n\
             mountain,5,0,0,0,0,0,0,0,0,0,0,1\n\
             rural,abc,0,0,0,0,0,0,0,0,0,0,1\n\
             rural,1.050.000,0,0,0,0,0,0,0,0,0,0,1\n\
             rural,850.000,0,0,0,0,0,0,0,0,0,0,1\n"
        ),
    )
    .unwrap();
    let o = giamngheo(&["classify", csv.to_str().unwrap(), "--date", "2018-06-30"]);
    assert_eq!(o.status.code(), Some(1), "rows with errors: exit 1");
    assert!(stdout(&o).contains("Bảng 1."), "{}", stdout(&o));
    let results = std::fs::read_to_string(dir.join("households.csv.results.csv")).unwrap();
    let rows: Vec<Vec<&str>> = results.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let class = |r: usize| rows[r][1];
    // Line numbers as the file numbers them: the header is line 1, the first household line 2.
    assert_eq!(rows.iter().map(|r| r[0]).collect::<Vec<_>>(), ["2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    // QĐ 59 Điều 2: ≤ 700.000 poor; 700.001 with 3 deprivations poor; urban 1.300.000 with 2
    // near-poor; rural 1.500.000 average living; urban 1.950.001 none of these.
    assert_eq!(
        (class(0), class(1), class(2), class(3), class(4)),
        ("poor", "poor", "near_poor", "average_living", "other")
    );
    assert_eq!(rows[1][3], "3");
    assert_eq!(rows[5][5], "income_negative");
    assert_eq!(rows[6][5], "area_unknown");
    assert_eq!(rows[7][5], "number_invalid");
    // Amount text by core's one rule (tests/conformance/money.json): "1.050.000" is 1 050 000
    // đồng, average living in a rural area; "850.000" could be 850 000 or 850: refused, not
    // read as 850 đồng (which would make the household poor).
    assert_eq!(rows[8][1], "average_living");
    assert_eq!(rows[9][5], "amount_ambiguous");
    assert!(rows[5..8].iter().chain(&rows[9..]).all(|r| r[1].is_empty() && r[2] == "0"));
    // The errors file: the file's line and the column, core's code and both messages.
    let errors = std::fs::read_to_string(dir.join("households.csv.errors.csv")).unwrap();
    let errors: Vec<Vec<&str>> = errors.lines().skip(1).map(|l| l.splitn(4, ',').collect()).collect();
    let got: Vec<(&str, &str, &str)> = errors.iter().map(|r| (r[0], r[1], r[2])).collect();
    assert_eq!(
        got,
        [
            ("7", "income", "income_negative"),
            ("8", "area", "area_unknown"),
            ("9", "income", "number_invalid"),
            ("11", "income", "amount_ambiguous")
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The review held on 2026-11-30 makes the 2027 list under NĐ 351/2025 (huengaynay.vn,
/// 2025-12-31: 2.200.000 rural, 2.800.000 urban, poor with 3 deprivations or more); the review
/// window is QĐ 24/2021/QĐ-TTg Điều 3 (01/9 to 14/12).
#[test]
fn classify_picks_the_2027_review_standard_by_its_list_year() {
    let dir = temp_dir("2027");
    let csv = dir.join("review-2026.csv");
    let ids = "employment,dependants,health_insurance,nutrition,adult_education,child_schooling,housing_area,housing_quality,telecom_use,water_source,sanitation,waste_treatment";
    std::fs::write(
        &csv,
        format!(
            "area,income,{ids},information_means\n\
             rural,2200000,0,0,1,0,0,0,0,0,0,0,1,1,0\n\
             rural,2200001,0,0,1,0,0,0,0,0,0,0,1,1,0\n\
             urban,2800000,0,0,0,0,0,0,0,0,0,0,0,0,1\n"
        ),
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let o = giamngheo(&["classify", path, "--date", "2026-11-30", "--list-year", "2027"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("NĐ 351/2025/NĐ-CP") && out.contains("The 2027 list"), "{out}");
    assert!(out.contains("information_means are not used"), "the NĐ 07 column is reported: {out}");
    let results = std::fs::read_to_string(dir.join("review-2026.csv.results.csv")).unwrap();
    let classes: Vec<&str> = results.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(classes, ["poor", "other", "near_poor"]);

    // The review date alone is ambiguous at this seam: a typed error, never NĐ 07 silently.
    let o = giamngheo(&["classify", path, "--date", "2026-11-30", "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("list_year_required"));
    std::fs::remove_dir_all(&dir).ok();
}
