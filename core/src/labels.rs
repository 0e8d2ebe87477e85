//! The bilingual names of the fact values core accepts (education levels, work, water sources,
//! toilets, school levels, areas, confidence labels), for forms and tables. The values are the
//! JSON values of core's enums, listed from the enums themselves; the names are matched
//! exhaustively on each enum, so a value added to an enum without a name does not compile, and a
//! test checks every list against the enum's JSON Schema.

use crate::area::Area;
use crate::eligibility::input::SchoolLevel;
use crate::error::{Error, ErrorCode, Errors};
use crate::facts::{EducationLevel, EmploymentStatus, ToiletType, WaterSource};
use crate::source::Confidence;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One value of a category and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactLabel {
    /// The JSON value core accepts (`piped`, `septic_tank`...).
    pub value: String,
    pub name: Text,
}

/// One category of fact values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactCategory {
    /// `area`, `education`, `employment`, `water_source`, `toilet`, `school_level`, `confidence`.
    pub id: String,
    /// What the category is.
    pub name: Text,
    /// Where requests take these values (JSON pointers, `*` for any array index).
    pub fields: Vec<String>,
    /// Every value, in the enum's order.
    pub values: Vec<FactLabel>,
}

/// The answer of `fact_labels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactLabels {
    pub categories: Vec<FactCategory>,
}

impl FactLabels {
    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&FactCategory> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// The request of `fact_labels`: every category, or only `category`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactLabelsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn education_en(v: EducationLevel) -> &'static str {
    match v {
        EducationLevel::None => "Below primary",
        EducationLevel::Primary => "Primary",
        EducationLevel::LowerSecondary => "Lower secondary",
        EducationLevel::UpperSecondary => "Upper secondary",
        EducationLevel::VocationalElementary => "Vocational, elementary",
        EducationLevel::VocationalIntermediate => "Vocational, intermediate",
        EducationLevel::College => "College",
        EducationLevel::University => "University or above",
    }
}

fn employment_en(v: EmploymentStatus) -> &'static str {
    match v {
        EmploymentStatus::WageWithContract => "Wage job with a labour contract",
        EmploymentStatus::WageWithoutContract => "Wage job without a labour contract",
        EmploymentStatus::SelfEmployed => "Self-employed, farming, household business",
        EmploymentStatus::Unemployed => "Unemployed",
        EmploymentStatus::NotInLabourForce => "Not in the labour force",
    }
}

fn water_en(v: WaterSource) -> &'static str {
    match v {
        WaterSource::Piped => "Piped water",
        WaterSource::DrilledWell => "Drilled well",
        WaterSource::ProtectedDugWell => "Protected dug well",
        WaterSource::UnprotectedDugWell => "Unprotected dug well",
        WaterSource::ProtectedSpring => "Protected spring",
        WaterSource::UnprotectedSpring => "Unprotected spring",
        WaterSource::Rainwater => "Rainwater",
        WaterSource::Bottled => "Bottled water",
        WaterSource::Vendor => "Water vendor",
        WaterSource::SurfaceWater => "Surface water (river, stream, pond, lake)",
        WaterSource::Other => "Other",
    }
}

fn toilet_en(v: ToiletType) -> &'static str {
    match v {
        ToiletType::SepticTank => "Septic tank",
        ToiletType::SemiSeptic => "Semi-septic",
        ToiletType::PourFlush => "Pour-flush",
        ToiletType::DoubleVault => "Double vault",
        ToiletType::VentilatedPit => "Ventilated pit",
        ToiletType::Biogas => "Biogas",
        ToiletType::SimplePit => "Simple pit",
        ToiletType::Hanging => "Hanging latrine",
        ToiletType::None => "No toilet",
        ToiletType::Other => "Other",
    }
}

/// Every school level, in the enum's order (checked against its JSON Schema by a test).
const SCHOOL_LEVELS: [SchoolLevel; 6] = [
    SchoolLevel::None,
    SchoolLevel::Preschool,
    SchoolLevel::Primary,
    SchoolLevel::LowerSecondary,
    SchoolLevel::UpperSecondary,
    SchoolLevel::Higher,
];

fn school_level_name(v: SchoolLevel) -> (&'static str, &'static str) {
    match v {
        SchoolLevel::None => ("Không đi học", "Not studying"),
        SchoolLevel::Preschool => ("Mầm non", "Preschool"),
        SchoolLevel::Primary => ("Tiểu học", "Primary"),
        SchoolLevel::LowerSecondary => ("Trung học cơ sở", "Lower secondary"),
        SchoolLevel::UpperSecondary => ("Trung học phổ thông", "Upper secondary"),
        SchoolLevel::Higher => ("Nghề, cao đẳng, đại học", "Vocational or higher"),
    }
}

/// Every confidence label, in the enum's order (checked against its JSON Schema by a test).
const CONFIDENCES: [Confidence; 4] =
    [Confidence::Verified, Confidence::Secondary, Confidence::Partial, Confidence::Unverified];

pub(crate) fn confidence_name(v: Confidence) -> (&'static str, &'static str) {
    match v {
        Confidence::Verified => ("đã kiểm chứng", "verified"),
        Confidence::Secondary => ("nguồn thứ cấp", "secondary source"),
        Confidence::Partial => ("kiểm chứng một phần", "partly verified"),
        Confidence::Unverified => ("chưa kiểm chứng", "unverified"),
    }
}

fn area_en(v: Area) -> &'static str {
    match v {
        Area::Rural => "Rural",
        Area::Urban => "Urban",
    }
}

/// The JSON value of an enum member (its serde name).
fn json_value<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn category(id: &str, vi: &str, en: &str, fields: &[&str], values: Vec<FactLabel>) -> FactCategory {
    FactCategory {
        id: id.into(),
        name: Text::new(vi, en),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        values,
    }
}

fn label(value: &str, vi: &str, en: &str) -> FactLabel {
    FactLabel { value: value.into(), name: Text::new(vi, en) }
}

/// Every category, in a fixed order.
pub fn fact_labels() -> FactLabels {
    // Rural first: the form's default.
    let areas = [Area::Rural, Area::Urban];
    let categories = vec![
        category(
            "area",
            "Khu vực",
            "Area",
            &["/area"],
            areas.iter().map(|&a| label(a.as_str(), &capitalise(a.name_vi()), area_en(a))).collect(),
        ),
        category(
            "education",
            "Trình độ học vấn",
            "Education",
            &["/facts/members/*/education"],
            EducationLevel::ALL.iter().map(|&v| label(v.as_str(), &capitalise(v.name_vi()), education_en(v))).collect(),
        ),
        category(
            "employment",
            "Việc làm",
            "Work",
            &["/facts/members/*/employment"],
            EmploymentStatus::ALL
                .iter()
                .map(|&v| label(v.as_str(), &capitalise(v.name_vi()), employment_en(v)))
                .collect(),
        ),
        category(
            "water_source",
            "Nguồn nước sinh hoạt",
            "Water source",
            &["/facts/water_source"],
            WaterSource::ALL.iter().map(|&v| label(v.as_str(), &capitalise(v.name_vi()), water_en(v))).collect(),
        ),
        category(
            "toilet",
            "Nhà tiêu",
            "Toilet",
            &["/facts/toilet"],
            ToiletType::ALL.iter().map(|&v| label(v.as_str(), &capitalise(v.name_vi()), toilet_en(v))).collect(),
        ),
        category(
            "school_level",
            "Cấp học",
            "School level",
            &["/person/school_level"],
            SCHOOL_LEVELS
                .iter()
                .map(|&v| {
                    let (vi, en) = school_level_name(v);
                    label(&json_value(v), vi, en)
                })
                .collect(),
        ),
        category(
            "confidence",
            "Độ tin cậy",
            "Confidence",
            &[],
            CONFIDENCES
                .iter()
                .map(|&v| {
                    let (vi, en) = confidence_name(v);
                    label(v.as_str(), vi, en)
                })
                .collect(),
        ),
    ];
    FactLabels { categories }
}

/// The categories a request asks for (the JSON function `fact_labels`): every one, or the one
/// named, or `value_unknown` at `/category` listing the ids.
pub fn fact_labels_request(request: &FactLabelsRequest) -> Result<FactLabels, Errors> {
    let all = fact_labels();
    let Some(id) = &request.category else { return Ok(all) };
    match all.categories.iter().find(|c| &c.id == id) {
        Some(c) => Ok(FactLabels { categories: vec![c.clone()] }),
        None => {
            let ids: Vec<&str> = all.categories.iter().map(|c| c.id.as_str()).collect();
            Err(Error::new(
                ErrorCode::ValueUnknown,
                "/category",
                format!("Không có nhóm giá trị '{}'. Các nhóm: {}.", crate::text::quote(id), ids.join(", ")),
                format!("No category '{}'. Categories: {}.", crate::text::quote(id), ids.join(", ")),
            )
            .into())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// The string values of an enum's JSON Schema (`enum`, or `oneOf`/`anyOf` of `const`s and `enum`s).
    fn schema_values(schema: &serde_json::Value) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some(e) = schema["enum"].as_array() {
            out.extend(e.iter().filter_map(|v| v.as_str().map(String::from)));
        }
        let branches = [schema["oneOf"].as_array(), schema["anyOf"].as_array()];
        for v in branches.into_iter().flatten().flatten() {
            if let Some(c) = v["const"].as_str() {
                out.push(c.into());
            }
            if let Some(e) = v["enum"].as_array() {
                out.extend(e.iter().filter_map(|v| v.as_str().map(String::from)));
            }
        }
        out
    }

    fn check<T: JsonSchema>(id: &str) {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        let mut expected = schema_values(&schema);
        let labels = fact_labels();
        let mut got: Vec<String> = labels.category(id).unwrap().values.iter().map(|v| v.value.clone()).collect();
        expected.sort();
        got.sort();
        assert!(!expected.is_empty(), "{id}");
        assert_eq!(got, expected, "{id}");
    }

    #[test]
    fn every_category_lists_exactly_its_enum_values() {
        check::<Area>("area");
        check::<EducationLevel>("education");
        check::<EmploymentStatus>("employment");
        check::<WaterSource>("water_source");
        check::<ToiletType>("toilet");
        check::<SchoolLevel>("school_level");
        check::<Confidence>("confidence");
        for c in fact_labels().categories {
            for v in &c.values {
                assert!(!v.name.vi.is_empty() && !v.name.en.is_empty(), "{} {}", c.id, v.value);
            }
        }
    }

    #[test]
    fn one_category_or_a_typed_error() {
        let water = fact_labels_request(&FactLabelsRequest { category: Some("water_source".into()) }).unwrap();
        assert_eq!(water.categories.len(), 1);
        assert_eq!(water.categories[0].values[0], label("piped", "Nước máy", "Piped water"));
        let e = fact_labels_request(&FactLabelsRequest { category: Some("nope".into()) }).unwrap_err();
        assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::ValueUnknown, "/category"));
        assert!(e.first().message.en.contains("water_source"));
    }
}
