//! The error catalog: every error code with its meaning, an example input and the messages the
//! library gives for it, written from the code and the conformance cases into
//! `core/docs/error-catalog.md`.

use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch};
use giamngheo::stats::{AlkireFosterOptions, StatsInput, statistics};
use giamngheo::{Error, ErrorCode, error::ALL_CODES};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

struct Example {
    source: String,
    call: String,
    error: Error,
}

fn meanings() -> BTreeMap<String, String> {
    let schema = serde_json::to_value(schemars::schema_for!(ErrorCode)).unwrap_or_default();
    schema["oneOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v["const"].as_str()?.to_string(), v["description"].as_str()?.to_string())))
        .collect()
}

fn short(v: &str) -> String {
    if v.chars().count() > 300 { format!("{}…", v.chars().take(300).collect::<String>()) } else { v.to_string() }
}

/// The first conformance case that gets each code, run again to show the messages.
fn from_conformance(root: &Path, found: &mut HashMap<ErrorCode, Example>) -> Result<(), String> {
    let dir = root.join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        // Batch cases (rows of a table, not a JSON request) are run by core/tests/batch_conformance.rs.
        if doc["kind"].as_str() == Some("batch") {
            continue;
        }
        for case in doc["cases"].as_array().into_iter().flatten() {
            if case.get("standard_file").is_some() || case["expect"].get("errors").is_none() {
                continue;
            }
            let function = case["function"].as_str().or(doc["function"].as_str()).unwrap_or("classify");
            let text = match &case["request"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if let Err(errors) = giamngheo::call_json(function, &text) {
                for e in errors.into_vec() {
                    found.entry(e.code).or_insert_with(|| Example {
                        source: format!("tests/conformance/{name}, case `{}`", case["name"].as_str().unwrap_or("")),
                        call: format!("`{function}` with `{}`", short(&text)),
                        error: e,
                    });
                }
            }
        }
    }
    Ok(())
}

/// Codes that only the Rust API (parameter files, columns, statistics options) can give.
fn from_rust_api(found: &mut HashMap<ErrorCode, Example>) {
    let mut add = |call: &str, errors: Vec<Error>| {
        for e in errors {
            found.entry(e.code).or_insert_with(|| Example {
                source: "xtask/src/catalog.rs".into(),
                call: call.to_string(),
                error: e,
            });
        }
    };
    let qd59 = include_str!("../../core/data/standards/qd59-2015.json");
    let broken = qd59.replacen("\"value\": \"1000000\"", "\"value\": \"600000\"", 1);
    if let Err(e) = giamngheo::Standard::from_json(&broken) {
        add(
            "`Standard::from_json` of QĐ 59/2015's file with a rural near-poor line of 600000, below the poor line",
            e.into_vec(),
        );
    }
    if let Ok(s) = giamngheo::standard_by_id("qd59-2015") {
        let input = BatchInput::new(&[2, 2], Incomes::Dong(&[1]), Deprivations::Mask(&[0, 0]));
        if let Err(e) = classify_batch(s, &input, OnError::Collect) {
            add("`classify_batch` with 2 area codes and 1 income", e.into_vec());
        }
        let cols: Vec<&[bool]> = vec![&[false]; 9];
        let input = BatchInput::new(&[2], Incomes::Dong(&[1]), Deprivations::Bools(&cols));
        if let Err(e) = classify_batch(s, &input, OnError::Collect) {
            add("`classify_batch` with 9 indicator columns under QĐ 59/2015 (10 indicators)", e.into_vec());
        }
        let mut bytes: Vec<Vec<u8>> = vec![vec![0]; 10];
        bytes[7][0] = 2;
        let refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        let input = BatchInput::new(&[2], Incomes::Dong(&[800_000]), Deprivations::Bytes(&refs));
        if let Ok(out) = classify_batch(s, &input, OnError::Collect) {
            add("`classify_batch` with a 2 in indicator column 7", out.errors.into_iter().map(|r| r.error).collect());
        }
        let present: Vec<&str> = ["area", "income"]
            .into_iter()
            .chain(s.indicators.iter().map(|i| i.id.as_str()).filter(|id| *id != "sanitation"))
            .collect();
        add(
            "`classify_frame` (or `batch::column_missing`) with a QĐ 59/2015 table without its `sanitation` column",
            vec![giamngheo::batch::column_missing("sanitation", &present)],
        );
        let stats = StatsInput { class: &[1], deprivations: Deprivations::Mask(&[0]), weights: None, groups: None };
        let options = AlkireFosterOptions { cutoff: rust_decimal::Decimal::ZERO.into(), weights: None };
        if let Err(e) = statistics(s, &stats, Some(&options)) {
            add("`statistics` with an Alkire-Foster cutoff k = 0", e.into_vec());
        }
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The catalog as Markdown.
pub fn render(root: &Path) -> Result<String, String> {
    let meanings = meanings();
    let mut found = HashMap::new();
    from_conformance(root, &mut found)?;
    from_rust_api(&mut found);
    let mut out = String::new();
    let _ = writeln!(out, "# Error catalog\n");
    let _ = writeln!(
        out,
        "Generated by `cargo run -p xtask -- error-catalog` from the code (`core/src/error.rs`) and the conformance cases; `make test` fails when it is stale. \
         Every error has a stable `code`, a JSON pointer `path` to the field (`/<column>/<row>` in a batch) and a `message` in Vietnamese (`vi`) and English (`en`). \
         Python raises them as `giamngheo.ValidationError` (`.errors()`); JavaScript returns them as `{{ ok: false, errors }}`.\n"
    );
    let _ = writeln!(out, "| code | meaning | example |\n|---|---|---|");
    for code in ALL_CODES {
        let example = found.get(code).map_or("—".to_string(), |_| format!("[below](#{})", code.as_str()));
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            code,
            cell(meanings.get(code.as_str()).map_or("", String::as_str)),
            example
        );
    }
    for code in ALL_CODES {
        let _ = writeln!(out, "\n## {code}\n");
        let _ = writeln!(out, "{}\n", meanings.get(code.as_str()).map_or("", String::as_str));
        match found.get(code) {
            None => {
                let _ = writeln!(out, "No example: no conformance case or API example gives this code yet.");
            }
            Some(e) => {
                let _ = writeln!(out, "- example: {} ({})", e.call, e.source);
                let _ = writeln!(out, "- path: `{}`", e.error.path);
                let _ = writeln!(out, "- vi: {}", e.error.message.vi);
                let _ = writeln!(out, "- en: {}", e.error.message.en);
            }
        }
    }
    Ok(out)
}
