//! Invariants that hold for every input (proptest): monotonicity in income and in deprivations,
//! one class per valid input, and facts → indicators → class agreeing with indicators → class.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::facts::{Assets, EducationLevel, EmploymentStatus, Facts, Housing, Member, ToiletType, WaterSource};
use giamngheo::{Area, ClassifyRequest, Household, HouseholdClass, IncomeInput, IndicatorSet, MonthlyIncome, Standard};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn standards() -> &'static [Standard] {
    giamngheo::standards().unwrap_or_default()
}

fn area() -> impl Strategy<Value = Area> {
    prop_oneof![Just(Area::Rural), Just(Area::Urban)]
}

/// Incomes in đồng with up to 2 decimals, dense around the lines (0 to 4 million).
fn income() -> impl Strategy<Value = Decimal> {
    (0i64..400_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

fn class(standard: &Standard, area: Area, income: Decimal, deprived: IndicatorSet) -> HouseholdClass {
    let income = MonthlyIncome::per_capita(income).unwrap_or_else(|e| panic!("{e}"));
    standard.classify(&Household { area, income, deprived }).class()
}

fn any_standard() -> impl Strategy<Value = &'static Standard> {
    proptest::sample::select(standards().iter().collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// More income never gives a poorer class (class codes go from poorest, 1, to 4).
    #[test]
    fn more_income_never_poorer(s in any_standard(), a in area(), x in income(), y in income(), bits in 0u16..4096) {
        let d = IndicatorSet::from_bits(bits & ((1u32 << s.indicators.len()) - 1) as u16);
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        prop_assert!(class(s, a, lo, d).code() <= class(s, a, hi, d).code());
    }

    /// More deprivations never give a less poor class.
    #[test]
    fn more_deprivations_never_less_poor(s in any_standard(), a in area(), x in income(), b1 in 0u16..4096, b2 in 0u16..4096) {
        let all = ((1u32 << s.indicators.len()) - 1) as u16;
        let fewer = IndicatorSet::from_bits(b1 & all);
        let more = IndicatorSet::from_bits((b1 | b2) & all);
        prop_assert!(class(s, a, x, more).code() <= class(s, a, x, fewer).code());
    }

    /// Every valid input gets exactly one class, and the trail ends in the decision for it.
    #[test]
    fn one_class_per_input(s in any_standard(), a in area(), x in income(), bits in 0u16..4096) {
        let d = IndicatorSet::from_bits(bits & ((1u32 << s.indicators.len()) - 1) as u16);
        let income = MonthlyIncome::per_capita(x).unwrap_or_else(|e| panic!("{e}"));
        let assessment = s.classify(&Household { area: a, income, deprived: d });
        let report = assessment.report();
        prop_assert!(HouseholdClass::ALL.contains(&report.class));
        let last = report.reasons.last().map(|r| r.rule.clone()).unwrap_or_default();
        prop_assert_eq!(last, format!("decision.{}", assessment.decision.as_str()));
        prop_assert_eq!(assessment.decision.class(), report.class);
        prop_assert_eq!(report.deprivation_count, d.count());
    }

    /// An annual household income gives the same class as its exact monthly per-capita figure.
    #[test]
    fn annual_income_matches_monthly(s in any_standard(), a in area(), monthly in 0i64..400_000, size in 1u32..12, bits in 0u16..4096) {
        let d = IndicatorSet::from_bits(bits & ((1u32 << s.indicators.len()) - 1) as u16);
        let per_capita = Decimal::from(monthly * 10);
        let annual = per_capita * Decimal::from(12 * size);
        let from_annual = MonthlyIncome::from_annual_household(annual, size).unwrap_or_else(|e| panic!("{e}"));
        let c1 = s.classify(&Household { area: a, income: from_annual, deprived: d }).class();
        prop_assert_eq!(c1, class(s, a, per_capita, d));
    }
}

fn member() -> impl Strategy<Value = Member> {
    (
        ((1925u16..=2017, 1u8..=12, 1u8..=28), any::<bool>(), proptest::sample::select(EducationLevel::ALL.to_vec())),
        (any::<bool>(), any::<bool>(), proptest::sample::select(EmploymentStatus::ALL.to_vec())),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(((y, m, d), in_school, education), (insured, workplace, employment), (allowance, malnourished, _))| {
                Member {
                    age: None,
                    birth_year: None,
                    // A full birth date gives an exact age and birth year, so no rule needs more.
                    birth_date: giamngheo::Date::new(y, m, d),
                    in_school: Some(in_school),
                    education: Some(education),
                    certified_workplace_training: Some(workplace),
                    health_insurance: Some(insured),
                    employment: Some(employment),
                    monthly_social_allowance: Some(allowance),
                    malnourished: Some(malnourished),
                }
            },
        )
}

fn facts() -> impl Strategy<Value = Facts> {
    (
        proptest::collection::vec(member(), 1..8),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0i64..2000),
        (proptest::sample::select(WaterSource::ALL.to_vec()), proptest::sample::select(ToiletType::ALL.to_vec())),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                members,
                (ill, wall, column, roof, area),
                (water, toilet),
                (tv, radio, computer, phone, smart),
                (tel, net, hears, _),
            )| Facts {
                members,
                ill_member_untreated: Some(ill),
                housing: Housing {
                    wall_durable: Some(wall),
                    column_durable: Some(column),
                    roof_durable: Some(roof),
                    floor_area_m2: Some(Decimal::new(area, 1)),
                },
                water_source: Some(water),
                toilet: Some(toilet),
                uses_telephone: Some(tel),
                uses_internet: Some(net),
                owns: Assets {
                    tv: Some(tv),
                    radio: Some(radio),
                    computer: Some(computer),
                    telephone: Some(phone),
                    smartphone: Some(smart),
                },
                hears_loudspeaker: Some(hears),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Deriving indicators from facts then classifying equals classifying the derived indicators.
    #[test]
    fn facts_then_classify_equals_indicators_then_classify(
        date in prop_oneof![Just("2018-06-30"), Just("2023-06-30")],
        a in area(),
        x in income(),
        f in facts(),
    ) {
        let date = date.parse().ok();
        let by_facts = ClassifyRequest {
            date,
            list_year: None,
            standard: None,
            area: a,
            income: Some(IncomeInput::monthly(x)),
            indicators: None,
            facts: Some(f),
            scores: None,
        };
        let r1 = giamngheo::classify_request(&by_facts).unwrap_or_else(|e| panic!("{e}"));
        let answers: BTreeMap<String, bool> = r1.indicators.iter().map(|i| (i.id.clone(), i.deprived)).collect();
        let by_indicators = ClassifyRequest { facts: None, indicators: Some(answers), ..by_facts };
        let r2 = giamngheo::classify_request(&by_indicators).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(r1.class, r2.class);
        prop_assert_eq!(&r1.deprived, &r2.deprived);
        prop_assert_eq!(r1.deprivation_count, r2.deprivation_count);
        // Same checks and values; only the confidence differs (facts add the derivation rules' labels).
        let steps = |r: &giamngheo::Report| -> Vec<_> {
            r.reasons.iter().map(|x| (x.rule.clone(), x.holds, x.value, x.threshold)).collect()
        };
        prop_assert_eq!(steps(&r1), steps(&r2));
    }

    /// Any JSON text gets a report or typed errors with both messages; never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        if let Err(errors) = giamngheo::classify_json(&text) {
            for e in errors.as_slice() {
                prop_assert!(!e.message.vi.is_empty() && !e.message.en.is_empty());
            }
        }
    }
}
