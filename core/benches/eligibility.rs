//! Evaluating the whole catalog for one beneficiary.

use criterion::{Criterion, criterion_group, criterion_main};
use giamngheo::eligibility::{EligibilityRequest, evaluate};
use std::hint::black_box;

const BAO_LAM: &str = r#"{
  "date": "2018-06-30",
  "household": { "class": "poor", "ethnic_minority": true, "very_small_ethnic_members": 2, "registered_escape_plan": true,
                 "left_poor_list_on": null, "left_near_poor_list_on": null },
  "person": { "age": 10, "ethnic_group": "Lô Lô", "school_level": "primary", "school_distance_km": "5", "school_in_difficult_area": true },
  "place": { "province": "Cao Bằng", "district": "Bảo Lâm", "commune_region": "III", "commune_135": true, "village_ebkk": true,
             "difficult_area": true, "extremely_difficult_area": true }
}"#;

/// The same household on a day of the 2021-2025 program and on a day of 2027 (NĐ 351/2025's
/// lists, the 2026-2030 program, the policies' latest versions).
fn on(date: &str) -> String {
    BAO_LAM.replacen("2018-06-30", date, 1)
}

fn bench(c: &mut Criterion) {
    let Ok(req) = giamngheo::json::from_str::<EligibilityRequest>(BAO_LAM) else { return };
    let _ = giamngheo::eligibility::catalogs();
    c.bench_function("eligibility: whole catalog for one beneficiary, with reasons", |b| {
        b.iter(|| evaluate(black_box(&req)))
    });
    for date in ["2023-06-30", "2027-06-30"] {
        let Ok(req) = giamngheo::json::from_str::<EligibilityRequest>(&on(date)) else { return };
        c.bench_function(&format!("eligibility: whole catalog for one beneficiary on {date}"), |b| {
            b.iter(|| evaluate(black_box(&req)))
        });
    }
    c.bench_function("eligibility: JSON in, JSON out (call_json)", |b| {
        b.iter(|| giamngheo::call_json("eligibility", black_box(BAO_LAM)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
