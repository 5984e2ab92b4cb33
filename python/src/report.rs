//! `eucdm.Report` and `eucdm.Violation`: a validation's answer, read-only,
//! with `to_json()` the line `eucdm validate --format json` writes for it.

use eucdm_runtime::report::line::{line, ReportLine};
use eucdm_runtime::{Report, Violation};
use pyo3::prelude::*;

/// The report of one message: `valid`, `message` (its type), `errors`, and
/// `undecided` (checks that need an answer from outside the message).
#[pyclass(frozen, name = "Report", module = "eucdm")]
pub struct PyReport {
    pub report: Report,
}

#[pymethods]
impl PyReport {
    /// True when the message has no error (undecided checks never make it invalid).
    #[getter]
    fn valid(&self) -> bool {
        self.report.is_valid()
    }

    /// The message type, e.g. "CC015C".
    #[getter]
    fn message(&self) -> &'static str {
        self.report.message
    }

    /// The errors, as NCTS would list them in an IE056 rejection.
    #[getter]
    fn errors(&self) -> Vec<PyViolation> {
        self.report.violations.iter().map(PyViolation::of).collect()
    }

    /// The checks not decided, as `(pointer, reason)`.
    #[getter]
    fn undecided(&self) -> Vec<(String, String)> {
        (self.report.undecided.iter())
            .map(|(rule, pointer)| (pointer.clone(), rule.as_str().to_string()))
            .collect()
    }

    /// True when more errors were found than an IE056 carries (9,999).
    #[getter]
    fn truncated(&self) -> bool {
        self.report.truncated
    }

    /// The day whose rules were applied (the message's preparation date, or
    /// `date=`), "YYYY-MM-DD"; None when the message has none.
    #[getter]
    fn date(&self) -> Option<&str> {
        Some(self.report.date.as_str()).filter(|d| !d.is_empty())
    }

    /// The CLI's JSON line for this report (`eucdm validate --format json`),
    /// byte for byte, with `"file"` first when `file` is given.
    #[pyo3(signature = (file=None))]
    fn to_json(&self, file: Option<&str>) -> String {
        match file {
            Some(file) => line(&ReportLine {
                file,
                report: &self.report,
            }),
            None => line(&self.report),
        }
    }

    /// `to_json()` as a dict.
    #[pyo3(signature = (file=None))]
    fn to_dict<'py>(&self, py: Python<'py>, file: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.to_json(file),))
    }

    fn __repr__(&self) -> String {
        let r = &self.report;
        match r.violations.len() {
            0 => format!("<Report {} valid>", r.message),
            n => format!("<Report {}: {n} error(s)>", r.message),
        }
    }
}

/// One error: `code` (NCTS's functional error code, 12–38), `pointer` (where),
/// `reason` (the rule, code list or structure fault), `value` (or None).
#[pyclass(frozen, name = "Violation", module = "eucdm", eq)]
#[derive(Clone, PartialEq)]
pub struct PyViolation {
    #[pyo3(get)]
    code: u16,
    #[pyo3(get)]
    pointer: String,
    #[pyo3(get)]
    reason: String,
    #[pyo3(get)]
    value: Option<String>,
}

impl PyViolation {
    fn of(v: &Violation) -> Self {
        PyViolation {
            code: v.code.number(),
            pointer: v.pointer.to_string(),
            reason: v.reason.to_string(),
            value: v.value.clone(),
        }
    }
}

#[pymethods]
impl PyViolation {
    /// As Python writes the call that would make it (strings by `repr`).
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Violation(code={}, pointer={}, reason={}, value={})",
            self.code,
            py_repr(py, Some(&self.pointer))?,
            py_repr(py, Some(&self.reason))?,
            py_repr(py, self.value.as_deref())?
        ))
    }
}

/// `value` as Python's `repr` writes it (`None` for none).
fn py_repr(py: Python<'_>, value: Option<&str>) -> PyResult<String> {
    match value {
        Some(s) => Ok(s.into_pyobject(py)?.repr()?.to_string()),
        None => Ok("None".to_string()),
    }
}
