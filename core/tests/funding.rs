//! Funding: plans that add up (Cao Bằng 449/KH-UBND, QĐ 1722), the points-method allocation with
//! largest-remainder rounding (unit tests and proptest invariants), counterpart ratios, and the
//! embedded data against the generated schemas.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::funding::{
    self, Allocation, CoefficientSet, CounterpartRequest, Limit, RatioRule, Rounding, Unit, allocate,
    allocate_unit_set, check_plan, coefficient_set_by_id, counterpart_ratio, plan_by_id, unit_set_by_id,
};
use giamngheo::{Confidence, ErrorCode};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::path::PathBuf;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const TY: i64 = 1_000_000_000;

// ---------------------------------------------------------------- plans

#[test]
fn kh449_cao_bang_plan_adds_up_6401_252_ty() {
    // KH 449/KH-UBND mục IV: 6.401,252 tỷ = 2.281,327 (1.529 + 752,327) + 4.119,925.
    let plan = plan_by_id("cao-bang-449-2017").unwrap();
    assert_eq!(plan.total.value, d("6401252000000"));
    let central = plan.funds.central.as_ref().unwrap();
    assert_eq!(central.investment.as_ref().unwrap().value, Decimal::from(1_529 * TY));
    assert_eq!(central.recurrent.as_ref().unwrap().value, d("752327000000"));
    assert_eq!(plan.funds.other_mobilised.as_ref().unwrap().value, d("4119925000000"));
    let check = check_plan(plan).unwrap();
    assert!(check.adds_up, "{:?}", check.mismatches);
    assert_eq!(check.sums.len(), 2);
    assert_eq!(check.sums[0].actual, d("6401252000000"));
    assert_eq!(check.sums[1].actual, d("2281327000000"));
    assert!(check.sums.iter().all(|s| s.difference.is_zero() && s.holds));
}

#[test]
fn qd1722_national_totals_add_up_and_the_remainder_is_labelled_unverified() {
    // QĐ 1722/QĐ-TTg: 48.397 tỷ, of which central 41.449 = 29.698 + 11.751; 6.948 is arithmetic.
    let plan = plan_by_id("qd1722-2016").unwrap();
    let check = check_plan(plan).unwrap();
    assert!(check.adds_up);
    assert_eq!(check.sums[1].expected, Decimal::from(41_449 * TY));
    assert_eq!(check.sums[1].actual, Decimal::from(29_698 * TY) + Decimal::from(11_751 * TY));
    let rest = plan.funds.local_and_other.as_ref().unwrap();
    assert_eq!(rest.value, Decimal::from(6_948 * TY));
    assert_eq!(rest.confidence, Some(Confidence::Partial));
    assert!(rest.note.as_ref().unwrap().en.contains("UNVERIFIED"));
    assert!(plan.funds.local_budget.is_none() && plan.funds.other_mobilised.is_none());
}

#[test]
fn every_embedded_amount_carries_its_source_and_confidence() {
    for plan in funding::plans().unwrap() {
        let f = &plan.funds;
        let central = f.central.as_ref();
        let amounts = [Some(&plan.total), central.map(|c| &c.amount)]
            .into_iter()
            .chain([central.and_then(|c| c.investment.as_ref()), central.and_then(|c| c.recurrent.as_ref())])
            .chain([f.local_budget.as_ref(), f.other_mobilised.as_ref(), f.local_and_other.as_ref(), f.credit.as_ref()])
            .flatten();
        for a in amounts {
            let key = a.source.as_deref().unwrap_or_else(|| panic!("{}: an amount without a source", plan.id));
            assert!(plan.source(key).is_some_and(|c| c.url.is_some()), "{}: {key}", plan.id);
            assert!(a.confidence.is_some(), "{}: an amount without a confidence label", plan.id);
        }
    }
}

#[test]
fn kh449_with_a_wrong_recurrent_figure_is_reported_with_path_and_exact_difference() {
    // Typing 752 tỷ for the plan's 752,327 tỷ leaves the central budget 327 million short.
    let mut plan = plan_by_id("cao-bang-449-2017").unwrap().clone();
    plan.funds.central.as_mut().unwrap().recurrent.as_mut().unwrap().value = Decimal::from(752 * TY).into();
    let check = check_plan(&plan).unwrap();
    assert!(!check.adds_up);
    assert_eq!(check.mismatches.len(), 1);
    let m = &check.mismatches[0];
    assert_eq!(m.path, "/funds/central/amount/value");
    assert_eq!(m.parts, ["/funds/central/investment/value", "/funds/central/recurrent/value"]);
    assert_eq!((m.expected, m.actual, m.difference), (d("2281327000000"), d("2281000000000"), d("-327000000")));
    assert!(m.message.vi.contains("-327.000.000") && m.message.en.contains("-327,000,000"), "{:?}", m.message);
}

#[test]
fn a_plan_with_a_breakdown_by_district_reports_the_line_that_is_off() {
    let text = json!({
        "id": "t", "document": "test", "name": { "vi": "t", "en": "t" }, "scope": "test",
        "period": { "from_year": 2016, "to_year": 2020 }, "total": { "value": "1529" },
        "funds": { "central": { "amount": { "value": "1529" }, "investment": { "value": "1529" }, "recurrent": { "value": "0" } } },
        "breakdowns": [{ "id": "d", "name": "by district", "of": "central_investment", "by": "district", "lines": [
            { "id": "a", "name": "A", "amount": { "value": "1000" }, "by": "commune", "lines": [
                { "id": "a1", "name": "A1", "amount": { "value": "600" } }, { "id": "a2", "name": "A2", "amount": { "value": "399.99" } } ] },
            { "id": "b", "name": "B", "amount": { "value": "529" } } ] }]
    });
    let plan = funding::FundingPlan::from_json(&text.to_string()).unwrap();
    let check = check_plan(&plan).unwrap();
    assert_eq!(check.sums.len(), 4); // sources, central split, district lines, commune lines of A
    assert_eq!(check.mismatches.len(), 1);
    assert_eq!(check.mismatches[0].path, "/breakdowns/0/lines/0/amount/value");
    assert_eq!(check.mismatches[0].difference, d("-0.01"));
}

#[test]
fn malformed_plans_are_errors_with_paths_not_findings() {
    let base = serde_json::to_value(plan_by_id("cao-bang-449-2017").unwrap()).unwrap();
    let mut negative = base.clone();
    negative["total"]["value"] = json!("-1");
    let e = funding::FundingPlan::from_json(&negative.to_string()).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::AmountNegative, "/total/value"));
    assert!(!e.first().message.vi.is_empty() && !e.first().message.en.is_empty());
    let mut unknown = base;
    unknown["funds"]["grants"] = json!({ "value": "1" });
    let e = funding::FundingPlan::from_json(&unknown.to_string()).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::FieldUnknown, "/funds/grants"));
}

// ---------------------------------------------------------------- allocation

fn cao_bang_split() -> Allocation<'static> {
    let plan = plan_by_id("cao-bang-449-2017").unwrap();
    let pool = plan.funds.central.as_ref().unwrap().investment.as_ref().unwrap().value.get();
    let set = coefficient_set_by_id("illustrative-points-2016").unwrap();
    let units = unit_set_by_id("cao-bang-districts-2017").unwrap();
    allocate_unit_set(set, units, pool, Decimal::from(1_000_000)).unwrap()
}

#[test]
fn kh449_investment_1529_ty_split_among_13_districts_adds_up_to_the_dong() {
    let a = cao_bang_split();
    assert_eq!(a.units.len(), 13);
    let sum: Decimal = a.units.iter().map(|u| u.amount).sum();
    assert_eq!(sum, d("1529000000000"));
    assert_eq!(a.total, a.pool);
    assert!(a.illustrative, "illustrative coefficients and figures must be flagged");
    assert_eq!(a.notes.len(), 2);
    assert!(a.notes.iter().all(|n| n.en.starts_with("ILLUSTRATIVE")));
    // Every amount is a whole number of millions (the pool is), and each is its exact quota
    // rounded down or up by one million.
    for u in &a.units {
        assert!((u.amount % Decimal::from(1_000_000)).is_zero(), "{}", u.id());
        let gap = u.amount - u.before_rounding.value();
        assert!(gap.abs() < Decimal::from(1_000_000), "{}: {gap}", u.id());
    }
    // The expected amounts were computed independently with exact fractions (Python, outside
    // the library) from the same illustrative data.
    let expect = [
        ("thanh-pho-cao-bang", 60_000),
        ("bao-lam", 155_237),
        ("bao-lac", 164_099),
        ("thong-nong", 127_059),
        ("ha-quang", 150_841),
        ("tra-linh", 93_583),
        ("trung-khanh", 113_896),
        ("ha-lang", 138_814),
        ("quang-uyen", 97_323),
        ("phuc-hoa", 81_921),
        ("hoa-an", 98_171),
        ("nguyen-binh", 114_601),
        ("thach-an", 133_455),
    ];
    for (u, (id, millions)) in a.units.iter().zip(expect) {
        assert_eq!((u.id(), u.amount), (id, Decimal::from(millions) * Decimal::from(1_000_000)));
    }
}

#[test]
fn the_30a_and_qd293_statuses_of_domain_1_3_earn_their_priorities() {
    let a = cao_bang_split();
    let with =
        |p: &str| -> Vec<&str> { a.units.iter().filter(|u| u.priorities().contains(&p)).map(|u| u.name()).collect() };
    assert_eq!(with("poor_district_30a"), ["Bảo Lâm", "Bảo Lạc", "Thông Nông", "Hà Quảng", "Hạ Lang"]);
    assert_eq!(with("qd293_district"), ["Thạch An"]);
    let thach_an = a.units.iter().find(|u| u.id() == "thach-an").unwrap();
    assert_eq!(thach_an.multiplier, d("1.15"));
    assert_eq!(thach_an.points, thach_an.base_points * d("1.15"));
}

#[test]
fn the_city_is_held_at_the_illustrative_floor_and_says_so() {
    let mut a = cao_bang_split();
    a.explain();
    let city = &a.units[0];
    assert_eq!(city.name(), "Thành phố Cao Bằng");
    assert_eq!((city.limit, city.amount), (Limit::Floor, Decimal::from(60 * TY)));
    assert!(city.messages.iter().any(|m| m.vi.contains("mức sàn") && m.en.contains("Floor applied")));
    // Each unit explains every criterion, its points, share, norms and rounding, in vi and en.
    for u in &a.units {
        assert!(u.messages.len() >= 7 + 3, "{}", u.id());
        assert!(u.messages.iter().all(|m| !m.vi.is_empty() && !m.en.is_empty()));
    }
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["units"][0]["messages"].as_array().unwrap().len(), city.messages.len());
}

#[test]
fn the_table_prints_every_district_and_a_total_equal_to_the_pool() {
    let a = cao_bang_split();
    let table = funding::allocation_table(&a);
    assert!(table.contains("MINH HỌA") && table.contains("ILLUSTRATIVE"));
    for u in &a.units {
        assert!(table.contains(u.name()), "{}", u.name());
    }
    let total = table.lines().find(|l| l.starts_with("Tổng / Total")).unwrap();
    assert!(total.trim_end().ends_with("1.529.000.000.000"), "{total}");
    assert!(table.contains(": khớp\n") && table.contains(": matches\n"), "the check line, in vi and en");
}

fn set(floor: Option<i64>, cap: Option<i64>) -> CoefficientSet {
    let mut s = CoefficientSet::from_json(
        &json!({
            "id": "t", "name": { "vi": "thử", "en": "test" }, "illustrative": true,
            "criteria": [
                { "id": "poor", "group": "poverty", "name": { "vi": "Hộ nghèo", "en": "Poor households" },
                  "measure": { "vi": "hộ", "en": "households" }, "scoring": { "kind": "linear", "points_per_unit": "0.01" } },
                { "id": "area", "group": "natural_area", "name": { "vi": "Diện tích", "en": "Area" },
                  "measure": { "vi": "km²", "en": "km²" }, "scoring": { "kind": "linear", "points_per_unit": "0.5" } }
            ]
        })
        .to_string(),
    )
    .unwrap();
    s.floor = floor.map(|f| Decimal::from(f).into());
    s.cap = cap.map(|c| Decimal::from(c).into());
    s
}

fn unit(id: &str, poor: i64, area: i64) -> Unit {
    Unit::new(id, id.to_uppercase(), [("poor", Decimal::from(poor)), ("area", Decimal::from(area))])
}

#[test]
fn largest_remainder_tie_break_is_remainder_then_points_then_id() {
    let s = set(None, None);
    // 100 đồng among three equal units: 33⅓ each; the extra đồng goes to the lowest id.
    let units = vec![unit("c", 100, 0), unit("a", 100, 0), unit("b", 100, 0)];
    let a = allocate(&s, &units, Decimal::from(100), Decimal::ONE).unwrap();
    let got: Vec<(&str, Decimal)> = a.units.iter().map(|u| (u.id(), u.amount)).collect();
    assert_eq!(got, [("c", d("33")), ("a", d("34")), ("b", d("33"))]);
    assert_eq!(a.units[1].rounding, Rounding::Up);
    assert_eq!(a.units.iter().map(|u| u.remainder_rank.unwrap()).collect::<Vec<_>>(), [3, 1, 2]);
    // 3 đồng at 1:3 is 0,75 and 2,25: the larger remainder (0,75) wins over more points.
    let units = vec![unit("a", 100, 0), unit("b", 300, 0)];
    let a = allocate(&s, &units, Decimal::from(3), Decimal::ONE).unwrap();
    assert_eq!((a.units[0].amount, a.units[1].amount), (d("1"), d("2")));
}

#[test]
fn floors_and_caps_together_keep_the_total_and_the_proportions_of_the_free_units() {
    // 1.000 at 1:2:3:14 points = 50, 100, 150, 700; floor 80, cap 500: the cap excess (200)
    // outweighs the floor shortfall (30), so the big unit is capped, then 500 is shared 1:2:3
    // (83⅓, 166⅔, 250) and nobody is below 80.
    let s = set(Some(80), Some(500));
    let units = vec![unit("a", 100, 0), unit("b", 200, 0), unit("c", 300, 0), unit("d", 1400, 0)];
    let a = allocate(&s, &units, Decimal::from(1000), Decimal::ONE).unwrap();
    let got: Vec<Decimal> = a.units.iter().map(|u| u.amount).collect();
    assert_eq!(got, [d("83"), d("167"), d("250"), d("500")]);
    assert_eq!(a.units[3].limit, Limit::Cap);
    assert!(a.units[..3].iter().all(|u| u.limit == Limit::None));
}

#[test]
fn impossible_limits_are_typed_errors() {
    let units = vec![unit("a", 100, 0), unit("b", 100, 0)];
    let e = allocate(&set(Some(60), None), &units, Decimal::from(100), Decimal::ONE).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::PoolTooSmall, "/pool"));
    let e = allocate(&set(None, Some(40)), &units, Decimal::from(100), Decimal::ONE).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::CapsTooSmall, "/pool"));
    let e = allocate(&set(None, None), &units, Decimal::from(100), d("0.5")).unwrap_err();
    assert_eq!(e.first().code, ErrorCode::RoundingUnitInvalid);
    let e = allocate(&set(Some(150), None), &units, Decimal::from(1000), Decimal::from(100)).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::RoundingUnitInvalid, "/coefficients/floor"));
    // Every problem of every unit at once.
    let bad = vec![
        Unit::new("a", "A", [("poor", d("-1")), ("area", d("1"))]),
        Unit::new("a", "A again", [("poor", d("1"))]),
        Unit::new("c", "C", [("poor", d("1")), ("area", d("1")), ("rivers", d("3"))]),
    ];
    let e = allocate(&set(None, None), &bad, Decimal::from(100), Decimal::ONE).unwrap_err();
    let got: Vec<(ErrorCode, &str)> = e.as_slice().iter().map(|e| (e.code, e.path.as_str())).collect();
    assert_eq!(
        got,
        [
            (ErrorCode::FactInvalid, "/units/0/values/poor"),
            (ErrorCode::UnitDuplicate, "/units/1/id"),
            (ErrorCode::FactMissing, "/units/1/values/area"),
            (ErrorCode::CriterionUnknown, "/units/2/values/rivers"),
        ]
    );
}

#[test]
fn points_that_need_more_than_28_digits_are_refused_not_rounded() {
    let units =
        vec![unit("a", 1, 1), Unit::new("b", "B", [("poor", d("13.939016801493466085874299938")), ("area", d("1"))])];
    let e = allocate(&set(None, None), &units, Decimal::from(100), Decimal::ONE).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::FundingInvalid, "/units/1/values/poor"));
}

#[test]
fn a_huge_pool_splits_exactly() {
    // Near rust_decimal's limit: the split runs on 256-bit products, never rounds.
    let pool = d("79228162514264337593543950000");
    let units = vec![unit("a", 1, 0), unit("b", 2, 0), unit("c", 4, 0)];
    let s = set(None, None);
    let a = allocate(&s, &units, pool, Decimal::ONE).unwrap();
    assert_eq!(a.units.iter().map(|u| u.amount).sum::<Decimal>(), pool);
}

#[test]
fn a_users_own_table_just_works() {
    // A province's own coefficient file (here invented) loads and splits like the embedded one.
    let text = include_str!("../data/funding/coefficients-illustrative-2016.json")
        .replace("\"illustrative\": true", "\"illustrative\": false");
    let own = CoefficientSet::from_json(&text).unwrap();
    let units = unit_set_by_id("cao-bang-districts-2017").unwrap();
    let a = allocate(&own, &units.units, Decimal::from(1_529 * TY), Decimal::from(1_000_000)).unwrap();
    assert!(!a.illustrative && a.notes.is_empty());
    assert_eq!(a.total, Decimal::from(1_529 * TY));
    let e = CoefficientSet::from_json(&text.replace("\"multiplier\": \"1.3\"", "\"multiplier\": \"0\"")).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::FundingInvalid, "/priorities/0/multiplier"));
}

// ---------------------------------------------------------------- counterpart ratios

fn ratio(v: Value) -> Result<funding::CounterpartRatio, giamngheo::Errors> {
    counterpart_ratio(&serde_json::from_value::<CounterpartRequest>(v).unwrap())
}

#[test]
fn qd02_2022_tiers_on_both_sides_of_each_boundary() {
    // ≥ 70%: ≥ 3%; 50% to under 70%: ≥ 10%; < 50%: ≥ 15%.
    for (share, pct) in [("70", "3"), ("69.999", "10"), ("50", "10"), ("49.999", "15")] {
        let r = ratio(json!({ "year": 2023, "central_support_percent": share })).unwrap();
        assert_eq!((r.rule, r.minimum_percent), (RatioRule::Tier, d(pct)), "{share}%");
        assert_eq!(r.confidence, Some(Confidence::Verified));
        assert_eq!(r.citation.as_ref().unwrap().document, "QĐ 02/2022/QĐ-TTg");
    }
}

#[test]
fn qd48_2016_self_balancing_is_100_percent_and_the_other_tiers_are_not_law_here() {
    let r = ratio(json!({ "year": 2016, "province": "TP Hồ Chí Minh", "self_balancing": true })).unwrap();
    assert_eq!((r.rule, r.minimum_percent, r.minimum_amount), (RatioRule::SelfBalancing, d("100"), None));
    let e = ratio(json!({ "year": 2020, "province": "Cao Bằng", "self_balancing": false })).unwrap_err();
    assert_eq!(e.first().code, ErrorCode::RatioNotEncoded);
    assert!(e.first().message.en.contains("UNVERIFIED"), "{}", e.first().message.en);
    let r = ratio(json!({ "year": 2020, "province": "Cao Bằng", "self_balancing": false, "caller_percent": "12.5" }))
        .unwrap();
    assert!(r.from_caller && r.confidence.is_none() && r.citation.is_none());
    assert!(r.message.en.contains("NOT a verified rule"));
}

// ---------------------------------------------------------------- schemas

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = root().join("schemas").join(format!("{name}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match its schema:\n  {}", errors.join("\n  "));
}

#[test]
fn embedded_funding_data_matches_the_generated_schemas() {
    let dir = root().join("core/data/funding");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let schema = match name.split('-').next().unwrap() {
            "plan" => "funding-plan",
            "coefficients" => "coefficient-set",
            "units" => "unit-set",
            "counterpart" => "counterpart-rules",
            other => panic!("no schema for {other}"),
        };
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_valid(&validator(schema), &doc, &name);
        n += 1;
    }
    assert_eq!(n, 6);
}

#[test]
fn funding_conformance_requests_and_results_match_their_schemas() {
    let pairs = [
        ("funding-plans.json", "check-plan-request", "plan-check"),
        ("funding-allocate.json", "allocation-request", "allocation"),
        ("funding-counterpart.json", "counterpart-request", "counterpart-ratio"),
    ];
    for (file, request, result) in pairs {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join("tests/conformance").join(file)).unwrap())
                .unwrap();
        let function = doc["function"].as_str().unwrap();
        let (request, result, errors) = (validator(request), validator(result), validator("errors"));
        for case in doc["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let text = match &case["request"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match giamngheo::call_json(function, &text) {
                Ok(v) => {
                    assert_valid(&request, &case["request"], name);
                    assert_valid(&result, &v, name);
                }
                Err(e) => assert_valid(&errors, &serde_json::to_value(&e).unwrap(), name),
            }
        }
    }
}

// ---------------------------------------------------------------- properties

/// A points table with linear criteria only, so that scaling every value scales every point.
fn linear_set() -> CoefficientSet {
    linear_with(None, None)
}

fn linear_with(floor: Option<i64>, cap: Option<i64>) -> CoefficientSet {
    let mut s = set(floor, cap);
    s.criteria.truncate(1);
    s
}

fn units_strategy() -> impl Strategy<Value = Vec<(u32, u32)>> {
    // (points value, id seed) per unit; ids made unique below.
    prop::collection::vec((0u32..5_000, any::<u32>()), 1..40)
}

fn build(values: &[(u32, u32)]) -> Vec<Unit> {
    values
        .iter()
        .enumerate()
        .map(|(i, (v, seed))| Unit::new(format!("u{:08x}-{i}", seed), format!("U{i}"), [("poor", Decimal::from(*v))]))
        .collect()
}

fn rounding_unit() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ONE), Just(Decimal::from(1_000)), Just(Decimal::from(1_000_000))]
}

fn amounts(a: &Allocation<'_>) -> std::collections::BTreeMap<String, Decimal> {
    a.units.iter().map(|u| (u.id().to_string(), u.amount)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The parts always add up to the pool exactly, and no share is negative.
    #[test]
    fn parts_sum_to_the_pool_and_none_is_negative(values in units_strategy(), pool in 0u64..10_000_000_000_000, r in rounding_unit()) {
        let units = build(&values);
        prop_assume!(values.iter().any(|v| v.0 > 0));
        let s = linear_set();
        let a = allocate(&s, &units, Decimal::from(pool), r).unwrap();
        prop_assert_eq!(a.units.iter().map(|u| u.amount).sum::<Decimal>(), Decimal::from(pool));
        prop_assert!(a.units.iter().all(|u| u.amount >= Decimal::ZERO));
        // Only the last partial step may leave a multiple of the rounding unit.
        let off = a.units.iter().filter(|u| !(u.amount % r).is_zero()).count();
        prop_assert!(off <= 1);
        prop_assert_eq!(off == 1, !(Decimal::from(pool) % r).is_zero());
    }

    /// More points never give less money to units otherwise equal.
    #[test]
    fn more_points_never_less_money(values in units_strategy(), pool in 0u64..1_000_000_000_000, r in rounding_unit()) {
        prop_assume!(values.iter().any(|v| v.0 > 0));
        let units = build(&values);
        let s = linear_set();
        let a = allocate(&s, &units, Decimal::from(pool), r).unwrap();
        for x in &a.units {
            for y in &a.units {
                if x.points > y.points {
                    prop_assert!(x.amount >= y.amount, "{} ({} points) got {} < {} ({} points) got {}", x.id(), x.points, x.amount, y.id(), y.points, y.amount);
                }
            }
        }
    }

    /// The allocation does not depend on the order the units are given in.
    #[test]
    fn order_does_not_matter(values in units_strategy(), pool in 0u64..1_000_000_000_000, r in rounding_unit(), seed in any::<u64>()) {
        prop_assume!(values.iter().any(|v| v.0 > 0));
        let units = build(&values);
        let mut shuffled = units.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let s = linear_with(Some(0), None);
        let a = allocate(&s, &units, Decimal::from(pool), r).unwrap();
        let b = allocate(&s, &shuffled, Decimal::from(pool), r).unwrap();
        prop_assert_eq!(amounts(&a), amounts(&b));
    }

    /// Scaling every unit's (linear) criteria values by the same factor changes nothing.
    #[test]
    fn scaling_every_value_changes_nothing(values in units_strategy(), pool in 0u64..1_000_000_000_000, r in rounding_unit(), k in 1u32..1_000, kscale in 0u32..4) {
        prop_assume!(values.iter().any(|v| v.0 > 0));
        let units = build(&values);
        let factor = Decimal::new(i64::from(k), kscale);
        let scaled: Vec<Unit> = units.iter().map(|u| {
            let mut u = u.clone();
            u.values.values_mut().for_each(|v| v.0 *= factor);
            u
        }).collect();
        let s = linear_set();
        let a = allocate(&s, &units, Decimal::from(pool), r).unwrap();
        let b = allocate(&s, &scaled, Decimal::from(pool), r).unwrap();
        prop_assert_eq!(amounts(&a), amounts(&b));
    }

    /// Floors and caps hold after rounding; a unit at a limit would have had more (floor) or less
    /// (cap) by its points than the free units' common rate gives; the free units' amounts stay
    /// proportional to their points up to rounding.
    #[test]
    fn floors_and_caps_hold(values in prop::collection::vec((1u32..5_000, any::<u32>()), 2..30), floor in 0i64..50, cap in 60i64..400) {
        let units = build(&values);
        let s = linear_with(Some(floor * 1000), Some(cap * 1000));
        let n = units.len() as i64;
        let pool = Decimal::from(((floor + cap) / 2) * 1000 * n);
        let a = allocate(&s, &units, pool, Decimal::from(1000)).unwrap();
        prop_assert_eq!(a.total, pool);
        let free: Vec<_> = a.units.iter().filter(|u| u.limit == Limit::None).collect();
        for u in &a.units {
            prop_assert!(u.amount >= Decimal::from(floor * 1000) && u.amount <= Decimal::from(cap * 1000));
        }
        if let Some(f) = free.first() {
            // λ = the free units' exact amount per point.
            let lambda = f.before_rounding.value() / f.points;
            for u in &a.units {
                let by_points = lambda * u.points;
                match u.limit {
                    Limit::Floor => prop_assert!(by_points <= Decimal::from(floor * 1000) + d("0.000001")),
                    Limit::Cap => prop_assert!(by_points >= Decimal::from(cap * 1000) - d("0.000001")),
                    Limit::None => prop_assert!((u.before_rounding.value() - by_points).abs() < d("0.000001")),
                }
            }
        }
    }

    /// No input makes the JSON door panic: random edits of a valid request give a result or errors.
    #[test]
    fn the_json_door_never_panics(cut in 0usize..400, byte in any::<u8>(), function in 0usize..3) {
        let requests = [
            (r#"{"pool":"1000","rounding_unit":"10","coefficient_set":"illustrative-points-2016","unit_set":"cao-bang-districts-2017"}"#, "allocate"),
            (r#"{"year":2023,"province":"Cao Bằng","central_support_percent":"70","central_funds":"1529000000000"}"#, "counterpart_ratio"),
            (r#"{"id":"t","document":"t","name":{"vi":"t","en":"t"},"scope":"t","period":{"from_year":2016,"to_year":2020},"total":{"value":"10"},"funds":{"other_mobilised":{"value":"10"}}}"#, "check_plan"),
        ];
        let (text, f) = requests[function];
        let mut bytes = text.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let edited = String::from_utf8_lossy(&bytes).to_string();
        match giamngheo::call_json(f, &edited) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.as_slice().iter().all(|e| !e.message.vi.is_empty() && !e.message.en.is_empty())),
        }
    }
}

/// giamngheo::limits::MAX_UNITS: an allocation among more units is `limit_exceeded` at /units.
#[test]
fn too_many_units_is_a_limit_error() {
    let set = giamngheo::funding::coefficient_set_by_id("illustrative-points-2016").unwrap();
    let units: Vec<giamngheo::funding::Unit> = (0..=giamngheo::limits::MAX_UNITS)
        .map(|i| giamngheo::funding::Unit::new(format!("u{i}"), "x", Vec::<(String, rust_decimal::Decimal)>::new()))
        .collect();
    let e =
        giamngheo::funding::allocate(set, &units, rust_decimal::Decimal::from(1_000_000), rust_decimal::Decimal::ONE)
            .unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (giamngheo::ErrorCode::LimitExceeded, "/units"));
}
