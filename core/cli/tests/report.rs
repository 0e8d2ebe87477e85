//! The HTML report written beside the results (`FILE.report.html`): charts in inline SVG with the
//! results' own rates, core's tables and the Alkire-Foster measures, nothing from the network;
//! never overwritten without `--force`; none with `--no-report`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_giamngheo");

/// A fresh directory holding a copy of the fixture `households.csv`.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("giamngheo-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli/households.csv");
    std::fs::copy(fixture, dir.join("households.csv")).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let o = Command::new(BIN).args(args).current_dir(dir).output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    o
}

/// The first percentage of the line of `stdout` starting with `label` (a row of Table 2).
fn printed_rate<'a>(stdout: &'a str, label: &str) -> &'a str {
    let line = stdout.lines().find(|l| l.starts_with(label)).unwrap();
    line.split_whitespace().find(|w| w.ends_with('%')).unwrap()
}

/// The text printed on the bar of `indicator` for `series`.
fn bar_text<'a>(html: &'a str, indicator: &str, series: &str) -> &'a str {
    let mark = format!("class=\"value\" data-indicator=\"{indicator}\" data-series=\"{series}\">");
    let at = html.find(&mark).unwrap_or_else(|| panic!("no bar {indicator}/{series}")) + mark.len();
    &html[at..at + html[at..].find("</text>").unwrap()]
}

/// Every `src=` / `href=` value of the page.
fn links(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in ["src=", "href="] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            out.push(rest.split(|c: char| c == '>' || c.is_whitespace()).next().unwrap_or(""));
        }
    }
    out
}

#[test]
fn the_report_shows_the_results_rates_as_svg_bars_with_no_network() {
    let dir = workdir("content");
    let o = run(&dir, &["classify", "households.csv"]);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let path = dir.join("households.csv.report.html");
    assert!(stdout.contains("households.csv.report.html"), "says where it wrote: {stdout}");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    // The standard and why, the weighted figures labelled as weighted.
    assert!(html.contains("QĐ 59/2015/QĐ-TTg") && html.contains("the default when no --standard"));
    assert!(html.contains("Hộ theo quyền số: 20,0") && html.contains("Weighted households: 20.0"));
    // Indicator names in both languages, the Alkire-Foster measures.
    for name in ["Tiếp cận các dịch vụ y tế", "Access to health services", "Hygienic latrine"] {
        assert!(html.contains(name), "{name}");
    }
    for m in ["H: headcount ratio", "A: intensity", "M0 = H × A", "27,50%", "34,55%", "0,0950"] {
        assert!(html.contains(m), "{m}");
    }
    // The bars carry the rates of Table 2 as printed on stdout (3 of the 9 weighted poor
    // households lack health access: 33,33%), beside the plan's figures under QĐ 59/2015.
    assert_eq!(bar_text(&html, "health_access", "file"), printed_rate(&stdout, "H1 "));
    assert_eq!(bar_text(&html, "health_access", "file"), "33,33%");
    assert_eq!(bar_text(&html, "child_schooling", "file"), printed_rate(&stdout, "E2 "));
    assert_eq!(bar_text(&html, "sanitation", "plan"), "90,36%");
    assert!(html.contains("data-series=\"file\" data-value=\"33.33\""));
    // Classes by group: a stacked bar per group (group 1: 66,67% poor), and its table.
    assert!(html.contains("id=\"groups_chart\"") && html.contains("Bảng 3. Theo nhóm"));
    assert!(html.contains("data-group=\"1\" data-class=\"poor\" data-value=\"66.67\""));
    // Nothing from the network.
    for link in links(&html) {
        assert!(!link.contains("http://") && !link.contains("https://"), "{link}");
    }
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"));

    // For the browser test (bindings-wasm/tests/browser.test.mjs): a copy under target/.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/cli-report");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::copy(&path, shared.join("households.report.html")).unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_report_is_never_overwritten_without_force_and_no_report_writes_none() {
    let dir = workdir("force");
    let report = dir.join("households.csv.report.html");
    std::fs::write(&report, "mine").unwrap();
    let o = run(&dir, &["classify", "households.csv"]);
    assert_eq!(o.status.code(), Some(3), "would overwrite the report");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "mine");
    assert!(!dir.join("households.csv.results.csv").exists(), "nothing written");
    assert_eq!(run(&dir, &["classify", "households.csv", "--force"]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&report).unwrap().contains("<svg"));

    std::fs::remove_file(&report).unwrap();
    let o = run(&dir, &["classify", "households.csv", "--force", "--no-report"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!report.exists(), "--no-report writes none");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("report.html"));
    assert_eq!(run(&dir, &["classify", "households.csv", "--no-report", "--report", "r.html"]).status.code(), Some(2));
    // --report names the file; the same name as the results is refused.
    assert_eq!(run(&dir, &["classify", "households.csv", "--force", "--report", "r.html"]).status.code(), Some(0));
    assert!(dir.join("r.html").exists());
    let o = run(&dir, &["classify", "households.csv", "--force", "--report", "households.csv.results.csv"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn demo_writes_its_report_beside_the_plans_figures() {
    let dir = workdir("demo");
    let o = run(&dir, &["demo", "--report", "demo.html"]);
    assert_eq!(o.status.code(), Some(0));
    let html = std::fs::read_to_string(dir.join("demo.html")).unwrap();
    // The sample reproduces the plan: the file's bar and the plan's bar both say 90,36%.
    assert_eq!(bar_text(&html, "sanitation", "file"), "90,36%");
    assert_eq!(bar_text(&html, "sanitation", "plan"), "90,36%");
    assert!(html.contains("Huyện / District") || html.contains("Huyện <span"));
    assert_eq!(run(&dir, &["demo", "--report", "demo.html"]).status.code(), Some(3));
    assert_eq!(run(&dir, &["demo", "--report", "demo.html", "--force"]).status.code(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}
