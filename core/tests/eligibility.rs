//! Eligibility end to end, and the QĐ 50/2016 place helpers on both sides of each threshold.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::eligibility::place::{CommuneRates, VillageRates, commune_region_iii, district_status, village_status};
use giamngheo::eligibility::{EligibilityRequest, Outcome, evaluate};
use rust_decimal::Decimal;

/// A poor household in an extremely difficult village of Bảo Lâm (a 30a poor district of Cao
/// Bằng), a Region III commune on the Program 135 list; the person asked about is a Lô Lô pupil
/// (a very small ethnic group) in lower secondary school 8 km from home. The household's class
/// comes from its review answers (income 650.000 đồng: poor on income alone under QĐ 59/2015).
const BAO_LAM: &str = r#"{
  "date": "2018-06-30",
  "household": {
    "classify": {
      "area": "rural", "income": { "monthly_per_capita": "650000" },
      "indicators": { "health_access": false, "health_insurance": false, "adult_education": true, "child_schooling": false,
                      "housing_quality": true, "housing_area": false, "water_source": true, "sanitation": true,
                      "telecom_use": false, "information_assets": false }
    },
    "ethnic_minority": true, "very_small_ethnic_members": 1, "registered_escape_plan": true,
    "left_poor_list_on": null, "left_near_poor_list_on": null, "meritorious_allowance_member": false,
    "special_circumstances": false, "disaster_prone_area": false, "agricultural": true,
    "on_poor_list_2011_2015": true, "separated_on": "2005-03-01", "house_condition": "dilapidated", "previous_housing_support": "none"
  },
  "person": {
    "age": 12, "ethnic_group": "Lô Lô", "woman": false, "disabled": false, "orphan": false, "school_level": "lower_secondary",
    "semi_boarding_school": false, "school_distance_km": "8", "hard_route_to_school": false, "school_in_difficult_area": true,
    "family_hardship": false, "vocational_trainee": false, "worker_abroad": false, "lost_job": false, "rural_worker": false,
    "fisher": false, "meritorious_family": false, "land_recovered": false, "monthly_social_allowance": false,
    "costly_illness": false, "official": false, "prestigious": false
  },
  "place": {
    "province": "Cao Bằng", "district": "Bảo Lâm", "district_275_group": 1, "commune_region": "III", "commune_135": true,
    "commune_border": false, "commune_atk": false, "commune_coastal_ebkk": false,
    "village_rates": { "poor_percent": "48", "near_poor_percent": "20" },
    "island": false, "difficult_area": true, "extremely_difficult_area": true
  }
}"#;

#[test]
fn bao_lam_poor_minority_household_end_to_end() {
    let req: EligibilityRequest = giamngheo::json::from_str(BAO_LAM).unwrap();
    let answer = evaluate(&req).unwrap();
    // Every entry is decided: the request gives every fact the catalog reads.
    for d in &answer.decisions {
        assert_ne!(d.outcome, Outcome::CannotDecide, "{} needs {:?}", d.entry.id, d.missing);
    }
    assert_eq!(
        answer.eligible(),
        [
            "p1_sp1_poor_district_infrastructure", // Bảo Lâm is a 30a poor district (caobang.gov.vn)
            "p1_sp3_production_poor_districts",    // poor, registered to escape poverty (TT 18/2017)
            "p2_sp1_infrastructure_135",           // Program 135 commune (QĐ 1722 Dự án 2)
            "p2_sp2_production_135",
            "p2_sp3_capacity_135",
            "p4_sp1_communication",
            "p4_sp2_audio_visual_equipment", // poor household of a very small ethnic group (TT 06/2017)
            "credit_poor_household",
            "education_tuition",     // exemption: parents in a poor household (NĐ 86/2015 Art. 7)
            "education_study_costs", // NĐ 86/2015 Art. 10
            "education_boarding_support", // lower secondary, Region III, 8 km ≥ 7 km (NĐ 116/2016)
            "health_insurance",      // poor household member: 100% (Health Insurance Law 2014)
            "medical_fund_for_the_poor",
            "housing_support",    // QĐ 33/2015: every condition holds
            "legal_aid",          // QĐ 32/2016
            "legal_aid_law_2017", // Luật Trợ giúp pháp lý 2017 Điều 7 khoản 2: a member of a poor household
        ]
    );
    // The facts the library worked out, each with how.
    let derived: Vec<(&str, serde_json::Value)> =
        answer.derived.iter().map(|d| (d.fact.as_str(), d.value.clone())).collect();
    assert!(derived.contains(&("household.class", "poor".into())));
    assert!(derived.contains(&("household.income_poor", true.into())));
    assert!(derived.contains(&("person.very_small_ethnic_group", true.into())));
    assert!(derived.contains(&("place.district_30a", true.into())));
    assert!(
        derived.contains(&("place.village_ebkk", true.into())),
        "48% + 20% = 68% ≥ 65% and 48% ≥ 35% (QĐ 50/2016 Art. 2)"
    );

    let report = answer.report();
    let by_id = |id: &str| report.decisions.iter().find(|d| d.program == id).unwrap();
    // Reasons: every condition checked, with the value read, in both languages.
    let p1 = by_id("p1_sp1_poor_district_infrastructure");
    let check = p1.checks.iter().find(|c| c.fact == "place.district_30a").unwrap();
    assert_eq!(check.message.vi, "✓ Huyện nghèo 30a: có (cần: có)");
    assert_eq!(check.message.en, "✓ 30a poor district: yes (required: yes)");
    assert!(report.sources.contains_key(&check.source), "every cited source is in the answer");
    // Entitlements with the law's amounts.
    let credit = by_id("credit_poor_household");
    let amounts: Vec<(Option<Decimal>, Option<Decimal>)> =
        credit.entitlements.iter().map(|e| (e.amount, e.percent)).collect();
    assert_eq!(amounts, [(Some(Decimal::from(50_000_000)), None), (None, Some("3.3".parse().unwrap()))]);
    assert_eq!(by_id("health_insurance").entitlements[0].percent, Some(Decimal::from(100)));
    assert_eq!(by_id("education_tuition").entitlements[0].tier, "exempt_poor");
    let housing = by_id("housing_support");
    assert_eq!(housing.entitlements[0].amount, Some(Decimal::from(25_000_000)));
    assert_eq!(
        housing.priority.as_ref().and_then(|p| p.rank),
        Some(2),
        "ethnic-minority household: second in QĐ 33/2015's order"
    );
    // And the ones it does not get, with the failed condition.
    let p3 = by_id("p3_production_outside_30a_135");
    assert_eq!(p3.outcome, Outcome::NotEligible);
    assert!(p3.checks.iter().any(|c| c.fact == "place.district_30a" && c.message.en.starts_with('✗')));
}

#[test]
fn why_not_keeps_only_what_failed() {
    let mut req: EligibilityRequest = giamngheo::json::from_str(BAO_LAM).unwrap();
    req.program = Some("credit_near_poor_household".into());
    let answer = giamngheo::eligibility::why_not(&req).unwrap();
    let d = &answer.decisions[0];
    assert_eq!(d.outcome, Outcome::NotEligible);
    assert!(!d.checks.is_empty());
    assert!(d.checks.iter().all(|c| c.outcome != giamngheo::eligibility::CheckOutcome::Pass));
    assert_eq!(d.checks[0].fact(), "household.class");
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn village(poor: &str, near: &str, se: Option<bool>, em: Option<&str>, factors: Option<u8>) -> Option<bool> {
    village_status(&VillageRates {
        poor_percent: d(poor).into(),
        near_poor_percent: d(near).into(),
        southeast_or_mekong: se,
        ethnic_minority_percent: em.map(|x| d(x).into()),
        factors_met: factors,
    })
    .status
}

/// QĐ 50/2016/QĐ-TTg Art. 2: criterion 1 (poor + near-poor ≥ 65%, of which poor ≥ 35%) on both sides.
#[test]
fn village_criterion_1_both_sides() {
    assert_eq!(village("35", "30", None, None, None), Some(true));
    assert_eq!(village("35", "29.99", Some(false), Some("0"), Some(0)), Some(false));
    assert_eq!(village("34.99", "40", Some(false), Some("0"), Some(1)), Some(false));
}

/// Criterion 2: ≥ 55% (≥ 30% in the Southeast and the Mekong Delta) and 2 of 3 factors, or 1 of 3
/// with ≥ 80% ethnic-minority households.
#[test]
fn village_criterion_2_both_sides() {
    assert_eq!(village("20", "35", Some(false), Some("50"), Some(2)), Some(true));
    assert_eq!(village("20", "34.99", Some(false), Some("50"), Some(3)), Some(false));
    assert_eq!(village("20", "35", Some(false), Some("50"), Some(1)), Some(false));
    assert_eq!(village("20", "35", Some(false), Some("80"), Some(1)), Some(true));
    assert_eq!(village("20", "35", Some(false), Some("79.99"), Some(1)), Some(false));
    assert_eq!(village("10", "20", Some(true), Some("0"), Some(2)), Some(true));
    assert_eq!(village("10", "19.99", Some(true), Some("0"), Some(3)), Some(false));
    // Unknown, not false, when the factors are not given.
    let f = village_status(&VillageRates {
        poor_percent: d("20").into(),
        near_poor_percent: d("40").into(),
        southeast_or_mekong: Some(false),
        ethnic_minority_percent: None,
        factors_met: None,
    });
    assert_eq!(f.status, None);
    assert_eq!(f.missing, ["/place/village_rates/factors_met", "/place/village_rates/ethnic_minority_percent"]);
}

fn commune(villages: &str, poor: &str, near: &str, em: Option<&str>, conditions: Option<u8>) -> Option<bool> {
    commune_region_iii(&CommuneRates {
        ebkk_villages_percent: d(villages).into(),
        poor_percent: d(poor).into(),
        near_poor_percent: d(near).into(),
        southeast_or_mekong: Some(false),
        ethnic_minority_percent: em.map(|x| d(x).into()),
        conditions_met: conditions,
    })
    .status
}

/// QĐ 50/2016: Region III needs (a) ≥ 35% extremely difficult villages, plus (b) or (c).
#[test]
fn commune_region_iii_both_sides() {
    assert_eq!(commune("35", "35", "30", None, None), Some(true)); // (a) and (b)
    assert_eq!(commune("34.99", "50", "30", None, None), Some(false)); // (a) is compulsory
    assert_eq!(commune("40", "20", "35", Some("10"), Some(3)), Some(true)); // (a) and (c)
    assert_eq!(commune("40", "20", "35", Some("10"), Some(2)), Some(false));
    assert_eq!(commune("40", "20", "35", Some("60"), Some(2)), Some(true)); // ≥ 60% ethnic minority: 2 of 6
    assert_eq!(commune("40", "20", "34.99", Some("60"), Some(6)), Some(false));
}

#[test]
fn cao_bang_districts_from_data() {
    // caobang.gov.vn: 5 poor districts under NQ 30a and Thạch An under QĐ 293.
    let poor: Vec<&str> = ["Bảo Lạc", "Bảo Lâm", "Hà Quảng", "Thông Nông", "Hạ Lang"].into();
    for name in poor {
        assert!(district_status("Cao Bằng", name).unwrap().district_30a, "{name}");
    }
    let thach_an = district_status("tỉnh Cao Bằng", "huyện Thạch An").unwrap();
    assert!(!thach_an.district_30a && thach_an.district_293);
    assert!(!district_status("Cao Bằng", "Hòa An").unwrap().district_30a);
    assert!(district_status("Hà Giang", "Đồng Văn").is_none(), "no data for other provinces: nothing is guessed");
}

#[test]
fn the_catalog_covers_every_project_and_policy_of_plan_section_v() {
    let all = giamngheo::eligibility::catalogs().unwrap();
    let sections: std::collections::BTreeSet<&str> = all
        .iter()
        .filter(|c| c.id == "general-policies" || c.id == "ntp-spr-2016-2020-cao-bang")
        .flat_map(|c| &c.entries)
        .map(|e| e.plan_section.as_str())
        .collect();
    for s in [
        "V.A.1.a", "V.A.1.b", "V.A.1.c", "V.A.2.1", "V.A.2.b", "V.A.2.c", "V.A.3", "V.A.4", "V.A.5", "V.B.1", "V.B.2",
        "V.B.3", "V.B.4", "V.B.5",
    ] {
        assert!(sections.contains(s), "no entry for plan section {s}");
    }
}

/// Every entry of every catalog has conformance cases on both outcomes, in the shared files
/// (`tests/conformance/eligibility*.json`) that Rust, Python and JS all run.
#[test]
fn every_entry_has_cases_on_both_outcomes() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut cases = Vec::new();
    for file in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("eligibility") && name.ends_with(".json") {
            let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            cases.extend(doc["cases"].as_array().unwrap().iter().cloned());
        }
    }
    for e in giamngheo::eligibility::catalogs().unwrap().iter().flat_map(|c| &c.entries) {
        let outcomes: std::collections::BTreeSet<String> = cases
            .iter()
            .filter(|k| k["request"]["program"] == e.id.as_str())
            .filter_map(|k| k["expect"]["values"]["/decisions/0/outcome"].as_str().map(String::from))
            .collect();
        assert!(outcomes.contains("eligible") && outcomes.contains("not_eligible"), "{}: {:?}", e.id, outcomes);
    }
}

/// Program periods whose projects are not encoded are named in the answer (QĐ 90/QĐ-TTg for
/// 2021-2025; NQ 257/2025/QH15 and its plans for 2026-2030), never a silent "no"; inside the
/// encoded 2016-2020 program there is none, and the general policies answer in every period.
#[test]
fn program_gaps_are_named_by_date() {
    let gaps = |date: &str| {
        let request: EligibilityRequest =
            giamngheo::json::from_str(&format!(r#"{{"date": "{date}", "household": {{"class": "poor"}}}}"#)).unwrap();
        let answer = evaluate(&request).unwrap();
        assert!(answer.decision("health_insurance").unwrap().outcome.is_eligible(), "{date}");
        // The first document of each gap: the program's own decision or resolution.
        answer.program_gaps().filter_map(|g| g.documents.first().cloned()).collect::<Vec<_>>()
    };
    assert!(gaps("2018-06-30").is_empty());
    assert!(gaps("2020-12-31").is_empty());
    assert_eq!(gaps("2021-01-01"), ["qd90-2022"]);
    assert_eq!(gaps("2025-12-31"), ["qd90-2022"]);
    assert_eq!(gaps("2026-01-01"), ["nq257-2025"]);
    assert_eq!(gaps("2030-12-31"), ["nq257-2025"]);
}

/// The catalog check refuses a version that neither ends nor says until when a source shows it in
/// force: an open-ended answer would extend the law silently.
#[test]
fn a_version_with_no_end_and_no_known_until_is_refused() {
    let general = giamngheo::eligibility::catalogs().unwrap().iter().find(|c| c.id == "general-policies").unwrap();
    assert!(giamngheo::eligibility::catalogs::validate(general).is_ok());
    let mut c = general.clone();
    let entry = c.entries.iter_mut().find(|e| e.id == "credit_poor_household").unwrap();
    let open = entry.tiers.iter_mut().find(|t| t.valid_to.is_none()).unwrap();
    open.known_until = None;
    let errors = giamngheo::eligibility::catalogs::validate(&c).unwrap_err();
    assert!(errors.as_slice().iter().any(|e| e.message.en.contains("no known_until")), "{errors}");
    // Every embedded version is closed or dated.
    for catalog in giamngheo::eligibility::catalogs().unwrap() {
        for e in &catalog.entries {
            for t in &e.tiers {
                assert!(
                    t.valid_to.is_some() || e.valid_to.is_some() || t.known_until.is_some(),
                    "{}/{}: open-ended",
                    e.id,
                    t.id
                );
            }
        }
    }
}
