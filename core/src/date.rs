//! Calendar dates (`YYYY-MM-DD`), enough for effective periods and ages; no time zones needed.

use crate::error::{Error, ErrorCode};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date between years 1000 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// `None` when the day does not exist (30 February, month 13, ...).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    /// The date as Vietnamese text writes it: `01/12/2025`.
    pub fn vi(self) -> String {
        format!("{:02}/{:02}/{}", self.day(), self.month(), self.year())
    }
    pub fn day(self) -> u8 {
        self.day
    }
    /// Completed years of age on `self` for a person born on `birth` (`None` if born after `self`).
    pub fn age_of(self, birth: Date) -> Option<u16> {
        if birth > self {
            return None;
        }
        let mut age = self.year - birth.year;
        if (self.month, self.day) < (birth.month, birth.day) {
            age -= 1;
        }
        Some(age)
    }
    /// The same day `years` years later; 29 February becomes 28 February in a common year.
    pub fn add_years(self, years: u16) -> Option<Date> {
        let year = self.year.checked_add(years)?;
        let day = self.day.min(days_in_month(year, self.month));
        Date::new(year, self.month, day)
    }
    /// Parses `YYYY-MM-DD`, with a typed error at `path`.
    pub fn parse_at(s: &str, path: &str) -> Result<Date, Error> {
        s.parse().map_err(|()| {
            Error::new(
                ErrorCode::DateInvalid,
                path,
                format!("Ngày '{s}' không hợp lệ: cần dạng NNNN-TT-NN (ví dụ 2018-06-30)."),
                format!("'{s}' is not a valid date: expected YYYY-MM-DD (for example 2018-06-30)."),
            )
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl FromStr for Date {
    type Err = ();
    fn from_str(s: &str) -> Result<Date, ()> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(());
        }
        let digits = |r: std::ops::Range<usize>| -> Result<u16, ()> {
            let part = s.get(r).ok_or(())?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(());
            }
            part.parse::<u16>().map_err(|_| ())
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).map_err(|_| ())?;
        let day = u8::try_from(digits(8..10)?).map_err(|_| ())?;
        Date::new(year, month, day).ok_or(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|()| {
            serde::de::Error::custom(crate::json::coded(
                ErrorCode::DateInvalid,
                &format!("Ngày '{s}' không hợp lệ: cần dạng NNNN-TT-NN (ví dụ 2018-06-30)."),
                &format!("'{s}' is not a valid date: expected YYYY-MM-DD (for example 2018-06-30)."),
            ))
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2016-01-01".parse::<Date>().map(|d| d.to_string()), Ok("2016-01-01".to_string()));
        assert!("2015-02-29".parse::<Date>().is_err());
        assert!("2016-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("2016-13-01".parse::<Date>().is_err());
        assert!("2016-1-01".parse::<Date>().is_err());
        assert!("+016-01-01".parse::<Date>().is_err());
    }

    #[test]
    fn completed_years() {
        let on = |s: &str| s.parse::<Date>().unwrap_or(Date { year: 1000, month: 1, day: 1 });
        assert_eq!(on("2016-06-30").age_of(on("2001-06-30")), Some(15));
        assert_eq!(on("2016-06-29").age_of(on("2001-06-30")), Some(14));
        assert_eq!(on("2016-06-29").age_of(on("2016-06-30")), None);
    }
}
