//! Bilingual text: every message, name and label the library shows comes in Vietnamese and English.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text in Vietnamese (`vi`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text { vi: vi.into(), en: en.into() }
    }
}

/// What the user gave, for a message: the text as typed, its first 40 characters and "…" when
/// longer (a 5 MB cell is quoted, not copied).
pub fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let mut shown: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

/// Formats a decimal the Vietnamese way (`1.300.000,5`) for messages in Vietnamese.
pub fn vi_number(value: &rust_decimal::Decimal) -> String {
    group_digits(value, '.', ',')
}

/// Formats a decimal the English way (`1,300,000.5`) for messages in English.
pub fn en_number(value: &rust_decimal::Decimal) -> String {
    group_digits(value, ',', '.')
}

/// The text of a decimal as core writes it (`1300000.5`, as in every answer) in Vietnamese
/// notation (`1.300.000,5`), or in English notation (`1,300,000.5`) when `lang` is `en`; `None`
/// when the text is not a plain decimal. For bindings that show a number core gave them.
pub fn format_number(text: &str, lang: &str) -> Option<String> {
    let value = rust_decimal::Decimal::from_str_exact(text.trim()).ok()?;
    Some(if lang == "en" { en_number(&value) } else { vi_number(&value) })
}

fn group_digits(value: &rust_decimal::Decimal, thousands: char, point: char) -> String {
    let raw = value.to_string();
    let (sign, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", raw.as_str()),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 8);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let mut out = String::from(sign);
    out.push_str(&grouped);
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn groups_digits_in_both_languages() {
        let d: Decimal = "1300000.5".parse().unwrap_or_default();
        assert_eq!(vi_number(&d), "1.300.000,5");
        assert_eq!(en_number(&d), "1,300,000.5");
        assert_eq!(vi_number(&Decimal::from(700)), "700");
        assert_eq!(en_number(&Decimal::from(-1000)), "-1,000");
        assert_eq!(format_number("1300000.5", "vi").as_deref(), Some("1.300.000,5"));
        assert_eq!(format_number("1300000.5", "en").as_deref(), Some("1,300,000.5"));
        assert_eq!(format_number("850000", "vi").as_deref(), Some("850.000"));
        assert_eq!(format_number("abc", "vi"), None);
    }
}
