//! Paths: the nodes a reference names, and the navigation to them from a
//! context.

use eucdm_runtime::SchemaId;

use crate::diagnostics::{suggest, Diagnostic};
use crate::ir::{Nav, NodeId};
use crate::model::ElementType;
use crate::syntax::ast::{self, ReferenceKind};

use super::Resolver;

impl Resolver<'_> {
    /// `other G`: from `ctx` up to the parent of the repeating group G that holds
    /// the context, then down into G (the skipping is the IR's `others`).
    pub(super) fn others(&mut self, r: &ast::Reference, group: NodeId, ctx: NodeId) -> Option<Nav> {
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

    pub(super) fn first_repeating(&self, ctx: NodeId, target: NodeId) -> NodeId {
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
    pub(super) fn nav_ref(&self, r: &ast::Reference, ctx: NodeId, target: NodeId) -> (Nav, bool) {
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
    pub(super) fn nav(&self, ctx: NodeId, target: NodeId) -> (Nav, bool) {
        let a = self.model.common_ancestor(ctx, target);
        let up = (self.model.node(ctx).depth - self.model.node(a).depth) as u16;
        let down = self.path_between(a, target);
        let multi = down
            .iter()
            .any(|&n| self.model.node(NodeId::of_schema(n)).repeatable());
        (Nav { up, down }, multi)
    }

    /// The model nodes from below `ancestor` down to `node`, as schema ids.
    pub(super) fn path_between(&self, ancestor: NodeId, node: NodeId) -> Vec<SchemaId> {
        let chain = self.model.chain(node);
        let pos = chain.iter().position(|&n| n == ancestor).expect("ancestor");
        chain[pos + 1..].iter().map(|n| n.schema_id()).collect()
    }

    pub(super) fn single(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<NodeId> {
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
