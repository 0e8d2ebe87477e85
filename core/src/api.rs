//! One JSON door to every rule: a function name and a JSON request in, a JSON value or typed
//! errors out. The bindings expose it as is, and the conformance suite in `tests/` drives every
//! language through it, so all of them run the very same cases.

use crate::error::{Error, ErrorCode, Errors};
use serde::Serialize;
use serde_json::Value;

/// The functions [`call_json`] knows, with what each takes and gives.
pub const FUNCTIONS: &[(&str, &str)] = &[
    ("classify", "ClassifyRequest → Report (schemas/classify-request, schemas/report)"),
    ("eligibility", "EligibilityRequest → every catalog entry's decision"),
    ("eligibility_one", "EligibilityRequest with `program` → one decision"),
    ("why_not", "EligibilityRequest with `program` → the failed and missing conditions"),
    ("check_plan", "FundingPlan → the sums that do not add up"),
    ("allocate", "AllocationRequest → each unit's share and amount"),
    ("counterpart_ratio", "CounterpartRequest → the minimum local counterpart"),
];

pub(crate) fn to_value<T: Serialize>(value: &T) -> Result<Value, Errors> {
    serde_json::to_value(value).map_err(|e| {
        Errors::from(Error::new(
            ErrorCode::TypeInvalid,
            "",
            format!("Không chuyển được kết quả sang JSON: {e}"),
            format!("The result could not be written as JSON: {e}"),
        ))
    })
}

/// Calls `function` with a JSON `request`.
pub fn call_json(function: &str, request: &str) -> Result<Value, Errors> {
    if function == "classify" {
        return crate::request::classify_json(request).and_then(|r| to_value(&r));
    }
    if let Some(result) = crate::eligibility::call_json(function, request) {
        return result;
    }
    if let Some(result) = crate::funding::call_json(function, request) {
        return result;
    }
    let known: Vec<&str> = FUNCTIONS.iter().map(|f| f.0).collect();
    Err(Error::new(
        ErrorCode::FunctionUnknown,
        "",
        format!("Không có hàm '{function}'. Các hàm: {}.", known.join(", ")),
        format!("No function '{function}'. Functions: {}.", known.join(", ")),
    )
    .into())
}
