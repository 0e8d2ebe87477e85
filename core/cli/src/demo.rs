//! `giamngheo demo`: the main job on embedded data. Classifies the synthetic sample (shaped on
//! the Cao Bằng plan 449/KH-UBND) as columns under QĐ 59/2015, prints the plan-style tables
//! beside the plan's figures, a table by district, an ILLUSTRATIVE split of the plan's central
//! investment, the programs one household qualifies for, and explains a few households.

use crate::args;
use crate::{Exit, Failure};
use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch};
use giamngheo::stats::{StatsInput, statistics};
use giamngheo::{ClassifyRequest, Text};
use rust_decimal::Decimal;
use serde::Deserialize;

const EXPLAINED: &str = include_str!("../../data/sample/households.json");
const ELIGIBILITY: &str = include_str!("../../data/sample/eligibility-bao-lam.json");

pub fn run(rest: &[String], out: &mut String) -> Result<Exit, Failure> {
    let p = args::parse("demo", rest, &[args::value("--report"), args::flag("--force")])?;
    if p.help {
        out.push_str(crate::help::DEMO);
        return Ok(Exit::Ok);
    }
    args::positional("demo", &p, &[])?;
    let report = p.value("--report").map(std::path::PathBuf::from);
    if let Some(path) = &report {
        crate::classify::refuse_existing(path, p.flag("--force"))?;
    }
    sample(out, report.as_deref(), p.flag("--force"))?;
    funding(out)?;
    eligibility(out)?;
    explain_households(out)?;
    Ok(Exit::Ok)
}

/// Core failing on its own embedded data is a bug, reported as such (exit 1), never a panic.
fn embedded(e: &giamngheo::Errors) -> Failure {
    Failure::core(e)
}

fn sample(out: &mut String, report: Option<&std::path::Path>, force: bool) -> Result<(), Failure> {
    let (standard, selection) =
        giamngheo::select_standard(Some(giamngheo::sample::STANDARD), None, None).map_err(|e| embedded(&e))?;
    let sample = giamngheo::sample::synthetic_cao_bang(giamngheo::sample::SEED).map_err(|e| embedded(&e))?;
    let plan = giamngheo::published::cao_bang_2015().map_err(|e| embedded(&e))?;
    say!(out, "giamngheo — phân loại hộ nghèo / household poverty classification\n");
    say!(out, "{}\n{}\n", sample.description.vi, sample.description.en);
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let result = classify_batch(standard, &input, OnError::Collect).map_err(|e| embedded(&e))?;
    let stats = statistics(
        standard,
        &StatsInput {
            class: &result.class,
            deprivations: input.deprivations,
            weights: None,
            groups: Some(&sample.district),
        },
        crate::classify::af_options(standard).as_ref(),
    )
    .map_err(|e| embedded(&e))?;
    say!(out, "{}", giamngheo::table::plan_tables(standard, &stats.total, Some(plan)));
    say!(out, "Bảng 3. Theo huyện (mã tổng hợp) / Table 3. By district (synthetic codes)");
    say!(out, "{}", giamngheo::table::group_table(&stats, "Huyện / District"));
    if let Some(path) = report {
        let mut by_group = giamngheo::table::group_table_model(&stats, Text::new("Huyện", "District"));
        by_group.caption = Text::new("Bảng 3. Theo huyện (mã tổng hợp)", "Table 3. By district (synthetic codes)");
        let page = crate::report::html(&crate::report::Report {
            title: "giamngheo demo (dữ liệu tổng hợp / synthetic data)",
            how: &selection.report(standard).message,
            stats: &stats,
            tables: &giamngheo::table::plan_table_models(standard, &stats.total, Some(plan)),
            by_group: Some(&by_group),
            published: Some(plan),
        });
        crate::report::write(path, &page, force)?;
        say!(out, "Báo cáo / report: {}\n", path.display());
    }
    Ok(())
}

/// Table 4: the plan's central investment (1.529 tỷ đồng, KH 449/KH-UBND mục IV) split among Cao
/// Bằng's 13 districts and cities with the ILLUSTRATIVE coefficient set and figures, to the đồng.
fn funding(out: &mut String) -> Result<(), Failure> {
    use giamngheo::funding;
    let plan = funding::plan_by_id("cao-bang-449-2017").map_err(|e| embedded(&e))?;
    let check = funding::check_plan(plan).map_err(|e| embedded(&e))?;
    let pool = plan.funds.central.as_ref().and_then(|c| c.investment.as_ref()).map(|a| a.value).ok_or_else(|| {
        Failure::input("kế hoạch có sẵn thiếu vốn đầu tư NSTW", "the embedded plan has no central investment")
    })?;
    say!(
        out,
        "Bảng 4. Phân bổ 1.529 tỷ đồng vốn đầu tư NSTW (KH 449/KH-UBND mục IV) cho 13 huyện, thành phố — MINH HỌA\nTable 4. The plan's 1.529 tỷ đồng of central investment split among the 13 districts and cities — ILLUSTRATIVE"
    );
    say!(
        out,
        "{}: {} phép cộng {} / {} sums {}",
        plan.document,
        check.sums.len(),
        if check.adds_up { "đều đúng" } else { "CÓ SAI LỆCH" },
        check.sums.len(),
        if check.adds_up { "all hold" } else { "DO NOT all hold" }
    );
    let set = funding::coefficient_set_by_id("illustrative-points-2016").map_err(|e| embedded(&e))?;
    let units = funding::unit_set_by_id("cao-bang-districts-2017").map_err(|e| embedded(&e))?;
    let split = funding::allocate_unit_set(set, units, *pool, Decimal::from(1_000_000)).map_err(|e| embedded(&e))?;
    say!(out, "{}", funding::allocation_table(&split));
    let sum: Decimal = split.units.iter().map(|u| u.amount).sum();
    if sum != *pool {
        return Err(Failure::input(
            format!("phân bổ cộng lại được {sum}, không phải {pool}"),
            format!("the allocation adds up to {sum}, not the pool {pool}"),
        ));
    }
    Ok(())
}

/// Table 5: which programs one household qualifies for, with what it gets.
fn eligibility(out: &mut String) -> Result<(), Failure> {
    #[derive(Deserialize)]
    struct Example {
        label: Text,
        request: giamngheo::eligibility::EligibilityRequest,
    }
    let ex: Example = giamngheo::json::from_str(ELIGIBILITY).map_err(|e| embedded(&e))?;
    let answer = giamngheo::eligibility::evaluate(&ex.request).map_err(|e| embedded(&e))?;
    say!(
        out,
        "Bảng 5. Chương trình, chính sách hộ được hưởng / Table 5. Programs and policies the household qualifies for"
    );
    say!(out, "{}\n{}", ex.label.vi, ex.label.en);
    for d in &answer.decisions {
        let mark = match d.outcome {
            giamngheo::eligibility::Outcome::Eligible => "✓",
            giamngheo::eligibility::Outcome::EligibleLevelUndecided => "✓?",
            giamngheo::eligibility::Outcome::NotEligible => "✗",
            giamngheo::eligibility::Outcome::CannotDecide => "?",
        };
        let gets: Vec<String> = d.entitlements.iter().take(1).map(|x| x.support.what.vi.clone()).collect();
        say!(
            out,
            "  {mark} [{}] {} / {}{}",
            d.entry.plan_section,
            d.entry.name.vi,
            d.entry.name.en,
            if gets.is_empty() { String::new() } else { format!("\n      → {}", gets.join("; ")) }
        );
    }
    say!(out);
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
fn explain_households(out: &mut String) -> Result<(), Failure> {
    let sample: Explained = giamngheo::json::from_str(EXPLAINED).map_err(|e| embedded(&e))?;
    say!(out, "Giải thích từng hộ / Households explained one by one\n");
    for h in &sample.households {
        say!(out, "━━ {}\n   {}", h.label.vi, h.label.en);
        match giamngheo::classify_request(&h.request) {
            Ok(report) => {
                say!(out, "   Chuẩn / standard: {} ({})", report.standard.document, report.standard.name.en);
                say!(
                    out,
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
                        say!(out, "     {mark} {} [{}]: {}", ind.name.vi, ind.confidence.as_str(), ev.vi);
                    }
                }
                for r in &report.reasons {
                    let article =
                        if r.citation.article.is_empty() { String::new() } else { format!(", {}", r.citation.article) };
                    say!(
                        out,
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
                    say!(out, "   ! lỗi / error [{}] {}: {}\n     {}", e.code, e.path, e.message.vi, e.message.en);
                }
            }
        }
        say!(out);
    }
    Ok(())
}
