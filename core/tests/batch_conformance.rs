//! Runs the shared batch conformance cases (`tests/conformance/batch-errors.json`, files with
//! `"kind": "batch"`; the Python suite runs the same through `classify_frame` and
//! `classify_arrays`) through `giamngheo::batch`: a table's rows read as a reader of untyped cells
//! does (the cells it cannot read reported with core's constructors, quoting them), then
//! classified with the case's `first_row` and `on_error`; and the same table as Arrow columns
//! through `giamngheo::arrow`, the reader of DataFrames, Arrow tables, DuckDB and Spark.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray};
use giamngheo::arrow::{ArrowBatch, Chunks, DeprivationColumns, IndicatorColumn};
use giamngheo::batch::{
    BatchInput, Deprivations, Incomes, OnError, RowError, area_not_recognised, classify_batch, column_missing,
    income_missing, indicator_cell_invalid,
};
use giamngheo::{Area, Error, Standard};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

fn batch_files() -> Vec<(PathBuf, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            (f, doc)
        })
        .filter(|(_, doc)| doc["kind"].as_str() == Some("batch"))
        .collect()
}

/// A cell as text for a message: a string as is, a number as written, `None` for null.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The columns of a case's table, or the whole-table errors (missing columns).
struct Table {
    area: Vec<u8>,
    income: Vec<Decimal>,
    flags: Vec<Vec<u8>>,
    cell_errors: Vec<RowError>,
}

fn read(standard: &Standard, case: &Value) -> Result<Table, Vec<Error>> {
    let rows = case["rows"].as_array().unwrap();
    let drop: Vec<&str> = case["drop"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let ids: Vec<&str> = standard.indicators.iter().map(|i| i.id.as_str()).collect();
    let columns: Vec<&str> =
        ["area", "income"].into_iter().chain(ids.iter().copied()).filter(|c| !drop.contains(c)).collect();
    let missing: Vec<Error> = ["area", "income"]
        .into_iter()
        .chain(ids.iter().copied())
        .filter(|c| drop.contains(c))
        .map(|c| column_missing(c, &columns))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let first = case["first_row"].as_u64().map_or(0, |v| v as usize);
    let mut t =
        Table { area: Vec::new(), income: Vec::new(), flags: vec![Vec::new(); ids.len()], cell_errors: Vec::new() };
    // As the Python reader: the area cells, then the indicator cells, then the income cells.
    for (i, row) in rows.iter().enumerate() {
        let cell = &row["area"];
        let code = match cell {
            Value::String(s) => Area::from_label(s).map(Area::code),
            Value::Number(n) => n.as_u64().filter(|&c| c <= 255).map(|c| c as u8),
            _ => None,
        };
        t.area.push(code.unwrap_or_else(|| {
            t.cell_errors.push(area_not_recognised(first + i, text(cell).as_deref()));
            2
        }));
    }
    let zero = Value::from(0);
    for (j, id) in ids.iter().enumerate() {
        for (i, row) in rows.iter().enumerate() {
            let cell = row.get(*id).unwrap_or(&zero);
            let flag = match cell {
                Value::Bool(b) => Some(u8::from(*b)),
                Value::Number(n) if n.as_u64() == Some(0) || n.as_u64() == Some(1) => n.as_u64().map(|v| v as u8),
                _ => None,
            };
            t.flags[j].push(flag.unwrap_or_else(|| {
                t.cell_errors.push(indicator_cell_invalid(first + i, j, id, text(cell).as_deref()));
                0
            }));
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let income = match &row["income"] {
            Value::Null => {
                t.cell_errors.push(income_missing(first + i));
                Decimal::ZERO
            }
            v => v.to_string().parse::<Decimal>().unwrap(),
        };
        t.income.push(income);
    }
    Ok(t)
}

/// One JSON column as an Arrow array, typed as a DataFrame would type it: text, whole numbers,
/// floats or booleans (with nulls); a column mixing text and numbers as text, as a CSV holds it.
fn arrow_column(values: &[&Value]) -> ArrayRef {
    let all = |f: fn(&Value) -> bool| values.iter().all(|v| v.is_null() || f(v));
    if all(Value::is_boolean) && values.iter().any(|v| v.is_boolean()) {
        Arc::new(values.iter().map(|v| v.as_bool()).collect::<BooleanArray>())
    } else if all(|v| v.as_i64().is_some()) {
        Arc::new(values.iter().map(|v| v.as_i64()).collect::<Int64Array>())
    } else if all(Value::is_number) {
        Arc::new(values.iter().map(|v| v.as_f64()).collect::<Float64Array>())
    } else {
        Arc::new(values.iter().map(|v| text(v)).collect::<StringArray>())
    }
}

/// The case's table through `giamngheo::arrow` (the path of DataFrames, Arrow tables, DuckDB and
/// Spark): the same errors and classes as the cell reader's.
fn run_arrow(standard: &Standard, case: &Value, on_error: OnError) -> Result<Outcome, String> {
    let rows = case["rows"].as_array().unwrap();
    let drop: Vec<&str> = case["drop"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let ids: Vec<&str> = standard.indicators.iter().map(|i| i.id.as_str()).collect();
    let names: Vec<&str> = ["area", "income"].into_iter().chain(ids.iter().copied()).collect();
    let present: Vec<&str> = names.iter().copied().filter(|c| !drop.contains(c)).collect();
    if let Some(e) = giamngheo::arrow::read::missing_columns(&names, &present) {
        return Ok((e.as_slice().iter().map(|e| (None, e.clone())).collect(), None));
    }
    let zero = Value::from(0);
    let columns: Vec<Vec<ArrayRef>> = names
        .iter()
        .map(|name| {
            let default = if ids.contains(name) { &zero } else { &Value::Null };
            vec![arrow_column(&rows.iter().map(|r| r.get(*name).unwrap_or(default)).collect::<Vec<_>>())]
        })
        .collect();
    let chunks: Vec<Chunks<'_>> = names.iter().zip(&columns).map(|(n, c)| Chunks::new(n, c)).collect();
    let indicators = DeprivationColumns::Indicators(chunks[2..].iter().map(|c| IndicatorColumn::Arrow(*c)).collect());
    let first = case["first_row"].as_u64().map_or(0, |v| v as usize);
    let batch = ArrowBatch::read(standard, chunks[0], chunks[1], &indicators, first).map_err(|e| e.to_string())?;
    let out = classify_batch(standard, &batch.input(), on_error).map_err(|e| format!("whole-batch errors: {e}"))?;
    Ok((out.errors.into_iter().map(|e| (Some(e.row), e.error)).collect(), Some(out.class)))
}

/// Each error with its row (none for a whole-table error), and the class codes.
type Outcome = (Vec<(Option<usize>, Error)>, Option<Vec<u8>>);

#[derive(Clone, Copy)]
enum Reader {
    Cells,
    Arrow,
}

fn check(case: &Value, reader: Reader) -> Result<(), String> {
    let standard = giamngheo::standard_by_id(case["standard"].as_str().unwrap()).map_err(|e| e.to_string())?;
    let expect = &case["expect"];
    let want = expect["errors"].as_array().unwrap();
    let on_error = match case["on_error"].as_str() {
        None | Some("collect") => OnError::Collect,
        Some("stop") => OnError::Stop,
        Some(other) => return Err(format!("unknown on_error {other}")),
    };
    let (got, class): Outcome = match reader {
        Reader::Arrow => run_arrow(standard, case, on_error)?,
        Reader::Cells => match read(standard, case) {
            Err(errors) => (errors.into_iter().map(|e| (None, e)).collect(), None),
            Ok(t) => {
                let flags: Vec<&[u8]> = t.flags.iter().map(Vec::as_slice).collect();
                let input = BatchInput::new(&t.area, Incomes::Decimal(&t.income), Deprivations::Bytes(&flags))
                    .starting_at(case["first_row"].as_u64().map_or(0, |v| v as usize))
                    .with_cell_errors(&t.cell_errors);
                let out = classify_batch(standard, &input, on_error).map_err(|e| format!("whole-batch errors: {e}"))?;
                (out.errors.into_iter().map(|e| (Some(e.row), e.error)).collect(), Some(out.class))
            }
        },
    };
    let got_short: Vec<Value> = got
        .iter()
        .map(|(row, e)| match row {
            Some(r) => serde_json::json!({ "row": r, "code": e.code.as_str(), "path": e.path }),
            None => serde_json::json!({ "code": e.code.as_str(), "path": e.path }),
        })
        .collect();
    let want_short: Vec<Value> = want
        .iter()
        .map(|w| {
            let mut w = w.clone();
            let o = w.as_object_mut().unwrap();
            o.remove("quotes");
            o.remove("blank");
            w
        })
        .collect();
    if got_short != want_short {
        return Err(format!("errors differ:\n  want {}\n  got  {}", Value::from(want_short), Value::from(got_short)));
    }
    for ((_, e), w) in got.iter().zip(want) {
        if e.message.vi.is_empty() || e.message.en.is_empty() {
            return Err(format!("{} has an empty message", e.code));
        }
        for q in w["quotes"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !e.message.vi.contains(q) || !e.message.en.contains(q) {
                return Err(format!("{} does not quote {q:?}: {:?}", e.code, e.message));
            }
        }
        if w["blank"].as_bool() == Some(true) && !(e.message.en.contains("blank") && e.message.vi.contains("ô trống"))
        {
            return Err(format!("{} does not call the cell blank: {:?}", e.code, e.message));
        }
    }
    if let (Some(want), Some(got)) = (expect.get("class_code"), class) {
        if *want != Value::from(got.clone()) {
            return Err(format!("class codes: want {want}, got {got:?}"));
        }
    }
    Ok(())
}

#[test]
fn batch_conformance_cases_pass() {
    let files = batch_files();
    assert!(!files.is_empty(), "no batch conformance file");
    let mut total = 0;
    let mut failures = Vec::new();
    for (file, doc) in files {
        let cases = doc["cases"].as_array().unwrap();
        assert!(!cases.is_empty(), "{} has no cases", file.display());
        for case in cases {
            total += 1;
            let name = case["name"].as_str().unwrap();
            assert!(case["cite"].as_str().is_some_and(|c| !c.is_empty()), "case {name} has no citation");
            for (reader, how) in [(Reader::Cells, "cells"), (Reader::Arrow, "arrow")] {
                if let Err(why) = check(case, reader) {
                    failures.push(format!("{name} ({how}): {why}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {total} batch cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(total >= 10, "only {total} batch cases");
}

/// Splitting a case's table into chunks read with their `first_row` gives the whole table's
/// errors and classes (core numbers the rows; nobody rewrites them).
#[test]
fn batch_cases_read_in_chunks_give_the_same_errors() {
    for (_, doc) in batch_files() {
        for case in doc["cases"].as_array().unwrap() {
            if case.get("drop").is_some() || case["on_error"].as_str() == Some("stop") {
                continue;
            }
            let standard = giamngheo::standard_by_id(case["standard"].as_str().unwrap()).unwrap();
            let rows = case["rows"].as_array().unwrap();
            let first = case["first_row"].as_u64().unwrap_or(0);
            let whole = read(standard, case).unwrap();
            let flags: Vec<&[u8]> = whole.flags.iter().map(Vec::as_slice).collect();
            let input = BatchInput::new(&whole.area, Incomes::Decimal(&whole.income), Deprivations::Bytes(&flags))
                .starting_at(first as usize)
                .with_cell_errors(&whole.cell_errors);
            let want = classify_batch(standard, &input, OnError::Collect).unwrap();
            let (mut class, mut errors) = (Vec::new(), Vec::new());
            for (k, chunk) in rows.chunks(2).enumerate() {
                let mut part = case.clone();
                part["rows"] = Value::from(chunk.to_vec());
                part["first_row"] = Value::from(first + 2 * k as u64);
                let t = read(standard, &part).unwrap();
                let flags: Vec<&[u8]> = t.flags.iter().map(Vec::as_slice).collect();
                let input = BatchInput::new(&t.area, Incomes::Decimal(&t.income), Deprivations::Bytes(&flags))
                    .starting_at(first as usize + 2 * k)
                    .with_cell_errors(&t.cell_errors);
                let out = classify_batch(standard, &input, OnError::Collect).unwrap();
                class.extend(out.class);
                errors.extend(out.errors);
            }
            assert_eq!(class, want.class, "{}", case["name"]);
            assert_eq!(errors, want.errors, "{}", case["name"]);
        }
    }
}
