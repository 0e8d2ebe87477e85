//! Rural or urban: every income line in the law is set per area.

use crate::error::ErrorCode;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Where the household lives ("khu vực"). Codes follow the statistics office (1 urban, 2 rural).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Thành thị.
    Urban,
    /// Nông thôn.
    Rural,
}

impl Area {
    pub const ALL: [Area; 2] = [Area::Urban, Area::Rural];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Urban => "urban",
            Area::Rural => "rural",
        }
    }
    /// The statistics office's code: 1 urban (thành thị), 2 rural (nông thôn).
    pub fn code(self) -> u8 {
        match self {
            Area::Urban => 1,
            Area::Rural => 2,
        }
    }
    pub fn from_code(code: u8) -> Option<Area> {
        match code {
            1 => Some(Area::Urban),
            2 => Some(Area::Rural),
            _ => None,
        }
    }
    pub fn name_vi(self) -> &'static str {
        match self {
            Area::Urban => "thành thị",
            Area::Rural => "nông thôn",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every text accepted as an area, in lower case, with the area it names: the law's words
/// ("khu vực nông thôn", "thành thị", and NĐ 351/2025's "đô thị"), the English ids, and the
/// statistics office's codes. [`Area::from_label`] reads them.
pub const LABELS: &[(&str, Area)] = &[
    ("rural", Area::Rural),
    ("urban", Area::Urban),
    ("nông thôn", Area::Rural),
    ("khu vực nông thôn", Area::Rural),
    ("thành thị", Area::Urban),
    ("khu vực thành thị", Area::Urban),
    ("đô thị", Area::Urban),
    ("khu vực đô thị", Area::Urban),
    ("2", Area::Rural),
    ("1", Area::Urban),
];

impl Area {
    /// The one rule for area text, in every path (JSON, CSV cells, DataFrame columns, forms): one
    /// of [`LABELS`], in any letter case, with spaces around or between words ignored beyond one
    /// ("Nông thôn", " URBAN ", "khu vực  đô thị"). Text in precomposed Unicode (NFC, what
    /// keyboards and spreadsheets produce) is expected.
    pub fn from_label(text: &str) -> Option<Area> {
        let mut folded = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !folded.is_empty() {
                folded.push(' ');
            }
            folded.extend(word.chars().flat_map(char::to_lowercase));
            if folded.len() > 40 {
                return None; // longer than any label
            }
        }
        LABELS.iter().find(|(label, _)| *label == folded).map(|&(_, area)| area)
    }
}

/// The error for area text no label matches, quoting (the start of) what was given.
pub fn unknown(text: &str) -> (String, String) {
    let shown = crate::text::quote(text);
    (
        format!(
            "Khu vực '{shown}' không hợp lệ: cần 'nông thôn' (rural, mã 2) hoặc 'thành thị' / 'đô thị' (urban, mã 1)."
        ),
        format!("Unknown area '{shown}': expected 'rural' (nông thôn, code 2) or 'urban' (thành thị, đô thị, code 1)."),
    )
}

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Area, D::Error> {
        let s = String::deserialize(d)?;
        Area::from_label(&s).ok_or_else(|| {
            let (vi, en) = unknown(&s);
            serde::de::Error::custom(crate::json::coded(ErrorCode::AreaUnknown, &vi, &en))
        })
    }
}

/// `[nN][ôÔ]...`: a label in any letter case, as a JSON Schema (ECMA 262) pattern.
fn any_case(label: &str) -> String {
    let mut out = String::new();
    for word in label.split(' ').enumerate() {
        if word.0 > 0 {
            out.push_str("\\s+");
        }
        for c in word.1.chars() {
            let upper: String = c.to_uppercase().collect();
            if upper == c.to_string() { out.push(c) } else { out.push_str(&format!("[{c}{upper}]")) }
        }
    }
    out
}

impl JsonSchema for Area {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Area".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let labels: Vec<String> = LABELS.iter().map(|(l, _)| any_case(l)).collect();
        let pattern = format!("^\\s*({})\\s*$", labels.join("|"));
        schemars::json_schema!({
            "description": "Where the household lives: `rural` or `urban`, as answers give it. Also accepted: nông thôn, khu vực nông thôn, thành thị, khu vực thành thị, đô thị, khu vực đô thị, and the statistics codes 2 (rural) and 1 (urban), in any letter case, with spaces around.",
            "anyOf": [
                { "type": "string", "enum": ["rural", "urban"] },
                { "type": "string", "pattern": pattern }
            ]
        })
    }
}

/// A value per area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerArea<T> {
    pub rural: T,
    pub urban: T,
}

impl<T> PerArea<T> {
    pub fn get(&self, area: Area) -> &T {
        match area {
            Area::Rural => &self.rural,
            Area::Urban => &self.urban,
        }
    }
}
