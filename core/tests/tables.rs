//! The presentation rules core owns: plan-style tables and the allocation's table as a model
//! (the text tables are one rendering of it), `check_plan` by embedded id, the brief answer of a
//! classification, and the bilingual names of fact values.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch};
use giamngheo::json::object_from_str;
use giamngheo::stats::{GroupStatistics, StatsInput, statistics};
use giamngheo::table::{
    Align, PlanTablesRequest, Table, Tables, TablesRequest, Unit, plan_table_models, plan_tables_request,
    tables_request,
};
use giamngheo::{ErrorCode, Standard, call_json};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn qd59() -> &'static Standard {
    giamngheo::standard_by_id("qd59-2015").unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The statistics of the embedded synthetic sample (shaped on plan 449/KH-UBND).
fn sample_statistics() -> GroupStatistics {
    let sample = giamngheo::sample::synthetic_cao_bang(7).unwrap();
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
    statistics(
        qd59(),
        &StatsInput { class: &out.class, deprivations: input.deprivations, weights: None, groups: None },
        None,
    )
    .unwrap()
    .total
}

fn texts(t: &Table, row: &str) -> Vec<String> {
    t.row(row).unwrap().cells.iter().map(|c| c.text.clone()).collect()
}

#[test]
fn the_sample_tables_carry_the_plan_figures_as_values_and_text() {
    let g = sample_statistics();
    let plan = giamngheo::published::cao_bang_2015().unwrap();
    let tables = plan_table_models(qd59(), &g, Some(plan));
    assert_eq!(
        tables.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["households_by_class", "deprivation_among_poor"]
    );
    let t1 = &tables[0];
    assert_eq!(t1.columns.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["households", "rate", "published"]);
    assert!(t1.columns[2].published && !t1.columns[0].published);
    assert_eq!((t1.columns[0].unit, t1.columns[0].align), (Unit::Count, Align::Right));
    // Plan 449/KH-UBND section II: 52.409 poor households (42,53%), 12.110 near-poor (9,83%).
    assert_eq!(texts(t1, "poor"), ["52.409", "42,53%", "42,53%"]);
    assert_eq!(texts(t1, "near_poor"), ["12.110", "9,83%", "9,83%"]);
    let poor = t1.row("poor").unwrap();
    assert_eq!(poor.label.vi, "Hộ nghèo");
    assert_eq!(poor.cells[0].value, Some(d("52409")));
    assert_eq!(poor.cells[1].value, Some(d("42.53")));
    assert_eq!(poor.cells[2].value, Some(d("42.53")));
    assert_eq!(t1.cell("total", "households").unwrap().value, Some(Decimal::from(plan.households)));
    assert_eq!(t1.cell("total", "households").unwrap().text, "123.221");
    assert_eq!(t1.source.as_ref().unwrap(), &plan.source);
    // Table 2: every indicator's rate among poor households equals the plan's (W2 latrines 90,36%).
    let t2 = &tables[1];
    assert_eq!(t2.rows.len(), qd59().indicators.len());
    for row in &t2.rows {
        let computed = &row.cells[t2.column("poor").unwrap()];
        let published = &row.cells[t2.column("published").unwrap()];
        assert_eq!(computed, published, "{}", row.key);
        let plan_value = plan.deprivation_among_poor_percent[&row.key];
        assert_eq!(computed.value, Some(Decimal::from(plan_value)), "{}", row.key);
    }
    let sanitation = t2.row("sanitation").unwrap();
    assert_eq!((sanitation.code.as_deref(), sanitation.cells[0].text.as_str()), (Some("W2"), "90,36%"));
}

#[test]
fn the_text_tables_are_a_rendering_of_the_model() {
    let g = sample_statistics();
    let plan = giamngheo::published::cao_bang_2015().unwrap();
    let tables = plan_table_models(qd59(), &g, Some(plan));
    let text = giamngheo::table::plan_tables(qd59(), &g, Some(plan));
    assert_eq!(text, giamngheo::table::tables_text(&tables));
    for t in &tables {
        assert!(text.contains(&t.caption.vi) && text.contains(&t.caption.en));
        for row in &t.rows {
            let start = match &row.code {
                Some(code) => format!("{code} {} / {}", row.label.vi, row.label.en),
                None => format!("{} / {}", row.label.vi, row.label.en),
            };
            let line = text.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("{start}"));
            let mut rest = &line[start.len()..];
            for cell in &row.cells {
                let at = rest.find(&cell.text).unwrap_or_else(|| panic!("{} in {line}", cell.text));
                rest = &rest[at + cell.text.len()..];
            }
        }
    }
    let poor = text.lines().find(|l| l.starts_with("Hộ nghèo / poor")).unwrap();
    assert!(poor.contains("52.409") && poor.matches("42,53%").count() == 2, "{poor}");
    assert!(text.contains("Nguồn / Source: "));
}

#[test]
fn without_published_figures_or_under_another_standard_there_is_no_plan_column() {
    let g = sample_statistics();
    let tables = plan_table_models(qd59(), &g, None);
    assert!(tables.iter().all(|t| t.columns.iter().all(|c| !c.published) && t.source.is_none()));
    // From JSON, as the Python binding hands it over: `published` under QĐ 59 adds the plan's
    // column, under NĐ 07 not.
    let request = |standard: &str| json!({ "standard": standard, "statistics": g, "published": true }).to_string();
    let answer = plan_tables_json(&request("qd59-2015")).unwrap();
    assert_eq!(answer.tables, plan_table_models(qd59(), &g, Some(giamngheo::published::cao_bang_2015().unwrap())));
    let other = plan_tables_json(&request("nd07-2021")).unwrap();
    assert!(other.tables.iter().all(|t| t.columns.iter().all(|c| !c.published)));
    let e = plan_tables_json(&request("no-such")).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::StandardUnknown, "/standard"));
}

#[test]
fn alkire_foster_and_group_tables_are_models_too() {
    let sample = giamngheo::sample::synthetic_households(2_000, 3).unwrap();
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
    let af = giamngheo::stats::AlkireFosterOptions { cutoff: d("0.3").into(), weights: None };
    let s = statistics(
        qd59(),
        &StatsInput {
            class: &out.class,
            deprivations: input.deprivations,
            weights: None,
            groups: Some(&sample.district),
        },
        Some(&af),
    )
    .unwrap();
    let t = giamngheo::table::alkire_foster(&s.total).unwrap();
    let measures = s.total.alkire_foster.as_ref().unwrap();
    assert_eq!(t.cell("headcount_ratio", "value").unwrap().value, measures.headcount_ratio.percent);
    assert!(t.caption.vi.contains("k = 0,3") && t.caption.en.contains("k = 0.3"));
    let groups = giamngheo::table::group_table_model(&s, giamngheo::Text::new("Huyện", "District"));
    assert_eq!(groups.rows.len(), s.groups.len());
    let first = &s.groups[0];
    assert_eq!(groups.rows[0].cells[0].value, Some(first.households));
    let text = giamngheo::table::group_table(&s, "Huyện / District");
    assert!(text.starts_with("Huyện / District"));
    assert_eq!(text, groups.to_text());
}

fn cao_bang_allocation() -> Value {
    call_json(
        "allocate",
        &json!({
            "pool": "1529000000000", "rounding_unit": "1000000",
            "coefficient_set": "illustrative-points-2016", "unit_set": "cao-bang-districts-2017"
        })
        .to_string(),
    )
    .unwrap()
}

#[test]
fn the_allocation_answer_carries_its_table() {
    let a = cao_bang_allocation();
    let table: Table = serde_json::from_value(a["table"].clone()).unwrap();
    let units = a["units"].as_array().unwrap();
    assert_eq!(table.rows.len(), units.len() + 1);
    let allocated = table.column("allocated").unwrap();
    for (row, unit) in table.rows.iter().zip(units) {
        assert_eq!(row.key, unit["id"].as_str().unwrap());
        assert_eq!(row.cells[allocated].value, Some(d(unit["amount"].as_str().unwrap())));
    }
    let total = table.row("total").unwrap();
    assert!(total.total);
    assert_eq!(total.cells[allocated].text, "1.529.000.000.000");
    assert_eq!(total.cells[allocated].value, Some(d("1529000000000")));
    assert!(table.warning.as_ref().unwrap().vi.contains("MINH HỌA"));
    assert!(table.notes[0].vi.ends_with("khớp") && table.notes[0].en.ends_with("matches"));
    // Core's text table is the rendering of that model.
    let text = table.to_text();
    let line = text.lines().find(|l| l.starts_with("Tổng / Total")).unwrap();
    assert!(line.trim_end().ends_with("1.529.000.000.000"), "{line}");
    assert!(text.contains("MINH HỌA") && text.contains("ILLUSTRATIVE"));
}

#[test]
fn check_plan_takes_an_embedded_plan_id() {
    let by_id = call_json("check_plan", r#"{"plan_id": "cao-bang-449-2017"}"#).unwrap();
    let plan = giamngheo::funding::plan_by_id("cao-bang-449-2017").unwrap();
    let in_full = call_json("check_plan", &serde_json::to_string(plan).unwrap()).unwrap();
    assert_eq!(by_id, in_full);
    assert_eq!(by_id["adds_up"], json!(true));
    // KH 449 mục IV: 6.401,252 tỷ in all.
    assert_eq!(by_id["sums"][0]["actual"], json!("6401252000000"));
    let e = call_json("check_plan", r#"{"plan_id": "no-such-plan"}"#).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::PlanUnknown, "/plan_id"));
    assert!(e.first().message.en.contains("cao-bang-449-2017") && e.first().message.en.contains("qd1722-2016"));
    assert!(e.first().message.vi.contains("no-such-plan"));
    let e = call_json("check_plan", r#"{"plan_id": "cao-bang-449-2017", "total": 1}"#).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::FieldUnknown, "/total"));
    let e = call_json("check_plan", r#"{"plan_id": 5}"#).unwrap_err();
    assert_eq!(e.first().path, "/plan_id");
}

#[test]
fn the_brief_is_the_class_part_of_the_report() {
    let request = json!({
        "date": "2018-06-30", "area": "rural", "income": { "monthly_per_capita": "850000" },
        "indicators": { "health_access": false, "health_insurance": true, "adult_education": false,
            "child_schooling": false, "housing_quality": true, "housing_area": false, "water_source": false,
            "sanitation": true, "telecom_use": false, "information_assets": false }
    })
    .to_string();
    let brief = call_json("classify_brief", &request).unwrap();
    let report = call_json("classify", &request).unwrap();
    for key in ["class", "class_name", "deprivation_count", "deprived", "income_per_capita_monthly"] {
        assert_eq!(brief[key], report[key], "{key}");
    }
    assert_eq!(brief["standard"], report["standard"]["id"]);
    assert_eq!(brief["selection"], json!({ "by": "date" }));
    assert_eq!(brief["class"], json!("poor"));
    let e = call_json("classify_brief", r#"{"area": "rural"}"#).unwrap_err();
    assert_eq!(e, call_json("classify", r#"{"area": "rural"}"#).unwrap_err());
}

#[test]
fn fact_labels_come_from_core() {
    let all = call_json("fact_labels", "{}").unwrap();
    let ids: Vec<&str> = all["categories"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["area", "education", "employment", "water_source", "toilet", "school_level", "confidence"]);
    let toilet = call_json("fact_labels", r#"{"category": "toilet"}"#).unwrap();
    let values = &toilet["categories"][0]["values"];
    assert_eq!(values[0], json!({ "value": "septic_tank", "name": { "vi": "Tự hoại", "en": "Septic tank" } }));
    assert_eq!(values.as_array().unwrap().len(), giamngheo::facts::ToiletType::ALL.len());
    let e = call_json("fact_labels", r#"{"category": "pets"}"#).unwrap_err();
    assert_eq!((e.first().code, e.first().path.as_str()), (ErrorCode::ValueUnknown, "/category"));
}

#[test]
fn a_batch_s_class_counts_are_a_model() {
    use giamngheo::HouseholdClass;
    let counts = [(HouseholdClass::Poor, 52_409), (HouseholdClass::NearPoor, 12_110)];
    let t = giamngheo::table::class_counts("QĐ 59/2015/QĐ-TTg", &counts, 3);
    assert_eq!(t.caption.en, "Classification — QĐ 59/2015/QĐ-TTg");
    assert_eq!(texts(&t, "poor"), ["1", "52.409"]);
    assert_eq!(t.cell("near_poor", "households").unwrap().value, Some(Decimal::from(12_110)));
    let bad = t.row("unclassified").unwrap();
    assert!(bad.total && bad.cells[1].text == "3");
    assert!(giamngheo::table::class_counts("x", &counts, 0).row("unclassified").is_none());
}

/// Core's tables of an answer, read from its JSON as a binding hands it over.
fn tables_of(key: &str, answer: &Value) -> Vec<Table> {
    let request = object_from_str::<TablesRequest>(&json!({ key: answer }).to_string()).unwrap();
    tables_request(&request).tables
}

fn plan_tables_json(text: &str) -> Result<Tables, giamngheo::Errors> {
    plan_tables_request(&object_from_str::<PlanTablesRequest>(text)?)
}

#[test]
fn a_classification_report_s_tables() {
    let request = json!({
        "date": "2018-06-30", "area": "rural", "income": { "monthly_per_capita": "1400000" },
        "facts": { "members": [ { "age": 40, "education": "primary", "in_school": false, "health_insurance": false,
            "employment": "self_employed" } ],
            "housing": { "wall_durable": true, "column_durable": true, "roof_durable": true, "floor_area_m2": "40" },
            "water_source": "piped", "toilet": "simple_pit", "ill_member_untreated": false,
            "uses_telephone": true, "uses_internet": true, "owns": { "tv": true } }
    });
    let report = call_json("classify", &request.to_string());
    let Ok(report) = report else { panic!("{report:?}") };
    let tables = tables_of("report", &report);
    let reasons = &tables[0];
    assert_eq!(reasons.id, "reasons");
    assert_eq!(reasons.rows.len(), report["reasons"].as_array().unwrap().len());
    let first = &reasons.rows[0];
    assert_eq!(first.key, report["reasons"][0]["rule"].as_str().unwrap());
    let explanation = &first.cells[reasons.column("explanation").unwrap()];
    assert_eq!(explanation.text, report["reasons"][0]["message"]["vi"].as_str().unwrap());
    assert_eq!(explanation.en.as_deref(), report["reasons"][0]["message"]["en"].as_str());
    assert!(reasons.preamble[0].vi.contains(report["standard"]["document"].as_str().unwrap()));
    assert!(reasons.preamble[1].vi.contains("1.400.000") && reasons.preamble[1].en.contains("1,400,000"));
    assert_eq!(reasons.preamble[2].vi, report["selection"]["message"]["vi"].as_str().unwrap());
    // From facts: each indicator with its evidence, the sanitation one deprived (a simple pit).
    let evidence = tables.iter().find(|t| t.id == "indicators").unwrap();
    let sanitation = evidence.rows.iter().find(|r| r.key == "sanitation").unwrap();
    assert_eq!(sanitation.cells[0].key.as_deref(), Some("deprived"));
    let confidence = &first.cells[reasons.column("confidence").unwrap()];
    assert_eq!(confidence.key.as_deref(), report["reasons"][0]["confidence"].as_str());
}

#[test]
fn eligibility_plan_check_and_counterpart_tables() {
    let request = json!({
        "date": "2018-06-30", "household": { "class": "poor" },
        "place": { "province": "Cao Bằng", "district": "Bảo Lâm" }, "program": "health_insurance"
    });
    let one = call_json("eligibility_one", &request.to_string()).unwrap();
    let tables = tables_of("eligibility", &one);
    assert_eq!(tables.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["decisions", "checks"]);
    let decision = tables[0].row("health_insurance").unwrap();
    assert_eq!(decision.cells[0].key.as_deref(), one["decisions"][0]["outcome"].as_str());
    assert_eq!(tables[1].rows.len(), one["decisions"][0]["checks"].as_array().unwrap().len());
    let check = call_json("check_plan", r#"{"plan_id": "cao-bang-449-2017"}"#).unwrap();
    let t = &tables_of("plan_check", &check)[0];
    assert_eq!(t.cell("/total/value", "actual").unwrap().text, "6.401.252.000.000");
    assert_eq!(t.cell("/total/value", "holds").unwrap().key.as_deref(), Some("true"));
    assert_eq!(t.rows.len(), check["sums"].as_array().unwrap().len());
    let ratio = call_json("counterpart_ratio", r#"{"year": 2023, "central_support_percent": "70"}"#).unwrap();
    let t = &tables_of("counterpart_ratio", &ratio)[0];
    assert_eq!(t.cell("minimum_percent", "value").unwrap().text, "3,00%");
    assert!(t.source.as_ref().is_some_and(|c| c.document == "QĐ 02/2022/QĐ-TTg"));
    let e = object_from_str::<TablesRequest>(r#"{"report": {}}"#).unwrap_err();
    assert_eq!(e.first().code, ErrorCode::FieldMissing);
}
