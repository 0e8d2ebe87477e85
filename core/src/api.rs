//! The registry of JSON functions: for each one its name, a one-line doc, its request and answer
//! types (the JSON Schemas in `schemas/` are generated from them) and its call. Dispatch
//! ([`call_json`]), the schema files, the TypeScript types, the Python binding's decimal typing,
//! the schema tests and the fuzz target all read this one list, so adding a function is one
//! entry here (plus its tests).

use crate::eligibility::EligibilityReport;
use crate::eligibility::{EligibilityRequest, evaluate, evaluate_one, why_not};
use crate::error::{Error, ErrorCode, Errors};
use crate::funding::{AllocationRequest, CounterpartRequest};
use crate::json::{object_from_str, to_value};
use schemars::Schema;
use serde_json::Value;

/// One JSON function of the library.
pub struct Function {
    /// The name callers pass (`classify`, `eligibility`...).
    pub name: &'static str,
    /// What it does, in one line.
    pub doc: &'static str,
    /// The file stem of its request schema in `schemas/` (`classify-request`).
    pub request_schema: &'static str,
    /// The file stem of its answer schema in `schemas/` (`report`).
    pub answer_schema: &'static str,
    call: fn(&str) -> Result<Value, Errors>,
}

impl Function {
    /// Calls the function with a JSON request.
    pub fn call(&self, request: &str) -> Result<Value, Errors> {
        (self.call)(request)
    }
    /// The JSON Schema of the request, generated from its Rust type.
    pub fn request_type(&self) -> Schema {
        types(self.name).map(|t| t.0).unwrap_or_default()
    }
    /// The JSON Schema of the answer, generated from its Rust type.
    pub fn answer_type(&self) -> Schema {
        types(self.name).map(|t| t.1).unwrap_or_default()
    }
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function").field("name", &self.name).field("doc", &self.doc).finish()
    }
}

/// One entry per function makes both the dispatch table and [`types`]. The schema generators
/// stay out of the table, so a build that only calls functions (the WebAssembly package) does not
/// link schemars' generator; only callers of [`types`] (xtask, tests, the Python binding) do.
macro_rules! registry {
    ($($name:literal: $request:ty as $request_schema:literal => $answer:ty as $answer_schema:literal,
        $doc:literal, $call:expr;)*) => {
        /// Every JSON function, in the order the documentation lists them.
        pub const FUNCTIONS: &[Function] = &[$(Function {
            name: $name,
            doc: $doc,
            request_schema: $request_schema,
            answer_schema: $answer_schema,
            call: $call,
        }),*];

        /// The request and answer JSON Schemas of the function `name`, generated from its types.
        pub fn types(name: &str) -> Option<(Schema, Schema)> {
            match name {
                $($name => Some((schemars::schema_for!($request), schemars::schema_for!($answer))),)*
                _ => None,
            }
        }
    };
}

registry! {
    "classify": crate::ClassifyRequest as "classify-request" => crate::Report as "report",
        "One household (indicators, facts or review scores) → its class with reasons",
        |text| to_value(&crate::request::classify_json(text)?);
    "classify_brief": crate::ClassifyRequest as "classify-request" => crate::brief::Brief<'static> as "brief",
        "One household → its class, deprivations and income per capita, without the reasons (for forms)",
        |text| to_value(&crate::brief::classify_brief_json(text)?);
    "eligibility": EligibilityRequest as "eligibility-request" => EligibilityReport as "eligibility-report",
        "A beneficiary → every catalog entry's decision, with reasons and entitlements",
        |text| to_value(&evaluate(&object_from_str::<EligibilityRequest>(text)?)?);
    "eligibility_one": EligibilityRequest as "eligibility-request" => EligibilityReport as "eligibility-report",
        "A beneficiary and a `program` → that entry's decision",
        |text| to_value(&evaluate_one(&object_from_str::<EligibilityRequest>(text)?)?);
    "why_not": EligibilityRequest as "eligibility-request" => EligibilityReport as "eligibility-report",
        "A beneficiary and a `program` → only the conditions that failed or are missing",
        |text| to_value(&why_not(&object_from_str::<EligibilityRequest>(text)?)?);
    "eligibility_catalog": crate::eligibility::CatalogRequest as "catalog-request" => crate::eligibility::CatalogOnDate as "catalog-on-date",
        "A date (and optionally a catalog id) → the entries and versions in force that day, with their sources",
        |text| to_value(&crate::eligibility::catalog_on(&object_from_str::<crate::eligibility::CatalogRequest>(text)?)?);
    "check_plan": crate::funding::CheckPlanRequest as "check-plan-request" => crate::funding::PlanCheck as "plan-check",
        "A funding plan, or `plan_id` of an embedded one → the sums that do not add up, to the đồng",
        |text| to_value(&crate::funding::check_plan_request(&crate::funding::CheckPlanRequest::from_json(text)?)?);
    "allocate": AllocationRequest as "allocation-request" => crate::funding::Allocation<'static> as "allocation",
        "A pool, criteria and units → each unit's share and amount, explained",
        |text| {
            let request = object_from_str::<AllocationRequest>(text)?;
            let mut allocation = crate::funding::allocate_request(&request)?;
            allocation.explain();
            to_value(&allocation)
        };
    "counterpart_ratio": CounterpartRequest as "counterpart-request" => crate::funding::CounterpartRatio as "counterpart-ratio",
        "A place, year and program → the minimum local counterpart ratio",
        |text| to_value(&crate::funding::counterpart_ratio(&object_from_str::<CounterpartRequest>(text)?)?);
    "fact_labels": crate::labels::FactLabelsRequest as "fact-labels-request" => crate::labels::FactLabels as "fact-labels",
        "The bilingual names of the fact values core accepts (water sources, toilets, education...)",
        |text| to_value(&crate::labels::fact_labels_request(&object_from_str::<crate::labels::FactLabelsRequest>(text)?)?);
}

/// Every JSON function.
pub fn functions() -> &'static [Function] {
    FUNCTIONS
}

/// The function with this name, or `function_unknown` listing the names.
pub fn function(name: &str) -> Result<&'static Function, Error> {
    FUNCTIONS.iter().find(|f| f.name == name).ok_or_else(|| {
        let known: Vec<&str> = FUNCTIONS.iter().map(|f| f.name).collect();
        Error::new(
            ErrorCode::FunctionUnknown,
            "",
            format!("Không có hàm '{name}'. Các hàm: {}.", known.join(", ")),
            format!("No function '{name}'. Functions: {}.", known.join(", ")),
        )
    })
}

/// Calls `function` with a JSON `request`.
pub fn call_json(function_name: &str, request: &str) -> Result<Value, Errors> {
    function(function_name)?.call(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_entry_answers() {
        let mut names: Vec<&str> = FUNCTIONS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FUNCTIONS.len());
        for f in FUNCTIONS {
            // An empty object is never a panic: a typed answer or typed errors.
            let _ = f.call("{}");
            assert!(types(f.name).is_some(), "{} has no schemas", f.name);
            assert!(f.request_type().as_object().is_some() && f.answer_type().as_object().is_some());
        }
        assert!(call_json("no_such", "{}").is_err_and(|e| e.first().code == ErrorCode::FunctionUnknown));
    }
}
