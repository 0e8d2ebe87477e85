//! The units a pool is split among (districts, communes, villages) with their criteria values and
//! statuses. Embedded: Cao Bằng's 13 district-level units of 2017, whose names and 30a / QĐ 293
//! statuses are facts and whose figures are ILLUSTRATIVE (invented for the example).

use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::source::{Citation, Confidence};
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

const EMBEDDED: &[(&str, &str)] =
    &[("cao-bang-districts-2017", include_str!("../../data/funding/units-cao-bang-districts-2017.json"))];

/// One unit of a split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unique among the units; the last tie-break of rounding compares ids.
    pub id: String,
    pub name: String,
    /// Criterion id (or norm count key) → value; every criterion of the set needs one.
    #[serde(default)]
    pub values: BTreeMap<String, crate::number::ExactDecimal>,
    /// Statuses (`poor_district_30a`, `qd293_district`...): a priority of the coefficient set with
    /// the same id multiplies the unit's points. Statuses no priority names are kept, not used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<String>,
    /// This unit's own floor (đồng), instead of the set's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<crate::number::Money>,
    /// This unit's own cap (đồng), instead of the set's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<crate::number::Money>,
}

impl Unit {
    /// A unit with values and no status, floor or cap.
    pub fn new<I, K>(id: impl Into<String>, name: impl Into<String>, values: I) -> Unit
    where
        I: IntoIterator<Item = (K, Decimal)>,
        K: Into<String>,
    {
        Unit {
            id: id.into(),
            name: name.into(),
            values: values.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
            status: Vec::new(),
            floor: None,
            cap: None,
        }
    }
}

/// What a list of units stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    Province,
    District,
    Commune,
    Village,
}

/// Where one kind of field of a unit set comes from, and how sure it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The field: `name`, `status/poor_district_30a`, `values/population`, `values`...
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub confidence: Confidence,
    /// `true` when the values are invented for an example, not statistics.
    pub illustrative: bool,
    pub note: Text,
}

/// A named list of units with the provenance of its fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSet {
    /// Editors may point at `schemas/unit-set.schema.json`; ignored by the library.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub id: String,
    pub name: Text,
    pub level: UnitLevel,
    /// The year the list describes.
    pub year: u16,
    /// `true` when any figure is invented for an example; allocations made on it say so.
    pub illustrative: bool,
    pub provenance: Vec<Provenance>,
    pub units: Vec<Unit>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

impl UnitSet {
    /// Loads a unit set (JSON) and checks ids, source keys and provenance.
    pub fn from_json(text: &str) -> Result<UnitSet, Errors> {
        let set: UnitSet = crate::json::object_from_str(text)?;
        set.validate()?;
        Ok(set)
    }

    /// Unique unit ids, known source keys, and `illustrative` set when any provenance is.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut c = Collector::default();
        let mut ids = HashSet::new();
        for (i, u) in self.units.iter().enumerate() {
            if !ids.insert(u.id.as_str()) {
                c.push(Error::new(
                    ErrorCode::UnitDuplicate,
                    format!("/units/{i}/id"),
                    format!("Mã đơn vị '{}' bị trùng.", u.id),
                    format!("The unit id '{}' appears twice.", u.id),
                ));
            }
        }
        for (i, p) in self.provenance.iter().enumerate() {
            if let Some(k) = &p.source {
                if !self.sources.contains_key(k) {
                    c.push(Error::new(
                        ErrorCode::SourceUnknown,
                        format!("/provenance/{i}/source"),
                        format!("Không có nguồn '{k}' trong bảng sources."),
                        format!("No source '{k}' in the sources table."),
                    ));
                }
            }
            if p.illustrative && !self.illustrative {
                c.push(Error::new(
                    ErrorCode::FundingInvalid,
                    "/illustrative",
                    "Có số liệu minh họa (provenance) nhưng 'illustrative' là false.",
                    "Some figures are illustrative (provenance) but 'illustrative' is false.",
                ));
            }
        }
        c.finish(())
    }
}

fn registry() -> Result<&'static [UnitSet], Errors> {
    static SETS: OnceLock<Result<Vec<UnitSet>, Errors>> = OnceLock::new();
    super::embedded::load(&SETS, EMBEDDED, UnitSet::from_json)
}

/// The embedded unit sets.
pub fn unit_sets() -> Result<&'static [UnitSet], Errors> {
    registry()
}

/// The embedded unit set with this id.
pub fn unit_set_by_id(id: &str) -> Result<&'static UnitSet, Errors> {
    super::embedded::by_id(registry()?, id, |x| x.id.as_str(), "/unit_set", ("danh sách đơn vị", "unit set"))
}
