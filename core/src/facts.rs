//! Raw facts about a household (survey answers), from which a standard's indicators are derived.
//!
//! Every fact is optional in the type: a fact is required only when an indicator of the standard in
//! use needs it to decide, and then its absence is a `fact_missing` error naming the field.

use crate::date::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the household reports about its members, housing, water, sanitation and information.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Every member of the household (the household size is their number).
    pub members: Vec<Member>,
    /// A member was ill (bedridden, or kept from work or school) and did not get medical care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ill_member_untreated: Option<bool>,
    #[serde(default)]
    pub housing: Housing,
    /// The main source of water for daily use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_source: Option<WaterSource>,
    /// The kind of toilet (latrine) the household uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toilet: Option<ToiletType>,
    /// Some member uses a telephone subscription (mobile or fixed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses_telephone: Option<bool>,
    /// Some member uses internet services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses_internet: Option<bool>,
    /// Assets the household owns that give access to information.
    #[serde(default)]
    pub owns: Assets,
    /// The household can hear the commune or village loudspeaker system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hears_loudspeaker: Option<bool>,
}

/// One member of the household.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Age in completed years on the review date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u16>,
    /// Year of birth (the review forms record it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<u16>,
    /// Full date of birth, when known (gives the exact age).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// Currently attending school or training (at the level suited to the age).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_school: Option<bool>,
    /// Highest level completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<EducationLevel>,
    /// Has on-the-job vocational training certified by an employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_workplace_training: Option<bool>,
    /// Currently has health insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_insurance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<EmploymentStatus>,
    /// Receives a monthly social allowance (elderly, disabled...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_social_allowance: Option<bool>,
    /// Malnourished: stunted (height-for-age) or underweight (weight-for-age).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malnourished: Option<bool>,
}

/// The house's three main structural parts and its floor area.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Housing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_durable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_durable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roof_durable: Option<bool>,
    /// Floor area in square metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_area_m2: Option<crate::number::ExactDecimal>,
}

/// Information assets, each owned or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tv: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radio: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smartphone: Option<bool>,
}

impl Assets {
    /// Whether the household owns `asset`. A smartphone is a telephone too, so owning one
    /// answers "owns a telephone" even when `telephone` is false or absent.
    pub fn get(&self, asset: InformationAsset) -> Option<bool> {
        match asset {
            InformationAsset::Tv => self.tv,
            InformationAsset::Radio => self.radio,
            InformationAsset::Computer => self.computer,
            InformationAsset::Telephone if self.smartphone == Some(true) => Some(true),
            InformationAsset::Telephone => self.telephone,
            InformationAsset::Smartphone => self.smartphone,
        }
    }
}

macro_rules! fact_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal, $vi:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
            pub fn name_vi(self) -> &'static str {
                match self { $($name::$variant => $vi,)+ }
            }
        }
    };
}

fact_enum!(
    /// Highest level of education or training completed.
    EducationLevel {
        None => "none", "chưa tốt nghiệp tiểu học";
        Primary => "primary", "tiểu học";
        LowerSecondary => "lower_secondary", "trung học cơ sở";
        UpperSecondary => "upper_secondary", "trung học phổ thông";
        /// Sơ cấp nghề.
        VocationalElementary => "vocational_elementary", "sơ cấp nghề";
        /// Trung cấp.
        VocationalIntermediate => "vocational_intermediate", "trung cấp";
        /// Cao đẳng.
        College => "college", "cao đẳng";
        /// Đại học or above.
        University => "university", "đại học trở lên";
    }
);

fact_enum!(
    /// Main source of water for daily use.
    WaterSource {
        Piped => "piped", "nước máy";
        DrilledWell => "drilled_well", "giếng khoan";
        ProtectedDugWell => "protected_dug_well", "giếng đào được bảo vệ";
        UnprotectedDugWell => "unprotected_dug_well", "giếng đào không được bảo vệ";
        ProtectedSpring => "protected_spring", "nước khe/mó được bảo vệ";
        UnprotectedSpring => "unprotected_spring", "nước khe/mó không được bảo vệ";
        Rainwater => "rainwater", "nước mưa";
        Bottled => "bottled", "nước đóng bình, đóng chai";
        Vendor => "vendor", "nước mua từ xe chở, người bán";
        SurfaceWater => "surface_water", "nước sông, suối, ao, hồ";
        Other => "other", "nguồn khác";
    }
);

fact_enum!(
    /// Kind of toilet (latrine).
    ToiletType {
        /// Tự hoại.
        SepticTank => "septic_tank", "tự hoại";
        /// Bán tự hoại.
        SemiSeptic => "semi_septic", "bán tự hoại";
        /// Thấm dội nước.
        PourFlush => "pour_flush", "thấm dội nước";
        /// Hai ngăn.
        DoubleVault => "double_vault", "hai ngăn";
        /// Chìm có ống thông hơi.
        VentilatedPit => "ventilated_pit", "chìm có ống thông hơi";
        /// Biogas.
        Biogas => "biogas", "biogas";
        /// Hố đào đơn giản.
        SimplePit => "simple_pit", "hố đào đơn giản";
        /// Cầu tõm, trên ao cá.
        Hanging => "hanging", "cầu tõm, trên ao";
        None => "none", "không có nhà tiêu";
        Other => "other", "loại khác";
    }
);

fact_enum!(
    /// A member's work situation.
    EmploymentStatus {
        /// Wage job with a labour contract.
        WageWithContract => "wage_with_contract", "làm công ăn lương có hợp đồng lao động";
        /// Wage job without a labour contract.
        WageWithoutContract => "wage_without_contract", "làm công ăn lương không có hợp đồng lao động";
        /// Own-account work, farming, household business.
        SelfEmployed => "self_employed", "tự làm, sản xuất kinh doanh";
        /// Able and wanting to work, without work.
        Unemployed => "unemployed", "thất nghiệp";
        /// Studying, retired, unable to work, caring for the home.
        NotInLabourForce => "not_in_labour_force", "không tham gia lực lượng lao động";
    }
);

fact_enum!(
    /// A telecom service the telecom-use indicator counts.
    TelecomService {
        Telephone => "telephone", "thuê bao điện thoại";
        Internet => "internet", "internet";
    }
);

fact_enum!(
    /// An asset the information-access indicator counts.
    InformationAsset {
        Tv => "tv", "ti vi";
        Radio => "radio", "radio";
        Computer => "computer", "máy vi tính";
        Telephone => "telephone", "điện thoại";
        Smartphone => "smartphone", "điện thoại thông minh";
    }
);
