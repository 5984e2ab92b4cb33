//! Unreachable branches: `else if` arms that hold only when an earlier arm
//! does, and an `else` that is never taken.

use crate::diagnostics::{Diagnostic, Span};
use crate::syntax::ast::{Condition, Statement};

use super::formula::Formula;
use super::Checker;

impl Checker<'_> {
    /// Warns about `else if` arms that can never be taken, and an `else`
    /// that never is (bounded analysis, see [`super::formula`]).
    pub fn unreachable_arms(
        &mut self,
        arms: &[(Condition, Vec<Statement>)],
        formulas: &[Formula],
        otherwise: &[Statement],
    ) {
        let (dead, else_dead) = super::formula::unreachable(self.model, formulas);
        for k in dead {
            let Some(span) = condition_span(&arms[k].0) else {
                continue;
            };
            self.out.push(
                Diagnostic::warning(
                    span,
                    "unreachable branch: this condition holds only when an earlier one of the same `if` does",
                    "never taken",
                )
                .with_help("remove this arm, or move it before the arm that covers it"),
            );
        }
        if else_dead {
            if let Some(span) = otherwise.first().map(statement_span) {
                self.out.push(
                    Diagnostic::warning(
                        span,
                        "unreachable branch: the `else` is never taken, one of the conditions above always holds",
                        "never runs",
                    )
                    .with_help("remove the `else`, or the condition that makes it unreachable"),
                );
            }
        }
    }
}

/// The text a condition spans (from its first to its last predicate).
fn condition_span(c: &Condition) -> Option<Span> {
    match c {
        Condition::Predicate { span, .. }
        | Condition::Quantified { span, .. }
        | Condition::Unchanged { span, .. } => Some(*span),
        Condition::Not(x) => condition_span(x),
        Condition::And(v) | Condition::Or(v) => {
            let first = v.first().and_then(condition_span)?;
            let last = v.last().and_then(condition_span)?;
            Some(Span {
                end: last.end,
                ..first
            })
        }
    }
}

fn statement_span(s: &Statement) -> Span {
    match s {
        Statement::If { span, .. }
        | Statement::Presence { span, .. }
        | Statement::ForEach { span, .. }
        | Statement::InMessage { span, .. }
        | Statement::Must { span, .. }
        | Statement::Complete { span, .. } => *span,
    }
}
