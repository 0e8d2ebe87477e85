//! The README's Rust blocks, compiled against this crate and run, exactly as written.
//!
//! `tests/readme/snippets.py` finds the blocks (the one extractor of every language, with the
//! README's skip markers); each block becomes the body of
//! `fn main() -> Result<(), Box<dyn std::error::Error>>` (so `?` works, as in a doc-test), is
//! compiled by `rustc` against the crate's rlib, which `cargo build -p giamngheo --lib` names
//! (`--message-format=json`), and run, unless its fence says `rust,no_run` (compiled only: for
//! a block that needs files or a network) or `rust,ignore`. Needs `python3` (or `$PYTHON3`).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crates a README block may name besides `giamngheo` (direct dependencies of the crate).
const EXTERNS: &[&str] = &["giamngheo", "rust_decimal", "serde", "serde_json"];

struct Block {
    label: String,
    line: u64,
    code: String,
    attributes: Vec<String>,
    skip: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn rust_blocks() -> Vec<Block> {
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .args(["tests/readme/snippets.py", "json", "--lang", "rust"])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| {
            panic!("{python} tests/readme/snippets.py: {e} (python3 is needed to read the README's blocks)")
        });
    assert!(out.status.success(), "snippets.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let blocks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("snippets.py json");
    blocks
        .into_iter()
        .map(|b| Block {
            label: b["label"].as_str().unwrap().to_owned(),
            line: b["line"].as_u64().unwrap(),
            code: b["code"].as_str().unwrap().to_owned(),
            attributes: b["attributes"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect(),
            skip: b["skip"].as_str().map(str::to_owned),
        })
        .collect()
}

/// The rlib of each crate in `EXTERNS`, as cargo builds them for this crate's own lib target
/// (with the features `cargo test` gives it, so nothing is rebuilt).
fn externs() -> BTreeMap<String, PathBuf> {
    let cargo = env!("CARGO");
    let mut cmd = Command::new(cargo);
    cmd.args([
        "build",
        "--quiet",
        "-p",
        "giamngheo",
        "--lib",
        "--features",
        "fuzzing,parallel",
        "--message-format=json",
    ])
    .current_dir(root());
    let out = cmd.output().unwrap_or_else(|e| panic!("{cargo} build: {e}"));
    assert!(out.status.success(), "cargo build -p giamngheo failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut found = BTreeMap::new();
    for line in out.stdout.lines() {
        let msg: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        let name = msg["target"]["name"].as_str().unwrap_or_default().replace('-', "_");
        if !EXTERNS.contains(&name.as_str())
            || !msg["target"]["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "lib"))
        {
            continue;
        }
        // The rlib in deps/ (beside its dependencies), not the copy cargo puts in target/debug/
        // (which the last build of any feature set overwrites): the .rmeta's twin.
        let files: Vec<PathBuf> =
            msg["filenames"].as_array().unwrap().iter().filter_map(|f| f.as_str()).map(PathBuf::from).collect();
        let in_deps =
            files.iter().find(|f| f.extension().is_some_and(|e| e == "rmeta")).map(|f| f.with_extension("rlib"));
        let rlib = in_deps
            .filter(|f| f.exists())
            .or_else(|| files.iter().find(|f| f.extension().is_some_and(|e| e == "rlib")).cloned());
        if let Some(rlib) = rlib {
            found.insert(name, rlib);
        }
    }
    assert!(found.contains_key("giamngheo"), "cargo named no giamngheo rlib");
    found
}

fn program(block: &Block) -> String {
    if block.code.contains("fn main(") {
        return format!("// {} (as written)\n{}", block.label, block.code);
    }
    let body: String = block.code.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "// {} in fn main (written by core/tests/readme.rs)\n#![allow(unused)]\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{body}    Ok(())\n}}\n",
        block.label
    )
}

#[test]
fn readme_rust_blocks_compile_and_run() {
    let blocks = rust_blocks();
    assert!(!blocks.is_empty(), "no Rust block in README.md");
    let externs = externs();
    let deps = externs["rust_decimal"].parent().unwrap().to_path_buf(); // target/<profile>/deps
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let dir = std::env::temp_dir().join(format!("giamngheo-readme-rust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut ran, mut compiled, mut skipped, mut failures) = (0, 0, Vec::new(), Vec::new());
    for block in &blocks {
        if let Some(reason) = block.skip.as_ref() {
            skipped.push(format!("{}: {reason}", block.label));
            continue;
        }
        let source = dir.join(format!("readme_line_{}.rs", block.line));
        let exe = dir.join(format!("readme_line_{}", block.line));
        std::fs::write(&source, program(block)).unwrap();
        let mut cmd = Command::new(&rustc);
        cmd.args(["--edition", "2024", "--crate-type", "bin", "-C", "debuginfo=0", "-o"])
            .arg(&exe)
            .arg("-L")
            .arg(format!("dependency={}", deps.display()));
        for (name, rlib) in &externs {
            cmd.arg("--extern").arg(format!("{name}={}", rlib.display()));
        }
        let out = cmd.arg(&source).output().unwrap_or_else(|e| panic!("{rustc}: {e}"));
        if !out.status.success() {
            failures.push(format!("{} does not compile:\n{}", block.label, String::from_utf8_lossy(&out.stderr)));
            continue;
        }
        compiled += 1;
        if block.attributes.iter().any(|a| a == "no_run") {
            continue;
        }
        let run = Command::new(&exe).current_dir(root()).output().unwrap();
        if run.status.success() {
            ran += 1;
        } else {
            failures.push(format!(
                "{} fails when run ({}):\n{}{}",
                block.label,
                run.status,
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    for s in &skipped {
        println!("skipped {s}");
    }
    println!(
        "README Rust blocks: {compiled} compiled, {ran} run, {} skipped, {} failed",
        skipped.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
