//! The fast Arrow readers (`giamngheo::arrow`) give what the one cell rule gives, row by row:
//! every layout of a text area (string, large string, string view, dictionaries with signed and
//! unsigned keys), over more rows than one block of the table lookup, with the cases that leave
//! it (a label first seen late, a label no rule names after the good ones are learned, nulls,
//! labels too long for a key, short labels at the very end of the text), and boolean indicator
//! columns across the blocks the masks are filled in.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // test code: a failure should stop the test

use arrow_array::types::{Int8Type, UInt32Type};
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, Int64Array, LargeStringArray, StringArray, StringViewArray,
};
use giamngheo::arrow::{ArrowBatch, Chunks, DeprivationColumns, IndicatorColumn};
use giamngheo::batch::RowError;
use giamngheo::cell::{Cell, read_area};
use std::sync::Arc;

const ROWS: usize = 20_000;

/// The area cells: mostly the two English labels, with "Nông thôn" (11 bytes: a view holds it)
/// and "  thành   thị  " (too long for any key) first at row 9.000 and 12.345, unknown labels
/// after the good ones are learned (rows 5.000 and 9.999), nulls (4.096, 8.191), an empty label
/// (19.998), and a 2-byte last cell (the fast offset reader cannot load 8 bytes there).
fn cells() -> Vec<Option<&'static str>> {
    (0..ROWS)
        .map(|i| match i {
            4_096 | 8_191 => None,
            5_000 => Some("urbanx"),
            9_999 => Some("xyz"),
            19_998 => Some(""),
            _ if i == ROWS - 1 => Some("2"),
            _ if i >= 9_000 && i % 7 == 0 => Some("Nông thôn"),
            _ if i >= 12_345 && i % 11 == 0 => Some("  thành   thị  "),
            _ if (i * 7919) % 3 == 0 => Some("urban"),
            _ => Some("rural"),
        })
        .collect()
}

/// What the one rule says of each cell: its code, or its error (a null is a blank cell).
fn expected(cells: &[Option<&str>], first_row: usize) -> (Vec<Option<u8>>, Vec<RowError>) {
    let mut errors = Vec::new();
    let codes = cells
        .iter()
        .enumerate()
        .map(|(i, c)| match read_area(first_row + i, c.map_or(Cell::Blank, Cell::Text)) {
            Ok(code) => Some(code),
            Err(e) => {
                errors.push(e);
                None
            }
        })
        .collect();
    (codes, errors)
}

/// The area codes and errors of reading `area` (with a clean income column and no
/// deprivations), rows numbered from `first_row`.
fn read(area: ArrayRef, first_row: usize) -> (Vec<u8>, Vec<RowError>) {
    let s = giamngheo::standard_by_id("qd59-2015").unwrap();
    let n = area.len();
    let area = [area];
    let income: [ArrayRef; 1] = [Arc::new(Int64Array::from(vec![1_000_000i64; n]))];
    let flags: Vec<[ArrayRef; 1]> =
        (0..s.indicators.len()).map(|_| [Arc::new(BooleanArray::from(vec![false; n])) as ArrayRef]).collect();
    let names: Vec<String> = s.indicators.iter().map(|i| i.id.clone()).collect();
    let deprivations = DeprivationColumns::Indicators(
        flags.iter().zip(&names).map(|(f, name)| IndicatorColumn::Arrow(Chunks::new(name, f))).collect(),
    );
    let batch =
        ArrowBatch::read(s, Chunks::new("area", &area), Chunks::new("income", &income), &deprivations, first_row)
            .unwrap();
    let input = batch.input();
    (input.area.to_vec(), input.cell_errors.to_vec())
}

fn check(layout: &str, area: ArrayRef, cells: &[Option<&str>]) {
    for first_row in [0, 1_000_000] {
        let (want_codes, want_errors) = expected(cells, first_row);
        let (codes, errors) = read(area.clone(), first_row);
        assert_eq!(codes.len(), cells.len(), "{layout}: one code per row");
        for (i, (got, want)) in codes.iter().zip(&want_codes).enumerate() {
            // A bad row keeps a valid placeholder; its error says why.
            if let Some(want) = want {
                assert_eq!(got, want, "{layout}: row {i} ({:?})", cells[i]);
            }
        }
        assert_eq!(errors, want_errors, "{layout}: the errors, in row order");
    }
}

#[test]
fn every_text_layout_reads_each_row_by_the_one_area_rule() {
    let cells = cells();
    // The fixture reaches every case it names.
    let (codes, errors) = expected(&cells, 0);
    let bad: Vec<usize> = errors.iter().map(|e| e.row).collect();
    assert_eq!(bad, [4_096, 5_000, 8_191, 9_999, 19_998], "the nulls and the unknown labels, none other");
    assert!(codes[9_002].is_some() && cells[9_002] == Some("Nông thôn"));
    assert!(codes[12_364].is_some() && cells[12_364] == Some("  thành   thị  "));
    assert_eq!(codes[ROWS - 1], Some(2), "the statistics office's code for rural, as text");

    check("string", Arc::new(StringArray::from(cells.clone())), &cells);
    check("large_string", Arc::new(LargeStringArray::from(cells.clone())), &cells);
    check("string_view", Arc::new(StringViewArray::from(cells.clone())), &cells);
    check("dictionary<int8>", Arc::new(cells.iter().copied().collect::<DictionaryArray<Int8Type>>()), &cells);
    check("dictionary<uint32>", Arc::new(cells.iter().copied().collect::<DictionaryArray<UInt32Type>>()), &cells);
}

/// Indicator bits land on their own rows across the blocks the masks are filled in, with a null
/// (a row error, its bit clean) and a column starting mid-byte (a slice).
#[test]
fn boolean_columns_set_each_rows_bit_across_blocks() {
    let s = giamngheo::standard_by_id("qd59-2015").unwrap();
    let n = 3 * 8_192 + 77;
    let k = s.indicators.len();
    let on = |row: usize, j: usize| (row * 31 + j * 17) % 5 < 2;
    let flags: Vec<[ArrayRef; 1]> = (0..k)
        .map(|j| {
            // One row more than needed, sliced off the front: the bitmap starts at bit 1.
            let values: BooleanArray =
                (0..=n).map(|i| if i == 8_193 && j == 3 { None } else { Some(i > 0 && on(i - 1, j)) }).collect();
            [Arc::new(values.slice(1, n)) as ArrayRef]
        })
        .collect();
    let names: Vec<String> = s.indicators.iter().map(|i| i.id.clone()).collect();
    let deprivations = DeprivationColumns::Indicators(
        flags.iter().zip(&names).map(|(f, name)| IndicatorColumn::Arrow(Chunks::new(name, f))).collect(),
    );
    let area: [ArrayRef; 1] = [Arc::new(StringArray::from(vec!["urban"; n]))];
    let income: [ArrayRef; 1] = [Arc::new(Int64Array::from(vec![1_000_000i64; n]))];
    let batch =
        ArrowBatch::read(s, Chunks::new("area", &area), Chunks::new("income", &income), &deprivations, 0).unwrap();
    for (row, &mask) in batch.masks().iter().enumerate() {
        let want: u16 = (0..k).filter(|&j| on(row, j) && !(row == 8_192 && j == 3)).map(|j| 1u16 << j).sum();
        assert_eq!(mask, want, "row {row}");
    }
    let errors = batch.input().cell_errors.to_vec();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].error.path.as_str()), (8_192, "/deprivations/3/8192"));
}
