//! Conflicts between rules: two statements that make the same element
//! mandatory and forbidden in the same case.

use std::collections::HashSet;

use crate::declare::location;
use crate::diagnostics::{Diagnostic, Sources};
use crate::ir::{RuleIndex, RuleMeta};
use crate::model::MessageModel;

use super::formula::{overlap, Fact};

/// Two statements that make the same element mandatory and forbidden in the
/// same case (see [`super::formula`] for what the bounded analysis covers). Rules
/// of which one disables the other, or whose periods in force do not meet,
/// never apply together and are not compared.
pub fn between(
    model: &MessageModel,
    facts: &[(RuleIndex, Fact)],
    rules: &[RuleMeta],
    sources: &Sources,
) -> Vec<Diagnostic> {
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
