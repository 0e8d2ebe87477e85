//! Errors as values: a stable code, a JSON pointer into the input, and a message in vi and en.

use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable machine codes, one per kind of failure. Codes are never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is not well-formed JSON.
    JsonSyntax,
    /// A required field is absent.
    FieldMissing,
    /// A field the schema does not know.
    FieldUnknown,
    /// A value of the wrong JSON type.
    TypeInvalid,
    /// A value outside the allowed set (an unknown enum member).
    ValueUnknown,
    /// A number that is not an exact decimal (or out of range).
    NumberInvalid,
    /// Amount text that could mean two amounts (`850.000`: 850 000 đồng with grouped thousands,
    /// or 850 đồng with a decimal point): refused rather than guessed.
    AmountAmbiguous,
    /// A date that is not a valid `YYYY-MM-DD` calendar date.
    DateInvalid,
    /// A date is needed (to pick a standard or to compute an age) but none was given.
    DateMissing,
    /// No encoded standard covers the date.
    DateOutsideAnyStandard,
    /// A date in the review months at a seam between standards, given without the list year the
    /// review makes (the review at the end of year Y makes the list of Y+1 under its standard).
    ListYearRequired,
    /// A list year the date cannot belong to (a review for list year Y is held from the review
    /// window of Y-1 to the end of Y), or not a valid year.
    ListYearMismatch,
    /// No standard has the given id.
    StandardUnknown,
    /// The area is neither `rural` nor `urban`.
    AreaUnknown,
    /// Income is required and absent.
    IncomeMissing,
    /// Income below zero.
    IncomeNegative,
    /// A household of zero persons.
    HouseholdSizeZero,
    /// The stated household size differs from the number of members given.
    HouseholdSizeMismatch,
    /// Neither indicators, facts nor review scores were given.
    InputMissing,
    /// More than one of indicators, facts and review scores, or income beside scores.
    InputConflict,
    /// An indicator of the standard has no answer.
    IndicatorMissing,
    /// An indicator id the standard does not define.
    IndicatorUnknown,
    /// A member has neither age, birth year nor birth date.
    MemberAgeMissing,
    /// An age or birth year that no living person can have on the date.
    MemberAgeOutOfRange,
    /// Age, birth year and birth date that contradict each other.
    MemberAgeInconsistent,
    /// A fact an indicator needs was not given.
    FactMissing,
    /// An indicator whose deprivation threshold the library does not know cannot be derived from
    /// facts: answer it directly under `indicators`.
    IndicatorRuleUnknown,
    /// A fact with an impossible value (a negative floor area, ...).
    FactInvalid,
    /// A review score below zero.
    ScoreNegative,
    /// A deprivation score that is not a whole number of indicators.
    DeprivationScoreInvalid,
    /// The standard defines no review scores.
    ScoresNotDefined,
    /// A parameter file breaks a structural or legal-consistency rule.
    StandardInvalid,
    /// A parameter refers to a source key the file's `sources` table lacks.
    SourceUnknown,
    /// Batch columns of different lengths.
    ColumnLengthMismatch,
    /// A column the batch needs (an indicator of the standard, the area, the income) is not in
    /// the table.
    ColumnMissing,
    /// A number of indicator columns (or weights) that differs from the standard's indicators.
    IndicatorColumnsMismatch,
    /// An indicator cell that is neither 0 nor 1.
    IndicatorValueInvalid,
    /// An invalid statistics option (cutoff outside (0, 1], negative weights...).
    OptionInvalid,
    /// No JSON function has this name.
    FunctionUnknown,
    /// An input larger than the library's limits (see `giamngheo::limits`).
    LimitExceeded,
    // --- eligibility (core/src/eligibility) ---
    /// No catalog entry has this id.
    ProgramUnknown,
    /// No embedded eligibility catalog has this id.
    CatalogUnknown,
    // --- funding (core/src/funding) ---
    /// A funding plan or allocation request that breaks a structural rule.
    FundingInvalid,
    /// No embedded funding plan has this id.
    PlanUnknown,
    /// A negative amount of money.
    AmountNegative,
    /// Two units (or plan lines) with the same id.
    UnitDuplicate,
    /// A criterion id the coefficient set does not define.
    CriterionUnknown,
    /// A rounding unit that is not a positive whole number of đồng, or a norm, floor or cap
    /// that is not a multiple of it.
    RoundingUnitInvalid,
    /// A counterpart ratio the law's text, as far as verified, does not give.
    RatioNotEncoded,
    /// Floors or fixed norms that need more than the pool holds.
    PoolTooSmall,
    /// Caps that leave part of the pool unallocatable.
    CapsTooSmall,
}

impl ErrorCode {
    /// The code as it appears in JSON, Python and JS.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            JsonSyntax => "json_syntax",
            FieldMissing => "field_missing",
            FieldUnknown => "field_unknown",
            TypeInvalid => "type_invalid",
            ValueUnknown => "value_unknown",
            NumberInvalid => "number_invalid",
            AmountAmbiguous => "amount_ambiguous",
            DateInvalid => "date_invalid",
            DateMissing => "date_missing",
            DateOutsideAnyStandard => "date_outside_any_standard",
            ListYearRequired => "list_year_required",
            ListYearMismatch => "list_year_mismatch",
            StandardUnknown => "standard_unknown",
            AreaUnknown => "area_unknown",
            IncomeMissing => "income_missing",
            IncomeNegative => "income_negative",
            HouseholdSizeZero => "household_size_zero",
            HouseholdSizeMismatch => "household_size_mismatch",
            InputMissing => "input_missing",
            InputConflict => "input_conflict",
            IndicatorMissing => "indicator_missing",
            IndicatorUnknown => "indicator_unknown",
            MemberAgeMissing => "member_age_missing",
            MemberAgeOutOfRange => "member_age_out_of_range",
            MemberAgeInconsistent => "member_age_inconsistent",
            FactMissing => "fact_missing",
            IndicatorRuleUnknown => "indicator_rule_unknown",
            FactInvalid => "fact_invalid",
            ScoreNegative => "score_negative",
            DeprivationScoreInvalid => "deprivation_score_invalid",
            ScoresNotDefined => "scores_not_defined",
            StandardInvalid => "standard_invalid",
            SourceUnknown => "source_unknown",
            ColumnLengthMismatch => "column_length_mismatch",
            ColumnMissing => "column_missing",
            IndicatorColumnsMismatch => "indicator_columns_mismatch",
            IndicatorValueInvalid => "indicator_value_invalid",
            OptionInvalid => "option_invalid",
            FunctionUnknown => "function_unknown",
            LimitExceeded => "limit_exceeded",
            ProgramUnknown => "program_unknown",
            CatalogUnknown => "catalog_unknown",
            FundingInvalid => "funding_invalid",
            PlanUnknown => "plan_unknown",
            AmountNegative => "amount_negative",
            UnitDuplicate => "unit_duplicate",
            CriterionUnknown => "criterion_unknown",
            RoundingUnitInvalid => "rounding_unit_invalid",
            RatioNotEncoded => "ratio_not_encoded",
            PoolTooSmall => "pool_too_small",
            CapsTooSmall => "caps_too_small",
        }
    }

    /// Looks a code up by its string form (the inverse of [`ErrorCode::as_str`]).
    pub fn from_str_code(code: &str) -> Option<ErrorCode> {
        ALL_CODES.iter().copied().find(|c| c.as_str() == code)
    }
}

/// Every code, for catalogs and tests.
pub const ALL_CODES: &[ErrorCode] = &[
    ErrorCode::JsonSyntax,
    ErrorCode::FieldMissing,
    ErrorCode::FieldUnknown,
    ErrorCode::TypeInvalid,
    ErrorCode::ValueUnknown,
    ErrorCode::NumberInvalid,
    ErrorCode::AmountAmbiguous,
    ErrorCode::DateInvalid,
    ErrorCode::DateMissing,
    ErrorCode::DateOutsideAnyStandard,
    ErrorCode::ListYearRequired,
    ErrorCode::ListYearMismatch,
    ErrorCode::StandardUnknown,
    ErrorCode::AreaUnknown,
    ErrorCode::IncomeMissing,
    ErrorCode::IncomeNegative,
    ErrorCode::HouseholdSizeZero,
    ErrorCode::HouseholdSizeMismatch,
    ErrorCode::InputMissing,
    ErrorCode::InputConflict,
    ErrorCode::IndicatorMissing,
    ErrorCode::IndicatorUnknown,
    ErrorCode::MemberAgeMissing,
    ErrorCode::MemberAgeOutOfRange,
    ErrorCode::MemberAgeInconsistent,
    ErrorCode::FactMissing,
    ErrorCode::IndicatorRuleUnknown,
    ErrorCode::FactInvalid,
    ErrorCode::ScoreNegative,
    ErrorCode::DeprivationScoreInvalid,
    ErrorCode::ScoresNotDefined,
    ErrorCode::StandardInvalid,
    ErrorCode::SourceUnknown,
    ErrorCode::ColumnLengthMismatch,
    ErrorCode::ColumnMissing,
    ErrorCode::IndicatorColumnsMismatch,
    ErrorCode::IndicatorValueInvalid,
    ErrorCode::OptionInvalid,
    ErrorCode::FunctionUnknown,
    ErrorCode::LimitExceeded,
    ErrorCode::ProgramUnknown,
    ErrorCode::CatalogUnknown,
    ErrorCode::FundingInvalid,
    ErrorCode::PlanUnknown,
    ErrorCode::AmountNegative,
    ErrorCode::UnitDuplicate,
    ErrorCode::CriterionUnknown,
    ErrorCode::RoundingUnitInvalid,
    ErrorCode::RatioNotEncoded,
    ErrorCode::PoolTooSmall,
    ErrorCode::CapsTooSmall,
];

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One failure: what (code), where (JSON pointer into the input), and why (vi and en).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[error("{code} at '{path}': {}", message.en)]
pub struct Error {
    pub code: ErrorCode,
    /// RFC 6901 JSON pointer to the offending field; empty for the whole input.
    pub path: String,
    pub message: Text,
}

impl Error {
    pub fn new(code: ErrorCode, path: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Error { code, path: path.into(), message: Text::new(vi, en) }
    }
}

/// One or more failures found in the same input (never empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[serde(transparent)]
pub struct Errors(Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl Errors {
    /// `None` when the list is empty.
    pub fn from_vec(errors: Vec<Error>) -> Option<Errors> {
        if errors.is_empty() { None } else { Some(Errors(errors)) }
    }
    pub fn as_slice(&self) -> &[Error] {
        &self.0
    }
    pub fn into_vec(self) -> Vec<Error> {
        self.0
    }
    pub fn first(&self) -> &Error {
        // Non-empty by construction; `Errors` is only built from a non-empty list.
        &self.0[0]
    }
    pub fn codes(&self) -> Vec<ErrorCode> {
        self.0.iter().map(|e| e.code).collect()
    }
    /// Prefixes every path with `prefix` (a JSON pointer), for errors found inside a nested value.
    pub fn under(mut self, prefix: &str) -> Errors {
        for e in &mut self.0 {
            e.path = format!("{prefix}{}", e.path);
        }
        self
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

/// Collects errors while validating, so that one pass reports every problem it finds.
#[derive(Debug, Default)]
pub(crate) struct Collector(Vec<Error>);

impl Collector {
    pub fn push(&mut self, e: Error) {
        self.0.push(e);
    }
    pub fn extend(&mut self, errors: Errors) {
        self.0.extend(errors.0);
    }
    /// Runs `r`, keeping its value or recording its errors.
    pub fn take<T>(&mut self, r: Result<T, Errors>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.extend(e);
                None
            }
        }
    }
    pub fn finish<T>(self, value: T) -> Result<T, Errors> {
        match Errors::from_vec(self.0) {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Builds an RFC 6901 JSON pointer from path segments.
pub fn pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for s in segments {
        out.push('/');
        out.push_str(&s.as_ref().replace('~', "~0").replace('/', "~1"));
    }
    out
}
