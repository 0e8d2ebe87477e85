//! The fuzz corpus archive `core/fuzz/corpus.tar.gz`: the whole grown corpus of every target in
//! one tracked file (entries `<target>/<input>`), replayed in memory by core/tests/fuzz_corpora.rs.
//! `make fuzz` unpacks it into the ignored `core/fuzz/target/corpus/<target>/`, fuzzes and
//! minimises there, then packs it again. Packing is deterministic (entries sorted by name, mtime
//! 0, owner 0, mode 0644, no name or time in the gzip header): the same inputs give the same bytes,
//! so an unchanged corpus leaves the archive unchanged in git.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The names of the JSON functions, for the fuzz dictionary: the `call_json` target reads its
/// function by name (`<name>\n<request>`).
pub fn function_names() -> Vec<&'static str> {
    giamngheo::api::functions().iter().map(|f| f.name).collect()
}

fn fuzz_dir() -> PathBuf {
    super::root().join("core/fuzz")
}

/// A path as the repository names it (`core/fuzz/...`), for messages.
fn shown(path: &Path) -> String {
    let root = super::root();
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}

fn archive_path() -> PathBuf {
    fuzz_dir().join("corpus.tar.gz")
}

fn corpus_dir() -> PathBuf {
    fuzz_dir().join("target/corpus")
}

/// The fuzz targets, from `core/fuzz/fuzz_targets/<target>.rs`, sorted.
fn targets() -> Result<Vec<String>, String> {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".rs").map(String::from))
        .collect();
    names.sort();
    Ok(names)
}

/// A file name libFuzzer or this tool could have written: no separator, no dot file.
fn plain(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

/// `fuzz-corpus unpack`: every input of the archive into `core/fuzz/target/corpus/<target>/`,
/// added to what is there (what a stopped run grew stays, for the next pack).
fn unpack() -> Result<(), String> {
    let path = archive_path();
    let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let targets = targets()?;
    for target in &targets {
        let dir = corpus_dir().join(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut count = 0usize;
    for entry in archive.entries().map_err(|e| format!("{}: {e}", path.display()))? {
        let mut entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry.path().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
        let (target, input) = name.split_once('/').ok_or_else(|| format!("{name}: not <target>/<input>"))?;
        if !targets.iter().any(|t| t == target) || !plain(input) {
            return Err(format!("{}: unexpected entry {name}", path.display()));
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| format!("{name}: {e}"))?;
        let out = corpus_dir().join(target).join(input);
        std::fs::write(&out, data).map_err(|e| format!("{}: {e}", out.display()))?;
        count += 1;
    }
    println!("unpacked {count} inputs of {} into {}", shown(&path), shown(&corpus_dir()));
    Ok(())
}

/// `fuzz-corpus pack`: `core/fuzz/target/corpus/<target>/` of every target into the archive.
fn pack() -> Result<(), String> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut summary = Vec::new();
    for target in targets()? {
        let dir = corpus_dir().join(&target);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e} (run `fuzz-corpus unpack` first)", dir.display()))?
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter(|n| plain(n))
            .collect();
        if names.is_empty() {
            return Err(format!("{}: no inputs; refusing to pack an empty corpus", dir.display()));
        }
        names.sort();
        for name in &names {
            let path = dir.join(name);
            let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            append(&mut builder, &format!("{target}/{name}"), &data)?;
        }
        summary.push(format!("{target} {}", names.len()));
    }
    let tar = builder.into_inner().map_err(|e| e.to_string())?;
    let mut gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    gz.write_all(&tar).map_err(|e| e.to_string())?;
    let bytes = gz.finish().map_err(|e| e.to_string())?;
    let path = archive_path();
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("packed {} ({} bytes): {}", shown(&path), bytes.len(), summary.join(", "));
    Ok(())
}

/// One regular file with a fixed header: only the name, size and content vary.
fn append(builder: &mut tar::Builder<Vec<u8>>, name: &str, data: &[u8]) -> Result<(), String> {
    let mut header = tar::Header::new_ustar();
    header.set_entry_type(tar::EntryType::Regular);
    header.set_size(data.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    builder.append_data(&mut header, Path::new(name), data).map_err(|e| format!("{name}: {e}"))
}

/// `cargo run -p xtask -- fuzz-corpus <unpack|pack>`.
pub fn fuzz_corpus(action: Option<String>) -> Result<(), String> {
    match action.as_deref() {
        Some("unpack") => unpack(),
        Some("pack") => pack(),
        _ => Err("usage: cargo run -p xtask -- fuzz-corpus <unpack|pack>".to_string()),
    }
}
