//! [`RuleSet`]: what every rule set offers, compiled or interpreted.
//!
//! `#[derive(Validator)]` implements it on the struct it is put on (and
//! `build.rs` / `eucdm generate` code on a unit struct `Compiled`); the compiler's interpreter implements it on
//! `eucdm_compiler::interpret::Interpreter`. Callers dispatch through
//! `&dyn RuleSet` and never look at which one they hold.

use std::borrow::Cow;
use std::fmt;

use crate::document::Document;
use crate::report::Report;
use crate::schema::MessageSchema;
use crate::validator::{CodeListInfo, MessageValidator, Options, RuleInfo};
use crate::xml::ReadError;

/// A rule set: the message models it reads, the validation, and what it says
/// about its rules.
///
/// Object safe: a program chooses its rule set at run time and holds a
/// `&dyn RuleSet` or `Box<dyn RuleSet>`, shared between threads.
pub trait RuleSet: Send + Sync {
    /// The message models, for the readers ([`crate::read_xml`],
    /// [`crate::json::read_json`], [`crate::read_message`]).
    fn schemas(&self) -> &[&'static MessageSchema];

    /// Validates a document read with [`RuleSet::schemas`]; a document read
    /// with another rule set's models is refused, not validated.
    fn validate(&self, doc: &Document, opts: &Options<'_>) -> Result<Report, ForeignDocument>;

    /// Every rule: id, kind, title and period in force, in rule-set order.
    fn rules(&self) -> &[RuleInfo];

    /// Every code list declared, in declaration order: the lists reference
    /// data given at run time may replace ([`crate::refdata`]).
    fn codelists(&self) -> &[CodeListInfo];

    /// The external checks the rules ask the application: `(hook, what it
    /// answers)`, as `eucdm_runtime::Answers::check_hooks` takes the hooks.
    fn externals(&self) -> Vec<(&str, &str)>;

    /// `eucdm explain`: per rule id, what the rule is and what its checks
    /// touch, in rule-set order; then the ids a message table binds that no
    /// rule defines (guidelines). `(id, text)`.
    fn explanations(&self) -> Vec<(Cow<'_, str>, Cow<'_, str>)>;

    /// `eucdm coverage`: what the rule set covers of its specification.
    fn coverage(&self, format: CoverageFormat) -> Cow<'_, str>;

    /// The rule with id `id`.
    fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules().iter().find(|r| r.id.as_str() == id)
    }

    /// The explanation of `id` (see [`RuleSet::explanations`]).
    fn explain(&self, id: &str) -> Option<Cow<'_, str>> {
        self.explanations()
            .into_iter()
            .find(|(r, _)| r == id)
            .map(|(_, text)| text)
    }

    /// Reads an XML message and validates it.
    fn validate_xml(&self, bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
        let doc = crate::read_xml(bytes, self.schemas())?;
        Ok(self
            .validate(&doc, opts)
            .expect("read with its own schemas"))
    }

    /// Reads a message given as JSON (the shape of [`crate::json`]) and validates it.
    fn validate_json(&self, bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
        let doc = crate::json::read_json(bytes, self.schemas())?;
        Ok(self
            .validate(&doc, opts)
            .expect("read with its own schemas"))
    }

    /// Reads a message in either form (JSON when it starts with `{`, XML
    /// otherwise: [`crate::read_message`]) and validates it.
    fn validate_message(&self, bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
        let doc = crate::read_message(bytes, self.schemas())?;
        Ok(self
            .validate(&doc, opts)
            .expect("read with its own schemas"))
    }
}

/// The two renderings of [`RuleSet::coverage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageFormat {
    /// Per message, the totals and the ids under each status, for people.
    Text,
    /// One JSON object.
    Json,
}

/// A document given to [`RuleSet::validate`] that was read with the message
/// models of another rule set: its node numbers mean nothing to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignDocument {
    /// The document's message type (`CC015C`).
    pub message: &'static str,
}

impl ForeignDocument {
    /// The error for `doc`, named by its message type.
    pub fn of(doc: &Document) -> ForeignDocument {
        ForeignDocument {
            message: doc.schema().id,
        }
    }
}

impl fmt::Display for ForeignDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} document was read with another rule set's message models; read it with this rule set's `schemas()`",
            self.message
        )
    }
}

impl std::error::Error for ForeignDocument {}

/// Validates `doc` with the validator of its message model, as generated code
/// does for [`RuleSet::validate`]: the models are told apart by address.
pub fn dispatch(
    validators: &[&MessageValidator],
    doc: &Document,
    opts: &Options<'_>,
) -> Result<Report, ForeignDocument> {
    validators
        .iter()
        .find(|v| std::ptr::eq(v.schema, doc.schema()))
        .map(|v| (v.validate)(doc, opts))
        .ok_or_else(|| ForeignDocument::of(doc))
}
