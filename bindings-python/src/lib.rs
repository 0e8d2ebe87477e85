//! Python binding of giamngheo: the native module `giamngheo._giamngheo`. It only converts;
//! every rule, threshold, message and citation is core's. The user-facing package is the
//! Python code in `python/giamngheo/`.

mod arrow;
mod batch;
mod convert;
mod errors;
mod pyserde;
mod standard;

use convert::{request_text, typed_to_python};
use errors::{IntoPy, py_internal};
use giamngheo::{ClassifyRequest, Errors};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;

/// The value of a JSON function as Python values, decimals as `decimal.Decimal` (guided by the
/// JSON Schema of the function's answer type, from core's registry).
fn function_to_python<'py>(py: Python<'py>, function: &str, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    match giamngheo::api::function(function) {
        Ok(f) => convert::value_to_python_with(py, &convert::answer_schema(f), value),
        Err(_) => convert::plain_to_python(py, value),
    }
}

/// Calls one of core's JSON functions (`classify`, `classify_brief`, `eligibility`,
/// `eligibility_one`, `why_not`, `check_plan`, `allocate`, `counterpart_ratio`, `fact_labels`: see
/// `functions()`) with a request given as a dict or as JSON text.
/// Returns Python values with decimals as `decimal.Decimal`; raises `ValidationError`.
#[pyfunction]
fn call_json<'py>(py: Python<'py>, function: &str, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = match classify_direct(py, function, request) {
        Some(answer) => answer,
        None => {
            let text = request_text(request)?;
            py.detach(|| giamngheo::call_json(function, &text))
        }
    }
    .py(py)?;
    function_to_python(py, function, &value)
}

/// `classify` and `classify_brief` of a dict read straight into core's request (`pyserde`),
/// answered as core's registry answers them from the JSON text; `None` for another function or
/// a dict left to the JSON door.
fn classify_direct(py: Python<'_>, function: &str, request: &Bound<'_, PyAny>) -> Option<Result<Value, Errors>> {
    let answer: fn(&ClassifyRequest) -> Result<Value, Errors> = match function {
        "classify" => |r| giamngheo::json::to_value(&giamngheo::classify_request(r)?),
        "classify_brief" => |r| giamngheo::json::to_value(&giamngheo::brief::classify_brief(r)?),
        _ => return None,
    };
    let r = pyserde::from_dict::<ClassifyRequest>(request.cast::<PyDict>().ok()?)?;
    Some(py.detach(|| answer(&r)))
}

/// Like `call_json`, returning the JSON text core writes (decimals as strings). A dict always
/// goes through JSON text here: this is the JSON door itself, what the direct reading of
/// `call_json` and `classify` is tested against.
#[pyfunction]
fn call_json_text(py: Python<'_>, function: &str, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = request_text(request)?;
    let value = py.detach(|| giamngheo::call_json(function, &text)).py(py)?;
    serde_json::to_string(&value).map_err(|e| py_internal(e.to_string()))
}

/// The names of core's JSON functions with what each takes and gives.
#[pyfunction]
fn functions() -> Vec<(&'static str, &'static str)> {
    giamngheo::api::functions().iter().map(|f| (f.name, f.doc)).collect()
}

/// The statistics office's area code (1 urban, 2 rural) of each text, by core's one rule for
/// area labels (`giamngheo::area::LABELS`, any letter case, spaces ignored); 0 for text no label
/// matches (the batch then reports `area_unknown`). Returned as `bytes`, one per label.
#[pyfunction]
fn area_codes(labels: Vec<String>) -> Vec<u8> {
    labels.iter().map(|l| giamngheo::Area::from_label(l).map_or(0, giamngheo::Area::code)).collect()
}

/// Every stable error code.
#[pyfunction]
fn error_codes() -> Vec<&'static str> {
    giamngheo::error::ALL_CODES.iter().map(|c| c.as_str()).collect()
}

/// The household classes: (code, id, Vietnamese name, English name), code 1 to 4.
#[pyfunction]
fn classes() -> Vec<(u8, &'static str, &'static str, &'static str)> {
    giamngheo::HouseholdClass::ALL.iter().map(|c| (c.code(), c.as_str(), c.name_vi(), c.name_en())).collect()
}

/// The `giamngheo` command, the same as the Rust binary: runs it with `args` (the arguments after
/// the program's name) and returns (exit code, standard output, standard error).
#[pyfunction]
fn cli(py: Python<'_>, args: Vec<String>) -> (i32, String, String) {
    let o = py.detach(|| giamngheo_cli::run(&args));
    (o.code, o.stdout, o.stderr)
}

/// The embedded funding plans (Cao Bằng 449/KH-UBND, QĐ 1722/QĐ-TTg) as Python values.
#[pyfunction]
fn funding_plans<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let p = giamngheo::funding::plans().py(py)?;
    typed_to_python(py, &p.to_vec())
}

/// The embedded coefficient sets (ILLUSTRATIVE, not law) as Python values.
#[pyfunction]
fn coefficient_sets<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let c = giamngheo::funding::coefficient_sets().py(py)?;
    typed_to_python(py, &c.to_vec())
}

/// The embedded unit sets (districts with criteria figures) as Python values.
#[pyfunction]
fn unit_sets<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let u = giamngheo::funding::unit_sets().py(py)?;
    typed_to_python(py, &u.to_vec())
}

/// The counterpart-ratio rules (dated data) as Python values.
#[pyfunction]
fn counterpart_rules<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let r = giamngheo::funding::counterpart_rules().py(py)?;
    typed_to_python(py, r)
}

/// Core's text rendering of a table model (`Table` of `schemas/plan-tables.schema.json`: the
/// `table` of an allocation, one of `plan_tables`'), given as a dict or as JSON text.
#[pyfunction]
fn table_text(py: Python<'_>, table: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = request_text(table)?;
    let t: giamngheo::table::Table = giamngheo::json::object_from_str(&text).py(py)?;
    Ok(t.to_text())
}

/// Core's table model of a classified batch's counts (`giamngheo::table::class_counts`): the
/// standard's document, households per class id (`poor`, `near_poor`...) and the rows that could
/// not be classified. An unknown class id is a `KeyError`.
#[pyfunction]
fn class_counts_table<'py>(
    py: Python<'py>,
    document: &str,
    counts: Vec<(String, u64)>,
    unclassified: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let mut typed = Vec::with_capacity(counts.len());
    for (id, n) in counts {
        let class = giamngheo::HouseholdClass::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == id)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(id))?;
        typed.push((class, n));
    }
    typed_to_python(py, &giamngheo::table::class_counts(document, &typed, unclassified))
}

/// Core's plan-style tables (`giamngheo::table::plan_tables_request`) of one group's statistics:
/// `{"standard": id, "statistics": <a group of Statistics.to_dict()>, "published": bool}` as a
/// dict or JSON text; `{"tables": [...]}` with decimals as `decimal.Decimal`.
#[pyfunction]
fn plan_tables<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = request_text(request)?;
    let req: giamngheo::table::PlanTablesRequest = giamngheo::json::object_from_str(&text).py(py)?;
    let tables = giamngheo::table::plan_tables_request(&req).py(py)?;
    typed_to_python(py, &tables)
}

/// Core's tables of another answer (`giamngheo::table::tables_request`): `{"report": ...}`,
/// `{"eligibility": ...}`, `{"plan_check": ...}` or `{"counterpart_ratio": ...}`.
#[pyfunction]
fn answer_tables<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = request_text(request)?;
    let req: giamngheo::table::TablesRequest = giamngheo::json::object_from_str(&text).py(py)?;
    typed_to_python(py, &giamngheo::table::tables_request(&req))
}

/// A decimal's text as core writes it (`"1300000.5"`) in Vietnamese notation (`1.300.000,5`), or
/// English notation (`1,300,000.5`) with `lang="en"`: core's formatting. `ValueError` for text
/// that is not a plain decimal.
#[pyfunction]
#[pyo3(signature = (decimal, lang = "vi"))]
fn format_number(decimal: &str, lang: &str) -> PyResult<String> {
    giamngheo::text::format_number(decimal, lang).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!("not a plain decimal: {:?}", giamngheo::text::quote(decimal)))
    })
}

#[pymodule]
fn _giamngheo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<standard::PyStandard>()?;
    m.add_class::<standard::Classification>()?;
    m.add_class::<batch::PyStatistics>()?;
    m.add_function(wrap_pyfunction!(standard::classify, m)?)?;
    m.add_function(wrap_pyfunction!(standard::standards, m)?)?;
    m.add_function(wrap_pyfunction!(standard::standard_in_force, m)?)?;
    m.add_function(wrap_pyfunction!(standard::standard_by_id, m)?)?;
    m.add_function(wrap_pyfunction!(standard::standard_for_list_year, m)?)?;
    m.add_function(wrap_pyfunction!(standard::select_standard_py, m)?)?;
    m.add_function(wrap_pyfunction!(standard::gaps, m)?)?;
    m.add_function(wrap_pyfunction!(call_json, m)?)?;
    m.add_function(wrap_pyfunction!(call_json_text, m)?)?;
    m.add_function(wrap_pyfunction!(functions, m)?)?;
    m.add_function(wrap_pyfunction!(area_codes, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(classes, m)?)?;
    m.add_function(wrap_pyfunction!(funding_plans, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add_function(wrap_pyfunction!(coefficient_sets, m)?)?;
    m.add_function(wrap_pyfunction!(unit_sets, m)?)?;
    m.add_function(wrap_pyfunction!(counterpart_rules, m)?)?;
    m.add_function(wrap_pyfunction!(table_text, m)?)?;
    m.add_function(wrap_pyfunction!(plan_tables, m)?)?;
    m.add_function(wrap_pyfunction!(answer_tables, m)?)?;
    m.add_function(wrap_pyfunction!(class_counts_table, m)?)?;
    m.add_function(wrap_pyfunction!(format_number, m)?)?;
    m.add_function(wrap_pyfunction!(batch::classify_columns, m)?)?;
    m.add_function(wrap_pyfunction!(batch::column_missing_error, m)?)?;
    m.add_function(wrap_pyfunction!(batch::area_codes_fixed, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::classify_arrow_table, m)?)?;
    m.add_function(wrap_pyfunction!(batch::column_statistics, m)?)?;
    m.add_function(wrap_pyfunction!(batch::synthetic_sample, m)?)?;
    m.add_function(wrap_pyfunction!(batch::published_cao_bang_2015, m)?)?;
    Ok(())
}
