//! The interface of a compiled (or interpreted) validator and the collector it
//! reports violations to.
//!
//! Violations are recorded as (node, code, reason) without building any string;
//! pointers and values are built once, in [`Collector::finish`], after sorting
//! into document order.

use crate::document::{Document, NodeId};
use crate::external::{ExternalChecks, NoExternalChecks};
use crate::report::{ErrorCode, Report, Violation};
use crate::schema::{MessageSchema, SchemaId};

/// What a validation may be told besides the message.
pub struct Options<'a> {
    /// Judge the message by the rules in force on this date (`YYYY-MM-DD`)
    /// instead of its preparation date.
    pub date: Option<String>,
    /// Registries outside the message (see [`crate::external`]).
    pub external: &'a dyn ExternalChecks,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            date: None,
            external: &NoExternalChecks,
        }
    }
}

/// Kind of a rule, as in the DDNTA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Condition,
    Rule,
    Guideline,
    Transitional,
}

/// Metadata of one rule of a compiled rule set.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub kind: RuleKind,
    pub title: &'static str,
}

/// A validator for one message type.
pub struct MessageValidator {
    pub schema: &'static MessageSchema,
    pub rules: &'static [RuleInfo],
    pub validate: fn(&Document, &Options<'_>) -> Report,
}

impl MessageValidator {
    pub fn rule(&self, id: &str) -> Option<&'static RuleInfo> {
        self.rules.iter().find(|r| r.id == id)
    }
}

#[derive(Debug, Clone, Copy)]
struct Raw {
    /// Document position, then before (0) or at (1) that node, then the schema
    /// id of a missing element, then emission order: a total, stable order.
    key: (NodeId, u8, u32, u32),
    code: ErrorCode,
    reason: &'static str,
    node: NodeId,
    missing: Option<SchemaId>,
}

/// Collects violations during one validation.
pub struct Collector<'d> {
    doc: &'d Document,
    raw: Vec<Raw>,
    undecided: Vec<(&'static str, NodeId)>,
}

impl<'d> Collector<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Collector {
            doc,
            raw: Vec::new(),
            undecided: Vec::new(),
        }
    }

    /// `node` is present and violates `reason`.
    #[inline]
    pub fn present(&mut self, node: NodeId, code: ErrorCode, reason: &'static str) {
        let seq = self.raw.len() as u32;
        self.raw.push(Raw {
            key: (node, 1, 0, seq),
            code,
            reason,
            node,
            missing: None,
        });
    }

    /// A `schema` child of `parent` is required by `reason` but missing.
    #[inline]
    pub fn missing(
        &mut self,
        parent: NodeId,
        schema: SchemaId,
        code: ErrorCode,
        reason: &'static str,
    ) {
        let seq = self.raw.len() as u32;
        let pos = self.doc.missing_position(parent, schema);
        self.raw.push(Raw {
            key: (pos, 0, schema as u32, seq),
            code,
            reason,
            node: parent,
            missing: Some(schema),
        });
    }

    /// A statement of `reason` about `node` could not be decided.
    #[inline]
    pub fn undecided(&mut self, node: NodeId, reason: &'static str) {
        self.undecided.push((reason, node));
    }

    /// Sorts into document order, drops exact duplicates, builds pointers.
    pub fn finish(mut self) -> Report {
        self.raw.sort_unstable_by_key(|r| r.key);
        let doc = self.doc;
        let mut violations: Vec<Violation> = Vec::with_capacity(self.raw.len());
        for r in &self.raw {
            let (pointer, value) = match r.missing {
                Some(s) => (doc.missing_pointer(r.node, s), None),
                None => (
                    doc.pointer(r.node),
                    if doc.is_group(r.node) {
                        None
                    } else {
                        Some(doc.text(r.node).to_owned())
                    },
                ),
            };
            let v = Violation {
                code: r.code,
                pointer,
                reason: r.reason,
                value,
            };
            if !violations.iter().rev().take(8).any(|w| *w == v) {
                violations.push(v);
            }
        }
        // One note per (rule, node): a rule undecided several times at one place is one fact.
        self.undecided.sort_unstable_by_key(|&(r, n)| (n, r));
        self.undecided.dedup();
        let undecided = self
            .undecided
            .iter()
            .map(|&(r, n)| (r, doc.pointer(n)))
            .collect();
        Report {
            message: doc.schema().id,
            violations,
            undecided,
        }
    }
}
