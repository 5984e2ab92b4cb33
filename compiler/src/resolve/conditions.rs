//! Conditions: `and`, `or`, `not` and quantifiers, and the tests of a value
//! (comparisons, code lists, patterns, sets).

use crate::check::types::computed_name;
use crate::codelist::Content;
use crate::diagnostics::{suggest, Diagnostic, Span};
use crate::ir::{CmpType, CompareOp, Cond, Nav, NodeId, SetRef, Sides, Value};
use crate::syntax::ast::{self, Condition, Operand, QuantifiedBody, Test};

use super::movement::read_message;
use super::values::{compare_type, vtype, VType};
use super::{not_if, Resolver};

impl Resolver<'_> {
    pub(super) fn condition(&mut self, c: &Condition, ctx: NodeId) -> Option<Cond> {
        if self.context.is_none() {
            if let Some(m) = read_message(c) {
                return self.in_context(m, c, ctx);
            }
        }
        match c {
            Condition::Or(v) | Condition::And(v) => {
                let mark = self.diagnostics.len();
                let parts: Vec<_> = v.iter().map(|x| self.condition(x, ctx)).collect();
                let all = parts.len();
                let parts: Vec<Cond> = parts.into_iter().flatten().collect();
                // A part that did not resolve is an error: those that did are
                // kept for the checks (the rule is never generated).
                if parts.is_empty() || (parts.len() < all && !self.failed_since(mark)) {
                    return None;
                }
                Some(if matches!(c, Condition::Or(_)) {
                    Cond::Or(parts)
                } else {
                    Cond::And(parts)
                })
            }
            Condition::Not(x) => Some(Cond::Not(Box::new(self.condition(x, ctx)?))),
            Condition::Quantified {
                quantifier,
                others,
                reference,
                body,
                ..
            } => {
                let target = self.single(reference, ctx)?;
                let nav = if *others {
                    self.others(reference, target, ctx)?
                } else {
                    self.nav_ref(reference, ctx, target).0
                };
                let body = self.quantified_body(body, reference, target)?;
                Some(Cond::Quantified {
                    quantifier: *quantifier,
                    nav,
                    body: Box::new(body),
                    others: *others,
                })
            }
            Condition::Unchanged {
                elements,
                message,
                except,
                ..
            } => self.unchanged(elements, message, except),
            Condition::Predicate { subject, test, .. } => {
                if let (Operand::Ref(r), Test::Sequential(from)) = (subject, test) {
                    // Every instance, as `count` reaches them.
                    let target = self.single(r, ctx)?;
                    let (nav, _) = self.nav_ref(r, ctx, target);
                    return Some(Cond::Sequential { nav, from: *from });
                }
                if let (Operand::Ref(r), Test::Present(present)) = (subject, test) {
                    // `X is present` on a repeating X means "at least one".
                    let target = self.single(r, ctx)?;
                    let (nav, _) = self.nav_ref(r, ctx, target);
                    return Some(not_if(!*present, Cond::Exists(nav)));
                }
                let (v, vt) = self.value(subject, ctx)?;
                self.test(v, vt, test, ctx, subject.span())
            }
        }
    }

    /// What each instance of a quantifier or a `count(... satisfies ...)`
    /// is tested with: a condition with the instance as context, or a test
    /// of its value.
    pub(super) fn quantified_body(
        &mut self,
        body: &QuantifiedBody,
        r: &ast::Reference,
        target: NodeId,
    ) -> Option<Cond> {
        match body {
            QuantifiedBody::Satisfies(b) => self.condition(b, target),
            QuantifiedBody::Test(t) => self.test(
                Value::Text(Nav::here()),
                vtype(self.model.node(target).ty),
                t,
                target,
                r.span,
            ),
        }
    }

    fn test(&mut self, v: Value, vt: VType, test: &Test, ctx: NodeId, span: Span) -> Option<Cond> {
        Some(match test {
            Test::Present(p) => {
                let Value::Text(nav) = v else {
                    self.error(Diagnostic::error(
                        span,
                        "only data elements can be present or absent",
                        "not a data element",
                    ));
                    return None;
                };
                not_if(!*p, Cond::Exists(nav))
            }
            Test::External { negated, hook } => {
                if !self.externals.iter().any(|e| e.name == hook.text) {
                    let names: Vec<&str> = self.externals.iter().map(|e| e.name.as_str()).collect();
                    let mut d = Diagnostic::error(
                        hook.span,
                        format!("unknown external check `{}`", hook.text),
                        "not declared with `external`",
                    );
                    if let Some(s) = suggest(&hook.text, names) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    self.error(d);
                    return None;
                }
                let c = Cond::External {
                    hook: hook.text.clone(),
                    value: v,
                };
                not_if(*negated, c)
            }
            Test::In { negated, set } => {
                let computed = v.is_computed();
                let c = match (computed, set) {
                    // A computed number in a literal set: equal to one of its members.
                    (true, ast::SetExpr::Literal(members)) => {
                        let not_numbers: Vec<&ast::Name> = members
                            .iter()
                            .filter(|m| m.text.parse::<f64>().is_err())
                            .collect();
                        if let Some(first) = not_numbers.first() {
                            self.error(
                                Diagnostic::error(
                                    first.span,
                                    format!(
                                        "`{}` is not a number, and {} is always a number",
                                        first.text,
                                        computed_name(&v)
                                    ),
                                    "never equal to a number",
                                )
                                .with_help("a count, sum or iteration can only be in a set of numbers: `<1,2,3>`"),
                            );
                            return None;
                        }
                        Cond::Or(
                            members
                                .iter()
                                .map(|m| Cond::Compare {
                                    lhs: v.clone(),
                                    op: CompareOp::Eq,
                                    rhs: Value::LitNumber(m.text.clone()),
                                    ty: CmpType::Number,
                                    spans: Sides {
                                        lhs: m.span,
                                        rhs: m.span,
                                    },
                                })
                                .collect(),
                        )
                    }
                    (true, _) => {
                        self.error(Diagnostic::error(
                            span,
                            "a computed number cannot be looked up in a code list",
                            "count, sum or iteration",
                        ));
                        return None;
                    }
                    (false, _) => Cond::InSet {
                        value: v,
                        set: self.set(set)?,
                        set_spans: set.spans(),
                    },
                };
                not_if(*negated, c)
            }
            Test::Sequential(_) => {
                self.error(Diagnostic::error(
                    span,
                    "only a data element's instances can be sequential",
                    "not a data element",
                ));
                return None;
            }
            Test::Regex(p) => Cond::Regex {
                value: v,
                pattern: self.pattern(p)?,
            },
            Test::Compare(op, rhs_ast) => {
                let (rhs, rt) = self.value(rhs_ast, ctx)?;
                Cond::Compare {
                    ty: compare_type((&v, vt), (&rhs, rt)),
                    lhs: v,
                    op: *op,
                    rhs,
                    spans: Sides {
                        lhs: span,
                        rhs: rhs_ast.span(),
                    },
                }
            }
        })
    }

    /// A Java pattern, checked and translated now: a fault is an error at
    /// its character in the rule file.
    pub(super) fn pattern(&mut self, p: &ast::Name) -> Option<eucdm_runtime::pattern::Pattern> {
        match eucdm_runtime::pattern::Pattern::java(&p.text) {
            Ok(pattern) => Some(pattern),
            Err(e) => {
                let start = p.span.start + e.offset;
                let at = Span {
                    start,
                    end: start + 1,
                    ..p.span
                };
                self.error(
                    Diagnostic::error(at, format!("bad regular expression: {}", e.message), "here")
                        .with_help("a pattern is written in Java's syntax, as `String.matches` reads it (see docs/rules.md, \"Regular expressions\")"),
                );
                None
            }
        }
    }

    pub(super) fn set(&mut self, s: &ast::SetExpr) -> Option<SetRef> {
        match s {
            ast::SetExpr::Literal(m) => {
                Some(SetRef::Literal(m.iter().map(|n| n.text.clone()).collect()))
            }
            ast::SetExpr::CodeList(id) => {
                let Some(i) = self.codelists.index(&id.text) else {
                    let mut d = Diagnostic::error(
                        id.span,
                        format!("unknown code list `{}`", id.text),
                        "not declared with `codelist`",
                    );
                    if let Some(s) = suggest(&id.text, self.codelists.ids()) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    self.error(d);
                    return None;
                };
                match &self.codelists.lists[i].content {
                    Content::Complete(_) => Some(SetRef::CodeList {
                        index: i,
                        partial: false,
                    }),
                    // A list known in part, or not shipped at all (then a user's
                    // reference data may supply it at build time): a code it does
                    // not list is undecided, never a violation.
                    Content::Partial(_) | Content::NotShipped => Some(SetRef::CodeList {
                        index: i,
                        partial: true,
                    }),
                }
            }
        }
    }
}
