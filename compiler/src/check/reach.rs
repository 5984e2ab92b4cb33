//! Unreachable branches: `else if` arms that hold only when an earlier arm
//! does, and an `else` that is never taken.

use crate::diagnostics::{Diagnostic, Span};
use crate::ir::Arm;

use super::formula::Formula;
use super::Checker;

impl Checker<'_> {
    /// Warns about `else if` arms that can never be taken, and an `else`
    /// (whose first statement is at `else_span`) that never is (bounded
    /// analysis, see [`super::formula`]).
    pub fn unreachable_arms(
        &mut self,
        arms: &[Arm],
        formulas: &[Formula],
        else_span: Option<Span>,
    ) {
        let (dead, else_dead) = super::formula::unreachable(self.model, formulas);
        for k in dead {
            self.out.push(
                Diagnostic::warning(
                    arms[k].span,
                    "unreachable branch: this condition holds only when an earlier one of the same `if` does",
                    "never taken",
                )
                .with_help("remove this arm, or move it before the arm that covers it"),
            );
        }
        if else_dead {
            if let Some(span) = else_span {
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
