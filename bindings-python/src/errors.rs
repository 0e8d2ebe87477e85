//! Core's errors as Python exceptions: `giamngheo.ValidationError` (a `ValueError`) carrying each
//! error's code, JSON pointer and messages; `giamngheo.Error` for the rest. The classes live in
//! the pure-Python module `giamngheo._errors`.

use giamngheo::{Error, Errors};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BASE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// One error as the dict `ValidationError.errors()` lists: core's shape `{code, path, message:
/// {vi, en}}` (plus `row` in a batch), as JSON and JS give it; `message_vi` / `message_en` stay
/// as flat copies for callers of earlier releases.
pub fn error_dict<'py>(py: Python<'py>, e: &Error, row: Option<usize>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    if let Some(r) = row {
        d.set_item("row", r)?;
    }
    d.set_item("code", e.code.as_str())?;
    d.set_item("path", &e.path)?;
    let message = PyDict::new(py);
    message.set_item("vi", &e.message.vi)?;
    message.set_item("en", &e.message.en)?;
    d.set_item("message", message)?;
    d.set_item("message_vi", &e.message.vi)?;
    d.set_item("message_en", &e.message.en)?;
    Ok(d)
}

/// A `ValidationError` from a list of error dicts.
pub fn validation_error_from(py: Python<'_>, list: Bound<'_, PyList>) -> PyErr {
    match VALIDATION_ERROR.import(py, "giamngheo._errors", "ValidationError") {
        Ok(cls) => match cls.call1((list,)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// Core's errors as a `giamngheo.ValidationError`.
pub fn validation_error(py: Python<'_>, errors: &Errors) -> PyErr {
    let list = PyList::empty(py);
    for e in errors.as_slice() {
        match error_dict(py, e, None) {
            Ok(d) => {
                if let Err(err) = list.append(d) {
                    return err;
                }
            }
            Err(err) => return err,
        }
    }
    validation_error_from(py, list)
}

pub fn validation_error_one(py: Python<'_>, error: &Error) -> PyErr {
    validation_error(py, &Errors::from(error.clone()))
}

/// A wrong Python type (a programmer's error, not a validation of the data).
pub fn py_type_error(message: String) -> PyErr {
    PyTypeError::new_err(message)
}

/// Something that should not happen (a result that cannot be written as JSON...): `giamngheo.Error`.
pub fn py_internal(message: String) -> PyErr {
    Python::attach(|py| match BASE_ERROR.import(py, "giamngheo._errors", "Error") {
        Ok(cls) => match cls.call1((message,)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        },
        Err(e) => e,
    })
}

/// `Result<T, Errors>` into `PyResult<T>`.
pub trait IntoPy<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Errors> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| validation_error(py, &e))
    }
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| validation_error_one(py, &e))
    }
}
