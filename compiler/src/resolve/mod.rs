//! Name resolution: turns the AST of a rule into [`ir`](crate::ir) for one
//! message model, resolving data-element numbers and paths, code lists and
//! external checks, and rejecting what cannot be evaluated faithfully. The
//! static checks of the result are a pass of their own ([`crate::check`]).
//!
//! How a reference is found: a path is looked up from the current context (the
//! `for each` instance) outwards to the root, like a lexical scope, so inside
//! `for each Consignment.HouseConsignment` `grossMass` is the house
//! consignment's and `Consignment.grossMass` the consignment's. An EUCDM number
//! with several paths picks the one inside the context; if that is not unique,
//! it is an error naming the candidates.

mod conditions;
mod movement;
mod paths;
mod values;

use crate::codelist::CodeLists;
use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{Arm, Cond, External, Nav, NodeId, Sides, Stmt, Value};
use crate::model::{Dictionary, ElementType, MessageModel};
use crate::syntax::ast::{self, Check, Condition, Statement};

use values::{compare_type, vtype};

/// What rules are resolved against besides the message model: the same for
/// every rule and every message.
pub struct Names<'a> {
    pub dict: Option<&'a Dictionary>,
    pub codelists: &'a CodeLists,
    pub externals: &'a [External],
    /// Every message model of the rule set, in rule-set order: the messages
    /// a condition may read as context (`CC015C: ...`).
    pub models: &'a [MessageModel],
}

/// A rule resolved in one message model: its IR, or with `errors` the part
/// of it that resolved (never generated, but still checked, so the checks'
/// errors are reported with the resolver's).
pub struct Resolved {
    pub body: Vec<Stmt>,
    pub errors: Vec<Diagnostic>,
}

pub struct Resolver<'a> {
    model: &'a MessageModel,
    dict: Option<&'a Dictionary>,
    codelists: &'a CodeLists,
    externals: &'a [External],
    models: &'a [MessageModel],
    /// Resolving a test of another message of the movement (`CC015C: ...`):
    /// the index of its model in `models`, which is `model`.
    context: Option<usize>,
    /// Resolving a test of another message: the model of the message
    /// validated and the anchor of the statement holding the test, where
    /// `this X` in the test is looked up (see `ir::Value::This`).
    outer: Option<(&'a MessageModel, NodeId)>,
    diagnostics: Vec<Diagnostic>,
    /// The context of the statement whose condition or check is being
    /// resolved: where `this X` is looked up from (see `ir::Value::This`).
    anchor: NodeId,
}

impl<'a> Resolver<'a> {
    pub fn new(model: &'a MessageModel, names: &Names<'a>) -> Self {
        Resolver {
            model,
            dict: names.dict,
            codelists: names.codelists,
            externals: names.externals,
            models: names.models,
            context: None,
            outer: None,
            diagnostics: Vec::new(),
            anchor: NodeId::ROOT,
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Resolves a rule in this resolver's message: its IR, and every error
    /// that keeps it from resolving.
    pub fn rule(mut self, rule: &ast::RuleDecl) -> Resolved {
        let body = match &rule.scope {
            Some(scope) => {
                let s = Statement::ForEach {
                    group: scope.clone(),
                    body: rule.body.clone(),
                    span: rule.span,
                };
                self.statements(std::slice::from_ref(&s), NodeId::ROOT)
            }
            None => self.statements(&rule.body, NodeId::ROOT),
        };
        Resolved {
            body,
            errors: self.diagnostics,
        }
    }

    /// Whether an error was reported since the resolver had `mark` of them.
    fn failed_since(&self, mark: usize) -> bool {
        self.diagnostics.len() > mark
    }

    /// Runs `f` with `anchor` as the place `this X` is looked up from (the
    /// context of the statement whose condition or check `f` resolves), and
    /// restores the previous one: the anchor never outlives its statement.
    fn anchored<T>(&mut self, anchor: NodeId, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = std::mem::replace(&mut self.anchor, anchor);
        let result = f(self);
        self.anchor = outer;
        result
    }

    fn statements(&mut self, stmts: &[Statement], ctx: NodeId) -> Vec<Stmt> {
        stmts.iter().flat_map(|s| self.statement(s, ctx)).collect()
    }

    fn statement(&mut self, s: &Statement, ctx: NodeId) -> Vec<Stmt> {
        match s {
            Statement::If {
                arms,
                otherwise,
                span,
            } => vec![self.if_chain(arms, otherwise, *span, ctx)],
            Statement::ForEach { group, body, .. } => {
                let Some(g) = self.single(group, ctx) else {
                    return vec![];
                };
                if self.model.node(g).ty != ElementType::Group {
                    self.error(Diagnostic::error(
                        group.span,
                        format!(
                            "`for each` needs a data group, `{}` is a data item",
                            group.text
                        ),
                        "not a data group",
                    ));
                    return vec![];
                }
                let (nav, _) = self.nav(ctx, g);
                let body = self.statements(body, g);
                vec![Stmt::ForEach { nav, body }]
            }
            Statement::Presence {
                targets,
                outcome,
                condition,
                span,
            } => self.presence_statement(targets, *outcome, condition.as_ref(), *span, ctx),
            // Resolved only in the message types it names: in the others its names
            // need not exist, and it checks nothing.
            Statement::InMessage { messages, body, .. } => {
                if messages.iter().any(|m| m.text == self.model.id) {
                    self.statements(body, ctx)
                } else {
                    vec![]
                }
            }
            Statement::Complete { message, .. } => self.complete(message, ctx),
            Statement::Must { subject, check, .. } => {
                let Some(subjects) = self.resolve(subject, ctx) else {
                    return vec![];
                };
                subjects
                    .into_iter()
                    // The check is evaluated on each subject instance: `this X` starts there.
                    .filter_map(|t| self.anchored(t, |r| r.must(subject, t, check, ctx)))
                    .collect()
            }
        }
    }

    /// `if ... then ... else if ... else ... end`.
    fn if_chain(
        &mut self,
        arms: &[(Condition, Vec<Statement>)],
        otherwise: &[Statement],
        span: Span,
        ctx: NodeId,
    ) -> Stmt {
        let mut resolved = Vec::new();
        for (c_ast, b) in arms {
            let mark = self.diagnostics.len();
            let c = self.anchored(ctx, |r| r.condition(c_ast, ctx));
            let b = self.statements(b, ctx);
            // A condition that did not resolve is an error: the body is
            // kept, never taken, for the checks.
            let cond = match c {
                Some(c) => c,
                None if self.failed_since(mark) => Cond::Const(false),
                None => continue,
            };
            resolved.push(Arm {
                cond,
                body: b,
                span: c_ast.span().unwrap_or(span),
            });
        }
        let otherwise_ir = self.statements(otherwise, ctx);
        Stmt::If {
            arms: resolved,
            otherwise: otherwise_ir,
            else_span: otherwise.first().map(Statement::span),
        }
    }

    /// `targets outcome [if condition [else outcome]]`: with a condition, an
    /// `if` of one arm (whose `else` is not a written one).
    fn presence_statement(
        &mut self,
        targets: &[ast::Target],
        outcome: ast::Outcome,
        condition: Option<&(Condition, Option<ast::Outcome>)>,
        span: Span,
        ctx: NodeId,
    ) -> Vec<Stmt> {
        let then: Vec<Stmt> = targets
            .iter()
            .flat_map(|t| self.presence(t, outcome, ctx))
            .collect();
        let Some((c, otherwise)) = condition else {
            return then;
        };
        let cond_span = c.span().unwrap_or(span);
        let Some(c) = self.anchored(ctx, |r| r.condition(c, ctx)) else {
            return vec![];
        };
        let otherwise = otherwise
            .map(|o| {
                targets
                    .iter()
                    .flat_map(|t| self.presence(t, o, ctx))
                    .collect()
            })
            .unwrap_or_default();
        vec![Stmt::If {
            arms: vec![Arm {
                cond: c,
                body: then,
                span: cond_span,
            }],
            otherwise,
            else_span: None,
        }]
    }

    fn presence(&mut self, t: &ast::Target, outcome: ast::Outcome, ctx: NodeId) -> Vec<Stmt> {
        let Some(targets) = self.resolve(&t.reference, ctx) else {
            return vec![];
        };
        let mut out = vec![];
        for target in targets {
            if target == NodeId::ROOT || self.model.is_ancestor_or_self(target, ctx) {
                self.error(Diagnostic::error(
                    t.reference.span,
                    format!(
                        "`{}` contains the context of this statement",
                        t.reference.text
                    ),
                    "cannot be the target here",
                ));
                continue;
            }
            let (parent, _) = self.nav(ctx, self.model.node(target).parent);
            out.push(Stmt::Presence {
                parent,
                target,
                outcome,
                at_least_one: t.at_least_one,
                span: t.reference.span,
            });
        }
        out
    }

    fn must(
        &mut self,
        subject: &ast::Reference,
        target: NodeId,
        check: &Check,
        ctx: NodeId,
    ) -> Option<Stmt> {
        let (nav, _) = self.nav(ctx, target);
        let node = &self.model.node(target);
        let it = Value::Text(Nav::here());
        let it_ty = vtype(node.ty);
        let test = match check {
            Check::NotAllEqual => return self.not_all_equal(subject, target, ctx),
            Check::Unique { throughout } => {
                return self.repetition(subject, target, *throughout, None, ctx)
            }
            Check::Sequential { throughout, from } => {
                return self.repetition(subject, target, *throughout, Some(*from), ctx)
            }
            Check::Format(f) => {
                if let Some(format) = eucdm_runtime::format::Format::parse(&f.text) {
                    Cond::Format { value: it, format }
                } else {
                    self.error(Diagnostic::error(
                        f.span,
                        format!("`{}` is not a format", f.text),
                        "expected e.g. an..35",
                    ));
                    return None;
                }
            }
            Check::Sequence(parts) => Cond::Sequence {
                value: it,
                parts: self.sequence(subject, parts)?,
            },
            Check::Shape(s) => match eucdm_runtime::format::Shape::parse(&s.text) {
                Some(shape) => Cond::Shape { value: it, shape },
                None => {
                    self.error(Diagnostic::error(
                        s.span,
                        format!("`{}` is not a shape", s.text),
                        "expected eori, iso6346, mrn or grn",
                    ));
                    return None;
                }
            },
            Check::Regex(p) => Cond::Regex {
                value: it,
                pattern: self.pattern(p)?,
            },
            Check::Satisfy(c) => self.condition(c, target)?,
            Check::In { negated, set } => {
                let c = Cond::InSet {
                    value: it,
                    set: self.set(set)?,
                    set_spans: set.spans(),
                };
                not_if(*negated, c)
            }
            Check::Compare(op, rhs_ast) => {
                let (rhs, rt) = self.value(rhs_ast, target)?;
                Cond::Compare {
                    ty: compare_type((&it, it_ty), (&rhs, rt)),
                    lhs: it,
                    op: *op,
                    rhs,
                    spans: Sides {
                        lhs: subject.span,
                        rhs: rhs_ast.span(),
                    },
                }
            }
        };
        Some(Stmt::Assert { subject: nav, test })
    }

    /// `X must not all be equal`: X must repeat in the context.
    fn not_all_equal(
        &mut self,
        subject: &ast::Reference,
        target: NodeId,
        ctx: NodeId,
    ) -> Option<Stmt> {
        if !self
            .model
            .chain(target)
            .iter()
            .any(|&n| self.model.node(n).repeatable() && !self.model.is_ancestor_or_self(n, ctx))
        {
            self.error(Diagnostic::error(
                subject.span,
                format!(
                    "`{}` has one instance here, so it is always equal to itself",
                    subject.text
                ),
                "does not repeat in this context",
            ));
            return None;
        }
        Some(Stmt::NotAllEqual {
            subject: self.nav(ctx, target).0,
        })
    }

    /// `X must be unique` / `X must be sequential` (numbered `from`): among
    /// the instances of the nearest repeating group around X, within each
    /// instance of its parent (or of the context, `throughout`).
    fn repetition(
        &mut self,
        subject: &ast::Reference,
        target: NodeId,
        throughout: bool,
        from: Option<i64>,
        ctx: NodeId,
    ) -> Option<Stmt> {
        // The iterations counted are those of the nearest repeating group.
        let chain = self.model.chain(target);
        let Some(&group) = chain
            .iter()
            .rev()
            .find(|&&n| self.model.node(n).repeatable())
        else {
            self.error(Diagnostic::error(
                subject.span,
                format!(
                    "`{}` does not repeat, so it is trivially unique",
                    subject.text
                ),
                "not in a repeating data group",
            ));
            return None;
        };
        let outer_node = if throughout {
            ctx
        } else {
            self.model.node(group).parent
        };
        if !self.model.is_ancestor_or_self(ctx, outer_node) {
            self.error(Diagnostic::error(
                subject.span,
                "the repeating group is outside the context",
                "here",
            ));
            return None;
        }
        let (outer, _) = self.nav(ctx, outer_node);
        let group_down = self.path_between(outer_node, group);
        let item_down = self.path_between(group, target);
        Some(match from {
            Some(from) => Stmt::Sequential {
                outer,
                group: group_down,
                item: item_down,
                from,
            },
            None => Stmt::Unique {
                outer,
                down: group_down.into_iter().chain(item_down).collect(),
            },
        })
    }

    /// The parts of `X must match a.. followed by n..`: formats without
    /// decimals, not all optional.
    fn sequence(
        &mut self,
        subject: &ast::Reference,
        parts: &[(bool, ast::Name)],
    ) -> Option<Vec<eucdm_runtime::format::Part>> {
        let mut out = Vec::new();
        for (optional, f) in parts {
            match eucdm_runtime::format::Format::parse(&f.text) {
                Some(format) if format.fraction == 0 => out.push(eucdm_runtime::format::Part {
                    format,
                    optional: *optional,
                }),
                Some(_) => {
                    self.error(Diagnostic::error(
                        f.span,
                        format!(
                            "`{}` has decimals: a part of a sequence is a run of digits",
                            f.text
                        ),
                        "no decimals in a sequence",
                    ));
                    return None;
                }
                None => {
                    self.error(Diagnostic::error(
                        f.span,
                        format!("`{}` is not a format", f.text),
                        "expected e.g. an..3",
                    ));
                    return None;
                }
            }
        }
        if out.iter().all(|p| p.optional) {
            self.error(Diagnostic::error(
                subject.span,
                "every part of the sequence is optional, so an empty value would match",
                "make one part required",
            ));
            return None;
        }
        Some(out)
    }
}

/// `c`, or `not c` when the test is negated (`not in`, `is absent`, ...).
fn not_if(negated: bool, c: Cond) -> Cond {
    if negated {
        Cond::Not(Box::new(c))
    } else {
        c
    }
}
