//! Provenance: where a value comes from in the law, and how sure we are of it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How sure the library is that a value matches the legal text (see the README, "What is and is not verified").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Read in a public page that quotes the legal text.
    Verified,
    /// Read only in a press or guidance summary of the text.
    Secondary,
    /// Part read, part inferred (the inference is stated in the source's note).
    Partial,
    /// Not confirmed against the legal text; carried as data so that callers can see it.
    Unverified,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Verified => "verified",
            Confidence::Secondary => "secondary",
            Confidence::Partial => "partial",
            Confidence::Unverified => "unverified",
        }
    }
}

/// A legal reference: the document, the provision, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The legal document, e.g. `QĐ 59/2015/QĐ-TTg`.
    pub document: String,
    /// The provision, e.g. `Điều 1 khoản 1 điểm a`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    /// A public page that quotes the provision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A short quote of the legal wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// What is known to be uncertain about this reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A value with its legal reference and confidence label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    /// Key into the parameter file's `sources` table.
    pub source: String,
    pub confidence: Confidence,
}
