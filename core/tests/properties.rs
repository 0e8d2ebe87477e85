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
                    floor_area_m2: Some(Decimal::new(area, 1).into()),
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

/// `d` with its whole part grouped in thousands by `group` and `point` before its decimals, as
/// an officer writes an amount ("1.500.000,50") or an English text does ("1,500,000.50").
fn grouped(d: Decimal, group: char, point: char) -> String {
    let text = d.to_string();
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text.as_str()), |t| ("-", t));
    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

proptest! {
    /// Amounts written with grouped thousands read back exactly (giamngheo::number, the money
    /// rule); the only refusal is the text with two readings: 1 to 3 digits, one separator, 3 digits.
    #[test]
    fn grouped_amounts_read_back_exactly(m in -10_000_000_000_000i64..10_000_000_000_000, scale in 0u32..5, vi in any::<bool>()) {
        let d = Decimal::new(m, scale);
        let (group, point) = if vi { ('.', ',') } else { (',', '.') };
        let text = grouped(d, group, point);
        let whole_digits = d.abs().trunc().to_string().len();
        let two_readings = scale == 3 && (1..=3).contains(&whole_digits) && d.abs() >= Decimal::ONE;
        match giamngheo::number::parse_money(&text) {
            Ok(read) => {
                prop_assert!(!two_readings, "{} has two readings", text);
                prop_assert_eq!(read, d);
                prop_assert_eq!(read.scale(), d.scale(), "{}: no digit lost or added", text);
            }
            Err(p) => {
                prop_assert!(two_readings, "{} refused: {}", text, p.en);
                prop_assert_eq!(p.code, giamngheo::ErrorCode::AmountAmbiguous);
            }
        }
        // The plain text of any decimal is read back exactly by both rules' JSON number path.
        prop_assert_eq!(giamngheo::number::parse_decimal(&d.to_string()), Ok(d));
    }

    /// A float (a Python float, a JS number) is read as the shortest decimal that gives it back.
    #[test]
    fn floats_are_read_as_printed(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
        if let Ok(d) = giamngheo::number::from_f64(x) {
            prop_assert_eq!(d.to_string().parse::<f64>().ok(), Some(x));
        } else {
            // Refused only where the shortest digits need more than a decimal's 28 places.
            prop_assert!(x.abs() >= 7.9e28 || x.abs() < 1e-9, "{} refused", x);
        }
    }

    /// Number-like text never panics and is read exactly or refused (giamngheo::fuzzing::number_text).
    #[test]
    fn number_text_is_exact_or_refused(text in "[ +-]?[0-9.,  ]{0,40}([eE][+-]?[0-9]{1,3})?( ?(đ|VND|đồng))?") {
        giamngheo::fuzzing::number_text(&text);
    }
}
