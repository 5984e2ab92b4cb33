//! Literals against the code lists elements are bound to, and against what a
//! value can be: `first N characters` never equals a longer literal.

use crate::codelist::Content;
use crate::diagnostics::{quoted, suggest, Diagnostic, Span};
use crate::ir::{NodeId, SetRef};

use super::Checker;

impl Checker<'_> {
    /// `first N characters of X` is at most N characters long: it never
    /// equals a longer literal (a shorter one it may, when X is short).
    pub fn prefix_literal(&mut self, n: u32, literal: &str, span: Span) {
        let len = literal.chars().count();
        if len <= n as usize {
            return;
        }
        self.out.push(
            Diagnostic::error(
                span,
                format!("'{literal}' has {len} characters: `first {n} characters of ...` never equals it"),
                format!("longer than {n} characters"),
            )
            .with_help(format!("compare with a literal of {n} characters, or take `first {len} characters`")),
        );
    }

    /// A literal compared with an element bound to a code list must be one
    /// of its codes: an error for a complete list, a warning for a partial one.
    pub(super) fn literal_in_bound_list(&mut self, node: NodeId, literal: &str, span: Span) {
        let Some(cl) = &self.model.node(node).codelist else {
            return;
        };
        let Some(list) = self.codelists.get(cl) else {
            return;
        };
        // An empty list is one whose file failed to load: that has its own error.
        if matches!(list.content, Content::NotShipped)
            || list.entries().is_empty()
            || list.contains(literal)
        {
            return;
        }
        let element = self.model.dotted(node);
        let title = if list.title.is_empty() {
            String::new()
        } else {
            format!(" ({})", list.title)
        };
        let codes: Vec<&str> = list.entries().iter().map(|e| e.code.as_str()).collect();
        // A close code is suggested; failing that, a short list is shown whole.
        let close = suggest(literal, codes.iter().copied())
            .filter(|_| literal.chars().count() >= 3)
            .map(|s| format!("did you mean '{s}'?"));
        let help = close.or_else(|| {
            (codes.len() <= 12)
                .then(|| format!("the codes of {cl} are {}", quoted(codes.iter().copied())))
        });
        let mut d = if list.is_complete() {
            Diagnostic::error(
                span,
                format!(
                    "'{literal}' is not a code of {cl}{title}, the list `{element}` is bound to"
                ),
                format!("not in {cl}"),
            )
            .with_note(format!(
                "`{element}` never has this value: a message with it is rejected with error 12"
            ))
        } else {
            Diagnostic::warning(
                span,
                format!("'{literal}' is not among the known codes of {cl}{title}, the partial list `{element}` is bound to"),
                format!("not a known code of {cl}"),
            )
            .with_note(format!("{cl} is known in part; check the code against the full list"))
        };
        if let Some(h) = help {
            d = d.with_help(h);
        }
        // An error for a complete list, a warning for a partial one.
        self.out.push(d);
    }

    /// `X in <a,b>` / `X in CLnnn` on an element bound to a code list: the
    /// literals must be codes of its list; another list is likely a mistake
    /// (a warning) unless the two are related: one declared a subset of the
    /// other, or both subsets of one list (CL505 and CL248 are both lists of
    /// CL008's countries, so testing an address country against CL505 is
    /// meaningful; testing it against a list of document types is not).
    ///
    /// `spans`: where each member of a literal set is written, or the list's id.
    pub fn membership(&mut self, node: Option<NodeId>, set: &SetRef, spans: &[Span]) {
        let Some(node) = node else { return };
        match set {
            SetRef::Literal(members) => {
                for (m, span) in members.iter().zip(spans) {
                    self.literal_in_bound_list(node, m, *span);
                }
            }
            SetRef::CodeList { index, .. } => {
                let Some(bound) = self.model.node(node).codelist.clone() else {
                    return;
                };
                let (id, span) = (&self.codelists.lists[*index].id, spans[0]);
                if bound == *id
                    || self.subset_of(id, &bound)
                    || self.subset_of(&bound, id)
                    || self.share_a_superset(id, &bound)
                {
                    return;
                }
                self.out.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "`{}` is bound to {bound} in the message model, tested here against {id}",
                            self.model.dotted(node),
                        ),
                        format!("not {bound}"),
                    )
                    .with_help(format!(
                        "test against {bound}, or declare `codelist {id} ... subset of {bound}` if it is one",
                    )),
                );
            }
        }
    }

    /// The lists `a` is declared a subset of, directly or through other lists,
    /// nearest first (a cycle of declarations is followed once).
    fn supersets(&self, a: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut next = 0;
        let mut cur = a.to_string();
        loop {
            if let Some(l) = self.codelists.get(&cur) {
                for p in &l.subset_of {
                    if p != a && !out.contains(p) {
                        out.push(p.clone());
                    }
                }
            }
            let Some(p) = out.get(next) else { break };
            cur = p.clone();
            next += 1;
        }
        out
    }

    /// `a` and `b` are both declared subsets (directly or not) of one list.
    fn share_a_superset(&self, a: &str, b: &str) -> bool {
        let of_b = self.supersets(b);
        self.supersets(a).iter().any(|p| of_b.contains(p))
    }

    /// `a` is declared a subset of `b`, directly or through other lists.
    fn subset_of(&self, a: &str, b: &str) -> bool {
        self.supersets(a).iter().any(|p| p == b)
    }
}
