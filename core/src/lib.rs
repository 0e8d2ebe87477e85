//! # giamngheo
//!
//! Vietnam's household poverty standards as dated data, and the classification of a household
//! (poor, near-poor, average living standard) that explains itself with the law it applied.
//!
//! ```
//! use giamngheo::{Area, Household, HouseholdClass, indicators_from_ids, standard_in_force};
//! use rust_decimal::Decimal;
//!
//! let date = "2018-06-30".parse().map_err(|_| "bad date")?;
//! let standard = standard_in_force(date)?; // QĐ 59/2015/QĐ-TTg
//! let deprived = indicators_from_ids(standard, ["health_insurance", "sanitation", "housing_quality"])?;
//! let household = Household::new(Area::Rural, Decimal::from(850_000), deprived)?;
//! let assessment = standard.classify(&household);
//! assert_eq!(assessment.class(), HouseholdClass::Poor);
//! for reason in assessment.report().reasons {
//!     println!("{} — {}", reason.message.vi, reason.message.en);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

pub mod api;
pub mod area;
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod batch;
pub mod brief;
pub mod cell;
pub mod classify;
pub mod date;
pub mod derive;
pub mod eligibility;
pub mod error;
mod exact;
pub mod facts;
pub mod funding;
// Only with the `fuzzing` feature (off by default), for the fuzz targets (core/fuzz) and the
// corpus replay test: its functions assert invariants and panic by design when one breaks, so
// they are not part of the library's API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod income;
pub mod indicators;
pub mod json;
pub mod labels;
pub mod limits;
pub mod number;
pub mod published;
pub mod report;
pub mod request;
pub mod review;
pub mod sample;
mod scores;
pub mod source;
pub mod standard;
pub mod stats;
pub mod table;
pub mod text;

pub use api::call_json;
pub use area::{Area, PerArea};
pub use classify::{Assessment, Check, Decision, Household, HouseholdClass, Scores};
pub use date::Date;
pub use derive::{Derivation, Finding, derive};
pub use error::{Error, ErrorCode, Errors};
pub use facts::Facts;
pub use income::MonthlyIncome;
pub use indicators::IndicatorSet;
pub use number::{ExactDecimal, Money};
pub use report::Report;
pub use request::{
    ClassifyRequest, IncomeInput, assess_json, assess_request_with, classify_json, classify_request,
    classify_request_with, indicators_from_answers, indicators_from_ids,
};
pub use review::{SelectedBy, Selection, select_standard, standard_for_list_year};
pub use source::{Citation, Confidence, Sourced};
pub use standard::{Standard, gaps, standard_by_id, standard_in_force, standards};
pub use text::Text;
