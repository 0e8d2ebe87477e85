//! Monthly income per capita, kept as an exact fraction so that no division rounds a comparison.

use crate::error::{Error, ErrorCode, Errors};
use rust_decimal::{Decimal, RoundingStrategy};

/// Monthly income per person, `total / divisor` đồng, compared with lines exactly by
/// cross-multiplication (`total <= line * divisor`), so an annual household income divided by 12
/// and by the household size is never rounded before a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthlyIncome {
    total: Decimal,
    divisor: u32,
}

impl MonthlyIncome {
    /// Monthly income per person, given directly.
    pub fn per_capita(amount: Decimal) -> Result<MonthlyIncome, Error> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(negative("/income/monthly_per_capita", amount));
        }
        Ok(MonthlyIncome { total: amount, divisor: 1 })
    }

    /// From a household's annual income and its number of members: `total / 12 / size`, exactly.
    pub fn from_annual_household(total: Decimal, household_size: u32) -> Result<MonthlyIncome, Errors> {
        let mut errors = Vec::new();
        if total.is_sign_negative() && !total.is_zero() {
            errors.push(negative("/income/annual_household", total));
        }
        if household_size == 0 {
            errors.push(size_zero("/income/household_size"));
        }
        if let Some(e) = Errors::from_vec(errors) {
            return Err(e);
        }
        let divisor = household_size.checked_mul(12).ok_or_else(|| {
            Errors::from(Error::new(
                ErrorCode::NumberInvalid,
                "/income/household_size",
                "Số thành viên quá lớn.",
                "Household size is too large.",
            ))
        })?;
        Ok(MonthlyIncome { total, divisor })
    }

    /// `income <= line`, exactly.
    #[inline]
    pub fn at_most(&self, line: Decimal) -> bool {
        if self.divisor == 1 {
            return self.total <= line;
        }
        // Never `line.checked_mul(divisor)` alone: with 28 significant digits it rounds.
        crate::exact::cmp_multiple(self.total, line, self.divisor) != std::cmp::Ordering::Greater
    }

    /// The per-capita figure, exact when it has at most 28 significant digits (it does for
    /// every monthly figure; an annual total divided by a size like 3 is cut at 28 digits).
    pub fn value(&self) -> Decimal {
        if self.divisor == 1 {
            return self.total;
        }
        self.total.checked_div(Decimal::from(self.divisor)).unwrap_or(Decimal::MAX)
    }

    /// The figure shown to people: rounded half-to-even to 2 decimal places. Comparisons never
    /// use it; they use the exact fraction.
    pub fn display_value(&self) -> Decimal {
        self.value().round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven).normalize()
    }

    /// Numerator and denominator of the exact fraction.
    pub fn as_fraction(&self) -> (Decimal, u32) {
        (self.total, self.divisor)
    }
}

pub(crate) fn negative(path: &str, amount: Decimal) -> Error {
    Error::new(
        ErrorCode::IncomeNegative,
        path,
        format!("Thu nhập không được âm (nhận được {amount})."),
        format!("Income cannot be negative (got {amount})."),
    )
}

pub(crate) fn size_zero(path: &str) -> Error {
    Error::new(
        ErrorCode::HouseholdSizeZero,
        path,
        "Hộ phải có ít nhất 1 thành viên.",
        "A household has at least 1 member.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annual_income_is_compared_without_rounding() {
        // 8.400.001 đồng a year for 1 person is 700.000,083... a month: above the 700.000 line.
        let i = MonthlyIncome::from_annual_household(Decimal::from(8_400_001), 1);
        assert!(matches!(i, Ok(ref v) if !v.at_most(Decimal::from(700_000))));
        // 25.200.000 a year for 3 persons is exactly 700.000 a month: at the line.
        let i = MonthlyIncome::from_annual_household(Decimal::from(25_200_000), 3);
        assert!(matches!(i, Ok(ref v) if v.at_most(Decimal::from(700_000))));
        // 25.200.001 / 36 = 700.000,02777...: above the line although it shows as 700.000,03.
        let i = MonthlyIncome::from_annual_household(Decimal::from(25_200_001), 3);
        assert!(matches!(i, Ok(ref v) if !v.at_most(Decimal::from(700_000))));
    }

    #[test]
    fn a_line_of_28_significant_digits_is_compared_exactly() {
        // A caller's parameter file may give a line with 28 significant digits; line × 12 then
        // needs 29, and rust_decimal's product rounds up to 8.400000000000000000000000005. An
        // annual income of exactly that is above the exact product 8.4000000000000000000000000048.
        let line: Decimal = "0.7000000000000000000000000004".parse().unwrap_or_default();
        let annual: Decimal = "8.400000000000000000000000005".parse().unwrap_or_default();
        let i = MonthlyIncome::from_annual_household(annual, 1);
        assert!(matches!(i, Ok(ref v) if !v.at_most(line)));
        let annual: Decimal = "8.400000000000000000000000004".parse().unwrap_or_default();
        let i = MonthlyIncome::from_annual_household(annual, 1);
        assert!(matches!(i, Ok(ref v) if v.at_most(line)));
    }

    #[test]
    fn negative_and_zero_size_are_errors() {
        assert!(MonthlyIncome::per_capita(Decimal::from(-1)).is_err());
        assert!(MonthlyIncome::per_capita(Decimal::ZERO).is_ok());
        let e = MonthlyIncome::from_annual_household(Decimal::from(-5), 0);
        assert!(matches!(e, Err(ref e) if e.codes() == vec![ErrorCode::IncomeNegative, ErrorCode::HouseholdSizeZero]));
    }
}
