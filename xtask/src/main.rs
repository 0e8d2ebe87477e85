//! Project tasks: `cargo run -p xtask -- schemas` writes the JSON Schemas in `schemas/`;
//! `cargo run -p xtask -- check-schemas` fails when the committed ones differ from fresh ones.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    use giamngheo::*;
    vec![
        ("classify-request", schemars::schema_for!(ClassifyRequest)),
        ("report", schemars::schema_for!(Report)),
        ("errors", schemars::schema_for!(Errors)),
        ("standard", schemars::schema_for!(Standard)),
        ("gaps", schemars::schema_for!(Vec<standard::Gap>)),
    ]
}

fn render(schema: &schemars::Schema) -> Result<String, String> {
    serde_json::to_string_pretty(schema).map(|s| s + "\n").map_err(|e| e.to_string())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write_schemas() -> Result<(), String> {
    let dir = root().join("schemas");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (name, schema) in schemas() {
        let path = dir.join(format!("{name}.schema.json"));
        std::fs::write(&path, render(&schema)?).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn check_schemas() -> Result<(), String> {
    let dir = root().join("schemas");
    let mut stale = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(format!("{name}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != render(&schema)? {
            stale.push(path.display().to_string());
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

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "schemas" => write_schemas(),
        "check-schemas" => check_schemas(),
        _ => Err("usage: cargo run -p xtask -- <schemas|check-schemas>".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
