//! The main job on embedded data: classify the sample households and print each class with its
//! reasons, in Vietnamese with English beside it. Run with `make demo`.

use giamngheo::{ClassifyRequest, Text};
use serde::Deserialize;

const SAMPLE: &str = include_str!("../data/sample/households.json");

#[derive(Deserialize)]
struct Sample {
    description: String,
    households: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    label: Text,
    request: ClassifyRequest,
}

fn main() -> std::process::ExitCode {
    let sample: Sample = match giamngheo::json::from_str(SAMPLE) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("embedded sample is invalid: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("giamngheo — phân loại hộ / household classification");
    println!("{}\n", sample.description);
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
                for ind in report.indicators.iter().filter(|i| i.evidence.is_some()) {
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
    std::process::ExitCode::SUCCESS
}
