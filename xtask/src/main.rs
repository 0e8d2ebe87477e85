//! Project tasks: `cargo run -p xtask -- schemas` writes the JSON Schemas in `schemas/`;
//! `cargo run -p xtask -- check-schemas` fails when the committed ones differ from fresh ones;
//! `error-catalog` / `check-error-catalog` do the same for `core/docs/error-catalog.md`;
//! `fuzz-dict <path>` writes a libFuzzer dictionary of the schemas' field names and enum values;
//! `fuzz-corpus <unpack|pack>` unpacks and packs the fuzz corpus archive (`core/fuzz/corpus.tar.gz`).

mod catalog;
mod fuzz;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn schemas() -> Vec<(String, schemars::Schema)> {
    use giamngheo::*;
    // Each JSON function's request and answer, from the registry (several functions share one).
    let mut out: Vec<(String, schemars::Schema)> = Vec::new();
    for f in api::functions() {
        for (name, schema) in [(f.request_schema, f.request_type()), (f.answer_schema, f.answer_type())] {
            if !out.iter().any(|(n, _)| n == name) {
                out.push((name.to_string(), schema));
            }
        }
    }
    out.extend([
        ("errors".to_string(), schemars::schema_for!(Errors)),
        ("standard".to_string(), schemars::schema_for!(Standard)),
        ("gaps".to_string(), schemars::schema_for!(Vec<standard::Gap>)),
        ("review-rules".to_string(), schemars::schema_for!(review::ReviewRules)),
        ("statistics".to_string(), schemars::schema_for!(stats::Statistics)),
        ("alkire-foster-options".to_string(), schemars::schema_for!(stats::AlkireFosterOptions)),
        ("published-poverty".to_string(), schemars::schema_for!(published::PublishedPoverty)),
        // The format of plan files (check_plan's request is a plan or an embedded plan's id).
        ("funding-plan".to_string(), schemars::schema_for!(funding::FundingPlan)),
        // Core's table models: what `giamngheo::table` lays out for the bindings to render.
        ("tables".to_string(), schemars::schema_for!(table::Tables)),
        ("plan-tables-request".to_string(), schemars::schema_for!(table::PlanTablesRequest)),
        ("tables-request".to_string(), schemars::schema_for!(table::TablesRequest)),
        ("coefficient-set".to_string(), schemars::schema_for!(funding::CoefficientSet)),
        ("unit-set".to_string(), schemars::schema_for!(funding::UnitSet)),
        ("counterpart-rules".to_string(), schemars::schema_for!(funding::CounterpartRules)),
        ("eligibility-catalog".to_string(), schemars::schema_for!(eligibility::Catalog)),
        ("eligibility-facts".to_string(), schemars::schema_for!(eligibility::catalog::FactRegistry)),
        ("districts".to_string(), schemars::schema_for!(eligibility::place::ProvinceDistricts)),
    ]);
    for s in giamngheo::standards().unwrap_or_default() {
        out.push((format!("household-row.{}", s.id), household_row(s)));
    }
    out
}

/// One household as a flat row (a CSV line, a DataFrame row) under standard `s`: the column
/// names the batch readers expect.
fn household_row(s: &giamngheo::Standard) -> schemars::Schema {
    let mut properties = serde_json::Map::new();
    properties.insert(
        "area".into(),
        serde_json::json!({ "description": "rural (nông thôn, code 2) or urban (thành thị, code 1)", "enum": ["rural", "urban", 2, 1, "2", "1"] }),
    );
    properties.insert(
        "income".into(),
        serde_json::json!({ "description": "Monthly income per person in đồng, an exact decimal", "anyOf": [{ "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" }, { "type": "number", "minimum": 0 }] }),
    );
    let mut required = vec![serde_json::json!("area"), serde_json::json!("income")];
    for ind in &s.indicators {
        properties.insert(
            ind.id.clone(),
            serde_json::json!({
                "description": format!("{} {} / {}: 1 when deprived", ind.code, ind.name.vi, ind.name.en),
                "enum": [0, 1, "0", "1", false, true]
            }),
        );
        required.push(serde_json::json!(ind.id));
    }
    properties
        .insert("weight".into(), serde_json::json!({ "description": "Optional survey weight, an exact decimal" }));
    properties.insert("group".into(), serde_json::json!({ "description": "Optional group key: a whole number (district, commune...)", "type": ["integer", "string"] }));
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("Household row under {} ({})", s.document, s.id),
        "type": "object",
        "properties": properties,
        "required": required,
    });
    schemars::Schema::try_from(schema).unwrap_or_default()
}

fn render(schema: &schemars::Schema) -> Result<String, String> {
    serde_json::to_string_pretty(schema).map(|s| s + "\n").map_err(|e| e.to_string())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `schemas/functions.json`: the registry of JSON functions (name, doc, request and answer
/// schema), which the TypeScript generator and the bindings' tests read.
fn functions_json() -> Result<String, String> {
    let list: Vec<serde_json::Value> = giamngheo::api::functions()
        .iter()
        .map(|f| {
            serde_json::json!({ "name": f.name, "doc": f.doc, "request": f.request_schema, "answer": f.answer_schema })
        })
        .collect();
    serde_json::to_string_pretty(&list).map(|s| s + "\n").map_err(|e| e.to_string())
}

/// Every generated file of `schemas/`: its name and its content.
fn generated() -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for (name, schema) in schemas() {
        files.push((format!("{name}.schema.json"), render(&schema)?));
    }
    files.push(("functions.json".to_string(), functions_json()?));
    Ok(files)
}

fn write_schemas() -> Result<(), String> {
    let dir = root().join("schemas");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (name, text) in generated()? {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn check_schemas() -> Result<(), String> {
    let dir = root().join("schemas");
    let mut stale = Vec::new();
    let files = generated()?;
    for (name, text) in &files {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if &committed != text {
            stale.push(path.display().to_string());
        }
    }
    // A file no longer generated (a function or type removed) is stale too.
    for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !files.iter().any(|(n, _)| *n == name) {
            stale.push(format!("{} (no longer generated: delete it)", entry.path().display()));
        }
    }
    if stale.is_empty() {
        println!("schemas are up to date");
        Ok(())
    } else {
        Err(format!(
            "these schemas differ from the code (run `cargo run -p xtask -- schemas` and commit):\n  {}",
            stale.join("\n  ")
        ))
    }
}

fn catalog_path() -> PathBuf {
    root().join("core/docs/error-catalog.md")
}

fn write_error_catalog() -> Result<(), String> {
    let path = catalog_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, catalog::render(&root())?).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn check_error_catalog() -> Result<(), String> {
    let committed = std::fs::read_to_string(catalog_path()).unwrap_or_default();
    if committed == catalog::render(&root())? {
        println!("error catalog is up to date");
        Ok(())
    } else {
        Err("core/docs/error-catalog.md differs from the code (run `cargo run -p xtask -- error-catalog` and commit)"
            .into())
    }
}

/// Every property name and every string in an `enum` or `const` of the schemas, as JSON string
/// tokens in libFuzzer's dictionary format: the fuzzers of the JSON targets then build valid
/// requests in minutes instead of guessing field names byte by byte; and each JSON function's
/// name with its newline, the head of a `call_json` input. Written at fuzz time from the code
/// (never committed), so it cannot drift.
fn write_fuzz_dict(path: Option<String>) -> Result<(), String> {
    fn walk(v: &serde_json::Value, words: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("properties", serde_json::Value::Object(props)) => words.extend(props.keys().cloned()),
                        ("enum", serde_json::Value::Array(items)) => {
                            words.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                        }
                        ("const", serde_json::Value::String(s)) => {
                            words.insert(s.clone());
                        }
                        _ => {}
                    }
                    walk(value, words);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, words)),
            _ => {}
        }
    }
    let path = path.ok_or("usage: cargo run -p xtask -- fuzz-dict <path>")?;
    let mut words = std::collections::BTreeSet::new();
    for (_, schema) in schemas() {
        walk(schema.as_value(), &mut words);
    }
    // The embedded data's keys and identifiers: standard and program ids, fact names, districts.
    fn identifiers(v: &serde_json::Value, words: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => map.iter().for_each(|(key, value)| {
                words.insert(key.clone());
                identifiers(value, words);
            }),
            serde_json::Value::Array(items) => items.iter().for_each(|i| identifiers(i, words)),
            serde_json::Value::String(s) if s.len() <= 40 && !s.contains(' ') => {
                words.insert(s.clone());
            }
            _ => {}
        }
    }
    let data = [
        giamngheo::standards().ok().and_then(|s| serde_json::to_value(s).ok()),
        giamngheo::eligibility::catalogs().ok().and_then(|c| serde_json::to_value(c).ok()),
        giamngheo::eligibility::place::cao_bang_districts().ok().and_then(|d| serde_json::to_value(d).ok()),
    ];
    data.iter().flatten().for_each(|v| identifiers(v, &mut words));
    let mut out = String::from("# Generated by `cargo run -p xtask -- fuzz-dict`: field names and enum values.\n");
    for word in words {
        // A JSON string token, quotes included; bytes outside printable ASCII as \xNN.
        let token = serde_json::to_string(&word).map_err(|e| e.to_string())?;
        let escaped: String = token
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' => format!("\\{}", b as char),
                0x20..=0x7e => (b as char).to_string(),
                _ => format!("\\x{b:02X}"),
            })
            .collect();
        out.push_str(&format!("\"{escaped}\"\n"));
    }
    // The `call_json` target's inputs start with a function name and a newline (raw, unquoted).
    for name in fuzz::function_names() {
        out.push_str(&format!("\"{}\\x0A\"\n", name.escape_default()));
    }
    if let Some(dir) = Path::new(&path).parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, out).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "schemas" => write_schemas(),
        "check-schemas" => check_schemas(),
        "error-catalog" => write_error_catalog(),
        "check-error-catalog" => check_error_catalog(),
        "fuzz-dict" => write_fuzz_dict(std::env::args().nth(2)),
        "fuzz-corpus" => fuzz::fuzz_corpus(std::env::args().nth(2)),
        _ => Err(
            "usage: cargo run -p xtask -- <schemas|check-schemas|error-catalog|check-error-catalog|fuzz-dict <path>|fuzz-corpus <unpack|pack>>"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
