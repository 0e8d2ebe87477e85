//! The embedded standards as a whole: periods that touch without overlapping, and parameter
//! files (embedded or a caller's) checked by the same rules, with codes and paths.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::{Date, ErrorCode, Standard, standard_in_force, standards};
use serde_json::Value;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// QĐ 09/2011 ends 2015-12-31, QĐ 59/2015 covers 2016-2021 (NĐ 07/2021 Điều 2), NĐ 07/2021
/// Điều 3 covers 2022-2026 and NĐ 351/2025 2027-2030 (NĐ 351/2025, as reported on 2025-12-31):
/// the periods touch, with no gap and no overlap.
#[test]
fn periods_are_contiguous_from_2011_to_2030() {
    let all = standards().unwrap();
    assert_eq!(
        all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["qd09-2011", "qd59-2015", "nd07-2021", "nd351-2025"]
    );
    assert_eq!(all[0].valid_from.value, date("2011-01-01"));
    for pair in all.windows(2) {
        let end = pair[0].valid_to.as_ref().unwrap().value;
        let next = pair[1].valid_from.value;
        assert!(end < next, "{} overlaps {}", pair[0].id, pair[1].id);
        let day_after = match end.to_string().as_str() {
            "2015-12-31" => date("2016-01-01"),
            "2021-12-31" => date("2022-01-01"),
            "2026-12-31" => date("2027-01-01"),
            other => panic!("unexpected period end {other}"),
        };
        assert_eq!(next, day_after, "gap between {} and {}", pair[0].id, pair[1].id);
    }
    assert_eq!(all[3].valid_to.as_ref().unwrap().value, date("2030-12-31"));
}

/// The gaps left are only the truly missing periods: before 2011 and after 2030.
#[test]
fn a_date_in_a_known_gap_names_the_gap() {
    let e = standard_in_force(date("2010-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::DateOutsideAnyStandard);
    assert!(e.message.vi.contains("QĐ 170/2005"), "{e}");
    let e = standard_in_force(date("2031-01-01")).unwrap_err();
    assert_eq!(e.code, ErrorCode::DateOutsideAnyStandard);
    assert!(e.message.en.contains("after 2030") && e.message.en.contains("NĐ 351/2025"), "{e}");
    let gaps = giamngheo::gaps().unwrap();
    assert_eq!(gaps.len(), 2);
    for s in standards().unwrap() {
        for g in gaps {
            assert!(!s.covers(g.from), "the gap from {} overlaps {}", g.from, s.id);
        }
    }
}

/// NĐ 351/2025: every value carries a source, and nothing the library could not read is
/// labelled better than the reports it rests on.
#[test]
fn nd351_values_are_sourced_and_labelled_honestly() {
    use giamngheo::{Confidence, standard::DerivationRule};
    let s = giamngheo::standard_by_id("nd351-2025").unwrap();
    for area in giamngheo::Area::ALL {
        let l = s.income_lines.get(area);
        assert_eq!(l.poor.confidence, Confidence::Secondary, "press reports of the decree, not its text");
        assert!(l.average_living_max.is_none(), "no source gives a 2027-2030 average-living band");
    }
    assert_eq!(s.income_lines.rural.poor.value, rust_decimal::Decimal::from(2_200_000));
    assert_eq!(s.income_lines.urban.poor.value, rust_decimal::Decimal::from(2_800_000));
    assert!(s.review_scores.is_none(), "no 2027-2030 circular fixing review scores was found");
    assert_eq!(s.indicators.len(), 12);
    assert!(s.indicator_index("information_means").is_none(), "removed by the final decree");
    for ind in &s.indicators {
        assert!(ind.name_confidence.is_some_and(|c| c >= Confidence::Secondary), "{}: name from the draft", ind.id);
        assert_eq!(ind.rule_confidence, Confidence::Unverified, "{}: no threshold of the issued text", ind.id);
        let src = s.source(&ind.rule_source).unwrap();
        if ind.rule != DerivationRule::ThresholdUnknown {
            assert!(src.document.starts_with("Dự thảo"), "{}: a known threshold here comes from the draft", ind.id);
        }
    }
    assert!(s.no_average_living_band.is_some());
}

fn qd59() -> Value {
    serde_json::from_str(include_str!("../data/standards/qd59-2015.json")).unwrap()
}

fn load(v: &Value) -> Result<Standard, giamngheo::Errors> {
    Standard::from_json(&v.to_string())
}

fn codes_and_paths(v: &Value) -> Vec<(ErrorCode, String)> {
    load(v).unwrap_err().as_slice().iter().map(|e| (e.code, e.path.clone())).collect()
}

#[test]
fn a_copy_of_an_embedded_file_loads_as_a_callers_standard() {
    let s = load(&qd59()).unwrap();
    assert_eq!(&s, giamngheo::standard_by_id("qd59-2015").unwrap());
}

#[test]
fn a_local_standard_file_loads() {
    let text = include_str!("../../tests/standards/dong-nai-2022.json");
    let s = Standard::from_json(text).unwrap();
    assert_eq!(s.cutoff(), 2);
}

#[test]
fn near_poor_line_below_poor_line_is_rejected() {
    let mut v = qd59();
    v["income_lines"]["rural"]["near_poor"]["value"] = "600000".into();
    assert_eq!(codes_and_paths(&v), [(ErrorCode::StandardInvalid, "/income_lines/rural/near_poor/value".to_string())]);
}

#[test]
fn unknown_source_key_is_rejected() {
    let mut v = qd59();
    v["income_lines"]["urban"]["poor"]["source"] = "nowhere".into();
    assert_eq!(codes_and_paths(&v), [(ErrorCode::SourceUnknown, "/income_lines/urban/poor/source".to_string())]);
}

#[test]
fn cutoff_above_the_number_of_indicators_is_rejected() {
    let mut v = qd59();
    v["deprivation_cutoff"]["value"] = 11.into();
    assert_eq!(codes_and_paths(&v), [(ErrorCode::StandardInvalid, "/deprivation_cutoff/value".to_string())]);
}

#[test]
fn single_line_shape_with_a_near_poor_line_is_rejected() {
    let mut v = qd59();
    v["shape"] = "single_line".into();
    let got = codes_and_paths(&v);
    assert!(got.contains(&(ErrorCode::StandardInvalid, "/income_lines/rural/near_poor".to_string())), "{got:?}");
    assert!(got.contains(&(ErrorCode::StandardInvalid, "/review_scores/lines/urban/near_poor".to_string())), "{got:?}");
}

#[test]
fn validity_that_ends_before_it_starts_is_rejected() {
    let mut v = qd59();
    v["valid_to"]["value"] = "2015-01-01".into();
    assert_eq!(codes_and_paths(&v), [(ErrorCode::StandardInvalid, "/valid_to/value".to_string())]);
}

#[test]
fn repeated_indicator_id_and_unknown_dimension_are_rejected() {
    let mut v = qd59();
    v["indicators"][1]["id"] = "health_access".into();
    v["indicators"][2]["dimension"] = "wealth".into();
    assert_eq!(
        codes_and_paths(&v),
        [
            (ErrorCode::StandardInvalid, "/indicators/1/id".to_string()),
            (ErrorCode::StandardInvalid, "/indicators/2/dimension".to_string()),
        ]
    );
}

#[test]
fn seventeen_indicators_is_more_than_a_set_holds() {
    let mut v = qd59();
    let extra: Vec<Value> = (0..7)
        .map(|i| {
            let mut x = v["indicators"][0].clone();
            x["id"] = format!("extra_{i}").into();
            x
        })
        .collect();
    v["indicators"].as_array_mut().unwrap().extend(extra);
    assert_eq!(codes_and_paths(&v), [(ErrorCode::StandardInvalid, "/indicators".to_string())]);
}

#[test]
fn malformed_files_get_json_errors_with_paths() {
    let e = Standard::from_json("{ \"id\": ").unwrap_err();
    assert_eq!(e.first().code, ErrorCode::JsonSyntax);
    let mut v = qd59();
    v["income_lines"]["rural"]["poor"]["value"] = "bảy trăm".into();
    assert_eq!(codes_and_paths(&v), [(ErrorCode::NumberInvalid, "/income_lines/rural/poor/value".to_string())]);
    let mut v = qd59();
    v["indicators"][0]["rule"] = serde_json::json!({ "kind": "astrology" });
    assert_eq!(codes_and_paths(&v)[0].0, ErrorCode::ValueUnknown);
}

/// giamngheo::limits: sizes beyond them are `limit_exceeded`, never a crash or a hang.
#[test]
fn limits_are_typed_errors() {
    use giamngheo::limits::{MAX_INPUT_BYTES, MAX_STRING_BYTES};
    let big = format!("{{\"area\": \"rural\", \"x\": \"{}\"}}", "a".repeat(MAX_INPUT_BYTES));
    let e = giamngheo::classify_json(&big).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::LimitExceeded, ""));
    let long = format!("{{\"area\": \"{}\"}}", "đ".repeat(MAX_STRING_BYTES));
    let e = giamngheo::classify_json(&long).unwrap_err();
    assert_eq!(e.first().code, ErrorCode::LimitExceeded);
    // The message quotes the start of the string, its whole length and the field it is in.
    let en = &e.first().message.en;
    assert!(
        en.starts_with(&format!("The JSON string '{}…' in field 'area' is 20000 bytes long", "đ".repeat(40))),
        "{en}"
    );
    // At the string limit: an ordinary error about the value, not the limit.
    let ok = format!("{{\"area\": \"{}\"}}", "a".repeat(MAX_STRING_BYTES));
    assert_eq!(giamngheo::classify_json(&ok).unwrap_err().first().code, ErrorCode::AreaUnknown);
    // Escapes count as written; a string with escaped quotes is still one string.
    let escaped = format!("{{\"area\": \"{}\"}}", "\\\"".repeat(MAX_STRING_BYTES / 2 + 1));
    assert_eq!(giamngheo::classify_json(&escaped).unwrap_err().first().code, ErrorCode::LimitExceeded);
    assert_eq!(Standard::from_json(&big).unwrap_err().first().code, ErrorCode::LimitExceeded);
}
