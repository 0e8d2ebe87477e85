//! Eligibility for every project and policy of the National Target Program for Sustainable
//! Poverty Reduction 2016-2020 as the Cao Bằng plan 449/KH-UBND carries it out: a catalog as
//! dated data, decisions with reasons, and place helpers.
//!
//! ```
//! use giamngheo::eligibility::{EligibilityRequest, Outcome, evaluate};
//!
//! let request: EligibilityRequest = giamngheo::json::from_str(r#"{
//!   "date": "2018-06-30",
//!   "household": { "class": "near_poor", "left_poor_list_on": null },
//!   "person": { "ethnic_group": "Mông", "school_level": "primary" },
//!   "place": { "province": "Cao Bằng", "district": "Bảo Lâm", "difficult_area": true }
//! }"#)?;
//! let answer = evaluate(&request)?;
//! let hi = answer.decision("health_insurance").ok_or("no decision")?;
//! assert_eq!(hi.outcome, Outcome::Eligible); // 100%: an ethnic-minority person in a difficult area
//! assert_eq!(hi.entitlements[0].support.percent, Some(rust_decimal::Decimal::from(100).into()));
//! for check in &hi.checks {
//!     println!("{}", check.message().vi);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod catalog;
pub mod evaluate;
pub mod input;
pub mod place;

pub use catalog::{Catalog, Entry};
pub use evaluate::{Decision, Eligibility, Outcome, catalog, evaluate, evaluate_one, why_not};
pub use input::{EligibilityRequest, HouseholdFacts, PersonFacts, PlaceFacts};
