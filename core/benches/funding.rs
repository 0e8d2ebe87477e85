//! Funding benchmarks: a pool split among 10.000 synthetic communes (points, norms, priorities,
//! floors, caps and largest-remainder rounding), with and without the messages; the 13 Cao Bằng
//! districts through the JSON door; a plan check.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use giamngheo::funding::{CoefficientSet, Unit, allocate, coefficient_set_by_id, plan_by_id};
use rust_decimal::Decimal;
use std::hint::black_box;

const N: usize = 10_000;

/// Deterministic pseudo-random numbers (xorshift), so every run splits the same communes.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// The illustrative set at commune scale: norm 100 million per Program 135 commune, floor 50
/// million, cap 1 billion (all invented, like the set itself).
fn commune_set() -> Option<CoefficientSet> {
    let mut set = coefficient_set_by_id("illustrative-points-2016").ok()?.clone();
    set.floor = Some(Decimal::from(50_000_000).into());
    set.cap = Some(Decimal::from(1_000_000_000).into());
    set.norms.first_mut()?.amount = Decimal::from(100_000_000).into();
    Some(set)
}

fn communes() -> Vec<Unit> {
    let mut rng = Rng(449_2017);
    (0..N)
        .map(|i| {
            let poor = rng.next(900);
            let households = poor + 100 + rng.next(1500);
            let mut u = Unit::new(
                format!("xa-{i:05}"),
                format!("Xã {i}"),
                [
                    ("population", Decimal::from(1_000 + rng.next(12_000))),
                    ("ethnic_minority_percent", Decimal::new(rng.next(10_001) as i64, 2)),
                    ("poverty_rate_percent", Decimal::new((poor * 10_000 / households) as i64, 2)),
                    ("poor_households", Decimal::from(poor)),
                    ("natural_area_km2", Decimal::new(500 + rng.next(20_000) as i64, 1)),
                    ("communes", Decimal::ONE),
                    ("border_communes", Decimal::from(u64::from(rng.next(10) == 0))),
                    ("p135_communes", Decimal::from(u64::from(rng.next(3) == 0))),
                ],
            );
            match rng.next(10) {
                0 => u.status.push("poor_district_30a".into()),
                1 => u.status.push("qd293_district".into()),
                _ => {}
            }
            u
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(set) = commune_set() else { return };
    let units = communes();
    let pool = Decimal::from(1_529_000_000_000u64);
    let million = Decimal::from(1_000_000);

    let mut g = c.benchmark_group("allocate");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("10000 communes, 1.529 tỷ, rounded to 1 million (structured result)", |b| {
        b.iter(|| allocate(black_box(&set), black_box(&units), pool, million).map(|a| a.total))
    });
    g.bench_function("10000 communes, rounded to 1 đồng", |b| {
        b.iter(|| allocate(black_box(&set), black_box(&units), pool, Decimal::ONE).map(|a| a.total))
    });
    g.bench_function("10000 communes, with every unit's messages", |b| {
        b.iter(|| {
            allocate(black_box(&set), black_box(&units), pool, million).map(|mut a| {
                a.explain();
                a.units.len()
            })
        })
    });
    g.finish();

    let request = r#"{"pool": "1529000000000", "rounding_unit": "1000000",
        "coefficient_set": "illustrative-points-2016", "unit_set": "cao-bang-districts-2017"}"#;
    c.bench_function("allocate: 13 Cao Bằng districts through call_json (JSON in, explained JSON out)", |b| {
        b.iter(|| giamngheo::call_json("allocate", black_box(request)))
    });
    if let Ok(plan) = plan_by_id("cao-bang-449-2017") {
        c.bench_function("check_plan: Cao Bằng 449/KH-UBND", |b| {
            b.iter(|| giamngheo::funding::check_plan(black_box(plan)).map(|r| r.adds_up))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
