//! Arrow tables in, Arrow or numpy out: any object with the Arrow PyCapsule interface (pyarrow,
//! polars, pandas, DuckDB) is imported by pyo3-arrow without copying, core reads its columns
//! (`giamngheo::arrow`) and classifies them with the GIL released. Nothing here reads a cell.

use crate::errors::{IntoPy, py_internal, py_type_error};
use crate::standard::{Handle, PyStandard};
use arrow_array::{ArrayRef, RecordBatch};
use giamngheo::arrow::{ArrowBatch, Chunks, DeprivationColumns, IndicatorColumn, read::missing_columns, write};
use giamngheo::batch::{OnError, Threads, UNCLASSIFIED, classify_batch_parallel_into};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::{PyRecordBatch, PyTable};

/// The columns of a table-like object, each as its chunks, with the table's column names.
struct Table {
    names: Vec<String>,
    columns: Vec<Vec<ArrayRef>>,
}

impl Table {
    /// A stream (`__arrow_c_stream__`: tables, readers, polars and pandas frames, DuckDB
    /// relations) or one record batch (`__arrow_c_array__`).
    fn import(data: &Bound<'_, PyAny>) -> PyResult<Table> {
        let py = data.py();
        let batches: Vec<RecordBatch> = if data.hasattr(intern!(py, "__arrow_c_stream__"))? {
            let (batches, schema) = data.extract::<PyTable>()?.into_inner();
            return Ok(Table::of(&schema, &batches));
        } else if data.hasattr(intern!(py, "__arrow_c_array__"))? {
            vec![data.extract::<PyRecordBatch>()?.into_inner()]
        } else {
            return Err(py_type_error(format!(
                "expected an Arrow table (an object with __arrow_c_stream__ or __arrow_c_array__: pyarrow, polars, pandas, DuckDB), got {}",
                data.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            )));
        };
        let schema =
            batches.first().map_or_else(|| std::sync::Arc::new(arrow_schema::Schema::empty()), RecordBatch::schema);
        Ok(Table::of(&schema, &batches))
    }

    fn of(schema: &arrow_schema::Schema, batches: &[RecordBatch]) -> Table {
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let columns =
            (0..names.len()).map(|i| batches.iter().filter_map(|b| b.columns().get(i).cloned()).collect()).collect();
        Table { names, columns }
    }

    /// A column by name (present: checked before).
    fn chunks<'t>(&'t self, name: &'t str) -> PyResult<Chunks<'t>> {
        let at = self.names.iter().position(|n| n == name);
        at.and_then(|at| self.columns.get(at))
            .map(|c| Chunks::new(name, c))
            .ok_or_else(|| py_internal(format!("column {name} not in the table")))
    }
}

/// What the caller wants back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// numpy class codes and counts, the errors as a list of dicts (DataFrames, `BatchResult`).
    Numpy,
    /// pyarrow record batches: the results and the errors table.
    Arrow,
}

/// Classifies the households of an Arrow table-like object. `indicators` names the standard's
/// indicator columns in its order, or `mask` one uint16 mask column. Returns `(class_code,
/// deprivation_count, errors, masks)` with `answer="numpy"` (numpy arrays; errors as dicts; the
/// masks read, for statistics), or `(results, errors)` as pyarrow record batches with
/// `answer="arrow"`. `arrays` gives indicator columns as numpy uint8 arrays (0/1, a bool
/// column viewed as bytes) beside the table, borrowed as they are. A missing column is a
/// `ValidationError` `column_missing`.
#[pyfunction]
#[pyo3(signature = (standard, data, area, income, indicators = None, mask = None, stop = false, first_row = 0, answer = "numpy", arrays = None))]
#[allow(clippy::too_many_arguments)]
pub fn classify_arrow_table<'py>(
    py: Python<'py>,
    standard: &Bound<'py, PyStandard>,
    data: &Bound<'py, PyAny>,
    area: &str,
    income: &str,
    indicators: Option<Vec<String>>,
    mask: Option<String>,
    stop: bool,
    first_row: usize,
    answer: &str,
    arrays: Option<Vec<(String, PyReadonlyArray1<'py, u8>)>>,
) -> PyResult<Bound<'py, PyAny>> {
    let answer = match answer {
        "numpy" => Answer::Numpy,
        "arrow" => Answer::Arrow,
        other => return Err(py_type_error(format!("answer must be 'numpy' or 'arrow', got {other:?}"))),
    };
    let handle: &Handle = &standard.get().handle;
    let table = Table::import(data)?;
    let mut needed: Vec<&str> = vec![area, income];
    match (&indicators, &mask) {
        (Some(cols), None) => needed.extend(cols.iter().map(String::as_str)),
        (None, Some(m)) => needed.push(m),
        _ => return Err(py_type_error("give exactly one of indicators and mask".into())),
    }
    let arrays = arrays.unwrap_or_default();
    let bytes: Vec<(&str, &[u8])> = arrays
        .iter()
        .map(|(name, a)| a.as_slice().map(|v| (name.as_str(), v)))
        .collect::<Result<_, _>>()
        .map_err(|e| py_type_error(format!("arrays: {e}")))?;
    let present: Vec<&str> = table.names.iter().map(String::as_str).chain(bytes.iter().map(|(n, _)| *n)).collect();
    if let Some(e) = missing_columns(&needed, &present) {
        return Err(e).py(py);
    }
    let deprivations = match (&indicators, &mask) {
        (Some(cols), _) => DeprivationColumns::Indicators(
            cols.iter()
                .map(|c| match bytes.iter().find(|(n, _)| n == c) {
                    Some(&(name, values)) => Ok(IndicatorColumn::Bytes { name, values }),
                    None => table.chunks(c).map(IndicatorColumn::Arrow),
                })
                .collect::<PyResult<_>>()?,
        ),
        (_, Some(m)) => DeprivationColumns::Mask(table.chunks(m)?),
        _ => return Err(py_type_error("give exactly one of indicators and mask".into())),
    };
    let (area_col, income_col) = (table.chunks(area)?, table.chunks(income)?);
    let s: &giamngheo::Standard = handle;
    let on_error = if stop { OnError::Stop } else { OnError::Collect };
    let done = py.detach(|| {
        let batch = ArrowBatch::read(s, area_col, income_col, &deprivations, first_row)?;
        let n = batch.len();
        let mut class = vec![UNCLASSIFIED; n];
        let mut count = vec![0u8; n];
        let errors = classify_batch_parallel_into(s, &batch.input(), &mut class, &mut count, on_error, Threads::Auto)?;
        Ok::<_, giamngheo::Errors>((class, count, errors, batch))
    });
    let (class, count, errors, batch) = done.py(py)?;
    match answer {
        Answer::Numpy => {
            let list = crate::batch::row_errors(py, &errors)?;
            (class.into_pyarray(py), count.into_pyarray(py), list, batch.into_masks().into_pyarray(py))
                .into_pyobject(py)
                .map(Bound::into_any)
        }
        Answer::Arrow => {
            let arrow_error = |e: arrow_schema::ArrowError| py_internal(e.to_string());
            let results = write::results(class, count).map_err(arrow_error)?;
            let table = write::errors(&errors, |e| batch.column_of(&e.error)).map_err(arrow_error)?;
            let results = PyRecordBatch::new(results).into_pyarrow(py)?;
            let table = PyRecordBatch::new(table).into_pyarrow(py)?;
            (results, table).into_pyobject(py).map(Bound::into_any)
        }
    }
}
