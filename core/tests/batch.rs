//! The columnar batch path agrees with the single-household path on every row, and reports bad
//! rows with their index and code without losing the others.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, UNCLASSIFIED, classify_batch};
use giamngheo::{Area, ErrorCode, Household, IndicatorSet, MonthlyIncome, Standard};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn standard(i: usize) -> &'static Standard {
    &giamngheo::standards().unwrap()[i % 3]
}

fn single(s: &Standard, area: u8, income: Decimal, bits: u16) -> u8 {
    let household = Household {
        area: Area::from_code(area).unwrap(),
        income: MonthlyIncome::per_capita(income).unwrap(),
        deprived: IndicatorSet::from_bits(bits),
    };
    s.classify(&household).class().code()
}

fn rows() -> impl Strategy<Value = Vec<(u8, i64, u16)>> {
    // Incomes cluster around the lines (0 to 3.5 million), with every line hit exactly sometimes.
    let income = prop_oneof![
        0i64..3_500_000,
        proptest::sample::select(vec![
            400_000, 400_001, 500_000, 520_000, 650_000, 700_000, 700_001, 900_000, 1_000_000, 1_000_001, 1_300_000,
            1_500_000, 1_500_001, 1_950_000, 2_000_000, 2_250_000, 3_000_000, 3_000_001
        ]),
    ];
    proptest::collection::vec((1u8..=2, income, 0u16..4096), 0..300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Batch from a bitmask, whole-đồng and decimal incomes: every row equals the single path.
    #[test]
    fn mask_batch_equals_single_path(which in 0usize..3, rows in rows()) {
        let s = standard(which);
        let valid = if s.indicators.is_empty() { 0 } else { ((1u32 << s.indicators.len()) - 1) as u16 };
        let area: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let income: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let masks: Vec<u16> = rows.iter().map(|r| r.2 & valid).collect();
        let decimals: Vec<Decimal> = income.iter().map(|&i| Decimal::from(i)).collect();
        for incomes in [Incomes::Dong(&income), Incomes::Decimal(&decimals)] {
            let input = BatchInput::new(&area, incomes, Deprivations::Mask(&masks));
            let out = classify_batch(s, &input, OnError::Collect).unwrap();
            prop_assert!(out.errors.is_empty());
            for (i, &(a, inc, _)) in rows.iter().enumerate() {
                prop_assert_eq!(out.class[i], single(s, a, Decimal::from(inc), masks[i]), "row {}", i);
                prop_assert_eq!(u32::from(out.deprivation_count[i]), masks[i].count_ones());
            }
        }
    }

    /// Batch from one boolean (or 0/1 byte) column per indicator: the same classes as the masks.
    #[test]
    fn flag_columns_equal_masks(which in 1usize..3, rows in rows()) {
        let s = standard(which);
        let n = s.indicators.len();
        let area: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let income: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let masks: Vec<u16> = rows.iter().map(|r| r.2 & (((1u32 << n) - 1) as u16)).collect();
        let bools: Vec<Vec<bool>> = (0..n).map(|j| masks.iter().map(|m| m & (1 << j) != 0).collect()).collect();
        let bytes: Vec<Vec<u8>> = bools.iter().map(|c| c.iter().map(|&b| u8::from(b)).collect()).collect();
        let bool_refs: Vec<&[bool]> = bools.iter().map(Vec::as_slice).collect();
        let byte_refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        let by_mask = classify_batch(s, &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks)), OnError::Collect).unwrap();
        let by_bools = classify_batch(s, &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Bools(&bool_refs)), OnError::Collect).unwrap();
        let by_bytes = classify_batch(s, &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Bytes(&byte_refs)), OnError::Collect).unwrap();
        prop_assert_eq!(&by_mask, &by_bools);
        prop_assert_eq!(&by_mask, &by_bytes);
    }
}

fn qd59() -> &'static Standard {
    giamngheo::standard_by_id("qd59-2015").unwrap()
}

/// A negative income, an unknown area code and a mask bit beyond QĐ 59's 10 indicators are
/// reported with their row and code; the good rows keep their classes.
#[test]
fn bad_rows_are_reported_beside_the_good_ones() {
    let area = [2u8, 3, 2, 1, 2];
    let income = [650_000i64, 650_000, -1, 1_300_000, 800_000];
    let masks = [0u16, 0, 0, 0b11, 1 << 10];
    let input = BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks));
    let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
    // QĐ 59 Điều 2: rural 650.000 ≤ 700.000 is poor; urban 1.300.000 with 2 deprivations is near-poor.
    assert_eq!(out.class, [1, UNCLASSIFIED, UNCLASSIFIED, 2, UNCLASSIFIED]);
    assert_eq!(out.deprivation_count, [0, 0, 0, 2, 0]);
    let got: Vec<(usize, ErrorCode, &str)> =
        out.errors.iter().map(|e| (e.row, e.error.code, e.error.path.as_str())).collect();
    assert_eq!(
        got,
        [
            (1, ErrorCode::AreaUnknown, "/area/1"),
            (2, ErrorCode::IncomeNegative, "/income/2"),
            (4, ErrorCode::IndicatorUnknown, "/deprivations/4"),
        ]
    );
}

#[test]
fn stop_mode_returns_the_first_bad_row_and_leaves_the_rest_unclassified() {
    let area = [2u8, 2, 9, 2, 2];
    let income = [650_000i64, -5, 650_000, 650_000, 650_000];
    let masks = [0u16; 5];
    let input = BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks));
    let out = classify_batch(qd59(), &input, OnError::Stop).unwrap();
    assert_eq!(out.class, [1, 0, 0, 0, 0]);
    assert_eq!(out.errors.len(), 1);
    assert_eq!((out.errors[0].row, out.errors[0].error.code), (1, ErrorCode::IncomeNegative));
}

#[test]
fn a_byte_cell_that_is_not_0_or_1_is_an_error_at_its_column_and_row() {
    let area = [2u8, 2];
    let income = [800_000i64, 800_000];
    let mut cols: Vec<Vec<u8>> = vec![vec![0, 0]; 10];
    cols[7][1] = 2;
    let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
    let out = classify_batch(
        qd59(),
        &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Bytes(&refs)),
        OnError::Collect,
    )
    .unwrap();
    assert_eq!(out.class, [2, 0]);
    assert_eq!(out.errors[0].error.code, ErrorCode::IndicatorValueInvalid);
    assert_eq!(out.errors[0].error.path, "/deprivations/7/1");
}

#[test]
fn misshapen_columns_are_a_whole_batch_error() {
    let area = [2u8, 2];
    let income = [1i64];
    let masks = [0u16, 0];
    let e = classify_batch(
        qd59(),
        &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks)),
        OnError::Collect,
    )
    .unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::ColumnLengthMismatch, "/income"));
    let cols: Vec<&[bool]> = vec![&[false, false]; 9];
    let e = classify_batch(
        qd59(),
        &BatchInput::new(&area, Incomes::Dong(&[1, 2]), Deprivations::Bools(&cols)),
        OnError::Collect,
    )
    .unwrap_err();
    assert_eq!(e.first().code, ErrorCode::IndicatorColumnsMismatch);
}

#[test]
fn empty_batch_is_fine() {
    let out =
        classify_batch(qd59(), &BatchInput::new(&[], Incomes::Dong(&[]), Deprivations::Mask(&[])), OnError::Collect)
            .unwrap();
    assert!(out.class.is_empty() && out.errors.is_empty());
}

/// Incomes beyond any line, fractional lines of a caller's standard: whole đồng compare exactly.
#[test]
fn whole_dong_incomes_at_a_fractional_line() {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("../data/standards/nd07-2021.json")).unwrap();
    v["income_lines"]["rural"]["poor"]["value"] = "1500000.5".into();
    let s = Standard::from_json(&v.to_string()).unwrap();
    let area = [2u8, 2, 2];
    let income = [1_500_000i64, 1_500_001, i64::MAX];
    let out = classify_batch(
        &s,
        &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&[0, 0, 0])),
        OnError::Collect,
    )
    .unwrap();
    assert_eq!(out.class, [2, 3, 4]);
}

/// The parallel split (feature `parallel`, std threads) is the Python binding's; the WebAssembly
/// build has no threads and leaves it off.
#[test]
fn only_the_python_binding_enables_the_parallel_split() {
    let dependency = |manifest: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(manifest);
        let text = std::fs::read_to_string(&path).unwrap();
        text.lines().find(|l| l.trim_start().starts_with("giamngheo =")).unwrap().to_string()
    };
    assert!(dependency("bindings-python/Cargo.toml").contains("\"parallel\""));
    let wasm = dependency("bindings-wasm/Cargo.toml");
    assert!(wasm.contains("path = \"../core\"") && !wasm.contains("parallel"), "{wasm}");
}
