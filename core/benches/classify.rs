//! Classification speed: the fast path (validated household → class and trail), the full
//! explanation, JSON in → report out, and facts → indicators.

use criterion::{Criterion, criterion_group, criterion_main};
use giamngheo::{Area, Household, indicators_from_ids, standard_by_id};
use rust_decimal::Decimal;
use std::hint::black_box;

const FACTS_REQUEST: &str = r#"{
  "date": "2018-06-30", "area": "rural", "income": { "monthly_per_capita": "850000" },
  "facts": {
    "members": [
      { "birth_year": 1980, "age": 37, "education": "primary", "in_school": false, "health_insurance": false },
      { "birth_year": 1990, "age": 28, "education": "lower_secondary", "in_school": false, "health_insurance": true },
      { "birth_date": "2010-03-01", "in_school": true, "education": "primary", "health_insurance": true }
    ],
    "ill_member_untreated": false,
    "housing": { "wall_durable": false, "column_durable": true, "roof_durable": false, "floor_area_m2": "30" },
    "water_source": "unprotected_spring", "toilet": "simple_pit",
    "uses_telephone": true, "uses_internet": false,
    "owns": { "tv": true, "radio": false, "computer": false, "telephone": true },
    "hears_loudspeaker": true
  }
}"#;

fn bench(c: &mut Criterion) {
    let Ok(qd59) = standard_by_id("qd59-2015") else {
        return;
    };
    let Ok(deprived) = indicators_from_ids(qd59, ["health_insurance", "housing_quality", "sanitation"]) else {
        return;
    };
    let Ok(household) = Household::new(Area::Rural, Decimal::from(850_000), deprived) else {
        return;
    };

    c.bench_function("classify one household from indicators (qd59, class + trail)", |b| {
        b.iter(|| black_box(qd59).classify(black_box(&household)).class())
    });
    // NĐ 351/2025 (2027-2030): 12 indicators, one line.
    let nd351 = standard_by_id("nd351-2025").ok();
    let deprived351 =
        nd351.and_then(|s| indicators_from_ids(s, ["health_insurance", "sanitation", "waste_treatment"]).ok());
    if let (Some(nd351), Some(d351)) = (nd351, deprived351) {
        if let Ok(h351) = Household::new(Area::Rural, Decimal::from(2_100_000), d351) {
            c.bench_function("classify one household from indicators (nd351, class + trail)", |b| {
                b.iter(|| black_box(nd351).classify(black_box(&h351)).class())
            });
        }
        let review = serde_json::json!({
            "date": "2026-11-30", "list_year": 2027, "area": "rural", "income": { "monthly_per_capita": "2100000" },
            "indicators": nd351.indicators.iter().enumerate()
                .map(|(i, ind)| (ind.id.clone(), serde_json::Value::Bool(d351.contains(i))))
                .collect::<serde_json::Map<_, _>>()
        })
        .to_string();
        c.bench_function("classify_json: the 2026-11-30 review for the 2027 list (nd351), report out", |b| {
            b.iter(|| giamngheo::classify_json(black_box(&review)))
        });
    }
    c.bench_function("classify one household from indicators with the full report", |b| {
        b.iter(|| black_box(qd59).classify(black_box(&household)).report())
    });
    let json = serde_json::json!({
        "date": "2018-06-30", "area": "rural", "income": { "monthly_per_capita": "850000" },
        "indicators": qd59.indicators.iter().enumerate()
            .map(|(i, ind)| (ind.id.clone(), serde_json::Value::Bool(deprived.contains(i))))
            .collect::<serde_json::Map<_, _>>()
    })
    .to_string();
    c.bench_function("classify_json: indicators JSON in, report out", |b| {
        b.iter(|| giamngheo::classify_json(black_box(&json)))
    });
    c.bench_function("classify_json: facts JSON in, report out", |b| {
        b.iter(|| giamngheo::classify_json(black_box(FACTS_REQUEST)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
