//! The request of `check_plan`: a funding plan, or the id of an embedded one
//! (`{"plan_id": "cao-bang-449-2017"}`).

use super::check::{PlanCheck, check_plan};
use super::plan::{FundingPlan, plans};
use crate::error::{Error, ErrorCode, Errors};
use crate::json::object_from_str;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An embedded plan, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanId {
    /// The id of an embedded plan: `cao-bang-449-2017` (Cao Bằng 449/KH-UBND), `qd1722-2016`...
    /// (see `funding::plans`).
    pub plan_id: String,
}

/// What `check_plan` checks: a plan given in full, or an embedded plan by id.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CheckPlanRequest {
    /// An embedded plan by id (`{"plan_id": "cao-bang-449-2017"}`).
    Embedded(PlanId),
    /// A plan (the format of `schemas/funding-plan.schema.json`).
    Plan(Box<FundingPlan>),
}

/// Only whether the object has a `plan_id` (any other field is ignored here).
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    plan_id: Option<serde::de::IgnoredAny>,
}

impl CheckPlanRequest {
    /// Reads the JSON request: an object with `plan_id` is an embedded plan's id (and nothing
    /// else), any other object a plan.
    pub fn from_json(text: &str) -> Result<CheckPlanRequest, Errors> {
        if object_from_str::<Probe>(text)?.plan_id.is_some() {
            Ok(CheckPlanRequest::Embedded(object_from_str::<PlanId>(text)?))
        } else {
            Ok(CheckPlanRequest::Plan(Box::new(object_from_str::<FundingPlan>(text)?)))
        }
    }
}

/// The embedded plan with this id, or `plan_unknown` at `/plan_id` listing the ids there are.
pub fn embedded_plan(id: &str) -> Result<&'static FundingPlan, Errors> {
    let all = plans()?;
    all.iter().find(|p| p.id == id).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        Errors::from(Error::new(
            ErrorCode::PlanUnknown,
            "/plan_id",
            format!("Không có kế hoạch vốn '{}'. Các kế hoạch có sẵn: {}.", crate::text::quote(id), known.join(", ")),
            format!("No funding plan '{}'. Embedded plans: {}.", crate::text::quote(id), known.join(", ")),
        ))
    })
}

/// Checks the plan of a request (the JSON function `check_plan`).
pub fn check_plan_request(request: &CheckPlanRequest) -> Result<PlanCheck, Errors> {
    match request {
        CheckPlanRequest::Embedded(p) => check_plan(embedded_plan(&p.plan_id)?),
        CheckPlanRequest::Plan(plan) => check_plan(plan),
    }
}
