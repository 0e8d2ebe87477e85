//! Funding: plans that add up, allocations that explain every đồng, counterpart ratios.
//!
//! - [`check_plan`]: does every level of a [`FundingPlan`] add up, exactly? Mismatches come back as
//!   findings with their JSON pointer and exact difference. Embedded: Cao Bằng 449/KH-UBND and the
//!   national totals of QĐ 1722/QĐ-TTg ([`plans`]).
//! - [`allocate`]: split a pool among units by the points method (QĐ 48/2016's four criteria
//!   groups; linear or banded criteria, fixed norms, priority multipliers, floors and caps), rounded
//!   by largest remainder so that the parts add up to the pool to the đồng. Coefficients are caller
//!   data ([`CoefficientSet`]); the embedded set is ILLUSTRATIVE, never law.
//! - [`counterpart_ratio`]: the minimum local counterpart, from dated rules (QĐ 48/2016, QĐ 02/2022);
//!   what the reference does not verify is the typed error `ratio_not_encoded` or the caller's ratio.
//!
//! ```
//! use giamngheo::funding::{allocate_unit_set, coefficient_set_by_id, plan_by_id, unit_set_by_id};
//! use rust_decimal::Decimal;
//!
//! let plan = plan_by_id("cao-bang-449-2017")?;
//! assert!(giamngheo::funding::check_plan(plan)?.adds_up);
//! let pool = plan.funds.central.as_ref().and_then(|c| c.investment.as_ref()).map(|a| a.value.get());
//! let pool = pool.unwrap_or_default(); // 1.529.000.000.000 đồng
//! let set = coefficient_set_by_id("illustrative-points-2016")?; // invented coefficients
//! let districts = unit_set_by_id("cao-bang-districts-2017")?;  // invented figures
//! let split = allocate_unit_set(set, districts, pool, Decimal::from(1_000_000))?;
//! assert_eq!(split.units.iter().map(|u| u.amount).sum::<Decimal>(), pool);
//! assert!(split.illustrative);
//! # Ok::<(), giamngheo::Errors>(())
//! ```

mod allocate;
mod check;
mod coefficients;
mod counterpart;
mod embedded;
mod explain;
mod plan;
mod plan_request;
mod points;
mod result;
mod rounding;
mod table;
mod units;

pub use allocate::{allocate, allocate_unit_set};
pub use check::{PlanCheck, SumCheck, check_plan};
pub use coefficients::{
    Band, Boundary, CoefficientSet, Criterion, CriterionGroup, Increment, Norm, Priority, Scoring,
    coefficient_set_by_id, coefficient_sets,
};
pub use counterpart::{
    CounterpartPeriod, CounterpartRatio, CounterpartRequest, CounterpartRules, NotEncoded, ProvinceRule, RatioBasis,
    RatioRule, SelfBalancingRule, Tier, counterpart_ratio, counterpart_rules,
};
pub use plan::{Amount, Basis, Breakdown, Central, FundingPlan, Funds, Level, Line, Period, plan_by_id, plans};
pub use plan_request::{CheckPlanRequest, PlanId, check_plan_request, embedded_plan};
pub use result::{
    Allocation, CriterionScore, ExactAmount, ExactJson, Limit, NormAmount, Rounding, Share, UnitAllocation, UnitJson,
};
pub use table::{allocation_table, allocation_table_model};
pub use units::{Provenance, Unit, UnitLevel, UnitSet, unit_set_by_id, unit_sets};

use crate::error::{Error, ErrorCode, Errors};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request of the JSON function `allocate`: a pool, a coefficient set (inline or an embedded
/// id), units (inline or an embedded id) and a rounding unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationRequest {
    /// The pool in đồng (a whole number).
    pub pool: crate::number::Money,
    /// Round to this many đồng (1, 1000, 1000000...); default 1.
    #[serde(default = "one")]
    pub rounding_unit: crate::number::Money,
    /// The caller's coefficient set (give this or `coefficient_set`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coefficients: Option<CoefficientSet>,
    /// Id of an embedded coefficient set, e.g. `illustrative-points-2016`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coefficient_set: Option<String>,
    /// The caller's units (give these or `unit_set`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<Unit>>,
    /// Id of an embedded unit set, e.g. `cao-bang-districts-2017`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_set: Option<String>,
}

fn one() -> crate::number::Money {
    crate::number::Money(Decimal::ONE)
}

fn exactly_one(a: bool, b: bool, path_a: &str, path_b: &str) -> Result<(), Errors> {
    if a == b {
        let (fa, fb) = (path_a.trim_start_matches('/'), path_b.trim_start_matches('/'));
        return Err(Error::new(
            ErrorCode::FundingInvalid,
            if a { path_b } else { path_a },
            format!("Cần đúng một trong hai trường '{fa}' và '{fb}'."),
            format!("Give exactly one of '{fa}' and '{fb}'."),
        )
        .into());
    }
    Ok(())
}

/// Runs an [`AllocationRequest`]. The result borrows from the request (or the embedded data).
pub fn allocate_request(req: &AllocationRequest) -> Result<Allocation<'_>, Errors> {
    exactly_one(req.coefficients.is_some(), req.coefficient_set.is_some(), "/coefficients", "/coefficient_set")?;
    exactly_one(req.units.is_some(), req.unit_set.is_some(), "/units", "/unit_set")?;
    let set = match &req.coefficients {
        Some(s) => s,
        None => coefficient_set_by_id(req.coefficient_set.as_deref().unwrap_or_default())?,
    };
    match &req.units {
        Some(units) => allocate(set, units, *req.pool, *req.rounding_unit),
        None => allocate_unit_set(
            set,
            unit_set_by_id(req.unit_set.as_deref().unwrap_or_default())?,
            *req.pool,
            *req.rounding_unit,
        ),
    }
}
