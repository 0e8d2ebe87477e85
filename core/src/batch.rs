//! Columnar batch classification: millions of households as columns, no allocation per household.
//!
//! Inputs are borrowed columns (area codes, incomes, deprivations); outputs are two `u8` columns
//! written in place: the class code (1 poor, 2 near-poor, 3 average living, 4 other, 0 for a
//! row that could not be classified) and the deprivation count. A bad row never stops the
//! others: with [`OnError::Collect`] its error comes back beside the results, with its row index;
//! with [`OnError::Stop`] the call returns at the first bad row.
//!
//! Every row's class equals what [`Standard::classify`] gives for the same household.

use crate::area::Area;
use crate::error::{Error, ErrorCode, Errors, pointer};
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
use crate::standard::{Shape, Standard};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Monthly income per capita, one value per household.
#[derive(Debug, Clone, Copy)]
pub enum Incomes<'a> {
    /// Whole đồng.
    Dong(&'a [i64]),
    /// Exact decimals.
    Decimal(&'a [Decimal]),
}

/// Deprivations, one value per household.
#[derive(Debug, Clone, Copy)]
pub enum Deprivations<'a> {
    /// A bitmask per household: bit `i` set when deprived in the standard's `i`-th indicator.
    Mask(&'a [u16]),
    /// One column per indicator, in the standard's order.
    Bools(&'a [&'a [bool]]),
    /// One column per indicator, in the standard's order, each cell 0 or 1.
    Bytes(&'a [&'a [u8]]),
}

impl Deprivations<'_> {
    /// Whether row `row` is deprived in indicator `index` (`None` for a bad cell).
    #[inline]
    pub fn get(&self, row: usize, index: usize) -> Option<bool> {
        match self {
            Deprivations::Mask(m) => m.get(row).map(|v| v & (1 << index) != 0),
            Deprivations::Bools(cols) => cols.get(index).and_then(|c| c.get(row)).copied(),
            Deprivations::Bytes(cols) => match cols.get(index).and_then(|c| c.get(row)) {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
        }
    }
    /// The indicator set of row `row` (`None` for a bad cell).
    #[inline]
    pub fn set(&self, row: usize, indicators: usize) -> Option<IndicatorSet> {
        match self {
            Deprivations::Mask(m) => m.get(row).map(|&b| IndicatorSet::from_bits(b)),
            _ => {
                let mut set = IndicatorSet::EMPTY;
                for i in 0..indicators {
                    if self.get(row, i)? {
                        set = set.with(i);
                    }
                }
                Some(set)
            }
        }
    }
}

/// The columns of a batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchInput<'a> {
    /// Area codes of the statistics office: 1 urban (thành thị), 2 rural (nông thôn).
    pub area: &'a [u8],
    pub income: Incomes<'a>,
    pub deprivations: Deprivations<'a>,
}

impl BatchInput<'_> {
    pub fn len(&self) -> usize {
        self.area.len()
    }
    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }
}

/// What to do with a bad row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Classify every good row; return each bad row's error beside the results (class 0).
    #[default]
    Collect,
    /// Return at the first bad row; the rows before it are classified.
    Stop,
}

/// An error about one row. `error.path` is `/<column>/<row>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub error: Error,
}

/// The class code of a row that could not be classified.
pub const UNCLASSIFIED: u8 = 0;

/// A standard's lines as integers for whole-đồng incomes, and its shape folded into one formula:
/// `class = 4 - (I <= avg) - (I <= near) - ((I <= near) & ((I <= poor) | D >= k))`.
#[derive(Debug, Clone, Copy)]
struct IntegerLines {
    poor: i64,
    near: i64,
    avg: i64,
}

struct Compiled {
    /// Indexed by area code - 1: urban, rural.
    lines: [IntegerLines; 2],
    cutoff: u8,
    valid_bits: u16,
}

/// For a whole-đồng income `I`, `I <= x` exactly when `I <= floor(x)`.
fn floor_i64(x: Decimal) -> i64 {
    x.floor().to_i64().unwrap_or(if x.is_sign_negative() { i64::MIN } else { i64::MAX })
}

impl Compiled {
    fn new(s: &Standard) -> Compiled {
        let lines = |area: Area| {
            let l = s.income_lines.get(area);
            let first = floor_i64(l.poor.value);
            let (poor, near) = match s.shape {
                // One line: the "income alone" tier never applies.
                Shape::SingleLine => (i64::MIN, first),
                _ => (first, l.near_poor.as_ref().map_or(first, |n| floor_i64(n.value))),
            };
            let avg = l.average_living_max.as_ref().map_or(near, |a| floor_i64(a.value));
            IntegerLines { poor, near, avg }
        };
        let n = s.indicators.len();
        Compiled {
            lines: [lines(Area::Urban), lines(Area::Rural)],
            // Income-only standards never classify by deprivations.
            cutoff: if s.shape == Shape::IncomeOnly { u8::MAX } else { s.cutoff() },
            valid_bits: if n >= 16 { u16::MAX } else { ((1u32 << n) - 1) as u16 },
        }
    }

    #[inline(always)]
    fn class(&self, l: &IntegerLines, income: i64, count: u8) -> u8 {
        let le_poor = income <= l.poor;
        let le_near = income <= l.near;
        let le_avg = income <= l.avg;
        let deprived = count >= self.cutoff;
        4 - le_avg as u8 - le_near as u8 - (le_near & (le_poor | deprived)) as u8
    }
}

fn row_error(code: ErrorCode, column: &str, row: usize, vi: String, en: String) -> RowError {
    RowError { row, error: Error::new(code, pointer([column, &row.to_string()]), vi, en) }
}

fn bad_area(row: usize, code: u8) -> RowError {
    row_error(
        ErrorCode::AreaUnknown,
        "area",
        row,
        format!("Mã khu vực {code} không hợp lệ: 1 là thành thị, 2 là nông thôn."),
        format!("Area code {code} is unknown: 1 is urban, 2 is rural."),
    )
}

fn bad_income(row: usize, value: String) -> RowError {
    row_error(
        ErrorCode::IncomeNegative,
        "income",
        row,
        format!("Thu nhập không được âm (nhận được {value})."),
        format!("Income cannot be negative (got {value})."),
    )
}

/// An income cell with no value (empty, `None`, NaN), for readers of untyped columns.
pub fn income_missing(row: usize) -> RowError {
    row_error(
        ErrorCode::IncomeMissing,
        "income",
        row,
        "Thiếu thu nhập (ô trống hoặc NaN).".into(),
        "Income is missing (an empty cell or NaN).".into(),
    )
}

/// An income cell that is not an exact decimal (a float with no exact decimal form, or more
/// than 28 significant digits).
pub fn income_not_exact(row: usize, value: &str) -> RowError {
    row_error(
        ErrorCode::NumberInvalid,
        "income",
        row,
        format!("Thu nhập {value} không phải là số thập phân chính xác (tối đa 28 chữ số có nghĩa)."),
        format!("Income {value} is not an exact decimal (at most 28 significant digits)."),
    )
}

/// An income cell of a type that is not a number (`type_name` as the reader calls it).
pub fn income_wrong_type(row: usize, type_name: &str) -> RowError {
    row_error(
        ErrorCode::TypeInvalid,
        "income",
        row,
        format!("Thu nhập phải là số (nhận được kiểu {type_name})."),
        format!("Income must be a number (got a {type_name})."),
    )
}

fn bad_mask(row: usize, bits: u16, n: usize) -> RowError {
    row_error(
        ErrorCode::IndicatorUnknown,
        "deprivations",
        row,
        format!("Mặt nạ {bits:#06x} có bit ngoài {n} chỉ số của chuẩn."),
        format!("Mask {bits:#06x} sets a bit beyond the standard's {n} indicators."),
    )
}

fn bad_cell(row: usize, index: usize, value: u8) -> RowError {
    RowError {
        row,
        error: Error::new(
            ErrorCode::IndicatorValueInvalid,
            pointer(["deprivations", &index.to_string(), &row.to_string()]),
            format!("Ô chỉ số phải là 0 hoặc 1 (nhận được {value})."),
            format!("An indicator cell is 0 or 1 (got {value})."),
        ),
    }
}

fn check_shapes(standard: &Standard, input: &BatchInput<'_>, class: &[u8], count: &[u8]) -> Result<(), Errors> {
    let n = input.len();
    let mut lengths: Vec<(String, usize)> = vec![(
        "income".into(),
        match input.income {
            Incomes::Dong(v) => v.len(),
            Incomes::Decimal(v) => v.len(),
        },
    )];
    let columns = match input.deprivations {
        Deprivations::Mask(m) => {
            lengths.push(("deprivations".into(), m.len()));
            None
        }
        Deprivations::Bools(cols) => {
            lengths.extend(cols.iter().enumerate().map(|(i, c)| (format!("deprivations/{i}"), c.len())));
            Some(cols.len())
        }
        Deprivations::Bytes(cols) => {
            lengths.extend(cols.iter().enumerate().map(|(i, c)| (format!("deprivations/{i}"), c.len())));
            Some(cols.len())
        }
    };
    lengths.push(("class".into(), class.len()));
    lengths.push(("deprivation_count".into(), count.len()));
    let mut errors = Vec::new();
    for (name, len) in lengths {
        if len != n {
            errors.push(Error::new(
                ErrorCode::ColumnLengthMismatch,
                format!("/{name}"),
                format!("Cột '{name}' có {len} dòng, cột area có {n} dòng."),
                format!("Column '{name}' has {len} rows; the area column has {n}."),
            ));
        }
    }
    if let Some(k) = columns {
        if k != standard.indicators.len() {
            errors.push(Error::new(
                ErrorCode::IndicatorColumnsMismatch,
                "/deprivations",
                format!("Có {k} cột chỉ số; {} có {} chỉ số.", standard.document, standard.indicators.len()),
                format!(
                    "{k} indicator columns given; {} has {} indicators.",
                    standard.document,
                    standard.indicators.len()
                ),
            ));
        }
    }
    match Errors::from_vec(errors) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Classifies a batch into caller-owned output columns. Whole-batch problems (columns of
/// different lengths, the wrong number of indicator columns) are `Err`; bad rows are returned
/// in the `Ok` list (or, with [`OnError::Stop`], end the call with the first one).
pub fn classify_batch_into(
    standard: &Standard,
    input: &BatchInput<'_>,
    class: &mut [u8],
    deprivation_count: &mut [u8],
    on_error: OnError,
) -> Result<Vec<RowError>, Errors> {
    check_shapes(standard, input, class, deprivation_count)?;
    let compiled = Compiled::new(standard);
    let n = input.len();
    // The common case, a clean batch of whole-đồng incomes and masks, in one pass over memory:
    // classify every row as if it were valid while checking that it is; a batch with any bad
    // row is redone by the general path below, which reports each one.
    if let (Incomes::Dong(incomes), Deprivations::Mask(masks)) = (input.income, input.deprivations) {
        let (areas, incomes, masks) = (&input.area[..n], &incomes[..n], &masks[..n]);
        let (class, counts) = (&mut class[..n], &mut deprivation_count[..n]);
        let [urban, rural] = &compiled.lines;
        let valid = compiled.valid_bits;
        let mut clean = true;
        for i in 0..n {
            let (a, inc, m) = (areas[i], incomes[i], masks[i]);
            clean &= (a.wrapping_sub(1) <= 1) & (inc >= 0) & (m & !valid == 0);
            let d = m.count_ones() as u8;
            let lines = if a == 1 { urban } else { rural };
            class[i] = compiled.class(lines, inc, d);
            counts[i] = d;
        }
        if clean {
            return Ok(Vec::new());
        }
    }
    let mut errors = Vec::new();

    // 1. Deprivation counts (column by column for flag columns, which vectorises).
    match input.deprivations {
        Deprivations::Mask(masks) => {
            for (i, (&m, c)) in masks.iter().zip(deprivation_count.iter_mut()).enumerate() {
                if m & !compiled.valid_bits != 0 {
                    errors.push(bad_mask(i, m, standard.indicators.len()));
                }
                *c = (m & compiled.valid_bits).count_ones() as u8;
            }
        }
        Deprivations::Bools(cols) => {
            deprivation_count.fill(0);
            for col in cols {
                for (c, &v) in deprivation_count.iter_mut().zip(col.iter()) {
                    *c += u8::from(v);
                }
            }
        }
        Deprivations::Bytes(cols) => {
            deprivation_count.fill(0);
            for (j, col) in cols.iter().enumerate() {
                if col.iter().any(|&v| v > 1) {
                    errors.extend(col.iter().enumerate().filter(|(_, v)| **v > 1).map(|(i, &v)| bad_cell(i, j, v)));
                }
                for (c, &v) in deprivation_count.iter_mut().zip(col.iter()) {
                    *c += v.min(1);
                }
            }
        }
    }

    // 2. Classes from area, income and count.
    let (areas, counts, class) = (&input.area[..n], &deprivation_count[..n], &mut class[..n]);
    match input.income {
        Incomes::Dong(incomes) => {
            let incomes = &incomes[..n];
            // Most batches are clean: check them in one pass, then classify without any branch.
            if areas.iter().zip(incomes).all(|(&a, &inc)| (a == 1 || a == 2) && inc >= 0) {
                let [urban, rural] = &compiled.lines;
                for i in 0..n {
                    let lines = if areas[i] == 1 { urban } else { rural };
                    class[i] = compiled.class(lines, incomes[i], counts[i]);
                }
                return finish(errors, on_error, class, deprivation_count, n);
            }
            for i in 0..n {
                let (a, inc) = (areas[i], incomes[i]);
                let area = a.wrapping_sub(1);
                if area > 1 || inc < 0 {
                    class[i] = UNCLASSIFIED;
                    errors.push(if area > 1 { bad_area(i, a) } else { bad_income(i, inc.to_string()) });
                    continue;
                }
                class[i] = compiled.class(&compiled.lines[usize::from(area)], inc, counts[i]);
            }
        }
        Incomes::Decimal(incomes) => {
            for i in 0..n {
                let Some(area) = Area::from_code(areas[i]) else {
                    class[i] = UNCLASSIFIED;
                    errors.push(bad_area(i, areas[i]));
                    continue;
                };
                let Ok(income) = MonthlyIncome::per_capita(incomes[i]) else {
                    class[i] = UNCLASSIFIED;
                    errors.push(bad_income(i, incomes[i].to_string()));
                    continue;
                };
                let set = input.deprivations.set(i, standard.indicators.len()).unwrap_or(IndicatorSet::EMPTY);
                class[i] =
                    standard.class_of(area, income, IndicatorSet::from_bits(set.bits() & compiled.valid_bits)).code();
            }
        }
    }

    finish(errors, on_error, class, deprivation_count, n)
}

/// A row with any error is unclassified; with `Stop`, so is every row after the first bad one.
fn finish(
    mut errors: Vec<RowError>,
    on_error: OnError,
    class: &mut [u8],
    deprivation_count: &mut [u8],
    n: usize,
) -> Result<Vec<RowError>, Errors> {
    if errors.is_empty() {
        return Ok(errors);
    }
    errors.sort_by_key(|e| e.row);
    let from = match on_error {
        OnError::Stop => {
            errors.truncate(1);
            errors[0].row
        }
        OnError::Collect => n,
    };
    for e in &errors {
        class[e.row] = UNCLASSIFIED;
        deprivation_count[e.row] = 0;
    }
    class[from..].fill(UNCLASSIFIED);
    deprivation_count[from..].fill(0);
    Ok(errors)
}

/// The output columns of a batch, with the bad rows' errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchResult {
    pub class: Vec<u8>,
    pub deprivation_count: Vec<u8>,
    pub errors: Vec<RowError>,
}

/// Classifies a batch into newly allocated output columns (two `Vec<u8>` of the batch's length).
pub fn classify_batch(standard: &Standard, input: &BatchInput<'_>, on_error: OnError) -> Result<BatchResult, Errors> {
    let mut class = vec![UNCLASSIFIED; input.len()];
    let mut deprivation_count = vec![0u8; input.len()];
    let errors = classify_batch_into(standard, input, &mut class, &mut deprivation_count, on_error)?;
    Ok(BatchResult { class, deprivation_count, errors })
}
