//! Published poverty figures that the library reproduces and compares with: the Cao Bằng plan
//! 449/KH-UBND (2017), section II (the end-2015 review under QĐ 59/2015).

use crate::error::Errors;
use crate::source::Citation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A province's published review results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedPoverty {
    pub province: String,
    /// The standard the review applied.
    pub standard: String,
    pub as_of: crate::Date,
    pub source: Citation,
    pub households: u64,
    pub poor: u64,
    pub near_poor: u64,
    /// The rates as printed (percent, 2 decimals).
    pub poor_rate_percent: crate::number::ExactDecimal,
    pub near_poor_rate_percent: crate::number::ExactDecimal,
    /// Share of poor households deprived in each indicator, as printed (percent).
    pub deprivation_among_poor_percent: BTreeMap<String, crate::number::ExactDecimal>,
}

/// Cao Bằng at the end of 2015 (plan 449/KH-UBND, section II).
pub fn cao_bang_2015() -> Result<&'static PublishedPoverty, Errors> {
    static DATA: OnceLock<Result<PublishedPoverty, Errors>> = OnceLock::new();
    DATA.get_or_init(|| crate::json::from_str(include_str!("../data/plans/cao-bang-2015-poverty.json")))
        .as_ref()
        .map_err(Clone::clone)
}
