//! Python binding of giamngheo (in progress).

use pyo3::prelude::*;

#[pymodule]
fn _giamngheo(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
