//! Statistics checked against values computed by hand on small data, and the plan's two
//! headline rates reproduced from its counts.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::batch::Deprivations;
use giamngheo::stats::{AlkireFosterOptions, GroupStatistics, Rate, StatsInput, Weights, statistics};
use giamngheo::{ErrorCode, HouseholdClass, Standard};
use rust_decimal::Decimal;

fn qd59() -> &'static Standard {
    giamngheo::standard_by_id("qd59-2015").unwrap()
}

fn e(s: &str) -> giamngheo::ExactDecimal {
    d(s).into()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn pct(r: &Rate) -> Decimal {
    r.percent.unwrap()
}

fn class_pct(g: &GroupStatistics, c: HouseholdClass) -> Decimal {
    pct(&g.class(c).unwrap().rate)
}

fn indicator<'a>(g: &'a GroupStatistics, id: &str) -> &'a giamngheo::stats::IndicatorShare {
    g.indicators.iter().find(|i| i.id == id).unwrap()
}

// Six households: poor, poor, near-poor, average, other, and one row that failed classification.
const CLASS: [u8; 6] = [1, 1, 2, 3, 4, 0];
// Bits: 0 health_access, 4 housing_quality, 6 water_source, 7 sanitation, 8 telecom_use.
const MASKS: [u16; 6] = [0b1000_0001, 0b1101_0000, 0b1000_0000, 0, 0b1_1100_0000, 0b1];

#[test]
fn unweighted_rates_by_hand() {
    let input = StatsInput { class: &CLASS, deprivations: Deprivations::Mask(&MASKS), weights: None, groups: None };
    let s = statistics(qd59(), &input, None).unwrap();
    let t = &s.total;
    assert_eq!((t.households, t.unclassified), (d("5"), d("1")));
    assert_eq!(class_pct(t, HouseholdClass::Poor), d("40.00"));
    assert_eq!(class_pct(t, HouseholdClass::NearPoor), d("20.00"));
    assert_eq!(class_pct(t, HouseholdClass::AverageLiving), d("20.00"));
    assert_eq!(class_pct(t, HouseholdClass::Other), d("20.00"));
    let san = indicator(t, "sanitation");
    assert_eq!(
        (san.deprived, pct(&san.rate_all), san.deprived_poor, pct(&san.rate_poor)),
        (d("4"), d("80"), d("2"), d("100"))
    );
    let water = indicator(t, "water_source");
    assert_eq!((pct(&water.rate_all), pct(&water.rate_poor)), (d("40"), d("50")));
    // The unclassified row's deprivation in health_access is not counted.
    let health = indicator(t, "health_access");
    assert_eq!((health.deprived, pct(&health.rate_poor)), (d("1"), d("50")));
}

#[test]
fn weighted_rates_by_hand() {
    let w = [d("1"), d("3"), d("2"), d("2"), d("2"), d("100")];
    let input = StatsInput {
        class: &CLASS,
        deprivations: Deprivations::Mask(&MASKS),
        weights: Some(Weights::Decimal(&w)),
        groups: None,
    };
    let s = statistics(qd59(), &input, None).unwrap();
    let t = &s.total;
    assert!(s.weighted);
    assert_eq!((t.households, t.unclassified), (d("10"), d("100")));
    assert_eq!(class_pct(t, HouseholdClass::Poor), d("40"));
    let water = indicator(t, "water_source");
    assert_eq!(
        (water.deprived, pct(&water.rate_all), water.deprived_poor, pct(&water.rate_poor)),
        (d("5"), d("50"), d("3"), d("75"))
    );
    assert_eq!(pct(&indicator(t, "health_access").rate_poor), d("25"));
    // Integer weights give the same figures.
    let wi = [1u64, 3, 2, 2, 2, 100];
    let si = statistics(qd59(), &StatsInput { weights: Some(Weights::Integer(&wi)), ..input }, None).unwrap();
    assert_eq!(si.total, s.total);
}

/// Found by the batch fuzzer: with weights of many decimals, rust_decimal's `+` rounds past 28
/// significant digits, so per-group sums and the total differed in the last digit. Sums are now
/// exact or a typed error.
#[test]
fn decimal_weights_sum_exactly_or_not_at_all() {
    // 10^21 + 10^-8 needs 30 significant digits, beyond Decimal's 96-bit mantissa: refused, not
    // rounded.
    let w = [d("1000000000000000000000"), d("0.00000001"), d("1"), d("1"), d("1"), d("1")];
    let input = StatsInput {
        class: &CLASS,
        deprivations: Deprivations::Mask(&MASKS),
        weights: Some(Weights::Decimal(&w)),
        groups: None,
    };
    let errors = statistics(qd59(), &input, None).unwrap_err();
    assert_eq!((errors.first().code, errors.first().path.as_str()), (ErrorCode::NumberInvalid, "/weights"));
    // 29 digits still fit and add up exactly, by group and in total.
    let w = [d("100000000000000000000"), d("0.00000001"), d("1"), d("1"), d("1"), d("1")];
    let groups = [1u32, 2, 1, 2, 1, 2];
    let s =
        statistics(qd59(), &StatsInput { weights: Some(Weights::Decimal(&w)), groups: Some(&groups), ..input }, None)
            .unwrap();
    assert_eq!(s.total.households, d("100000000000000000003.00000001"));
    assert_eq!(s.groups.iter().map(|g| g.households).sum::<Decimal>(), s.total.households);
}

#[test]
fn group_key_by_hand() {
    let groups = [10u32, 10, 20, 20, 20, 10];
    let input =
        StatsInput { class: &CLASS, deprivations: Deprivations::Mask(&MASKS), weights: None, groups: Some(&groups) };
    let s = statistics(qd59(), &input, None).unwrap();
    assert_eq!(s.groups.iter().map(|g| g.group).collect::<Vec<_>>(), [Some(10), Some(20)]);
    let (g10, g20) = (&s.groups[0], &s.groups[1]);
    assert_eq!((g10.households, g10.unclassified), (d("2"), d("1")));
    assert_eq!(class_pct(g10, HouseholdClass::Poor), d("100"));
    assert_eq!(class_pct(g20, HouseholdClass::NearPoor), d("33.33"));
    assert_eq!(g20.class(HouseholdClass::NearPoor).unwrap().rate.value, Some(d("1") / d("3")));
    // No poor household in group 20: the rate among poor households is undefined, not 0.
    assert_eq!(indicator(g20, "sanitation").rate_poor.value, None);
    // The total is the sum of the groups.
    assert_eq!(s.total.households, d("5"));
    assert_eq!(class_pct(&s.total, HouseholdClass::Poor), d("40"));
}

#[test]
fn alkire_foster_equal_weights_by_hand() {
    let input = StatsInput { class: &CLASS, deprivations: Deprivations::Mask(&MASKS), weights: None, groups: None };
    let o = AlkireFosterOptions { cutoff: e("0.3"), weights: None };
    let af = statistics(qd59(), &input, Some(&o)).unwrap().total.alkire_foster.unwrap();
    // Scores (of 10): 2, 3, 1, 0, 3 → two households at k = 0.3.
    assert_eq!(af.headcount_ratio.value, Some(d("0.4")));
    assert_eq!(af.intensity.value, Some(d("0.3")));
    assert_eq!(af.adjusted_headcount_ratio.value, Some(d("0.12")));
    let by_id = |id: &str| af.indicators.iter().find(|i| i.id == id).unwrap();
    assert_eq!(by_id("sanitation").censored_headcount.value, Some(d("0.4")));
    assert_eq!(by_id("telecom_use").censored_headcount.value, Some(d("0.2")));
    assert_eq!(by_id("health_access").censored_headcount.value, Some(d("0")));
    assert_eq!(
        by_id("sanitation").contribution.numerator / by_id("sanitation").contribution.denominator,
        d("2") / d("6")
    );
    // Contributions add up to M0 exactly: their numerators sum to their common denominator.
    let sum: Decimal = af.indicators.iter().map(|i| i.contribution.numerator).sum();
    assert_eq!(sum, af.indicators[0].contribution.denominator);
}

/// `k × total` is formed on integers: with a cutoff of 28 decimals and weights summing to 1000,
/// rust_decimal's product 300,0000000000000000000000000001 would round to 300 and count a score
/// of exactly 300 (30%) as at least k.
#[test]
fn alkire_foster_cutoff_is_never_rounded() {
    let input =
        StatsInput { class: &[1, 1], deprivations: Deprivations::Mask(&[0b111, 0b1111]), weights: None, groups: None };
    let o = AlkireFosterOptions { cutoff: e("0.3000000000000000000000000001"), weights: Some(vec![e("100"); 10]) };
    let af = statistics(qd59(), &input, Some(&o)).unwrap().total.alkire_foster.unwrap();
    assert_eq!(af.headcount_ratio.value, Some(d("0.5")), "3 of 10 is below k; 4 of 10 is not");
    let o = AlkireFosterOptions { cutoff: e("0.3"), ..o };
    let af = statistics(qd59(), &input, Some(&o)).unwrap().total.alkire_foster.unwrap();
    assert_eq!(af.headcount_ratio.value, Some(d("1")), "3 of 10 is exactly k = 0.3");
    // A weight that cannot take the others' decimals exactly is refused, not rescaled.
    let mut w = vec![e("1"); 10];
    w[0] = e("79228162514264337593543950335");
    w[1] = e("0.0000000000000000000000000001");
    let o = AlkireFosterOptions { cutoff: e("0.3"), weights: Some(w) };
    let errors = statistics(qd59(), &input, Some(&o)).unwrap_err();
    assert_eq!(
        (errors.first().code, errors.first().path.as_str()),
        (ErrorCode::OptionInvalid, "/alkire_foster/weights")
    );
    // Whole weights whose sum is beyond a Decimal's 96 bits: refused too, not capped.
    let o = AlkireFosterOptions { cutoff: e("0.3"), weights: Some(vec![e("79228162514264337593543950335"); 10]) };
    let errors = statistics(qd59(), &input, Some(&o)).unwrap_err();
    assert_eq!(
        (errors.first().code, errors.first().path.as_str()),
        (ErrorCode::OptionInvalid, "/alkire_foster/weights")
    );
}

/// The households of the classes add up exactly: 10^21 poor and 10^-8 near-poor need 30 digits.
#[test]
fn class_totals_add_up_exactly_or_not_at_all() {
    let w = [d("1000000000000000000000"), d("0"), d("0.00000001"), d("0"), d("0"), d("0")];
    let masks = [0b1, 0, 0b10, 0, 0, 0];
    let input = StatsInput {
        class: &CLASS,
        deprivations: Deprivations::Mask(&masks),
        weights: Some(Weights::Decimal(&w)),
        groups: None,
    };
    let errors = statistics(qd59(), &input, None).unwrap_err();
    assert_eq!((errors.first().code, errors.first().path.as_str()), (ErrorCode::NumberInvalid, "/weights"));
}

#[test]
fn alkire_foster_custom_weights_by_hand() {
    let input = StatsInput { class: &CLASS, deprivations: Deprivations::Mask(&MASKS), weights: None, groups: None };
    let mut w = vec![e("1"); 10];
    w[0] = e("2");
    let o = AlkireFosterOptions { cutoff: e("0.25"), weights: Some(w) };
    let af = statistics(qd59(), &input, Some(&o)).unwrap().total.alkire_foster.unwrap();
    // Weights sum to 11; k × 11 = 2,75, so a score of 3 qualifies: households 0, 1 and 4.
    assert_eq!(af.headcount_ratio.value, Some(d("0.6")));
    assert_eq!((af.intensity.numerator, af.intensity.denominator), (d("9"), d("33")));
    assert_eq!((af.adjusted_headcount_ratio.numerator, af.adjusted_headcount_ratio.denominator), (d("9"), d("55")));
    let health = af.indicators.iter().find(|i| i.id == "health_access").unwrap();
    assert_eq!((health.contribution.numerator, health.contribution.denominator), (d("2"), d("9")));
}

#[test]
fn bad_options_and_columns_are_typed_errors() {
    let input = StatsInput { class: &CLASS, deprivations: Deprivations::Mask(&MASKS), weights: None, groups: None };
    for (o, code) in [
        (AlkireFosterOptions { cutoff: e("0"), weights: None }, ErrorCode::OptionInvalid),
        (AlkireFosterOptions { cutoff: e("1.01"), weights: None }, ErrorCode::OptionInvalid),
        (AlkireFosterOptions { cutoff: e("0.3"), weights: Some(vec![e("1"); 9]) }, ErrorCode::IndicatorColumnsMismatch),
        (AlkireFosterOptions { cutoff: e("0.3"), weights: Some(vec![e("-1"); 10]) }, ErrorCode::OptionInvalid),
    ] {
        assert_eq!(statistics(qd59(), &input, Some(&o)).unwrap_err().first().code, code);
    }
    let e = statistics(qd59(), &StatsInput { groups: Some(&[1, 2]), ..input }, None).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::ColumnLengthMismatch, "/groups"));
    let w = [d("1"), d("-2"), d("1"), d("1"), d("1"), d("1")];
    let e = statistics(qd59(), &StatsInput { weights: Some(Weights::Decimal(&w)), ..input }, None).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::OptionInvalid, "/weights/1"));
}

/// Plan 449/KH-UBND section II: 52.409 poor of 123.221 households is 42,53%; 12.110 near-poor is 9,83%.
#[test]
fn plan_449_headline_rates_from_counts() {
    let mut class = vec![4u8; 123_221];
    class[..52_409].fill(1);
    class[52_409..52_409 + 12_110].fill(2);
    let masks = vec![0u16; class.len()];
    let s = statistics(
        qd59(),
        &StatsInput { class: &class, deprivations: Deprivations::Mask(&masks), weights: None, groups: None },
        None,
    )
    .unwrap();
    let poor = s.total.class(HouseholdClass::Poor).unwrap();
    let near = s.total.class(HouseholdClass::NearPoor).unwrap();
    assert_eq!((poor.households, poor.rate.percent), (d("52409"), Some(d("42.53"))));
    assert_eq!((near.households, near.rate.percent), (d("12110"), Some(d("9.83"))));
    assert_eq!(poor.rate.percent_vi(), "42,53%");
    assert_eq!(near.rate.percent_en(), "9.83%");
    let plan = giamngheo::published::cao_bang_2015().unwrap();
    assert_eq!((*plan.poor_rate_percent, *plan.near_poor_rate_percent), (d("42.53"), d("9.83")));
}

/// The synthetic sample carries the plan's counts and, among poor households, its deprivation
/// rates (section II of plan 449/KH-UBND), through the batch classification and the statistics.
#[test]
fn synthetic_sample_reproduces_the_plan_table() {
    use giamngheo::batch::{BatchInput, Incomes, OnError, classify_batch};
    let sample = giamngheo::sample::synthetic_cao_bang(7).unwrap();
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
    let s = statistics(
        qd59(),
        &StatsInput { class: &out.class, deprivations: input.deprivations, weights: None, groups: None },
        None,
    )
    .unwrap();
    let plan = giamngheo::published::cao_bang_2015().unwrap();
    assert_eq!(s.total.households, Decimal::from(plan.households));
    assert_eq!(s.total.class(HouseholdClass::Poor).unwrap().households, Decimal::from(plan.poor));
    assert_eq!(s.total.class(HouseholdClass::NearPoor).unwrap().households, Decimal::from(plan.near_poor));
    for ind in &s.total.indicators {
        assert_eq!(Some(*plan.deprivation_among_poor_percent[&ind.id]), ind.rate_poor.percent, "{}", ind.id);
    }
}
