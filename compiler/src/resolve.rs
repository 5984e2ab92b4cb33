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

use eucdm_runtime::checks::Alike;
use eucdm_runtime::SchemaId;

use crate::check::types::computed_name;
use crate::codelist::{CodeLists, Content};
use crate::diagnostics::{suggest, Diagnostic, Span};
use crate::ir::{
    Arm, CmpType, CompareOp, Cond, DistinctKey, External, Nav, NodeId, Same, SetRef, Sides, Stmt,
    Value,
};
use crate::model::{Dictionary, ElementType, MessageModel};
use crate::syntax::ast::{
    self, Check, Condition, Operand, QuantifiedBody, ReferenceKind, Statement, Test,
};

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

    fn condition(&mut self, c: &Condition, ctx: NodeId) -> Option<Cond> {
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
    fn quantified_body(
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

    /// `CC015C: X ...`: the test `c` resolved in the model of message `m`,
    /// from its root, as a [`Cond::Context`]. `this X` in it is looked up from
    /// `ctx`, the context of the message validated where the test is entered:
    /// the statement's own, or the instance of an enclosing quantifier.
    fn in_context(&mut self, m: &ast::ContextMessage, c: &Condition, ctx: NodeId) -> Option<Cond> {
        let index = self.other_model(&m.id, m.span, ":")?;
        let model = &self.models[index];
        let mut sub = Resolver {
            model,
            dict: self.dict,
            codelists: self.codelists,
            externals: self.externals,
            models: self.models,
            context: Some(index),
            outer: Some((self.model, ctx)),
            diagnostics: Vec::new(),
            anchor: NodeId::ROOT,
        };
        let body = sub.condition(c, NodeId::ROOT);
        self.diagnostics.append(&mut sub.diagnostics);
        Some(Cond::Context {
            message: index,
            body: Box::new(body?),
        })
    }

    /// The index in `models` of message `id`, named at `span` (`suffix`: what
    /// follows the id where it is written, for the suggestion).
    fn other_model(&mut self, id: &str, span: Span, suffix: &str) -> Option<usize> {
        if let Some(index) = self.models.iter().position(|x| x.id == id) {
            return Some(index);
        }
        let mut d = Diagnostic::error(
            span,
            format!("unknown message `{id}`"),
            "no message model of this type in the rule set",
        );
        let ids = self.models.iter().map(|x| x.id.as_str());
        if let Some(s) = suggest(id, ids) {
            d = d.with_help(format!("did you mean `{s}{suffix}`?"));
        } else {
            let ids: Vec<&str> = self.models.iter().map(|x| x.id.as_str()).collect();
            d = d.with_help(format!("the rule set's messages: {}", ids.join(", ")));
        }
        self.error(d);
        None
    }

    /// `complete as in CC015C`: a `mandatory` for every element inside the
    /// context `ctx` that the other message's model marks R at the same path,
    /// down through every data group the two models share (an R element of
    /// a group that is absent is not asked for: its group is, if R).
    fn complete(&mut self, message: &ast::Name, ctx: NodeId) -> Vec<Stmt> {
        let Some(index) = self.other_model(&message.text, message.span, "") else {
            return vec![];
        };
        let other = &self.models[index];
        let path = self.model.dotted(ctx);
        let parts: Vec<&str> = path.split('.').collect();
        // The roots are paired whatever the messages are called.
        let theirs = if ctx == NodeId::ROOT {
            Some(NodeId::ROOT)
        } else {
            other.find(&parts)
        };
        let Some(theirs) = theirs else {
            self.error(Diagnostic::error(
                message.span,
                format!(
                    "the {} has no `{path}`, the context of this statement",
                    other.id
                ),
                "nothing to complete as in it",
            ));
            return vec![];
        };
        let mut out = vec![];
        self.complete_within(ctx, ctx, other, theirs, message.span, &mut out);
        out
    }

    fn complete_within(
        &self,
        ctx: NodeId,
        mine: NodeId,
        other: &MessageModel,
        theirs: NodeId,
        span: Span,
        out: &mut Vec<Stmt>,
    ) {
        let (parent, _) = self.nav(ctx, mine);
        for &child in &self.model.node(mine).children {
            let node = self.model.node(child);
            let Some(&twin) =
                (other.node(theirs).children.iter()).find(|&&o| other.node(o).name == node.name)
            else {
                continue;
            };
            if other.node(twin).status == 'R' {
                out.push(Stmt::Presence {
                    parent: parent.clone(),
                    target: child,
                    outcome: ast::Outcome::Mandatory,
                    at_least_one: false,
                    span,
                });
            }
            if node.ty == ElementType::Group {
                self.complete_within(ctx, child, other, twin, span, out);
            }
        }
    }

    /// `A, B unchanged from CC015C except C`: each element (every data group
    /// of the message when none is named), paired with the other model's
    /// element at the same path, down to every data item the two share.
    fn unchanged(
        &mut self,
        elements: &[ast::Reference],
        message: &ast::Name,
        except: &[ast::Reference],
    ) -> Option<Cond> {
        if self.outer.is_some() {
            self.error(
                Diagnostic::error(
                    message.span,
                    format!(
                        "this test reads the {}; it cannot also compare with the {}",
                        self.model.id, message.text
                    ),
                    "another message",
                )
                .with_help(format!(
                    "compare with the {} outside the test of the {} (`and`, `or` join them)",
                    message.text, self.model.id
                )),
            );
            return None;
        }
        let index = self.other_model(&message.text, message.span, "")?;
        let other = &self.models[index];
        let mut skip = Vec::new();
        for r in except {
            skip.extend(self.resolve(r, NodeId::ROOT)?);
        }
        let mut mine = Vec::new();
        for r in elements {
            mine.extend(self.resolve(r, NodeId::ROOT)?);
        }
        if elements.is_empty() {
            mine = (self.model.node(NodeId::ROOT).children.iter().copied())
                .filter(|&c| self.model.node(c).ty == ElementType::Group)
                .collect();
        }
        let mut out = Vec::new();
        for (node, r) in mine
            .iter()
            .zip(elements.iter().map(Some).chain(std::iter::repeat(None)))
        {
            if skip.contains(node) {
                continue;
            }
            let chain = self.model.chain(*node);
            let mut pairs = Vec::new();
            let mut at = NodeId::ROOT;
            for &n in &chain[1..] {
                let name = &self.model.node(n).name;
                match other
                    .node(at)
                    .children
                    .iter()
                    .find(|&&o| other.node(o).name == *name)
                {
                    Some(&o) => {
                        pairs.push((n, o));
                        at = o;
                    }
                    None => break,
                }
            }
            if pairs.len() + 1 != chain.len() {
                if let Some(r) = r {
                    self.error(Diagnostic::error(
                        r.span,
                        format!(
                            "the {} has no `{}`, so it cannot be compared",
                            other.id, r.text
                        ),
                        format!("not in the {} message model", other.id),
                    ));
                    return None;
                }
                // A data group only the message validated has: nothing to compare.
                continue;
            }
            let (&(n, o), above) = pairs.split_last().expect("an element below the root");
            let mut same = self.same(n, other, o, &skip);
            for &(n, o) in above.iter().rev() {
                same = Same {
                    mine: n.schema_id(),
                    theirs: o.schema_id(),
                    value: Alike::None,
                    within: vec![same],
                };
            }
            out.push(same);
        }
        Some(Cond::Unchanged {
            message: index,
            elements: out,
        })
    }

    /// Element `mine` paired with `theirs` of the other model, with every
    /// child the two share (not those in `skip`).
    fn same(&self, mine: NodeId, other: &MessageModel, theirs: NodeId, skip: &[NodeId]) -> Same {
        let node = self.model.node(mine);
        let within = (node.children.iter())
            .filter(|c| !skip.contains(c))
            .filter_map(|&c| {
                let name = &self.model.node(c).name;
                let &o =
                    (other.node(theirs).children.iter()).find(|&&o| other.node(o).name == *name)?;
                Some(self.same(c, other, o, skip))
            })
            .collect();
        Same {
            mine: mine.schema_id(),
            theirs: theirs.schema_id(),
            value: match node.ty {
                ElementType::Group => Alike::None,
                ElementType::Number => Alike::Number,
                ElementType::Date | ElementType::DateTime => Alike::Date,
                ElementType::Code | ElementType::Text => Alike::Text,
            },
            within,
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
    fn pattern(&mut self, p: &ast::Name) -> Option<eucdm_runtime::pattern::Pattern> {
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

    fn set(&mut self, s: &ast::SetExpr) -> Option<SetRef> {
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

    fn value(&mut self, o: &Operand, ctx: NodeId) -> Option<(Value, VType)> {
        Some(match o {
            Operand::Ref(r) => {
                let target = self.single(r, ctx)?;
                let (nav, multi) = self.nav_ref(r, ctx, target);
                if multi {
                    let g = self.first_repeating(ctx, target);
                    self.error(
                        Diagnostic::error(
                            r.span,
                            format!("`{}` may have several values here", r.text),
                            format!("{} repeats", self.model.node(g).name),
                        )
                        .with_help(format!(
                            "say which: `any {0} ...`, `all {0} ...`, `none {0} ...`, or put the statement in `for each`",
                            r.text
                        )),
                    );
                    return None;
                }
                let ty = self.model.node(target).ty;
                if ty == ElementType::Group {
                    self.error(
                        Diagnostic::error(
                            r.span,
                            format!("`{}` is a data group and has no value", r.text),
                            "data group",
                        )
                        .with_help("test it with `is present` or `is absent`"),
                    );
                    return None;
                }
                (Value::Text(nav), vtype(ty))
            }
            Operand::Literal(l, _) => match l {
                ast::Literal::Text(s) => (Value::LitText(s.clone()), VType::Literal),
                ast::Literal::Date(s) => (Value::LitDate(s.clone()), VType::Date),
                ast::Literal::Number(s) => (Value::LitNumber(s.clone()), VType::Number),
            },
            Operand::FirstChars(n, r, _) => {
                let (v, _) = self.value(r, ctx)?;
                (Value::Prefix(*n, Box::new(v)), VType::Text)
            }
            Operand::Character(n, r, span) => {
                if *n == 0 {
                    self.error(Diagnostic::error(
                        *span,
                        "characters are counted from 1",
                        "`character 0` does not exist",
                    ));
                    return None;
                }
                let (v, _) = self.value(r, ctx)?;
                (Value::Char(*n, Box::new(v)), VType::Text)
            }
            Operand::NumberOf(inner, _) => {
                let (v, _) = self.value(inner, ctx)?;
                (Value::NumberOf(Box::new(v)), VType::Number)
            }
            Operand::Trim(inner, _) => {
                // The same kind of value, trimmed: a code compares as a code.
                let (v, t) = self.value(inner, ctx)?;
                (Value::Trim(Box::new(v)), t)
            }
            Operand::Concat(parts, _) => {
                let mut values = Vec::new();
                for p in parts {
                    let (v, _) = self.value(p, ctx)?;
                    if v.is_computed() {
                        self.error(Diagnostic::error(
                            p.span(),
                            "`concat` joins texts of the message and quoted texts",
                            "a computed number",
                        ));
                        return None;
                    }
                    values.push(v);
                }
                (Value::Concat(values), VType::Text)
            }
            Operand::This(r, span) => {
                if let Some((model, anchor)) = self.outer {
                    // A test of another message: `this X` is the statement's X
                    // in the message validated, resolved in its model.
                    let mut own = Resolver::new(
                        model,
                        &Names {
                            dict: self.dict,
                            codelists: self.codelists,
                            externals: self.externals,
                            models: self.models,
                        },
                    );
                    own.anchor = anchor;
                    let v = own.value(&Operand::This(r.clone(), *span), NodeId::ROOT);
                    self.diagnostics.append(&mut own.diagnostics);
                    return v;
                }
                let anchor = self.anchor;
                if anchor == NodeId::ROOT {
                    self.error(
                        Diagnostic::error(
                            *span,
                            "`this` needs a statement context: a `for each` instance or the subject of `must`",
                            "no context here",
                        )
                        .with_help("put the statement in `for each <data group>`"),
                    );
                    return None;
                }
                let (v, t) = self.value(&Operand::Ref(r.clone()), anchor)?;
                let Value::Text(nav) = v else {
                    unreachable!("a reference resolves to a text value")
                };
                (Value::This(nav), t)
            }
            Operand::Iteration(span) => {
                if !self.model.node(ctx).repeatable() {
                    self.error(
                        Diagnostic::error(
                            *span,
                            "`iteration` needs a repeating data group as context",
                            "no repeating group here",
                        )
                        .with_help("put the statement in `for each <repeating data group>`"),
                    );
                    return None;
                }
                (Value::Iteration, VType::Number)
            }
            Operand::Count(refs, _) => {
                let mut navs = Vec::new();
                for r in refs {
                    let target = self.single(r, ctx)?;
                    navs.push(self.nav_ref(r, ctx, target).0);
                }
                (Value::Count(navs), VType::Number)
            }
            Operand::CountDistinct(of, span) => {
                let (r, key) = match of {
                    ast::Distinct::Children(r) => (r, DistinctKey::Children),
                    ast::Distinct::Values(o) => match &**o {
                        Operand::Ref(r) => (r, DistinctKey::Text),
                        Operand::Trim(t, _) if matches!(**t, Operand::Ref(_)) => {
                            let Operand::Ref(r) = &**t else {
                                unreachable!()
                            };
                            (r, DistinctKey::Trimmed)
                        }
                        _ => {
                            self.error(Diagnostic::error(
                                *span,
                                "`count(distinct ...)` takes a data item, `trim(<data item>)` or `children of <data group>`",
                                "not a data item of the message",
                            ));
                            return None;
                        }
                    },
                };
                let target = self.single(r, ctx)?;
                let is_group = self.model.node(target).ty == ElementType::Group;
                if is_group != (key == DistinctKey::Children) {
                    let (label, help) = if is_group {
                        ("a data group", format!("count the different numbers of elements its instances hold: `count(distinct children of {})`", r.text))
                    } else {
                        ("a data item", format!("`children of` takes a data group; the values: `count(distinct {})`", r.text))
                    };
                    self.error(
                        Diagnostic::error(r.span, format!("`{}` is {label}", r.text), label)
                            .with_help(help),
                    );
                    return None;
                }
                let (nav, _) = self.nav_ref(r, ctx, target);
                (Value::Distinct { nav, key }, VType::Number)
            }
            Operand::CountWhere(r, body, _) => {
                let target = self.single(r, ctx)?;
                let (nav, _) = self.nav_ref(r, ctx, target);
                let body = self.quantified_body(body, r, target)?;
                (
                    Value::CountWhere {
                        nav,
                        body: Box::new(body),
                    },
                    VType::Number,
                )
            }
            Operand::Sum(r, _) => {
                let target = self.single(r, ctx)?;
                let (nav, _) = self.nav_ref(r, ctx, target);
                if self.model.node(target).ty != ElementType::Number {
                    self.error(Diagnostic::error(
                        r.span,
                        format!("cannot sum `{}`: it is not a number", r.text),
                        "not a number",
                    ));
                    return None;
                }
                (Value::Sum(nav), VType::Number)
            }
            Operand::SumNumbers(r, _) => {
                let target = self.single(r, ctx)?;
                if self.model.node(target).ty == ElementType::Group {
                    self.error(Diagnostic::error(
                        r.span,
                        format!("cannot sum `{}`: it is a data group", r.text),
                        "data group",
                    ));
                    return None;
                }
                let (nav, _) = self.nav_ref(r, ctx, target);
                (Value::SumNumbers(nav), VType::Number)
            }
            Operand::Max(r, _) => {
                let target = self.single(r, ctx)?;
                let (nav, _) = self.nav_ref(r, ctx, target);
                if self.model.node(target).ty != ElementType::Number {
                    self.error(Diagnostic::error(
                        r.span,
                        format!("cannot take the greatest `{}`: it is not a number", r.text),
                        "not a number",
                    ));
                    return None;
                }
                (Value::Max(nav), VType::Number)
            }
            Operand::Arith(a, op, b, _) => {
                let a = self.number_operand(a, ctx)?;
                let b = self.number_operand(b, ctx)?;
                (Value::Arith(Box::new(a), *op, Box::new(b)), VType::Number)
            }
        })
    }

    /// A side of `+`, `-` or `*`: a number of the message, a number literal or a
    /// computed number; anything else is an error at it.
    fn number_operand(&mut self, o: &Operand, ctx: NodeId) -> Option<Value> {
        let (v, t) = self.value(o, ctx)?;
        if t == VType::Number {
            return Some(v);
        }
        self.error(
            Diagnostic::error(
                o.span(),
                "`+`, `-` and `*` take numbers",
                "not a number",
            )
            .with_help("add, subtract or multiply number elements (`sequenceNumber`), counts, sums, `max(...)` or number literals"),
        );
        None
    }

    /// `other G`: from `ctx` up to the parent of the repeating group G that holds
    /// the context, then down into G (the skipping is the IR's `others`).
    fn others(&mut self, r: &ast::Reference, group: NodeId, ctx: NodeId) -> Option<Nav> {
        let node = &self.model.node(group);
        if node.ty != ElementType::Group || !self.model.is_ancestor_or_self(group, ctx) {
            self.error(
                Diagnostic::error(
                    r.span,
                    format!("`other {}` needs a data group that contains the context", r.text),
                    "does not contain this statement's context",
                )
                .with_help("`other` names the instances beside the current one: use it inside `for each` of that group (or of a group within it)"),
            );
            return None;
        }
        if !node.repeatable() {
            self.error(Diagnostic::error(
                r.span,
                format!(
                    "`{}` does not repeat, so there is no other instance",
                    r.text
                ),
                "has one instance",
            ));
            return None;
        }
        let (mut nav, _) = self.nav(ctx, node.parent);
        nav.down.push(group.schema_id());
        Some(nav)
    }

    fn first_repeating(&self, ctx: NodeId, target: NodeId) -> NodeId {
        let a = self.model.common_ancestor(ctx, target);
        let chain = self.model.chain(target);
        let pos = chain.iter().position(|&n| n == a).unwrap_or(0);
        chain[pos + 1..]
            .iter()
            .copied()
            .find(|&n| self.model.node(n).repeatable())
            .unwrap_or(target)
    }

    /// The navigation to `target`, which `r` names: an absolute path
    /// (`/*/Consignment/HouseConsignment/ConsignmentItem`) goes up to the
    /// root and down, so it reaches every instance, also of a group that
    /// holds the context; any other name is looked up as a scope ([`Self::nav`]).
    fn nav_ref(&self, r: &ast::Reference, ctx: NodeId, target: NodeId) -> (Nav, bool) {
        let (up, from) = match r.kind {
            ReferenceKind::Absolute(..) => (self.model.node(ctx).depth as u16, NodeId::ROOT),
            // `../../G/x`: the ancestor the `..`s reach, then down to every instance.
            ReferenceKind::Relative { levels, .. } => (levels, self.ancestor(ctx, levels)),
            _ => return self.nav(ctx, target),
        };
        let down = self.path_between(from, target);
        let multi = down
            .iter()
            .any(|&n| self.model.node(NodeId::of_schema(n)).repeatable());
        (Nav { up, down }, multi)
    }

    /// The ancestor `levels` above `ctx` (the caller has checked it exists).
    fn ancestor(&self, ctx: NodeId, levels: u16) -> NodeId {
        (0..levels).fold(ctx, |n, _| self.model.node(n).parent)
    }

    /// From `ctx` to `target`: up to the common ancestor, then down. `true` if
    /// the way down crosses a repeating element (several values possible).
    fn nav(&self, ctx: NodeId, target: NodeId) -> (Nav, bool) {
        let a = self.model.common_ancestor(ctx, target);
        let up = (self.model.node(ctx).depth - self.model.node(a).depth) as u16;
        let down = self.path_between(a, target);
        let multi = down
            .iter()
            .any(|&n| self.model.node(NodeId::of_schema(n)).repeatable());
        (Nav { up, down }, multi)
    }

    /// The model nodes from below `ancestor` down to `node`, as schema ids.
    fn path_between(&self, ancestor: NodeId, node: NodeId) -> Vec<SchemaId> {
        let chain = self.model.chain(node);
        let pos = chain.iter().position(|&n| n == ancestor).expect("ancestor");
        chain[pos + 1..].iter().map(|n| n.schema_id()).collect()
    }

    fn single(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<NodeId> {
        let v = self.resolve(r, ctx)?;
        if v.len() != 1 {
            self.error(Diagnostic::error(
                r.span,
                "`**.` names several elements; use it only as the subject of `must`",
                "several elements",
            ));
            return None;
        }
        Some(v[0])
    }

    /// Resolves a reference in the context node `ctx`.
    pub fn resolve(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<Vec<NodeId>> {
        let m = self.model;
        if let Some(msg) = &r.message {
            match self.context {
                Some(_) if msg.id == m.id => {}
                Some(_) => {
                    self.error(
                        Diagnostic::error(
                            msg.span,
                            format!("this test reads the {}; it cannot also read the {}", m.id, msg.id),
                            "another message",
                        )
                        .with_help("a test reads one message: compare each message's element with a value in a test of its own"),
                    );
                    return None;
                }
                None => {
                    self.error(
                        Diagnostic::error(
                            msg.span,
                            format!("`{}:` reads another message of the movement, which only a condition can", msg.id),
                            "not in a condition's subject",
                        )
                        .with_help(format!(
                            "a rule checks the message validated; read the {0} in a condition, naming it before the test's subject: `if {0}: {1} is present then ...`",
                            msg.id, r.text
                        )),
                    );
                    return None;
                }
            }
        }
        match &r.kind {
            ReferenceKind::Path(parts) => {
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                let mut at = ctx;
                loop {
                    if let Some(found) = m.find_from(at, &parts) {
                        return Some(vec![found]);
                    }
                    if at == NodeId::ROOT {
                        break;
                    }
                    at = m.node(at).parent;
                }
                self.unknown(r, ctx);
                None
            }
            ReferenceKind::Absolute(msg, parts) => {
                if let Some(msg) = msg {
                    if *msg != m.id {
                        self.error(Diagnostic::error(
                            r.span,
                            format!("path is in message {msg}, the rule is applied to {}", m.id),
                            "other message",
                        ));
                        return None;
                    }
                }
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                if parts.is_empty() {
                    return Some(vec![NodeId::ROOT]);
                }
                match m.find(&parts) {
                    Some(f) => Some(vec![f]),
                    None => {
                        self.unknown(r, NodeId::ROOT);
                        None
                    }
                }
            }
            ReferenceKind::Relative { levels, parts } => {
                let depth = m.node(ctx).depth;
                if usize::from(*levels) > depth {
                    self.error(
                        Diagnostic::error(
                            r.span,
                            format!("`{}` goes above the message", r.text),
                            format!("the context is {} level(s) below the message root", depth),
                        )
                        .with_help("`..` goes up from the statement's context: the `for each` instance or the subject of `must`"),
                    );
                    return None;
                }
                let from = self.ancestor(ctx, *levels);
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                match m.find_from(from, &parts) {
                    Some(found) => Some(vec![found]),
                    None => {
                        self.unknown(r, from);
                        None
                    }
                }
            }
            ReferenceKind::Wildcard(name) => {
                let v = m.named(name);
                if v.is_empty() {
                    self.unknown(r, NodeId::ROOT);
                    return None;
                }
                Some(v)
            }
            ReferenceKind::DataElement(number) => self.data_element(r, number, ctx),
        }
    }

    /// An EUCDM number (`19 03`): the one of its paths inside the context,
    /// else its only path in the message; several are an error naming them.
    fn data_element(
        &mut self,
        r: &ast::Reference,
        number: &str,
        ctx: NodeId,
    ) -> Option<Vec<NodeId>> {
        let m = self.model;
        let Some(dict) = self.dict else {
            self.error(Diagnostic::error(
                r.span,
                "no data-element dictionary in this rule set",
                "EUCDM number needs data-elements.dict",
            ));
            return None;
        };
        let Some(de) = dict.get(number) else {
            let mut d = Diagnostic::error(
                r.span,
                format!("unknown data element `{}`", r.text),
                "not in the data-element dictionary",
            );
            let short: Vec<String> = dict.entries.iter().map(|e| e.number.clone()).collect();
            if let Some(s) = suggest(number, short.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            self.error(d);
            return None;
        };
        let candidates: Vec<NodeId> = de
            .paths
            .iter()
            .filter_map(|p| m.find(&p.split('.').collect::<Vec<_>>()))
            .collect();
        let inside: Vec<NodeId> = candidates
            .iter()
            .copied()
            .filter(|&c| m.is_ancestor_or_self(ctx, c) && c != ctx)
            .collect();
        let pick = if inside.len() == 1 {
            inside
        } else if inside.is_empty() && candidates.len() == 1 {
            candidates.clone()
        } else {
            vec![]
        };
        if pick.len() == 1 {
            return Some(pick);
        }
        if candidates.is_empty() {
            self.error(Diagnostic::error(
                r.span,
                format!(
                    "data element `{}` ({}) is not in message {}",
                    r.text, de.name, m.id
                ),
                "no path in this message",
            ));
            return None;
        }
        let mut d = Diagnostic::error(
            r.span,
            format!("data element `{}` ({}) is ambiguous here", r.text, de.name),
            format!("{} paths match", candidates.len()),
        );
        for c in &candidates {
            d = d.with_note(format!("candidate: {}", m.dotted(*c)));
        }
        self.error(d.with_help("write the message path instead, or use it inside `for each` of the data group you mean"));
        None
    }

    fn unknown(&mut self, r: &ast::Reference, ctx: NodeId) {
        let m = self.model;
        let mut candidates: Vec<String> = m.ids().skip(1).map(|(i, _)| m.dotted(i)).collect();
        if ctx != NodeId::ROOT {
            let prefix = format!("{}.", m.dotted(ctx));
            candidates.extend(
                (m.ids().skip(1))
                    .filter_map(|(i, _)| m.dotted(i).strip_prefix(&prefix).map(str::to_string)),
            );
        }
        let wanted = match &r.kind {
            ReferenceKind::Absolute(_, p) => p.join("."),
            ReferenceKind::Wildcard(n) => n.clone(),
            ReferenceKind::Relative { parts, .. } => parts.join("."),
            _ => r.text.clone(),
        };
        let mut d = Diagnostic::error(
            r.span,
            format!("unknown data element `{}`", r.text),
            format!("not in the {} message model", m.id),
        );
        // The data group the path goes through is not a suggestion for it.
        let not_a_parent = |c: &&str| !wanted.starts_with(&format!("{c}."));
        if let Some(s) = suggest(
            &wanted,
            candidates.iter().map(String::as_str).filter(not_a_parent),
        ) {
            // A suggestion is written as the reference is (`../limitDate`).
            let s = match &r.kind {
                ReferenceKind::Relative { levels, .. } => {
                    format!(
                        "{}{}",
                        "../".repeat(usize::from(*levels)),
                        s.replace('.', "/")
                    )
                }
                _ => s.to_string(),
            };
            d = d.with_help(format!("did you mean `{s}`?"));
        } else if let Some(last) = wanted.rsplit('.').next() {
            let names: Vec<String> = (m.ids().skip(1)).map(|(_, n)| n.name.clone()).collect();
            if let Some(s) = suggest(last, names.iter().map(String::as_str)) {
                let places: Vec<String> = m.named(s).iter().take(3).map(|&i| m.dotted(i)).collect();
                d = d.with_help(format!("did you mean `{}`?", places.join("` or `")));
            }
        }
        self.error(d);
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

/// The type of a value, for choosing how to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VType {
    Text,
    Number,
    Date,
    /// A literal whose type follows the other side.
    Literal,
}

fn vtype(t: ElementType) -> VType {
    match t {
        ElementType::Number => VType::Number,
        ElementType::Date | ElementType::DateTime => VType::Date,
        _ => VType::Text,
    }
}

/// How two values compare: as [`cmp_type`] says, except that a side read
/// with `number(X)` makes it a comparison of doubles ([`CmpType::Ieee`]).
fn compare_type(a: (&Value, VType), b: (&Value, VType)) -> CmpType {
    if a.0.reads_number_of() || b.0.reads_number_of() {
        CmpType::Ieee
    } else {
        cmp_type(a.1, b.1)
    }
}

fn cmp_type(a: VType, b: VType) -> CmpType {
    match (a, b) {
        (VType::Number, VType::Number | VType::Literal) | (VType::Literal, VType::Number) => {
            CmpType::Number
        }
        (VType::Date, _) | (_, VType::Date) => CmpType::Date,
        _ => CmpType::Text,
    }
}

/// The message a condition's test reads when it names one: the `CC015C:` of
/// a predicate's subject or of a quantifier's group (`and`, `or` and `not`
/// are resolved part by part).
fn read_message(c: &Condition) -> Option<&ast::ContextMessage> {
    match c {
        Condition::Quantified { reference, .. } => reference.message.as_deref(),
        Condition::Predicate { subject, .. } => operand_message(subject),
        _ => None,
    }
}

fn operand_message(o: &Operand) -> Option<&ast::ContextMessage> {
    match o {
        Operand::Ref(r)
        | Operand::This(r, _)
        | Operand::Sum(r, _)
        | Operand::SumNumbers(r, _)
        | Operand::Max(r, _) => r.message.as_deref(),
        Operand::Arith(a, _, b, _) => operand_message(a).or_else(|| operand_message(b)),
        Operand::FirstChars(_, o, _)
        | Operand::Character(_, o, _)
        | Operand::Trim(o, _)
        | Operand::NumberOf(o, _) => operand_message(o),
        Operand::Count(refs, _) => refs.iter().find_map(|r| r.message.as_deref()),
        Operand::CountWhere(r, _, _) | Operand::CountDistinct(ast::Distinct::Children(r), _) => {
            r.message.as_deref()
        }
        Operand::CountDistinct(ast::Distinct::Values(o), _) => operand_message(o),
        Operand::Concat(parts, _) => parts.iter().find_map(operand_message),
        Operand::Literal(..) | Operand::Iteration(_) => None,
    }
}
