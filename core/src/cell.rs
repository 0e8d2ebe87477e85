//! One cell of a table as a reader found it (text, a number, a TRUE/FALSE, nothing), and the one
//! set of rules that turns it into a batch's area code, income or indicator flag. Every reader of
//! untyped tables uses them — the command's CSV, .xlsx and Parquet files, Arrow columns of any
//! type (`giamngheo::arrow`) — so the same household gives the same answer, and the same error,
//! whichever file or frame it came in.

use crate::area::Area;
use crate::batch::{
    RowError, area_not_recognised, income_missing, income_unreadable, income_wrong_type, indicator_cell_invalid,
};
use rust_decimal::Decimal;

/// One cell as the table holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Blank,
    /// Text, trimmed.
    Text(&'a str),
    /// A number cell (a float).
    Number(f64),
    /// A whole-number cell.
    Int(i64),
    /// A TRUE / FALSE cell.
    Bool(bool),
}

impl Cell<'_> {
    /// No value: an empty cell, a null, empty text.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Blank) || matches!(self, Cell::Text(t) if t.is_empty())
    }
    /// The cell as text, for messages and for the text rules (a whole number without `.0`).
    pub fn text(&self) -> String {
        match *self {
            Cell::Blank => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Number(f) => crate::number::from_f64(f).map_or_else(|_| f.to_string(), |d| d.normalize().to_string()),
            Cell::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// Core's one rule for area labels and codes ([`crate::area::LABELS`]), at row `row`.
pub fn read_area(row: usize, cell: Cell<'_>) -> Result<u8, RowError> {
    if cell.is_blank() {
        return Err(area_not_recognised(row, None));
    }
    let text = cell.text();
    Area::from_label(&text).map(Area::code).ok_or_else(|| area_not_recognised(row, Some(&text)))
}

/// Core's money rule for text ("1.500.000" is 1 500 000; "850.000" is refused as ambiguous);
/// a number cell as the shortest decimal of its float (core's float rule).
pub fn read_income(row: usize, cell: Cell<'_>) -> Result<Decimal, RowError> {
    let read = match cell {
        _ if cell.is_blank() => return Err(income_missing(row)),
        Cell::Text(t) => crate::number::parse_money(t),
        Cell::Int(i) => Ok(Decimal::from(i)),
        Cell::Number(f) if f.is_nan() => return Err(income_missing(row)),
        Cell::Number(f) => crate::number::from_f64(f),
        Cell::Bool(_) | Cell::Blank => return Err(income_wrong_type(row, "TRUE/FALSE")),
    };
    read.map_err(|p| income_unreadable(row, p))
}

/// `0` or `1` (0, 1, FALSE, TRUE as numbers and booleans too) in the `index`-th indicator
/// column, which the table calls `column`; anything else is core's message quoting it.
pub fn read_flag(row: usize, index: usize, column: &str, cell: Cell<'_>) -> Result<u8, RowError> {
    match cell {
        Cell::Text("0") | Cell::Int(0) | Cell::Bool(false) => Ok(0),
        Cell::Text("1") | Cell::Int(1) | Cell::Bool(true) => Ok(1),
        Cell::Number(0.0) => Ok(0),
        Cell::Number(1.0) => Ok(1),
        Cell::Number(x) if x.is_nan() => Err(indicator_cell_invalid(row, index, column, None)),
        _ if cell.is_blank() => Err(indicator_cell_invalid(row, index, column, None)),
        _ => Err(indicator_cell_invalid(row, index, column, Some(&cell.text()))),
    }
}

/// A narrow float (f32, f16) as it prints, widened: 0.1f32 is 0.1, not 0.100000001490116…, so that
/// core's float rule (a float is read as it prints) gives the value the table shows. An unreadable
/// one is NaN, which the rules refuse with a typed error.
pub fn as_printed(x: impl std::fmt::Display) -> f64 {
    x.to_string().parse().unwrap_or(f64::NAN)
}

/// Area codes of text cells by core's one rule, each distinct text looked up once: a column
/// holds a handful of labels repeated over millions of rows, so a row costs one short
/// comparison. Keys are the cell's bytes in whatever encoding the caller reads (UTF-8 text,
/// a fixed-width numpy cell).
#[derive(Debug, Default)]
pub struct AreaLabels {
    seen: Vec<(Box<[u8]>, Option<u8>)>,
}

/// Distinct texts remembered; a column with more (garbage, free text) is read without the
/// memory beyond them.
const REMEMBERED_LABELS: usize = 32;

impl AreaLabels {
    pub fn new() -> AreaLabels {
        AreaLabels::default()
    }
    /// The code of the cell whose bytes are `key` (`text` decodes it, called on the first sight
    /// of a key only); `None` when no label names it.
    #[inline]
    pub fn code(&mut self, key: &[u8], text: impl FnOnce() -> String) -> Option<u8> {
        if let Some((_, code)) = self.seen.iter().find(|(k, _)| same_bytes(k, key)) {
            return *code;
        }
        let code = Area::from_label(&text()).map(Area::code);
        if self.seen.len() < REMEMBERED_LABELS {
            self.seen.push((key.into(), code));
        }
        code
    }
    /// The code of a UTF-8 cell at `row` (a blank or unknown cell is core's `area_unknown` error).
    #[inline]
    pub fn read(&mut self, row: usize, text: &str) -> Result<u8, RowError> {
        match self.code(text.as_bytes(), || text.to_string()) {
            Some(code) => Ok(code),
            None => Err(area_not_recognised(row, Some(text))),
        }
    }
}

/// The few distinct labels a column holds, by a key that stands for the whole cell (its bytes as
/// integers), looked up without a branch on the data: a column's labels come in random order,
/// and a branch per row on which label it is would be mispredicted half the time.
#[derive(Debug, Clone, Copy)]
pub struct LabelTable<K> {
    keys: [K; LabelTable::<()>::SLOTS],
    /// The code of each key; 0 for a label no area rule names.
    codes: [u8; LabelTable::<()>::SLOTS],
    used: usize,
}

impl LabelTable<()> {
    /// Labels remembered; a fifth distinct one is read the general way each time.
    pub const SLOTS: usize = 4;
}

/// A key of a [`LabelTable`], compared word by word without stopping at the first difference
/// (a derived `==` on an array stops there: a jump the data decides, mispredicted half the time
/// on a column of two labels in random order).
pub trait TableKey: Copy {
    fn same(&self, other: &Self) -> bool;
}

impl TableKey for u128 {
    #[inline(always)]
    fn same(&self, other: &u128) -> bool {
        self ^ other == 0
    }
}

impl<const W: usize> TableKey for [u64; W] {
    #[inline(always)]
    fn same(&self, other: &[u64; W]) -> bool {
        self.iter().zip(other).fold(0, |diff, (a, b)| diff | (a ^ b)) == 0
    }
}

impl<K: TableKey> LabelTable<K> {
    pub fn new(filler: K) -> LabelTable<K> {
        LabelTable { keys: [filler; LabelTable::<()>::SLOTS], codes: [0; LabelTable::<()>::SLOTS], used: 0 }
    }
    /// The code remembered for `key` (0: a label no rule names), `None` if not seen.
    #[inline(always)]
    pub fn get(&self, key: K) -> Option<u8> {
        let mut code = 0u8;
        let mut found = false;
        // `used` is the same for every row, so the loop's length is predicted; which key matches
        // is not, and is folded in without a branch.
        for (k, c) in self.keys.iter().zip(&self.codes).take(self.used) {
            let hit = k.same(&key);
            code |= u8::from(hit) * c;
            found |= hit;
        }
        found.then_some(code)
    }
    /// The code remembered for `key` among the first `N` slots, 0 when none is (not seen, or a
    /// label no rule names): each of them compared, so the row costs the same whichever label
    /// it holds. The slots that match make an index into `by_matches` (the codes of each set of
    /// slots, ORed), so the answer is a load at a computed place: a choice between codes would
    /// be compiled into a jump on the comparison, which the data decides.
    #[inline(always)]
    fn code_or_zero<const N: usize>(keys: &[K; LabelTable::<()>::SLOTS], by_matches: &[u8; 16], key: K) -> u8 {
        let matches = keys.iter().take(N).enumerate().fold(0usize, |m, (j, k)| m | (usize::from(k.same(&key)) << j));
        by_matches[matches & 15]
    }
    /// The codes of rows `0..n`, appended to `out`, block by block: each row's key (`keys`, one
    /// per row) looked up without a branch on the data, then the rows the lookup missed (a
    /// label not seen yet, one no rule names, a null, a label too long for a key) read by
    /// `slow` in row order, which may teach the table. The first block teaches it a column's
    /// few labels; after that a block of good rows is one pass of lookups, comparing only the
    /// slots in use (two for most columns), and one check for a miss.
    #[inline(always)]
    pub fn codes(
        &mut self,
        n: usize,
        out: &mut Vec<u8>,
        mut keys: impl Iterator<Item = K>,
        mut slow: impl FnMut(&mut LabelTable<K>, usize) -> u8,
    ) {
        const BLOCK: usize = 4096;
        let start = out.len();
        out.resize(start + n, 0);
        let Some(codes) = out.get_mut(start..) else { return };
        for (b, block) in codes.chunks_mut(BLOCK).enumerate() {
            let first = b * BLOCK;
            let rows = block.iter_mut().zip(&mut keys);
            // An unused slot's code is 0, so it adds nothing whatever its key matches.
            let by_matches: [u8; 16] = std::array::from_fn(|m| {
                self.codes.iter().enumerate().filter(|(j, _)| m >> j & 1 == 1).fold(0, |code, (_, c)| code | c)
            });
            let (k, c) = (&self.keys.clone(), &by_matches);
            match self.used {
                0 | 1 => rows.for_each(|(code, key)| *code = Self::code_or_zero::<1>(k, c, key)),
                2 => rows.for_each(|(code, key)| *code = Self::code_or_zero::<2>(k, c, key)),
                3 => rows.for_each(|(code, key)| *code = Self::code_or_zero::<3>(k, c, key)),
                _ => rows.for_each(|(code, key)| *code = Self::code_or_zero::<4>(k, c, key)),
            }
            if block.contains(&0) {
                for (i, code) in block.iter_mut().enumerate().filter(|(_, c)| **c == 0) {
                    *code = slow(self, first + i);
                }
            }
        }
    }
    /// Remembers `key`'s code (`None`: no area), while there is room.
    pub fn insert(&mut self, key: K, code: Option<u8>) {
        if let (Some(k), Some(c)) = (self.keys.get_mut(self.used), self.codes.get_mut(self.used)) {
            *k = key;
            *c = code.unwrap_or(0);
            self.used += 1;
        }
    }
}

/// Whether two short byte strings are equal, compared 16, 4 and 1 bytes at a time inline: a
/// label is a few dozen bytes, for which a call to `memcmp` costs more than the comparison.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (wide_a, wide_b) = (a.chunks_exact(16), b.chunks_exact(16));
    let (rest_a, rest_b) = (wide_a.remainder(), wide_b.remainder());
    let wide = |c: &[u8]| <[u8; 16]>::try_from(c).map_or(0, u128::from_le_bytes);
    if !wide_a.zip(wide_b).all(|(x, y)| wide(x) == wide(y)) {
        return false;
    }
    let (words_a, words_b) = (rest_a.chunks_exact(4), rest_b.chunks_exact(4));
    let (tail_a, tail_b) = (words_a.remainder(), words_b.remainder());
    let word = |c: &[u8]| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes);
    words_a.zip(words_b).all(|(x, y)| word(x) == word(y)) && tail_a.iter().zip(tail_b).all(|(x, y)| x == y)
}

/// Where the words of the key of a cell of `width` bytes start, the same for every cell of a
/// column: every byte of the cell in one of them (the last ones overlapping in a cell shorter
/// than the key), so cells of one width are equal exactly when their keys are. `None` for a cell
/// narrower than one word or wider than the key.
fn key_words<const W: usize>(width: usize) -> Option<[usize; W]> {
    (8..=8 * W).contains(&width).then(|| std::array::from_fn(|j| (8 * j).min(width - 8)))
}

/// A cell as `W` 64-bit integers, by `words` (from [`key_words`]), or a cell of fewer than 8
/// bytes padded with zeros. `None` for a wider cell. (As 64-bit words, not 128-bit ones: the
/// compiler then loads them straight into registers, about three times faster on a column.)
#[inline(always)]
fn wide_key<const W: usize>(cell: &[u8], words: Option<&[usize; W]>) -> Option<[u64; W]> {
    let word = |at: usize| cell.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map_or(0, u64::from_le_bytes);
    match words {
        Some(words) => Some(words.map(word)),
        None if cell.len() < 8 => {
            let mut w = [0u8; 8];
            for (to, from) in w.iter_mut().zip(cell) {
                *to = *from;
            }
            let mut key = [0u64; W];
            if let Some(k) = key.first_mut() {
                *k = u64::from_le_bytes(w);
            }
            Some(key)
        }
        None => None,
    }
}

/// Area codes of a column of fixed-width text cells (numpy's `<U…`: UCS-4 code points, or
/// `S…`: bytes; each cell padded with zeros), given as `cells` (`width` bytes each), by the one
/// rule, each distinct cell decoded once; a big column is read in two halves on two threads
/// (feature `parallel`). Returns the codes (placeholder 2 where no label matches) and the rows no
/// label names with their text (`None` for a blank cell), for the batch's reader errors.
pub fn fixed_width_area_codes(cells: &[u8], width: usize, ucs4: bool) -> (Vec<u8>, Vec<(usize, Option<String>)>) {
    if width == 0 {
        // No cell has a byte: the caller knows how many rows are blank.
        return (Vec::new(), Vec::new());
    }
    let decode = |cell: &[u8]| -> String {
        if ucs4 {
            cell.chunks_exact(4)
                .filter_map(|c| <[u8; 4]>::try_from(c).ok().map(u32::from_le_bytes))
                .take_while(|&c| c != 0)
                .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        } else {
            let end = cell.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            String::from_utf8_lossy(cell.get(..end).unwrap_or_default()).into_owned()
        }
    };
    // Keys of 32 bytes for the common widths (numpy `<U8`, `S32`), of 64 up to `<U16`
    // (Vietnamese labels such as "Nông thôn" take 36 bytes as UCS-4).
    let read = |part: &[u8], first: usize| {
        if width <= 32 {
            read_fixed_width::<4>(part, width, first, &decode)
        } else {
            read_fixed_width::<8>(part, width, first, &decode)
        }
    };
    let rows = cells.len() / width;
    let half = rows / 2;
    let (front, back) = cells.split_at((half * width).min(cells.len()));
    let ((mut codes, mut bad), (back_codes, back_bad)) =
        crate::batch::both(rows, || read(front, 0), || read(back, half));
    codes.extend_from_slice(&back_codes);
    bad.extend(back_bad);
    (codes, bad)
}

/// The codes of one part of a fixed-width column (its first row is `first`), with keys of `W`
/// words, and the rows no label names.
fn read_fixed_width<const W: usize>(
    part: &[u8],
    width: usize,
    first: usize,
    decode: &dyn Fn(&[u8]) -> String,
) -> (Vec<u8>, Vec<(usize, Option<String>)>) {
    let mut labels = AreaLabels::new();
    let mut bad = Vec::new();
    let mut codes = Vec::new();
    // A cell too wide for a key is read the general way (an all-0xFF key, standing for "none",
    // is no label's, so it never teaches the table a code).
    let words = key_words::<W>(width);
    let keys = part.chunks_exact(width).map(|cell| wide_key(cell, words.as_ref()).unwrap_or([u64::MAX; W]));
    LabelTable::new([0u64; W]).codes(part.len() / width, &mut codes, keys, |table, i| {
        let cell = part.get(i * width..(i + 1) * width).unwrap_or_default();
        let key = wide_key(cell, words.as_ref());
        let code = match key.and_then(|k| table.get(k)) {
            Some(code) => Some(code).filter(|&c| c != 0),
            None => {
                let code = labels.code(cell, || decode(cell));
                if let Some(k) = key {
                    table.insert(k, code);
                }
                code
            }
        };
        code.unwrap_or_else(|| {
            let text = decode(cell);
            bad.push((first + i, (!text.trim().is_empty()).then_some(text)));
            2
        })
    });
    (codes, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_label_is_read_by_the_one_rule_whether_remembered_or_not() {
        let mut labels = AreaLabels::new();
        // "Nông thôn" (rural, code 2), any case and spacing; "thành thị" urban, code 1.
        assert_eq!(labels.read(0, "Nông thôn"), Ok(2));
        assert_eq!(labels.read(1, "Nông thôn"), Ok(2));
        assert_eq!(labels.read(2, " THÀNH  THỊ "), Ok(1));
        let e = labels.read(3, "ruarl").unwrap_err();
        assert_eq!((e.row, e.error.code), (3, ErrorCode::AreaUnknown));
        for i in 0..100 {
            let t = format!("nowhere {i}");
            assert!(labels.read(i, &t).is_err());
        }
        assert_eq!(labels.read(7, "urban"), Ok(1));
    }

    #[test]
    fn fixed_width_cells_are_read_as_their_text() {
        // "urban", "Nông thôn", "moon", blank as UCS-4 cells of 9 code points.
        let cells: Vec<u8> = ["urban", "Nông thôn", "moon", ""]
            .iter()
            .flat_map(|t| {
                let mut points: Vec<u32> = t.chars().map(u32::from).collect();
                points.resize(9, 0);
                points.into_iter().flat_map(u32::to_le_bytes)
            })
            .collect();
        let (codes, bad) = fixed_width_area_codes(&cells, 36, true);
        assert_eq!(codes, vec![1, 2, 2, 2]);
        assert_eq!(bad, vec![(2, Some("moon".to_string())), (3, None)]);
        assert!(same_bytes(b"0123456789abcdefXYZ", b"0123456789abcdefXYZ"));
        assert!(!same_bytes(b"0123456789abcdefXYZ", b"0123456789abcdefXYz"));
        assert!(!same_bytes(b"0123456789abcdeFXYZ", b"0123456789abcdefXYZ"));
    }

    /// Over many blocks of the table lookup and on two threads: more distinct labels than the
    /// table's slots, labels first seen late, unknown labels and blanks after the good labels
    /// are learned; each cell gets what the one rule says of its text.
    #[test]
    fn fixed_width_columns_agree_with_the_rule_cell_by_cell() {
        let labels = ["urban", "rural", "Nông thôn", "thành thị", "2", "Rural", "moon", ""];
        let rows = 30_000;
        let pick = |i: usize| match i {
            _ if i < 9_000 => i % 2,
            9_999 | 20_000 => 6,
            15_000 | 29_999 => 7,
            _ => (i * 7919) % 6,
        };
        for ucs4 in [true, false] {
            let width = if ucs4 { 36 } else { 12 };
            let cells: Vec<u8> = (0..rows)
                .flat_map(|i| {
                    let text = labels[pick(i)];
                    let mut cell: Vec<u8> = if ucs4 {
                        text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()
                    } else {
                        text.as_bytes().to_vec()
                    };
                    cell.resize(width, 0);
                    cell
                })
                .collect();
            let (codes, bad) = fixed_width_area_codes(&cells, width, ucs4);
            let mut want_bad = Vec::new();
            for (i, &code) in codes.iter().enumerate() {
                let text = labels[pick(i)];
                match Area::from_label(text) {
                    Some(area) => assert_eq!(code, area.code(), "row {i}: {text:?}"),
                    None => want_bad.push((i, (!text.is_empty()).then(|| text.to_string()))),
                }
            }
            assert_eq!(bad, want_bad);
            assert_eq!(bad.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [9_999, 15_000, 20_000, 29_999]);
        }
        // Cells narrower than a word (numpy `S5`), padded into their key.
        let short = ["urban", "rural", "2", "moon"];
        let cells: Vec<u8> = (0..rows)
            .flat_map(|i| {
                let mut cell = short[if i == 12_000 { 3 } else { (i * 7919) % 3 }].as_bytes().to_vec();
                cell.resize(5, 0);
                cell
            })
            .collect();
        let (codes, bad) = fixed_width_area_codes(&cells, 5, false);
        let want: Vec<u8> = (0..rows).map(|i| if i == 12_000 { 2 } else { [1, 2, 2][(i * 7919) % 3] }).collect();
        assert_eq!((codes, bad), (want, vec![(12_000, Some("moon".to_string()))]));
    }

    #[test]
    fn cells_read_alike_from_text_numbers_and_booleans() {
        assert_eq!(read_flag(0, 0, "x", Cell::Text("1")), Ok(1));
        assert_eq!(read_flag(0, 0, "x", Cell::Bool(false)), Ok(0));
        assert_eq!(read_flag(0, 0, "x", Cell::Number(1.0)), Ok(1));
        let e = read_flag(0, 0, "x", Cell::Int(2)).unwrap_err();
        assert_eq!(e.error.code, ErrorCode::IndicatorValueInvalid);
        assert_eq!(read_income(0, Cell::Number(f64::NAN)).unwrap_err().error.code, ErrorCode::IncomeMissing);
        assert_eq!(read_income(0, Cell::Text("1.500.000")), Ok(Decimal::from(1_500_000)));
        assert_eq!(read_area(0, Cell::Int(2)), Ok(2));
        assert_eq!(read_area(0, Cell::Number(1.0)), Ok(1));
    }
}
