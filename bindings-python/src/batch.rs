//! Columns in, columns out: core's batch classification and statistics on numpy arrays, borrowed
//! without copying, with the GIL released while core works.

use crate::convert::{NotExact, TextRule, to_decimal, typed_to_python};
use crate::errors::{IntoPy, error_dict, py_internal, py_type_error};
use crate::standard::{Handle, PyStandard};
// Every message about a row lives in core, the reader's (bad cells) with the batch's own.
use giamngheo::batch::{
    BatchInput, Deprivations, Incomes, OnError, RowError, Threads, UNCLASSIFIED, area_not_recognised,
    classify_batch_parallel_into, income_missing as missing_income, income_wrong_type as wrong_type_income,
    indicator_cell_invalid,
};
use giamngheo::stats::{AlkireFosterOptions, Statistics, StatsInput, Weights, statistics};
use numpy::{
    Element, IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rust_decimal::Decimal;

/// A 1-D array of `T`, aligned and contiguous (the Python layer passes arrays through
/// `numpy.require(..., "CA")`, which copies only a misaligned or strided one).
fn column<'py, T: Element>(v: &Bound<'py, PyAny>, name: &str) -> PyResult<PyReadonlyArray1<'py, T>> {
    let arr = v.cast::<PyArray1<T>>().map_err(|_| {
        let dtype = v.getattr("dtype").map(|d| d.to_string()).unwrap_or_else(|_| "not an array".into());
        py_type_error(format!(
            "column '{name}': expected a 1-D numpy array of {}, got {dtype}",
            numpy::dtype::<T>(v.py())
        ))
    })?;
    let ro = arr.try_readonly().map_err(|e| py_type_error(format!("column '{name}': {e}")))?;
    if !ro.is_contiguous() || ro.as_slice().is_err() {
        return Err(py_type_error(format!(
            "column '{name}' is not contiguous and aligned (use numpy.require(a, requirements='CA'))"
        )));
    }
    Ok(ro)
}

fn slice<'a, T: Element>(a: &'a PyReadonlyArray1<'_, T>, name: &str) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|e| py_type_error(format!("column '{name}': {e}")))
}

/// The deprivation arrays, borrowed: one uint16 mask column, or one uint8 column per indicator.
#[allow(clippy::type_complexity)]
fn read_deprivations<'py>(
    masks: Option<&Bound<'py, PyAny>>,
    columns: Option<&[Bound<'py, PyAny>]>,
) -> PyResult<(Option<PyReadonlyArray1<'py, u16>>, Vec<PyReadonlyArray1<'py, u8>>)> {
    let masks_ro = masks.map(|m| column::<u16>(m, "deprivations")).transpose()?;
    let cols_ro = match columns {
        Some(cols) => cols
            .iter()
            .enumerate()
            .map(|(i, c)| column::<u8>(c, &format!("deprivations/{i}")))
            .collect::<PyResult<_>>()?,
        None => Vec::new(),
    };
    Ok((masks_ro, cols_ro))
}

/// Core's view of the borrowed deprivation arrays.
fn deprivations<'a>(
    masks: Option<&'a PyReadonlyArray1<'_, u16>>,
    has_columns: bool,
    columns: &'a [&'a [u8]],
) -> PyResult<Deprivations<'a>> {
    match (masks, has_columns) {
        (Some(m), false) => Ok(Deprivations::Mask(slice(m, "deprivations")?)),
        (None, true) => Ok(Deprivations::Bytes(columns)),
        _ => Err(py_type_error("give exactly one of masks and columns".into())),
    }
}

/// Incomes in an owned form, with the rows that could not be read.
enum OwnedIncome<'py> {
    Dong(PyReadonlyArray1<'py, i64>),
    DongVec(Vec<i64>),
    Decimal(Vec<Decimal>),
}

/// `first_row` numbers the rows of the errors as the table does (core's `BatchInput::first_row`).
fn read_income<'py>(v: &Bound<'py, PyAny>, first_row: usize, errors: &mut Vec<RowError>) -> PyResult<OwnedIncome<'py>> {
    if v.cast::<PyArray1<i64>>().is_ok() {
        return Ok(OwnedIncome::Dong(column::<i64>(v, "income")?));
    }
    if v.cast::<PyArray1<f64>>().is_ok() {
        let ro = column::<f64>(v, "income")?;
        let xs = slice(&ro, "income")?;
        // Whole đồng in a float column (pandas turns an int column with gaps into floats).
        const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer up to it is exact
        if xs.iter().all(|x| x.fract() == 0.0 && x.abs() <= LIMIT) {
            return Ok(OwnedIncome::DongVec(xs.iter().map(|&x| x as i64).collect()));
        }
        let mut out = Vec::with_capacity(xs.len());
        for (i, &x) in xs.iter().enumerate() {
            if x.is_nan() {
                errors.push(missing_income(first_row + i));
                out.push(Decimal::ZERO);
                continue;
            }
            match giamngheo::number::from_f64(x) {
                Ok(d) => out.push(d),
                Err(p) => {
                    errors.push(giamngheo::batch::income_unreadable(first_row + i, p));
                    out.push(Decimal::ZERO);
                }
            }
        }
        return Ok(OwnedIncome::Decimal(out));
    }
    // Objects (Decimal, int, str...), from an object array or any sequence.
    let mut out = Vec::new();
    for (i, item) in v.try_iter()?.enumerate() {
        let item = item?;
        if item.is_none() {
            errors.push(missing_income(first_row + i));
            out.push(Decimal::ZERO);
            continue;
        }
        // Text by core's money rule; a NaN (a float or a Decimal) is a missing cell.
        match to_decimal(&item, TextRule::Money) {
            Ok(d) => out.push(d),
            Err(NotExact::Value(p)) => {
                let nan = item.extract::<f64>().map(f64::is_nan).unwrap_or(false)
                    || item.call_method0("is_nan").and_then(|b| b.extract::<bool>()).unwrap_or(false);
                errors.push(if nan {
                    missing_income(first_row + i)
                } else {
                    giamngheo::batch::income_unreadable(first_row + i, p)
                });
                out.push(Decimal::ZERO);
            }
            Err(NotExact::Type(t)) => {
                errors.push(wrong_type_income(first_row + i, &t));
                out.push(Decimal::ZERO);
            }
        }
    }
    Ok(OwnedIncome::Decimal(out))
}

pub(crate) fn row_errors<'py>(py: Python<'py>, errors: &[RowError]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for e in errors {
        list.append(error_dict(py, &e.error, Some(e.row))?)?;
    }
    Ok(list)
}

type BatchOut<'py> = (Bound<'py, PyArray1<u8>>, Bound<'py, PyArray1<u8>>, Bound<'py, PyList>);

/// Area cells no label names: `(row, text)`, `None` for a blank cell.
type BadAreas = Vec<(usize, Option<String>)>;
/// Indicator cells that are neither 0 nor 1: `(row, indicator index, column name, text)`.
type BadCells = Vec<(usize, usize, String, Option<String>)>;

/// Cells the Python reader could not read, as core's row errors (core writes every message):
/// `bad_areas` as `(row, text)` (`None` for a blank cell), `bad_cells` as `(row, indicator index,
/// column name, text)`, rows counted in the arrays (from 0).
fn reader_errors(
    first_row: usize,
    bad_areas: Option<BadAreas>,
    bad_cells: Option<BadCells>,
    errors: &mut Vec<RowError>,
) {
    for (row, text) in bad_areas.into_iter().flatten() {
        errors.push(area_not_recognised(first_row + row, text.as_deref()));
    }
    for (row, index, column, text) in bad_cells.into_iter().flatten() {
        errors.push(indicator_cell_invalid(first_row + row, index, &column, text.as_deref()));
    }
}

/// Classifies columns: area codes (uint8: 1 urban, 2 rural), monthly income per capita (int64
/// whole đồng, float64 whole or exact, or objects), and either a uint16 mask per household or
/// one uint8 (0/1) column per indicator. Returns the class codes, the deprivation counts and the
/// bad rows' errors; a bad row's class is 0. With `stop`, core's `OnError::Stop`: only the first
/// bad row is reported and the rows from it on are unclassified. `first_row` numbers the rows
/// (a chunk of a bigger table); `bad_areas` and `bad_cells` are the cells the caller could not
/// read (their columns hold placeholders). Core splits a big batch over the cores (feature
/// `parallel`), with the GIL released.
#[pyfunction]
#[pyo3(signature = (standard, area, income, masks = None, columns = None, stop = false, first_row = 0, bad_areas = None, bad_cells = None))]
#[allow(clippy::too_many_arguments)]
pub fn classify_columns<'py>(
    py: Python<'py>,
    standard: &Bound<'py, PyStandard>,
    area: &Bound<'py, PyAny>,
    income: &Bound<'py, PyAny>,
    masks: Option<&Bound<'py, PyAny>>,
    columns: Option<Vec<Bound<'py, PyAny>>>,
    stop: bool,
    first_row: usize,
    bad_areas: Option<BadAreas>,
    bad_cells: Option<BadCells>,
) -> PyResult<BatchOut<'py>> {
    let handle: &Handle = &standard.get().handle;
    let area_ro = column::<u8>(area, "area")?;
    let area_s = slice(&area_ro, "area")?;
    let mut cell_errors = Vec::new();
    reader_errors(first_row, bad_areas, bad_cells, &mut cell_errors);
    let owned = read_income(income, first_row, &mut cell_errors)?;
    let (masks_ro, cols_ro) = read_deprivations(masks, columns.as_deref())?;
    let col_slices: Vec<&[u8]> = cols_ro.iter().map(|c| slice(c, "deprivations")).collect::<PyResult<_>>()?;
    let deprivations = deprivations(masks_ro.as_ref(), columns.is_some(), &col_slices)?;
    let income_in = match &owned {
        OwnedIncome::Dong(a) => Incomes::Dong(slice(a, "income")?),
        OwnedIncome::DongVec(v) => Incomes::Dong(v),
        OwnedIncome::Decimal(v) => Incomes::Decimal(v),
    };
    let input = BatchInput::new(area_s, income_in, deprivations).starting_at(first_row).with_cell_errors(&cell_errors);
    let n = input.len();
    let s: &giamngheo::Standard = handle;
    let on_error = if stop { OnError::Stop } else { OnError::Collect };
    let result = py.detach(|| {
        let mut class = vec![UNCLASSIFIED; n];
        let mut count = vec![0u8; n];
        classify_batch_parallel_into(s, &input, &mut class, &mut count, on_error, Threads::Auto)
            .map(|errors| (class, count, errors))
    });
    let (class, count, errors) = result.py(py)?;
    Ok((class.into_pyarray(py), count.into_pyarray(py), row_errors(py, &errors)?))
}

/// Area codes of a numpy text column (`<U…`, or `S…` bytes) given as its bytes (the array
/// viewed as uint8, `n × itemsize`), by core's one rule for area labels, each distinct cell
/// decoded and looked up once; a cell no label names gets placeholder 2 and is returned as
/// `(row, text)` (`None` for a blank cell) for `classify_columns`' `bad_areas`.
#[pyfunction]
pub fn area_codes_fixed<'py>(
    py: Python<'py>,
    cells: PyReadonlyArray2<'py, u8>,
    unicode: bool,
) -> PyResult<(Bound<'py, PyArray1<u8>>, BadAreas)> {
    let (rows, width) = cells.as_array().dim();
    let bytes = cells.as_slice().map_err(|e| py_type_error(format!("area: {e}")))?;
    let (codes, bad) = if width == 0 {
        // `<U0`: every cell is blank.
        (vec![2; rows], (0..rows).map(|row| (row, None)).collect())
    } else {
        py.detach(|| giamngheo::cell::fixed_width_area_codes(bytes, width, unicode))
    };
    Ok((codes.into_pyarray(py), bad))
}

/// Core's `column_missing` error (`{code, path, message: {vi, en}}`) for a column the table
/// lacks, listing the columns it has: the Python layer detects, core words.
#[pyfunction]
pub fn column_missing_error<'py>(py: Python<'py>, column: &str, present: Vec<String>) -> PyResult<Bound<'py, PyDict>> {
    error_dict(py, &giamngheo::batch::column_missing(column, &present), None)
}

/// Statistics of a classified batch, with core's plan-style tables.
#[pyclass(frozen, module = "giamngheo._giamngheo", name = "Statistics")]
pub struct PyStatistics {
    stats: Statistics,
    standard: Handle,
}

#[pymethods]
impl PyStatistics {
    /// The id of the standard.
    #[getter]
    fn standard(&self) -> &str {
        &self.standard.id
    }
    #[getter]
    fn weighted(&self) -> bool {
        self.stats.weighted
    }
    /// The group keys, in order (empty without a group column).
    #[getter]
    fn group_keys(&self) -> Vec<u32> {
        self.stats.groups.iter().filter_map(|g| g.group).collect()
    }
    /// Everything as Python values (`schemas/statistics.schema.json`); counts and rates as `decimal.Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed_to_python(py, &self.stats)
    }
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.stats).map_err(|e| py_internal(e.to_string()))
    }
    /// Core's plan-style text tables (households by class; deprivation among poor households;
    /// Alkire-Foster) for all households or one group; `published=True` puts the Cao Bằng plan's
    /// figures beside them (QĐ 59/2015 only).
    #[pyo3(signature = (group = None, published = false))]
    fn table(&self, py: Python<'_>, group: Option<u32>, published: bool) -> PyResult<String> {
        let g = match group {
            None => &self.stats.total,
            Some(k) => self
                .stats
                .groups
                .iter()
                .find(|g| g.group == Some(k))
                .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(k))?,
        };
        let plan = if published { Some(giamngheo::published::cao_bang_2015().py(py)?) } else { None };
        let plan = plan.filter(|p| p.standard == self.standard.id);
        Ok(giamngheo::table::plan_tables(&self.standard, g, plan))
    }
    /// Core's text table with one line per group; `label` ("Huyện / District") heads the groups'
    /// column (core's "Nhóm / Group" when absent).
    #[pyo3(signature = (label = None))]
    fn group_table(&self, label: Option<&str>) -> String {
        giamngheo::table::group_table(&self.stats, label.unwrap_or(giamngheo::table::GROUP_LABEL))
    }
    fn __repr__(&self) -> String {
        format!(
            "<Statistics {} households={} groups={}{}>",
            self.standard.id,
            self.stats.total.households,
            self.stats.groups.len(),
            if self.stats.weighted { " weighted" } else { "" }
        )
    }
}

fn decimals(v: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Decimal>> {
    let mut out = Vec::new();
    for (i, item) in v.try_iter()?.enumerate() {
        out.push(crate::convert::decimal_arg(&item?, &format!("/{name}/{i}"), TextRule::Decimal)?);
    }
    Ok(out)
}

enum OwnedWeights<'py> {
    Integer(PyReadonlyArray1<'py, u64>),
    Decimal(Vec<Decimal>),
}

/// Statistics of classified columns: the class codes from `classify_columns`, the same
/// deprivations, optional weights (uint64, or exact decimals) and group keys (uint32), and the
/// Alkire-Foster cutoff `k` (0 < k <= 1) with optional indicator weights.
#[pyfunction]
#[pyo3(signature = (standard, class_codes, masks = None, columns = None, weights = None, groups = None, af_cutoff = None, af_weights = None))]
#[allow(clippy::too_many_arguments)]
pub fn column_statistics<'py>(
    py: Python<'py>,
    standard: &Bound<'py, PyStandard>,
    class_codes: &Bound<'py, PyAny>,
    masks: Option<&Bound<'py, PyAny>>,
    columns: Option<Vec<Bound<'py, PyAny>>>,
    weights: Option<&Bound<'py, PyAny>>,
    groups: Option<&Bound<'py, PyAny>>,
    af_cutoff: Option<&Bound<'py, PyAny>>,
    af_weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyStatistics> {
    let handle = standard.get().handle.clone();
    let class_ro = column::<u8>(class_codes, "class")?;
    let (masks_ro, cols_ro) = read_deprivations(masks, columns.as_deref())?;
    let col_slices: Vec<&[u8]> = cols_ro.iter().map(|c| slice(c, "deprivations")).collect::<PyResult<_>>()?;
    let deprivations = deprivations(masks_ro.as_ref(), columns.is_some(), &col_slices)?;
    let owned_w = match weights {
        None => None,
        Some(w) if w.cast::<PyArray1<u64>>().is_ok() => Some(OwnedWeights::Integer(column::<u64>(w, "weights")?)),
        Some(w) => Some(OwnedWeights::Decimal(decimals(w, "weights")?)),
    };
    let w = match &owned_w {
        None => None,
        Some(OwnedWeights::Integer(a)) => Some(Weights::Integer(slice(a, "weights")?)),
        Some(OwnedWeights::Decimal(v)) => Some(Weights::Decimal(v)),
    };
    let groups_ro = groups.map(|g| column::<u32>(g, "groups")).transpose()?;
    let groups_s = groups_ro.as_ref().map(|g| slice(g, "groups")).transpose()?;
    let af = match af_cutoff {
        None => None,
        Some(k) => Some(AlkireFosterOptions {
            cutoff: giamngheo::ExactDecimal(crate::convert::decimal_arg(
                k,
                "/alkire_foster/cutoff",
                TextRule::Decimal,
            )?),
            weights: af_weights
                .map(|w| {
                    decimals(w, "alkire_foster weights").map(|v| v.into_iter().map(giamngheo::ExactDecimal).collect())
                })
                .transpose()?,
        }),
    };
    let input = StatsInput { class: slice(&class_ro, "class")?, deprivations, weights: w, groups: groups_s };
    let s: &giamngheo::Standard = &handle;
    let stats = py.detach(|| statistics(s, &input, af.as_ref())).py(py)?;
    Ok(PyStatistics { stats, standard: handle })
}

/// The embedded synthetic sample shaped on the Cao Bằng plan 449/KH-UBND (INVENTED data):
/// numpy columns `area` (uint8), `income` (int64), `deprivations` (uint16 mask over QĐ 59/2015's
/// indicators), `district` (uint32), and its `description` (vi, en). `n` households (default:
/// the plan's 123.221), drawn with `seed` (default: core's `sample::SEED`), and the id of the
/// `standard` its masks are over.
#[pyfunction]
#[pyo3(signature = (seed = None, n = None))]
pub fn synthetic_sample<'py>(py: Python<'py>, seed: Option<u64>, n: Option<usize>) -> PyResult<Bound<'py, PyDict>> {
    let seed = seed.unwrap_or(giamngheo::sample::SEED);
    let sample = py
        .detach(|| match n {
            None => giamngheo::sample::synthetic_cao_bang(seed),
            Some(n) => giamngheo::sample::synthetic_households(n, seed),
        })
        .py(py)?;
    let d = PyDict::new(py);
    let desc = PyDict::new(py);
    desc.set_item("vi", &sample.description.vi)?;
    desc.set_item("en", &sample.description.en)?;
    d.set_item("description", desc)?;
    d.set_item("standard", giamngheo::sample::STANDARD)?;
    d.set_item("area", sample.area.into_pyarray(py))?;
    d.set_item("income", sample.income.into_pyarray(py))?;
    d.set_item("deprivations", sample.deprivations.into_pyarray(py))?;
    d.set_item("district", sample.district.into_pyarray(py))?;
    Ok(d)
}

/// The Cao Bằng plan's published end-2015 figures (plan 449/KH-UBND, section II).
#[pyfunction]
pub fn published_cao_bang_2015<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let p = giamngheo::published::cao_bang_2015().py(py)?;
    typed_to_python(py, p)
}
