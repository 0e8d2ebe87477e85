//! Hand-rolled argument parsing: each subcommand names its options, and the parser returns its
//! positional arguments and option values, or a usage error (exit 2) naming the bad argument.

use crate::Failure;

/// One option of a subcommand: `--name VALUE` (also `--name=VALUE`) or a flag `--name`.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub name: &'static str,
    pub takes_value: bool,
}

pub const fn value(name: &'static str) -> Spec {
    Spec { name, takes_value: true }
}

pub const fn flag(name: &'static str) -> Spec {
    Spec { name, takes_value: false }
}

/// The arguments of one subcommand, parsed.
#[derive(Debug, Default)]
pub struct Parsed {
    pub positional: Vec<String>,
    values: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    pub help: bool,
}

impl Parsed {
    /// The value of `--name`, if given (the last one when given twice).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// Parses `args` (after the subcommand's name) against `specs`. `-h` / `--help` anywhere asks for
/// help; `--` ends the options; `-` alone is a positional argument (standard input).
pub fn parse(command: &str, args: &[String], specs: &[Spec]) -> Result<Parsed, Failure> {
    let mut parsed = Parsed::default();
    let mut it = args.iter();
    let mut options_done = false;
    while let Some(arg) = it.next() {
        if options_done || arg == "-" || !arg.starts_with('-') {
            parsed.positional.push(arg.clone());
            continue;
        }
        if arg == "--" {
            options_done = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            parsed.help = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        let Some(spec) = specs.iter().find(|s| s.name == name) else {
            return Err(Failure::usage(
                format!("{command}: không có tùy chọn '{arg}'"),
                format!("{command}: unknown option '{arg}'"),
                command,
            ));
        };
        if spec.takes_value {
            let v = match inline {
                Some(v) => v,
                None => it.next().cloned().ok_or_else(|| {
                    Failure::usage(
                        format!("{command}: tùy chọn {name} cần một giá trị"),
                        format!("{command}: option {name} needs a value"),
                        command,
                    )
                })?,
            };
            parsed.values.push((spec.name, v));
        } else if inline.is_some() {
            return Err(Failure::usage(
                format!("{command}: tùy chọn {name} không nhận giá trị"),
                format!("{command}: option {name} takes no value"),
                command,
            ));
        } else {
            parsed.flags.push(spec.name);
        }
    }
    Ok(parsed)
}

/// Exactly `n` positional arguments, else a usage error naming what is expected.
pub fn positional(command: &str, parsed: &Parsed, expected: &[&str]) -> Result<Vec<String>, Failure> {
    if parsed.positional.len() == expected.len() {
        return Ok(parsed.positional.clone());
    }
    let want = expected.join(" ");
    Err(if parsed.positional.len() < expected.len() {
        Failure::usage(format!("{command}: thiếu {want}"), format!("{command}: missing {want}"), command)
    } else {
        let extra = parsed.positional.get(expected.len()).cloned().unwrap_or_default();
        Failure::usage(
            format!("{command}: thừa đối số '{extra}' (chỉ cần {want})"),
            format!("{command}: unexpected argument '{extra}' (expected {want})"),
            command,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn values_flags_and_positionals() {
        let specs = [value("--date"), flag("--force")];
        let p = parse("classify", &s(&["a.csv", "--date=2026-11-30", "--force", "--", "-x"]), &specs).unwrap();
        assert_eq!(p.positional, s(&["a.csv", "-x"]));
        assert_eq!(p.value("--date"), Some("2026-11-30"));
        assert!(p.flag("--force"));
        assert!(parse("classify", &s(&["--date"]), &specs).is_err());
        assert!(parse("classify", &s(&["--nope"]), &specs).is_err());
        assert!(parse("classify", &s(&["--force=1"]), &specs).is_err());
        assert!(parse("classify", &s(&["-"]), &specs).unwrap().positional == s(&["-"]));
    }
}
