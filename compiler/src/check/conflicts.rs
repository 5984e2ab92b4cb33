//! Conflicts between rules: two statements that make the same element
//! mandatory and forbidden in the same case.

use std::collections::HashSet;

use crate::declare::location;
use crate::diagnostics::{Diagnostic, Sources};
use crate::ir::{Check, Outcome, RuleIndex, RuleMeta, Stmt};
use crate::model::{MessageModel, NodeId};

use super::formula::{overlap, Fact, Formula};

/// Two statements that make the same element mandatory and forbidden in the
/// same case (see [`super::formula`] for what the bounded analysis covers),
/// among the `checks` of one message. Rules of which one disables the other,
/// or whose periods in force do not meet, never apply together and are not
/// compared.
pub fn between(
    model: &MessageModel,
    checks: &[Check],
    rules: &[RuleMeta],
    sources: &Sources,
) -> Vec<Diagnostic> {
    let facts: Vec<(RuleIndex, Fact)> = (checks.iter())
        .flat_map(|c| facts(model, &c.body).into_iter().map(|f| (c.rule, f)))
        .collect();
    let together = |a: &RuleMeta, b: &RuleMeta| {
        let disables = a.disables.contains(&b.id) || b.disables.contains(&a.id);
        let before = |x: &RuleMeta, y: &RuleMeta| match (&x.in_force_until, &y.in_force_from) {
            (Some(until), Some(from)) => until < from,
            _ => false,
        };
        !disables && !before(a, b) && !before(b, a)
    };
    let mut out = Vec::new();
    let mut reported = HashSet::new();
    for (i, (ra, a)) in facts.iter().enumerate() {
        for (rb, b) in &facts[i + 1..] {
            if a.target != b.target || a.mandatory == b.mandatory {
                continue;
            }
            if !together(&rules[ra.index()], &rules[rb.index()])
                || !reported.insert((a.span, b.span))
            {
                continue;
            }
            let Some(case) = overlap(model, a, b) else {
                continue;
            };
            let (m, f) = if a.mandatory { (a, b) } else { (b, a) };
            let (mr, fr) = if a.mandatory { (ra, rb) } else { (rb, ra) };
            let when = case.describe(model);
            out.push(
                Diagnostic::error(
                    b.span,
                    format!(
                        "`{}` is both mandatory and forbidden in the same case",
                        model.dotted(a.target)
                    ),
                    if b.mandatory {
                        "made mandatory here"
                    } else {
                        "made forbidden here"
                    },
                )
                .with_note(format!(
                    "{} makes it mandatory at {}",
                    rules[mr.index()].id,
                    location(sources, m.span)
                ))
                .with_note(format!(
                    "{} makes it forbidden at {}",
                    rules[fr.index()].id,
                    location(sources, f.span)
                ))
                .with_note(if when.is_empty() {
                    "both apply to every message".to_string()
                } else {
                    format!("both apply when {when}")
                })
                .with_help("make the conditions exclusive, or let one rule disable the other"),
            );
        }
    }
    out
}

/// The mandatory and forbidden statements of a rule, each with the
/// conditions of the `if`s around it, in the order they are written.
fn facts(model: &MessageModel, body: &[Stmt]) -> Vec<Fact> {
    let mut walk = Facts {
        model,
        guards: Vec::new(),
        out: Vec::new(),
    };
    walk.stmts(body, NodeId::ROOT);
    walk.out
}

struct Facts<'a> {
    model: &'a MessageModel,
    /// Conditions of the `if`s around the statement visited.
    guards: Vec<Formula>,
    out: Vec<Fact>,
}

impl Facts<'_> {
    fn stmts(&mut self, body: &[Stmt], ctx: NodeId) {
        body.iter().for_each(|s| self.stmt(s, ctx));
    }

    fn stmt(&mut self, s: &Stmt, ctx: NodeId) {
        match s {
            Stmt::If {
                arms, otherwise, ..
            } => {
                // Each arm runs when its condition holds and no earlier one does.
                let mut earlier: Vec<Formula> = Vec::new();
                for arm in arms {
                    let f = Formula::of(self.model, &arm.cond, ctx);
                    let not_earlier = earlier.iter().map(|e| Formula::Not(Box::new(e.clone())));
                    self.guards
                        .push(Formula::And(not_earlier.chain([f.clone()]).collect()));
                    self.stmts(&arm.body, ctx);
                    self.guards.pop();
                    earlier.push(f);
                }
                self.guards
                    .push(Formula::Not(Box::new(Formula::Or(earlier))));
                self.stmts(otherwise, ctx);
                self.guards.pop();
            }
            Stmt::ForEach { nav, body } => self.stmts(body, nav.target(self.model, ctx)),
            Stmt::Presence {
                target,
                outcome,
                span,
                ..
            } if *outcome != Outcome::Optional => self.out.push(Fact {
                target: *target,
                mandatory: *outcome == Outcome::Mandatory,
                ctx,
                guard: Formula::And(self.guards.clone()),
                span: *span,
            }),
            Stmt::Presence { .. }
            | Stmt::Assert { .. }
            | Stmt::Sequential { .. }
            | Stmt::Unique { .. }
            | Stmt::NotAllEqual { .. } => {}
        }
    }
}
