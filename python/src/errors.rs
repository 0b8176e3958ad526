//! The crate's errors as the package's exceptions.
//!
//! The exception classes are written in Python (`htmldict/_errors.py`), so
//! that they have ordinary constructors, attributes and two bases where a
//! Python caller expects them (`SelectorError` is a `ValueError` too); this
//! module builds instances of them from the crate's error values.

use htmldict::dict::DictionarySpecError;
use htmldict::{ParseError, SelectorError};
use pyo3::call::PyCallArgs;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// An instance of `htmldict._errors.<name>` made with `args`.
fn instance<'py>(
    py: Python<'py>,
    name: &str,
    args: impl PyCallArgs<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("htmldict._errors")?.getattr(name)?.call1(args)
}

/// Raising an instance of `htmldict._errors.<name>`; if the class cannot be
/// had (a broken install), the reason, as a `RuntimeError`.
fn raise<'py>(py: Python<'py>, name: &str, args: impl PyCallArgs<'py>) -> PyErr {
    match instance(py, name, args) {
        Ok(value) => PyErr::from_value(value),
        Err(err) => PyRuntimeError::new_err(format!("htmldict._errors.{name}: {err}")),
    }
}

/// The snake_case name of a limit, as `LimitExceeded.limit` gives it.
fn limit_name(limit: htmldict::Limit) -> String {
    limit.to_string().replace(' ', "_")
}

/// A `LimitExceeded` instance (not raised) for `Document.truncated`.
pub(crate) fn limit_exceeded<'py>(
    py: Python<'py>,
    error: &ParseError,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    match error {
        ParseError::LimitExceeded { limit, max, value } => Ok(Some(instance(
            py,
            "LimitExceeded",
            (error.to_string(), limit_name(*limit), *max, *value),
        )?)),
        _ => Ok(None),
    }
}

/// The exception for a parse that gave no document.
pub(crate) fn parse_error(py: Python<'_>, error: ParseError) -> PyErr {
    let message = error.to_string();
    match error {
        ParseError::LimitExceeded { limit, max, value } => raise(
            py,
            "LimitExceeded",
            (message, limit_name(limit), max, value),
        ),
        ParseError::InvalidContext(_) => raise(py, "ContextError", (message,)),
        ParseError::MixedInput => raise(py, "MixedInputError", (message,)),
        _ => raise(py, "Error", (message,)),
    }
}

/// The exception for a selector that does not parse.
pub(crate) fn selector_error(py: Python<'_>, error: SelectorError) -> PyErr {
    raise(
        py,
        "SelectorError",
        (
            error.to_string(),
            error.selector.clone(),
            error.line,
            error.column,
        ),
    )
}

/// The exception for a dictionary spec `from_spec` refused.
pub(crate) fn spec_error(py: Python<'_>, spec: &str, error: DictionarySpecError) -> PyErr {
    raise(py, "DictionarySpecError", (error.to_string(), spec))
}

/// The exception for a page URL that does not parse.
pub(crate) fn url_error(url: &str, error: htmldict::url::ParseError) -> PyErr {
    PyValueError::new_err(format!("invalid page URL {url:?}: {error}"))
}
