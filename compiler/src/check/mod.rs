//! The static checks, a pass over resolved rules: types of comparisons
//! ([`types`]), literals against code lists ([`literals`]), unreachable
//! branches ([`reach`]) and statements that make one element both mandatory
//! and forbidden ([`conflicts`]), the last two through the bounded analysis
//! of [`formula`].
//!
//! [`rule`] walks one rule's IR in one message model and reports in the
//! order the rule is written (a branch's reachability after its body);
//! [`conflicts::between`] compares the rules of a message once all are
//! resolved.

pub mod conflicts;
pub mod formula;
pub mod literals;
pub mod reach;
pub mod types;

pub use formula::{overlap, unreachable, Case, Fact, Formula, MAX_CASES};

use crate::codelist::CodeLists;
use crate::diagnostics::Diagnostic;
use crate::ir::{Cond, SetRef, Stmt, Value};
use crate::model::{MessageModel, NodeId};

use types::Side;

/// The errors and warnings of one rule resolved in `model` (`models`: every
/// model of the rule set, which a test of another message reads).
pub fn rule(
    model: &MessageModel,
    models: &[MessageModel],
    codelists: &CodeLists,
    body: &[Stmt],
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        model,
        models,
        codelists,
        out: Vec::new(),
    };
    checker.stmts(body, NodeId::ROOT);
    checker.out
}

/// Walks a rule's IR with its context node, collecting diagnostics in order.
pub struct Checker<'a> {
    /// The model of the message the walk reads: the one validated, or
    /// another of the movement inside a [`Cond::Context`].
    model: &'a MessageModel,
    models: &'a [MessageModel],
    codelists: &'a CodeLists,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn stmts(&mut self, body: &[Stmt], ctx: NodeId) {
        body.iter().for_each(|s| self.stmt(s, ctx));
    }

    fn stmt(&mut self, s: &Stmt, ctx: NodeId) {
        match s {
            Stmt::If {
                arms,
                otherwise,
                else_span,
            } => {
                let mut formulas = Vec::new();
                for arm in arms {
                    self.cond(&arm.cond, ctx);
                    self.stmts(&arm.body, ctx);
                    formulas.push(Formula::of(self.model, &arm.cond, ctx));
                }
                self.stmts(otherwise, ctx);
                self.unreachable_arms(arms, &formulas, *else_span);
            }
            Stmt::ForEach { nav, body } => self.stmts(body, nav.target(self.model, ctx)),
            Stmt::Assert { subject, test } => self.cond(test, subject.target(self.model, ctx)),
            Stmt::Presence { .. }
            | Stmt::Sequential { .. }
            | Stmt::Unique { .. }
            | Stmt::NotAllEqual { .. } => {}
        }
    }

    fn cond(&mut self, c: &Cond, ctx: NodeId) {
        match c {
            Cond::And(v) | Cond::Or(v) => v.iter().for_each(|x| self.cond(x, ctx)),
            Cond::Not(x) => self.cond(x, ctx),
            Cond::Quantified { nav, body, .. } => self.cond(body, nav.target(self.model, ctx)),
            // The test reads the other message, from its root.
            Cond::Context { message, body } => {
                let models = self.models;
                let validated = std::mem::replace(&mut self.model, &models[*message]);
                self.cond(body, NodeId::ROOT);
                self.model = validated;
            }
            Cond::Compare {
                lhs,
                op,
                rhs,
                spans,
                ..
            } => {
                let side = |value, span| Side {
                    value,
                    node: self.value_node(value, ctx),
                    span,
                };
                let (l, r) = (side(lhs, spans.lhs), side(rhs, spans.rhs));
                self.comparison(l, r, *op);
                self.value_conds(lhs, ctx);
                self.value_conds(rhs, ctx);
            }
            Cond::InSet {
                value,
                set,
                set_spans,
            } => {
                self.membership(self.value_node(value, ctx), set, set_spans);
                if let (Value::Prefix(n, _), SetRef::Literal(members)) = (value, set) {
                    for (m, span) in members.iter().zip(set_spans) {
                        self.prefix_literal(*n, m, *span);
                    }
                }
            }
            Cond::Const(_)
            | Cond::Exists(_)
            | Cond::External { .. }
            | Cond::Format { .. }
            | Cond::Shape { .. }
            | Cond::Sequence { .. }
            | Cond::Regex { .. }
            | Cond::Sequential { .. }
            | Cond::Unchanged { .. } => {}
        }
    }

    /// The conditions inside a value (`count(G satisfies (...))`), checked
    /// as any other, with each instance as context.
    fn value_conds(&mut self, v: &Value, ctx: NodeId) {
        match v {
            Value::CountWhere { nav, body } => self.cond(body, nav.target(self.model, ctx)),
            Value::Arith(a, _, b) => {
                self.value_conds(a, ctx);
                self.value_conds(b, ctx);
            }
            _ => {}
        }
    }

    /// The model node a value reads, when it is an element's own value.
    fn value_node(&self, v: &Value, ctx: NodeId) -> Option<NodeId> {
        let (Value::Text(nav) | Value::RawText(nav)) = v else {
            return None;
        };
        Some(nav.target(self.model, ctx))
    }
}
