//! Checks a parameter file beyond its schema: sources exist, lines are ordered, the shape has the
//! lines it needs. Embedded and user files go through the same checks and errors.

use super::params::{DerivationRule, Shape, Standard};
use crate::area::Area;
use crate::error::{Collector, Error, ErrorCode, Errors, pointer};
use crate::indicators::IndicatorSet;
use rust_decimal::Decimal;

pub(crate) fn validate(s: &Standard) -> Result<(), Errors> {
    let mut c = Collector::default();
    let invalid = |path: String, vi: String, en: String| Error::new(ErrorCode::StandardInvalid, path, vi, en);

    if s.id.is_empty() || !s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        c.push(invalid(
            "/id".into(),
            "Mã chuẩn chỉ gồm chữ thường, chữ số và dấu '-'.".into(),
            "A standard id has only lowercase letters, digits and '-'.".into(),
        ));
    }
    check_sources(s, &mut c);

    if let Some(to) = &s.valid_to {
        if to.value < s.valid_from.value {
            c.push(invalid(
                "/valid_to/value".into(),
                format!("Ngày hết hiệu lực {} trước ngày có hiệu lực {}.", to.value, s.valid_from.value),
                format!("valid_to {} is before valid_from {}.", to.value, s.valid_from.value),
            ));
        }
    }

    for area in Area::ALL {
        let lines = s.income_lines.get(area);
        let base = format!("/income_lines/{}", area.as_str());
        if lines.poor.value.is_sign_negative() {
            c.push(invalid(
                format!("{base}/poor/value"),
                "Chuẩn nghèo không được âm.".into(),
                "The poor line cannot be negative.".into(),
            ));
        }
        let top = match (s.shape, &lines.near_poor) {
            (Shape::SingleLine, Some(_)) => {
                c.push(invalid(
                    format!("{base}/near_poor"),
                    "Chuẩn một ngưỡng (single_line) không có chuẩn cận nghèo riêng.".into(),
                    "A single_line standard has no separate near-poor line.".into(),
                ));
                lines.poor.value
            }
            (Shape::SingleLine, None) => lines.poor.value,
            (_, None) => {
                c.push(invalid(
                    format!("{base}/near_poor"),
                    "Dạng two_tier và income_only cần chuẩn cận nghèo.".into(),
                    "The two_tier and income_only shapes need a near-poor line.".into(),
                ));
                lines.poor.value
            }
            (_, Some(np)) => {
                if np.value < lines.poor.value {
                    c.push(invalid(
                        format!("{base}/near_poor/value"),
                        "Chuẩn cận nghèo thấp hơn chuẩn nghèo.".into(),
                        "The near-poor line is below the poor line.".into(),
                    ));
                }
                np.value
            }
        };
        if let Some(avg) = &lines.average_living_max {
            if avg.value <= top {
                c.push(invalid(
                    format!("{base}/average_living_max/value"),
                    "Mức trên của hộ có mức sống trung bình phải cao hơn chuẩn cận nghèo.".into(),
                    "The average-living upper bound must be above the near-poor line.".into(),
                ));
            }
        }
    }
    let has_band = Area::ALL.iter().any(|&a| s.income_lines.get(a).average_living_max.is_some());
    if has_band != s.class_sources.average_living.is_some() {
        c.push(invalid(
            "/class_sources/average_living".into(),
            "Cần (và chỉ cần) nguồn cho hộ có mức sống trung bình khi có mức trên của nhóm này.".into(),
            "class_sources.average_living is required exactly when an average_living_max is given.".into(),
        ));
    }

    check_indicators(s, &mut c);
    check_scores(s, &mut c);
    c.finish(())
}

fn check_sources(s: &Standard, c: &mut Collector) {
    let mut refs: Vec<(String, &str)> = vec![
        ("/legal_basis".into(), s.legal_basis.as_str()),
        ("/valid_from/source".into(), s.valid_from.source.as_str()),
        ("/class_sources/poor".into(), s.class_sources.poor.as_str()),
        ("/class_sources/near_poor".into(), s.class_sources.near_poor.as_str()),
    ];
    if let Some(to) = &s.valid_to {
        refs.push(("/valid_to/source".into(), &to.source));
    }
    if let Some(a) = &s.class_sources.average_living {
        refs.push(("/class_sources/average_living".into(), a));
    }
    if let Some(k) = &s.deprivation_cutoff {
        refs.push(("/deprivation_cutoff/source".into(), &k.source));
    }
    for area in Area::ALL {
        let l = s.income_lines.get(area);
        let base = format!("/income_lines/{}", area.as_str());
        refs.push((format!("{base}/poor/source"), &l.poor.source));
        if let Some(v) = &l.near_poor {
            refs.push((format!("{base}/near_poor/source"), &v.source));
        }
        if let Some(v) = &l.average_living_max {
            refs.push((format!("{base}/average_living_max/source"), &v.source));
        }
        if let Some(r) = &s.review_scores {
            let sl = r.lines.get(area);
            let base = format!("/review_scores/lines/{}", area.as_str());
            refs.push((format!("{base}/poor/source"), &sl.poor.source));
            if let Some(v) = &sl.near_poor {
                refs.push((format!("{base}/near_poor/source"), &v.source));
            }
        }
    }
    if let Some(r) = &s.review_scores {
        refs.push(("/review_scores/points_per_indicator/source".into(), &r.points_per_indicator.source));
        refs.push(("/review_scores/deprivation_cutoff/source".into(), &r.deprivation_cutoff.source));
    }
    for (i, ind) in s.indicators.iter().enumerate() {
        refs.push((pointer(["indicators", &i.to_string(), "name_source"]), &ind.name_source));
        refs.push((pointer(["indicators", &i.to_string(), "rule_source"]), &ind.rule_source));
    }
    for (path, key) in refs {
        if !s.sources.contains_key(key) {
            c.push(Error::new(
                ErrorCode::SourceUnknown,
                path,
                format!("Không có nguồn '{key}' trong bảng sources."),
                format!("Source '{key}' is not in the sources table."),
            ));
        }
    }
}

fn check_indicators(s: &Standard, c: &mut Collector) {
    let invalid = |path: String, vi: String, en: String| Error::new(ErrorCode::StandardInvalid, path, vi, en);
    let n = s.indicators.len();
    match (s.shape, &s.deprivation_cutoff) {
        (Shape::IncomeOnly, None) => {
            if n > 0 {
                c.push(invalid(
                    "/indicators".into(),
                    "Chuẩn chỉ theo thu nhập (income_only) không có chỉ số thiếu hụt.".into(),
                    "An income_only standard has no deprivation indicators.".into(),
                ));
            }
        }
        (Shape::IncomeOnly, Some(_)) => c.push(invalid(
            "/deprivation_cutoff".into(),
            "Chuẩn chỉ theo thu nhập không có ngưỡng thiếu hụt.".into(),
            "An income_only standard has no deprivation cutoff.".into(),
        )),
        (_, None) => c.push(invalid(
            "/deprivation_cutoff".into(),
            "Chuẩn đa chiều cần ngưỡng số chỉ số thiếu hụt.".into(),
            "A multidimensional standard needs a deprivation cutoff.".into(),
        )),
        (_, Some(k)) => {
            if k.value == 0 || usize::from(k.value) > n {
                c.push(invalid(
                    "/deprivation_cutoff/value".into(),
                    format!("Ngưỡng thiếu hụt phải từ 1 đến {n} (số chỉ số)."),
                    format!("The deprivation cutoff must be between 1 and {n} (the number of indicators)."),
                ));
            }
        }
    }
    if n > IndicatorSet::CAPACITY {
        c.push(invalid(
            "/indicators".into(),
            format!("Tối đa {} chỉ số.", IndicatorSet::CAPACITY),
            format!("At most {} indicators.", IndicatorSet::CAPACITY),
        ));
    }
    for (i, ind) in s.indicators.iter().enumerate() {
        let base = pointer(["indicators", &i.to_string()]);
        if s.indicators[..i].iter().any(|o| o.id == ind.id) {
            c.push(invalid(
                format!("{base}/id"),
                format!("Mã chỉ số '{}' bị trùng.", ind.id),
                format!("Indicator id '{}' is repeated.", ind.id),
            ));
        }
        if !s.dimensions.iter().any(|d| d.id == ind.dimension) {
            c.push(invalid(
                format!("{base}/dimension"),
                format!("Không có chiều '{}' trong danh sách dimensions.", ind.dimension),
                format!("Dimension '{}' is not in the dimensions list.", ind.dimension),
            ));
        }
        if let Some((vi, en)) = rule_problem(&ind.rule) {
            c.push(invalid(format!("{base}/rule"), vi.into(), en.into()));
        }
    }
}

fn rule_problem(rule: &DerivationRule) -> Option<(&'static str, &'static str)> {
    use DerivationRule::*;
    let bad = match rule {
        AdultEducation { bands, .. } => {
            bands.is_empty()
                || bands.iter().any(|b| b.accepted_levels.is_empty() || b.max_age.is_some_and(|m| m < b.min_age))
        }
        ChildNotInSchool { min_age, under_age } => min_age >= under_age,
        NonDurableHousing { min_non_durable_parts } => !(1..=3).contains(min_non_durable_parts),
        FloorAreaPerPersonBelow { square_metres } => *square_metres <= Decimal::ZERO,
        WaterSourceNotAccepted { accepted } => accepted.is_empty(),
        ToiletNotAccepted { accepted } => accepted.is_empty(),
        NoTelecomUse { services } => services.is_empty(),
        NoInformationMeans { assets, loudspeaker_counts } => assets.is_empty() && !loudspeaker_counts,
        EmploymentDeprived { statuses, .. } => statuses.is_empty(),
        DependantsOverShare { share, .. } => *share <= Decimal::ZERO || *share >= Decimal::ONE,
        UntreatedIllness | UninsuredMember { .. } | MalnourishedChild { .. } | ThresholdUnknown => false,
    };
    bad.then_some((
        "Tham số của quy tắc suy ra chỉ số không hợp lệ (danh sách rỗng, khoảng tuổi ngược, tỷ lệ ngoài (0, 1)...).",
        "The derivation rule's parameters are invalid (empty list, reversed age range, share outside (0, 1)...).",
    ))
}

fn check_scores(s: &Standard, c: &mut Collector) {
    let Some(r) = &s.review_scores else { return };
    let invalid = |path: String, vi: &str, en: &str| Error::new(ErrorCode::StandardInvalid, path, vi, en);
    if s.shape == Shape::IncomeOnly {
        c.push(invalid(
            "/review_scores".into(),
            "Chuẩn chỉ theo thu nhập không có điểm rà soát thiếu hụt.",
            "An income_only standard has no deprivation review score.",
        ));
    }
    if r.points_per_indicator.value == 0 {
        c.push(invalid(
            "/review_scores/points_per_indicator/value".into(),
            "Số điểm mỗi chỉ số phải lớn hơn 0.",
            "Points per indicator must be above 0.",
        ));
    }
    for area in Area::ALL {
        let l = r.lines.get(area);
        let base = format!("/review_scores/lines/{}", area.as_str());
        match (s.shape, &l.near_poor) {
            (Shape::SingleLine, Some(_)) => c.push(invalid(
                format!("{base}/near_poor"),
                "Chuẩn một ngưỡng không có ngưỡng điểm cận nghèo riêng.",
                "A single_line standard has no separate near-poor score line.",
            )),
            (Shape::TwoTier, None) => c.push(invalid(
                format!("{base}/near_poor"),
                "Dạng two_tier cần ngưỡng điểm cận nghèo.",
                "The two_tier shape needs a near-poor score line.",
            )),
            (_, Some(np)) if np.value < l.poor.value => c.push(invalid(
                format!("{base}/near_poor/value"),
                "Ngưỡng điểm cận nghèo thấp hơn ngưỡng điểm nghèo.",
                "The near-poor score line is below the poor score line.",
            )),
            _ => {}
        }
    }
}
