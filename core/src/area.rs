//! Rural or urban: every income line in the law is set per area.

use crate::error::ErrorCode;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Where the household lives ("khu vực"). Codes follow the statistics office (1 urban, 2 rural).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
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

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Area, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "urban" => Ok(Area::Urban),
            "rural" => Ok(Area::Rural),
            other => Err(serde::de::Error::custom(crate::json::coded(
                ErrorCode::AreaUnknown,
                &format!("Khu vực '{other}' không hợp lệ: cần 'rural' (nông thôn) hoặc 'urban' (thành thị)."),
                &format!("Unknown area '{other}': expected 'rural' or 'urban'."),
            ))),
        }
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
