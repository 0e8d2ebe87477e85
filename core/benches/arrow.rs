//! Arrow columns read into a batch (`giamngheo::arrow`), 1 million synthetic households in the
//! layout polars and pyarrow hand over: a text area (`string_view`, `string`, a dictionary),
//! int64 incomes, ten boolean columns. Each part is timed alone, then the whole read and the
//! read with the classification, so a slow part shows.

use arrow_array::types::Int8Type;
use arrow_array::{ArrayRef, BooleanArray, DictionaryArray, Int64Array, StringArray, StringViewArray, UInt16Array};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use giamngheo::arrow::{ArrowBatch, Chunks, DeprivationColumns, IndicatorColumn};
use giamngheo::batch::{OnError, Threads, UNCLASSIFIED, classify_batch_parallel_into};
use std::hint::black_box;
use std::sync::Arc;

const N: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let Ok(s) = giamngheo::standard_by_id("qd59-2015") else { return };
    let Ok(sample) = giamngheo::sample::synthetic_households(N, 1) else { return };
    let label = |code: &u8| if *code == 1 { "urban" } else { "rural" };
    let labels: Vec<&str> = sample.area.iter().map(label).collect();
    let view: ArrayRef = Arc::new(StringViewArray::from(labels.clone()));
    let text: ArrayRef = Arc::new(StringArray::from(labels.clone()));
    let dictionary: ArrayRef = Arc::new(labels.iter().copied().collect::<DictionaryArray<Int8Type>>());
    let income: ArrayRef = Arc::new(Int64Array::from(sample.income.clone()));
    let masks: ArrayRef = Arc::new(UInt16Array::from(sample.deprivations.clone()));
    let codes: ArrayRef = Arc::new(arrow_array::UInt8Array::from(sample.area.clone()));
    let flags: Vec<Vec<ArrayRef>> = (0..10)
        .map(|j| {
            let column: BooleanArray = sample.deprivations.iter().map(|m| Some(m & (1 << j) != 0)).collect();
            vec![Arc::new(column) as ArrayRef]
        })
        .collect();
    let names: Vec<String> = (0..10).map(|j| format!("indicator_{j}")).collect();
    let indicators = DeprivationColumns::Indicators(
        flags.iter().zip(&names).map(|(f, n)| IndicatorColumn::Arrow(Chunks::new(n, f))).collect(),
    );
    let (view, text, dictionary, income, masks, codes) = ([view], [text], [dictionary], [income], [masks], [codes]);
    let mask = DeprivationColumns::Mask(Chunks::new("mask", &masks));
    let read = |area: &[ArrayRef], deprivations: &DeprivationColumns<'_>| {
        ArrowBatch::read(s, Chunks::new("area", area), Chunks::new("income", &income), deprivations, 0).map(|b| b.len())
    };

    let mut g = c.benchmark_group("arrow read");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(30);
    g.bench_function("area codes + mask (the floor)", |b| b.iter(|| read(black_box(&codes), &mask)));
    g.bench_function("area string_view + mask", |b| b.iter(|| read(black_box(&view), &mask)));
    g.bench_function("area string + mask", |b| b.iter(|| read(black_box(&text), &mask)));
    g.bench_function("area dictionary + mask", |b| b.iter(|| read(black_box(&dictionary), &mask)));
    g.bench_function("area codes + 10 boolean columns", |b| b.iter(|| read(black_box(&codes), &indicators)));
    g.bench_function("area string_view + 10 boolean columns (polars)", |b| {
        b.iter(|| read(black_box(&view), &indicators))
    });
    g.bench_function("area string_view + 10 boolean columns, read and classified", |b| {
        let mut class = vec![UNCLASSIFIED; N];
        let mut count = vec![0u8; N];
        b.iter(|| {
            let batch = ArrowBatch::read(s, Chunks::new("area", &view), Chunks::new("income", &income), &indicators, 0);
            batch.map(|batch| {
                classify_batch_parallel_into(s, &batch.input(), &mut class, &mut count, OnError::Collect, Threads::Auto)
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
