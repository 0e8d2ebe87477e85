//! The beneficiary's facts as the conditions read them: the request as JSON, with the facts
//! the library derives (the class from a classification, minority status from the groups, the
//! district's status from the province's list, the commune's and village's from their rates).

use super::input::EligibilityRequest;
use super::place;
use super::report::Derived;
use crate::error::Errors;
use crate::text::Text;
use serde_json::Value;

/// The 16 very small ethnic groups (under 10.000 people) of NĐ 57/2017/NĐ-CP Điều 2, the same
/// list as TTLT 09/2016/TTLT-BGDĐT-BTC-BLĐTBXH Art. 4 cl. 2 pt. k.
const VERY_SMALL_GROUPS: [&str; 16] = [
    "la hủ",
    "la ha",
    "pà thẻn",
    "lự",
    "ngái",
    "chứt",
    "lô lô",
    "mảng",
    "cống",
    "cờ lao",
    "bố y",
    "si la",
    "pu péo",
    "rơ măm",
    "brâu",
    "ơ đu",
];

/// A group's name as compared: lower case, single spaces, no hyphens ("Lô-Lô" is "lô lô").
fn group_key(group: &str) -> String {
    group.to_lowercase().replace('-', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_minority(key: &str) -> bool {
    key != "kinh"
}

/// The request as JSON, with the facts the library derives added to it.
pub struct Facts {
    pub root: Value,
    pub derived: Vec<Derived>,
    /// The decision date as a JSON string, for tests of `date`.
    pub date: Value,
}

fn set(root: &mut Value, section: &str, key: &str, value: Value) {
    if let Some(obj) = root.get_mut(section).and_then(Value::as_object_mut) {
        obj.insert(key.to_string(), value);
    } else if let Some(root) = root.as_object_mut() {
        let mut obj = serde_json::Map::new();
        obj.insert(key.to_string(), value);
        root.insert(section.to_string(), Value::Object(obj));
    }
}

/// The request's facts, with every fact the library can derive from them.
pub fn enrich(req: &EligibilityRequest) -> Result<Facts, Errors> {
    let mut root = crate::json::to_value(req)?;
    let mut derived = Vec::new();
    let mut note = |root: &mut Value, section: &str, key: &str, value: Value, how: Text| {
        set(root, section, key, value.clone());
        derived.push(Derived { fact: format!("{section}.{key}"), value, how });
    };
    let h = &req.household;
    if h.class.is_none() {
        if let Some(c) = &h.classify {
            let mut c = (**c).clone();
            if c.date.is_none() && c.standard.is_none() {
                c.date = Some(req.date);
            }
            // The typed decision of the classification, not its reasons' text: "poor on income
            // alone" is QĐ 59's first criterion (and QĐ 09's only one), never NĐ 07's.
            let (standard, _) =
                crate::request::embedded_standard_for(&c).map_err(|e| e.under("/household/classify"))?;
            let (assessment, _) =
                crate::request::assess_request_with(standard, &c).map_err(|e| e.under("/household/classify"))?;
            let class = assessment.class();
            let income_poor = assessment.decision == crate::classify::Decision::PoorByIncome;
            let how = Text::new(
                format!("Phân loại theo {}: {}", standard.document, class.name_vi()),
                format!("Classified under {}: {}", standard.document, class.name_en()),
            );
            note(&mut root, "household", "class", Value::String(class.as_str().into()), how.clone());
            if h.income_poor.is_none() {
                note(&mut root, "household", "income_poor", Value::Bool(income_poor), how.clone());
            }
            if h.health_insurance_deprived.is_none() && !standard.indicators.is_empty() {
                let hi = assessment.deprived_ids().any(|d| d == "health_insurance");
                note(&mut root, "household", "health_insurance_deprived", Value::Bool(hi), how);
            }
        }
    }
    if let Some(p) = &req.person {
        if let Some(group) = &p.ethnic_group {
            let g = group_key(group);
            let minority = is_minority(&g);
            if p.ethnic_minority.is_none() {
                let (vi, en) = if minority {
                    ("dân tộc thiểu số", "an ethnic minority")
                } else {
                    ("dân tộc Kinh", "the Kinh majority")
                };
                let how = Text::new(format!("Dân tộc {group}: {vi}"), format!("Ethnic group {group}: {en}"));
                note(&mut root, "person", "ethnic_minority", Value::Bool(minority), how);
            }
            if p.very_small_ethnic_group.is_none() {
                let small = VERY_SMALL_GROUPS.contains(&g.as_str());
                let how = Text::new(
                    format!(
                        "Dân tộc {group} {}thuộc 16 dân tộc rất ít người (NĐ 57/2017 Điều 2)",
                        if small { "" } else { "không " }
                    ),
                    format!(
                        "{group} is {}one of the 16 very small ethnic groups (NĐ 57/2017 Art. 2)",
                        if small { "" } else { "not " }
                    ),
                );
                note(&mut root, "person", "very_small_ethnic_group", Value::Bool(small), how);
            }
        }
    }
    if let Some(groups) = &h.ethnic_groups {
        let keys: Vec<String> = groups.iter().map(|g| group_key(g)).collect();
        let minorities = keys.iter().filter(|k| is_minority(k)).count();
        // All members minority, or none: the household's status follows. A mixed household is
        // left to the caller: no text read here says which member decides.
        if h.ethnic_minority.is_none() && !keys.is_empty() && (minorities == 0 || minorities == keys.len()) {
            let all = minorities == keys.len();
            let how = Text::new(
                format!(
                    "Dân tộc của các thành viên ({}): {}",
                    groups.join(", "),
                    if all { "đều là dân tộc thiểu số" } else { "đều là dân tộc Kinh" }
                ),
                format!(
                    "The members' groups ({}): {}",
                    groups.join(", "),
                    if all { "all ethnic minorities" } else { "all Kinh" }
                ),
            );
            note(&mut root, "household", "ethnic_minority", Value::Bool(all), how);
        }
        if h.very_small_ethnic_members.is_none() {
            let n = keys.iter().filter(|k| VERY_SMALL_GROUPS.contains(&k.as_str())).count();
            let how = Text::new(
                format!("{n} thành viên thuộc 16 dân tộc rất ít người (NĐ 57/2017 Điều 2)"),
                format!("{n} members of the 16 very small ethnic groups (NĐ 57/2017 Art. 2)"),
            );
            note(&mut root, "household", "very_small_ethnic_members", Value::from(n), how);
        }
    }
    let pl = &req.place;
    if let (Some(province), Some(district)) = (&pl.province, &pl.district) {
        if let Some(d) = place::district_status(province, district) {
            let how = Text::new(
                format!("Huyện {} ({}): theo danh sách huyện nghèo của tỉnh", d.name, province),
                format!("District {} ({}): from the province's list of poor districts", d.name, province),
            );
            if pl.district_30a.is_none() {
                note(&mut root, "place", "district_30a", Value::Bool(d.district_30a), how.clone());
            }
            if pl.district_293.is_none() {
                note(&mut root, "place", "district_293", Value::Bool(d.district_293), how);
            }
        }
    }
    if let (None, Some(c)) = (pl.commune_region, &pl.commune_rates) {
        let f = place::commune_region_iii(c);
        if f.status == Some(true) {
            let (vi, en): (Vec<_>, Vec<_>) = f.steps.iter().map(|s| (s.vi.as_str(), s.en.as_str())).unzip();
            note(
                &mut root,
                "place",
                "commune_region",
                Value::String("III".into()),
                Text::new(
                    format!("QĐ 50/2016, xã khu vực III: {}", vi.join("; ")),
                    format!("QĐ 50/2016, Region III commune: {}", en.join("; ")),
                ),
            );
        }
    }
    if let (None, Some(v)) = (pl.village_ebkk, &pl.village_rates) {
        let f = place::village_status(v);
        if let Some(status) = f.status {
            let (vi, en): (Vec<_>, Vec<_>) = f.steps.iter().map(|s| (s.vi.as_str(), s.en.as_str())).unzip();
            note(
                &mut root,
                "place",
                "village_ebkk",
                Value::Bool(status),
                Text::new(
                    format!("QĐ 50/2016 Điều 2: {}", vi.join("; ")),
                    format!("QĐ 50/2016 Art. 2: {}", en.join("; ")),
                ),
            );
        }
    }
    // A Region III commune and an extremely difficult village are the law's extremely difficult
    // areas: QĐ 50/2016/QĐ-TTg (2016-2020) and QĐ 33/2020/QĐ-TTg (2021-2025) define them as such.
    // After 2025 the regions are not read here, so nothing is derived.
    if pl.extremely_difficult_area.is_none() && req.date <= crate::date::Date::new(2025, 12, 31).unwrap_or(req.date) {
        let region_iii = root.pointer("/place/commune_region").and_then(Value::as_str) == Some("III");
        let village = root.pointer("/place/village_ebkk").and_then(Value::as_bool) == Some(true);
        if region_iii || village {
            let basis = if req.date.year() <= 2020 { "QĐ 50/2016/QĐ-TTg" } else { "QĐ 33/2020/QĐ-TTg" };
            let (vi, en) = if region_iii {
                ("xã khu vực III là xã đặc biệt khó khăn", "a Region III commune is an extremely difficult commune")
            } else {
                ("thôn đặc biệt khó khăn", "an extremely difficult village")
            };
            let how = Text::new(format!("{basis}: {vi}"), format!("{basis}: {en}"));
            note(&mut root, "place", "extremely_difficult_area", Value::Bool(true), how);
        }
    }
    Ok(Facts { root, derived, date: Value::String(req.date.to_string()) })
}
