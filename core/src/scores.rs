//! Review scores: the two scores of a household, and the checks on them before they are
//! compared with the score lines (classification depends on this module, never the reverse).

use crate::error::{Collector, Error, ErrorCode, Errors};
use crate::standard::{ReviewScores, Standard};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Review scores of one household (B1/B2 of TT 17/2016, or A/B of TT 07/2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// The proxy-income score (B1, or A).
    pub income_score: i64,
    /// The deprivation score (B2, or B): points per deprived indicator.
    pub deprivation_score: i64,
}

/// The standard's score rules, once the scores are known to be well-formed for them.
pub(crate) fn check(standard: &Standard, scores: Scores) -> Result<&ReviewScores, Errors> {
    let Some(rs) = &standard.review_scores else {
        return Err(Error::new(
            ErrorCode::ScoresNotDefined,
            "/scores",
            format!("{} không quy định điểm rà soát; hãy nhập chỉ số hoặc dữ kiện.", standard.document),
            format!("{} defines no review scores; give indicators or facts instead.", standard.document),
        )
        .into());
    };
    let mut c = Collector::default();
    for (value, field, name) in [
        (scores.income_score, "income_score", &rs.income_score_name),
        (scores.deprivation_score, "deprivation_score", &rs.deprivation_score_name),
    ] {
        if value < 0 {
            c.push(Error::new(
                ErrorCode::ScoreNegative,
                format!("/scores/{field}"),
                format!("Điểm {name} không được âm (nhận được {value})."),
                format!("Score {name} cannot be negative (got {value})."),
            ));
        }
    }
    let per = i64::from(rs.points_per_indicator.value);
    let max = per * standard.indicators.len() as i64;
    let b = scores.deprivation_score;
    if b >= 0 && (per == 0 || b % per != 0 || b > max) {
        c.push(Error::new(
            ErrorCode::DeprivationScoreInvalid,
            "/scores/deprivation_score",
            format!(
                "Điểm {} phải là bội số của {per} (mỗi chỉ số thiếu hụt {per} điểm), từ 0 đến {max}; nhận được {b}.",
                rs.deprivation_score_name
            ),
            format!(
                "Score {} must be a multiple of {per} ({per} points per deprived indicator), from 0 to {max}; got {b}.",
                rs.deprivation_score_name
            ),
        ));
    }
    c.finish(rs)
}
