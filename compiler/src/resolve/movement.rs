//! Other messages of the movement: tests read in a message named as context
//! (`CC015C: ...`), `complete`, `unchanged`, and which message a test reads.

use eucdm_runtime::checks::Alike;

use crate::diagnostics::{suggest, Diagnostic, Span};
use crate::ir::{Cond, NodeId, Same, Stmt};
use crate::model::{ElementType, MessageModel};
use crate::syntax::ast::{self, Condition, Operand};

use super::Resolver;

impl Resolver<'_> {
    /// `CC015C: X ...`: the test `c` resolved in the model of message `m`,
    /// from its root, as a [`Cond::Context`]. `this X` in it is looked up from
    /// `ctx`, the context of the message validated where the test is entered:
    /// the statement's own, or the instance of an enclosing quantifier.
    pub(super) fn in_context(
        &mut self,
        m: &ast::ContextMessage,
        c: &Condition,
        ctx: NodeId,
    ) -> Option<Cond> {
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
    pub(super) fn complete(&mut self, message: &ast::Name, ctx: NodeId) -> Vec<Stmt> {
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
    pub(super) fn unchanged(
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
}

/// The message a condition's test reads when it names one: the `CC015C:` of
/// a predicate's subject or of a quantifier's group (`and`, `or` and `not`
/// are resolved part by part).
pub(super) fn read_message(c: &Condition) -> Option<&ast::ContextMessage> {
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
        | Operand::Raw(o, _)
        | Operand::NumberOf(o, _)
        | Operand::IntegerOf(o, _, _) => operand_message(o),
        Operand::Count(refs, _) => refs.iter().find_map(|r| r.message.as_deref()),
        Operand::CountWhere(r, _, _) | Operand::CountDistinct(ast::Distinct::Children(r), _) => {
            r.message.as_deref()
        }
        Operand::CountDistinct(ast::Distinct::Values(o), _) => operand_message(o),
        Operand::Concat(parts, _) => parts.iter().find_map(operand_message),
        Operand::Literal(..) | Operand::Iteration(_) => None,
    }
}
