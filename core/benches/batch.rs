//! Batch classification and statistics over 1 million synthetic households.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch_into};
use giamngheo::stats::{AlkireFosterOptions, StatsInput, Weights, statistics};
use rust_decimal::Decimal;
use std::hint::black_box;

const N: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let Ok(s) = giamngheo::standard_by_id("qd59-2015") else { return };
    let Ok(sample) = giamngheo::sample::synthetic_households(N, 1) else { return };
    let flags: Vec<Vec<bool>> =
        (0..10).map(|j| sample.deprivations.iter().map(|m| m & (1 << j) != 0).collect()).collect();
    let flag_refs: Vec<&[bool]> = flags.iter().map(Vec::as_slice).collect();
    let decimals: Vec<Decimal> = sample.income.iter().map(|&i| Decimal::from(i)).collect();
    let mut class = vec![0u8; N];
    let mut count = vec![0u8; N];

    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(30);
    let mask_input =
        BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    g.bench_function("classify 1M households from a bitmask (i64 incomes)", |b| {
        b.iter(|| classify_batch_into(s, black_box(&mask_input), &mut class, &mut count, OnError::Collect))
    });
    let bool_input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Bools(&flag_refs));
    g.bench_function("classify 1M households from 10 boolean columns", |b| {
        b.iter(|| classify_batch_into(s, black_box(&bool_input), &mut class, &mut count, OnError::Collect))
    });
    // NĐ 351/2025: the same columns under the 2027-2030 standard (12 indicators, one line); the
    // sample's 10-bit masks are valid 12-bit masks.
    if let Ok(nd351) = giamngheo::standard_by_id("nd351-2025") {
        g.bench_function("classify 1M households from a bitmask under nd351 (i64 incomes)", |b| {
            b.iter(|| classify_batch_into(nd351, black_box(&mask_input), &mut class, &mut count, OnError::Collect))
        });
    }
    let decimal_input =
        BatchInput::new(&sample.area, Incomes::Decimal(&decimals), Deprivations::Mask(&sample.deprivations));
    g.bench_function("classify 1M households from a bitmask (Decimal incomes)", |b| {
        b.iter(|| classify_batch_into(s, black_box(&decimal_input), &mut class, &mut count, OnError::Collect))
    });
    g.finish();

    let _ = classify_batch_into(s, &mask_input, &mut class, &mut count, OnError::Collect);
    let mut g = c.benchmark_group("statistics");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(30);
    let stats_input = StatsInput {
        class: &class,
        deprivations: Deprivations::Mask(&sample.deprivations),
        weights: None,
        groups: None,
    };
    g.bench_function("plan table over 1M classified households", |b| {
        b.iter(|| statistics(s, black_box(&stats_input), None))
    });
    let af = AlkireFosterOptions { cutoff: Decimal::new(3, 1).into(), weights: None };
    g.bench_function("plan table + Alkire-Foster over 1M households", |b| {
        b.iter(|| statistics(s, black_box(&stats_input), Some(&af)))
    });
    let grouped = StatsInput { groups: Some(&sample.district), ..stats_input };
    g.bench_function("plan table by 13 districts over 1M households", |b| {
        b.iter(|| statistics(s, black_box(&grouped), None))
    });
    let weights: Vec<u64> = (0..N as u64).map(|i| 1 + i % 7).collect();
    let weighted = StatsInput { weights: Some(Weights::Integer(&weights)), ..stats_input };
    g.bench_function("plan table with integer weights over 1M households", |b| {
        b.iter(|| statistics(s, black_box(&weighted), None))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
