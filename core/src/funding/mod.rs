//! Funding plans and allocation (in progress).

use crate::error::Errors;
use serde_json::Value;

/// The JSON functions of this module; `None` for a name it does not own.
pub(crate) fn call_json(_function: &str, _request: &str) -> Option<Result<Value, Errors>> {
    None
}
