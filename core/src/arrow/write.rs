//! A batch's results and errors as Arrow: the class as a dictionary column (a pandas
//! `Categorical`, a polars `Enum`), codes and counts as bytes, and the errors as their own table,
//! so a caller in Python, a Spark worker or DuckDB gets columns, not one object per row.

use crate::batch::RowError;
use crate::classify::HouseholdClass;
use arrow_array::types::Int8Type;
use arrow_array::{ArrayRef, DictionaryArray, Int8Array, RecordBatch, StringArray, UInt8Array, UInt64Array};
use arrow_buffer::{BooleanBuffer, NullBuffer};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;

/// The class ids in code order (code 1 is entry 0): the dictionary of the `class` column.
pub fn class_ids() -> StringArray {
    StringArray::from_iter_values(HouseholdClass::ALL.iter().map(|c| c.as_str()))
}

/// The dictionary key of each class code (code − 1), −1 for an unclassified row (code 0): what
/// pandas' `Categorical.from_codes` takes.
pub fn class_keys(class: &[u8]) -> Vec<i8> {
    class.iter().map(|&c| c as i8 - 1).collect()
}

/// The `class` column: dictionary-encoded class ids, null for an unclassified row.
pub fn class_column(class: &[u8]) -> DictionaryArray<Int8Type> {
    let valid = BooleanBuffer::collect_bool(class.len(), |i| class[i] != 0);
    let keys = Int8Array::new(class_keys(class).into(), Some(NullBuffer::new(valid)).filter(|n| n.null_count() > 0));
    // Keys are 0..=3 by construction (class codes are 1..=4 or 0, which is null).
    DictionaryArray::new(keys, Arc::new(class_ids()))
}

/// `class`, `class_code` (0 for a bad row) and `deprivation_count`, one row per household.
pub fn results(class: Vec<u8>, deprivation_count: Vec<u8>) -> Result<RecordBatch, ArrowError> {
    let dictionary = DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8));
    let schema = Schema::new(vec![
        Field::new("class", dictionary, true),
        Field::new("class_code", DataType::UInt8, false),
        Field::new("deprivation_count", DataType::UInt8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(class_column(&class)),
        Arc::new(UInt8Array::from(class)),
        Arc::new(UInt8Array::from(deprivation_count)),
    ];
    RecordBatch::try_new(Arc::new(schema), columns)
}

/// The errors as a table: `row` (as the table numbers it), `column` (the table's name, when the
/// error is about one), `code`, `path`, `message_vi`, `message_en`.
pub fn errors<'e>(
    errors: &'e [RowError],
    column_of: impl Fn(&'e RowError) -> Option<&'e str>,
) -> Result<RecordBatch, ArrowError> {
    let schema = Schema::new(vec![
        Field::new("row", DataType::UInt64, false),
        Field::new("column", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, false),
        Field::new("path", DataType::Utf8, false),
        Field::new("message_vi", DataType::Utf8, false),
        Field::new("message_en", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt64Array::from_iter_values(errors.iter().map(|e| e.row as u64))),
        Arc::new(errors.iter().map(column_of).collect::<StringArray>()),
        Arc::new(StringArray::from_iter_values(errors.iter().map(|e| e.error.code.as_str()))),
        Arc::new(StringArray::from_iter_values(errors.iter().map(|e| e.error.path.as_str()))),
        Arc::new(StringArray::from_iter_values(errors.iter().map(|e| e.error.message.vi.as_str()))),
        Arc::new(StringArray::from_iter_values(errors.iter().map(|e| e.error.message.en.as_str()))),
    ];
    RecordBatch::try_new(Arc::new(schema), columns)
}
