//! The `giamngheo` binary run on the fixtures of `tests/cli/` (copied into a fresh directory per
//! test): line numbers in the results and errors files, separators, BOM, .xlsx = CSV, no
//! overwrite without `--force`, weighted labels, every subcommand's help and exit code.
//!
//! The classes asserted follow QĐ 59/2015/QĐ-TTg (the default standard): Điều 1 khoản 1 sets the
//! poor lines at 700.000 đồng a person a month in rural areas and 900.000 in urban areas ("từ …
//! trở xuống": at or below), the near-poor lines at 1.000.000 and 1.300.000; Điều 2 khoản 1 makes
//! a household above the poor line and up to the near-poor line poor with 3 or more of the 10
//! deprivations, near-poor with fewer; Điều 2 khoản 3 (secondary) ends the average-living band
//! at 1.500.000 (rural) and 1.950.000 (urban).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_giamngheo");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli")
}

/// A fresh directory holding copies of the fixtures.
fn workdir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "giamngheo-cli-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["households.csv", "households-errors.csv", "households.xlsx"] {
        std::fs::copy(fixtures().join(f), dir.join(f)).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().unwrap()
}

fn run_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code, and never a panic.
fn code(o: &Output) -> i32 {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
    o.status.code().unwrap_or(-1)
}

/// A CSV file written by the command: (BOM present, rows of cells split at `sep`, header first).
fn read_out(path: &Path, sep: char) -> (bool, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let bom = text.starts_with('\u{feff}');
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new().delimiter(sep as u8).has_headers(false).from_reader(text.as_bytes());
    let rows = rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (bom, rows)
}

/// `(line, class)` of every household of a results file.
fn classes(path: &Path, sep: char) -> Vec<(String, String)> {
    read_out(path, sep).1.into_iter().skip(1).map(|r| (r[0].clone(), r[1].clone())).collect()
}

#[test]
fn csv_households_get_the_classes_of_qd59_2015_by_their_file_lines() {
    let dir = workdir("classes");
    let o = run(&dir, &["classify", "households.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (bom, rows) = read_out(&dir.join("households.csv.results.csv"), ',');
    assert!(!bom, "no BOM in, no BOM out");
    assert_eq!(rows[0], ["line", "class", "class_code", "deprivation_count", "deprived", "error_code"]);
    let got: Vec<(&str, &str, &str)> =
        rows[1..].iter().map(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str())).collect();
    assert_eq!(
        got,
        [
            // Rural, 700.000 đồng: at the rural poor line (QĐ 59/2015 Điều 1 khoản 1) → poor.
            ("2", "poor", ""),
            // Rural, 700.001 đồng and 3 deprivations (Điều 2 khoản 1) → poor.
            ("3", "poor", "health_access health_insurance adult_education"),
            // Rural, 1.000.000 đồng (at the near-poor line) and 2 deprivations → near-poor.
            ("4", "near_poor", "health_access health_insurance"),
            // Rural, 1.500.000 đồng: the top of the average-living band (Điều 2 khoản 3).
            ("5", "average_living", "health_access health_insurance adult_education child_schooling"),
            // Urban, 900.000 đồng: at the urban poor line → poor.
            ("6", "poor", ""),
            // Urban, 1.300.001 đồng: above the urban near-poor line, within 1.950.000 → average living.
            ("7", "average_living", ""),
            // Urban, 1.950.001 đồng: above every line → none of these.
            ("8", "other", ""),
        ]
    );
    let (_, errors) = read_out(&dir.join("households.csv.errors.csv"), ',');
    assert_eq!(errors, vec![vec!["line", "column", "code", "message_vi", "message_en"]]);
    let out = stdout(&o);
    assert!(out.contains("households.csv.results.csv") && out.contains("households.csv.errors.csv"), "{out}");
}

#[test]
fn errors_file_numbers_rows_as_the_file_does_with_a_bom_and_semicolons() {
    // households-errors.csv: a UTF-8 BOM, `;` separators, a blank line 5 and quoted money on line 7.
    let dir = workdir("errors");
    let o = run(&dir, &["classify", "households-errors.csv"]);
    assert_eq!(code(&o), 1, "rows with errors: exit 1; {}", stderr(&o));
    let (bom, errors) = read_out(&dir.join("households-errors.csv.errors.csv"), ';');
    assert!(bom, "a BOM in, a BOM out (Excel)");
    let got: Vec<(&str, &str, &str)> =
        errors[1..].iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        got,
        [
            ("3", "area", "area_unknown"),
            // "850.000" is 850 000 or 850 đồng: refused, never guessed.
            ("4", "income", "amount_ambiguous"),
            // Line 6, after the blank line 5: the file's own numbering.
            ("6", "health_insurance", "indicator_value_invalid"),
        ]
    );
    assert!(errors[1][3].contains("nowhere") && errors[1][4].contains("nowhere"), "messages quote the cell");
    let results = read_out(&dir.join("households-errors.csv.results.csv"), ';').1;
    let got: Vec<(&str, &str, &str)> =
        results[1..].iter().map(|r| (r[0].as_str(), r[1].as_str(), r[5].as_str())).collect();
    assert_eq!(
        got,
        [
            // "nông thôn", 700.000 đồng: the rural poor line of QĐ 59/2015 → poor.
            ("2", "poor", ""),
            ("3", "", "area_unknown"),
            ("4", "", "amount_ambiguous"),
            ("6", "", "indicator_value_invalid"),
            // Area code 2 (rural), "1 000 000" đồng, 3 deprivations: poor (QĐ 59/2015 Điều 2 khoản 1).
            ("7", "poor", ""),
        ]
    );
    let out = stdout(&o);
    assert!(out.contains("dòng / line 6, cột / column health_insurance"), "{out}");
}

#[test]
fn a_bom_and_semicolons_read_like_a_plain_csv_file() {
    let dir = workdir("bom");
    let plain = std::fs::read_to_string(dir.join("households.csv")).unwrap();
    std::fs::write(dir.join("bom.csv"), format!("\u{feff}{}", plain.replace(',', ";"))).unwrap();
    std::fs::write(dir.join("crlf.csv"), plain.replace('\n', "\r\n")).unwrap();
    for f in ["households.csv", "bom.csv", "crlf.csv"] {
        assert_eq!(code(&run(&dir, &["classify", f])), 0, "{f}");
    }
    let want = classes(&dir.join("households.csv.results.csv"), ',');
    assert_eq!(classes(&dir.join("bom.csv.results.csv"), ';'), want);
    assert_eq!(classes(&dir.join("crlf.csv.results.csv"), ','), want);
}

#[test]
fn xlsx_and_csv_with_the_same_households_give_the_same_results() {
    let dir = workdir("xlsx");
    let csv = run(&dir, &["classify", "households.csv"]);
    let xlsx = run(&dir, &["classify", "households.xlsx"]);
    assert_eq!((code(&csv), code(&xlsx)), (0, 0), "{}", stderr(&xlsx));
    let (_, a) = read_out(&dir.join("households.csv.results.csv"), ',');
    let (bom, b) = read_out(&dir.join("households.xlsx.results.csv"), ',');
    assert!(bom, "results of a workbook carry a BOM, for Excel");
    assert_eq!(a, b);
    // The same tables too, but for the file's name.
    assert_eq!(stdout(&csv).replace("households.csv", "F"), stdout(&xlsx).replace("households.xlsx", "F"));
}

#[test]
fn xlsx_sheet_is_picked_by_name() {
    let dir = workdir("sheet");
    let o = run(&dir, &["classify", "households.xlsx", "--sheet", "Xã B"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got = classes(&dir.join("households.xlsx.results.csv"), ',');
    // Group 2's households only: rural 1.500.000 (average living), urban 900.000 (poor, QĐ 59/2015
    // urban poor line), urban 1.300.001 (average living), urban 1.950.001 (other).
    let want: Vec<(String, String)> = [("2", "average_living"), ("3", "poor"), ("4", "average_living"), ("5", "other")]
        .iter()
        .map(|(l, c)| (l.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    let o = run(&dir, &["classify", "households.xlsx", "--sheet", "Không có", "--force"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("Hộ gia đình"), "lists the sheets: {}", stderr(&o));
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--sheet", "A"])), 2, "--sheet is for .xlsx");
}

#[test]
fn existing_files_are_never_overwritten_without_force() {
    let dir = workdir("force");
    assert_eq!(code(&run(&dir, &["classify", "households.csv"])), 0);
    let results = dir.join("households.csv.results.csv");
    std::fs::write(&results, "mine").unwrap();
    let o = run(&dir, &["classify", "households.csv"]);
    assert_eq!(code(&o), 3, "would overwrite: exit 3");
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&results).unwrap(), "mine", "left alone");
    // The errors file alone is enough to refuse, before anything is written.
    std::fs::remove_file(&results).unwrap();
    assert_eq!(code(&run(&dir, &["classify", "households.csv"])), 3);
    assert!(!results.exists(), "nothing written when one output would be overwritten");
    let o = run(&dir, &["classify", "households.csv", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(classes(&results, ',').len(), 7);
    // The input itself is never an output, even with --force.
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--out", "households.csv", "--force"])), 3);
}

#[test]
fn out_and_errors_options_name_the_files() {
    let dir = workdir("paths");
    let o = run(&dir, &["classify", "households-errors.csv", "--out", "r.csv", "--errors", "e.csv"]);
    assert_eq!(code(&o), 1);
    assert_eq!(read_out(&dir.join("r.csv"), ';').1.len(), 6);
    assert_eq!(read_out(&dir.join("e.csv"), ';').1.len(), 4);
    assert!(stdout(&o).contains("r.csv") && stdout(&o).contains("e.csv"));
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--out", "x.csv", "--errors", "x.csv"])), 2);
}

#[test]
fn weighted_figures_are_labelled_weighted_beside_the_row_counts() {
    let dir = workdir("weights");
    let o = run(&dir, &["classify", "households.csv"]);
    let out = stdout(&o);
    assert!(out.contains("Hộ trong tệp (số dòng): 7"), "{out}");
    assert!(out.contains("Households in the file (rows): 7"), "{out}");
    // 2 + 3 + 2,5 + 2,5 + 4 + 1 + 5 = 20,0 weighted households.
    assert!(out.contains("Hộ theo quyền số: 20,0") && out.contains("Weighted households: 20.0"), "{out}");
    assert!(out.contains("Số hộ theo quyền số / Weighted households"), "{out}");
    assert!(out.contains("Households classified, weighted"), "{out}");
    assert!(!out.contains("Households classified   "), "no unlabelled weighted total: {out}");
    // Without a weight column the counts are rows, and nothing says weighted.
    let o = run(&dir, &["classify", "households-errors.csv"]);
    let out = stdout(&o);
    assert!(
        out.contains("Households in the file (rows): 5 (4 classified, 3 with errors)") || out.contains("(rows): 5"),
        "{out}"
    );
    assert!(!out.to_lowercase().contains("weighted"), "{out}");
}

#[test]
fn a_missing_column_is_an_input_error_at_the_header_line() {
    let dir = workdir("missing");
    let plain = std::fs::read_to_string(dir.join("households.csv")).unwrap();
    std::fs::write(dir.join("no-sanitation.csv"), plain.replace(",sanitation,", ",toilet,")).unwrap();
    let o = run(&dir, &["classify", "no-sanitation.csv"]);
    assert_eq!(code(&o), 1);
    let (_, errors) = read_out(&dir.join("no-sanitation.csv.errors.csv"), ',');
    assert_eq!(errors[1][..3], ["1", "sanitation", "column_missing"]);
    assert!(!dir.join("no-sanitation.csv.results.csv").exists());
}

#[test]
fn a_quoted_cell_over_two_lines_keeps_the_next_lines_numbers() {
    let dir = workdir("multiline");
    let plain = std::fs::read_to_string(dir.join("households.csv")).unwrap();
    let mut lines: Vec<String> = plain.lines().map(|l| format!("{l},note")).collect();
    lines[0] = lines[0].replace(",note", ",remark");
    lines[1] = lines[1].replace(",note", ",\"two\nlines\"");
    std::fs::write(dir.join("multi.csv"), lines.join("\n") + "\n").unwrap();
    assert_eq!(code(&run(&dir, &["classify", "multi.csv"])), 0);
    let got: Vec<String> = classes(&dir.join("multi.csv.results.csv"), ',').into_iter().map(|(l, _)| l).collect();
    assert_eq!(got, ["2", "4", "5", "6", "7", "8", "9"]);
}

#[test]
fn the_standard_follows_core_rules_and_bad_values_are_usage_errors() {
    let dir = workdir("standard");
    // At the 2026 seam a date alone is refused (list_year_required): exit 2, never the old standard.
    let o = run(&dir, &["classify", "households.csv", "--date", "2026-11-30"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("list_year_required"), "{}", stderr(&o));
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--date", "2026-13-01"])), 2);
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--list-year", "soon"])), 2);
    assert_eq!(code(&run(&dir, &["classify", "households.csv", "--standard", "nope"])), 2);
    // Under NĐ 07/2021 (2022-2025) the file's QĐ 59 columns are not the standard's: a missing
    // column, at the header.
    let o = run(&dir, &["classify", "households.csv", "--date", "2023-06-30"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let (_, errors) = read_out(&dir.join("households.csv.errors.csv"), ',');
    assert!(errors[1..].iter().all(|r| r[0] == "1" && r[2] == "column_missing"));
    assert!(errors[1..].iter().any(|r| r[1] == "information_means"), "{errors:?}");
    assert!(stdout(&o).contains("information_assets are not used"), "{}", stdout(&o));
}

#[test]
fn every_subcommand_has_help_in_both_languages() {
    let dir = workdir("help");
    for args in [
        vec!["--help"],
        vec!["-h"],
        vec![],
        vec!["help"],
        vec!["help", "classify"],
        vec!["demo", "--help"],
        vec!["classify", "--help"],
        vec!["explain", "--help"],
        vec!["eligibility", "--help"],
        vec!["plan", "--help"],
        vec!["plan", "check", "--help"],
        vec!["plan", "split", "-h"],
    ] {
        let o = run(&dir, &args);
        assert_eq!(code(&o), 0, "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("Cách dùng / Usage"), "{args:?}: {out}");
        assert!(out.contains("Mã thoát / Exit codes"), "{args:?}: {out}");
    }
    assert!(stdout(&run(&dir, &["--version"])).starts_with("giamngheo "));
}

#[test]
fn usage_errors_exit_2_and_file_errors_exit_3() {
    let dir = workdir("usage");
    for args in [
        vec!["frobnicate"],
        vec!["classify"],
        vec!["classify", "a.csv", "b.csv"],
        vec!["classify", "households.csv", "--nope"],
        vec!["classify", "households.csv", "--date"],
        vec!["demo", "extra"],
        vec!["plan"],
        vec!["plan", "merge"],
        vec!["help", "frobnicate"],
    ] {
        let o = run(&dir, &args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--help"), "points at the help: {args:?}");
    }
    assert_eq!(code(&run(&dir, &["classify", "absent.csv"])), 3);
    assert_eq!(code(&run(&dir, &["classify", "absent.xlsx"])), 3);
    assert_eq!(code(&run(&dir, &["explain", "absent.json"])), 3);
    assert_eq!(code(&run(&dir, &["classify", "."])), 3, "a directory");
}

/// Without the `parquet` feature (the default build), a Parquet file is a file error saying how
/// to get a build that reads it (`tests/parquet.rs` tests the feature).
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_is_a_file_error_saying_how_to_get_it() {
    let dir = workdir("no-parquet");
    std::fs::write(dir.join("households.parquet"), b"PAR1 not really PAR1").unwrap();
    let o = run(&dir, &["classify", "households.parquet"]);
    assert_eq!(code(&o), 3);
    let err = stderr(&o);
    assert!(err.contains("without the 'parquet' feature") && err.contains("--features parquet"), "{err}");
    assert!(!dir.join("households.parquet.results.csv").exists());
}

#[test]
fn nothing_panics_on_garbage() {
    let dir = workdir("garbage");
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut bytes = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    };
    let header = b"area,income,health_access,health_insurance,adult_education,child_schooling,housing_quality,housing_area,water_source,sanitation,telecom_use,information_assets,weight,group\n".to_vec();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", Vec::new()),
        ("blank.csv", b"\n\n  \n".to_vec()),
        ("binary.csv", bytes(4000)),
        ("binary.xlsx", bytes(4000)),
        ("header-binary.csv", [header.clone(), bytes(2000)].concat()),
        ("quote.csv", [header.clone(), b"rural,\"700000\n".to_vec()].concat()),
        (
            "odd.csv",
            [header, "đô thị,-5,1,1,1,1,1,1,1,1,1,1,-1,x\nrural,1e400,,,,,,,,,,,\n,,\n\u{a0}rural ,  1.500.000,0,0,0,0,0,0,0,0,0,0,0,99999999999\n".as_bytes().to_vec()].concat(),
        ),
        ("garbage.json", bytes(300)),
        ("array.json", b"[1,2]".to_vec()),
        ("deep.json", "[".repeat(100_000).into_bytes()),
    ];
    for (name, content) in &cases {
        std::fs::write(dir.join(name), content).unwrap();
    }
    for (name, _) in &cases {
        let subcommands: Vec<Vec<&str>> = if name.ends_with(".json") {
            vec![
                vec!["explain", name],
                vec!["eligibility", name],
                vec!["plan", "check", name],
                vec!["plan", "split", name],
            ]
        } else {
            vec![vec!["classify", name, "--force"]]
        };
        for args in subcommands {
            let c = code(&run(&dir, &args));
            assert!((0..=3).contains(&c), "{args:?}: exit {c}");
        }
    }
    // Non-UTF-8 text is a file error naming its line; an empty file an input error.
    let o = run(&dir, &["classify", "header-binary.csv", "--force"]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains("line 2 is not UTF-8"), "{}", stderr(&o));
    assert_eq!(code(&run(&dir, &["classify", "empty.csv", "--force"])), 1);
    assert_eq!(code(&run(&dir, &["classify", "binary.xlsx", "--force"])), 3);
}

#[test]
fn demo_prints_the_plan_tables_beside_the_published_figures() {
    let dir = workdir("demo");
    let o = run(&dir, &["demo"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    // Cao Bằng plan 449/KH-UBND: 42,53% poor and 9,83% near-poor at the end of 2015 (QĐ 59/2015).
    assert!(out.contains("42,53%") && out.contains("9,83%"), "{out}");
    assert!(out.contains("MINH HỌA") && out.contains("ILLUSTRATIVE"));
    assert!(out.contains("Bảng 5.") && out.contains("Giải thích từng hộ"));
}

fn write_json(dir: &Path, name: &str, value: &serde_json::Value) -> String {
    std::fs::write(dir.join(name), value.to_string()).unwrap();
    name.to_string()
}

#[test]
fn explain_gives_the_class_with_reasons_from_a_file_or_stdin() {
    let dir = workdir("explain");
    // Rural, 700.000 đồng a person a month in 2018: QĐ 59/2015's rural poor line → poor.
    let request = serde_json::json!({
        "date": "2018-06-30", "area": "rural", "income": { "monthly_per_capita": "700000" },
        "indicators": { "health_access": false, "health_insurance": false, "adult_education": false,
            "child_schooling": false, "housing_quality": false, "housing_area": false, "water_source": false,
            "sanitation": false, "telecom_use": false, "information_assets": false }
    });
    let f = write_json(&dir, "h.json", &request);
    let o = run(&dir, &["explain", &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("QĐ 59/2015") && out.contains("income_at_or_below_poor_line"), "{out}");
    let o = run_stdin(&dir, &["explain", "-", "--json"], &request.to_string());
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["class"], "poor");
    let o = run_stdin(&dir, &["explain", "-"], "{\"area\": \"rural\",");
    assert_eq!(code(&o), 1, "malformed JSON is an input error");
    assert!(stderr(&o).contains("json_syntax"), "{}", stderr(&o));
}

#[test]
fn eligibility_prints_core_tables_for_all_programs_or_one() {
    let dir = workdir("eligibility");
    let sample: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/sample/eligibility-bao-lam.json"))
            .unwrap(),
    )
    .unwrap();
    let f = write_json(&dir, "e.json", &sample["request"]);
    let o = run(&dir, &["eligibility", &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Eligibility — 2018-06-30"), "{}", stdout(&o));
    let o = run(&dir, &["eligibility", &f, "--program", "health_insurance"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Conditions checked"), "{}", stdout(&o));
    let o = run(&dir, &["eligibility", &f, "--program", "no_such_program"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("program_unknown"), "{}", stderr(&o));
}

#[test]
fn plan_check_and_split() {
    let dir = workdir("plan");
    // KH 449/KH-UBND mục IV: 6.401,252 tỷ = 2.281,327 NSTW + 4.119,925 other funds: every sum holds.
    let o = run(&dir, &["plan", "check", "cao-bang-449-2017"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("cao-bang-449-2017"));
    let o = run(&dir, &["plan", "check", "no-such-plan"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("plan_unknown"));
    let f = write_json(&dir, "p.json", &serde_json::json!({ "plan_id": "qd1722-2016" }));
    assert_eq!(code(&run(&dir, &["plan", "check", &f, "--json"])), 0);
    let request = serde_json::json!({
        "coefficient_set": "illustrative-points-2016", "unit_set": "cao-bang-districts-2017",
        "pool": "1529000000000", "rounding_unit": "1000000"
    });
    let f = write_json(&dir, "split.json", &request);
    let o = run(&dir, &["plan", "split", &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Bảo Lâm") && stdout(&o).contains("ILLUSTRATIVE"), "{}", stdout(&o));
    let o = run(&dir, &["plan", "split", &f, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["units"].as_array().is_some_and(|u| u.len() == 13));
}
