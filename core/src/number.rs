//! Numbers from outside, read exactly, by one rule for every path (JSON, CSV cells, the form,
//! Python strings and floats, JS numbers). The field's type picks the rule:
//!
//! - [`ExactDecimal`] (rates, percents, coefficients, points, weights, areas, distances): text is
//!   a plain decimal, `.` the decimal point, no group separators: `"1.125"`, `"-3"`, `"2.5e3"`.
//! - [`Money`] (amounts in đồng): text may group digits as people write them (`"1.500.000"`,
//!   `"1,500,000"`, `"1 500 000"`, `"1.500.000,50"`, `"1,500,000.50"`), use a decimal comma
//!   (`"850,5"`) and end in `đ`, `₫`, `đồng`, `VND` or `VNĐ`. Text that could mean two amounts is
//!   refused (`amount_ambiguous`), never guessed: `"850.000"` is 850 000 đồng to an officer who
//!   groups thousands with dots and 850 đồng to a program that prints three decimals.
//!
//! Both rules read a JSON number from its text (never through a float). A float handed over by a
//! binding (a Python `float`, a JS `number`) is read as the shortest decimal that converts back to
//! the same float (what Python's `repr` and JS's `String(x)` print): `850000.1` is 850 000,1.
//! Nothing is rounded: a number with more digits than a decimal holds (28 significant digits) is
//! `number_invalid`.

use crate::error::{Error, ErrorCode};
use crate::text::quote;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What went wrong reading a number; [`Problem::at`] makes it an [`Error`] at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: ErrorCode,
    pub vi: String,
    pub en: String,
}

impl Problem {
    /// The error at `path` (a JSON pointer such as `/income/monthly_per_capita`).
    pub fn at(self, path: impl Into<String>) -> Error {
        Error::new(self.code, path, self.vi, self.en)
    }
}

/// An exact decimal read from outside by the plain rule (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ExactDecimal(pub Decimal);

/// An amount in đồng read from outside by the money rule (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

macro_rules! decimal_newtype {
    ($t:ident, $text_rule:path, $schema:literal, $description:literal, $pattern:literal) => {
        impl $t {
            /// The decimal.
            pub fn get(self) -> Decimal {
                self.0
            }
        }
        impl std::ops::Deref for $t {
            type Target = Decimal;
            fn deref(&self) -> &Decimal {
                &self.0
            }
        }
        impl From<Decimal> for $t {
            fn from(d: Decimal) -> Self {
                $t(d)
            }
        }
        impl From<$t> for Decimal {
            fn from(d: $t) -> Decimal {
                d.0
            }
        }
        impl PartialEq<Decimal> for $t {
            fn eq(&self, o: &Decimal) -> bool {
                self.0 == *o
            }
        }
        impl PartialOrd<Decimal> for $t {
            fn partial_cmp(&self, o: &Decimal) -> Option<std::cmp::Ordering> {
                self.0.partial_cmp(o)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
        impl std::str::FromStr for $t {
            type Err = Problem;
            fn from_str(text: &str) -> Result<Self, Problem> {
                $text_rule(text).map($t)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                Serialize::serialize(&self.0, s)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                from_json::<D::Error>(serde_json::Value::deserialize(d)?, $text_rule).map($t)
            }
        }
        impl JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $schema.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $description,
                    "anyOf": [
                        { "type": "string", "pattern": $pattern },
                        { "type": "number" }
                    ]
                })
            }
        }
    };
}

decimal_newtype!(
    ExactDecimal,
    parse_decimal,
    "Decimal",
    "An exact decimal number, preferably as a string (\"0.125\", \"1.5\"): '.' is the decimal point, no group separators. JSON numbers are read from their text, never through a float; more than 28 significant digits is refused, never rounded.",
    "^\\s*[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*$"
);

decimal_newtype!(
    Money,
    parse_money,
    "Money",
    "An amount in đồng, exact: a JSON number, or text as people write it: \"1500000\", \"1.500.000\", \"1,500,000\", \"1 500 000\", \"1.500.000,50\", \"850,5\", optionally ending in đ, ₫, đồng, VND or VNĐ. Text that could mean two amounts (\"850.000\": 850000 grouped, or 850 with three decimals) is refused with amount_ambiguous, never guessed; more than 28 significant digits is refused, never rounded.",
    "^\\s*[-+]?[0-9][0-9., \\u00a0\\u202f\\u2009]*(?:[eE][-+]?[0-9]+)?\\s*(?:đ|₫|đồng|Đồng|ĐỒNG|VND|VNĐ|vnd|vnđ)?\\s*$"
);

/// A JSON value read by `text_rule` (strings) or exactly from its text (numbers).
fn from_json<E: serde::de::Error>(
    v: serde_json::Value,
    text_rule: fn(&str) -> Result<Decimal, Problem>,
) -> Result<Decimal, E> {
    let result = match v {
        serde_json::Value::String(s) => text_rule(&s),
        // With serde_json's arbitrary_precision, a number keeps the text it was written with.
        serde_json::Value::Number(n) => parse_decimal(&n.to_string()),
        other => Err(wrong_type(match other {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "boolean",
            serde_json::Value::Array(_) => "array",
            _ => "object",
        })),
    };
    result.map_err(|p| E::custom(crate::json::coded(p.code, &p.vi, &p.en)))
}

/// The error for a value of a type that is not a number (`kind` as the caller names it: "boolean",
/// "list"...).
pub fn wrong_type(kind: &str) -> Problem {
    Problem {
        code: ErrorCode::TypeInvalid,
        vi: format!("Cần một số (chuỗi \"700000\" hoặc số), nhận được {kind}."),
        en: format!("Expected a number (a string like \"700000\" or a number), got {kind}."),
    }
}

fn not_a_decimal(text: &str) -> Problem {
    let q = quote(text);
    Problem {
        code: ErrorCode::NumberInvalid,
        vi: format!(
            "'{q}' không phải là số thập phân chính xác (dấu chấm là dấu thập phân, tối đa 28 chữ số có nghĩa)."
        ),
        en: format!("'{q}' is not an exact decimal number ('.' as the decimal point, at most 28 significant digits)."),
    }
}

fn not_an_amount(text: &str) -> Problem {
    let q = quote(text);
    Problem {
        code: ErrorCode::NumberInvalid,
        vi: format!(
            "'{q}' không phải là số tiền: viết 1500000, 1.500.000 hoặc 1.500.000,50 (đồng; tối đa 28 chữ số có nghĩa)."
        ),
        en: format!(
            "'{q}' is not an amount: write 1500000, 1,500,000 or 1,500,000.50 (đồng; at most 28 significant digits)."
        ),
    }
}

fn too_many_digits(text: &str) -> Problem {
    let q = quote(text);
    Problem {
        code: ErrorCode::NumberInvalid,
        vi: format!(
            "'{q}' có nhiều chữ số hơn một số thập phân chính xác giữ được (28 chữ số có nghĩa): không làm tròn."
        ),
        en: format!("'{q}' has more digits than an exact decimal holds (28 significant digits): it is not rounded."),
    }
}

fn ambiguous(text: &str, grouped: Decimal, decimal: Decimal) -> Problem {
    let q = quote(text);
    let (g, d) = (grouped.normalize(), decimal.normalize());
    Problem {
        code: ErrorCode::AmountAmbiguous,
        vi: format!(
            "'{q}' có thể là {} đồng (dấu phân cách hàng nghìn) hoặc {} đồng (dấu thập phân): viết {g} hoặc {d}.",
            crate::text::vi_number(&g),
            crate::text::vi_number(&d)
        ),
        en: format!(
            "'{q}' could mean {} đồng (a thousands separator) or {} đồng (a decimal point): write {g} or {d}.",
            crate::text::en_number(&g),
            crate::text::en_number(&d)
        ),
    }
}

/// The most significant digits a `Decimal` may need (its mantissa is below 2^96 ≈ 7,9 × 10^28).
const MAX_DIGITS: usize = 29;

/// `±digits × 10^-scale`, exactly, or `None` when it does not fit a `Decimal`. `digits` is ASCII
/// digits only; `scale` may be negative (an exponent).
fn from_digits(negative: bool, digits: &str, scale: i64) -> Option<Decimal> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    let (mut digits, mut scale) = (digits.to_string(), scale);
    // Trailing zeros beyond the 28 decimals a Decimal keeps change no value: drop them.
    while scale > 28 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale < 0 {
        let zeros = usize::try_from(-scale).ok().filter(|z| *z <= MAX_DIGITS)?;
        digits.extend(std::iter::repeat_n('0', zeros));
        scale = 0;
    }
    if scale > 28 || digits.len() > MAX_DIGITS {
        return None;
    }
    let mantissa: i128 = digits.parse().ok()?;
    let d = Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, u32::try_from(scale).ok()?);
    d.ok()
}

/// Splits a leading sign.
fn sign(t: &str) -> (bool, &str) {
    match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `digits[.digits][e±digits]` (no sign) as digits and a scale.
fn plain_parts(t: &str) -> Option<(String, i64)> {
    let (number, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if !all_digits(int) || (number.contains('.') && !all_digits(frac)) {
        return None;
    }
    let exp = match exponent {
        None => 0,
        Some(e) => {
            let (neg, e) = sign(e);
            // Beyond a few digits an exponent is out of any Decimal's range anyway.
            if !all_digits(e) || e.len() > 6 {
                return None;
            }
            let v: i64 = e.parse().ok()?;
            if neg { -v } else { v }
        }
    };
    Some((format!("{int}{frac}"), i64::try_from(frac.len()).ok()? - exp))
}

/// The common case, `[-]digits[.digits]` with at most 18 digits, read without allocating (a
/// form re-checks on every key stroke). `None` sends the text to the full rules.
fn simple(t: &str) -> Option<Decimal> {
    let (negative, body) = sign(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if !all_digits(int) || (int.len() < body.len() && !all_digits(frac)) || int.len() + frac.len() > 18 {
        return None;
    }
    let m = int.bytes().chain(frac.bytes()).fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
    let scale = u32::try_from(frac.len()).ok()?;
    Decimal::try_from_i128_with_scale(i128::from(if negative { -m } else { m }), scale).ok()
}

/// The plain rule: `[+-]digits[.digits][e[+-]digits]`, spaces around ignored.
pub fn parse_decimal(text: &str) -> Result<Decimal, Problem> {
    if let Some(d) = simple(text) {
        return Ok(d);
    }
    let (negative, t) = sign(text.trim());
    let (digits, scale) = plain_parts(t).ok_or_else(|| not_a_decimal(text))?;
    from_digits(negative, &digits, scale).ok_or_else(|| too_many_digits(text))
}

/// Spaces people put between groups of digits: the space, the no-break space, the narrow
/// no-break space (U+202F) and the thin space (U+2009).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The text without a trailing currency: `đ`, `₫`, `đồng`, `VND`, `VNĐ` (any case).
fn without_currency(t: &str) -> &str {
    if t.ends_with(|c: char| c.is_ascii_digit()) {
        return t;
    }
    let lower = t.to_lowercase();
    for unit in ["đồng", "vnđ", "vnd", "đ", "₫"] {
        // Lower-casing these keeps their byte length, so the cut falls in the original too.
        if lower.ends_with(unit) && lower.len() == t.len() {
            if let Some(head) = t.get(..t.len() - unit.len()) {
                return head.trim_end_matches(is_space);
            }
        }
    }
    t
}

/// `1.234.567`-style groups: the first of 1 to 3 digits, each other of exactly 3.
fn grouped(groups: &[&str]) -> bool {
    groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && all_digits(groups[0])
        && groups[1..].iter().all(|g| g.len() == 3 && all_digits(g))
}

/// The money rule (see the module's documentation).
pub fn parse_money(text: &str) -> Result<Decimal, Problem> {
    // Plain digits, or a point that cannot be a thousands separator ("1500000.50", "0.500").
    let may_group = |int: &str, frac: &str| frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.split_once('.').is_some_and(|(i, f)| may_group(i, f)) {
        if let Some(d) = simple(text) {
            return Ok(d);
        }
    }
    let t = without_currency(text.trim_matches(is_space).trim());
    let (negative, t) = sign(t);
    if t.contains(['e', 'E']) {
        let (digits, scale) = plain_parts(t).ok_or_else(|| not_an_amount(text))?;
        return from_digits(negative, &digits, scale).ok_or_else(|| too_many_digits(text));
    }
    let t: String = t.chars().map(|c| if is_space(c) { ' ' } else { c }).collect();
    let (int, frac) = money_parts(&t).ok_or_else(|| not_an_amount(text))?;
    if let MoneyParts::Ambiguous { head, tail } = &int {
        let grouped = from_digits(negative, &format!("{head}{tail}"), 0);
        let decimal = from_digits(negative, &format!("{head}{tail}"), 3);
        return match (grouped, decimal) {
            (Some(g), Some(d)) => Err(ambiguous(text, g, d)),
            _ => Err(too_many_digits(text)),
        };
    }
    let MoneyParts::Digits(int) = int else { return Err(not_an_amount(text)) };
    let scale = i64::try_from(frac.len()).map_err(|_| too_many_digits(text))?;
    from_digits(negative, &format!("{int}{frac}"), scale).ok_or_else(|| too_many_digits(text))
}

enum MoneyParts {
    /// The whole part's digits, separators removed.
    Digits(String),
    /// `head` `.` or `,` `tail` with 1-3 digits before and exactly 3 after: two readings.
    Ambiguous { head: String, tail: String },
}

/// The whole part and the fraction's digits of a money text (sign and currency removed, spaces
/// as `' '`), or `None` when it is no amount.
fn money_parts(t: &str) -> Option<(MoneyParts, String)> {
    let seps: Vec<char> = t.chars().filter(|c| !c.is_ascii_digit()).collect();
    let Some(&last) = seps.last() else {
        return all_digits(t).then(|| (MoneyParts::Digits(t.to_string()), String::new()));
    };
    if seps.iter().any(|c| !matches!(c, '.' | ',' | ' ')) {
        return None;
    }
    let kinds = |c: char| seps.iter().filter(|s| **s == c).count();
    // The decimal point, if any, is the last separator, given once, and unlike the grouping one.
    let has_point = last != ' ' && kinds(last) == 1 && (seps.len() == 1 || seps.iter().any(|c| *c != last));
    let (whole, frac) = if has_point { t.rsplit_once(last)? } else { (t, "") };
    if has_point && !all_digits(frac) {
        return None;
    }
    if has_point && seps.len() == 1 {
        // `a.b` or `a,b`: a decimal point, unless it may just as well group thousands.
        if !all_digits(whole) {
            return None;
        }
        if frac.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0') {
            return Some((MoneyParts::Ambiguous { head: whole.to_string(), tail: frac.to_string() }, String::new()));
        }
        return Some((MoneyParts::Digits(whole.to_string()), frac.to_string()));
    }
    // Groups in the whole part, all with one separator.
    let group_sep = whole.chars().find(|c| !c.is_ascii_digit())?;
    let groups: Vec<&str> = whole.split(group_sep).collect();
    grouped(&groups).then(|| (MoneyParts::Digits(groups.concat()), frac.to_string()))
}

/// A float from a binding, read as the shortest decimal that converts back to it (Python's
/// `repr`, JS's `String(x)`). Not finite, or more digits than a decimal holds: `number_invalid`.
pub fn from_f64(x: f64) -> Result<Decimal, Problem> {
    if !x.is_finite() {
        let q = x.to_string();
        return Err(Problem {
            code: ErrorCode::NumberInvalid,
            vi: format!("{q} không phải là một số hữu hạn."),
            en: format!("{q} is not a finite number."),
        });
    }
    // Rust's `{}` prints the shortest digits that round-trip, without an exponent.
    parse_decimal(&x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(t: &str) -> Result<String, ErrorCode> {
        parse_money(t).map(|d| d.to_string()).map_err(|p| p.code)
    }

    fn plain(t: &str) -> Result<String, ErrorCode> {
        parse_decimal(t).map(|d| d.to_string()).map_err(|p| p.code)
    }

    #[test]
    fn money_reads_amounts_as_people_write_them() {
        assert_eq!(money("850000"), Ok("850000".into()));
        assert_eq!(money("1.500.000"), Ok("1500000".into()));
        assert_eq!(money("1,500,000"), Ok("1500000".into()));
        assert_eq!(money("1 500 000"), Ok("1500000".into()));
        assert_eq!(money("1\u{a0}500\u{202f}000"), Ok("1500000".into()));
        assert_eq!(money("1.500.000,50"), Ok("1500000.50".into()));
        assert_eq!(money("1,500,000.50"), Ok("1500000.50".into()));
        assert_eq!(money("1 500 000,5"), Ok("1500000.5".into()));
        assert_eq!(money("1500000.50"), Ok("1500000.50".into()));
        assert_eq!(money("850,5"), Ok("850.5".into()));
        assert_eq!(money("0.500"), Ok("0.500".into()));
        assert_eq!(money("1234.567"), Ok("1234.567".into()));
        assert_eq!(money(" 1.500.000 đ "), Ok("1500000".into()));
        assert_eq!(money("1.500.000đ"), Ok("1500000".into()));
        assert_eq!(money("2.200.000 đồng"), Ok("2200000".into()));
        assert_eq!(money("2,200,000 VND"), Ok("2200000".into()));
        assert_eq!(money("2200000₫"), Ok("2200000".into()));
        assert_eq!(money("-1.000.000"), Ok("-1000000".into()));
        assert_eq!(money("8.5e5"), Ok("850000".into()));
    }

    #[test]
    fn money_refuses_text_with_two_readings() {
        // "850.000": 850 000 đồng with the dot grouping thousands (Vietnamese), 850 đồng with a
        // decimal point (a program printing three decimals). Refused, with both readings.
        let p = parse_money("850.000").err();
        assert_eq!(p.as_ref().map(|p| p.code), Some(ErrorCode::AmountAmbiguous));
        let en = p.map(|p| p.en).unwrap_or_default();
        assert!(
            en.contains("850,000 đồng") && en.contains("or 850 đồng") && en.contains("write 850000 or 850"),
            "{en}"
        );
        assert_eq!(money("850,000"), Err(ErrorCode::AmountAmbiguous));
        assert_eq!(money("1.500"), Err(ErrorCode::AmountAmbiguous));
        assert_eq!(money("-12,345"), Err(ErrorCode::AmountAmbiguous));
        assert_eq!(money("+850.000"), Err(ErrorCode::AmountAmbiguous));
        assert_eq!(money(" 850.000"), Err(ErrorCode::AmountAmbiguous));
    }

    #[test]
    fn money_refuses_what_is_no_amount() {
        for t in [
            "",
            " ",
            "bảy trăm nghìn",
            "1.50.000",
            "1.500,000.5",
            "1..5",
            ".5",
            "5.",
            "1,500.000,5",
            "1 500.000.000",
            "12 34",
            "1.500.000,",
            "đ",
            "--5",
            "1_000",
            "0x10",
            "1,5,5",
            "1.500 000",
        ] {
            assert_eq!(money(t), Err(ErrorCode::NumberInvalid), "{t:?}");
        }
    }

    #[test]
    fn plain_decimals_have_one_reading() {
        assert_eq!(plain("1.125"), Ok("1.125".into()));
        assert_eq!(plain(" -0.0050 "), Ok("-0.0050".into()));
        assert_eq!(plain("+3"), Ok("3".into()));
        assert_eq!(plain("2.5e3"), Ok("2500".into()));
        assert_eq!(plain("25E-1"), Ok("2.5".into()));
        for t in ["1,5", "1.500.000", "1 000", "", "e5", "1e", "1.2.3", "NaN", "inf", "1e9999999"] {
            assert_eq!(plain(t), Err(ErrorCode::NumberInvalid), "{t:?}");
        }
    }

    #[test]
    fn nothing_is_rounded() {
        // 28 significant digits are kept; 30 are refused, never rounded.
        assert_eq!(plain("1.234567890123456789012345678"), Ok("1.234567890123456789012345678".into()));
        assert_eq!(plain("1.23456789012345678901234567891"), Err(ErrorCode::NumberInvalid));
        assert_eq!(plain("79228162514264337593543950335"), Ok(Decimal::MAX.to_string()));
        assert_eq!(plain("79228162514264337593543950336"), Err(ErrorCode::NumberInvalid));
        assert_eq!(plain("0.10000000000000000000000000000000"), Ok("0.1000000000000000000000000000".into()));
        assert_eq!(plain("1e-29"), Err(ErrorCode::NumberInvalid));
        assert_eq!(plain("0e-99"), Ok("0".into()));
    }

    #[test]
    fn floats_read_as_printed() {
        // A Python float 850000.1 and the JS number 850000.1 are both 850 000,1.
        assert_eq!(from_f64(850_000.1).map(|d| d.to_string()), Ok("850000.1".into()));
        assert_eq!(from_f64(0.1).map(|d| d.to_string()), Ok("0.1".into()));
        assert_eq!(from_f64(1e22).map(|d| d.to_string()), Ok("10000000000000000000000".into()));
        assert_eq!(from_f64(-0.0).map(|d| d.is_zero()), Ok(true));
        assert!(from_f64(f64::NAN).is_err());
        assert!(from_f64(f64::INFINITY).is_err());
        assert!(from_f64(1e300).is_err());
    }
}
