//! Who asks: the household, optionally one person in it, the place, and the date.
//!
//! Every fact is optional: a condition that needs an absent fact makes the decision "cannot
//! decide" and names the field, never a silent "no". Dates of leaving a list take `null` for
//! "never on that list" (known), which differs from an absent field (unknown).

use crate::classify::HouseholdClass;
use crate::date::Date;
use crate::request::ClassifyRequest;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// An eligibility question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// The day the decision is for: validity windows and "within 3 years" are read against it.
    pub date: Date,
    #[serde(default)]
    pub household: HouseholdFacts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonFacts>,
    #[serde(default)]
    pub place: PlaceFacts,
    /// One catalog entry, for `eligibility_one` and `why_not`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// The program catalog to read (`ntp-spr-2016-2020-cao-bang`, `ntp-spr-2021-2025`,
    /// `ntp-2026-2030`), or `general-policies` for those alone. Absent: the program catalog whose
    /// period holds `date`. The general policies are always read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
}

/// `Some(None)` for JSON `null` (known: never), `None` for an absent field (unknown).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The household.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdFacts {
    /// The class under the standard in force, as the commune's list records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<HouseholdClass>,
    /// Or the facts to compute it (the request's date is used when this has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classify: Option<Box<ClassifyRequest>>,
    /// Poor on income alone (QĐ 59/2015's first criterion); derived when `classify` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_poor: Option<bool>,
    /// Deprived in the health-insurance indicator; derived when `classify` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_insurance_deprived: Option<bool>,
    /// An ethnic-minority household. When absent it is derived from `ethnic_groups` if every
    /// member is of a minority (yes) or every member is Kinh (no); a mixed household is left
    /// unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_minority: Option<bool>,
    /// Each member's ethnic group (`Tày`, `Mông`, `Kinh`...), to derive `ethnic_minority` and
    /// `very_small_ethnic_members`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_groups: Option<Vec<String>>,
    /// The day the household left the poor list; `null` when it never was on it.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Date>")]
    pub left_poor_list_on: Option<Option<Date>>,
    /// The day the household left the near-poor list; `null` when it never was on it.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Date>")]
    pub left_near_poor_list_on: Option<Option<Date>>,
    /// Registered to escape poverty or near-poverty (TT 18/2017 production support).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_escape_plan: Option<bool>,
    /// Members who belong to one of the very small ethnic groups (NĐ 57/2017's 16); derived from
    /// `ethnic_groups` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub very_small_ethnic_members: Option<u32>,
    /// A member receives a monthly allowance under the Ordinance on People with Meritorious Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meritorious_allowance_member: Option<bool>,
    /// Especially difficult circumstances: elderly, living alone, disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_circumstances: Option<bool>,
    /// Lives where natural disasters are frequent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disaster_prone_area: Option<bool>,
    /// Farming, forestry, fishery or salt-making household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agricultural: Option<bool>,
    /// On the commune's poor list (2011-2015 standard) when QĐ 33/2015 took effect (2015-10-01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_poor_list_2011_2015: Option<bool>,
    /// The day the household became an independent household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separated_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_condition: Option<HouseCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_housing_support: Option<PreviousHousingSupport>,
    /// When that support was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_housing_support_on: Option<Date>,
    // Facts the 2021-2025 program reads.
    /// A household newly out of poverty ("hộ mới thoát nghèo") on the commune's list under the
    /// 2021-2025 standard (NĐ 07/2021); QĐ 90/2022 projects 2, 3 and 4 serve it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newly_escaped: Option<bool>,
    /// Housing floor area per member, m² (TT 01/2022/TT-BXD: support under 8 m²).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing_area_per_person_m2: Option<crate::number::ExactDecimal>,
    /// Under QĐ 90/2022 Project 5 the house is to be repaired (`true`) rather than built anew
    /// (`false`): 20 or 40 triệu đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repairs_house: Option<bool>,
    /// A member is a social-protection beneficiary ("đối tượng bảo trợ xã hội"; TT 01/2022 priority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_protection_member: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HouseCondition {
    /// No house.
    None,
    /// Makeshift, damaged or dilapidated, at risk of collapse.
    Dilapidated,
    Adequate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PreviousHousingSupport {
    None,
    /// Supported before, but the house collapsed or was badly damaged by disaster or fire.
    CollapsedByDisasterOrFire,
    Received,
}

/// One person of the household (a pupil, a worker, a patient...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u16>,
    /// Ethnic group, e.g. `Tày`, `Nùng`, `Mông`, `Lô Lô`, `Kinh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_group: Option<String>,
    /// Derived from `ethnic_group` when absent (every group but Kinh is a minority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_minority: Option<bool>,
    /// One of the 16 very small ethnic groups (NĐ 57/2017 Điều 2; TTLT 09/2016); derived from
    /// `ethnic_group` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub very_small_ethnic_group: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub woman: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Orphaned of both parents (or of one, with the other unable to work, for student loans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orphan: Option<bool>,
    /// The level the person studies at now; `none` when not studying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_level: Option<SchoolLevel>,
    /// Studies at an ethnic semi-boarding school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semi_boarding_school: Option<bool>,
    /// Distance from home to school, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_distance_km: Option<crate::number::ExactDecimal>,
    /// The way to school is hard (river without a bridge, high pass, landslide zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_route_to_school: Option<bool>,
    /// The school is in a Region II or III commune, or in an extremely difficult village.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_in_difficult_area: Option<bool>,
    /// The family met financial hardship (accident, illness, disaster...) during the studies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_hardship: Option<bool>,
    /// Takes elementary vocational training or a course under 3 months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vocational_trainee: Option<bool>,
    /// Goes to work abroad under a contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_abroad: Option<bool>,
    /// Woman who lost her job; rural worker; fisher (QĐ 46/2015 groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_job: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rural_worker: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fisher: Option<bool>,
    /// A relative of a person with meritorious service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meritorious_family: Option<bool>,
    /// Lives in a household whose agricultural or business land was recovered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_recovered: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_social_allowance: Option<bool>,
    /// Cancer, dialysis, heart surgery or another costly condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costly_illness: Option<bool>,
    /// A commune or village official.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official: Option<bool>,
    /// A prestigious person of the community (người có uy tín).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prestigious: Option<bool>,
    // Facts the general policies' later versions read.
    /// Studies at a public (công lập) school or institution (NQ 217/2025/QH15: public preschool and
    /// general education are tuition-free from the 2025-2026 school year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_school: Option<bool>,
    // Facts the 2021-2025 program reads.
    /// Has no stable livelihood ("không có sinh kế ổn định"; QĐ 90/2022 projects 2 and 3, with
    /// `disabled`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_stable_livelihood: Option<bool>,
    /// Pregnant or breastfeeding (QĐ 90/2022 Project 3, nutrition sub-project).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pregnant_or_lactating: Option<bool>,
    /// A low-income worker ("người lao động có thu nhập thấp", NĐ 07/2021 as amended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_income_worker: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SchoolLevel {
    None,
    Preschool,
    Primary,
    LowerSecondary,
    UpperSecondary,
    /// Vocational school, college or university.
    Higher,
}

/// Where the household lives, and the status of its district, commune and village.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// With a known province (Cao Bằng), the district's 30a and QĐ 293 status is derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// A poor district of NQ 30a/2008.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_30a: Option<bool>,
    /// A district under the 30a infrastructure mechanism of QĐ 293/QĐ-TTg (2013).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_293: Option<bool>,
    /// Group 1, 2 or 3 of QĐ 275/QĐ-TTg (2018); `0` when on none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_275_group: Option<u8>,
    /// The commune's region under QĐ 50/2016 (`I`, `II`, `III`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_region: Option<Region>,
    /// On the Program 135 commune list (QĐ 204/2016, QĐ 900/2017).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_135: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_border: Option<bool>,
    /// A safe-zone (ATK) commune.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_atk: Option<bool>,
    /// An extremely difficult coastal or island commune (QĐ 131/2017).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_coastal_ebkk: Option<bool>,
    /// An extremely difficult village (QĐ 50/2016 Art. 2); derived from `village_rates` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village_ebkk: Option<bool>,
    /// The village's rates, to work out its QĐ 50/2016 status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village_rates: Option<super::place::VillageRates>,
    /// The commune's rates, to work out whether it is in Region III (QĐ 50/2016) when
    /// `commune_region` is absent. "Not Region III" leaves the region unknown (I and II are not
    /// told apart: their thresholds are unverified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_rates: Option<super::place::CommuneRates>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub island: Option<bool>,
    /// An area with difficult socio-economic conditions (health insurance, tuition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficult_area: Option<bool>,
    /// An area with extremely difficult socio-economic conditions. Derived (yes) up to
    /// 2025-12-31 from a Region III commune or an extremely difficult village.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extremely_difficult_area: Option<bool>,
    // Facts the general policies' later versions read.
    /// A poor commune (xã nghèo) on the Prime Minister's list (NĐ 188/2025: 100% health-insurance
    /// support for near-poor people living there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_poor: Option<bool>,
    // Facts the 2021-2025 program reads.
    /// A poor district of the 2021-2025 list (QĐ 353/QĐ-TTg, 15/03/2022, Annex I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_poor_2022: Option<bool>,
    /// An extremely difficult coastal or island commune of the 2021-2025 list (QĐ 353/QĐ-TTg,
    /// Annex II, as later shortened by QĐ 576/2024 and QĐ 1535/2024).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_coastal_ebkk_2022: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Region {
    I,
    II,
    III,
}
