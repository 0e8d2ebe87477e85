//! The `giamngheo` command: the main job of the library as one program.
//!
//! - `giamngheo demo`: the embedded synthetic sample (shaped on Cao Bằng plan 449/KH-UBND),
//!   classified, with the plan-style tables, a funding split and households explained.
//! - `giamngheo classify FILE.csv|FILE.xlsx|FILE.parquet`: a survey file classified through
//!   core's batch functions; results and errors written beside it, numbered by the file's own
//!   lines (Parquet with the `parquet` feature).
//! - `giamngheo explain FILE.json`, `giamngheo eligibility FILE.json`, `giamngheo plan check
//!   ID|FILE.json`, `giamngheo plan split FILE.json`: core's JSON functions, shown as core's tables.
//!
//! Exit codes: 0 ok; 1 input errors found; 2 usage error; 3 file error. The library entry point
//! [`main_with_args`] is what the binary runs (and what a binding may call);
//! [`run`] returns the exit code and the text instead of printing it.

/// Appends a line to the output (a `String`: writing to it cannot fail).
macro_rules! say {
    ($out:expr) => {{
        $out.push('\n');
    }};
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

mod args;
mod classify;
mod demo;
mod help;
mod json_cmds;
mod read;
mod report;

use std::io::Write;

/// The exit codes, as `--help` and the README document them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well.
    Ok = 0,
    /// The input had errors (rows with errors, a request core refused); what could be done was
    /// done (results written for the good rows, the errors file written).
    InputErrors = 1,
    /// The command line is wrong (unknown subcommand or option, a bad option value).
    Usage = 2,
    /// A file could not be read or written (not found, unreadable, would overwrite).
    File = 3,
}

/// Why a command stopped: its exit code and a message in Vietnamese and English.
#[derive(Debug, Clone)]
pub struct Failure {
    pub exit: Exit,
    pub vi: String,
    pub en: String,
    /// For a usage error: the subcommand whose `--help` to point at.
    pub help_for: Option<String>,
}

impl Failure {
    pub(crate) fn usage(vi: impl Into<String>, en: impl Into<String>, command: &str) -> Failure {
        Failure { exit: Exit::Usage, vi: vi.into(), en: en.into(), help_for: Some(command.to_string()) }
    }
    pub(crate) fn file(vi: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure { exit: Exit::File, vi: vi.into(), en: en.into(), help_for: None }
    }
    pub(crate) fn input(vi: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure { exit: Exit::InputErrors, vi: vi.into(), en: en.into(), help_for: None }
    }
    /// Core's errors (a refused request): exit 1, each error with its code and path.
    pub(crate) fn core(errors: &giamngheo::Errors) -> Failure {
        let (mut vi, mut en) = (Vec::new(), Vec::new());
        for e in errors.as_slice() {
            let at = if e.path.is_empty() { String::new() } else { format!(" tại / at {}", e.path) };
            vi.push(format!("lỗi [{}]{at}: {}", e.code, e.message.vi));
            en.push(format!("  {}", e.message.en));
        }
        let both: Vec<String> = vi.into_iter().zip(en).map(|(v, e)| format!("{v}\n{e}")).collect();
        Failure::input(both.join("\n"), String::new())
    }
    /// Core's errors about a command-line value (`--date`, `--standard`...): exit 2.
    pub(crate) fn core_usage(errors: &giamngheo::Errors, command: &str) -> Failure {
        let f = Failure::core(errors);
        Failure { exit: Exit::Usage, help_for: Some(command.to_string()), ..f }
    }
}

/// What a run printed and how it ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the command with `args` (the arguments after the program's name) and returns its exit
/// code and output. Progress on long files goes to the process's standard error directly.
pub fn run(args: &[String]) -> Outcome {
    let mut out = String::new();
    let result = dispatch(args, &mut out);
    let (code, stderr) = match result {
        Ok(exit) => (exit as i32, String::new()),
        Err(f) => {
            let mut err = format!("giamngheo: {}\n", f.vi);
            if !f.en.is_empty() && f.en != f.vi {
                err.push_str(&format!("giamngheo: {}\n", f.en));
            }
            if let Some(c) = f.help_for {
                let c = if c.is_empty() { String::new() } else { format!(" {c}") };
                err.push_str(&format!("Xem / see: giamngheo{c} --help\n"));
            }
            (f.exit as i32, err)
        }
    };
    Outcome { code, stdout: out, stderr }
}

/// Runs the command with `args` (after the program's name), prints its output, and returns the
/// exit code. A closed standard output (`giamngheo demo | head`) is not an error.
pub fn main_with_args(args: Vec<String>) -> i32 {
    let o = run(&args);
    let _ = std::io::stdout().lock().write_all(o.stdout.as_bytes());
    let _ = std::io::stdout().lock().flush();
    let _ = std::io::stderr().lock().write_all(o.stderr.as_bytes());
    o.code
}

fn dispatch(args: &[String], out: &mut String) -> Result<Exit, Failure> {
    let Some((first, rest)) = args.split_first() else {
        out.push_str(help::MAIN);
        return Ok(Exit::Ok);
    };
    match first.as_str() {
        "-h" | "--help" | "help" => {
            match rest.first().map(String::as_str) {
                None => out.push_str(help::MAIN),
                Some(topic) => match help::for_command(topic, rest.get(1).map(String::as_str)) {
                    Some(text) => out.push_str(text),
                    None => return Err(unknown_command(topic)),
                },
            }
            Ok(Exit::Ok)
        }
        "-V" | "--version" => {
            out.push_str(&format!("giamngheo {}\n", env!("CARGO_PKG_VERSION")));
            Ok(Exit::Ok)
        }
        "demo" => demo::run(rest, out),
        "classify" => classify::run(rest, out),
        "explain" => json_cmds::explain(rest, out),
        "eligibility" => json_cmds::eligibility(rest, out),
        "plan" => json_cmds::plan(rest, out),
        other => Err(unknown_command(other)),
    }
}

fn unknown_command(name: &str) -> Failure {
    Failure::usage(
        format!("không có lệnh '{name}' (các lệnh: demo, classify, explain, eligibility, plan)"),
        format!("unknown command '{name}' (commands: demo, classify, explain, eligibility, plan)"),
        "",
    )
}
