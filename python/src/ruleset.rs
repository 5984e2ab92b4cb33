//! `eucdm.RuleSet`: a shipped rule set as compiled (all of them, each message
//! by the one that reads its type, as `eucdm validate` without `--ruleset`;
//! or one by name), or a rule directory interpreted at run time (`--rules
//! DIR`); optionally with the code lists of the day (`--codelists DIR`).
//! Validation releases the GIL; `validate_many` uses every core.

use std::path::PathBuf;
use std::sync::Arc;

use eucdm_runtime::{
    validate_message, Answers, ExternalChecks, NoExternalChecks, Options, Refused, Report, RuleSet,
    Together,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::codelists::{self, CodelistsOfTheDay};
use crate::report::PyReport;
use crate::{input, movement, parallel, AnswersError, CodelistsError, ReadError, RulesError};

/// The shipped rule sets as `eucdm validate` takes them without `--ruleset`.
static SHIPPED: Together = Together::new(&[&eucdm_ncts_p5::NCTS_P5, &eucdm_uk_ens::UK_ENS]);

/// The names `shipped(name)` takes, as `--ruleset` does.
const NAMES: [&str; 3] = ["ncts-p5", "uk-ens", "uk-ens-legacy"];

#[derive(Clone)]
enum Source {
    Shipped(&'static dyn RuleSet),
    Interpreted(Arc<dyn RuleSet>),
}

/// A rule set: `RuleSet.shipped()` (the shipped ones, each message by the
/// one that reads its type), `RuleSet.shipped("ncts-p5")`, or
/// `RuleSet.from_dir("rules/ncts-p5")` (a rule directory, interpreted);
/// `.with_codelists(dir)` gives it the code lists of the day.
#[pyclass(frozen, name = "RuleSet", module = "eucdm")]
pub struct PyRuleSet {
    source: Source,
    name: String,
    /// The code lists of the day, replacing the rule set's lists of the same ids.
    codelists: Option<Arc<CodelistsOfTheDay>>,
}

/// What one call validates with besides the rules: `date=`, `external=`
/// and the rule set's code lists of the day.
struct Settings {
    date: Option<String>,
    answers: Option<Answers>,
    codelists: Option<Arc<CodelistsOfTheDay>>,
}

impl Settings {
    fn options(&self) -> Options<'_> {
        Options {
            date: self.date.clone(),
            external: match &self.answers {
                Some(a) => a as &dyn ExternalChecks,
                None => &NoExternalChecks,
            },
            movement: None,
            codelists: self.codelists.as_deref().map(|c| &c.data),
        }
    }
}

/// The columns of `_error_columns` (a dict of lists to Python): one entry
/// per error, or per message that could not be validated (then only `row`
/// and `error` are set).
#[derive(Default, IntoPyObject)]
struct ErrorColumns {
    row: Vec<usize>,
    message: Vec<Option<&'static str>>,
    code: Vec<Option<u16>>,
    pointer: Vec<Option<String>>,
    reason: Vec<Option<String>>,
    value: Vec<Option<String>>,
    error: Vec<Option<String>>,
}

impl ErrorColumns {
    /// The errors of message `row`.
    fn report(&mut self, row: usize, report: Report) {
        for v in report.violations {
            self.row.push(row);
            self.message.push(Some(report.message));
            self.code.push(Some(v.code.number()));
            self.pointer.push(Some(v.pointer));
            self.reason.push(Some(v.reason.to_string()));
            self.value.push(v.value);
            self.error.push(None);
        }
    }

    /// Message `row`, which could not be validated, and why.
    fn refused(&mut self, row: usize, why: String) {
        self.row.push(row);
        self.message.push(None);
        self.code.push(None);
        self.pointer.push(None);
        self.reason.push(None);
        self.value.push(None);
        self.error.push(Some(why));
    }
}

/// The text of a null cell given to `_error_columns`.
const NULL_MESSAGE: &str = "no message (the value is null)";

impl PyRuleSet {
    fn rules(&self) -> &dyn RuleSet {
        match &self.source {
            Source::Shipped(r) => *r,
            Source::Interpreted(r) => &**r,
        }
    }

    /// `date=` checked as `--date` is, `external=` read as `--external FILE`.
    fn settings(&self, date: Option<String>, external: Option<PathBuf>) -> PyResult<Settings> {
        if let Some(d) = &date {
            if !eucdm_runtime::structure::is_date(d.as_bytes()) {
                return Err(PyValueError::new_err(format!(
                    "`{d}` is not a date (YYYY-MM-DD, a day of the calendar)"
                )));
            }
        }
        let answers = match external {
            None => None,
            Some(file) => {
                let hooks: Vec<&str> = (self.rules().externals().into_iter())
                    .map(|(h, _)| h)
                    .collect();
                let read = Answers::read(&file).and_then(|a| a.check_hooks(&hooks).map(|()| a));
                Some(read.map_err(|e| AnswersError::new_err(e.to_string()))?)
            }
        };
        Ok(Settings {
            date,
            answers,
            codelists: self.codelists.clone(),
        })
    }

    /// Each message's outcome, on `jobs` threads, without the GIL.
    fn outcomes(
        &self,
        py: Python<'_>,
        messages: &[Option<Vec<u8>>],
        jobs: Option<usize>,
        settings: &Settings,
    ) -> Vec<Option<Result<Report, Refused>>> {
        let jobs = jobs.unwrap_or_else(parallel::every_core);
        py.detach(|| {
            let opts = settings.options();
            parallel::map(messages, jobs, |m| {
                m.as_ref()
                    .map(|bytes| validate_message(bytes, self.rules(), &opts))
            })
        })
    }
}

#[pymethods]
impl PyRuleSet {
    /// The shipped rule sets, compiled in: without a name all of them, each
    /// message judged by the one that reads its type (NCTS P5 messages by
    /// ncts-p5, CC315A and CC313A by uk-ens); else "ncts-p5", "uk-ens" or
    /// "uk-ens-legacy", as `eucdm validate --ruleset NAME`.
    #[staticmethod]
    #[pyo3(signature = (name=None))]
    fn shipped(name: Option<&str>) -> PyResult<Self> {
        let set: &'static dyn RuleSet = match name {
            None => &SHIPPED,
            Some("ncts-p5") => &eucdm_ncts_p5::NCTS_P5,
            Some("uk-ens") => &eucdm_uk_ens::UK_ENS,
            Some("uk-ens-legacy") => &eucdm_uk_ens::UK_ENS_LEGACY,
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "no shipped rule set `{other}` (one of: {})",
                    NAMES.join(", ")
                )))
            }
        };
        Ok(PyRuleSet {
            source: Source::Shipped(set),
            name: name.unwrap_or("shipped").to_string(),
            codelists: None,
        })
    }

    /// The rule directory `rules` (its *.model, *.rules and data-elements.dict
    /// files) compiled and interpreted, as `eucdm validate --rules DIR`: an
    /// edited rule applies at once, the reports are the compiled set's.
    /// `codelists`: the folder of its code-list CSV files (default:
    /// codelists/ beside the folder holding `rules`, else ./codelists).
    /// Raises RulesError with the compiler's diagnostics when it has errors.
    #[staticmethod]
    #[pyo3(signature = (rules, codelists=None))]
    fn from_dir(py: Python<'_>, rules: PathBuf, codelists: Option<PathBuf>) -> PyResult<Self> {
        let lists = eucdm_compiler::codelists_for(&rules, codelists);
        let compiled = py.detach(|| eucdm_compiler::compile_dir(&rules, &lists));
        match compiled {
            Ok(c) => Ok(PyRuleSet {
                source: Source::Interpreted(Arc::new(eucdm_compiler::interpret::Interpreter::new(
                    &c.ruleset,
                ))),
                name: rules.display().to_string(),
                codelists: None,
            }),
            Err(f) => Err(RulesError::new_err(format!(
                "{}\n{} has errors; run `eucdm check` on it",
                f.render(),
                rules.display()
            ))),
        }
    }

    /// "shipped", the shipped set's name, or the rule directory.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// This rule set with the code lists of the day in `dir`, as `eucdm
    /// validate --codelists DIR`: each `<ID>.csv` of a list the rule set
    /// declares replaces that list (any given before too) and is taken as
    /// complete (a code it does not hold is error 12); other lists keep their
    /// content. The files are read once, here. Raises CodelistsError with
    /// the CLI's text (every fault as file:line:column) when a file cannot be
    /// used or `dir` holds no list of the rule set.
    fn with_codelists(&self, py: Python<'_>, dir: PathBuf) -> PyResult<Self> {
        let read = py.detach(|| codelists::read(&dir, self.rules()));
        Ok(PyRuleSet {
            source: self.source.clone(),
            name: self.name.clone(),
            codelists: Some(Arc::new(read.map_err(CodelistsError::new_err)?)),
        })
    }

    /// The ids of the code lists of the day taken (`with_codelists`), sorted;
    /// None when none were given.
    #[getter]
    fn codelists(&self) -> Option<Vec<String>> {
        self.codelists.as_ref().map(|c| c.taken.clone())
    }

    /// The `*.csv` files of the `with_codelists` folder that name no list of
    /// the rule set (not read), sorted; empty when none were given.
    #[getter]
    fn codelists_unused(&self) -> Vec<String> {
        self.codelists
            .as_ref()
            .map_or_else(Vec::new, |c| c.unused.clone())
    }

    /// Validates one message (bytes or str: XML, or JSON when it starts with
    /// `{`). `date`: judge it by the rules in force on that day
    /// ("YYYY-MM-DD") instead of its preparation date. `external`: a file of
    /// registry answers, one `<hook> <valid|invalid> <value>` per line (as
    /// `--external FILE`). `movement`: the other messages of its movement
    /// (sent or received, any order): it is judged with those prepared
    /// before it, or at the same time, as `--movement DIR` judges it; a
    /// message type the movement does not hold was not sent. Without
    /// `movement` the rules that read another message are undecided. Raises
    /// ReadError, with the CLI's text, for a message that cannot be validated
    /// (or a message of `movement` that cannot be read).
    #[pyo3(signature = (message, date=None, external=None, movement=None))]
    fn validate(
        &self,
        py: Python<'_>,
        message: &Bound<'_, PyAny>,
        date: Option<String>,
        external: Option<PathBuf>,
        movement: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReport> {
        let settings = self.settings(date, external)?;
        let bytes = input::message(message)?;
        let outcome = match movement {
            None => {
                let one = [Some(bytes)];
                let outcome = self.outcomes(py, &one, Some(1), &settings).pop();
                let outcome = outcome.flatten().expect("one message, one outcome");
                outcome.map_err(|refused| refused.to_string())
            }
            Some(context) => {
                let context = input::all(context)?;
                py.detach(|| {
                    let docs = movement::read(&context, self.rules())?;
                    movement::validate_in(&bytes, docs, self.rules(), &settings.options())
                        .map_err(|r| r.to_string())
                })
            }
        };
        match outcome {
            Ok(report) => Ok(PyReport { report }),
            Err(refused) => Err(ReadError::new_err(refused)),
        }
    }

    /// Validates the messages of one movement (sent and received, any
    /// order) as `eucdm validate --movement DIR` does: each trader message
    /// is judged with the messages prepared before it; messages from customs
    /// (CC028C, CC043C) are context only. Returns `(index in messages,
    /// Report)` for each trader message, in the order they were prepared
    /// (messages prepared at the same time in the order given): the CLI's
    /// lines for a directory are those of its files in name order. Raises
    /// ReadError, nothing validated, when a message cannot be read.
    #[pyo3(signature = (messages, date=None, external=None))]
    fn validate_movement(
        &self,
        py: Python<'_>,
        messages: &Bound<'_, PyAny>,
        date: Option<String>,
        external: Option<PathBuf>,
    ) -> PyResult<Vec<(usize, PyReport)>> {
        let settings = self.settings(date, external)?;
        let messages = input::all(messages)?;
        let reports = py.detach(|| {
            let docs = movement::read(&messages, self.rules())?;
            Ok::<_, String>(movement::validate_all(
                docs,
                self.rules(),
                &settings.options(),
            ))
        });
        let reports = reports.map_err(ReadError::new_err)?;
        Ok(reports
            .into_iter()
            .map(|(i, report)| (i, PyReport { report }))
            .collect())
    }

    /// Validates every message of `messages` (an iterable of bytes or str)
    /// on `jobs` threads (default: every core), without the GIL. Returns a
    /// list in input order: a Report for each message, or the ReadError
    /// (not raised) of one that cannot be validated.
    #[pyo3(signature = (messages, jobs=None, date=None, external=None))]
    fn validate_many(
        &self,
        py: Python<'_>,
        messages: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        date: Option<String>,
        external: Option<PathBuf>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let settings = self.settings(date, external)?;
        let messages = input::messages(messages, false)?;
        let outcomes = self.outcomes(py, &messages, jobs, &settings);
        let mut out = Vec::with_capacity(outcomes.len());
        for o in outcomes {
            out.push(match o.expect("no null message") {
                Ok(report) => Py::new(py, PyReport { report })?.into_any(),
                Err(refused) => ReadError::new_err(refused.to_string())
                    .into_value(py)
                    .into_any(),
            });
        }
        Ok(out)
    }

    /// The errors of `messages` (a sequence of bytes, str or None) as a dict
    /// of columns `row`, `message`, `code`, `pointer`, `reason`, `value`,
    /// `error`: one entry per error, or per message that could not be
    /// validated (with only `row` and `error`). For `eucdm.validate_arrow`.
    #[pyo3(signature = (messages, jobs=None, date=None, external=None))]
    fn _error_columns(
        &self,
        py: Python<'_>,
        messages: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        date: Option<String>,
        external: Option<PathBuf>,
    ) -> PyResult<ErrorColumns> {
        let settings = self.settings(date, external)?;
        let messages = input::messages(messages, true)?;
        let outcomes = self.outcomes(py, &messages, jobs, &settings);
        let mut columns = ErrorColumns::default();
        for (row, o) in outcomes.into_iter().enumerate() {
            match o {
                None => columns.refused(row, NULL_MESSAGE.to_string()),
                Some(Err(refused)) => columns.refused(row, refused.to_string()),
                Some(Ok(report)) => columns.report(row, report),
            }
        }
        Ok(columns)
    }

    fn __repr__(&self) -> String {
        match &self.codelists {
            None => format!("<RuleSet {}>", self.name),
            Some(c) => format!("<RuleSet {} with {}>", self.name, c.taken.join(", ")),
        }
    }
}
