//! The interface of a compiled (or interpreted) validator and the collector it
//! reports violations to.
//!
//! Violations are recorded as (node, code, reason) without building any string;
//! pointers and values are built once, in [`Collector::finish`], after sorting
//! into document order.

use std::borrow::Cow;

use crate::document::{Document, NodeId};
use crate::external::{ExternalChecks, NoExternalChecks};
use crate::refdata::ReferenceData;
use crate::report::{
    CodeListId, ErrorCode, Reason, Report, RuleId, Violation, MAX_FUNCTIONAL_ERRORS,
};
use crate::schema::{MessageSchema, SchemaId};

/// Whether a rule with period `from..=until` (`YYYY-MM-DD`, empty: open) is
/// in force on `date`; every rule is when the message has no date. The
/// generated code tests each distinct period once per message.
pub fn in_force(date: &str, from: &str, until: &str) -> bool {
    date.is_empty() || crate::codelist::valid_on(date, from, until)
}

/// What a validation may be told besides the message.
pub struct Options<'a> {
    /// Judge the message by the rules in force on this date (`YYYY-MM-DD`)
    /// instead of its preparation date.
    pub date: Option<String>,
    /// Registries outside the message (see [`crate::external`]).
    pub external: &'a dyn ExternalChecks,
    /// The movement the message belongs to: the messages of the same
    /// movement sent or received before it, oldest first (see
    /// [`crate::movement::Movement`]), read with the rule set's `schemas()`.
    /// A rule reading another message (`CC015C: TransitOperation.security`)
    /// reads the last of that type here, and a type the movement does not
    /// hold as a message that was not sent. `None`: the movement is not
    /// known, and such rules are undecided.
    pub movement: Option<&'a [Document]>,
    /// Code lists of the day (`eucdm validate --codelists DIR`): each list
    /// given replaces the rule set's list of the same id and is complete (see
    /// [`crate::refdata`]). `None`: the rule set's own lists, at no cost.
    pub codelists: Option<&'a ReferenceData>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            date: None,
            external: &NoExternalChecks,
            movement: None,
            codelists: None,
        }
    }
}

/// Kind of a rule, as in the DDNTA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// A condition (`Cxxxx`): when a data group or item is required or forbidden.
    Condition,
    /// A rule (`Rxxxx`): what a value must be.
    Rule,
    /// A guideline (`Gxxxx`): guidance, no technical check.
    Guideline,
    /// A transitional rule (`Bxxxx`), in force for a period.
    Transitional,
}

/// Metadata of one rule of a rule set.
///
/// Generated code has every text as a literal (`Cow::Borrowed`,
/// [`RuleId::new`]); the interpreter owns its ids, titles and periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule's id (`C0411`).
    pub id: RuleId,
    /// Condition, rule, guideline or transitional rule.
    pub kind: RuleKind,
    /// The rule's title.
    pub title: Cow<'static, str>,
    /// First day in force (`YYYY-MM-DD`), empty when in force from the start.
    pub from: Cow<'static, str>,
    /// Last day in force, empty when in force to the end.
    pub until: Cow<'static, str>,
}

impl RuleInfo {
    /// Whether the rule is in force on `date` (see [`in_force`]).
    pub fn in_force(&self, date: &str) -> bool {
        in_force(date, &self.from, &self.until)
    }
}

/// How much of a code list a rule set holds (`codelist` declarations:
/// with content, `partial`, or without content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListContent {
    /// The whole list: a code it does not hold is error 12.
    Complete,
    /// Part of the list: a code it does not hold is undecided.
    Partial,
    /// Declared, no content: not checked (unless given at run time,
    /// [`crate::refdata`]).
    NotShipped,
}

/// A code list a rule set declares (id, title, how much it holds), as
/// [`crate::RuleSet::codelists`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeListInfo {
    /// The list's id (`CL231`).
    pub id: CodeListId,
    /// The list's title (`DeclarationType`).
    pub title: Cow<'static, str>,
    /// How much of the list the rule set holds.
    pub content: ListContent,
    /// Its source and snapshot date (`SOURCES.csv`), when recorded.
    pub provenance: Option<crate::codelist::Provenance>,
}

/// A validator for one message type.
pub struct MessageValidator {
    /// The message model it validates.
    pub schema: &'static MessageSchema,
    /// The rules it applies.
    pub rules: &'static [RuleInfo],
    /// Validates a document read with `schema`.
    pub validate: fn(&Document, &Options<'_>) -> Report,
}

impl MessageValidator {
    /// The rule with id `id`, if this validator applies it.
    pub fn rule(&self, id: &str) -> Option<&'static RuleInfo> {
        self.rules.iter().find(|r| r.id.as_str() == id)
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
        (&v.pointer, v.code, &v.reason, &v.value)
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

#[derive(Debug, Clone)]
struct Raw {
    /// Document position, then before (0) or at (1) that node, then the schema
    /// id of a missing element, then emission order: a total, stable order.
    key: (NodeId, u8, u32, u32),
    code: ErrorCode,
    /// A rule or code list of generated code borrows its id (no allocation).
    reason: Reason,
    node: NodeId,
    missing: Option<SchemaId>,
}

/// Where a report is about: reports with equal places and equal (code,
/// reason) are one violation.
type Place = (NodeId, u8, u32);

impl Raw {
    fn place(&self) -> Place {
        (self.key.0, self.key.1, self.key.2)
    }
}

/// Collects violations during one validation.
///
/// At most [`MAX_FUNCTIONAL_ERRORS`] are reported. Rules report out of
/// document order, so every report is kept until there are
/// `COMPACT_AT` of them; then they are sorted and deduplicated, only the
/// first `MAX_FUNCTIONAL_ERRORS` places are kept, and later reports past the
/// last kept place are dropped as they come. Memory stays bounded whatever the
/// message.
pub struct Collector<'d> {
    doc: &'d Document,
    raw: Vec<Raw>,
    seq: u32,
    /// Reports past this place are dropped (set once the cap is reached).
    beyond: Option<Place>,
    /// When `raw` is next compacted.
    compact_at: usize,
    undecided: Vec<(RuleId, NodeId)>,
    undecided_beyond: Option<NodeId>,
    undecided_compact_at: usize,
    truncated: bool,
}

/// Twice the cap: the reports held until a compaction are the collector's
/// peak memory on a message with many violations (four times the cap was
/// half the report's peak on a 25 MB CC015C of 20,000 items; BENCHMARKS.md),
/// and a compaction still drops at least as many as it keeps, for the
/// first one; later ones wait for twice what was kept.
const COMPACT_AT: usize = 2 * MAX_FUNCTIONAL_ERRORS;

impl<'d> Collector<'d> {
    /// An empty collection for `doc`.
    pub fn new(doc: &'d Document) -> Self {
        Collector {
            doc,
            raw: Vec::new(),
            seq: 0,
            beyond: None,
            compact_at: COMPACT_AT,
            undecided: Vec::new(),
            undecided_beyond: None,
            undecided_compact_at: COMPACT_AT,
            truncated: false,
        }
    }

    /// `node` is present and violates `reason`.
    ///
    /// The reporting methods are `#[cold]`: a lodged declaration mostly
    /// passes, so the ~150 rules' call sites are laid out away from the tests
    /// they follow, which keeps the tests dense in the instruction cache.
    #[cold]
    pub fn present(&mut self, node: NodeId, code: ErrorCode, reason: impl Into<Reason>) {
        self.push((node, 1, 0), code, reason.into(), node, None);
    }

    /// A `schema` child of `parent` is required by `reason` but missing.
    #[cold]
    pub fn missing(
        &mut self,
        parent: NodeId,
        schema: SchemaId,
        code: ErrorCode,
        reason: impl Into<Reason>,
    ) {
        let pos = self.doc.missing_position(parent, schema);
        self.push(
            (pos, 0, schema as u32),
            code,
            reason.into(),
            parent,
            Some(schema),
        );
    }

    fn push(
        &mut self,
        place: Place,
        code: ErrorCode,
        reason: Reason,
        node: NodeId,
        missing: Option<SchemaId>,
    ) {
        if self.beyond.is_some_and(|b| place > b) {
            self.truncated = true;
            return;
        }
        self.seq += 1;
        if self.raw.len() == self.raw.capacity() {
            // Never past `compact_at`, where it compacts: doubling would
            // reserve up to twice that.
            let len = self.raw.len();
            self.raw
                .reserve_exact((2 * len).clamp(16, self.compact_at.max(len + 1)) - len);
        }
        self.raw.push(Raw {
            key: (place.0, place.1, place.2, self.seq),
            code,
            reason,
            node,
            missing,
        });
        if self.raw.len() >= self.compact_at {
            self.compact();
        }
    }

    /// Sorts the reports into document order, drops repeated ones (the same
    /// code and reason at one place; reports about one place have equal sort
    /// keys but for the emission order, so they sit in one run), and keeps the
    /// first [`MAX_FUNCTIONAL_ERRORS`] places. In place: no allocation.
    fn compact(&mut self) {
        self.raw.sort_unstable_by_key(|r| r.key);
        let (mut kept, mut run, mut places) = (0, 0, 0);
        for i in 0..self.raw.len() {
            let r = &self.raw[i];
            if kept == 0 || self.raw[kept - 1].place() != r.place() {
                places += 1;
                if places > MAX_FUNCTIONAL_ERRORS {
                    self.truncated = true;
                    self.beyond = Some(self.raw[kept - 1].place());
                    break;
                }
                run = kept;
            }
            if !self.raw[run..kept]
                .iter()
                .any(|w| w.code == r.code && w.reason == r.reason)
            {
                // Everything in kept..i is dropped: swapping moves no kept report.
                self.raw.swap(kept, i);
                kept += 1;
            }
        }
        self.raw.truncate(kept);
        // Reports at places already kept may still come: compact again only
        // when the list has grown well past what it holds now.
        self.compact_at = COMPACT_AT.max(2 * self.raw.len());
    }

    /// A statement of `reason` about `node` could not be decided.
    #[cold]
    pub fn undecided(&mut self, node: NodeId, reason: RuleId) {
        if self.undecided_beyond.is_some_and(|b| node > b) {
            self.truncated = true;
            return;
        }
        self.undecided.push((reason, node));
        if self.undecided.len() >= self.undecided_compact_at {
            self.compact_undecided();
        }
    }

    /// Sorts the notes into document order, one per (rule, node) — a rule
    /// undecided several times at one place is one fact — and keeps about the
    /// first [`MAX_FUNCTIONAL_ERRORS`].
    fn compact_undecided(&mut self) {
        self.undecided
            .sort_unstable_by(|(r, n), (s, m)| (n, r).cmp(&(m, s)));
        self.undecided.dedup();
        if self.undecided.len() > MAX_FUNCTIONAL_ERRORS {
            // Keep every note up to the node of the 9,999th, so no note that
            // may be among the first 9,999 is lost (`finish` cuts exactly).
            let last = self.undecided[MAX_FUNCTIONAL_ERRORS - 1].1;
            self.undecided.retain(|&(_, n)| n <= last);
            self.undecided_beyond = Some(last);
            self.truncated = true;
        }
        self.undecided_compact_at = COMPACT_AT.max(2 * self.undecided.len());
    }

    /// Sorts into document order, drops exact duplicates, builds pointers for
    /// at most [`MAX_FUNCTIONAL_ERRORS`] violations.
    ///
    /// Two violations are equal when they have the same code, pointer, reason
    /// and value. The pointer and value follow from the node (and, for a
    /// missing element, its schema id), so reports about one place have equal
    /// sort keys but for the emission order and sit in one run after the sort;
    /// each run is deduplicated on (code, reason) before any string is built
    /// (`compact`). Two places can still share a pointer when an element that
    /// may not repeat does (no `[n]` tells them apart): a last pass over the
    /// pointers finds those (and may then leave fewer than the cap in a
    /// truncated report).
    pub fn finish(mut self, date: &str) -> Report {
        self.compact();
        // The strings are built with the kept reports live: free what the
        // dropped ones held first.
        self.raw.shrink_to_fit();
        let doc = self.doc;
        let mut violations: Vec<Violation> =
            Vec::with_capacity(self.raw.len().min(MAX_FUNCTIONAL_ERRORS));
        let mut shared = false;
        let mut truncated = self.truncated;
        for r in &self.raw {
            if violations.len() == MAX_FUNCTIONAL_ERRORS {
                truncated = true;
                break;
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
                reason: r.reason.clone(),
                value,
            });
        }
        if shared {
            drop_equal(&mut violations);
        }
        self.compact_undecided();
        if self.undecided.len() > MAX_FUNCTIONAL_ERRORS {
            self.undecided.truncate(MAX_FUNCTIONAL_ERRORS);
            truncated = true;
        }
        let undecided = std::mem::take(&mut self.undecided)
            .into_iter()
            .map(|(r, n)| (r, doc.pointer(n)))
            .collect();
        Report {
            message: doc.schema().id,
            violations,
            undecided,
            truncated,
            date: date.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::SCHEMA;

    #[test]
    fn a_rule_is_in_force_within_its_period_or_without_a_date() {
        assert!(in_force("2025-01-21", "", "2025-01-21"));
        assert!(!in_force("2025-01-22", "", "2025-01-21"));
        assert!(!in_force("2024-12-31", "2025-01-01", ""));
        assert!(in_force("", "2030-01-01", "2030-12-31"));
    }

    #[test]
    fn equal_violations_are_reported_once() {
        let xml = br#"<t:M xmlns:t="urn:t"><A><d>x</d></A><e>z</e><e>z</e></t:M>"#;
        let doc = crate::xml::read_xml(xml, &[&SCHEMA]).unwrap();
        let reasons = ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"];
        let (d, e1, e2) = (2, 3, 4);
        let mut out = Collector::new(&doc);
        // The same fact about d, with ten other facts about d in between.
        out.present(d, ErrorCode::Rule, RuleId::new("C0001"));
        for r in reasons {
            out.present(d, ErrorCode::Rule, RuleId::new(r));
        }
        out.present(d, ErrorCode::Rule, RuleId::new("C0001"));
        out.missing(1, 2, ErrorCode::ConditionMissing, RuleId::new("C0002"));
        out.missing(1, 2, ErrorCode::ConditionMissing, RuleId::new("C0002"));
        // Two <e> where one is allowed: one pointer, the same text.
        out.present(e1, ErrorCode::Rule, RuleId::new("C0003"));
        out.present(e2, ErrorCode::Rule, RuleId::new("C0003"));
        let r = out.finish("");
        let seen: Vec<(&str, String)> = r
            .violations
            .iter()
            .map(|v| (v.pointer.as_str(), v.reason.to_string()))
            .collect();
        let mut want = vec![("/M/A[1]/B", "C0002"), ("/M/A[1]/d[1]", "C0001")];
        want.extend(reasons.iter().map(|&r| ("/M/A[1]/d[1]", r)));
        want.push(("/M/e", "C0003"));
        let want: Vec<(&str, String)> = want.into_iter().map(|(p, r)| (p, r.into())).collect();
        assert_eq!(seen, want);
    }

    /// A message with `n` <A><d>x</d></A> groups: nodes 1..=2n.
    fn many(n: usize) -> Document {
        let mut xml = String::from(r#"<t:M xmlns:t="urn:t">"#);
        for _ in 0..n {
            xml.push_str("<A><d>x</d></A>");
        }
        xml.push_str("</t:M>");
        crate::xml::read_xml(xml.as_bytes(), &[&SCHEMA]).unwrap()
    }

    /// Reports two facts (and a repeat) about each of `nodes`, last node
    /// first, as a rule walking backwards would.
    fn report_backwards(doc: &Document, nodes: u32) -> Report {
        let mut out = Collector::new(doc);
        for n in (1..=nodes).rev() {
            out.present(n, ErrorCode::Rule, RuleId::new("R1"));
            out.present(n, ErrorCode::Rule, RuleId::new("R2"));
            out.present(n, ErrorCode::Rule, RuleId::new("R1"));
        }
        out.finish("")
    }

    /// The same facts as two rules report them: one walk for R1, then one
    /// for R2, then R1's again.
    fn report_rule_by_rule(doc: &Document, nodes: u32) -> Report {
        let mut out = Collector::new(doc);
        for reason in ["R1", "R2", "R1"] {
            for n in 1..=nodes {
                out.present(n, ErrorCode::Rule, RuleId::new(reason));
            }
        }
        out.finish("")
    }

    #[test]
    fn at_most_an_ie056_of_violations_the_first_in_document_order() {
        // 144,000 reports: the collector compacts on the way, the first time
        // before R2's walk has begun.
        let doc = many(24000);
        let want: Vec<(String, Reason)> = (1..=48000)
            .flat_map(|n| {
                [
                    (doc.pointer(n), RuleId::new("R1").into()),
                    (doc.pointer(n), RuleId::new("R2").into()),
                ]
            })
            .take(MAX_FUNCTIONAL_ERRORS)
            .collect();
        for r in [
            report_backwards(&doc, 48000),
            report_rule_by_rule(&doc, 48000),
        ] {
            assert!(r.truncated);
            let seen: Vec<(String, Reason)> = r
                .violations
                .iter()
                .map(|v| (v.pointer.clone(), v.reason.clone()))
                .collect();
            assert_eq!(seen, want);
        }
    }

    #[test]
    fn a_full_ie056_is_not_truncated() {
        let doc = many(6000);
        // 2 facts on each of 4999 nodes, then one more on the next: 9999.
        let mut out = Collector::new(&doc);
        out.present(5000, ErrorCode::Rule, RuleId::new("R1"));
        for n in (1..5000).rev() {
            out.present(n, ErrorCode::Rule, RuleId::new("R2"));
            out.present(n, ErrorCode::Rule, RuleId::new("R1"));
        }
        let r = out.finish("");
        assert_eq!(
            (r.violations.len(), r.truncated),
            (MAX_FUNCTIONAL_ERRORS, false)
        );
        // One fact more is one too many.
        let r = report_backwards(&doc, 5000);
        assert_eq!(
            (r.violations.len(), r.truncated),
            (MAX_FUNCTIONAL_ERRORS, true)
        );
    }

    #[test]
    fn undecided_notes_are_capped_too() {
        let doc = many(12000);
        let mut out = Collector::new(&doc);
        for n in (1..=24000).rev() {
            out.undecided(n, RuleId::new("C0001"));
            out.undecided(n, RuleId::new("C0001"));
        }
        let r = out.finish("");
        assert!(r.truncated && r.violations.is_empty());
        assert_eq!(r.undecided.len(), MAX_FUNCTIONAL_ERRORS);
        assert_eq!(r.undecided[0], (RuleId::new("C0001"), doc.pointer(1)));
        assert_eq!(
            r.undecided[MAX_FUNCTIONAL_ERRORS - 1],
            (
                RuleId::new("C0001"),
                doc.pointer(MAX_FUNCTIONAL_ERRORS as u32)
            )
        );
    }
}
