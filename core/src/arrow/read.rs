//! Arrow columns read into a batch by core's cell rules, fast for the types tables hold most
//! (text, dictionaries, integers, floats, decimals, booleans) and cell by cell for the rest
//! ([`super::cells`]), with the same answer either way. A null is the blank cell's error at its
//! row, never a value guessed for it.

use super::cells::CellColumn;
use crate::batch::{
    BatchInput, Deprivations, Incomes, RowError, area_not_recognised, both, column_missing, income_missing,
    income_unreadable, indicator_cell_invalid, mask_unreadable,
};
use crate::cell::{AreaLabels, Cell, LabelTable, as_printed, read_area, read_flag, read_income};
use crate::error::{Error, ErrorCode, Errors};
use crate::standard::Standard;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, PrimitiveArray};
use arrow_buffer::ArrowNativeType;
use arrow_schema::DataType;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One column as the chunks it came in (pandas, polars, DuckDB and Spark hand columns over in
/// pieces), with the name the table gives it.
#[derive(Debug, Clone, Copy)]
pub struct Chunks<'a> {
    pub name: &'a str,
    pub arrays: &'a [ArrayRef],
}

impl<'a> Chunks<'a> {
    pub fn new(name: &'a str, arrays: &'a [ArrayRef]) -> Chunks<'a> {
        Chunks { name, arrays }
    }
    pub fn len(&self) -> usize {
        self.arrays.iter().map(|a| a.len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Rows `offset..offset + len` of the column, as the chunks that hold them (Arrow slices
    /// share the buffers).
    fn slice(&self, offset: usize, len: usize) -> Vec<ArrayRef> {
        let mut out = Vec::new();
        for (start, a) in self.each() {
            let end = start + a.len();
            let (from, to) = (offset.max(start), (offset + len).min(end));
            if from < to {
                out.push(a.slice(from - start, to - from));
            }
        }
        out
    }
    /// Each chunk with the index of its first row in the column.
    fn each(&self) -> impl Iterator<Item = (usize, &'a dyn Array)> + 'a {
        self.arrays.iter().scan(0usize, |start, a| {
            let at = *start;
            *start += a.len();
            Some((at, a.as_ref()))
        })
    }
}

/// Where the deprivations are.
#[derive(Debug, Clone)]
pub enum DeprivationColumns<'a> {
    /// One integer column, a bitmask per household (bit `i`: the standard's `i`-th indicator).
    Mask(Chunks<'a>),
    /// One column per indicator, in the standard's order.
    Indicators(Vec<IndicatorColumn<'a>>),
}

/// One indicator's column: Arrow, or bytes (0 or 1 each) borrowed from the caller, such as a
/// numpy bool column, which Arrow would have to repack into bits.
#[derive(Debug, Clone, Copy)]
pub enum IndicatorColumn<'a> {
    Arrow(Chunks<'a>),
    Bytes { name: &'a str, values: &'a [u8] },
}

impl<'a> IndicatorColumn<'a> {
    fn name(&self) -> &'a str {
        match self {
            IndicatorColumn::Arrow(c) => c.name,
            IndicatorColumn::Bytes { name, .. } => name,
        }
    }
    fn len(&self) -> usize {
        match self {
            IndicatorColumn::Arrow(c) => c.len(),
            IndicatorColumn::Bytes { values, .. } => values.len(),
        }
    }
}

/// Monthly incomes as read: whole đồng (borrowed from the array when it is one chunk of
/// int64 without nulls), or exact decimals.
#[derive(Debug)]
enum IncomeColumn<'a> {
    Dong(Cow<'a, [i64]>),
    Decimal(Vec<Decimal>),
}

/// A batch read from Arrow columns, ready for [`crate::batch`]: area codes, incomes, one mask per
/// household, and the errors of the cells that could not be read (their rows are unclassified).
#[derive(Debug)]
pub struct ArrowBatch<'a> {
    area: Vec<u8>,
    income: IncomeColumn<'a>,
    masks: Vec<u16>,
    cell_errors: Vec<RowError>,
    first_row: usize,
    /// The table's names of the columns: area, income, then the mask or each indicator.
    names: Vec<&'a str>,
}

impl<'a> ArrowBatch<'a> {
    /// Reads the columns of a table for `standard`; rows are numbered from `first_row` (a chunk
    /// of a bigger table). Columns of different lengths, or a mask column that is not integers,
    /// are whole-batch errors; every other problem is one row's error.
    pub fn read(
        standard: &Standard,
        area: Chunks<'a>,
        income: Chunks<'a>,
        deprivations: &DeprivationColumns<'a>,
        first_row: usize,
    ) -> Result<ArrowBatch<'a>, Errors> {
        let n = area.len();
        let mut names = vec![area.name, income.name];
        let deprivation_columns: Vec<IndicatorColumn<'a>> = match deprivations {
            DeprivationColumns::Mask(m) => vec![IndicatorColumn::Arrow(*m)],
            DeprivationColumns::Indicators(cols) => cols.clone(),
        };
        names.extend(deprivation_columns.iter().map(IndicatorColumn::name));
        let mut errors = Vec::new();
        if let DeprivationColumns::Indicators(cols) = deprivations {
            if cols.len() != standard.indicators.len() {
                errors.push(Error::new(
                    ErrorCode::IndicatorColumnsMismatch,
                    "/deprivations",
                    format!(
                        "Có {} cột chỉ số; {} có {} chỉ số.",
                        cols.len(),
                        standard.document,
                        standard.indicators.len()
                    ),
                    format!(
                        "{} indicator columns given; {} has {} indicators.",
                        cols.len(),
                        standard.document,
                        standard.indicators.len()
                    ),
                ));
            }
        }
        let lengths =
            std::iter::once((income.name, income.len())).chain(deprivation_columns.iter().map(|c| (c.name(), c.len())));
        for (name, len) in lengths {
            if len != n {
                errors.push(length_mismatch(name, len, area.name, n));
            }
        }
        if let DeprivationColumns::Mask(m) = deprivations {
            if let Some(a) = m.arrays.iter().find(|a| !a.data_type().is_integer() && *a.data_type() != DataType::Null) {
                errors.push(Error::new(
                    ErrorCode::TypeInvalid,
                    crate::error::pointer([m.name]),
                    format!("Cột mặt nạ '{}' phải là số nguyên (kiểu Arrow {}).", m.name, a.data_type()),
                    format!("The mask column '{}' must hold whole numbers (Arrow type {}).", m.name, a.data_type()),
                ));
            }
        }
        if let Some(e) = Errors::from_vec(errors) {
            return Err(e);
        }
        // Big tables are read on two threads (feature `parallel`), each its half of the rows of
        // every column.
        let half = n / 2;
        let mut masks = vec![0u16; n];
        let (front_masks, back_masks) = masks.split_at_mut(half);
        let read_rows = |offset: usize, len: usize, masks: &mut [u16]| {
            let mut errors = Vec::new();
            let rows = area.slice(offset, len);
            let codes = read_areas(Chunks::new(area.name, &rows), first_row + offset, &mut errors);
            read_deprivations(deprivations, offset, len, first_row, masks, &mut errors);
            (codes, errors)
        };
        let ((mut area_codes, mut cell_errors), (back_codes, back_errors)) =
            both(n, || read_rows(0, half, front_masks), || read_rows(half, n - half, back_masks));
        area_codes.extend_from_slice(&back_codes);
        // In the order the other readers report a row's cells (after the stable sort below):
        // area, indicators, income.
        cell_errors.extend(back_errors);
        let income_column = read_incomes(income, first_row, &mut cell_errors);
        // The batch merges these with its own errors, row by row.
        cell_errors.sort_by_key(|e| e.row);
        Ok(ArrowBatch { area: area_codes, income: income_column, masks, cell_errors, first_row, names })
    }

    /// The batch's input: borrowed columns and the cells' errors.
    pub fn input(&self) -> BatchInput<'_> {
        let income = match &self.income {
            IncomeColumn::Dong(v) => Incomes::Dong(v),
            IncomeColumn::Decimal(v) => Incomes::Decimal(v),
        };
        BatchInput::new(&self.area, income, Deprivations::Mask(&self.masks))
            .starting_at(self.first_row)
            .with_cell_errors(&self.cell_errors)
    }

    /// The deprivations, one mask per household (bit `i`: the standard's `i`-th indicator),
    /// for statistics of the same batch.
    pub fn masks(&self) -> &[u16] {
        &self.masks
    }

    /// The masks of [`ArrowBatch::masks`], kept when the rest of the batch is done with.
    pub fn into_masks(self) -> Vec<u16> {
        self.masks
    }

    pub fn len(&self) -> usize {
        self.area.len()
    }
    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    /// The table's name of the column an error is about (its path: `/area/…`, `/income/…`,
    /// `/deprivations/<indicator>/…`, `/deprivations/<row>` for a mask).
    pub fn column_of(&self, error: &Error) -> Option<&'a str> {
        let mut parts = error.path.trim_start_matches('/').split('/');
        match parts.next()? {
            "area" => self.names.first().copied(),
            "income" => self.names.get(1).copied(),
            "deprivations" if self.names.len() == 3 && parts.clone().count() == 1 => self.names.get(2).copied(),
            "deprivations" => parts.next()?.parse::<usize>().ok().and_then(|i| self.names.get(2 + i).copied()),
            _ => None,
        }
    }
}

/// Rows of indicator columns read together: 16 KB of masks, which stay in the L1 cache.
const INDICATOR_BLOCK: usize = 8192;

/// The deprivations of rows `offset..offset + masks.len()` into `masks`.
fn read_deprivations(
    deprivations: &DeprivationColumns<'_>,
    offset: usize,
    len: usize,
    first_row: usize,
    masks: &mut [u16],
    errors: &mut Vec<RowError>,
) {
    let row = first_row + offset;
    match deprivations {
        DeprivationColumns::Mask(m) => {
            let rows = m.slice(offset, len);
            read_masks(Chunks::new(m.name, &rows), row, masks, errors)
        }
        DeprivationColumns::Indicators(cols) => {
            // Block by block, every column into the block's masks: the masks stay in the
            // nearest cache while the columns are ORed in, instead of one trip through memory
            // per column.
            for (b, masks) in masks.chunks_mut(INDICATOR_BLOCK).enumerate() {
                let (offset, row) = (offset + b * INDICATOR_BLOCK, row + b * INDICATOR_BLOCK);
                let len = masks.len();
                for (index, col) in cols.iter().enumerate().take(16) {
                    match *col {
                        IndicatorColumn::Arrow(c) => {
                            let rows = c.slice(offset, len);
                            read_indicator(Chunks::new(c.name, &rows), index, row, masks, errors)
                        }
                        IndicatorColumn::Bytes { name, values } => {
                            let values = values.get(offset..offset + len).unwrap_or_default();
                            read_bytes(values, name, index, row, masks, errors)
                        }
                    }
                }
            }
        }
    }
}

fn length_mismatch(name: &str, len: usize, area: &str, n: usize) -> Error {
    Error::new(
        ErrorCode::ColumnLengthMismatch,
        crate::error::pointer([name]),
        format!("Cột '{name}' có {len} dòng, cột {area} có {n} dòng."),
        format!("Column '{name}' has {len} rows; the {area} column has {n}."),
    )
}

/// Rows of `a` that are null (none when the array has no nulls).
fn nulls(a: &dyn Array) -> impl Iterator<Item = usize> + '_ {
    let nulls = a.logical_nulls().filter(|n| n.null_count() > 0);
    let n = nulls.as_ref().map_or(0, |_| a.len());
    (0..n).filter(move |&i| nulls.as_ref().is_some_and(|b| b.is_null(i)))
}

// ---- area ---------------------------------------------------------------------------------

/// A valid placeholder for a row whose area cell is bad (the row is unclassified).
const AREA_PLACEHOLDER: u8 = 2;

/// A row's area code, or its error and the placeholder.
fn area_or_placeholder(errors: &mut Vec<RowError>, read: Result<u8, RowError>) -> u8 {
    read.unwrap_or_else(|e| {
        errors.push(e);
        AREA_PLACEHOLDER
    })
}

fn read_areas(col: Chunks<'_>, first_row: usize, errors: &mut Vec<RowError>) -> Vec<u8> {
    let mut out = Vec::with_capacity(col.len());
    let mut labels = AreaLabels::new();
    for (start, a) in col.each() {
        let row = first_row + start;
        match a.data_type() {
            DataType::Utf8 => offset_areas(a.as_string::<i32>(), row, &mut labels, &mut out, errors),
            DataType::LargeUtf8 => offset_areas(a.as_string::<i64>(), row, &mut labels, &mut out, errors),
            DataType::Utf8View => view_areas(a.as_string_view(), row, &mut labels, &mut out, errors),
            DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {
                dictionary_areas(a, row, &mut out, errors)
            }
            t if t.is_integer() => integer_areas(a, row, &mut out, errors),
            _ => {
                let cells = CellColumn::new(a);
                for i in 0..a.len() {
                    out.push(area_or_placeholder(errors, read_area(row + i, cells.cell(i))));
                }
            }
        }
    }
    out
}

/// The bytes `start..start + len` of `data` (`len` at most 8) as one little-endian integer, zero
/// above the last byte: one unaligned load when 8 bytes are there to read.
#[inline(always)]
fn short_key(data: &[u8], start: usize, len: usize) -> u64 {
    let keep = if len >= 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
    match data.get(start..start + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(word) => u64::from_le_bytes(word) & keep,
        None => {
            let mut word = [0u8; 8];
            if let (Some(to), Some(from)) = (word.get_mut(..len), data.get(start..start + len)) {
                to.copy_from_slice(from);
            }
            u64::from_le_bytes(word)
        }
    }
}

/// A key no row's label is remembered under: a null, or a label too long to be a key.
const NO_KEY: u128 = u128::MAX;

/// Text with offsets (Arrow `string`, `large_string`): labels of up to 8 bytes by a
/// [`LabelTable`], keyed by their length and bytes as one integer; longer ones by
/// [`AreaLabels`].
fn offset_areas<O: arrow_array::OffsetSizeTrait>(
    a: &arrow_array::GenericStringArray<O>,
    row: usize,
    labels: &mut AreaLabels,
    out: &mut Vec<u8>,
    errors: &mut Vec<RowError>,
) {
    let has_nulls = a.null_count() > 0;
    let (data, offsets) = (a.value_data(), a.value_offsets());
    // A cell's start and length. Offsets only grow in a valid array; a producer's bad one must
    // not wrap around.
    let extent = |ends: &[O]| match ends {
        [from, to] => (from.as_usize(), to.as_usize().saturating_sub(from.as_usize())),
        _ => (0, 0),
    };
    let span = |i: usize| offsets.get(i..i + 2).map_or((0, 0), extent);
    let short = |start: usize, len: usize| ((len as u128) << 64) | u128::from(short_key(data, start, len));
    // The fast pass takes a key only where 8 bytes can be loaded at once; the rows near the end
    // of the data go the slow way, which pads them.
    let keys = offsets.windows(2).enumerate().map(|(i, ends)| {
        let (start, len) = extent(ends);
        let fits = len <= 8 && start + 8 <= data.len() && (!has_nulls || a.is_valid(i));
        if fits { short(start, len) } else { NO_KEY }
    });
    LabelTable::new(0u128).codes(a.len(), out, keys, |table, i| {
        let read = if has_nulls && a.is_null(i) {
            Err(area_not_recognised(row + i, None))
        } else {
            let (start, len) = span(i);
            let key = (len <= 8).then(|| short(start, len));
            match key.and_then(|k| table.get(k)).filter(|&c| c != 0) {
                Some(code) => Ok(code),
                None => {
                    let read = labels.read(row + i, a.value(i));
                    if let Some(k) = key.filter(|&k| table.get(k).is_none()) {
                        table.insert(k, read.as_ref().ok().copied());
                    }
                    read
                }
            }
        };
        area_or_placeholder(errors, read)
    });
}

/// Text views (Arrow `string_view`, what polars holds): a label of up to 12 bytes lives in its
/// 16-byte view, so equal views are equal labels and a row is one table lookup of its view.
fn view_areas(
    a: &arrow_array::StringViewArray,
    row: usize,
    labels: &mut AreaLabels,
    out: &mut Vec<u8>,
    errors: &mut Vec<RowError>,
) {
    let has_nulls = a.null_count() > 0;
    let views = a.views();
    let mut table = LabelTable::new(0u128);
    let slow = |table: &mut LabelTable<u128>, i: usize| {
        let view = views.get(i).copied().unwrap_or(NO_KEY);
        let read = if has_nulls && a.is_null(i) {
            Err(area_not_recognised(row + i, None))
        } else if let Some(code) = table.get(view).filter(|&c| c != 0) {
            Ok(code)
        } else {
            let read = labels.read(row + i, a.value(i));
            // The low 32 bits are the length: up to 12 bytes, the view holds the whole label.
            if (view as u32) <= 12 && table.get(view).is_none() {
                table.insert(view, read.as_ref().ok().copied());
            }
            read
        };
        area_or_placeholder(errors, read)
    };
    match a.logical_nulls().filter(|n| n.null_count() > 0) {
        // A null's view is whatever the producer left: it is given a key no label has.
        Some(nulls) => {
            let keys = views.iter().zip(nulls.iter()).map(|(&view, valid)| if valid { view } else { NO_KEY });
            table.codes(a.len(), out, keys, slow)
        }
        None => table.codes(a.len(), out, views.iter().copied(), slow),
    }
}

/// A dictionary (pandas `category`, polars `Categorical`/`Enum`) is read once per entry, then
/// each row takes its entry's code.
fn dictionary_areas(a: &dyn Array, row: usize, out: &mut Vec<u8>, errors: &mut Vec<RowError>) {
    match a.data_type() {
        DataType::Dictionary(k, _) => match **k {
            DataType::Int8 => keyed_areas(a.as_dictionary::<Int8Type>(), row, out, errors),
            DataType::Int16 => keyed_areas(a.as_dictionary::<Int16Type>(), row, out, errors),
            DataType::Int32 => keyed_areas(a.as_dictionary::<Int32Type>(), row, out, errors),
            DataType::Int64 => keyed_areas(a.as_dictionary::<Int64Type>(), row, out, errors),
            DataType::UInt8 => keyed_areas(a.as_dictionary::<UInt8Type>(), row, out, errors),
            DataType::UInt16 => keyed_areas(a.as_dictionary::<UInt16Type>(), row, out, errors),
            DataType::UInt32 => keyed_areas(a.as_dictionary::<UInt32Type>(), row, out, errors),
            DataType::UInt64 => keyed_areas(a.as_dictionary::<UInt64Type>(), row, out, errors),
            _ => out.resize(out.len() + a.len(), AREA_PLACEHOLDER),
        },
        _ => out.resize(out.len() + a.len(), AREA_PLACEHOLDER),
    }
}

fn keyed_areas<K: arrow_array::types::ArrowDictionaryKeyType>(
    d: &arrow_array::DictionaryArray<K>,
    row: usize,
    out: &mut Vec<u8>,
    errors: &mut Vec<RowError>,
) {
    let values = CellColumn::new(d.values().as_ref());
    // Per entry: its code (0: no area), and its text for the error.
    let entries: Vec<(u8, Option<String>)> = (0..d.values().len())
        .map(|k| {
            let cell = values.cell(k);
            match read_area(0, cell) {
                Ok(code) => (code, None),
                Err(_) => (0, (!cell.is_blank()).then(|| cell.text())),
            }
        })
        .collect();
    let codes: Vec<u8> = entries.iter().map(|(code, _)| *code).collect();
    let keys = d.keys();
    let start = out.len();
    // Every row by its entry's code (0 for a key out of range), then the rows left at 0 (a null,
    // a bad entry, a bad key) reported in row order.
    out.extend(keys.values().iter().map(|k| k.to_usize().and_then(|k| codes.get(k)).copied().unwrap_or(0)));
    let nulls = d.logical_nulls();
    let Some(codes) = out.get_mut(start..) else { return };
    if let Some(n) = nulls.as_ref().filter(|n| n.null_count() > 0) {
        for (code, valid) in codes.iter_mut().zip(n.iter()) {
            *code *= u8::from(valid);
        }
    }
    if codes.contains(&0) {
        for (i, code) in codes.iter_mut().enumerate().filter(|(_, c)| **c == 0) {
            let null = nulls.as_ref().is_some_and(|n| n.is_null(i));
            let text =
                if null { None } else { keys.values().get(i).and_then(|k| k.to_usize()).and_then(|k| entries.get(k)) };
            errors.push(area_not_recognised(row + i, text.and_then(|(_, t)| t.as_deref())));
            *code = AREA_PLACEHOLDER;
        }
    }
}

/// Codes of the statistics office (1 urban, 2 rural): a code that fits a byte goes to the batch,
/// which reports any other than 1 and 2 as the numpy path does; a bigger one is reported here.
fn integer_areas(a: &dyn Array, row: usize, out: &mut Vec<u8>, errors: &mut Vec<RowError>) {
    let start = out.len();
    let ok = match a.data_type() {
        DataType::UInt8 => push_codes(a.as_primitive::<UInt8Type>(), row, out, errors),
        DataType::UInt16 => push_codes(a.as_primitive::<UInt16Type>(), row, out, errors),
        DataType::UInt32 => push_codes(a.as_primitive::<UInt32Type>(), row, out, errors),
        DataType::UInt64 => push_codes(a.as_primitive::<UInt64Type>(), row, out, errors),
        DataType::Int8 => push_codes(a.as_primitive::<Int8Type>(), row, out, errors),
        DataType::Int16 => push_codes(a.as_primitive::<Int16Type>(), row, out, errors),
        DataType::Int32 => push_codes(a.as_primitive::<Int32Type>(), row, out, errors),
        DataType::Int64 => push_codes(a.as_primitive::<Int64Type>(), row, out, errors),
        _ => false,
    };
    if !ok {
        out.truncate(start);
        out.resize(start + a.len(), AREA_PLACEHOLDER);
    }
}

fn push_codes<T>(a: &PrimitiveArray<T>, row: usize, out: &mut Vec<u8>, errors: &mut Vec<RowError>) -> bool
where
    T: ArrowPrimitiveType,
    T::Native: TryInto<u8> + ToString + Copy,
{
    let has_nulls = a.null_count() > 0;
    for (i, &v) in a.values().iter().enumerate() {
        if has_nulls && a.is_null(i) {
            errors.push(area_not_recognised(row + i, None));
            out.push(AREA_PLACEHOLDER);
            continue;
        }
        out.push(v.try_into().unwrap_or_else(|_| {
            errors.push(area_not_recognised(row + i, Some(&v.to_string())));
            AREA_PLACEHOLDER
        }));
    }
    true
}

// ---- income -------------------------------------------------------------------------------

/// Whole đồng in a float up to 2^53 is exact.
const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;

fn read_incomes<'a>(col: Chunks<'a>, first_row: usize, errors: &mut Vec<RowError>) -> IncomeColumn<'a> {
    // One chunk of int64 without nulls, the common case, is borrowed as it is.
    if let [a] = col.arrays {
        if let Some(p) = a.as_primitive_opt::<Int64Type>() {
            if p.null_count() == 0 {
                return IncomeColumn::Dong(Cow::Borrowed(p.values()));
            }
        }
    }
    if let Some(dong) = whole_dong(col, first_row, errors) {
        return IncomeColumn::Dong(Cow::Owned(dong));
    }
    let mut out = Vec::with_capacity(col.len());
    for (start, a) in col.each() {
        decimal_incomes(a, first_row + start, &mut out, errors);
    }
    IncomeColumn::Decimal(out)
}

/// The incomes as whole đồng when every chunk is integers or whole floats (nulls are missing
/// cells, with 0 in their place), else `None` with nothing reported.
fn whole_dong(col: Chunks<'_>, first_row: usize, errors: &mut Vec<RowError>) -> Option<Vec<i64>> {
    fn ints<T: ArrowPrimitiveType>(a: &PrimitiveArray<T>, out: &mut Vec<i64>) -> Option<()>
    where
        T::Native: TryInto<i64> + Copy,
    {
        for &v in a.values() {
            out.push(v.try_into().ok()?);
        }
        Some(())
    }
    fn floats(xs: impl Iterator<Item = f64>, out: &mut Vec<i64>) -> Option<()> {
        for x in xs {
            // NaN is a missing cell (reported below with the nulls); 0 holds its place.
            if x.is_nan() {
                out.push(0);
            } else if x.fract() == 0.0 && x.abs() <= EXACT_FLOAT_LIMIT {
                out.push(x as i64);
            } else {
                return None;
            }
        }
        Some(())
    }
    let mut out = Vec::with_capacity(col.len());
    let mut missing = Vec::new();
    for (start, a) in col.each() {
        let at = out.len();
        match a.data_type() {
            DataType::Int64 => ints(a.as_primitive::<Int64Type>(), &mut out)?,
            DataType::Int32 => ints(a.as_primitive::<Int32Type>(), &mut out)?,
            DataType::Int16 => ints(a.as_primitive::<Int16Type>(), &mut out)?,
            DataType::Int8 => ints(a.as_primitive::<Int8Type>(), &mut out)?,
            DataType::UInt64 => ints(a.as_primitive::<UInt64Type>(), &mut out)?,
            DataType::UInt32 => ints(a.as_primitive::<UInt32Type>(), &mut out)?,
            DataType::UInt16 => ints(a.as_primitive::<UInt16Type>(), &mut out)?,
            DataType::UInt8 => ints(a.as_primitive::<UInt8Type>(), &mut out)?,
            DataType::Float64 => {
                let p = a.as_primitive::<Float64Type>();
                missing.extend(p.values().iter().enumerate().filter(|(_, x)| x.is_nan()).map(|(i, _)| start + i));
                floats(p.values().iter().copied(), &mut out)?
            }
            DataType::Null => out.resize(at + a.len(), 0),
            _ => return None,
        }
        for i in nulls(a) {
            if let Some(v) = out.get_mut(at + i) {
                *v = 0;
            }
            missing.push(start + i);
        }
    }
    missing.sort_unstable();
    missing.dedup();
    errors.extend(missing.into_iter().map(|i| income_missing(first_row + i)));
    Some(out)
}

/// Incomes of any type as exact decimals, by core's rules (a float as it prints, text by the
/// money rule, a decimal column as it is).
fn decimal_incomes(a: &dyn Array, row: usize, out: &mut Vec<Decimal>, errors: &mut Vec<RowError>) {
    let mut push = |read: Result<Decimal, RowError>| {
        out.push(read.unwrap_or_else(|e| {
            errors.push(e);
            Decimal::ZERO
        }));
    };
    match a.data_type() {
        DataType::Decimal128(_, scale) => {
            let p = a.as_primitive::<arrow_array::types::Decimal128Type>();
            for i in 0..p.len() {
                let read = if p.is_null(i) {
                    Err(income_missing(row + i))
                } else {
                    decimal128(p.value(i), *scale).ok_or(()).or_else(|()| {
                        let text = p.value_as_string(i);
                        crate::number::parse_decimal(&text).map_err(|e| income_unreadable(row + i, e))
                    })
                };
                push(read);
            }
        }
        DataType::Float32 => {
            let p = a.as_primitive::<Float32Type>();
            for (i, x) in p.iter().enumerate() {
                push(read_income(row + i, x.map_or(Cell::Blank, |x| Cell::Number(as_printed(x)))));
            }
        }
        DataType::Float16 => {
            let p = a.as_primitive::<Float16Type>();
            for (i, x) in p.iter().enumerate() {
                push(read_income(row + i, x.map_or(Cell::Blank, |x| Cell::Number(as_printed(x)))));
            }
        }
        DataType::Float64 => {
            let p = a.as_primitive::<Float64Type>();
            for (i, x) in p.iter().enumerate() {
                push(read_income(row + i, x.map_or(Cell::Blank, Cell::Number)));
            }
        }
        _ => {
            let cells = CellColumn::new(a);
            for i in 0..a.len() {
                push(read_income(row + i, cells.cell(i)));
            }
        }
    }
}

/// A decimal128 cell as an exact decimal (`None` beyond what a 96-bit decimal holds).
fn decimal128(value: i128, scale: i8) -> Option<Decimal> {
    match u32::try_from(scale) {
        Ok(scale) => Decimal::try_from_i128_with_scale(value, scale).ok(),
        // A negative scale: the value times 10^-scale.
        Err(_) => {
            let factor = 10i128.checked_pow(u32::from(scale.unsigned_abs()))?;
            Decimal::try_from_i128_with_scale(value.checked_mul(factor)?, 0).ok()
        }
    }
}

// ---- deprivations -------------------------------------------------------------------------

/// Sets bit `index` of each deprived row's mask; a cell other than 0/1 (or a null) is its row's
/// error, quoting it.
fn read_indicator(col: Chunks<'_>, index: usize, first_row: usize, masks: &mut [u16], errors: &mut Vec<RowError>) {
    let bit = 1u16 << index;
    let name = col.name;
    for (start, a) in col.each() {
        let row = first_row + start;
        let Some(masks) = masks.get_mut(start..start + a.len()) else { return };
        let null_rows: Vec<usize> = nulls(a).collect();
        for &i in &null_rows {
            errors.push(indicator_cell_invalid(row + i, index, name, None));
        }
        match a.data_type() {
            DataType::Boolean => {
                set_bits(a.as_boolean().values(), index, masks);
                // A null's value bit means nothing: its row is unclassified, and its mask stays clean.
                for &i in &null_rows {
                    if let Some(m) = masks.get_mut(i) {
                        *m &= !bit;
                    }
                }
            }
            DataType::UInt8 => flags(a.as_primitive::<UInt8Type>(), index, name, row, bit, masks, errors),
            DataType::Int8 => flags(a.as_primitive::<Int8Type>(), index, name, row, bit, masks, errors),
            DataType::Int16 => flags(a.as_primitive::<Int16Type>(), index, name, row, bit, masks, errors),
            DataType::Int32 => flags(a.as_primitive::<Int32Type>(), index, name, row, bit, masks, errors),
            DataType::Int64 => flags(a.as_primitive::<Int64Type>(), index, name, row, bit, masks, errors),
            DataType::UInt16 => flags(a.as_primitive::<UInt16Type>(), index, name, row, bit, masks, errors),
            DataType::UInt32 => flags(a.as_primitive::<UInt32Type>(), index, name, row, bit, masks, errors),
            DataType::UInt64 => flags(a.as_primitive::<UInt64Type>(), index, name, row, bit, masks, errors),
            _ => {
                let cells = CellColumn::new(a);
                for (i, m) in masks.iter_mut().enumerate() {
                    if null_rows.binary_search(&i).is_ok() {
                        continue;
                    }
                    match read_flag(row + i, index, name, cells.cell(i)) {
                        Ok(1) => *m |= bit,
                        Ok(_) => {}
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
    }
}

/// Each byte of a bitmap spread over 8 rows: `SPREAD[b][k]` is bit `k` of `b`.
const SPREAD: [[u16; 8]; 256] = {
    let mut table = [[0u16; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            table[b][k] = ((b >> k) & 1) as u16;
            k += 1;
        }
        b += 1;
    }
    table
};

/// ORs bit `index` into the mask of each row whose boolean is set: 8 rows per bitmap byte, by
/// table, which the compiler turns into one vector shift and OR (a boolean column is a bitmap).
fn set_bits(bits: &arrow_buffer::BooleanBuffer, index: usize, masks: &mut [u16]) {
    let chunks = bits.bit_chunks();
    let mut rows = masks.chunks_exact_mut(64);
    for (word, row64) in chunks.iter().zip(&mut rows) {
        for (byte, row8) in word.to_le_bytes().iter().zip(row64.chunks_exact_mut(8)) {
            if let (Some(add), Ok(row8)) = (SPREAD.get(usize::from(*byte)), <&mut [u16; 8]>::try_from(row8)) {
                for k in 0..8 {
                    row8[k] |= add[k] << index;
                }
            }
        }
    }
    let rest = rows.into_remainder();
    let tail = chunks.remainder_bits();
    for (k, m) in rest.iter_mut().enumerate() {
        *m |= (((tail >> k) & 1) as u16) << index;
    }
}

/// A column of bytes, each 0 or 1 (a numpy bool column seen as bytes); any other byte is its
/// row's error, quoting it.
fn read_bytes(
    values: &[u8],
    name: &str,
    index: usize,
    first_row: usize,
    masks: &mut [u16],
    errors: &mut Vec<RowError>,
) {
    for (m, &v) in masks.iter_mut().zip(values) {
        *m |= u16::from(v & 1) << index;
    }
    // An OR over the column (which vectorises) has a bit above the first only if a byte is > 1.
    if values.iter().fold(0u8, |all, &v| all | v) > 1 {
        for (i, (&v, m)) in values.iter().zip(masks.iter_mut()).enumerate() {
            if v > 1 {
                *m &= !(1 << index);
                errors.push(indicator_cell_invalid(first_row + i, index, name, Some(&v.to_string())));
            }
        }
    }
}

fn flags<T>(
    a: &PrimitiveArray<T>,
    index: usize,
    name: &str,
    row: usize,
    bit: u16,
    masks: &mut [u16],
    errors: &mut Vec<RowError>,
) where
    T: ArrowPrimitiveType,
    T::Native: TryInto<u8> + ToString + Copy,
{
    let has_nulls = a.null_count() > 0;
    for (i, (&v, m)) in a.values().iter().zip(masks.iter_mut()).enumerate() {
        match v.try_into() {
            Ok(0u8) => {}
            _ if has_nulls && a.is_null(i) => {}
            Ok(1u8) => *m |= bit,
            _ => errors.push(indicator_cell_invalid(row + i, index, name, Some(&v.to_string()))),
        }
    }
}

fn read_masks(col: Chunks<'_>, first_row: usize, masks: &mut [u16], errors: &mut Vec<RowError>) {
    let mut out = Vec::with_capacity(col.len());
    for (start, a) in col.each() {
        let row = first_row + start;
        let at = out.len();
        match a.data_type() {
            DataType::UInt16 => out.extend_from_slice(a.as_primitive::<UInt16Type>().values()),
            DataType::UInt8 => masks_of(a.as_primitive::<UInt8Type>(), row, &mut out, errors),
            DataType::UInt32 => masks_of(a.as_primitive::<UInt32Type>(), row, &mut out, errors),
            DataType::UInt64 => masks_of(a.as_primitive::<UInt64Type>(), row, &mut out, errors),
            DataType::Int8 => masks_of(a.as_primitive::<Int8Type>(), row, &mut out, errors),
            DataType::Int16 => masks_of(a.as_primitive::<Int16Type>(), row, &mut out, errors),
            DataType::Int32 => masks_of(a.as_primitive::<Int32Type>(), row, &mut out, errors),
            DataType::Int64 => masks_of(a.as_primitive::<Int64Type>(), row, &mut out, errors),
            // Other types were refused as a whole column before reading.
            _ => out.resize(at + a.len(), 0),
        }
        for i in nulls(a) {
            if let Some(m) = out.get_mut(at + i) {
                *m = 0;
            }
            errors.push(mask_unreadable(row + i, None));
        }
    }
    for (m, v) in masks.iter_mut().zip(out) {
        *m = v;
    }
}

fn masks_of<T>(a: &PrimitiveArray<T>, row: usize, out: &mut Vec<u16>, errors: &mut Vec<RowError>)
where
    T: ArrowPrimitiveType,
    T::Native: TryInto<u16> + ToString + Copy,
{
    let has_nulls = a.null_count() > 0;
    for (i, &v) in a.values().iter().enumerate() {
        out.push(v.try_into().unwrap_or_else(|_| {
            if !(has_nulls && a.is_null(i)) {
                errors.push(mask_unreadable(row + i, Some(&v.to_string())));
            }
            0
        }));
    }
}

/// The `column_missing` errors of the names a table lacks (one per name), listing those it has.
pub fn missing_columns(needed: &[&str], present: &[&str]) -> Option<Errors> {
    Errors::from_vec(needed.iter().filter(|n| !present.contains(n)).map(|n| column_missing(n, present)).collect())
}
