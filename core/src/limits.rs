//! Sizes that protect a browser tab and a server from inputs no survey or form needs. Each is
//! answered with the typed error `limit_exceeded`, never a crash or a hang. Batches have no row
//! limit: their memory is the caller's own columns.

use crate::error::{Error, ErrorCode};

/// A JSON request or parameter file, in bytes (4 MiB).
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// One JSON string (a name, an id, an address...), in bytes.
pub const MAX_STRING_BYTES: usize = 10_000;
/// Nesting of JSON objects and arrays (serde_json's own limit).
pub const MAX_DEPTH: usize = 128;
/// Members of one household.
pub const MAX_MEMBERS: usize = 100;
/// Units in one allocation (Vietnam has about 10.000 communes).
pub const MAX_UNITS: usize = 100_000;

pub(crate) fn exceeded(path: &str, what_vi: &str, what_en: &str, limit: usize, got: usize) -> Error {
    Error::new(
        ErrorCode::LimitExceeded,
        path,
        format!("{what_vi} vượt giới hạn {limit} (nhận được {got})."),
        format!("{what_en} exceeds the limit of {limit} (got {got})."),
    )
}

/// The size checks made on JSON text before it is parsed: the whole text, and each string in it.
pub(crate) fn check_text(text: &str) -> Result<(), Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(exceeded("", "Kích thước JSON (byte)", "The JSON text (bytes)", MAX_INPUT_BYTES, text.len()));
    }
    // One pass over the bytes: the length of each string literal, escapes included.
    let (mut in_string, mut escaped, mut run) = (false, false, 0usize);
    for &b in text.as_bytes() {
        if in_string {
            run += 1;
            if run > MAX_STRING_BYTES {
                return Err(exceeded("", "Một chuỗi JSON (byte)", "A JSON string (bytes)", MAX_STRING_BYTES, run));
            }
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                run = 0;
            }
        } else if b == b'"' {
            in_string = true;
        }
    }
    Ok(())
}
