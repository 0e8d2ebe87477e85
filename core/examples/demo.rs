//! The main job. Without arguments: classify the embedded synthetic sample (shaped on the Cao
//! Bằng plan 449/KH-UBND) as columns, print the plan-style tables beside the plan's figures,
//! then explain a few households one by one. With `--csv FILE`: classify the user's households,
//! write the per-household results beside the input (`FILE` → `FILE.results.csv`) and print
//! the tables. `--list-year YYYY` (the list a review makes: the review at the end of 2026 makes
//! the 2027 list under NĐ 351/2025), `--date YYYY-MM-DD` or `--standard ID` picks the standard,
//! by core's rule (default: QĐ 59/2015, the sample's).
//!
//! CSV header: `area` (`rural`/`urban` or the codes 2/1), `income` (monthly đồng per person,
//! a decimal), one 0/1 column per indicator of the standard named by its id (see
//! `schemas/standard.schema.json` and `core/data/standards/`), and optionally `weight` (a
//! decimal) and `group` (a whole number: district, commune...).

use giamngheo::batch::{
    BatchInput, Deprivations, Incomes, OnError, RowError, area_not_recognised, classify_batch, column_missing,
    indicator_cell_invalid,
};
use giamngheo::stats::{AlkireFosterOptions, StatsInput, Weights, statistics};
use giamngheo::{ClassifyRequest, Error, ErrorCode, HouseholdClass, Standard, Text};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::process::ExitCode;

const EXPLAINED: &str = include_str!("../data/sample/households.json");

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut csv = None;
    let mut date = None;
    let mut list_year = None;
    let mut standard_id = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--csv" => csv = it.next().filter(|s| !s.is_empty()),
            "--date" => date = it.next().filter(|s| !s.is_empty()),
            "--list-year" => list_year = it.next().filter(|s| !s.is_empty()),
            "--standard" => standard_id = it.next().filter(|s| !s.is_empty()),
            other => {
                return Err(format!(
                    "unknown argument '{other}'; usage: demo [--csv FILE] [--date YYYY-MM-DD] [--list-year YYYY] [--standard ID]"
                ));
            }
        }
    }
    let date = date.map(|d| giamngheo::Date::parse_at(&d, "--date")).transpose().map_err(|e| e.to_string())?;
    let list_year = list_year
        .map(|y| y.parse::<u16>().map_err(|_| format!("--list-year: '{y}' is not a year (e.g. 2027)")))
        .transpose()?;
    // Core's rule picks the standard (a named one, else the list year's, else the date's); the
    // sample's own standard (QĐ 59/2015, the plan's) when nothing is given.
    let (standard, selection) = match (&standard_id, date, list_year) {
        (None, None, None) => giamngheo::select_standard(Some(giamngheo::sample::STANDARD), None, None),
        _ => giamngheo::select_standard(standard_id.as_deref(), date, list_year),
    }
    .map_err(|e| e.to_string())?;
    let how = selection.report(standard).message;
    match csv {
        Some(path) => run_csv(standard, &how, &path),
        None => run_sample(standard),
    }
}

fn af_options(standard: &Standard) -> Option<AlkireFosterOptions> {
    // k = cutoff / number of indicators: with equal weights, the law's "3 of 10" count.
    let n = standard.indicators.len();
    (n > 0).then(|| AlkireFosterOptions {
        cutoff: (Decimal::from(standard.cutoff()) / Decimal::from(n)).into(),
        weights: None,
    })
}

fn run_sample(standard: &Standard) -> Result<(), String> {
    if standard.id != giamngheo::sample::STANDARD {
        return Err(
            "the embedded sample is shaped on QĐ 59/2015 (the plan's standard); use --csv for other standards".into()
        );
    }
    let sample = giamngheo::sample::synthetic_cao_bang(giamngheo::sample::SEED).map_err(|e| e.to_string())?;
    let plan = giamngheo::published::cao_bang_2015().map_err(|e| e.to_string())?;
    println!("giamngheo — phân loại hộ nghèo / household poverty classification\n");
    println!("{}\n{}\n", sample.description.vi, sample.description.en);
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let result = classify_batch(standard, &input, OnError::Collect).map_err(|e| e.to_string())?;
    let stats = statistics(
        standard,
        &StatsInput {
            class: &result.class,
            deprivations: input.deprivations,
            weights: None,
            groups: Some(&sample.district),
        },
        af_options(standard).as_ref(),
    )
    .map_err(|e| e.to_string())?;
    println!("{}", giamngheo::table::plan_tables(standard, &stats.total, Some(plan)));
    println!("Bảng 3. Theo huyện (mã tổng hợp) / Table 3. By district (synthetic codes)");
    println!("{}", giamngheo::table::group_table(&stats, "Huyện / District"));
    funding_section()?;
    eligibility_section()?;
    explain_households()
}

/// Table 4: the plan's central investment (1.529 tỷ đồng, KH 449/KH-UBND mục IV) split among Cao
/// Bằng's 13 districts and cities with the ILLUSTRATIVE coefficient set and figures, to the đồng.
fn funding_section() -> Result<(), String> {
    use giamngheo::funding;
    let plan = funding::plan_by_id("cao-bang-449-2017").map_err(|e| e.to_string())?;
    let check = funding::check_plan(plan).map_err(|e| e.to_string())?;
    let pool = plan
        .funds
        .central
        .as_ref()
        .and_then(|c| c.investment.as_ref())
        .map(|a| a.value)
        .ok_or("the embedded plan has no central investment")?;
    println!(
        "Bảng 4. Phân bổ 1.529 tỷ đồng vốn đầu tư NSTW (KH 449/KH-UBND mục IV) cho 13 huyện, thành phố — MINH HỌA\nTable 4. The plan's 1.529 tỷ đồng of central investment split among the 13 districts and cities — ILLUSTRATIVE"
    );
    println!(
        "{}: {} phép cộng {} / {} sums {}",
        plan.document,
        check.sums.len(),
        if check.adds_up { "đều đúng" } else { "CÓ SAI LỆCH" },
        check.sums.len(),
        if check.adds_up { "all hold" } else { "DO NOT all hold" }
    );
    let set = funding::coefficient_set_by_id("illustrative-points-2016").map_err(|e| e.to_string())?;
    let units = funding::unit_set_by_id("cao-bang-districts-2017").map_err(|e| e.to_string())?;
    let split = funding::allocate_unit_set(set, units, *pool, Decimal::from(1_000_000)).map_err(|e| e.to_string())?;
    println!("{}", funding::allocation_table(&split));
    let sum: Decimal = split.units.iter().map(|u| u.amount).sum();
    if sum != *pool {
        return Err(format!("the allocation adds up to {sum}, not the pool {pool}"));
    }
    Ok(())
}

#[derive(Deserialize)]
struct Explained {
    households: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    label: Text,
    request: ClassifyRequest,
}

/// A few households one by one, each with its reasons and their legal basis.
/// Which programs one household qualifies for, with what it gets.
fn eligibility_section() -> Result<(), String> {
    #[derive(Deserialize)]
    struct Example {
        label: Text,
        request: giamngheo::eligibility::EligibilityRequest,
    }
    let ex: Example = giamngheo::json::from_str(include_str!("../data/sample/eligibility-bao-lam.json"))
        .map_err(|e| e.to_string())?;
    let answer = giamngheo::eligibility::evaluate(&ex.request).map_err(|e| e.to_string())?;
    println!(
        "Bảng 5. Chương trình, chính sách hộ được hưởng / Table 5. Programs and policies the household qualifies for"
    );
    println!("{}\n{}", ex.label.vi, ex.label.en);
    for d in &answer.decisions {
        let mark = match d.outcome {
            giamngheo::eligibility::Outcome::Eligible => "✓",
            giamngheo::eligibility::Outcome::EligibleLevelUndecided => "✓?",
            giamngheo::eligibility::Outcome::NotEligible => "✗",
            giamngheo::eligibility::Outcome::CannotDecide => "?",
        };
        let gets: Vec<String> = d.entitlements.iter().take(1).map(|x| x.support.what.vi.clone()).collect();
        println!(
            "  {mark} [{}] {} / {}{}",
            d.entry.plan_section,
            d.entry.name.vi,
            d.entry.name.en,
            if gets.is_empty() { String::new() } else { format!("\n      → {}", gets.join("; ")) }
        );
    }
    println!();
    Ok(())
}

fn explain_households() -> Result<(), String> {
    let sample: Explained = giamngheo::json::from_str(EXPLAINED).map_err(|e| e.to_string())?;
    println!("Giải thích từng hộ / Households explained one by one\n");
    for h in &sample.households {
        println!("━━ {}\n   {}", h.label.vi, h.label.en);
        match giamngheo::classify_request(&h.request) {
            Ok(report) => {
                println!("   Chuẩn / standard: {} ({})", report.standard.document, report.standard.name.en);
                println!(
                    "   ⇒ {} / {} — thiếu hụt {} chỉ số / {} deprivations{}",
                    report.class_name.vi.to_uppercase(),
                    report.class_name.en,
                    report.deprivation_count,
                    report.deprivation_count,
                    if report.deprived.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", report.deprived.join(", "))
                    }
                );
                for ind in &report.indicators {
                    if let Some(ev) = &ind.evidence {
                        let mark = if ind.deprived { "✗" } else { "✓" };
                        println!("     {mark} {} [{}]: {}", ind.name.vi, ind.confidence.as_str(), ev.vi);
                    }
                }
                for r in &report.reasons {
                    let article =
                        if r.citation.article.is_empty() { String::new() } else { format!(", {}", r.citation.article) };
                    println!(
                        "   • {}\n     {}\n     ({}{}; {})",
                        r.message.vi,
                        r.message.en,
                        r.citation.document,
                        article,
                        r.confidence.as_str()
                    );
                }
            }
            Err(errors) => {
                for e in errors.as_slice() {
                    println!("   ! lỗi / error [{}] {}: {}\n     {}", e.code, e.path, e.message.vi, e.message.en);
                }
            }
        }
        println!();
    }
    Ok(())
}

/// The columns read from a CSV file; cells that do not parse become row errors.
struct CsvColumns {
    area: Vec<u8>,
    income: Vec<Decimal>,
    flags: Vec<Vec<u8>>,
    weight: Option<Vec<Decimal>>,
    group: Option<Vec<u32>>,
    errors: Vec<RowError>,
}

fn cell_error(row: usize, column: &str, code: ErrorCode, value: &str) -> RowError {
    RowError {
        row,
        error: Error::new(
            code,
            format!("/{column}/{row}"),
            format!("Ô '{column}' không đọc được: '{value}'."),
            format!("Cell '{column}' cannot be read: '{value}'."),
        ),
    }
}

fn read_csv(standard: &Standard, path: &str) -> Result<CsvColumns, String> {
    let mut reader =
        csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(path).map_err(|e| format!("{path}: {e}"))?;
    let header: Vec<String> = reader.headers().map_err(|e| format!("{path}: {e}"))?.iter().map(String::from).collect();
    let find = |name: &str| header.iter().position(|h| h == name);
    // A missing column is core's error, naming it and the columns the file has.
    let missing = |name: &str| {
        let e = column_missing(name, &header);
        format!("{path}: {} ({})\n{}", e.message.vi, e.code, e.message.en)
    };
    let area_at = find("area").ok_or_else(|| missing("area"))?;
    let income_at = find("income").ok_or_else(|| missing("income"))?;
    // Indicator columns of another period are reported, never dropped silently.
    let unused = standard.unused_indicator_columns(header.iter().map(String::as_str));
    if let Some(notice) = standard.unused_columns_notice(&unused) {
        println!("{}\n{}\n", notice.vi, notice.en);
    }
    let mut indicator_at = Vec::new();
    for ind in &standard.indicators {
        match find(&ind.id) {
            Some(i) => indicator_at.push(i),
            None => return Err(missing(&ind.id)),
        }
    }
    let (weight_at, group_at) = (find("weight"), find("group"));
    let mut cols = CsvColumns {
        area: Vec::new(),
        income: Vec::new(),
        flags: vec![Vec::new(); indicator_at.len()],
        weight: weight_at.map(|_| Vec::new()),
        group: group_at.map(|_| Vec::new()),
        errors: Vec::new(),
    };
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{path}: {e}"))?;
        let cell = |i: usize| record.get(i).unwrap_or("");
        // Core's one rule for area text; a cell it does not read is reported by core's message,
        // quoting the cell (the row gets a placeholder code and stays unclassified).
        cols.area.push(giamngheo::Area::from_label(cell(area_at)).map_or_else(
            || {
                cols.errors.push(area_not_recognised(row, Some(cell(area_at))));
                2
            },
            giamngheo::Area::code,
        ));
        // Core's one rule for amounts in đồng: "1.500.000" is 1 500 000, "850.000" is refused as
        // ambiguous (850 000 or 850), never read as 850.
        cols.income.push(giamngheo::number::parse_money(cell(income_at)).unwrap_or_else(|p| {
            cols.errors.push(RowError { row, error: p.at(format!("/income/{row}")) });
            Decimal::ZERO
        }));
        for (index, (flags, &at)) in cols.flags.iter_mut().zip(&indicator_at).enumerate() {
            flags.push(match cell(at) {
                "0" => 0,
                "1" => 1,
                other => {
                    // Core's message, quoting the cell (a blank one is called blank).
                    cols.errors.push(indicator_cell_invalid(row, index, &header[at], Some(other)));
                    0
                }
            });
        }
        if let (Some(w), Some(at)) = (cols.weight.as_mut(), weight_at) {
            w.push(giamngheo::number::parse_decimal(cell(at)).unwrap_or_else(|p| {
                cols.errors.push(RowError { row, error: p.at(format!("/weight/{row}")) });
                Decimal::ZERO
            }));
        }
        if let (Some(g), Some(at)) = (cols.group.as_mut(), group_at) {
            g.push(cell(at).parse::<u32>().unwrap_or_else(|_| {
                cols.errors.push(cell_error(row, "group", ErrorCode::NumberInvalid, cell(at)));
                0
            }));
        }
    }
    Ok(cols)
}

fn run_csv(standard: &Standard, how: &Text, path: &str) -> Result<(), String> {
    println!("Chuẩn áp dụng: {}\nStandard applied: {}\n", how.vi, how.en);
    let cols = read_csv(standard, path)?;
    let flag_refs: Vec<&[u8]> = cols.flags.iter().map(Vec::as_slice).collect();
    let input = BatchInput::new(&cols.area, Incomes::Decimal(&cols.income), Deprivations::Bytes(&flag_refs));
    // The cells the reader could not read go to core, which merges them with the rows' errors.
    let input = input.with_cell_errors(&cols.errors);
    let result = classify_batch(standard, &input, OnError::Collect).map_err(|e| e.to_string())?;
    let errors = result.errors;

    let out_path = format!("{path}.results.csv");
    let mut w = csv::Writer::from_path(&out_path).map_err(|e| format!("{out_path}: {e}"))?;
    w.write_record([
        "row",
        "class",
        "class_code",
        "deprivation_count",
        "error_code",
        "error_path",
        "error_vi",
        "error_en",
    ])
    .map_err(|e| e.to_string())?;
    for row in 0..result.class.len() {
        let code = result.class[row];
        let class = HouseholdClass::from_code(code).map_or("", HouseholdClass::as_str);
        let err = errors.iter().find(|e| e.row == row).map(|e| &e.error);
        w.write_record([
            row.to_string(),
            class.to_string(),
            code.to_string(),
            result.deprivation_count[row].to_string(),
            err.map_or(String::new(), |e| e.code.as_str().to_string()),
            err.map_or(String::new(), |e| e.path.clone()),
            err.map_or(String::new(), |e| e.message.vi.clone()),
            err.map_or(String::new(), |e| e.message.en.clone()),
        ])
        .map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;

    let weights = cols.weight.as_deref().map(Weights::Decimal);
    let stats = statistics(
        standard,
        &StatsInput { class: &result.class, deprivations: input.deprivations, weights, groups: cols.group.as_deref() },
        af_options(standard).as_ref(),
    )
    .map_err(|e| e.to_string())?;
    println!("giamngheo — {} hộ từ / households from {path}\n", result.class.len());
    println!("{}", giamngheo::table::plan_tables(standard, &stats.total, None));
    if !stats.groups.is_empty() {
        println!("{}", giamngheo::table::group_table(&stats, giamngheo::table::GROUP_LABEL));
    }
    println!("Kết quả từng hộ / Per-household results: {out_path}");
    if !errors.is_empty() {
        println!(
            "{} dòng lỗi / rows with errors (first: {} at {}: {})",
            errors.len(),
            errors[0].error.code,
            errors[0].error.path,
            errors[0].error.message.en
        );
    }
    Ok(())
}
