//! The checks of resolved rules, beside name resolution: types of
//! comparisons ([`types`]), literals against code lists ([`literals`]),
//! unreachable branches ([`reach`]) and statements that make one element both
//! mandatory and forbidden ([`conflicts`]), the last two through the bounded
//! analysis of [`formula`].
//!
//! The resolver calls the checks of a rule where it resolves the construct
//! they look at, so a rule's diagnostics stay in source order; conflicts
//! between rules are checked once a message's rules are resolved.

pub mod conflicts;
pub mod formula;
pub mod literals;
pub mod reach;
pub mod types;

pub use formula::{overlap, unreachable, Case, Fact, Formula, MAX_CASES};

use crate::codelist::CodeLists;
use crate::diagnostics::Diagnostic;
use crate::model::MessageModel;

/// Runs checks for one message model and collects their diagnostics, errors
/// and warnings, in the order found.
pub struct Checker<'a> {
    model: &'a MessageModel,
    codelists: &'a CodeLists,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(model: &'a MessageModel, codelists: &'a CodeLists) -> Self {
        Checker {
            model,
            codelists,
            out: Vec::new(),
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}
