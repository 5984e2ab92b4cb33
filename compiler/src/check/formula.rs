//! Logic checks of resolved rules: two statements that make the same element
//! both mandatory and forbidden for the same case, and `else if` arms (or an
//! `else`) that can never be taken.
//!
//! The analysis is bounded, and says nothing rather than something wrong:
//!
//! - Conditions are abstracted to a [`Formula`] over two kinds of atoms:
//!   `element = 'code'` (from `=`, `!=`, `in <a,b>`, `not in <a,b>` on a text
//!   or code element compared with literals) and `element is present` (from
//!   `is present` / `is absent`). Everything else — numbers and dates compared
//!   with `<`/`>`, `in CLxxx`, `any`/`all`/`none`, `count`, `sum`, `first N
//!   characters`, `iteration`, external checks, elements reached through a
//!   repeating data group — is *unknown*, and a formula is only taken as true
//!   or false when it is so whatever the unknown parts are (three-valued logic).
//! - Each element an atom names takes one value of a small domain: every
//!   literal the formulas compare it with, "another code" and "absent" (or just
//!   "present" / "absent" when it is only tested for presence). A present
//!   element has its present parents. All combinations are tried, up to
//!   [`MAX_CASES`]; beyond that the pair or chain is not analysed.
//! - Two statements of different `for each` contexts are compared only on
//!   elements that occur once in the whole message (an element inside a
//!   repeating group may be another instance in the other context); their
//!   other atoms are unknown.
//! - Rules of which one disables the other, or whose periods in force do not
//!   meet, are not compared.
//!
//! Not detected: conflicts that depend on numbers, dates, code lists, counts
//! or quantifiers; conflicts between a rule and the message table's own status
//! (`R` data items made forbidden); `optional` against anything.

use std::collections::BTreeMap;

use eucdm_runtime::Tri;

use crate::diagnostics::{quoted, Span};
use crate::ir::CompareOp;
use crate::ir::{Cond, Nav, SetRef, Value};
use crate::model::{MessageModel, NodeId};

/// The most combinations of element values tried for one question.
pub const MAX_CASES: usize = 1 << 14;

/// A condition, abstracted for the analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    Const(bool),
    /// Not analysed: may be true or false.
    Unknown,
    /// Model node `.0` has the value `.1`.
    Eq(NodeId, String),
    /// Model node is present.
    Present(NodeId),
    Not(Box<Formula>),
    And(Vec<Formula>),
    Or(Vec<Formula>),
}

impl Formula {
    /// Abstracts a resolved condition evaluated with `ctx` as context.
    pub fn of(model: &MessageModel, c: &Cond, ctx: NodeId) -> Formula {
        let single = |nav: &Nav| -> Option<NodeId> {
            if nav
                .down
                .iter()
                .any(|&n| model.node(NodeId::of_schema(n)).repeatable())
            {
                return None;
            }
            Some(nav.target(model, ctx))
        };
        let eq = |nav: &Nav, lit: &Value| -> Formula {
            match (single(nav), lit) {
                (Some(n), Value::LitText(s) | Value::LitNumber(s)) => Formula::Eq(n, s.clone()),
                _ => Formula::Unknown,
            }
        };
        match c {
            Cond::Const(b) => Formula::Const(*b),
            Cond::And(v) => Formula::And(v.iter().map(|x| Formula::of(model, x, ctx)).collect()),
            Cond::Or(v) => Formula::Or(v.iter().map(|x| Formula::of(model, x, ctx)).collect()),
            Cond::Not(x) => Formula::Not(Box::new(Formula::of(model, x, ctx))),
            Cond::Exists(nav) => single(nav).map_or(Formula::Unknown, Formula::Present),
            Cond::Compare {
                lhs,
                op: op @ (CompareOp::Eq | CompareOp::Ne),
                rhs,
                ty: crate::ir::CmpType::Text,
                ..
            } => {
                let f = match (lhs, rhs) {
                    // Compared as text: `= 1` on a code is the code `1`.
                    (Value::Text(nav), lit @ (Value::LitText(_) | Value::LitNumber(_)))
                    | (lit @ (Value::LitText(_) | Value::LitNumber(_)), Value::Text(nav)) => {
                        eq(nav, lit)
                    }
                    _ => Formula::Unknown,
                };
                if *op == CompareOp::Ne && f != Formula::Unknown {
                    // `!=` is false when the element is absent (no value to compare).
                    let Formula::Eq(n, _) = &f else {
                        unreachable!()
                    };
                    Formula::And(vec![Formula::Present(*n), Formula::Not(Box::new(f))])
                } else {
                    f
                }
            }
            Cond::InSet {
                value: Value::Text(nav),
                set: SetRef::Literal(members),
                ..
            } => match single(nav) {
                Some(n) => Formula::Or(members.iter().map(|m| Formula::Eq(n, m.clone())).collect()),
                None => Formula::Unknown,
            },
            _ => Formula::Unknown,
        }
    }

    fn not(self) -> Formula {
        Formula::Not(Box::new(self))
    }

    /// The same formula with atoms on elements that may repeat in the message
    /// made unknown (for comparing statements of different contexts).
    fn only_unique(&self, model: &MessageModel) -> Formula {
        let unique = |n: NodeId| model.chain(n).iter().all(|&c| !model.node(c).repeatable());
        match self {
            Formula::Eq(n, _) | Formula::Present(n) if !unique(*n) => Formula::Unknown,
            Formula::Not(x) => x.only_unique(model).not(),
            Formula::And(v) => Formula::And(v.iter().map(|x| x.only_unique(model)).collect()),
            Formula::Or(v) => Formula::Or(v.iter().map(|x| x.only_unique(model)).collect()),
            f => f.clone(),
        }
    }

    fn atoms(&self, out: &mut BTreeMap<NodeId, Vec<String>>) {
        match self {
            Formula::Eq(n, v) => {
                let values = out.entry(*n).or_default();
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
            Formula::Present(n) => {
                out.entry(*n).or_default();
            }
            Formula::Not(x) => x.atoms(out),
            Formula::And(v) | Formula::Or(v) => v.iter().for_each(|x| x.atoms(out)),
            Formula::Const(_) | Formula::Unknown => {}
        }
    }

    /// Three-valued, as the validator evaluates conditions.
    fn eval(&self, case: &Case) -> Tri {
        match self {
            Formula::Const(b) => Tri::from_bool(*b),
            Formula::Unknown => Tri::Unknown,
            Formula::Eq(n, v) => Tri::from_bool(matches!(case.get(*n), Val::Code(c) if c == v)),
            Formula::Present(n) => Tri::from_bool(!matches!(case.get(*n), Val::Absent)),
            Formula::Not(x) => x.eval(case).not(),
            Formula::And(v) => v.iter().fold(Tri::True, |a, x| a.and(|| x.eval(case))),
            Formula::Or(v) => v.iter().fold(Tri::False, |a, x| a.or(|| x.eval(case))),
        }
    }
}

/// The value an element takes in one case.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Absent,
    /// Present, with a value the formulas do not name (or not compared at all).
    Other,
    Code(String),
}

/// One combination of element values.
#[derive(Debug, Clone)]
pub struct Case {
    values: Vec<(NodeId, Val)>,
    /// For each element, the codes the formulas name (to describe "another code").
    named: BTreeMap<NodeId, Vec<String>>,
}

impl Case {
    fn get(&self, n: NodeId) -> &Val {
        self.values
            .iter()
            .find(|(m, _)| *m == n)
            .map_or(&Val::Other, |(_, v)| v)
    }

    /// "`TransitOperation.declarationType` = 'TIR', `Guarantee` is absent".
    pub fn describe(&self, model: &MessageModel) -> String {
        self.values
            .iter()
            .map(|(n, v)| {
                let name = model.dotted(*n);
                match v {
                    Val::Absent => format!("`{name}` is absent"),
                    Val::Code(c) => format!("`{name}` = '{c}'"),
                    Val::Other => match self.named.get(n).filter(|v| !v.is_empty()) {
                        None => format!("`{name}` is present"),
                        Some(codes) => format!(
                            "`{name}` is present and not {}",
                            quoted(codes.iter().map(String::as_str))
                        ),
                    },
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every combination of values of the elements the formulas name, or `None`
/// when there are more than [`MAX_CASES`].
fn cases(model: &MessageModel, formulas: &[&Formula]) -> Option<Vec<Case>> {
    let mut named = BTreeMap::new();
    for f in formulas {
        f.atoms(&mut named);
    }
    let domains: Vec<(NodeId, Vec<Val>)> = named
        .iter()
        .map(|(&n, codes)| {
            let mut d = vec![Val::Absent, Val::Other];
            d.extend(codes.iter().cloned().map(Val::Code));
            (n, d)
        })
        .collect();
    let total = domains
        .iter()
        .try_fold(1usize, |acc, (_, d)| acc.checked_mul(d.len()))?;
    if total > MAX_CASES {
        return None;
    }
    let mut out = Vec::with_capacity(total);
    for mut i in 0..total {
        let mut values = Vec::with_capacity(domains.len());
        for (n, d) in &domains {
            values.push((*n, d[i % d.len()].clone()));
            i /= d.len();
        }
        // A present element has its parents present.
        let consistent = values.iter().all(|(n, v)| {
            *v == Val::Absent
                || values.iter().all(|(m, w)| {
                    !(*w == Val::Absent && m != n && model.is_ancestor_or_self(*m, *n))
                })
        });
        if consistent {
            out.push(Case {
                values,
                named: named.clone(),
            });
        }
    }
    Some(out)
}

/// A statement making an element mandatory or forbidden, under the
/// conditions of the `if`s around it.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Model node of the element.
    pub target: NodeId,
    pub mandatory: bool,
    /// Model node of the `for each` context.
    pub ctx: NodeId,
    pub guard: Formula,
    /// The target as written.
    pub span: Span,
}

/// A case in which both facts apply, if one is found.
pub fn overlap(model: &MessageModel, a: &Fact, b: &Fact) -> Option<Case> {
    let (ga, gb) = if a.ctx == b.ctx {
        (a.guard.clone(), b.guard.clone())
    } else {
        (a.guard.only_unique(model), b.guard.only_unique(model))
    };
    cases(model, &[&ga, &gb])?
        .into_iter()
        .find(|c| ga.eval(c) == Tri::True && gb.eval(c) == Tri::True)
}

/// What an `if` chain never reaches: the indices of arms whose condition
/// holds only when an earlier one does, and whether the `else` is never
/// taken (every case takes an arm).
pub fn unreachable(model: &MessageModel, arms: &[Formula]) -> (Vec<usize>, bool) {
    let refs: Vec<&Formula> = arms.iter().collect();
    let Some(cases) = cases(model, &refs) else {
        return (vec![], false);
    };
    if cases.is_empty() {
        return (vec![], false);
    }
    let mut dead = Vec::new();
    for k in 1..arms.len() {
        let reachable = cases.iter().any(|c| {
            arms[..k].iter().all(|f| f.eval(c) != Tri::True) && arms[k].eval(c) != Tri::False
        });
        if !reachable {
            dead.push(k);
        }
    }
    let else_dead = cases
        .iter()
        .all(|c| arms.iter().any(|f| f.eval(c) == Tri::True));
    (dead, else_dead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> MessageModel {
        MessageModel::parse(
            "message CC015C \"x\" namespace \"urn:x\"\n\
             A      group R 1  - - \"A\"\n\
             A.type code  R 1  an..5 - \"type\"\n\
             A.ref  text  D 1  an..5 - \"ref\"\n\
             G      group R 9  - - \"G\"\n\
             G.kind code  R 1  an..5 - \"kind\"\n",
            0,
        )
        .unwrap()
    }

    fn fact(target: NodeId, mandatory: bool, ctx: NodeId, guard: Formula) -> Fact {
        Fact {
            target,
            mandatory,
            ctx,
            guard,
            span: Span {
                file: 0,
                start: 0,
                end: 1,
            },
        }
    }

    fn eq(n: NodeId, v: &str) -> Formula {
        Formula::Eq(n, v.to_string())
    }

    #[test]
    fn overlapping_conditions_give_the_case() {
        let m = model();
        let (ty, rf) = (
            m.find(&["A", "type"]).unwrap(),
            m.find(&["A", "ref"]).unwrap(),
        );
        let a = fact(rf, true, NodeId::ROOT, eq(ty, "T"));
        let b = fact(
            rf,
            false,
            NodeId::ROOT,
            Formula::Or(vec![eq(ty, "T"), eq(ty, "X")]),
        );
        let case = overlap(&m, &a, &b).expect("T makes both apply");
        assert_eq!(case.describe(&m), "`A.type` = 'T'");
        // Exclusive conditions: no case.
        let c = fact(rf, false, NodeId::ROOT, Formula::Not(Box::new(eq(ty, "T"))));
        assert!(overlap(&m, &a, &c).is_none());
        // Unknown parts never make a case.
        let d = fact(
            rf,
            false,
            NodeId::ROOT,
            Formula::And(vec![eq(ty, "T"), Formula::Unknown]),
        );
        assert!(overlap(&m, &a, &d).is_none());
        // An unconditional statement overlaps with anything possible.
        let e = fact(rf, false, NodeId::ROOT, Formula::And(vec![]));
        assert!(overlap(&m, &a, &e).is_some());
    }

    #[test]
    fn elements_of_repeating_groups_are_compared_only_in_one_context() {
        let m = model();
        let (g, kind, rf) = (
            m.find(&["G"]).unwrap(),
            m.find(&["G", "kind"]).unwrap(),
            m.find(&["A", "ref"]).unwrap(),
        );
        let a = fact(rf, true, g, eq(kind, "1"));
        let b = fact(rf, false, g, eq(kind, "1"));
        assert!(overlap(&m, &a, &b).is_some());
        // Another context may be another instance of G.
        let c = fact(rf, false, NodeId::ROOT, eq(kind, "1"));
        assert!(overlap(&m, &a, &c).is_none());
    }

    #[test]
    fn present_children_have_present_parents() {
        let m = model();
        let (a, ty, rf) = (
            m.find(&["A"]).unwrap(),
            m.find(&["A", "type"]).unwrap(),
            m.find(&["A", "ref"]).unwrap(),
        );
        let x = fact(rf, true, NodeId::ROOT, Formula::Present(ty));
        let y = fact(
            rf,
            false,
            NodeId::ROOT,
            Formula::Not(Box::new(Formula::Present(a))),
        );
        assert!(overlap(&m, &x, &y).is_none());
    }

    #[test]
    fn unreachable_arms_and_else() {
        let m = model();
        let ty = m.find(&["A", "type"]).unwrap();
        let arms = [
            eq(ty, "T1"),
            Formula::Or(vec![eq(ty, "T1"), eq(ty, "T2")]),
            eq(ty, "T2"),
            Formula::Unknown,
        ];
        assert_eq!(unreachable(&m, &arms), (vec![2], false));
        let all = [
            Formula::Present(ty),
            Formula::Not(Box::new(Formula::Present(ty))),
        ];
        assert_eq!(unreachable(&m, &all), (vec![], true));
    }
}
