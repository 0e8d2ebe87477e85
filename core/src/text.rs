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

/// Formats a decimal the Vietnamese way (`1.300.000,5`) for messages in Vietnamese.
pub(crate) fn vi_number(value: &rust_decimal::Decimal) -> String {
    group_digits(value, '.', ',')
}

/// Formats a decimal the English way (`1,300,000.5`) for messages in English.
pub(crate) fn en_number(value: &rust_decimal::Decimal) -> String {
    group_digits(value, ',', '.')
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
    }
}
