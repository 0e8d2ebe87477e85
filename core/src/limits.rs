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
    let bytes = text.as_bytes();
    let (mut in_string, mut escaped, mut start) = (false, false, 0usize);
    // The last key seen (a string followed by ':'), to name the field of a long value.
    let (mut last_string, mut key) = ((0usize, 0usize), None::<(usize, usize)>);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if i - start > MAX_STRING_BYTES {
                return Err(long_string(text, start, key));
            }
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                last_string = (start, i);
            }
        } else if b == b'"' {
            in_string = true;
            start = i + 1;
        } else if b == b':' {
            key = Some(last_string);
        }
    }
    Ok(())
}

/// The error for the string starting at byte `start`: its whole length, its first characters
/// and the field it is the value of, so that the message says which one it is.
fn long_string(text: &str, start: usize, key: Option<(usize, usize)>) -> Error {
    let rest = text.get(start..).unwrap_or_default();
    let (mut escaped, mut len) = (false, rest.len());
    for (i, b) in rest.bytes().enumerate() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            len = i;
            break;
        }
    }
    let shown = crate::text::quote(rest.get(..len.min(200)).unwrap_or_default());
    let field = key.and_then(|(a, b)| text.get(a..b)).map(crate::text::quote);
    let (in_vi, in_en) = match &field {
        Some(f) => (format!(" ở trường '{f}'"), format!(" in field '{f}'")),
        None => (String::new(), String::new()),
    };
    Error::new(
        ErrorCode::LimitExceeded,
        "",
        format!("Chuỗi JSON '{shown}'{in_vi} dài {len} byte, vượt giới hạn {MAX_STRING_BYTES} byte."),
        format!("The JSON string '{shown}'{in_en} is {len} bytes long, over the limit of {MAX_STRING_BYTES} bytes."),
    )
}
