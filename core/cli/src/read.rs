//! Reading a survey file (CSV, .xlsx or Parquet) into core's batch columns, by one set of column rules:
//! every cell goes through the same function whichever file it came from, so a CSV file and an
//! .xlsx sheet with the same households give the same results. Each household keeps the line the
//! file numbers it with (the header is line 1), for the results and errors files.

use crate::Failure;
use giamngheo::batch::{RowError, column_missing};
// The cell rules are core's, shared with every other reader (Arrow columns, DataFrames).
use giamngheo::cell::{Cell, read_area, read_flag, read_income};
use giamngheo::{Area, Error, ErrorCode, Standard};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::borrow::Cow;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Where each column the batch reads stands in the header.
#[derive(Debug, Clone)]
pub struct Layout {
    pub header: Vec<String>,
    area: usize,
    income: usize,
    /// One per indicator of the standard, in its order.
    indicators: Vec<usize>,
    weight: Option<usize>,
    group: Option<usize>,
}

impl Layout {
    /// The layout of `header` for `standard`, or one `column_missing` error per missing column.
    pub fn new(standard: &Standard, header: Vec<String>) -> Result<Layout, Vec<Error>> {
        let find = |name: &str| header.iter().position(|h| h == name);
        let mut missing = Vec::new();
        let mut need = |name: &str| {
            let at = find(name);
            if at.is_none() {
                missing.push(column_missing(name, &header));
            }
            at.unwrap_or(0)
        };
        let area = need("area");
        let income = need("income");
        let indicators: Vec<usize> = standard.indicators.iter().map(|i| need(&i.id)).collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let (weight, group) = (find("weight"), find("group"));
        Ok(Layout { header, area, income, indicators, weight, group })
    }

    /// The file's name of the column an error's path names (`/income/3` → `income`,
    /// `/deprivations/2/3` → the standard's third indicator column).
    pub fn column_of(&self, path: &str) -> String {
        let mut parts = path.trim_start_matches('/').split('/');
        let first = parts.next().unwrap_or_default();
        if first == "deprivations" {
            let name = parts
                .next()
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| self.indicators.get(i))
                .and_then(|&at| self.header.get(at));
            if let Some(name) = name {
                return name.clone();
            }
        }
        first.to_string()
    }
}

/// The batch's columns read from a file, with each row's line and the cells core could not read.
#[derive(Debug, Default)]
pub struct Columns {
    pub area: Vec<u8>,
    pub income: Vec<Decimal>,
    pub flags: Vec<Vec<u8>>,
    pub weight: Option<Vec<Decimal>>,
    pub group: Option<Vec<u32>>,
    /// The line (row number in the file, the header being line 1 of a CSV file) of each row.
    pub lines: Vec<u64>,
    pub errors: Vec<RowError>,
}

/// A read table.
#[derive(Debug)]
pub struct Table {
    pub layout: Layout,
    pub columns: Columns,
    /// The field separator of a CSV file (`,` for .xlsx), used for the files written beside it.
    pub delimiter: u8,
    /// Whether a CSV file began with a UTF-8 BOM (always true for .xlsx: Excel reads UTF-8 CSV
    /// files right only with one).
    pub bom: bool,
}

/// What stopped the reading.
#[derive(Debug)]
pub enum ReadError {
    /// The header lacks columns the standard needs (exit 1, written to the errors file at the
    /// header's line).
    Columns { header: Vec<String>, errors: Vec<Error>, header_line: u64, delimiter: u8, bom: bool },
    /// No header at all: an empty file or sheet (exit 1, nothing written).
    Empty,
    /// The file cannot be read (exit 3).
    File(Failure),
}

impl From<Failure> for ReadError {
    fn from(f: Failure) -> ReadError {
        ReadError::File(f)
    }
}

fn cell_error(row: usize, column: &str, code: ErrorCode, vi: String, en: String) -> RowError {
    RowError { row, error: Error::new(code, giamngheo::error::pointer([column, &row.to_string()]), vi, en) }
}

impl Columns {
    fn new(layout: &Layout) -> Columns {
        Columns {
            flags: vec![Vec::new(); layout.indicators.len()],
            weight: layout.weight.map(|_| Vec::new()),
            group: layout.group.map(|_| Vec::new()),
            ..Columns::default()
        }
    }

    /// Reads one row (`cell(i)` is the row's `i`-th cell) at `line`; a row of blank cells only
    /// is skipped. Cells core cannot read become row errors with a placeholder value.
    fn push<'a>(&mut self, layout: &Layout, line: u64, width: usize, cell: impl Fn(usize) -> Cell<'a>) {
        if (0..width).all(|i| cell(i).is_blank()) {
            return;
        }
        let row = self.lines.len();
        self.lines.push(line);
        self.area.push(read_area(row, cell(layout.area)).unwrap_or_else(|e| {
            self.errors.push(e);
            Area::Rural.code()
        }));
        self.income.push(read_income(row, cell(layout.income)).unwrap_or_else(|e| {
            self.errors.push(e);
            Decimal::ZERO
        }));
        for (index, (flags, &at)) in self.flags.iter_mut().zip(&layout.indicators).enumerate() {
            let name = layout.header.get(at).map_or("", String::as_str);
            flags.push(read_flag(row, index, name, cell(at)).unwrap_or_else(|e| {
                self.errors.push(e);
                0
            }));
        }
        if let (Some(w), Some(at)) = (self.weight.as_mut(), layout.weight) {
            w.push(read_weight(row, cell(at)).unwrap_or_else(|e| {
                self.errors.push(e);
                Decimal::ZERO
            }));
        }
        if let (Some(g), Some(at)) = (self.group.as_mut(), layout.group) {
            g.push(read_group(row, cell(at)).unwrap_or_else(|e| {
                self.errors.push(e);
                0
            }));
        }
    }
}

/// A survey weight: a plain decimal, not negative.
fn read_weight(row: usize, cell: Cell<'_>) -> Result<Decimal, RowError> {
    let at = giamngheo::error::pointer(["weight", &row.to_string()]);
    let w = match cell {
        _ if cell.is_blank() => {
            return Err(cell_error(
                row,
                "weight",
                ErrorCode::NumberInvalid,
                "Thiếu quyền số (ô trống).".into(),
                "The weight is missing (a blank cell).".into(),
            ));
        }
        Cell::Text(t) => giamngheo::number::parse_decimal(t),
        Cell::Int(i) => Ok(Decimal::from(i)),
        Cell::Number(f) => giamngheo::number::from_f64(f),
        Cell::Bool(_) | Cell::Blank => giamngheo::number::parse_decimal(&cell.text()),
    }
    .map_err(|p| RowError { row, error: p.at(at) })?;
    if w.is_sign_negative() && !w.is_zero() {
        return Err(cell_error(
            row,
            "weight",
            ErrorCode::NumberInvalid,
            format!("Quyền số không được âm (nhận được {}).", cell.text()),
            format!("A weight cannot be negative (got {}).", cell.text()),
        ));
    }
    Ok(w)
}

/// A group key: a whole number from 0 to 4.294.967.295.
fn read_group(row: usize, cell: Cell<'_>) -> Result<u32, RowError> {
    let key = match cell {
        Cell::Text(t) => t.parse::<u32>().ok(),
        Cell::Int(i) => u32::try_from(i).ok(),
        Cell::Number(f) => giamngheo::number::from_f64(f).ok().filter(|d| d.fract().is_zero()).and_then(|d| d.to_u32()),
        Cell::Bool(_) | Cell::Blank => None,
    };
    key.ok_or_else(|| {
        let got = if cell.is_blank() { "ô trống / a blank cell".to_string() } else { format!("'{}'", cell.text()) };
        cell_error(
            row,
            "group",
            ErrorCode::NumberInvalid,
            format!("Nhóm phải là số nguyên từ 0 đến 4.294.967.295 (nhận được {got})."),
            format!("A group is a whole number from 0 to 4,294,967,295 (got {got})."),
        )
    })
}

/// Called every [`PROGRESS_EVERY`] rows with the rows read so far.
pub type Progress<'p> = Option<&'p mut dyn FnMut(usize)>;

pub const PROGRESS_EVERY: usize = 100_000;

fn report_progress(progress: &mut Progress<'_>, rows: usize) {
    if rows > 0 && rows % PROGRESS_EVERY == 0 {
        if let Some(p) = progress.as_mut() {
            p(rows);
        }
    }
}

fn not_utf8(path: &Path, line: u64) -> Failure {
    Failure::file(
        format!(
            "{}: dòng {line} không phải UTF-8; hãy lưu tệp dạng \"CSV UTF-8\" (Excel: Lưu thành → CSV UTF-8)",
            path.display()
        ),
        format!(
            "{}: line {line} is not UTF-8 text; save the file as \"CSV UTF-8\" (Excel: Save As → CSV UTF-8)",
            path.display()
        ),
    )
}

fn unreadable(path: &Path, e: &dyn std::fmt::Display) -> Failure {
    Failure::file(
        format!("{}: không đọc được tệp: {e}", path.display()),
        format!("{}: cannot read the file: {e}", path.display()),
    )
}

/// The separator of a header line: the most frequent of `;`, `,` and tab outside quotes
/// (`,` when none appears).
pub fn sniff_delimiter(header: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = [b',', b';', b'\t']
        .into_iter()
        .zip(counts)
        .fold((b',', 0), |best, (d, n)| if n > best.1 { (d, n) } else { best });
    best.0
}

/// One CSV record's cells, split at `delimiter` outside quotes; a quoted cell loses its quotes
/// and `""` stands for `"`. Cells are trimmed (outside and inside the quotes).
fn split_record<'a>(record: &'a str, delimiter: char, cells: &mut Vec<Cow<'a, str>>) {
    cells.clear();
    if !record.contains('"') {
        cells.extend(record.split(delimiter).map(|c| Cow::Borrowed(c.trim())));
        return;
    }
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cells.push(Cow::Owned(std::mem::take(&mut cell).trim().to_string())),
            c => cell.push(c),
        }
    }
    cells.push(Cow::Owned(cell.trim().to_string()));
}

/// Reads CSV records with the line each starts on, as the file numbers its lines (a record may
/// span lines inside quotes; blank lines count but give no record).
struct Records<R: BufRead> {
    reader: R,
    /// The number of the last line read.
    line: u64,
    bytes: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    /// The next record's text and first line, `None` at the end; a record that is not UTF-8 is
    /// the error of its first line.
    fn next_record(&mut self, path: &Path) -> Result<Option<(String, u64)>, Failure> {
        loop {
            self.bytes.clear();
            let first = self.line + 1;
            // Lines until the quotes balance (a quoted cell may hold line breaks).
            loop {
                let n = self.reader.read_until(b'\n', &mut self.bytes).map_err(|e| unreadable(path, &e))?;
                if n == 0 {
                    break;
                }
                self.line += 1;
                if self.bytes.iter().filter(|&&b| b == b'"').count() % 2 == 0 {
                    break;
                }
            }
            if self.bytes.is_empty() {
                return Ok(None);
            }
            while self.bytes.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                self.bytes.pop();
            }
            if self.bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = String::from_utf8(std::mem::take(&mut self.bytes)).map_err(|_| not_utf8(path, first))?;
            return Ok(Some((text, first)));
        }
    }
}

/// Reads a CSV file: UTF-8 with or without a BOM, `,` `;` or tab separators (sniffed from the
/// header), quoted cells, cells trimmed, blank lines and rows of blank cells skipped; each
/// household keeps the line it starts on (the header being line 1 when the file starts with it).
pub fn read_csv(path: &Path, standard: &Standard, mut progress: Progress<'_>) -> Result<Table, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| open_error(path, &e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(|e| unreadable(path, &e))?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    if bom {
        reader.consume(3);
    }
    let mut records = Records { reader, line: 0, bytes: Vec::new() };
    let (header_text, header_line) = records.next_record(path)?.unwrap_or_default();
    let delimiter = sniff_delimiter(header_text.as_bytes());
    let mut cells = Vec::new();
    split_record(&header_text, char::from(delimiter), &mut cells);
    if header_text.is_empty() {
        return Err(ReadError::Empty);
    }
    let header: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    let layout = Layout::new(standard, header.clone()).map_err(|errors| ReadError::Columns {
        header,
        errors,
        header_line,
        delimiter,
        bom,
    })?;
    let mut columns = Columns::new(&layout);
    let width = layout.header.len();
    while let Some((text, line)) = records.next_record(path)? {
        let mut cells = Vec::with_capacity(width);
        split_record(&text, char::from(delimiter), &mut cells);
        columns.push(&layout, line, cells.len(), |i| match cells.get(i).map(|c| c.as_ref()) {
            None | Some("") => Cell::Blank,
            Some(t) => Cell::Text(t),
        });
        report_progress(&mut progress, columns.lines.len());
    }
    Ok(Table { layout, columns, delimiter, bom })
}

fn open_error(path: &Path, e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::NotFound {
        Failure::file(format!("{}: không có tệp này", path.display()), format!("{}: no such file", path.display()))
    } else {
        unreadable(path, e)
    }
}

/// Reads the first sheet of an .xlsx workbook (or `sheet`), by the same column rules.
#[cfg(feature = "xlsx")]
pub fn read_xlsx(
    path: &Path,
    sheet: Option<&str>,
    standard: &Standard,
    mut progress: Progress<'_>,
) -> Result<Table, ReadError> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    if let Err(e) = std::fs::metadata(path) {
        return Err(open_error(path, &e).into());
    }
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(path, &e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            Failure::usage(
                format!("{}: không có trang '{s}'; các trang: {}", path.display(), names.join(", ")),
                format!("{}: no sheet '{s}'; the sheets: {}", path.display(), names.join(", ")),
                "classify",
            )
        })?,
        None => names.first().cloned().ok_or_else(|| {
            Failure::file(
                format!("{}: tệp không có trang tính nào", path.display()),
                format!("{}: the workbook has no sheet", path.display()),
            )
        })?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(path, &e))?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
    let mut rows = range.rows();
    let texts: Vec<String> =
        rows.next().map(|r| r.iter().map(|c| c.to_string().trim().to_string()).collect()).unwrap_or_default();
    let header_line = first_row + 1;
    if texts.iter().all(String::is_empty) {
        return Err(ReadError::Empty);
    }
    let layout = Layout::new(standard, texts.clone()).map_err(|errors| ReadError::Columns {
        header: texts,
        errors,
        header_line,
        delimiter: b',',
        bom: true,
    })?;
    let mut columns = Columns::new(&layout);
    let mut shown = Vec::new();
    for (i, row) in rows.enumerate() {
        let line = header_line + 1 + i as u64;
        // Dates and other cells the rules read as text are shown as calamine writes them.
        shown.clear();
        shown.extend(row.iter().map(|c| match c {
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_) => c.to_string(),
            _ => String::new(),
        }));
        columns.push(&layout, line, row.len(), |i| match row.get(i) {
            None | Some(Data::Empty) => Cell::Blank,
            Some(Data::String(s)) if s.trim().is_empty() => Cell::Blank,
            Some(Data::String(s)) => Cell::Text(s.trim()),
            Some(Data::Int(n)) => Cell::Int(*n),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Bool(b)) => Cell::Bool(*b),
            Some(_) => Cell::Text(shown.get(i).map_or("", String::as_str)),
        });
        report_progress(&mut progress, columns.lines.len());
    }
    Ok(Table { layout, columns, delimiter: b',', bom: true })
}

#[cfg(not(feature = "xlsx"))]
pub fn read_xlsx(
    path: &Path,
    _sheet: Option<&str>,
    _standard: &Standard,
    _progress: Progress<'_>,
) -> Result<Table, ReadError> {
    Err(ReadError::File(Failure::file(
        format!("{}: bản giamngheo này được dựng không có tính năng 'xlsx'", path.display()),
        format!("{}: this giamngheo was built without the 'xlsx' feature", path.display()),
    )))
}

/// Reads a Parquet file by the same column rules: the schema's field names are the header
/// (line 1), row `i` of the file (counted over its row groups from 0) is line `i + 2`. Text
/// columns are read by the text rules, integer columns as whole numbers, float columns by core's
/// float rule (`giamngheo::number::from_f64`, as the spreadsheet's number cells), boolean columns
/// as FALSE / TRUE; a null is a blank cell, so the row gets the column's typed error (never a
/// value). A file that is not Parquet, or that the reader cannot decode, is a file error.
#[cfg(feature = "parquet")]
pub fn read_parquet(path: &Path, standard: &Standard, mut progress: Progress<'_>) -> Result<Table, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| open_error(path, &e))?;
    // The reader returns errors for the malformed files it was tried on; should it panic on
    // another, that is a file error too, never a crash.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parquet_table(path, file, standard, &mut progress)))
        .unwrap_or_else(|_| Err(ReadError::File(not_parquet(path, &"the Parquet reader failed"))))
}

#[cfg(feature = "parquet")]
fn parquet_table(
    path: &Path,
    file: std::fs::File,
    standard: &Standard,
    progress: &mut Progress<'_>,
) -> Result<Table, ReadError> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| not_parquet(path, &e))?;
    let header: Vec<String> = builder.schema().fields().iter().map(|f| f.name().trim().to_string()).collect();
    if header.iter().all(String::is_empty) {
        return Err(ReadError::Empty);
    }
    let layout = Layout::new(standard, header.clone()).map_err(|errors| ReadError::Columns {
        header,
        errors,
        header_line: 1,
        delimiter: b',',
        bom: true,
    })?;
    let reader = builder.build().map_err(|e| not_parquet(path, &e))?;
    let mut columns = Columns::new(&layout);
    // As if line 1 were the header: row i of the file is line i + 2.
    let mut line = 2u64;
    for batch in reader {
        let batch = batch.map_err(|e| not_parquet(path, &e))?;
        let cols: Vec<giamngheo::arrow::cells::CellColumn<'_>> =
            batch.columns().iter().map(|a| giamngheo::arrow::cells::CellColumn::new(a.as_ref())).collect();
        for r in 0..batch.num_rows() {
            columns.push(&layout, line, cols.len(), |i| cols.get(i).map_or(Cell::Blank, |c| c.cell(r)));
            line += 1;
            report_progress(progress, columns.lines.len());
        }
    }
    Ok(Table { layout, columns, delimiter: b',', bom: true })
}

#[cfg(feature = "parquet")]
fn not_parquet(path: &Path, e: &dyn std::fmt::Display) -> Failure {
    Failure::file(
        format!("{}: không đọc được tệp Parquet: {e}", path.display()),
        format!("{}: cannot read it as a Parquet file: {e}", path.display()),
    )
}

#[cfg(not(feature = "parquet"))]
pub fn read_parquet(path: &Path, _standard: &Standard, _progress: Progress<'_>) -> Result<Table, ReadError> {
    Err(ReadError::File(Failure::file(
        format!(
            "{}: bản giamngheo này được dựng không có tính năng 'parquet'; hãy dựng lại với `cargo install --path core/cli --features parquet`, dùng lệnh giamngheo của gói Python, hoặc lưu tệp thành CSV",
            path.display()
        ),
        format!(
            "{}: this giamngheo was built without the 'parquet' feature; rebuild it with `cargo install --path core/cli --features parquet`, use the Python wheel's giamngheo command, or save the file as CSV",
            path.display()
        ),
    )))
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn splits_quoted_cells() {
        let mut cells = Vec::new();
        split_record(r#" a ;"1 000 000"; "x;""y"""  ;"#, ';', &mut cells);
        assert_eq!(cells, vec!["a", "1 000 000", "x;\"y\"", ""]);
        split_record("rural,700000", ',', &mut cells);
        assert_eq!(cells, vec!["rural", "700000"]);
    }

    #[test]
    fn sniffs_the_separator_outside_quotes() {
        assert_eq!(sniff_delimiter(b"area;income;\"a,b,c\""), b';');
        assert_eq!(sniff_delimiter(b"area,income"), b',');
        assert_eq!(sniff_delimiter(b"area\tincome"), b'\t');
        assert_eq!(sniff_delimiter(b"area"), b',');
    }

    #[test]
    fn the_same_cell_reads_the_same_from_text_and_numbers() {
        assert_eq!(read_income(0, Cell::Text("700000")).unwrap(), read_income(0, Cell::Number(700000.0)).unwrap());
        assert_eq!(read_flag(0, 0, "x", Cell::Number(1.0)).unwrap(), 1);
        assert!(read_flag(0, 0, "x", Cell::Number(0.5)).is_err());
        assert_eq!(read_area(0, Cell::Int(2)).unwrap(), read_area(0, Cell::Text("rural")).unwrap());
        assert_eq!(read_group(0, Cell::Number(3.0)).unwrap(), 3);
        assert!(read_group(0, Cell::Number(3.5)).is_err());
        assert!(read_weight(0, Cell::Text("-1")).is_err());
    }
}
