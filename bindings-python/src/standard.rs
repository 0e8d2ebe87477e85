//! Standards and the classification of one household.
//!
//! `classify` takes the JSON request shape of core (`schemas/classify-request.schema.json`) as a
//! dict. The common case (a monthly income per capita and the review form's answers for every
//! indicator) is read straight from the dict into core's `Household` and classified by
//! `Standard::classify`. Anything else (facts, review scores, an annual income...) is read
//! straight into core's `ClassifyRequest` (`pyserde`) and classified by core; what that reading
//! leaves (any input with a problem) goes through core's JSON door, so that every error comes from
//! core, as it always did.

use crate::convert::{self, NotExact, py_decimal, request_text, typed_to_python};
use crate::errors::{IntoPy, py_internal, py_type_error};
use crate::pyserde;
use giamngheo::{
    Area, ClassifyRequest, Date, Household, HouseholdClass, IndicatorSet, MonthlyIncome, Report, Selection, Standard,
};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

/// A standard: one of the embedded ones, or a caller's own.
#[derive(Clone)]
pub enum Handle {
    Embedded(&'static Standard),
    Own(Arc<Standard>),
}

impl std::ops::Deref for Handle {
    type Target = Standard;
    fn deref(&self) -> &Standard {
        match self {
            Handle::Embedded(s) => s,
            Handle::Own(s) => s,
        }
    }
}

/// A household poverty standard (chuẩn nghèo): dated, sourced parameters.
#[pyclass(frozen, module = "giamngheo._giamngheo", name = "Standard")]
pub struct PyStandard {
    pub handle: Handle,
    /// The indicator ids as interned Python strings, for fast dict look-ups.
    keys: Vec<Py<PyString>>,
}

impl PyStandard {
    pub fn new(py: Python<'_>, handle: Handle) -> PyStandard {
        let keys = handle.indicators.iter().map(|i| PyString::intern(py, &i.id).unbind()).collect();
        PyStandard { handle, keys }
    }
}

static EMBEDDED: PyOnceLock<Vec<Py<PyStandard>>> = PyOnceLock::new();

/// The embedded standards as Python objects (created once).
pub fn embedded(py: Python<'_>) -> PyResult<&Vec<Py<PyStandard>>> {
    EMBEDDED.get_or_try_init(py, || {
        let all = giamngheo::standards().py(py)?;
        all.iter().map(|s| Py::new(py, PyStandard::new(py, Handle::Embedded(s)))).collect()
    })
}

fn embedded_by_id<'py>(py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyStandard>>> {
    Ok(embedded(py)?.iter().find(|s| s.get().handle.id == id).map(|s| s.bind(py).clone()))
}

/// The embedded standard with this id (a `ValidationError` `standard_unknown` otherwise).
pub fn by_id<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyStandard>> {
    let s = giamngheo::standard_by_id(id).py(py)?;
    embedded_by_id(py, &s.id)?.ok_or_else(|| py_internal(format!("standard {id} not found")))
}

/// The embedded standard in force on a date.
pub fn in_force<'py>(py: Python<'py>, date: Date) -> PyResult<Bound<'py, PyStandard>> {
    let s = giamngheo::standard_in_force(date).py(py)?;
    embedded_by_id(py, &s.id)?.ok_or_else(|| py_internal(format!("standard {} not found", s.id)))
}

/// A date given as `datetime.date` or `YYYY-MM-DD`.
pub fn date_arg(py: Python<'_>, v: &Bound<'_, PyAny>, path: &str) -> PyResult<Date> {
    let text: String = match v.cast::<PyString>() {
        Ok(s) => s.to_cow()?.into_owned(),
        Err(_) => match convert::to_json(v, path)? {
            serde_json::Value::String(s) => s,
            _ => return Err(py_type_error(format!("{path}: expected a datetime.date or a 'YYYY-MM-DD' string"))),
        },
    };
    Date::parse_at(&text, path).py(py)
}

/// A `standard` argument as the caller gave it: a `Standard`, an embedded id, or a date
/// (`datetime.date` or `YYYY-MM-DD`).
enum StandardArg<'py> {
    Given(Bound<'py, PyStandard>),
    Named(String),
    Date(Date),
}

fn read_standard_arg<'py>(py: Python<'py>, v: &Bound<'py, PyAny>) -> PyResult<StandardArg<'py>> {
    if let Ok(s) = v.cast::<PyStandard>() {
        return Ok(StandardArg::Given(s.clone()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        let text = s.to_cow()?;
        return Ok(match Date::from_str(&text) {
            Ok(date) => StandardArg::Date(date),
            Err(()) => StandardArg::Named(text.into_owned()),
        });
    }
    Ok(StandardArg::Date(date_arg(py, v, "/standard")?))
}

/// Picks the standard by core's rule (`giamngheo::select_standard`: a named id, then the list
/// year, then the date), so that a date at a review seam without its list year is core's
/// `list_year_required`, never silently the standard in force that day. A `Standard` object is
/// the caller's own choice; its date and list year are still checked against each other.
pub fn select<'py>(
    py: Python<'py>,
    standard: Option<&Bound<'py, PyAny>>,
    date: Option<Date>,
    list_year: Option<u16>,
) -> PyResult<(Bound<'py, PyStandard>, Selection)> {
    let (named, date) = match standard.map(|s| read_standard_arg(py, s)).transpose()? {
        Some(StandardArg::Given(s)) => {
            giamngheo::review::check_selection(date, list_year).py(py)?;
            return Ok((s, Selection::given(date, list_year)));
        }
        Some(StandardArg::Named(id)) => (Some(id), date),
        Some(StandardArg::Date(_)) if date.is_some() => {
            return Err(py_type_error("give the date once: as `standard` or as `date`".into()));
        }
        Some(StandardArg::Date(d)) => (None, Some(d)),
        None => (None, date),
    };
    let (s, selection) = giamngheo::select_standard(named.as_deref(), date, list_year).py(py)?;
    let s = embedded_by_id(py, &s.id)?.ok_or_else(|| py_internal(format!("standard {} not found", s.id)))?;
    Ok((s, selection))
}

/// Only the list year of a request, read by core so that a bad value (text, a bool, a number
/// that is no year) is core's typed error at `/list_year`.
#[derive(serde::Deserialize)]
struct ListYearArg {
    list_year: Option<u16>,
}

/// A list year given as a Python value (`None` for none).
fn list_year_arg(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Option<u16>> {
    let value = convert::to_json(v, "/list_year")?;
    // Through JSON text, as the JSON door reads it (a `Value` holding an arbitrary-precision
    // number does not deserialize into an integer).
    let text = serde_json::json!({ "list_year": value }).to_string();
    let arg: ListYearArg = giamngheo::json::from_str(&text).py(py)?;
    Ok(arg.list_year)
}

/// The request's own list year, when it is plainly there (anything else is left to core, which
/// reports it when the request is classified).
fn request_list_year(request: &Bound<'_, PyAny>) -> Option<u16> {
    if let Ok(d) = request.cast::<PyDict>() {
        return d
            .get_item("list_year")
            .ok()
            .flatten()
            .and_then(|v| if v.is_exact_instance_of::<PyInt>() { v.extract::<u16>().ok() } else { None });
    }
    let text = request.cast::<PyString>().ok()?.to_cow().ok()?.into_owned();
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("list_year")?.as_u64().and_then(|y| u16::try_from(y).ok())
}

fn text_dict<'py>(py: Python<'py>, t: &giamngheo::Text) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("vi", &t.vi)?;
    d.set_item("en", &t.en)?;
    Ok(d)
}

fn py_date<'py>(py: Python<'py>, d: Date) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?.getattr("date")?.call1((d.year(), d.month(), d.day()))
}

#[pymethods]
impl PyStandard {
    /// Loads a province's own standard from a parameter file's JSON text, checked like the embedded ones.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyStandard> {
        let s = Standard::from_json(text).py(py)?;
        Ok(PyStandard::new(py, Handle::Own(Arc::new(s))))
    }

    /// Loads a standard from a dict in the parameter-file format.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyStandard> {
        let text = request_text(data)?;
        PyStandard::from_json(py, &text)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.handle.id
    }
    #[getter]
    fn document(&self) -> &str {
        &self.handle.document
    }
    #[getter]
    fn name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        text_dict(py, &self.handle.name)
    }
    #[getter]
    fn valid_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.handle.valid_from.value)
    }
    #[getter]
    fn valid_to<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.handle.valid_to.as_ref().map(|t| py_date(py, t.value)).transpose()
    }
    /// `income_only`, `two_tier` or `single_line`.
    #[getter]
    fn shape(&self) -> PyResult<String> {
        match serde_json::to_value(self.handle.shape) {
            Ok(serde_json::Value::String(s)) => Ok(s),
            _ => Err(py_internal("shape".into())),
        }
    }
    /// The number of deprivations that makes the deprivation test hold (0 when the standard has none).
    #[getter]
    fn cutoff(&self) -> u8 {
        self.handle.cutoff()
    }
    /// The indicator ids in the standard's order (bit `i` of a mask is the `i`-th): the
    /// interned strings `classify` knows by identity, so that answers keyed by them are read
    /// without hashing.
    #[getter]
    fn indicator_ids(&self, py: Python<'_>) -> Vec<Py<PyString>> {
        self.keys.iter().map(|k| k.clone_ref(py)).collect()
    }
    /// Each indicator: id, code, name (vi, en), dimension, confidence of its rule.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.handle
            .indicators
            .iter()
            .map(|i| {
                let d = PyDict::new(py);
                d.set_item("id", &i.id)?;
                d.set_item("code", &i.code)?;
                d.set_item("name", text_dict(py, &i.name)?)?;
                d.set_item("dimension", &i.dimension)?;
                d.set_item("confidence", i.rule_confidence.as_str())?;
                Ok(d)
            })
            .collect()
    }
    /// The names among `columns` that are indicator ids of another embedded standard but not of
    /// this one (core's rule): columns a table carries for another period, to report, not drop.
    fn unused_indicator_columns(&self, columns: Vec<String>) -> Vec<String> {
        self.handle.unused_indicator_columns(columns.iter().map(String::as_str)).into_iter().map(String::from).collect()
    }
    /// Core's notice (`{"vi": ..., "en": ...}`) for such columns; `None` when there are none.
    fn unused_columns_notice<'py>(
        &self,
        py: Python<'py>,
        columns: Vec<String>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.handle.unused_columns_notice(&names).map(|t| text_dict(py, &t)).transpose()
    }
    /// Whether the standard applies on a date (both ends inclusive).
    fn covers(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.handle.covers(date_arg(py, date, "/date")?))
    }
    /// The whole parameter file as Python values (decimals as `decimal.Decimal`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed_to_python(py, &*self.handle)
    }
    /// The parameter file as JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&*self.handle).map_err(|e| py_internal(e.to_string()))
    }
    /// Classifies one household under this standard (the request's own `date` and `standard`
    /// do not pick another one).
    fn classify(slf: &Bound<'_, Self>, request: &Bound<'_, PyAny>) -> PyResult<Classification> {
        classify_with(slf.py(), request, Some(slf))
    }
    /// Pickling (for Dask and multiprocessing): an embedded standard by id, a caller's own by its JSON.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        let module = py.import("giamngheo._giamngheo")?;
        match &slf.get().handle {
            Handle::Embedded(s) => Ok((module.getattr("standard_by_id")?, (s.id.clone(),))),
            Handle::Own(s) => {
                let text = serde_json::to_string(&**s).map_err(|e| py_internal(e.to_string()))?;
                Ok((module.getattr("Standard")?.getattr("from_json")?, (text,)))
            }
        }
    }
    fn __repr__(&self) -> String {
        format!("<Standard {} {} ({})>", self.handle.id, self.handle.document, self.handle.period())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyStandard>() {
            Ok(o) => *o.get().handle == *self.handle,
            Err(_) => false,
        }
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.handle.id.hash(&mut h);
        h.finish()
    }
}

// ---------------------------------------------------------------------------------------------

enum Outcome {
    /// Classified on the fast path: the report is rendered on demand.
    Fast { standard: Py<PyStandard>, household: Household, selection: Selection, class: HouseholdClass, count: u8 },
    /// Classified by core from the whole request (facts, scores...): the report is already there.
    Full(Box<Report>),
}

/// The class of one household under a standard, with its reasons.
#[pyclass(frozen, module = "giamngheo._giamngheo", name = "Classification")]
pub struct Classification {
    outcome: Outcome,
    /// Boxed so that the object stays small: Python allocates objects up to 512 bytes from its
    /// own pools, larger ones (a `Report` inline is about 500 bytes) with `malloc`, zeroed.
    report: PyOnceLock<Box<Report>>,
}

impl Classification {
    fn report_ref(&self, py: Python<'_>) -> &Report {
        match &self.outcome {
            Outcome::Full(r) => r,
            Outcome::Fast { standard, household, selection, .. } => self
                .report
                .get_or_init(py, || Box::new(standard.get().handle.classify(household).report_with(selection, &[]))),
        }
    }
}

/// The class ids (`poor`...) as Python strings made once: a new string per `class_` read cost
/// as much as the rest of the getter.
static CLASS_IDS: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();

fn class_id<'py>(py: Python<'py>, c: HouseholdClass) -> Bound<'py, PyString> {
    let ids = CLASS_IDS
        .get_or_init(py, || HouseholdClass::ALL.iter().map(|c| PyString::intern(py, c.as_str()).unbind()).collect());
    let i = HouseholdClass::ALL.iter().position(|x| *x == c);
    match i.and_then(|i| ids.get(i)) {
        Some(id) => id.bind(py).clone(),
        None => PyString::new(py, c.as_str()),
    }
}

#[pymethods]
impl Classification {
    /// `poor`, `near_poor`, `average_living` or `other`.
    #[getter]
    fn class_<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        class_id(py, self.class())
    }
    /// 1 poor, 2 near-poor, 3 average living, 4 other (the batch codes).
    #[getter]
    fn class_code(&self) -> u8 {
        self.class().code()
    }
    /// The class's name, `{"vi": ..., "en": ...}`.
    #[getter]
    fn class_name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.class();
        let d = PyDict::new(py);
        d.set_item("vi", c.name_vi())?;
        d.set_item("en", c.name_en())?;
        Ok(d)
    }
    #[getter]
    fn deprivation_count(&self) -> u8 {
        match &self.outcome {
            Outcome::Fast { count, .. } => *count,
            Outcome::Full(r) => r.deprivation_count,
        }
    }
    /// Ids of the deprived indicators.
    #[getter]
    fn deprived(&self, py: Python<'_>) -> Vec<String> {
        match &self.outcome {
            Outcome::Fast { standard, household, .. } => {
                let s = &standard.get().handle;
                household.deprived.indices().filter_map(|i| s.indicators.get(i).map(|x| x.id.clone())).collect()
            }
            Outcome::Full(_) => self.report_ref(py).deprived.clone(),
        }
    }
    /// The id of the standard applied.
    #[getter]
    fn standard(&self) -> String {
        match &self.outcome {
            Outcome::Fast { standard, .. } => standard.get().handle.id.clone(),
            Outcome::Full(r) => r.standard.id.clone(),
        }
    }
    /// Monthly income per capita as shown (2 decimals; comparisons used the exact figure).
    #[getter]
    fn income_per_capita_monthly<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let v = match &self.outcome {
            Outcome::Fast { household, .. } => Some(household.income.display_value()),
            Outcome::Full(r) => r.income_per_capita_monthly,
        };
        v.map(|d| py_decimal(py, &d)).transpose()
    }
    /// Each check made, then the decision: rule, holds, value, threshold, message (vi, en),
    /// citation and confidence.
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let all = self.to_dict(py)?;
        all.get_item("reasons")
    }
    /// One entry per indicator: deprived or not, evidence (from facts), citation, confidence.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let all = self.to_dict(py)?;
        all.get_item("indicators")
    }
    /// The whole report (`schemas/report.schema.json`) as Python values; decimals as `decimal.Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        typed_to_python(py, self.report_ref(py))
    }
    /// The report as JSON text (what the JSON door gives).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(self.report_ref(py)).map_err(|e| py_internal(e.to_string()))
    }
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let render = py.import("giamngheo._display")?.getattr("classification_html")?;
        render.call1((self.to_dict(py)?,))?.extract()
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let (class, count) = (self.class().as_str(), self.deprivation_count());
        format!("<Classification {class} ({count} deprivations) under {}>", self.standard_doc(py))
    }
}

impl Classification {
    fn class(&self) -> HouseholdClass {
        match &self.outcome {
            Outcome::Fast { class, .. } => *class,
            Outcome::Full(r) => r.class,
        }
    }

    fn standard_doc(&self, _py: Python<'_>) -> String {
        match &self.outcome {
            Outcome::Fast { standard, .. } => standard.get().handle.document.clone(),
            Outcome::Full(r) => r.standard.document.clone(),
        }
    }
}

/// A step of the fast path: `Ok(None)` when the dict is not a plain request, which then goes
/// the general way (`classify_with`), so that every error about it comes from core.
type Plain<T> = PyResult<Option<T>>;

/// The keys of a plain request, in the order the fast path's steps read them.
#[derive(Clone, Copy)]
enum Key {
    Date,
    ListYear,
    Standard,
    Area,
    Income,
    Indicators,
}

impl Key {
    /// Their names, in the order of the variants.
    const NAMES: [&'static str; 6] = ["date", "list_year", "standard", "area", "income", "indicators"];
}

static KEY_NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();

/// The keys as interned Python strings: the same objects as the keys a Python source writes
/// (identifier-like literals are interned), so that a request's keys are found by identity.
fn key_names(py: Python<'_>) -> &[Py<PyString>] {
    KEY_NAMES.get_or_init(py, || Key::NAMES.iter().map(|k| PyString::intern(py, k).unbind()).collect())
}

/// The request dict as the fast path reads it. The keys read are counted: a dict with any
/// other key takes the general way, where core reports the key.
struct Fields<'a, 'py> {
    py: Python<'py>,
    dict: &'a Bound<'py, PyDict>,
    /// The values when every key of the dict is one of `key_names` itself: one pass over the
    /// dict instead of a hashed look-up per key. `None`: the steps look their keys up.
    found: Option<[Option<Bound<'py, PyAny>>; 6]>,
    seen: usize,
}

impl<'a, 'py> Fields<'a, 'py> {
    fn new(py: Python<'py>, dict: &'a Bound<'py, PyDict>) -> Self {
        let names = key_names(py);
        let mut found: [Option<Bound<'py, PyAny>>; 6] = Default::default();
        // Only pointer comparisons inside the loop: no Python code runs that could change the
        // dict while it is iterated.
        let by_identity = dict.iter().all(|(k, v)| match names.iter().position(|n| n.as_ptr() == k.as_ptr()) {
            Some(i) => found.get_mut(i).map(|slot| *slot = Some(v)).is_some(),
            None => false,
        });
        Fields { py, dict, found: by_identity.then_some(found), seen: 0 }
    }

    fn get(&mut self, key: Key) -> PyResult<Option<Bound<'py, PyAny>>> {
        let value = match &mut self.found {
            Some(found) => found.get_mut(key as usize).and_then(Option::take),
            None => match key_names(self.py).get(key as usize) {
                Some(name) => self.dict.get_item(name.bind(self.py))?,
                None => None,
            },
        };
        self.seen += usize::from(value.is_some());
        Ok(value)
    }

    fn all_read(&self) -> bool {
        self.seen == self.dict.len()
    }
}

/// The fast path: `Some` when the dict is a plain request (monthly income per capita, every
/// indicator answered with a bool) that core accepts; `None` sends it the general way.
/// Each step reads one field; their order is part of the behaviour (an inexact float income is
/// raised here even when the standard or the indicators would send the dict the general way).
fn fast<'py>(py: Python<'py>, d: &Bound<'py, PyDict>, given: Option<&Bound<'py, PyStandard>>) -> Plain<Classification> {
    let mut fields = Fields::new(py, d);
    let Some(date) = date_field(&mut fields)? else { return Ok(None) };
    let Some(list_year) = list_year_field(&mut fields)? else { return Ok(None) };
    let Some(named) = standard_field(&mut fields)? else { return Ok(None) };
    let Some(area) = area_field(&mut fields)? else { return Ok(None) };
    let Some(income) = income_field(&mut fields)? else { return Ok(None) };
    let Some((standard, selection)) = pick_standard(py, given, named.as_deref(), date, list_year)? else {
        return Ok(None);
    };
    let st = standard.get();
    let Some(deprived) = indicators_field(&mut fields, st)? else { return Ok(None) };
    if !fields.all_read() {
        return Ok(None);
    }
    let household = Household { area, income, deprived };
    let class = st.handle.class_of(area, income, deprived);
    Ok(Some(Classification {
        outcome: Outcome::Fast { standard: standard.unbind(), household, selection, class, count: deprived.count() },
        report: PyOnceLock::new(),
    }))
}

/// `date`: absent, or a `YYYY-MM-DD` string.
fn date_field(fields: &mut Fields<'_, '_>) -> Plain<Option<Date>> {
    let Some(v) = fields.get(Key::Date)? else { return Ok(Some(None)) };
    let Ok(s) = v.cast::<PyString>() else { return Ok(None) };
    Ok(date_text(s)?.map(Some))
}

/// The last date string read and its date. A loop over the households of one review day passes
/// the same string object each time, and a `str` never changes: the same object is the same
/// date, without copying its text out again (an allocation under the stable ABI).
static LAST_DATE: Mutex<Option<(Py<PyString>, Option<Date>)>> = Mutex::new(None);

fn date_text(s: &Bound<'_, PyString>) -> PyResult<Option<Date>> {
    // `try_lock`: another thread holding it (free-threaded Python) only costs this one the copy.
    if let Ok(last) = LAST_DATE.try_lock() {
        if let Some((_, date)) = last.as_ref().filter(|(text, _)| text.as_ptr() == s.as_ptr()) {
            return Ok(*date);
        }
    }
    let date = Date::from_str(&s.to_cow()?).ok();
    if let Ok(mut last) = LAST_DATE.try_lock() {
        *last = Some((s.clone().unbind(), date));
    }
    Ok(date)
}

/// `list_year`: absent, or a plain int that fits a year (anything else is core's to judge).
fn list_year_field(fields: &mut Fields<'_, '_>) -> Plain<Option<u16>> {
    let Some(v) = fields.get(Key::ListYear)? else { return Ok(Some(None)) };
    if !v.is_exact_instance_of::<PyInt>() {
        return Ok(None);
    }
    Ok(v.extract::<u16>().ok().map(Some))
}

/// `standard`: absent, or an embedded id (checked when the standard is picked).
fn standard_field(fields: &mut Fields<'_, '_>) -> Plain<Option<String>> {
    let Some(v) = fields.get(Key::Standard)? else { return Ok(Some(None)) };
    let Ok(s) = v.cast::<PyString>() else { return Ok(None) };
    Ok(Some(Some(s.to_cow()?.into_owned())))
}

static AREA_NAMES: PyOnceLock<Vec<(Py<PyString>, Area)>> = PyOnceLock::new();

/// `area`: one of core's area names.
fn area_field(fields: &mut Fields<'_, '_>) -> Plain<Area> {
    let Some(v) = fields.get(Key::Area)? else { return Ok(None) };
    let Ok(s) = v.cast::<PyString>() else { return Ok(None) };
    // A literal "rural" in Python source is the interned string: known by identity, without
    // copying its text out (which costs an allocation under the stable ABI).
    let names = AREA_NAMES.get_or_init(fields.py, || {
        Area::ALL.into_iter().map(|a| (PyString::intern(fields.py, a.as_str()).unbind(), a)).collect()
    });
    if let Some((_, a)) = names.iter().find(|(name, _)| name.as_ptr() == s.as_ptr()) {
        return Ok(Some(*a));
    }
    let s = s.to_cow()?;
    Ok(Area::ALL.into_iter().find(|a| a.as_str() == s))
}

/// `income`: `{"monthly_per_capita": amount}` and nothing else (any other form of income is
/// converted by core).
fn income_field(fields: &mut Fields<'_, '_>) -> Plain<MonthlyIncome> {
    let Some(v) = fields.get(Key::Income)? else { return Ok(None) };
    let Ok(income) = v.cast::<PyDict>() else { return Ok(None) };
    if income.len() != 1 {
        return Ok(None);
    }
    let name = intern!(fields.py, "monthly_per_capita");
    // Its one entry, by identity as in `Fields::new`, else looked up.
    let m = match income.iter().next() {
        Some((k, v)) if k.as_ptr() == name.as_ptr() => Some(v),
        _ => income.get_item(name)?,
    };
    let Some(m) = m else { return Ok(None) };
    let Some(amount) = exact_amount(&m)? else { return Ok(None) };
    Ok(MonthlyIncome::per_capita(amount).ok())
}

/// An amount as an exact decimal, never rounded. Text goes to core, which refuses what is not an
/// exact decimal (`number_invalid`); a float that is not exact (or needs more than 28 digits) is
/// refused here.
fn exact_amount(m: &Bound<'_, PyAny>) -> Plain<Decimal> {
    if m.is_exact_instance_of::<PyInt>() {
        return Ok(m.extract::<i64>().ok().map(Decimal::from));
    }
    match convert::to_decimal(m, convert::TextRule::Money) {
        Ok(x) => Ok(Some(x)),
        Err(_) if m.is_instance_of::<PyString>() => Ok(None),
        Err(e @ NotExact::Value(_)) => Err(convert::not_exact_error(m.py(), "/income/monthly_per_capita", e)),
        Err(NotExact::Type(_)) => Ok(None),
    }
}

/// The caller's standard (its date and list year still checked against each other), or the one
/// core's rule picks. Any error (a seam without its list year...) takes the general way, where
/// core reports it.
fn pick_standard<'py>(
    py: Python<'py>,
    given: Option<&Bound<'py, PyStandard>>,
    named: Option<&str>,
    date: Option<Date>,
    list_year: Option<u16>,
) -> Plain<(Bound<'py, PyStandard>, Selection)> {
    if let Some(s) = given {
        let fits = giamngheo::review::check_selection(date, list_year).is_ok();
        return Ok(fits.then(|| (s.clone(), Selection::given(date, list_year))));
    }
    let Ok((s, selection)) = giamngheo::select_standard(named, date, list_year) else { return Ok(None) };
    Ok(embedded_by_id(py, &s.id)?.map(|s| (s, selection)))
}

/// `indicators`: a bool for every indicator of the standard, and no other key.
fn indicators_field(fields: &mut Fields<'_, '_>, st: &PyStandard) -> Plain<IndicatorSet> {
    let Some(v) = fields.get(Key::Indicators)? else {
        // Only an income-only standard classifies without indicators.
        return Ok(st.keys.is_empty().then_some(IndicatorSet::EMPTY));
    };
    let Ok(answers) = v.cast::<PyDict>() else { return Ok(None) };
    if answers.len() != st.keys.len() {
        return Ok(None);
    }
    if let Some(deprived) = answers_by_identity(answers, &st.keys) {
        return Ok(Some(deprived));
    }
    let mut deprived = IndicatorSet::EMPTY;
    for (i, key) in st.keys.iter().enumerate() {
        let Some(a) = answers.get_item(key.bind(fields.py))? else { return Ok(None) };
        let Ok(b) = a.cast::<PyBool>() else { return Ok(None) };
        if b.is_true() {
            deprived = deprived.with(i);
        }
    }
    Ok(Some(deprived))
}

/// The answers when every key is one of the standard's own interned ids (what identifier-like
/// literals and `indicator_ids` give) and every answer a bool: one pass, no hashing. `None`
/// leaves the dict to the look-ups, which decide.
fn answers_by_identity(answers: &Bound<'_, PyDict>, keys: &[Py<PyString>]) -> Option<IndicatorSet> {
    let (mut deprived, mut answered) = (IndicatorSet::EMPTY, 0usize);
    // Only pointer comparisons and type checks in the loop: no Python code runs that could
    // change the dict while it is iterated.
    for (n, (k, v)) in answers.iter().enumerate() {
        // Answers usually come in the standard's order: try the n-th id first.
        let i = match keys.get(n) {
            Some(key) if key.as_ptr() == k.as_ptr() => n,
            _ => keys.iter().position(|key| key.as_ptr() == k.as_ptr())?,
        };
        if v.cast::<PyBool>().ok()?.is_true() {
            deprived = deprived.with(i);
        }
        answered += 1;
    }
    // Dict keys are distinct, so as many identity matches as ids means every id answered once.
    (answered == keys.len()).then_some(deprived)
}

/// One household, the fastest way that gives core's answer: the plain request by hand
/// (`fast`), else the dict read straight into core's request (`pyserde`), else (text, or a dict
/// pyserde leaves) the request as JSON text through core's JSON door.
pub fn classify_with(
    py: Python<'_>,
    request: &Bound<'_, PyAny>,
    standard: Option<&Bound<'_, PyStandard>>,
) -> PyResult<Classification> {
    let classify = |r: &ClassifyRequest| match standard {
        Some(s) => giamngheo::classify_request_with(&s.get().handle, r),
        None => giamngheo::classify_request(r),
    };
    let mut read = None;
    if let Ok(d) = request.cast::<PyDict>() {
        if let Some(c) = fast(py, d, standard)? {
            return Ok(c);
        }
        read = pyserde::from_dict::<ClassifyRequest>(d);
    }
    let report = match read {
        Some(r) => classify(&r),
        None => giamngheo::json::object_from_str::<ClassifyRequest>(&request_text(request)?).and_then(|r| classify(&r)),
    }
    .py(py)?;
    Ok(Classification { outcome: Outcome::Full(Box::new(report)), report: PyOnceLock::new() })
}

/// Classifies one household: a dict (or JSON text) in the shape of
/// `schemas/classify-request.schema.json`. `standard` (a `Standard`, an embedded id or a date)
/// overrides the one the request's `date` or `standard` picks.
#[pyfunction]
#[pyo3(signature = (request, /, standard = None))]
pub fn classify(
    py: Python<'_>,
    request: &Bound<'_, PyAny>,
    standard: Option<&Bound<'_, PyAny>>,
) -> PyResult<Classification> {
    let Some(arg) = standard else { return classify_with(py, request, None) };
    let s = match read_standard_arg(py, arg)? {
        StandardArg::Given(s) => s,
        StandardArg::Named(id) => by_id(py, &id)?,
        // A date picks by core's rule with the request's own list year: at a review seam the
        // date alone is `list_year_required`, as it is in the request itself.
        StandardArg::Date(_) => select(py, Some(arg), None, request_list_year(request))?.0,
    };
    classify_with(py, request, Some(&s))
}

/// Every embedded standard, oldest first.
#[pyfunction]
pub fn standards(py: Python<'_>) -> PyResult<Vec<Py<PyStandard>>> {
    Ok(embedded(py)?.iter().map(|s| s.clone_ref(py)).collect())
}

/// The embedded standard in force on a date (`datetime.date` or `YYYY-MM-DD`).
#[pyfunction]
pub fn standard_in_force<'py>(py: Python<'py>, date: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyStandard>> {
    let d = date_arg(py, date, "/date")?;
    in_force(py, d)
}

/// The embedded standard of a list year (năm danh sách): the one in force on 1 January of that
/// year, which the annual review at the end of the year before applies.
#[pyfunction]
pub fn standard_for_list_year<'py>(py: Python<'py>, year: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyStandard>> {
    let Some(year) = list_year_arg(py, year)? else {
        return Err(py_type_error("year: expected an int, got None".into()));
    };
    let s = giamngheo::standard_for_list_year(year).py(py)?;
    embedded_by_id(py, &s.id)?.ok_or_else(|| py_internal(format!("standard {} not found", s.id)))
}

/// Picks a standard by core's rule (a named id, then the list year, then the date) and says how:
/// `standard` is a `Standard`, an embedded id or a date (`datetime.date` or `YYYY-MM-DD`);
/// `date` and `list_year` as in a classify request. Returns the standard and the report's
/// `selection` (by, list_year, message, citation, confidence); raises `ValidationError` with
/// core's errors (`list_year_required` for a review date at a seam without its list year...).
#[pyfunction(name = "select_standard")]
#[pyo3(signature = (standard = None, date = None, list_year = None))]
pub fn select_standard_py<'py>(
    py: Python<'py>,
    standard: Option<&Bound<'py, PyAny>>,
    date: Option<&Bound<'py, PyAny>>,
    list_year: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyStandard>, Bound<'py, PyAny>)> {
    let date = date.map(|d| date_arg(py, d, "/date")).transpose()?;
    let list_year = match list_year {
        Some(y) => list_year_arg(py, y)?,
        None => None,
    };
    let (s, selection) = select(py, standard, date, list_year)?;
    let report = typed_to_python(py, &selection.report(&s.get().handle))?;
    Ok((s, report))
}

/// The embedded standard with this id (`qd09-2011`, `qd59-2015`, `nd07-2021`, `nd351-2025`).
#[pyfunction]
pub fn standard_by_id<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyStandard>> {
    by_id(py, id)
}

/// Periods the law covers that no embedded standard encodes, with the reason.
#[pyfunction]
pub fn gaps<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let g = giamngheo::gaps().py(py)?;
    typed_to_python(py, &g.to_vec())
}
