//! The main job end to end: `make demo` on the embedded sample prints the plan-style table, and
//! given a CSV of households it writes the per-household results beside the input.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::process::Command;

fn demo(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "giamngheo", "--example", "demo", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "demo failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn demo_prints_the_plan_table_on_the_embedded_sample() {
    let out = demo(&[]);
    // Plan 449/KH-UBND section II: 42,53% poor, 9,83% near-poor, 90,36% without a hygienic latrine.
    assert!(out.contains("SYNTHETIC"), "the sample is labelled synthetic");
    let poor = out.lines().find(|l| l.starts_with("Hộ nghèo / poor")).unwrap();
    assert!(poor.contains("52.409") && poor.matches("42,53%").count() == 2, "{poor}");
    let near = out.lines().find(|l| l.starts_with("Hộ cận nghèo / near-poor")).unwrap();
    assert!(near.contains("12.110") && near.matches("9,83%").count() == 2, "{near}");
    let latrine = out.lines().find(|l| l.starts_with("W2 ")).unwrap();
    assert!(latrine.matches("90,36%").count() == 2, "{latrine}");
    assert!(out.contains("Kết luận: hộ nghèo"), "households are explained with their reasons");
    // Table 5: the Bảo Lâm household's programs (the same request as tests/eligibility.rs).
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

#[test]
fn demo_classifies_a_csv_and_writes_results_beside_it() {
    let dir = std::env::temp_dir().join(format!("giamngheo-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    let out = demo(&["--csv", csv.to_str().unwrap(), "--date", "2018-06-30"]);
    assert!(out.contains("Bảng 1."), "{out}");
    let results = std::fs::read_to_string(dir.join("households.csv.results.csv")).unwrap();
    let rows: Vec<Vec<&str>> = results.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let class = |r: usize| rows[r][1];
    // QĐ 59 Điều 2: ≤ 700.000 poor; 700.001 with 3 deprivations poor; urban 1.300.000 with 2
    // near-poor; rural 1.500.000 average living; urban 1.950.001 none of these.
    assert_eq!(
        (class(0), class(1), class(2), class(3), class(4)),
        ("poor", "poor", "near_poor", "average_living", "other")
    );
    assert_eq!(rows[1][3], "3");
    assert_eq!((rows[5][4], rows[5][5]), ("income_negative", "/income/5"));
    assert_eq!((rows[6][4], rows[6][5]), ("area_unknown", "/area/6"));
    assert_eq!((rows[7][4], rows[7][5]), ("number_invalid", "/income/7"));
    // Amount text by core's one rule (tests/conformance/money.json): "1.050.000" is 1 050 000
    // đồng, average living in a rural area; "850.000" could be 850 000 or 850: refused, not
    // read as 850 đồng (which would make the household poor).
    assert_eq!(rows[8][1], "average_living");
    assert_eq!((rows[9][4], rows[9][5]), ("amount_ambiguous", "/income/9"));
    assert!(rows[5..8].iter().chain(&rows[9..]).all(|r| r[1].is_empty() && r[2] == "0"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The review held on 2026-11-30 makes the 2027 list under NĐ 351/2025 (huengaynay.vn,
/// 2025-12-31: 2.200.000 rural, 2.800.000 urban, poor with 3 deprivations or more); the review
/// window is QĐ 24/2021/QĐ-TTg Điều 3 (01/9 to 14/12).
#[test]
fn demo_classifies_the_2027_review_by_its_list_year() {
    let dir = std::env::temp_dir().join(format!("giamngheo-demo-2027-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    let out = demo(&["--csv", path, "--date", "2026-11-30", "--list-year", "2027"]);
    assert!(out.contains("NĐ 351/2025/NĐ-CP") && out.contains("The 2027 list"), "{out}");
    assert!(out.contains("information_means are not used"), "the NĐ 07 column is reported: {out}");
    let results = std::fs::read_to_string(dir.join("review-2026.csv.results.csv")).unwrap();
    let classes: Vec<&str> = results.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(classes, ["poor", "other", "near_poor"]);

    // The review date alone is ambiguous at this seam: a typed error, never NĐ 07 silently.
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "giamngheo", "--example", "demo", "--", "--csv", path, "--date", "2026-11-30"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("list_year_required"));
}
