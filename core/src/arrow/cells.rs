//! Any Arrow column read cell by cell as the shared cell rules ([`crate::cell`]) see it: the
//! general path, for every type a table may hold (text, dictionaries, integers, floats, decimals,
//! booleans, nulls); the common types have faster readers in [`super::read`] that give the same
//! answers.

use crate::cell::{Cell, as_printed};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, PrimitiveArray};
use arrow_schema::DataType;

/// A column whose cells the shared rules read one by one.
pub enum CellColumn<'a> {
    /// Read cell by cell from the array.
    Array(&'a dyn Array),
    /// Decimals and the largest unsigned integers, as their exact text.
    Shown(Vec<Option<String>>),
    /// A type the rules do not read (lists, dates...): its non-null cells show the type,
    /// which the rules refuse with the column's error.
    Other(&'a dyn Array, String),
}

fn shown<T: arrow_array::ArrowPrimitiveType>(
    a: &PrimitiveArray<T>,
    text: impl Fn(&PrimitiveArray<T>, usize) -> String,
) -> Vec<Option<String>> {
    (0..a.len()).map(|i| (!a.is_null(i)).then(|| text(a, i))).collect()
}

impl<'a> CellColumn<'a> {
    pub fn new(a: &'a dyn Array) -> CellColumn<'a> {
        let shown = match a.data_type() {
            DataType::Decimal128(..) => {
                a.as_primitive_opt::<Decimal128Type>().map(|p| shown(p, |p, i| p.value_as_string(i)))
            }
            DataType::Decimal256(..) => {
                a.as_primitive_opt::<Decimal256Type>().map(|p| shown(p, |p, i| p.value_as_string(i)))
            }
            DataType::UInt64 => a.as_primitive_opt::<UInt64Type>().map(|p| shown(p, |p, i| p.value(i).to_string())),
            _ => {
                return if readable(a) {
                    CellColumn::Array(a)
                } else {
                    CellColumn::Other(a, format!("<{}>", a.data_type()))
                };
            }
        };
        shown.map_or_else(|| CellColumn::Other(a, format!("<{}>", a.data_type())), CellColumn::Shown)
    }

    pub fn cell(&self, r: usize) -> Cell<'_> {
        match self {
            CellColumn::Array(a) => cell(*a, r, 0),
            CellColumn::Shown(v) => v.get(r).and_then(Option::as_deref).map_or(Cell::Blank, |t| Cell::Text(t.trim())),
            CellColumn::Other(a, t) if r < a.len() && !a.is_null(r) => Cell::Text(t),
            CellColumn::Other(..) => Cell::Blank,
        }
    }
}

/// Whether [`cell`] reads the array's type itself.
fn readable(a: &dyn Array) -> bool {
    match a.data_type() {
        DataType::Dictionary(_, v) => {
            matches!(**v, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
                || v.is_integer()
                || v.is_floating()
        }
        t => {
            matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Boolean)
                || (t.is_integer() && *t != DataType::UInt64)
                || t.is_floating()
        }
    }
}

fn int_at(a: &dyn Array, r: usize) -> Option<i64> {
    Some(match a.data_type() {
        DataType::Int8 => a.as_primitive_opt::<Int8Type>()?.value(r).into(),
        DataType::Int16 => a.as_primitive_opt::<Int16Type>()?.value(r).into(),
        DataType::Int32 => a.as_primitive_opt::<Int32Type>()?.value(r).into(),
        DataType::Int64 => a.as_primitive_opt::<Int64Type>()?.value(r),
        DataType::UInt8 => a.as_primitive_opt::<UInt8Type>()?.value(r).into(),
        DataType::UInt16 => a.as_primitive_opt::<UInt16Type>()?.value(r).into(),
        DataType::UInt32 => a.as_primitive_opt::<UInt32Type>()?.value(r).into(),
        DataType::UInt64 => i64::try_from(a.as_primitive_opt::<UInt64Type>()?.value(r)).ok()?,
        _ => return None,
    })
}

fn text(t: &str) -> Cell<'_> {
    let t = t.trim();
    if t.is_empty() { Cell::Blank } else { Cell::Text(t) }
}

/// Row `r` of `a` (a dictionary's value through its key; `depth` stops nested dictionaries).
fn cell(a: &dyn Array, r: usize, depth: u8) -> Cell<'_> {
    if r >= a.len() || a.is_null(r) {
        return Cell::Blank;
    }
    match a.data_type() {
        DataType::Utf8 => a.as_string_opt::<i32>().map_or(Cell::Blank, |s| text(s.value(r))),
        DataType::LargeUtf8 => a.as_string_opt::<i64>().map_or(Cell::Blank, |s| text(s.value(r))),
        DataType::Utf8View => a.as_string_view_opt().map_or(Cell::Blank, |s| text(s.value(r))),
        DataType::Boolean => a.as_boolean_opt().map_or(Cell::Blank, |b| Cell::Bool(b.value(r))),
        DataType::Float16 => a
            .as_primitive_opt::<arrow_array::types::Float16Type>()
            .map_or(Cell::Blank, |f| Cell::Number(as_printed(f.value(r)))),
        DataType::Float32 => {
            a.as_primitive_opt::<Float32Type>().map_or(Cell::Blank, |f| Cell::Number(as_printed(f.value(r))))
        }
        DataType::Float64 => a.as_primitive_opt::<Float64Type>().map_or(Cell::Blank, |f| Cell::Number(f.value(r))),
        DataType::Dictionary(..) if depth == 0 => match a.as_any_dictionary_opt() {
            Some(d) => int_at(d.keys(), r)
                .and_then(|k| usize::try_from(k).ok())
                .map_or(Cell::Blank, |k| cell(d.values().as_ref(), k, 1)),
            None => Cell::Blank,
        },
        _ => int_at(a, r).map_or(Cell::Blank, Cell::Int),
    }
}
