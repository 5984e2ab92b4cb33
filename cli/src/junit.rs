//! `eucdm validate --format junit`: the run as a JUnit XML report, the test
//! report CI systems read (GitLab's `artifacts:reports:junit`, Jenkins'
//! `junit` step, Azure Pipelines' `PublishTestResults`, CircleCI, GitHub
//! through test-report actions), so invalid declarations show up as failed
//! tests of the pipeline.
//!
//! One `<testcase>` per message file (`name` the file, `classname` the
//! message type), a `<failure>` per violation (`type` the rule or code list,
//! `message` code, rule, pointer and value), an `<error>` for a file that
//! could not be validated, the undecided checks as `<system-out>`; one
//! `<testsuite>` holds them, with the counts of the elements of the
//! Jenkins/Ant JUnit schema. No times: the report is the same from run to run.

use eucdm_runtime::report::Violation;
use eucdm_runtime::{Report, RuleSet, MAX_FUNCTIONAL_ERRORS};
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;

use crate::xml_text::{carried, content};

/// The name of the suite (and of the report).
const SUITE: &str = "eucdm validate";

/// The test cases of a run, in input order.
#[derive(Default)]
pub struct Suite {
    cases: Vec<Case>,
}

/// One file's test case.
pub struct Case {
    name: String,
    classname: &'static str,
    verdict: Verdict,
}

enum Verdict {
    /// Validated: the violations' failures (none: passed), the notes.
    Validated {
        failures: Vec<Failure>,
        notes: Option<String>,
    },
    /// Not validated, and why.
    Error(String),
}

/// One violation as a `<failure>`.
struct Failure {
    /// One line, what a CI's summary shows: code, reason, pointer, value.
    message: String,
    /// The rule, code list or structure fault.
    kind: String,
    /// The message and the rule's title.
    text: String,
}

type Out = Writer<Vec<u8>>;

impl Suite {
    pub fn push(&mut self, case: Case) {
        self.cases.push(case);
    }

    /// The whole report.
    pub fn finish(&self) -> String {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        self.write(&mut w).expect("writing to memory does not fail");
        let mut xml = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
        xml.push('\n');
        xml
    }

    fn write(&self, w: &mut Out) -> std::io::Result<()> {
        let failed = |c: &&Case| matches!(&c.verdict, Verdict::Validated { failures, .. } if !failures.is_empty());
        let errored = |c: &&Case| matches!(c.verdict, Verdict::Error(_));
        let (tests, failures, errors) = (
            self.cases.len().to_string(),
            self.cases.iter().filter(failed).count().to_string(),
            self.cases.iter().filter(errored).count().to_string(),
        );
        let counts = [
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
        ];
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("testsuites")
            .with_attribute(("name", SUITE))
            .with_attributes(counts)
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attribute(("name", SUITE))
                    .with_attributes(counts)
                    .with_attribute(("skipped", "0"))
                    .write_inner_content(|w| self.cases.iter().try_for_each(|c| c.write(w)))?;
                Ok(())
            })?;
        Ok(())
    }
}

impl Case {
    fn write(&self, w: &mut Out) -> std::io::Result<()> {
        let element = w
            .create_element("testcase")
            .with_attribute(("name", self.name.as_str()))
            .with_attribute(("classname", self.classname));
        if let Verdict::Validated {
            failures,
            notes: None,
        } = &self.verdict
        {
            if failures.is_empty() {
                element.write_empty()?;
                return Ok(());
            }
        }
        element.write_inner_content(|w| match &self.verdict {
            Verdict::Validated { failures, notes } => {
                for f in failures {
                    w.create_element("failure")
                        .with_attribute(("message", f.message.as_str()))
                        .with_attribute(("type", f.kind.as_str()))
                        .write_text_content(content(&f.text))?;
                }
                match notes {
                    Some(text) => text_element(w, "system-out", text),
                    None => Ok(()),
                }
            }
            Verdict::Error(e) => {
                w.create_element("error")
                    .with_attribute(("message", e.as_str()))
                    .write_empty()?;
                Ok(())
            }
        })?;
        Ok(())
    }
}

/// The case of a validated message: a failure per violation.
pub fn validated(file: &str, report: &Report, ruleset: &dyn RuleSet) -> Case {
    Case {
        name: carried(file).into_owned(),
        classname: report.message,
        verdict: Verdict::Validated {
            failures: report
                .violations
                .iter()
                .map(|v| failure(v, ruleset))
                .collect(),
            notes: notes(report),
        },
    }
}

/// The case of a file that could not be validated, and why.
pub fn unreadable(file: &str, error: &str) -> Case {
    Case {
        name: carried(file).into_owned(),
        classname: "eucdm",
        verdict: Verdict::Error(carried(error).into_owned()),
    }
}

fn failure(v: &Violation, ruleset: &dyn RuleSet) -> Failure {
    let value = match &v.value {
        Some(x) => format!("{x:?}"),
        None => "-".into(),
    };
    let kind = v.reason.to_string();
    let message = format!(
        "error {} {kind} at {} value {value}",
        v.code.number(),
        v.pointer
    );
    let title = crate::validate::title(v, ruleset);
    let text = match title {
        "" => message.clone(),
        title => format!("{message}: {title}"),
    };
    Failure {
        text: carried(&text).into_owned(),
        message: carried(&message).into_owned(),
        kind: carried(&kind).into_owned(),
    }
}

/// The undecided checks and the cap on errors, as the text output says them.
fn notes(report: &Report) -> Option<String> {
    let mut lines: Vec<String> = report
        .undecided
        .iter()
        .map(|(rule, pointer)| format!("note: {rule} at {pointer} not decided"))
        .collect();
    if report.truncated {
        lines.push(format!(
            "note: more errors were found; only the first {MAX_FUNCTIONAL_ERRORS} are listed"
        ));
    }
    (!lines.is_empty()).then(|| carried(&lines.join("\n")).into_owned())
}

fn text_element(w: &mut Out, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(content(text))?;
    Ok(())
}
