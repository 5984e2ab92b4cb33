//! The Python module `eucdm._eucdm` (the package `eucdm` wraps it): rule sets
//! ([`ruleset`]), their reports ([`report`]) and the exceptions a refusal
//! raises, with the text the CLI writes on its error line.

use pyo3::prelude::*;

mod codelists;
mod input;
mod movement;
mod parallel;
mod report;
mod ruleset;

pyo3::create_exception!(
    eucdm,
    Error,
    pyo3::exceptions::PyException,
    "Base class of the errors eucdm raises."
);
pyo3::create_exception!(
    eucdm,
    ReadError,
    Error,
    "A message that cannot be validated: not well-formed, not of a type the rule set reads, \
     over a limit, or a message from customs. The text is the CLI's error line for it."
);
pyo3::create_exception!(
    eucdm,
    RulesError,
    Error,
    "A rule directory with errors: the text is the compiler's diagnostics."
);
pyo3::create_exception!(
    eucdm,
    AnswersError,
    Error,
    "A file of registry answers (`external=`) that cannot be read or names a hook the \
     rule set does not declare."
);

pyo3::create_exception!(
    eucdm,
    CodelistsError,
    Error,
    "A folder of code lists of the day (`RuleSet.with_codelists`) that cannot be used: \
     the CLI's text, every fault as file:line:column."
);

#[pymodule]
#[pyo3(name = "_eucdm")]
fn eucdm_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("ReadError", py.get_type::<ReadError>())?;
    m.add("RulesError", py.get_type::<RulesError>())?;
    m.add("AnswersError", py.get_type::<AnswersError>())?;
    m.add("CodelistsError", py.get_type::<CodelistsError>())?;
    m.add_class::<report::PyReport>()?;
    m.add_class::<report::PyViolation>()?;
    m.add_class::<ruleset::PyRuleSet>()?;
    Ok(())
}
