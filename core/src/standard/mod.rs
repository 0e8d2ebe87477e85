//! Household poverty standards as dated data: the embedded ones, the one in force on a date,
//! and a caller's own (a province's local standard), all checked by the same rules.

mod params;
mod validate;

pub use params::*;

use crate::date::Date;
use crate::error::{Error, ErrorCode, Errors};
use crate::source::Citation;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The standards shipped with the library, oldest first.
const EMBEDDED: &[(&str, &str)] = &[
    ("qd09-2011", include_str!("../../data/standards/qd09-2011.json")),
    ("qd59-2015", include_str!("../../data/standards/qd59-2015.json")),
    ("nd07-2021", include_str!("../../data/standards/nd07-2021.json")),
    ("nd351-2025", include_str!("../../data/standards/nd351-2025.json")),
];
const GAPS: &str = include_str!("../../data/standards/gaps.json");

/// A period the law covers but the library does not encode, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    pub document: String,
    pub why: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Citation>,
}

struct Registry {
    standards: Vec<Standard>,
    gaps: Vec<Gap>,
}

fn registry() -> Result<&'static Registry, Errors> {
    static REGISTRY: OnceLock<Result<Registry, Errors>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| {
            let mut standards = Vec::with_capacity(EMBEDDED.len());
            for (name, text) in EMBEDDED {
                standards.push(Standard::from_json(text).map_err(|e| e.under(&format!("/embedded/{name}")))?);
            }
            let gaps: Vec<Gap> = crate::json::from_str(GAPS).map_err(|e| e.under("/embedded/gaps"))?;
            Ok(Registry { standards, gaps })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Every embedded standard, oldest first.
pub fn standards() -> Result<&'static [Standard], Errors> {
    registry().map(|r| r.standards.as_slice())
}

/// Periods the law covers that no embedded standard encodes (with the reason).
pub fn gaps() -> Result<&'static [Gap], Errors> {
    registry().map(|r| r.gaps.as_slice())
}

/// The embedded standard with this id.
pub fn standard_by_id(id: &str) -> Result<&'static Standard, Error> {
    let all = standards().map_err(|e| e.first().clone())?;
    all.iter().find(|s| s.id == id).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        Error::new(
            ErrorCode::StandardUnknown,
            "/standard",
            format!("Không có chuẩn '{id}'. Các chuẩn có sẵn: {}.", known.join(", ")),
            format!("No standard '{id}'. Available: {}.", known.join(", ")),
        )
    })
}

/// The embedded standard in force on `date`; a date no standard covers is an error naming the gap.
pub fn standard_in_force(date: Date) -> Result<&'static Standard, Error> {
    let reg = registry().map_err(|e| e.first().clone())?;
    if let Some(s) = reg.standards.iter().find(|s| s.covers(date)) {
        return Ok(s);
    }
    let gap = reg.gaps.iter().find(|g| g.from <= date && g.to.is_none_or(|t| date <= t));
    let covered: Vec<String> = reg.standards.iter().map(|s| format!("{} ({})", s.document, s.period())).collect();
    let (vi, en) = match gap {
        Some(g) => (
            format!("Ngày {date} thuộc giai đoạn chưa được mã hóa ({}): {}", g.document, g.why.vi),
            format!("{date} falls in a period that is not encoded ({}): {}", g.document, g.why.en),
        ),
        None => (
            format!("Không có chuẩn nghèo nào được mã hóa cho ngày {date}. Có: {}.", covered.join("; ")),
            format!("No encoded poverty standard covers {date}. Encoded: {}.", covered.join("; ")),
        ),
    };
    Err(Error::new(ErrorCode::DateOutsideAnyStandard, "/date", vi, en))
}

impl Standard {
    /// Loads a parameter file (JSON) and checks it with the rules every embedded file passes.
    pub fn from_json(text: &str) -> Result<Standard, Errors> {
        let s: Standard = crate::json::from_str(text)?;
        validate::validate(&s)?;
        Ok(s)
    }

    /// Checks a standard built in code with the same rules as [`Standard::from_json`].
    pub fn validate(&self) -> Result<(), Errors> {
        validate::validate(self)
    }

    /// Whether the standard applies on `date` (both ends inclusive).
    pub fn covers(&self, date: Date) -> bool {
        self.valid_from.value <= date && self.valid_to.as_ref().is_none_or(|t| date <= t.value)
    }

    /// `2016-01-01..2021-12-31`, or `2022-01-01..` when open-ended.
    pub fn period(&self) -> String {
        match &self.valid_to {
            Some(t) => format!("{}..{}", self.valid_from.value, t.value),
            None => format!("{}..", self.valid_from.value),
        }
    }

    /// The citation behind a source key (every key is checked to exist when the file is loaded).
    pub fn source(&self, key: &str) -> Option<&Citation> {
        self.sources.get(key)
    }

    /// The position of an indicator id in the standard's list.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    /// The names among `columns` that are indicator ids of another embedded standard but not of
    /// this one: columns a table carries for another period, which this standard does not use
    /// and which callers report rather than drop silently (see [`Standard::unused_columns_notice`]).
    pub fn unused_indicator_columns<'c>(&self, columns: impl IntoIterator<Item = &'c str>) -> Vec<&'c str> {
        let others = standards().unwrap_or_default();
        columns
            .into_iter()
            .filter(|c| self.indicator_index(c).is_none())
            .filter(|c| others.iter().any(|o| o.indicator_index(c).is_some()))
            .collect()
    }

    /// The notice for indicator columns this standard does not use (empty `columns`: `None`).
    pub fn unused_columns_notice(&self, columns: &[&str]) -> Option<Text> {
        if columns.is_empty() {
            return None;
        }
        let list = columns.join(", ");
        let (vi, en) = if self.indicators.is_empty() {
            (
                "chuẩn này chỉ xét thu nhập, không có chỉ số thiếu hụt".to_string(),
                "this standard is income only, with no deprivation indicators".to_string(),
            )
        } else {
            let ids: Vec<&str> = self.indicators.iter().map(|i| i.id.as_str()).collect();
            (format!("các chỉ số của chuẩn này: {}", ids.join(", ")), format!("its indicators: {}", ids.join(", ")))
        };
        Some(Text::new(
            format!("Các cột {list} không được dùng: {} không có các chỉ số này ({vi}).", self.document),
            format!("Columns {list} are not used: {} has no such indicators ({en}).", self.document),
        ))
    }

    pub fn cutoff(&self) -> u8 {
        self.deprivation_cutoff.as_ref().map_or(0, |k| k.value)
    }
}
