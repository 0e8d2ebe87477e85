//! The committed JSON Schemas agree with the code: every embedded parameter file validates
//! against `standard.schema.json`, every conformance request against `classify-request`, and
//! every report the library writes against `report.schema.json`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = root().join("schemas").join(format!("{name}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match its schema:\n  {}", errors.join("\n  "));
}

#[test]
fn embedded_standards_match_the_standard_schema() {
    let dir = root().join("core/data/standards");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // Beside the parameter files: the gaps and the review procedures, each with its schema.
        let schema = match name.as_str() {
            "gaps.json" => "gaps",
            "reviews.json" => "review-rules",
            _ => {
                n += 1;
                "standard"
            }
        };
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_valid(&validator(schema), &doc, &path.display().to_string());
    }
    assert_eq!(n, giamngheo::standards().unwrap().len());
}

/// The request and output schemas of each JSON function, from the registry.
fn schemas_of(function: &str) -> Option<(&'static str, &'static str)> {
    giamngheo::api::function(function).ok().map(|f| (f.request_schema, f.answer_schema))
}

#[test]
fn conformance_requests_and_outputs_match_their_schemas() {
    let errors = validator("errors");
    let mut cache = std::collections::HashMap::new();
    let dir = root().join("tests/conformance");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        // Tables of rows (tests/batch_conformance.rs), not JSON requests.
        if doc["kind"].as_str() == Some("batch") {
            continue;
        }
        for case in doc["cases"].as_array().unwrap() {
            if case.get("standard_file").is_some() {
                continue;
            }
            let function = case["function"].as_str().or(doc["function"].as_str()).unwrap_or("classify");
            let Some((request_schema, output_schema)) = schemas_of(function) else { continue };
            let text = match &case["request"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let name = case["name"].as_str().unwrap();
            match giamngheo::call_json(function, &text) {
                Ok(out) => {
                    let request_v = cache.entry(request_schema).or_insert_with(|| validator(request_schema));
                    assert_valid(request_v, &case["request"], name);
                    let output_v = cache.entry(output_schema).or_insert_with(|| validator(output_schema));
                    assert_valid(output_v, &out, name);
                }
                Err(e) => assert_valid(&errors, &serde_json::to_value(&e).unwrap(), name),
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} cases checked");
}

#[test]
fn the_embedded_eligibility_catalogs_match_their_schemas() {
    let catalogs = [
        ("general-policies.json", include_str!("../data/eligibility/general-policies.json")),
        ("program-2016-2020.json", include_str!("../data/eligibility/program-2016-2020.json")),
        ("program-2021-2025.json", include_str!("../data/eligibility/program-2021-2025.json")),
        ("program-2026-2030.json", include_str!("../data/eligibility/program-2026-2030.json")),
    ];
    for (file, text) in catalogs {
        let doc: Value = serde_json::from_str(text).unwrap();
        assert_valid(&validator("eligibility-catalog"), &doc, file);
    }
    let facts: Value = serde_json::from_str(include_str!("../data/eligibility/facts.json")).unwrap();
    assert_valid(&validator("eligibility-facts"), &facts, "facts.json");
}

#[test]
fn the_schemas_reject_what_the_library_rejects() {
    let request = validator("classify-request");
    for bad in [
        serde_json::json!({ "area": "mountain" }),
        serde_json::json!({ "area": "rural", "income": { "monthly_per_capita": true } }),
        serde_json::json!({ "area": "rural", "date": "30/06/2018" }),
        serde_json::json!({ "area": "rural", "houshold": 1 }),
    ] {
        assert!(!request.is_valid(&bad), "schema accepts {bad}");
        assert!(giamngheo::classify_json(&bad.to_string()).is_err());
    }
    let standard = validator("standard");
    assert!(!standard.is_valid(&serde_json::json!({ "id": "x", "shape": "three_tier" })));
}
