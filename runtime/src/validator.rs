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

/// Removes every violation equal to an earlier one, keeping the order.
fn drop_equal(violations: &mut Vec<Violation>) {
    if violations.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..violations.len() as u32).collect();
    let key = |i: u32| {
        let v = &violations[i as usize];
        (&v.pointer, v.code, v.reason, &v.value)
    };
    order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
    let mut drop = vec![false; violations.len()];
    for w in order.windows(2) {
        if key(w[0]) == key(w[1]) {
            drop[w[1] as usize] = true;
        }
    }
    if drop.contains(&true) {
        let mut i = 0;
        violations.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
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
    ///
    /// Two violations are equal when they have the same code, pointer, reason
    /// and value. The pointer and value follow from the node (and, for a
    /// missing element, its schema id), so reports about one place have equal
    /// sort keys but for the emission order and sit in one run after the sort;
    /// each run is deduplicated on (code, reason) before any string is built.
    /// Two places can still share a pointer when an element that may not repeat
    /// does (no `[n]` tells them apart): a last pass over the pointers finds
    /// those.
    pub fn finish(mut self) -> Report {
        self.raw.sort_unstable_by_key(|r| r.key);
        let doc = self.doc;
        let mut violations: Vec<Violation> = Vec::with_capacity(self.raw.len());
        let same_place = |a: &Raw, b: &Raw| {
            (a.key.0, a.key.1, a.key.2, a.node, a.missing)
                == (b.key.0, b.key.1, b.key.2, b.node, b.missing)
        };
        let mut run = 0;
        let mut shared = false;
        for (i, r) in self.raw.iter().enumerate() {
            if i > 0 && !same_place(&self.raw[i - 1], r) {
                run = i;
            }
            if self.raw[run..i]
                .iter()
                .any(|w| w.code == r.code && w.reason == r.reason)
            {
                continue;
            }
            let ((pointer, may_share), value) = match r.missing {
                Some(s) => (doc.missing_pointer_shared(r.node, s), None),
                None => (
                    doc.pointer_shared(r.node),
                    if doc.is_group(r.node) {
                        None
                    } else {
                        Some(doc.text(r.node).to_owned())
                    },
                ),
            };
            shared |= may_share;
            violations.push(Violation {
                code: r.code,
                pointer,
                reason: r.reason,
                value,
            });
        }
        if shared {
            drop_equal(&mut violations);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::SCHEMA;

    #[test]
    fn equal_violations_are_reported_once() {
        let xml = br#"<t:M xmlns:t="urn:t"><A><d>x</d></A><e>z</e><e>z</e></t:M>"#;
        let doc = crate::xml::read_xml(xml, &[&SCHEMA]).unwrap();
        let reasons = ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"];
        let (d, e1, e2) = (2, 3, 4);
        let mut out = Collector::new(&doc);
        // The same fact about d, with ten other facts about d in between.
        out.present(d, ErrorCode::Rule, "C0001");
        for r in reasons {
            out.present(d, ErrorCode::Rule, r);
        }
        out.present(d, ErrorCode::Rule, "C0001");
        out.missing(1, 2, ErrorCode::ConditionMissing, "C0002");
        out.missing(1, 2, ErrorCode::ConditionMissing, "C0002");
        // Two <e> where one is allowed: one pointer, the same text.
        out.present(e1, ErrorCode::Rule, "C0003");
        out.present(e2, ErrorCode::Rule, "C0003");
        let r = out.finish();
        let seen: Vec<(&str, &str)> = r
            .violations
            .iter()
            .map(|v| (v.pointer.as_str(), v.reason))
            .collect();
        let mut want = vec![("/M/A[1]/B", "C0002"), ("/M/A[1]/d[1]", "C0001")];
        want.extend(reasons.iter().map(|&r| ("/M/A[1]/d[1]", r)));
        want.push(("/M/e", "C0003"));
        assert_eq!(seen, want);
    }
}
