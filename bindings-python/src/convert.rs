//! Conversions between Python values and core's JSON and decimals. Nothing here decides a rule:
//! numbers are read by core's rules (`giamngheo::number`: text by the field's rule, a float as it
//! prints), and JSON results come back with every decimal field (as core's JSON Schemas mark
//! them) as `decimal.Decimal`.

use crate::errors::py_type_error;
use giamngheo::number::Problem;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

pub fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE.import(py, "datetime", "date")
}

pub fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME.import(py, "datetime", "datetime")
}

/// A Rust decimal as a Python `decimal.Decimal`.
pub fn py_decimal<'py>(py: Python<'py>, d: &Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((d.to_string(),))
}

/// Which of core's rules reads a text (`giamngheo::number`): amounts in đồng (`"1.500.000"`
/// grouped, `"850.000"` refused as ambiguous) or plain decimals (rates, weights, cutoffs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRule {
    Money,
    Decimal,
}

impl TextRule {
    fn read(self, text: &str) -> Result<Decimal, Problem> {
        match self {
            TextRule::Money => giamngheo::number::parse_money(text),
            TextRule::Decimal => giamngheo::number::parse_decimal(text),
        }
    }
}

/// Why a Python value is not an exact amount.
pub enum NotExact {
    /// Not a number type at all (None, list...): the type's name.
    Type(String),
    /// A number core's rules refuse (a NaN, more than 28 significant digits, ambiguous text),
    /// with core's message.
    Value(Problem),
}

/// An exact decimal from a Python `int`, `decimal.Decimal`, `str` or `float`, by core's rules:
/// text by `rule`, a float as the shortest decimal that gives it back (what `repr` prints, as a
/// JS number is read), never rounded.
pub fn to_decimal(v: &Bound<'_, PyAny>, rule: TextRule) -> Result<Decimal, NotExact> {
    let py = v.py();
    if v.is_instance_of::<PyBool>() {
        return Err(NotExact::Type("bool".into()));
    }
    let plain = |text: &str| giamngheo::number::parse_decimal(text).map_err(NotExact::Value);
    if v.is_instance_of::<PyInt>() {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(Decimal::from(i));
        }
        return plain(&v.str().map(|s| s.to_string()).unwrap_or_default());
    }
    if v.is_instance_of::<PyFloat>() {
        let x: f64 = v.extract().map_err(|_| NotExact::Type("float".into()))?;
        return giamngheo::number::from_f64(x).map_err(NotExact::Value);
    }
    if let Ok(s) = v.cast::<PyString>() {
        let text = s.to_cow().map_err(|_| NotExact::Type("str".into()))?;
        return rule.read(&text).map_err(NotExact::Value);
    }
    if let Ok(dec) = decimal_type(py) {
        if v.is_instance(dec).unwrap_or(false) {
            // A Decimal is exact already; '{:f}' writes it without an exponent. Interned names:
            // Python caches method look-ups by the name object, so a new string each call missed.
            let text = v
                .call_method1(intern!(py, "__format__"), (intern!(py, "f"),))
                .and_then(|s| s.extract::<String>())
                .or_else(|_| v.str().map(|s| s.to_string()))
                .unwrap_or_default();
            return plain(&text);
        }
    }
    // numpy integers and other integer-likes (numpy.bool_ is not an amount)
    if v.extract::<bool>().is_ok() {
        return Err(NotExact::Type(type_name(v)));
    }
    if let Ok(i) = v.call_method0(intern!(py, "__index__")) {
        return plain(&i.str().map(|s| s.to_string()).unwrap_or_default());
    }
    if v.call_method0(intern!(py, "__float__")).is_ok() {
        // numpy floats that are not Python floats: as they print (float32 0.1 prints "0.1").
        return plain(&v.str().map(|s| s.to_string()).unwrap_or_default());
    }
    Err(NotExact::Type(type_name(v)))
}

/// `to_decimal` for an argument at `path` (a JSON pointer): core's error as a `ValidationError`.
pub fn decimal_arg(v: &Bound<'_, PyAny>, path: &str, rule: TextRule) -> PyResult<Decimal> {
    to_decimal(v, rule).map_err(|e| not_exact_error(v.py(), path, e))
}

/// Core's error for a value at `path` that is not an exact number, as a `ValidationError`.
pub fn not_exact_error(py: Python<'_>, path: &str, e: NotExact) -> PyErr {
    let problem = match e {
        NotExact::Value(p) => p,
        NotExact::Type(t) => giamngheo::number::wrong_type(&t),
    };
    crate::errors::validation_error_one(py, &problem.at(path))
}

fn number(text: &str) -> Value {
    Value::Number(serde_json::Number::from_string_unchecked(text.to_string()))
}

/// Nesting deeper than this (dicts and lists) is refused with `json_syntax`, as serde_json does.
const MAX_DEPTH: usize = giamngheo::json::MAX_DEPTH;

/// A Python value (dicts, lists, str, int, Decimal, exact floats, dates, None, bool) as JSON.
pub fn to_json(v: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    let py = v.py();
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    let nested = v.is_instance_of::<PyDict>() || v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>();
    // The depth of `path` is its count of '/' (a key's own '/' is escaped as "~1"). Deeper than
    // serde_json's own limit (128) would be refused anyway; without this guard a nesting of some
    // ten thousand levels overflowed the stack (a segfault) in this recursion.
    if nested && path.bytes().filter(|&b| b == b'/').count() >= MAX_DEPTH {
        return Err(crate::errors::validation_error_one(py, &giamngheo::json::too_deep(path)));
    }
    if let Ok(d) = v.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, val) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                py_type_error(format!("{}: dictionary keys must be str, got {}", display_path(path), type_name(&k)))
            })?;
            let child = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
            map.insert(key, to_json(&val, &child)?);
        }
        return Ok(Value::Object(map));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in v.try_iter()?.enumerate() {
            out.push(to_json(&item?, &format!("{path}/{i}"))?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_instance(datetime_type(py)?)? {
        let d = v.call_method0(intern!(py, "date"))?.call_method0(intern!(py, "isoformat"))?;
        return Ok(Value::String(d.extract()?));
    }
    if v.is_instance(date_type(py)?)? {
        return Ok(Value::String(v.call_method0(intern!(py, "isoformat"))?.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(number(&v.str()?.to_string()));
    }
    if let Ok(b) = v.extract::<bool>() {
        // numpy.bool_
        return Ok(Value::Bool(b));
    }
    // A float goes to core as the number it prints as; text stays text, read by the field's rule.
    match to_decimal(v, TextRule::Decimal) {
        Ok(d) => Ok(number(&d.to_string())),
        Err(e @ NotExact::Value(_)) => Err(not_exact_error(py, path, e)),
        Err(NotExact::Type(t)) => Err(py_type_error(format!(
            "{}: cannot be written as JSON: {t} (expected dict, list, str, int, decimal.Decimal, bool, None or datetime.date)",
            display_path(path)
        ))),
    }
}

fn display_path(path: &str) -> String {
    if path.is_empty() { "request".into() } else { path.to_string() }
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_default()
}

/// A request given as a JSON text or as Python values, as JSON text.
pub fn request_text(request: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = request.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let value = to_json(request, "")?;
    serde_json::to_string(&value).map_err(|e| py_type_error(format!("request: {e}")))
}

// ---------------------------------------------------------------------------------------------
// JSON → Python, guided by core's JSON Schema so that decimals become decimal.Decimal.

/// The JSON Schema of a core type (cached by type name).
pub fn schema_of<T: JsonSchema>() -> Arc<Value> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<Value>>>> = OnceLock::new();
    let name = std::any::type_name::<T>();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(map) = cache.lock() {
        if let Some(s) = map.get(name) {
            return s.clone();
        }
    }
    let schema = Arc::new(schemars::SchemaGenerator::default().into_root_schema_for::<T>().to_value());
    if let Ok(mut map) = cache.lock() {
        map.insert(name, schema.clone());
    }
    schema
}

/// The schema definitions of core's decimals (`ExactDecimal` and answers' decimals; `Money`).
const DECIMAL_REFS: [&str; 2] = ["#/$defs/Decimal", "#/$defs/Money"];

/// The sub-schemas a value may match, with refs and combinators expanded.
struct Candidates<'s> {
    schemas: Vec<&'s Value>,
    decimal: bool,
}

fn expand<'s>(root: &'s Value, s: &'s Value, out: &mut Candidates<'s>, depth: u8) {
    if depth > 32 {
        return;
    }
    let Some(obj) = s.as_object() else { return };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        if DECIMAL_REFS.contains(&r) {
            out.decimal = true;
        } else if let Some(name) = r.strip_prefix("#/$defs/") {
            if let Some(def) = root.get("$defs").and_then(|d| d.get(name)) {
                expand(root, def, out, depth + 1);
            }
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = obj.get(key).and_then(Value::as_array) {
            for sub in list {
                expand(root, sub, out, depth + 1);
            }
        }
    }
    out.schemas.push(s);
}

fn candidates<'s>(root: &'s Value, schemas: &[&'s Value]) -> Candidates<'s> {
    let mut c = Candidates { schemas: Vec::new(), decimal: false };
    for s in schemas {
        expand(root, s, &mut c, 0);
    }
    c
}

/// JSON as Python values; strings the schema marks as decimals become `decimal.Decimal`, other
/// non-integer numbers too; integers become `int`.
pub fn to_python<'py>(py: Python<'py>, v: &Value, root: &Value, schemas: &[&Value]) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                decimal_type(py)?.call1((n.to_string(),))?
            }
        }
        Value::String(s) => {
            // Only a string the schema marks as a decimal is read as one: most strings are
            // messages and ids, and reading each as a number was a fifth of the conversion.
            let decimal = candidates(root, schemas).decimal.then(|| giamngheo::number::parse_decimal(s).ok()).flatten();
            match decimal {
                Some(d) => decimal_type(py)?.call1((d.to_string(),))?,
                None => PyString::new(py, s).into_any(),
            }
        }
        Value::Array(items) => {
            let c = candidates(root, schemas);
            let mut subs: Vec<&Value> = Vec::new();
            for s in &c.schemas {
                if let Some(i) = s.get("items") {
                    subs.push(i);
                }
            }
            let list = PyList::empty(py);
            for (i, item) in items.iter().enumerate() {
                let mut these = subs.clone();
                for s in &c.schemas {
                    if let Some(p) = s.get("prefixItems").and_then(|p| p.get(i)) {
                        these.push(p);
                    }
                }
                list.append(to_python(py, item, root, &these)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let c = candidates(root, schemas);
            let dict = PyDict::new(py);
            for (k, item) in map {
                let mut these: Vec<&Value> = Vec::new();
                for s in &c.schemas {
                    match s.get("properties").and_then(|p| p.get(k)) {
                        Some(p) => these.push(p),
                        None => {
                            if let Some(a) = s.get("additionalProperties") {
                                these.push(a);
                            }
                        }
                    }
                }
                dict.set_item(k, to_python(py, item, root, &these)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serialises a core value and converts it for Python with its type's schema.
pub fn typed_to_python<'py, T: Serialize + JsonSchema>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| crate::errors::py_internal(format!("JSON: {e}")))?;
    let schema = schema_of::<T>();
    to_python(py, &json, &schema, &[&schema])
}

/// The answer schema of a registry function, as JSON (cached by function name).
pub fn answer_schema(f: &giamngheo::api::Function) -> Arc<Value> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<Value>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(map) = cache.lock() {
        if let Some(s) = map.get(f.name) {
            return s.clone();
        }
    }
    let schema = Arc::new(f.answer_type().to_value());
    if let Ok(mut map) = cache.lock() {
        map.insert(f.name, schema.clone());
    }
    schema
}

/// Converts a JSON value for Python guided by a given schema (decimals as `decimal.Decimal`).
pub fn value_to_python_with<'py>(py: Python<'py>, schema: &Value, json: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, json, schema, &[schema])
}

/// Converts a JSON value for Python without a schema (no string becomes a decimal).
pub fn plain_to_python<'py>(py: Python<'py>, json: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, json, &Value::Null, &[])
}
