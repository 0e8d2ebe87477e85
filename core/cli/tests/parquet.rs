//! `giamngheo classify FILE.parquet` (the `parquet` feature): a Parquet file written here with
//! the Arrow writer from the households of `tests/cli/households.csv` gives the CSV file's
//! results, line for line; a null is the column's error at its line; garbage is a file error.

#![cfg(feature = "parquet")]
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int8Array, Int32Array, Int64Array, RecordBatch, StringArray};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

const BIN: &str = env!("CARGO_BIN_EXE_giamngheo");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli/households.csv")
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("giamngheo-cli-parquet-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture(), dir.join("households.csv")).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let o = Command::new(BIN).args(args).current_dir(dir).output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// The CSV fixture's header and rows.
fn households() -> (Vec<String>, Vec<Vec<String>>) {
    let all = rows(&fixture());
    (all[0].clone(), all[1..].to_vec())
}

/// How the test types each column.
enum Kind {
    Text,
    /// `rural` / `urban` as the statistics office's codes 2 / 1.
    AreaCode,
    Float,
    Int,
    Bool,
    Int8,
}

fn column(values: &[Option<&str>], kind: &Kind) -> ArrayRef {
    match kind {
        Kind::Text => Arc::new(StringArray::from(values.to_vec())),
        Kind::AreaCode => Arc::new(Int32Array::from(
            values.iter().map(|v| v.map(|v| if v == "urban" { 1 } else { 2 })).collect::<Vec<_>>(),
        )),
        Kind::Float => Arc::new(Float64Array::from(
            values.iter().map(|v| v.map(|v| v.parse::<f64>().unwrap())).collect::<Vec<_>>(),
        )),
        Kind::Int => {
            Arc::new(Int64Array::from(values.iter().map(|v| v.map(|v| v.parse::<i64>().unwrap())).collect::<Vec<_>>()))
        }
        Kind::Bool => Arc::new(BooleanArray::from(values.iter().map(|v| v.map(|v| v == "1")).collect::<Vec<_>>())),
        Kind::Int8 => {
            Arc::new(Int8Array::from(values.iter().map(|v| v.map(|v| v.parse::<i8>().unwrap())).collect::<Vec<_>>()))
        }
    }
}

/// Writes the fixture's households as Parquet (Snappy, as pandas and pyarrow write it), each
/// column typed by `kind`, `null` (column, row) left null; row groups of `group_rows` rows.
fn write_parquet(path: &Path, kind: impl Fn(&str) -> Kind, null: Option<(&str, usize)>, group_rows: usize) {
    let (header, data) = households();
    let columns: Vec<(String, ArrayRef)> = header
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let values: Vec<Option<&str>> = data
                .iter()
                .enumerate()
                .map(|(r, row)| (null != Some((name.as_str(), r))).then_some(row[c].as_str()))
                .collect();
            (name.clone(), column(&values, &kind(name)))
        })
        .collect();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(group_rows))
        .build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn typed(name: &str) -> Kind {
    match name {
        "area" => Kind::Text,
        "income" | "weight" => Kind::Float,
        "group" => Kind::Int,
        "health_access" | "health_insurance" | "adult_education" | "child_schooling" | "housing_quality" => Kind::Bool,
        _ => Kind::Int8,
    }
}

#[test]
fn parquet_and_csv_with_the_same_households_give_the_same_results() {
    let dir = workdir("same");
    // Text areas, float incomes and weights, boolean and integer indicators, row groups of 3.
    write_parquet(&dir.join("households.parquet"), typed, None, 3);
    // Area codes, integer incomes.
    write_parquet(
        &dir.join("codes.parquet"),
        |name| match name {
            "area" => Kind::AreaCode,
            "income" => Kind::Int,
            other => typed(other),
        },
        None,
        1024,
    );
    let csv = run(&dir, &["classify", "households.csv"]);
    assert_eq!(csv.status.code(), Some(0));
    let want = rows(&dir.join("households.csv.results.csv"));
    assert_eq!(want.len(), 8, "the header and 7 households");
    assert_eq!(want[1][0], "2", "the first household is line 2");
    for name in ["households.parquet", "codes.parquet"] {
        let o = run(&dir, &["classify", name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&o.stdout));
        assert_eq!(rows(&dir.join(format!("{name}.results.csv"))), want, "{name}");
        assert_eq!(rows(&dir.join(format!("{name}.errors.csv"))).len(), 1, "{name}: no errors");
        // The same tables too, but for the file's name.
        assert_eq!(
            String::from_utf8_lossy(&csv.stdout).replace("households.csv", "F"),
            String::from_utf8_lossy(&o.stdout).replace(name, "F"),
        );
    }
}

#[test]
fn a_null_income_is_the_income_columns_error_at_its_line() {
    let dir = workdir("null");
    // Row index 2 (line 4): the rural household of 1.000.000 đồng, its income null.
    write_parquet(&dir.join("null.parquet"), typed, Some(("income", 2)), 1024);
    let o = run(&dir, &["classify", "null.parquet"]);
    assert_eq!(o.status.code(), Some(1), "input errors");
    let errors = rows(&dir.join("null.parquet.errors.csv"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1][..3], ["4", "income", "income_missing"]);
    let results = rows(&dir.join("null.parquet.results.csv"));
    assert_eq!(results[3][..3], ["4", "", "0"], "no class is guessed");
    assert_eq!(results[3][5], "income_missing");
    assert_eq!(results.len(), 8, "every household has its line");
    assert!(results.iter().skip(1).filter(|r| r[0] != "4").all(|r| !r[1].is_empty()), "the others classified");
}

#[test]
fn garbage_named_parquet_is_a_file_error() {
    let dir = workdir("garbage");
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let bytes: Vec<u8> = (0..4000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    std::fs::write(dir.join("binary.parquet"), &bytes).unwrap();
    std::fs::write(dir.join("empty.parquet"), b"").unwrap();
    // A real file's magic at both ends around garbage, and a file cut short.
    write_parquet(&dir.join("whole.parquet"), typed, None, 1024);
    let whole = std::fs::read(dir.join("whole.parquet")).unwrap();
    std::fs::write(dir.join("cut.parquet"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(dir.join("magic.parquet"), [b"PAR1".as_slice(), &bytes, &whole[whole.len() - 8..]].concat())
        .unwrap();
    let mut flipped = whole.clone();
    for i in (8..flipped.len() - 8).step_by(7) {
        flipped[i] ^= 0x5a;
    }
    std::fs::write(dir.join("flipped.parquet"), &flipped).unwrap();
    for name in ["binary.parquet", "empty.parquet", "cut.parquet", "magic.parquet"] {
        let o = run(&dir, &["classify", name, "--force"]);
        assert_eq!(o.status.code(), Some(3), "{name}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("Parquet"), "{name}");
    }
    let c = run(&dir, &["classify", "flipped.parquet", "--force"]).status.code();
    assert!(matches!(c, Some(0..=3)), "flipped: {c:?}");
}
