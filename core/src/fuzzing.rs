//! Invariant checks on arbitrary input, shared by the fuzz targets (`core/fuzz`, run with
//! `make fuzz`) and the replay of their saved corpora on stable (`core/tests/fuzz_corpora.rs`).
//! Each function feeds one entry point and asserts what must hold for any input: a result or
//! typed errors with both messages, never a panic, and agreement between the paths.

use crate::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch};
use crate::classify::HouseholdClass;
use crate::error::Errors;
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
use crate::stats::{StatsInput, statistics};
use crate::{Area, Household, Standard};

fn check_errors(errors: &Errors) {
    for e in errors.as_slice() {
        assert!(!e.message.vi.is_empty() && !e.message.en.is_empty(), "error {} without a message", e.code);
        assert!(e.path.is_empty() || e.path.starts_with('/'), "error path {:?} is not a JSON pointer", e.path);
    }
}

/// `classify_json` on any text.
pub fn classify_json(text: &str) {
    match crate::classify_json(text) {
        Ok(report) => {
            assert!(HouseholdClass::ALL.contains(&report.class));
            let last = report.reasons.last().map(|r| r.rule.as_str()).unwrap_or_default();
            assert!(last.starts_with("decision."), "the trail ends in a decision");
        }
        Err(errors) => check_errors(&errors),
    }
}

/// Any JSON function: the first byte picks it, the rest is the request.
pub fn call_json(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let functions = crate::api::FUNCTIONS;
    let (function, _) = functions[usize::from(pick) % functions.len()];
    if let Err(errors) = crate::call_json(function, text) {
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
        &BatchInput {
            area: &[area.code()],
            income: Incomes::Dong(&[income]),
            deprivations: Deprivations::Mask(&[bits]),
        },
        OnError::Collect,
    );
    if let Ok(out) = out {
        if out.errors.is_empty() {
            assert_eq!(out.class[0], single.code(), "batch and single path disagree");
        }
    }
}

/// Rows of 11 bytes (area, income as i64 little-endian, mask as u16 little-endian) through the
/// batch of every embedded standard, then the statistics.
pub fn batch(data: &[u8]) {
    let rows: Vec<&[u8]> = data.chunks_exact(11).collect();
    let area: Vec<u8> = rows.iter().map(|r| r[0]).collect();
    let income: Vec<i64> =
        rows.iter().map(|r| i64::from_le_bytes([r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]])).collect();
    let masks: Vec<u16> = rows.iter().map(|r| u16::from_le_bytes([r[9], r[10]])).collect();
    for s in crate::standards().unwrap_or_default() {
        let input =
            BatchInput { area: &area, income: Incomes::Dong(&income), deprivations: Deprivations::Mask(&masks) };
        for on_error in [OnError::Collect, OnError::Stop] {
            let Ok(out) = classify_batch(s, &input, on_error) else { continue };
            assert_eq!(out.class.len(), rows.len());
            for e in &out.errors {
                assert_eq!(out.class[e.row], 0, "a bad row is unclassified");
            }
            for (i, &c) in out.class.iter().enumerate() {
                assert!(c <= 4);
                if c != 0 && on_error == OnError::Collect {
                    if let Some(a) = Area::from_code(area[i]) {
                        household(s, a, income[i], masks[i]);
                    }
                }
            }
            let stats = StatsInput { class: &out.class, deprivations: input.deprivations, weights: None, groups: None };
            if let Err(errors) = statistics(s, &stats, None) {
                check_errors(&errors);
            }
        }
    }
}
