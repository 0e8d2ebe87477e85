//! The brief answer of a classification: what a form needs while the officer types (the
//! standard and how it was picked, the class, the deprivations, the income per capita), without
//! the reasons and citations of the full [`crate::Report`] (much less to write and to copy).

use crate::classify::{Basis, HouseholdClass};
use crate::error::Errors;
use crate::json::DecimalSchema;
use crate::request::{ClassifyRequest, assess_request_with, embedded_standard_for};
use crate::review::SelectedBy;
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// The class part of a classification report, with the standard's id and how it was picked.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Brief<'a> {
    /// The id of the standard applied.
    pub standard: &'a str,
    pub selection: BriefSelection,
    pub class: HouseholdClass,
    pub class_name: Text,
    /// Monthly income per capita, rounded half-to-even to 2 decimals for display only (as in the
    /// report); absent when classified by review scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalSchema>")]
    pub income_per_capita_monthly: Option<Decimal>,
    pub deprivation_count: u8,
    /// Ids of the deprived indicators.
    pub deprived: Vec<&'a str>,
}

/// How the standard was picked: the rule, and the list year when one was given. The explanation
/// (message, citation, confidence) comes with `classify`: writing it costs a quarter of a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BriefSelection {
    pub by: SelectedBy,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_year: Option<u16>,
}

/// Classifies a request like [`crate::classify_request`] (the same reading, standard selection
/// and checks), answering only the brief.
pub fn classify_brief(request: &ClassifyRequest) -> Result<Brief<'static>, Errors> {
    let (standard, selection) = embedded_standard_for(request)?;
    let (a, _) = assess_request_with(standard, request)?;
    let class = a.class();
    Ok(Brief {
        standard: &standard.id,
        selection: BriefSelection { by: selection.by, list_year: selection.list_year },
        class,
        class_name: Text::new(class.name_vi(), class.name_en()),
        income_per_capita_monthly: match a.basis {
            Basis::Income(i) => Some(i.display_value()),
            Basis::Scores(_) => None,
        },
        deprivation_count: a.deprivation_count,
        deprived: a.deprived_ids().collect(),
    })
}

/// Parses and classifies a JSON request, answering the brief (the JSON function `classify_brief`).
pub fn classify_brief_json(text: &str) -> Result<Brief<'static>, Errors> {
    classify_brief(&crate::json::object_from_str::<ClassifyRequest>(text)?)
}
