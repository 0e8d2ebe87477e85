//! Replays the fuzz corpora saved in `core/fuzz/corpus/` (seeded from the conformance cases and
//! grown by `make fuzz`) through the same invariant checks as the fuzz targets, on stable Rust,
//! so that every input the fuzzers ever kept stays answered without a panic.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

#[test]
fn classify_json_corpus() {
    for (_, data) in corpus("classify_json") {
        if let Ok(text) = std::str::from_utf8(&data) {
            giamngheo::fuzzing::classify_json(text);
        }
    }
}

#[test]
fn call_json_corpus() {
    for (_, data) in corpus("call_json") {
        giamngheo::fuzzing::call_json(&data);
    }
}

#[test]
fn standard_json_corpus() {
    for (_, data) in corpus("standard_json") {
        if let Ok(text) = std::str::from_utf8(&data) {
            giamngheo::fuzzing::standard_json(text);
        }
    }
}

#[test]
fn batch_corpus() {
    for (_, data) in corpus("batch") {
        giamngheo::fuzzing::batch(&data);
    }
}
