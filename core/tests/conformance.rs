//! Runs the shared conformance cases in `tests/conformance/` (the same files the Python and JS
//! suites run) through `classify_json`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use serde_json::Value;
use std::path::PathBuf;

fn case_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn check_case(case: &Value, file_function: Option<&str>) -> Result<(), String> {
    let function = case["function"].as_str().or(file_function).unwrap_or("classify");
    let request = match &case["request"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let expect = &case["expect"];
    let outcome = match case["standard_file"].as_str() {
        // A caller's own standard: load the parameter file, then classify under it.
        Some(file) => {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests").join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let standard = giamngheo::Standard::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
            giamngheo::json::object_from_str(&request)
                .and_then(|r: giamngheo::ClassifyRequest| giamngheo::classify_request_with(&standard, &r))
        }
        None if function == "classify" => giamngheo::classify_json(&request),
        None => return check_value(giamngheo::call_json(function, &request), expect),
    };
    if let Some(want) = expect.get("errors") {
        let errors = match outcome {
            Ok(r) => return Err(format!("expected errors, got class {:?}", r.class)),
            Err(e) => e,
        };
        let got: Vec<Value> =
            errors.as_slice().iter().map(|e| serde_json::json!({ "code": e.code.as_str(), "path": e.path })).collect();
        for e in errors.as_slice() {
            if e.message.vi.is_empty() || e.message.en.is_empty() {
                return Err(format!("error {} has an empty message", e.code));
            }
        }
        return if &Value::Array(got.clone()) == want {
            Ok(())
        } else {
            Err(format!("errors differ:\n  want {want}\n  got  {}", Value::Array(got)))
        };
    }
    let report = outcome.map_err(|e| format!("unexpected errors: {e}"))?;
    let got = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for (key, want) in expect.as_object().into_iter().flatten() {
        let actual = match key.as_str() {
            "values" => {
                if let Err(e) = check_pointers(&got, want) {
                    problems.push(e);
                }
                continue;
            }
            "standard" => got["standard"]["id"].clone(),
            "reasons" => Value::Array(
                got["reasons"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| serde_json::json!({ "rule": r["rule"], "holds": r["holds"] }))
                    .collect(),
            ),
            "deprived" => {
                let mut v: Vec<String> = got["deprived"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect();
                v.sort();
                let mut w: Vec<String> =
                    want.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect();
                w.sort();
                if v != w {
                    problems.push(format!("deprived: want {w:?}, got {v:?}"));
                }
                continue;
            }
            other => got[other].clone(),
        };
        if &actual != want {
            problems.push(format!("{key}: want {want}, got {actual}"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n  ")) }
}

/// Every `"pointer": value` pair of `want` holds in `got`.
fn check_pointers(got: &Value, want: &Value) -> Result<(), String> {
    let mut problems = Vec::new();
    for (pointer, value) in want.as_object().into_iter().flatten() {
        match got.pointer(pointer) {
            Some(actual) if actual == value => {}
            actual => problems
                .push(format!("{pointer}: want {value}, got {}", actual.map_or("nothing".into(), Value::to_string))),
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n  ")) }
}

/// A function other than `classify`: compare `errors`, or the `values` at JSON pointers.
fn check_value(outcome: Result<Value, giamngheo::Errors>, expect: &Value) -> Result<(), String> {
    match (outcome, expect.get("errors")) {
        (Err(errors), Some(want)) => {
            let got: Vec<Value> = errors
                .as_slice()
                .iter()
                .map(|e| serde_json::json!({ "code": e.code.as_str(), "path": e.path }))
                .collect();
            if &Value::Array(got.clone()) == want {
                Ok(())
            } else {
                Err(format!("errors differ:\n  want {want}\n  got  {}", Value::Array(got)))
            }
        }
        (Err(errors), None) => Err(format!("unexpected errors: {errors}")),
        (Ok(_), Some(_)) => Err("expected errors, got a result".into()),
        (Ok(value), None) => check_pointers(&value, &expect["values"]),
    }
}

#[test]
fn conformance_cases_pass() {
    let mut total = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for file in case_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // Tables of rows, not JSON requests: tests/batch_conformance.rs runs them.
        if doc["kind"].as_str() == Some("batch") {
            continue;
        }
        let cases = doc["cases"].as_array().cloned().unwrap_or_default();
        let file_function = doc["function"].as_str();
        assert!(!cases.is_empty(), "{} has no cases", file.display());
        for case in cases {
            total += 1;
            let name = case["name"].as_str().unwrap_or("<unnamed>").to_string();
            assert!(names.insert(name.clone()), "duplicate case name {name}");
            assert!(case["cite"].as_str().is_some_and(|c| !c.is_empty()), "case {name} has no citation");
            if let Err(why) = check_case(&case, file_function) {
                failures.push(format!("{} / {name}:\n  {why}", file.file_name().unwrap_or_default().to_string_lossy()));
            }
        }
    }
    assert!(total > 0, "no conformance cases found");
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{total} conformance cases passed");
}
