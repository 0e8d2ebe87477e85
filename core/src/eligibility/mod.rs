//! Eligibility for the projects and policies of the National Target Programs for Sustainable
//! Poverty Reduction and the general policies for poor and near-poor households, on any date:
//! catalogs as dated data, decisions with reasons, and place helpers.
//!
//! A newcomer finds each job in its own file:
//! - `catalog`: the catalog format (entries, tiers as dated versions, conditions, support);
//! - `catalogs`: the embedded catalogs, their checks, and which ones answer a date;
//! - `input`: the request (household, person, place, date);
//! - `facts`: the facts derived from the request (class, minority status, area status);
//! - `prepare`: conditions made ready once; `decide`: three-valued decisions;
//! - `report`: the answer as JSON with messages and citations; `evaluate`: the entry points;
//! - `place`: district lists and the QĐ 50/2016 commune and village rules.
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
pub mod catalogs;
pub mod decide;
pub mod evaluate;
pub mod facts;
pub mod input;
pub mod place;
pub mod prepare;
pub mod report;

pub use catalog::{Catalog, Entry};
pub use catalogs::{CatalogOnDate, CatalogRequest, catalog_on, catalogs};
pub use decide::{CheckOutcome, Decision, Outcome};
pub use evaluate::{evaluate, evaluate_one, why_not};
pub use input::{EligibilityRequest, HouseholdFacts, PersonFacts, PlaceFacts};
pub use report::{Eligibility, EligibilityReport};
