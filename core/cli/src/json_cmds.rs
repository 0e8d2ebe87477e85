//! The subcommands over core's JSON functions: `explain`, `eligibility`, `plan check`, `plan
//! split`. Each reads one JSON request (a file, or `-` for standard input), calls core, and
//! prints core's tables as text (core's renderer), or core's JSON answer with `--json`.

use crate::args::{self, flag, value};
use crate::{Exit, Failure};
use giamngheo::table::{Table, tables_text};
use std::io::Read;

/// Reads a request: a file, or `-` for standard input; at most core's input limit (a larger
/// input is read just past it, for core to refuse with `limit_exceeded`).
fn read_request(source: &str) -> Result<String, Failure> {
    let limit = u64::try_from(giamngheo::limits::MAX_INPUT_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    let name = if source == "-" { "stdin".to_string() } else { source.to_string() };
    let read = if source == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(source) {
            Ok(f) => f.take(limit).read_to_end(&mut bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Failure::file(format!("{name}: không có tệp này"), format!("{name}: no such file")));
            }
            Err(e) => Err(e),
        }
    };
    read.map_err(|e| Failure::file(format!("{name}: không đọc được: {e}"), format!("{name}: cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::file(format!("{name}: không phải văn bản UTF-8"), format!("{name}: is not UTF-8 text"))
    })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

fn json_text(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::input(format!("không ghi được JSON: {e}"), format!("cannot write JSON: {e}")))
}

fn show(out: &mut String, tables: &[Table]) {
    say!(out, "{}", tables_text(tables));
}

pub fn explain(rest: &[String], out: &mut String) -> Result<Exit, Failure> {
    let p = args::parse("explain", rest, &[flag("--json")])?;
    if p.help {
        out.push_str(crate::help::EXPLAIN);
        return Ok(Exit::Ok);
    }
    let [source] = one(args::positional("explain", &p, &["FILE.json|-"])?, "explain")?;
    let text = read_request(&source)?;
    let report = giamngheo::request::classify_json(&text).map_err(|e| Failure::core(&e))?;
    if p.flag("--json") {
        say!(out, "{}", json_text(&report)?);
    } else {
        show(out, &giamngheo::table::report_tables(&report));
    }
    Ok(Exit::Ok)
}

pub fn eligibility(rest: &[String], out: &mut String) -> Result<Exit, Failure> {
    let p = args::parse("eligibility", rest, &[value("--program"), flag("--json")])?;
    if p.help {
        out.push_str(crate::help::ELIGIBILITY);
        return Ok(Exit::Ok);
    }
    let [source] = one(args::positional("eligibility", &p, &["FILE.json|-"])?, "eligibility")?;
    let text = read_request(&source)?;
    let mut request: giamngheo::eligibility::EligibilityRequest =
        giamngheo::json::object_from_str(&text).map_err(|e| Failure::core(&e))?;
    if let Some(program) = p.value("--program") {
        request.program = Some(program.to_string());
    }
    let answer = if request.program.is_some() {
        giamngheo::eligibility::evaluate_one(&request)
    } else {
        giamngheo::eligibility::evaluate(&request)
    }
    .map_err(|e| Failure::core(&e))?;
    let report = answer.report();
    if p.flag("--json") {
        say!(out, "{}", json_text(&report)?);
    } else {
        show(out, &giamngheo::table::eligibility_tables(&report));
    }
    Ok(Exit::Ok)
}

pub fn plan(rest: &[String], out: &mut String) -> Result<Exit, Failure> {
    let (sub, rest) = match rest.split_first() {
        Some((s, r)) if s == "check" || s == "split" => (s.as_str(), r),
        Some((h, _)) if h == "-h" || h == "--help" => {
            out.push_str(crate::help::PLAN);
            return Ok(Exit::Ok);
        }
        Some((other, _)) => {
            return Err(Failure::usage(
                format!("plan: không có lệnh con '{other}' (check, split)"),
                format!("plan: unknown subcommand '{other}' (check, split)"),
                "plan",
            ));
        }
        None => {
            return Err(Failure::usage("plan: cần check hoặc split", "plan: check or split expected", "plan"));
        }
    };
    let command = format!("plan {sub}");
    let p = args::parse(&command, rest, &[flag("--json")])?;
    if p.help {
        out.push_str(crate::help::PLAN);
        return Ok(Exit::Ok);
    }
    if sub == "check" {
        let [target] = one(args::positional(&command, &p, &["ID|FILE.json"])?, "plan")?;
        // An existing file (or `-`, or a name ending in .json) is a plan; anything else an id.
        let text = if target == "-" || target.ends_with(".json") || std::path::Path::new(&target).is_file() {
            read_request(&target)?
        } else {
            serde_json::json!({ "plan_id": target }).to_string()
        };
        let request = giamngheo::funding::CheckPlanRequest::from_json(&text).map_err(|e| Failure::core(&e))?;
        let check = giamngheo::funding::check_plan_request(&request).map_err(|e| Failure::core(&e))?;
        if p.flag("--json") {
            say!(out, "{}", json_text(&check)?);
        } else {
            show(out, &[giamngheo::table::check_table(&check)]);
        }
        return Ok(if check.adds_up { Exit::Ok } else { Exit::InputErrors });
    }
    let [source] = one(args::positional(&command, &p, &["FILE.json|-"])?, "plan")?;
    let text = read_request(&source)?;
    let request: giamngheo::funding::AllocationRequest =
        giamngheo::json::object_from_str(&text).map_err(|e| Failure::core(&e))?;
    let mut allocation = giamngheo::funding::allocate_request(&request).map_err(|e| Failure::core(&e))?;
    if p.flag("--json") {
        allocation.explain();
        say!(out, "{}", json_text(&allocation)?);
    } else {
        say!(out, "{}", giamngheo::funding::allocation_table(&allocation));
    }
    Ok(Exit::Ok)
}

fn one(v: Vec<String>, command: &str) -> Result<[String; 1], Failure> {
    <[String; 1]>::try_from(v).map_err(|_| Failure::usage("cần một đối số", "one argument expected", command))
}
