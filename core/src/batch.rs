//! Columnar batch classification: millions of households as columns, no allocation per household.
//!
//! Inputs are borrowed columns (area codes, incomes, deprivations); outputs are two `u8` columns
//! written in place: the class code (1 poor, 2 near-poor, 3 average living, 4 other, 0 for a
//! row that could not be classified) and the deprivation count. A bad row never stops the
//! others: with [`OnError::Collect`] its error comes back beside the results, with its row index;
//! with [`OnError::Stop`] only the first bad row (the lowest row number) is reported, and it and
//! every row after it are unclassified.
//!
//! A batch can be a chunk of a bigger table: [`BatchInput::first_row`] numbers its rows as the
//! table does, in each error's `row` and path (`/<column>/<row>`), so no caller rewrites them. A
//! reader of untyped cells (text, objects, a CSV file) reports the cells it could not read with
//! this module's constructors ([`area_not_recognised`], [`indicator_cell_invalid`],
//! [`income_missing`]...) and hands them over in [`BatchInput::cell_errors`]: every message about
//! a row is written here, quoting what the user gave. With the `parallel` feature,
//! [`classify_batch_parallel_into`] splits a big batch over the machine's cores with the same
//! result as one call.
//!
//! Every row's class equals what [`Standard::classify`] gives for the same household.

use crate::area::Area;
use crate::error::{Error, ErrorCode, Errors, pointer};
use crate::income::MonthlyIncome;
use crate::indicators::IndicatorSet;
use crate::standard::{Shape, Standard};
use crate::text::{en_number, quote, vi_number};
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
    /// The row number of the first row (0 for a whole table): a chunk of a bigger table gives
    /// the table's number of its first row, and its errors count from it (`row` and the path).
    pub first_row: usize,
    /// Cells a reader could not read, with their rows as the table numbers them (from
    /// `first_row`): each such row is unclassified, and these errors are reported with the
    /// batch's own, in row order (with [`OnError::Stop`], only the first bad row's). The reader
    /// puts any valid placeholder in the column (area 1 or 2, income 0, flag 0).
    pub cell_errors: &'a [RowError],
}

impl<'a> BatchInput<'a> {
    /// A whole table's columns: rows numbered from 0, no unreadable cells.
    pub fn new(area: &'a [u8], income: Incomes<'a>, deprivations: Deprivations<'a>) -> Self {
        BatchInput { area, income, deprivations, first_row: 0, cell_errors: &[] }
    }
    /// The same columns as rows `first_row..` of a bigger table.
    #[must_use]
    pub fn starting_at(self, first_row: usize) -> Self {
        BatchInput { first_row, ..self }
    }
    /// The same columns with the errors of the cells the reader could not read.
    #[must_use]
    pub fn with_cell_errors(self, cell_errors: &'a [RowError]) -> Self {
        BatchInput { cell_errors, ..self }
    }
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
    /// Report only the first bad row (the lowest row number; its first error), and leave it and
    /// every row after it unclassified; the rows before it are classified. The same with the
    /// parallel split.
    Stop,
}

/// An error about one row, numbered as the table numbers it (from [`BatchInput::first_row`]).
/// `error.path` is `/<column>/<row>` (`/deprivations/<indicator>/<row>` for an indicator cell).
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
            let first = floor_i64(*l.poor.value);
            let (poor, near) = match s.shape {
                // One line: the "income alone" tier never applies.
                Shape::SingleLine => (i64::MIN, first),
                _ => (first, l.near_poor.as_ref().map_or(first, |n| floor_i64(*n.value))),
            };
            let avg = l.average_living_max.as_ref().map_or(near, |a| floor_i64(*a.value));
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

/// Cells longer than this many characters are quoted shortened, with their length.
const QUOTED_CHARS: usize = 40;

/// Whether a cell is blank: no value (`None`: empty, NaN, null) or only spaces.
fn is_blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// What the user gave, for a message (vi, en): `'text'` (its first 40 characters and "…" when
/// longer, then its length), or a blank cell called blank.
fn given(text: Option<&str>) -> (String, String) {
    match text {
        Some(t) if !is_blank(text) => {
            let (vi, en) = length_note(t);
            let q = quote(t);
            (format!("'{q}'{vi}"), format!("'{q}'{en}"))
        }
        _ => ("ô trống".into(), "a blank cell".into()),
    }
}

/// The length in characters (written the Vietnamese way, the English way) of text longer than
/// what a message quotes.
fn long_text_length(text: &str) -> Option<(String, String)> {
    let n = text.chars().count();
    (n > QUOTED_CHARS).then(|| (vi_number(&Decimal::from(n)), en_number(&Decimal::from(n))))
}

/// ` (N ký tự)` / ` (N characters)` for text longer than what a message quotes, else nothing.
fn length_note(text: &str) -> (String, String) {
    long_text_length(text)
        .map_or_else(Default::default, |(vi, en)| (format!(" ({vi} ký tự)"), format!(" ({en} characters)")))
}

/// An area cell no label matches (core's one rule, [`Area::from_label`]), quoting the cell as
/// the user typed it (shortened, with its length, when long); a blank cell (`None`, empty,
/// spaces) is called blank. For readers of text or numbers; a column of codes gets the same
/// message from the batch itself.
pub fn area_not_recognised(row: usize, text: Option<&str>) -> RowError {
    let (vi, en) = match text {
        Some(t) if !is_blank(text) => {
            let (vi, en) = crate::area::unknown(t);
            match long_text_length(t) {
                None => (vi, en),
                Some((n_vi, n_en)) => (format!("{vi} Ô có {n_vi} ký tự."), format!("{en} The cell has {n_en} characters.")),
            }
        }
        _ => (
            "Thiếu khu vực (ô trống): cần 'nông thôn' (rural, mã 2) hoặc 'thành thị' / 'đô thị' (urban, mã 1).".into(),
            "The area is missing (a blank cell): expected 'rural' (nông thôn, code 2) or 'urban' (thành thị, đô thị, code 1)."
                .into(),
        ),
    };
    row_error(ErrorCode::AreaUnknown, "area", row, vi, en)
}

fn bad_area(row: usize, code: u8) -> RowError {
    area_not_recognised(row, Some(&code.to_string()))
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

/// An income cell core's number rules refuse (`giamngheo::number`: ambiguous amount text, a NaN,
/// more digits than a decimal holds), with core's message quoting the cell.
pub fn income_unreadable(row: usize, problem: crate::number::Problem) -> RowError {
    RowError { row, error: problem.at(pointer(["income", &row.to_string()])) }
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

/// An indicator cell that is neither 0 nor 1 (nor true / false), in the `index`-th indicator
/// column (the standard's order), which the table calls `column`; `text` is the cell as the
/// user gave it (`None` for a blank cell: empty, NaN, null). Its path is
/// `/deprivations/<index>/<row>`.
pub fn indicator_cell_invalid(row: usize, index: usize, column: &str, text: Option<&str>) -> RowError {
    let (got_vi, got_en) = given(text);
    let column = quote(column);
    RowError {
        row,
        error: Error::new(
            ErrorCode::IndicatorValueInvalid,
            pointer(["deprivations", &index.to_string(), &row.to_string()]),
            format!("Ô của cột chỉ số '{column}' phải là 0 hoặc 1 (nhận được {got_vi})."),
            format!("A cell of the indicator column '{column}' is 0 or 1 (got {got_en})."),
        ),
    }
}

/// A mask cell (one integer per household, bit `i` for the standard's `i`-th indicator) that is
/// not a 16-bit mask: negative, too big, or blank (`None`). Its path is `/deprivations/<row>`.
pub fn mask_unreadable(row: usize, text: Option<&str>) -> RowError {
    let (got_vi, got_en) = given(text);
    row_error(
        ErrorCode::IndicatorValueInvalid,
        "deprivations",
        row,
        format!("Mặt nạ chỉ số phải là số nguyên từ 0 đến 65.535 (nhận được {got_vi})."),
        format!("An indicator mask is a whole number from 0 to 65,535 (got {got_en})."),
    )
}

fn bad_cell(standard: &Standard, row: usize, index: usize, value: u8) -> RowError {
    let column = standard.indicators.get(index).map_or("", |i| i.id.as_str());
    indicator_cell_invalid(row, index, column, Some(&value.to_string()))
}

/// Rows from which reading or classifying on two threads pays for the thread.
#[cfg(feature = "parallel")]
const ROWS_FOR_TWO_THREADS: usize = 1 << 16;

/// `a()` and `b()`, on two threads for a big table (feature `parallel`), else one after the other.
pub(crate) fn both<A: Send, B: Send>(n: usize, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "parallel")]
    if n >= ROWS_FOR_TWO_THREADS {
        return std::thread::scope(|scope| {
            let other = scope.spawn(b);
            let first = a();
            // A panic on the other thread goes on here, as it would have on one thread.
            (first, other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
    }
    let _ = n;
    (a(), b())
}

/// Names shown by [`column_missing`] before "…".
const LISTED_COLUMNS: usize = 30;

/// A column the batch needs that the table does not have (an indicator of the standard, the
/// area or the income column), with the columns it does have. Its path is `/<column>`.
pub fn column_missing<S: AsRef<str>>(column: &str, present: &[S]) -> Error {
    let mut listed: Vec<String> =
        present.iter().take(LISTED_COLUMNS).map(|c| format!("'{}'", quote(c.as_ref()))).collect();
    if present.len() > LISTED_COLUMNS {
        listed.push(format!("… ({})", present.len()));
    }
    let (vi_list, en_list) = if listed.is_empty() {
        ("không có cột nào".to_string(), "none".to_string())
    } else {
        (listed.join(", "), listed.join(", "))
    };
    let name = quote(column);
    Error::new(
        ErrorCode::ColumnMissing,
        pointer([column]),
        format!("Thiếu cột '{name}'. Các cột có: {vi_list}."),
        format!("No column '{name}'. The columns present: {en_list}."),
    )
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
/// in the `Ok` list, in row order, with the reader's [`BatchInput::cell_errors`] (with
/// [`OnError::Stop`], only the first bad row's error).
pub fn classify_batch_into(
    standard: &Standard,
    input: &BatchInput<'_>,
    class: &mut [u8],
    deprivation_count: &mut [u8],
    on_error: OnError,
) -> Result<Vec<RowError>, Errors> {
    check_shapes(standard, input, class, deprivation_count)?;
    let compiled = Compiled::new(standard);
    let errors = classify_rows(standard, &compiled, input, class, deprivation_count);
    Ok(finish(input, errors, on_error, class, deprivation_count))
}

/// Classifies every row of a well-shaped batch; returns the rows' errors (numbered from
/// `input.first_row`), deprivation errors first, not sorted.
fn classify_rows(
    standard: &Standard,
    compiled: &Compiled,
    input: &BatchInput<'_>,
    class: &mut [u8],
    deprivation_count: &mut [u8],
) -> Vec<RowError> {
    let n = input.len();
    let at = input.first_row;
    // The common case, a clean batch of whole-đồng incomes and masks, in one pass over memory:
    // classify every row as if it were valid while checking that it is; a batch with any bad
    // row is redone by the general path below, which reports each one.
    if let (Incomes::Dong(incomes), Deprivations::Mask(masks)) = (input.income, input.deprivations) {
        let (areas, incomes, masks) = (&input.area[..n], &incomes[..n], &masks[..n]);
        let (class, counts) = (&mut class[..n], &mut deprivation_count[..n]);
        let invalid = !compiled.valid_bits;
        // Three simple passes, each of which the compiler vectorises or keeps branch-free: the
        // counts, the check that every area and mask is valid, the classes (and the incomes'
        // signs).
        for (count, &m) in counts.iter_mut().zip(masks) {
            *count = m.count_ones() as u8;
        }
        let bad_cells =
            areas.iter().zip(masks).fold(0u16, |bad, (&a, &m)| bad | u16::from(a.wrapping_sub(1) > 1) | (m & invalid));
        // The incomes' sign bits are ORed in the class pass, which reads them anyway.
        let mut signs = 0u64;
        for (((class, &a), &inc), &d) in class.iter_mut().zip(areas).zip(incomes).zip(counts.iter()) {
            signs |= inc as u64;
            // Urban (1) or rural (2) by index, not by a branch: areas come in random order.
            let lines = &compiled.lines[usize::from(a != 1)];
            *class = compiled.class(lines, inc, d);
        }
        if bad_cells == 0 && signs >> 63 == 0 {
            return Vec::new();
        }
    }
    let mut errors = Vec::new();

    // 1. Deprivation counts (column by column for flag columns, which vectorises).
    match input.deprivations {
        Deprivations::Mask(masks) => {
            for (i, (&m, c)) in masks.iter().zip(deprivation_count.iter_mut()).enumerate() {
                if m & !compiled.valid_bits != 0 {
                    errors.push(bad_mask(at + i, m, standard.indicators.len()));
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
                // An OR over the column (which vectorises) has a bit above the first only if a
                // cell is > 1.
                if col.iter().fold(0u8, |all, &v| all | v) > 1 {
                    errors.extend(
                        col.iter().enumerate().filter(|(_, v)| **v > 1).map(|(i, &v)| bad_cell(standard, at + i, j, v)),
                    );
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
                return errors;
            }
            for i in 0..n {
                let (a, inc) = (areas[i], incomes[i]);
                let area = a.wrapping_sub(1);
                if area > 1 || inc < 0 {
                    class[i] = UNCLASSIFIED;
                    errors.push(if area > 1 { bad_area(at + i, a) } else { bad_income(at + i, inc.to_string()) });
                    continue;
                }
                class[i] = compiled.class(&compiled.lines[usize::from(area)], inc, counts[i]);
            }
        }
        Incomes::Decimal(incomes) => {
            for i in 0..n {
                let Some(area) = Area::from_code(areas[i]) else {
                    class[i] = UNCLASSIFIED;
                    errors.push(bad_area(at + i, areas[i]));
                    continue;
                };
                let Ok(income) = MonthlyIncome::per_capita(incomes[i]) else {
                    class[i] = UNCLASSIFIED;
                    errors.push(bad_income(at + i, incomes[i].to_string()));
                    continue;
                };
                let set = input.deprivations.set(i, standard.indicators.len()).unwrap_or(IndicatorSet::EMPTY);
                class[i] =
                    standard.class_of(area, income, IndicatorSet::from_bits(set.bits() & compiled.valid_bits)).code();
            }
        }
    }
    errors
}

/// The reader's errors, then the rows', in row order (stable: within a row, the reader's first,
/// then the deprivations', then area and income). A row with any error is unclassified; with
/// `Stop`, only the first error is kept and every row from it on is unclassified.
fn finish(
    input: &BatchInput<'_>,
    mut errors: Vec<RowError>,
    on_error: OnError,
    class: &mut [u8],
    deprivation_count: &mut [u8],
) -> Vec<RowError> {
    if !input.cell_errors.is_empty() {
        let mut all = input.cell_errors.to_vec();
        all.append(&mut errors);
        errors = all;
    }
    if errors.is_empty() {
        return errors;
    }
    errors.sort_by_key(|e| e.row);
    let n = class.len().min(deprivation_count.len());
    let first = input.first_row;
    let from = match on_error {
        OnError::Stop => {
            errors.truncate(1);
            errors[0].row.saturating_sub(first).min(n)
        }
        OnError::Collect => n,
    };
    for e in &errors {
        if let Some(i) = e.row.checked_sub(first).filter(|&i| i < n) {
            class[i] = UNCLASSIFIED;
            deprivation_count[i] = 0;
        }
    }
    class[from..n].fill(UNCLASSIFIED);
    deprivation_count[from..n].fill(0);
    errors
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

/// How many threads a batch may use (feature `parallel`).
#[cfg(feature = "parallel")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// The machine's cores (`std::thread::available_parallelism`, or the environment variable
    /// `GIAMNGHEO_THREADS`, read once, at most 64), one per [`ROWS_PER_THREAD`] rows at most:
    /// a small batch runs on the caller's thread.
    #[default]
    Auto,
    /// This many contiguous chunks, one thread each (at most one per row), whatever the size.
    Exactly(usize),
}

/// Rows per thread below which [`Threads::Auto`] uses one thread fewer.
#[cfg(feature = "parallel")]
pub const ROWS_PER_THREAD: usize = 1 << 18;

#[cfg(feature = "parallel")]
impl Threads {
    /// The number of chunks for a batch of `n` rows.
    pub fn for_rows(self, n: usize) -> usize {
        match self {
            Threads::Exactly(k) => k.clamp(1, n.max(1)),
            Threads::Auto => {
                static WANTED: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
                let wanted = *WANTED.get_or_init(|| {
                    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
                    std::env::var("GIAMNGHEO_THREADS")
                        .ok()
                        .and_then(|t| t.trim().parse::<usize>().ok())
                        .unwrap_or(cores)
                        .clamp(1, 64)
                });
                wanted.min(n / ROWS_PER_THREAD).max(1)
            }
        }
    }
}

/// [`classify_batch_into`] with the rows split into contiguous chunks classified on scoped
/// threads (`std::thread::scope`): the same classes, counts and errors, in the same order, as
/// one call; with [`OnError::Stop`], the same first bad row (the lowest row number).
#[cfg(feature = "parallel")]
pub fn classify_batch_parallel_into(
    standard: &Standard,
    input: &BatchInput<'_>,
    class: &mut [u8],
    deprivation_count: &mut [u8],
    on_error: OnError,
    threads: Threads,
) -> Result<Vec<RowError>, Errors> {
    check_shapes(standard, input, class, deprivation_count)?;
    let compiled = Compiled::new(standard);
    let n = input.len();
    let k = threads.for_rows(n);
    if k <= 1 {
        let errors = classify_rows(standard, &compiled, input, class, deprivation_count);
        return Ok(finish(input, errors, on_error, class, deprivation_count));
    }
    let chunk = n.div_ceil(k);
    let compiled = &compiled;
    let errors: Vec<RowError> = std::thread::scope(|scope| {
        let handles: Vec<_> = class[..n]
            .chunks_mut(chunk)
            .zip(deprivation_count[..n].chunks_mut(chunk))
            .enumerate()
            .map(|(j, (class, counts))| {
                let lo = j * chunk;
                let hi = lo + class.len();
                scope.spawn(move || {
                    let (bools, bytes): (Vec<&[bool]>, Vec<&[u8]>);
                    let deprivations = match input.deprivations {
                        Deprivations::Mask(m) => Deprivations::Mask(&m[lo..hi]),
                        Deprivations::Bools(cols) => {
                            bools = cols.iter().map(|c| &c[lo..hi]).collect();
                            Deprivations::Bools(&bools)
                        }
                        Deprivations::Bytes(cols) => {
                            bytes = cols.iter().map(|c| &c[lo..hi]).collect();
                            Deprivations::Bytes(&bytes)
                        }
                    };
                    let income = match input.income {
                        Incomes::Dong(v) => Incomes::Dong(&v[lo..hi]),
                        Incomes::Decimal(v) => Incomes::Decimal(&v[lo..hi]),
                    };
                    let part =
                        BatchInput::new(&input.area[lo..hi], income, deprivations).starting_at(input.first_row + lo);
                    classify_rows(standard, compiled, &part, class, counts)
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    Ok(finish(input, errors, on_error, class, deprivation_count))
}

/// [`classify_batch`] with the parallel split of [`classify_batch_parallel_into`].
#[cfg(feature = "parallel")]
pub fn classify_batch_parallel(
    standard: &Standard,
    input: &BatchInput<'_>,
    on_error: OnError,
    threads: Threads,
) -> Result<BatchResult, Errors> {
    let mut class = vec![UNCLASSIFIED; input.len()];
    let mut deprivation_count = vec![0u8; input.len()];
    let errors = classify_batch_parallel_into(standard, input, &mut class, &mut deprivation_count, on_error, threads)?;
    Ok(BatchResult { class, deprivation_count, errors })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should stop the test
mod tests {
    use super::*;

    fn qd59() -> &'static Standard {
        crate::standard_by_id("qd59-2015").unwrap()
    }

    fn rows_and_codes(errors: &[RowError]) -> Vec<(usize, &str, &str)> {
        errors.iter().map(|e| (e.row, e.error.code.as_str(), e.error.path.as_str())).collect()
    }

    #[test]
    fn a_chunk_numbers_its_rows_from_first_row() {
        let area = [2u8, 9, 2, 2];
        let income = [650_000i64, 650_000, -5, 650_000];
        let masks = [0u16, 0, 0, 1 << 12];
        let input = BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks)).starting_at(1000);
        let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
        assert_eq!(out.class, [1, 0, 0, 0]);
        assert_eq!(
            rows_and_codes(&out.errors),
            [
                (1001, "area_unknown", "/area/1001"),
                (1002, "income_negative", "/income/1002"),
                (1003, "indicator_unknown", "/deprivations/1003")
            ]
        );
        // Decimal incomes and flag columns too.
        let decimals: Vec<Decimal> = income.iter().map(|&i| Decimal::from(i)).collect();
        let mut cols = vec![vec![0u8; 4]; 10];
        cols[3][0] = 7;
        let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
        let input = BatchInput::new(&area, Incomes::Decimal(&decimals), Deprivations::Bytes(&refs)).starting_at(50);
        let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
        assert_eq!(
            rows_and_codes(&out.errors),
            [
                (50, "indicator_value_invalid", "/deprivations/3/50"),
                (51, "area_unknown", "/area/51"),
                (52, "income_negative", "/income/52")
            ]
        );
        assert_eq!(out.class, [0, 0, 0, 1]);
    }

    #[test]
    fn chunks_with_their_first_row_give_the_whole_table_s_errors() {
        let area: Vec<u8> = (0..40u8).map(|i| if i % 7 == 3 { 5 } else { 1 + i % 2 }).collect();
        let income: Vec<i64> = (0..40i64).map(|i| if i % 11 == 4 { -i } else { i * 50_000 }).collect();
        let masks: Vec<u16> = (0..40u16).map(|i| if i % 13 == 5 { 1 << 15 } else { i % 1024 }).collect();
        let whole = classify_batch(
            qd59(),
            &BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks)),
            OnError::Collect,
        )
        .unwrap();
        assert!(whole.errors.len() >= 8);
        let mut class = Vec::new();
        let mut errors = Vec::new();
        for lo in (0..40).step_by(9) {
            let hi = (lo + 9).min(40);
            let part =
                BatchInput::new(&area[lo..hi], Incomes::Dong(&income[lo..hi]), Deprivations::Mask(&masks[lo..hi]))
                    .starting_at(lo);
            let out = classify_batch(qd59(), &part, OnError::Collect).unwrap();
            class.extend(out.class);
            errors.extend(out.errors);
        }
        assert_eq!(class, whole.class);
        assert_eq!(errors, whole.errors);
    }

    #[test]
    fn cell_errors_are_merged_in_row_order_and_stop_keeps_the_first() {
        let area = [2u8, 2, 2, 9, 2];
        let income = [650_000i64; 5];
        let masks = [0u16; 5];
        let reader = [area_not_recognised(12, Some("moon")), indicator_cell_invalid(11, 2, "child_schooling", None)];
        let input = BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks))
            .starting_at(10)
            .with_cell_errors(&reader);
        let out = classify_batch(qd59(), &input, OnError::Collect).unwrap();
        assert_eq!(
            rows_and_codes(&out.errors),
            [
                (11, "indicator_value_invalid", "/deprivations/2/11"),
                (12, "area_unknown", "/area/12"),
                (13, "area_unknown", "/area/13")
            ]
        );
        assert_eq!(out.class, [1, 0, 0, 0, 1]);
        let stop = classify_batch(qd59(), &input, OnError::Stop).unwrap();
        assert_eq!(rows_and_codes(&stop.errors), [(11, "indicator_value_invalid", "/deprivations/2/11")]);
        assert_eq!(stop.class, [1, 0, 0, 0, 0]);
        assert_eq!(stop.deprivation_count, [0; 5]);
        // A reader's error after the batch's first bad row is not the first.
        let late = [area_not_recognised(14, Some(""))];
        let stop = classify_batch(qd59(), &input.with_cell_errors(&late), OnError::Stop).unwrap();
        assert_eq!(rows_and_codes(&stop.errors), [(13, "area_unknown", "/area/13")]);
        assert_eq!(stop.class, [1, 1, 1, 0, 0]);
    }

    #[test]
    fn messages_quote_what_the_user_gave() {
        // A 5 MB area text: its first 40 characters, "…" and its length, never "code 0".
        let long = "x".repeat(5 * 1024 * 1024);
        let e = area_not_recognised(7, Some(&long)).error;
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::AreaUnknown, "/area/7"));
        let shown = format!("'{}…'", "x".repeat(40));
        assert!(e.message.en.contains(&shown) && e.message.vi.contains(&shown), "{}", e.message.en);
        assert!(e.message.en.contains("The cell has 5,242,880 characters."), "{}", e.message.en);
        assert!(e.message.vi.contains("Ô có 5.242.880 ký tự."), "{}", e.message.vi);
        assert!(e.message.en.len() < 300 && !e.message.en.contains("code 0"));
        // Text as typed, short: quoted whole, no length.
        let e = area_not_recognised(0, Some("Nông  thôn mới")).error;
        assert!(e.message.en.contains("'Nông  thôn mới'") && !e.message.en.contains("characters"), "{}", e.message.en);
        // Blank cells are called blank.
        for blank in [None, Some(""), Some("   ")] {
            let e = area_not_recognised(3, blank).error;
            assert!(e.message.en.contains("blank") && e.message.vi.contains("ô trống"), "{}", e.message.en);
            let e = indicator_cell_invalid(3, 4, "nha_tieu", blank).error;
            assert_eq!(e.path, "/deprivations/4/3");
            assert!(
                e.message.en.contains("'nha_tieu'") && e.message.en.contains("got a blank cell"),
                "{}",
                e.message.en
            );
            assert!(!e.message.en.contains("got 2"));
        }
        let e = indicator_cell_invalid(3, 4, "sanitation", Some("yes")).error;
        assert!(e.message.en.contains("(got 'yes')") && e.message.vi.contains("(nhận được 'yes')"), "{}", e.message.en);
        let long_cell = "1".repeat(10_001);
        let e = indicator_cell_invalid(3, 4, "sanitation", Some(&long_cell)).error;
        assert!(
            e.message.en.contains("(10,001 characters)") && !e.message.en.contains("got 10001"),
            "{}",
            e.message.en
        );
        // A code column: the code as given, and the batch's own bad cell names its indicator.
        let mut cols = vec![vec![0u8]; 10];
        cols[7][0] = 2;
        let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
        let out = classify_batch(
            qd59(),
            &BatchInput::new(&[3], Incomes::Dong(&[1]), Deprivations::Bytes(&refs)),
            OnError::Collect,
        )
        .unwrap();
        let id = &qd59().indicators[7].id;
        assert!(out.errors[0].error.message.en.contains(&format!("'{id}' is 0 or 1 (got '2')")), "{:?}", out.errors[0]);
        assert!(out.errors[1].error.message.en.contains("Unknown area '3'"), "{:?}", out.errors[1]);
    }

    #[test]
    fn a_missing_column_names_it_and_lists_the_columns_present() {
        let e = column_missing("sanitation", &["area", "income", "water_source"]);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::ColumnMissing, "/sanitation"));
        assert_eq!(e.message.en, "No column 'sanitation'. The columns present: 'area', 'income', 'water_source'.");
        assert!(e.message.vi.starts_with("Thiếu cột 'sanitation'.") && e.message.vi.contains("'water_source'"));
        let e = column_missing::<&str>("a/b", &[]);
        assert_eq!(e.path, "/a~1b");
        assert!(e.message.en.ends_with("The columns present: none."), "{}", e.message.en);
        let many: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let e = column_missing("area", &many);
        assert!(e.message.en.contains("'c29', … (100)") && !e.message.en.contains("'c30'"), "{}", e.message.en);
    }
}

#[cfg(all(test, feature = "parallel"))]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should stop the test
mod parallel_tests {
    use super::*;
    use proptest::prelude::*;

    fn standard(i: usize) -> &'static Standard {
        &crate::standards().unwrap()[i % crate::standards().unwrap().len()]
    }

    /// Rows with bad cells scattered through them: area codes 0 to 3, negative incomes, masks
    /// with high bits, flag cells of 2.
    fn rows() -> impl Strategy<Value = Vec<(u8, i64, u16, u8)>> {
        let area = prop_oneof![8 => 1u8..=2, 1 => 0u8..=3];
        let income = prop_oneof![8 => 0i64..3_000_000, 1 => -5i64..0];
        let mask = prop_oneof![8 => 0u16..1024, 1 => any::<u16>()];
        let bad_flag = prop_oneof![9 => Just(255u8), 1 => 0u8..12];
        proptest::collection::vec((area, income, mask, bad_flag), 0..200)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The parallel split gives what one sequential call gives: classes, counts, errors in
        /// the same order, with `Stop` the same first bad row; every income and deprivation form.
        #[test]
        fn parallel_equals_sequential(which in 0usize..4, rows in rows(), threads in 1usize..9, first in 0usize..5000, stop: bool) {
            let s = standard(which);
            let n_ind = s.indicators.len();
            let area: Vec<u8> = rows.iter().map(|r| r.0).collect();
            let income: Vec<i64> = rows.iter().map(|r| r.1).collect();
            let decimals: Vec<Decimal> = income.iter().map(|&i| Decimal::from(i)).collect();
            let masks: Vec<u16> = rows.iter().map(|r| r.2).collect();
            // Flag columns from the mask, with a bad cell where the row's fourth value is small.
            let bytes: Vec<Vec<u8>> = (0..n_ind)
                .map(|j| rows.iter().map(|r| if usize::from(r.3) == j { 2 } else { u8::from(r.2 >> j & 1 == 1) }).collect())
                .collect();
            let bools: Vec<Vec<bool>> = (0..n_ind).map(|j| rows.iter().map(|r| r.2 >> j & 1 == 1).collect()).collect();
            let byte_refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
            let bool_refs: Vec<&[bool]> = bools.iter().map(Vec::as_slice).collect();
            let reader: Vec<RowError> = (0..rows.len()).filter(|i| i % 17 == 16).map(|i| area_not_recognised(first + i, Some("moon"))).collect();
            let on_error = if stop { OnError::Stop } else { OnError::Collect };
            for incomes in [Incomes::Dong(&income), Incomes::Decimal(&decimals)] {
                for deprivations in [Deprivations::Mask(&masks), Deprivations::Bytes(&byte_refs), Deprivations::Bools(&bool_refs)] {
                    let input = BatchInput::new(&area, incomes, deprivations).starting_at(first).with_cell_errors(&reader);
                    let one = classify_batch(s, &input, on_error).unwrap();
                    let split = classify_batch_parallel(s, &input, on_error, Threads::Exactly(threads)).unwrap();
                    prop_assert_eq!(&split, &one);
                    if stop {
                        let all = classify_batch(s, &input, OnError::Collect).unwrap();
                        prop_assert_eq!(one.errors.first().map(|e| e.row), all.errors.iter().map(|e| e.row).min());
                    }
                }
            }
        }
    }

    #[test]
    fn stop_with_errors_in_several_chunks_returns_the_lowest_row() {
        let n = 1000;
        let mut area = vec![2u8; n];
        let mut income = vec![650_000i64; n];
        // Bad rows in the last, the third and the second chunk (of 4 chunks of 250 rows).
        area[900] = 0;
        income[600] = -1;
        area[260] = 7;
        let masks = vec![0u16; n];
        let input = BatchInput::new(&area, Incomes::Dong(&income), Deprivations::Mask(&masks)).starting_at(1);
        for _ in 0..20 {
            let out = classify_batch_parallel(qd59(), &input, OnError::Stop, Threads::Exactly(4)).unwrap();
            assert_eq!(out.errors.len(), 1);
            assert_eq!((out.errors[0].row, out.errors[0].error.path.as_str()), (261, "/area/261"));
            assert!(out.class[..260].iter().all(|&c| c == 1) && out.class[260..].iter().all(|&c| c == UNCLASSIFIED));
            let all = classify_batch_parallel(qd59(), &input, OnError::Collect, Threads::Exactly(4)).unwrap();
            assert_eq!(all.errors.iter().map(|e| e.row).collect::<Vec<_>>(), [261, 601, 901]);
        }
    }

    #[test]
    fn auto_threads_keep_a_small_batch_on_one_thread() {
        assert_eq!(Threads::Auto.for_rows(1000), 1);
        assert_eq!(Threads::Exactly(8).for_rows(3), 3);
        assert_eq!(Threads::Exactly(0).for_rows(3), 1);
        assert!(Threads::Auto.for_rows(64 * ROWS_PER_THREAD) >= 1);
    }

    fn qd59() -> &'static Standard {
        crate::standard_by_id("qd59-2015").unwrap()
    }
}
