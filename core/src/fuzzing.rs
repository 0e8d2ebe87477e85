//! Invariant checks on arbitrary input, shared by the fuzz targets (`core/fuzz`, run with
//! `make fuzz`) and the replay of their saved inputs on stable (`core/tests/fuzz_corpora.rs`),
//! compiled only with the crate's `fuzzing` feature (off by default), which both of them enable.
//! Each function feeds one entry point and asserts what must hold for any input: a result or
//! typed errors with both messages, never a panic, and agreement between the paths. A broken
//! invariant panics here on purpose (that is the finding): not for use on live input.

#![allow(clippy::panic, reason = "an invariant checker: a failed check is the finding")]

use crate::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch};
use crate::classify::HouseholdClass;
use crate::error::Errors;
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
use crate::stats::{AlkireFosterOptions, StatsInput, Weights, statistics};
use crate::{Area, Household, Standard};
use rust_decimal::Decimal;

fn check_errors(errors: &Errors) {
    for e in errors.as_slice() {
        assert!(!e.message.vi.is_empty() && !e.message.en.is_empty(), "error {} without a message", e.code);
        assert!(e.path.is_empty() || e.path.starts_with('/'), "error path {:?} is not a JSON pointer", e.path);
    }
}

/// `classify_json` on any text; the text and each of its quoted pieces also go through the
/// number rules ([`number_text`]).
pub fn classify_json(text: &str) {
    number_text(text);
    for piece in text.split('"').skip(1).step_by(2) {
        number_text(piece);
    }
    match crate::classify_json(text) {
        Ok(report) => {
            assert!(HouseholdClass::ALL.contains(&report.class));
            let last = report.reasons.last().map(|r| r.rule.as_str()).unwrap_or_default();
            assert!(last.starts_with("decision."), "the trail ends in a decision");
        }
        Err(errors) => check_errors(&errors),
    }
}

/// The number rules on any text: a number is read exactly or refused, never rounded. What the
/// plain rule and the money rule accept keeps every significant digit of the text, in order, and
/// writes back (`Decimal`'s own text) to the same value at the same scale; a refusal is typed.
pub fn number_text(text: &str) {
    for (rule, parsed) in [("decimal", crate::number::parse_decimal(text)), ("money", crate::number::parse_money(text))]
    {
        let d = match parsed {
            Ok(d) => d,
            Err(p) => {
                check_errors(&p.at("").into());
                continue;
            }
        };
        let again = crate::number::parse_decimal(&d.to_string());
        assert!(
            again == Ok(d) && again.map(|a| a.scale()) == Ok(d.scale()),
            "{rule} {text:?} -> {d} does not write back"
        );
        if !text.contains(['e', 'E']) {
            let significant = |s: &str| {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                digits.trim_start_matches('0').trim_end_matches('0').to_string()
            };
            assert_eq!(significant(text), significant(&d.to_string()), "{rule} {text:?} -> {d} lost or added a digit");
        }
    }
}

/// Any JSON function, picked by name: `<function name>\n<JSON request>` (by name, so that a
/// function added to the registry leaves every saved input pointing where it pointed).
pub fn call_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (function, request) = text.split_once('\n').unwrap_or((text, ""));
    if let Err(errors) = crate::call_json(function, request) {
        check_errors(&errors);
    }
}

/// A parameter file; a standard that loads must classify every kind of household.
pub fn standard_json(text: &str) {
    match Standard::from_json(text) {
        Err(errors) => check_errors(&errors),
        Ok(s) => {
            let n = s.indicators.len();
            let all = if n >= 16 { u16::MAX } else { ((1u32 << n) - 1) as u16 };
            let incomes = [0i64, 1, 700_000, 1_000_000, 1_500_000, i64::MAX];
            for area in Area::ALL {
                for income in incomes {
                    for bits in [0, 1, 0b111, all] {
                        household(&s, area, income, bits);
                    }
                }
            }
        }
    }
}

fn household(s: &Standard, area: Area, income: i64, bits: u16) {
    let Ok(per_capita) = MonthlyIncome::per_capita(income.into()) else { return };
    let deprived = IndicatorSet::from_bits(bits);
    let single = s.classify(&Household { area, income: per_capita, deprived }).class();
    let out = classify_batch(
        s,
        &BatchInput::new(&[area.code()], Incomes::Dong(&[income]), Deprivations::Mask(&[bits])),
        OnError::Collect,
    );
    if let Ok(out) = out {
        if out.errors.is_empty() {
            assert_eq!(out.class[0], single.code(), "batch and single path disagree");
        }
    }
}

/// The width of a row in [`batch`]'s input.
const ROW: usize = 17;

fn le<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

/// Columns of arbitrary values through the batch of every embedded standard, then the statistics.
/// A 4-byte header picks the column types (incomes as whole đồng or decimals; deprivations as
/// masks, bool columns or byte columns), weights, groups, Alkire-Foster options and a column to
/// cut short; then rows of 17 bytes: area, income (i64 LE), mask (u16 LE), decimal scale,
/// a bad byte cell, weight (3 bytes LE), group.
///
/// Checked: whole-batch problems are typed errors; every classified row agrees with
/// [`Standard::classify`]; a row is unclassified exactly when it has an error; `Stop` keeps the
/// rows before the first bad one; whole đồng and decimals give the same classes; the statistics
/// add up.
pub fn batch(data: &[u8]) {
    let Some((&[flags, cut, cutoff, af_weights], body)) = data.split_first_chunk::<4>() else { return };
    let rows: Vec<&[u8]> = body.chunks_exact(ROW).collect();
    let n = rows.len();
    let area: Vec<u8> = rows.iter().map(|r| r[0]).collect();
    let dong: Vec<i64> = rows.iter().map(|r| i64::from_le_bytes(le(&r[1..]))).collect();
    let decimal: Vec<Decimal> = rows
        .iter()
        .zip(&dong)
        .map(|(r, &m)| Decimal::try_new(m, u32::from(r[11] % 32)).unwrap_or(Decimal::from(m)))
        .collect();
    let masks: Vec<u16> = rows.iter().map(|r| u16::from_le_bytes(le(&r[9..]))).collect();
    let weights: Vec<u64> = rows.iter().map(|r| u64::from(u32::from_le_bytes([r[13], r[14], r[15], 0]))).collect();
    let groups: Vec<u32> = rows.iter().map(|r| u32::from(r[16] % 8)).collect();
    // A column one row short (when there is a row to drop), or one indicator column too few/many.
    let short = |len: usize, which: u8| if cut % 8 == which { len.saturating_sub(1) } else { len };

    for s in crate::standards().unwrap_or_default() {
        let k = s.indicators.len();
        let bools: Vec<Vec<bool>> = (0..k).map(|j| masks.iter().map(|m| m & (1 << j) != 0).collect()).collect();
        let bytes: Vec<Vec<u8>> = (0..k)
            .map(|j| {
                rows.iter()
                    .zip(&masks)
                    .map(|(r, m)| {
                        if r[12] >= 0x80 && usize::from(r[12] % 16) == j { r[12] } else { u8::from(m & (1 << j) != 0) }
                    })
                    .collect()
            })
            .collect();
        let columns = match cut % 8 {
            5 => k.saturating_sub(1),
            6 => k + 1,
            _ => k,
        };
        let bool_cols: Vec<&[bool]> =
            (0..columns).map(|j| bools.get(j).map_or(&[][..], |c| &c[..short(c.len(), 2)])).collect();
        let byte_cols: Vec<&[u8]> =
            (0..columns).map(|j| bytes.get(j).map_or(&[][..], |c| &c[..short(c.len(), 2)])).collect();
        let deprivations = match (flags >> 1) & 3 {
            1 => Deprivations::Bools(&bool_cols),
            2 => Deprivations::Bytes(&byte_cols),
            _ => Deprivations::Mask(&masks[..short(n, 2)]),
        };
        let income = if flags & 1 == 0 {
            Incomes::Dong(&dong[..short(n, 1)])
        } else {
            Incomes::Decimal(&decimal[..short(n, 1)])
        };
        let input = BatchInput::new(&area, income, deprivations);
        let shape_broken = match deprivations {
            Deprivations::Mask(_) => n > 0 && matches!(cut % 8, 1 | 2),
            _ => columns != k || n > 0 && (cut % 8 == 1 || cut % 8 == 2 && columns > 0),
        };

        let out = match classify_batch(s, &input, OnError::Collect) {
            Ok(out) => out,
            Err(errors) => {
                check_errors(&errors);
                assert!(shape_broken, "a whole-batch error without a broken shape: {errors:?}");
                continue;
            }
        };
        assert!(!shape_broken, "a broken shape was accepted");
        assert_eq!((out.class.len(), out.deprivation_count.len()), (n, n));
        let mut bad = vec![false; n];
        for e in &out.errors {
            check_errors(&Errors::from(e.error.clone()));
            bad[e.row] = true;
        }
        for i in 0..n {
            let c = out.class[i];
            assert!(c <= 4);
            assert_eq!(c == 0, bad[i], "row {i}: unclassified exactly when it has an error");
            if c != 0 {
                let (Some(a), Some(set)) = (Area::from_code(area[i]), deprivations.set(i, k)) else {
                    panic!("row {i} classified from a bad cell")
                };
                let per_capita = match income {
                    Incomes::Dong(d) => MonthlyIncome::per_capita(d[i].into()),
                    Incomes::Decimal(d) => MonthlyIncome::per_capita(d[i]),
                };
                let Ok(income) = per_capita else { panic!("row {i} classified from a bad income") };
                let single = s.classify(&Household { area: a, income, deprived: set }).class();
                assert_eq!(c, single.code(), "row {i}: batch and single path disagree");
                assert_eq!(out.deprivation_count[i], set.count(), "row {i}: deprivation count");
            }
        }

        // Stop: the rows before the first bad one, as Collect classified them.
        let Ok(stop) = classify_batch(s, &input, OnError::Stop) else { panic!("Stop refused what Collect took") };
        assert!(stop.errors.len() <= 1);
        let first = bad.iter().position(|&b| b).unwrap_or(n);
        assert_eq!(stop.errors.first().map_or(n, |e| e.row), first);
        assert_eq!(stop.class[..first], out.class[..first]);
        assert!(stop.class[first..].iter().all(|&c| c == 0));

        // Whole đồng and the same incomes as decimals: the integer path and the exact one agree.
        if let Incomes::Dong(d) = income {
            let as_decimal: Vec<Decimal> = d.iter().map(|&x| Decimal::from(x)).collect();
            let input = BatchInput { income: Incomes::Decimal(&as_decimal), ..input };
            let Ok(exact) = classify_batch(s, &input, OnError::Collect) else { panic!("decimals refused") };
            assert_eq!(exact.class, out.class, "whole đồng and decimals disagree");
        }

        // Caller-owned output columns of the wrong length are a typed error.
        if cut % 8 == 7 {
            let mut class = vec![0u8; n + 1];
            let mut count = vec![0u8; n];
            match crate::batch::classify_batch_into(s, &input, &mut class, &mut count, OnError::Collect) {
                Ok(_) => panic!("an output column of the wrong length was accepted"),
                Err(errors) => check_errors(&errors),
            }
        }

        let options = StatsOptions {
            flags,
            weights: &weights[..short(n, 3)],
            decimal_weights: &decimal[..short(n, 3)],
            groups: &groups[..short(n, 4)],
            cutoff,
            af_weights,
        };
        statistics_of(s, &out.class, deprivations, &options);
        // A class column of arbitrary bytes: codes above 4 count as unclassified.
        statistics_of(s, &area, deprivations, &options);
    }
}

/// The statistics' optional columns and options, from the header and the rows.
struct StatsOptions<'a> {
    flags: u8,
    weights: &'a [u64],
    decimal_weights: &'a [Decimal],
    groups: &'a [u32],
    cutoff: u8,
    af_weights: u8,
}

fn statistics_of(s: &Standard, class: &[u8], deprivations: Deprivations<'_>, o: &StatsOptions<'_>) {
    let n = class.len();
    let weights = match o.flags >> 3 & 3 {
        1 => Some(Weights::Integer(o.weights)),
        2 => Some(Weights::Decimal(o.decimal_weights)),
        _ => None,
    };
    let groups = (o.flags & 0x20 != 0).then_some(o.groups);
    let k = s.indicators.len();
    let af = (o.flags & 0x40 != 0).then(|| AlkireFosterOptions {
        cutoff: Decimal::new(i64::from(o.cutoff), 2).into(),
        // 0xFF: one weight too many; 0xFE: negative weights.
        weights: (o.af_weights != 0).then(|| {
            let len = if o.af_weights == 0xFF { k + 1 } else { k };
            let w = |i: usize| i64::from(o.af_weights >> (i % 8) & 1) - i64::from(o.af_weights == 0xFE);
            (0..len).map(|i| Decimal::from(w(i)).into()).collect()
        }),
    });
    let input = StatsInput { class, deprivations, weights, groups };
    let stats = match statistics(s, &input, af.as_ref()) {
        Ok(stats) => stats,
        Err(errors) => return check_errors(&errors),
    };
    let total = &stats.total;
    let classified: Decimal = total.classes.iter().map(|c| c.households).sum();
    assert_eq!(classified, total.households, "the classes add up to the classified households");
    if weights.is_none() {
        let unclassified = class.iter().filter(|&&c| c == 0 || c > 4).count();
        assert_eq!(total.unclassified, Decimal::from(unclassified));
        assert_eq!(total.households, Decimal::from(n - unclassified));
    }
    if groups.is_some() {
        let by_group: Decimal = stats.groups.iter().map(|g| g.households).sum();
        assert_eq!(by_group, total.households, "the groups add up to the total");
    }
    for share in &total.indicators {
        assert!(share.deprived_poor <= share.deprived && share.deprived <= total.households);
    }
    if let Some(af) = &total.alkire_foster {
        assert!(af.headcount_ratio.value.is_none_or(|h| h <= Decimal::ONE));
    }
}
