//! The embedded data files of the funding module (plans, coefficient sets, unit sets): parsed
//! once, with the same checks as a caller's own files, and found by id.

use crate::error::{Error, ErrorCode, Errors};
use std::sync::OnceLock;

/// Parses `files` (name, JSON text) once into `cell`; a file that fails is an error under
/// `/embedded/<name>`.
pub(crate) fn load<T>(
    cell: &'static OnceLock<Result<Vec<T>, Errors>>,
    files: &[(&str, &str)],
    parse: fn(&str) -> Result<T, Errors>,
) -> Result<&'static [T], Errors> {
    cell.get_or_init(|| {
        files.iter().map(|(name, text)| parse(text).map_err(|e| e.under(&format!("/embedded/{name}")))).collect()
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(Clone::clone)
}

/// The item of `all` with this id, or an error at `path` listing the ids there are.
pub(crate) fn by_id<'a, T>(
    all: &'a [T],
    id: &str,
    id_of: fn(&T) -> &str,
    path: &str,
    (what_vi, what_en): (&str, &str),
) -> Result<&'a T, Errors> {
    all.iter().find(|x| id_of(x) == id).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(id_of).collect();
        Errors::from(Error::new(
            ErrorCode::FundingInvalid,
            path,
            format!("Không có {what_vi} '{id}'. Có: {}.", known.join(", ")),
            format!("No {what_en} '{id}'. Available: {}.", known.join(", ")),
        ))
    })
}
