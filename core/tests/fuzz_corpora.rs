//! Replays every saved input of the fuzz targets through the same invariant checks as the targets
//! (`giamngheo::fuzzing`), on stable Rust, so that every input a fuzzer ever kept stays answered
//! without a panic:
//!
//! - `core/fuzz/regressions/<target>/`: the named inputs, tracked one file each: `regression-*`
//!   once broke an invariant, `seed-*` covers one kind of input;
//! - `core/fuzz/corpus.tar.gz`: the whole grown corpus, one entry `<target>/<name>` per input,
//!   read here in memory (nothing is written). `make fuzz` unpacks it into the ignored
//!   `core/fuzz/target/corpus/`, grows and minimises it there and packs it again.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The inputs of one target: where each comes from, and its bytes.
type Inputs = Vec<(String, Vec<u8>)>;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The fuzz targets, from `core/fuzz/fuzz_targets/<target>.rs`.
fn targets() -> Vec<String> {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".rs").map(String::from))
        .collect();
    names.sort();
    names
}

/// Every input of the archive, by target, in archive order: read once for all the tests.
fn archive() -> &'static BTreeMap<String, Inputs> {
    static ARCHIVE: OnceLock<BTreeMap<String, Inputs>> = OnceLock::new();
    ARCHIVE.get_or_init(read_archive)
}

fn read_archive() -> BTreeMap<String, Inputs> {
    let path = fuzz_dir().join("corpus.tar.gz");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: BTreeMap<String, Inputs> = BTreeMap::new();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let Some((target, _)) = name.split_once('/') else { panic!("{name}: not <target>/<input>") };
        let target = target.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.entry(target).or_default().push((format!("corpus.tar.gz:{name}"), data));
    }
    out
}

/// The named inputs of `core/fuzz/regressions/<target>/`.
fn regressions(target: &str) -> Inputs {
    let dir = fuzz_dir().join("regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// Runs `check` on every saved input of `target`; a broken invariant names the input.
fn replay(target: &str, check: fn(&[u8])) {
    let named = regressions(target);
    let grown = archive().get(target).map_or(&[][..], Vec::as_slice);
    assert!(!named.is_empty(), "no regression inputs or seeds for {target}");
    assert!(!grown.is_empty(), "no {target} inputs in core/fuzz/corpus.tar.gz");
    for (name, data) in named.iter().chain(grown) {
        if std::panic::catch_unwind(|| check(data)).is_err() {
            panic!("{name}: an invariant broke on this input (the message is above)");
        }
    }
    println!("{target}: replayed {} named inputs and {} corpus inputs", named.len(), grown.len());
}

fn utf8(check: fn(&str), data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
}

#[test]
fn classify_json_corpus() {
    replay("classify_json", |data| utf8(giamngheo::fuzzing::classify_json, data));
}

#[test]
fn call_json_corpus() {
    replay("call_json", giamngheo::fuzzing::call_json);
}

#[test]
fn standard_json_corpus() {
    replay("standard_json", |data| utf8(giamngheo::fuzzing::standard_json, data));
}

#[test]
fn batch_corpus() {
    replay("batch", giamngheo::fuzzing::batch);
}

/// Every target has its saved inputs and its test above; the archive holds nothing else.
#[test]
fn every_target_is_replayed() {
    let targets = targets();
    assert_eq!(targets, ["batch", "call_json", "classify_json", "standard_json"], "a target without a replay test");
    let archive = archive();
    assert_eq!(archive.keys().collect::<Vec<_>>(), targets.iter().collect::<Vec<_>>(), "archive directories");
    for (target, inputs) in archive {
        let names: Vec<&str> = inputs.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.is_sorted(), "{target}: the archive is not in packing order (pack it with xtask)");
    }
}
