//! The rules' statements that are data, not code — presence (`X mandatory`,
//! `X forbidden`), numbering (`must be sequential`), uniqueness (`must be
//! unique`) and `must not all be equal` — as out-of-line routines. The
//! generated validator calls them with the instances, the schema ids, the code
//! and the reason (the rule) instead of carrying a loop of its own per statement. (The
//! interpreter keeps its own loops: it is the differential oracle of the
//! generated code, `tests/tests/differential.rs`.)
//!
//! Why: the shipped rule set generated ~550 walks, most of them these loops,
//! each a copy monomorphised around its closure (R0987 alone, `**.sequenceNumber
//! must be sequential`, made 40). A message runs through most rules, so those
//! copies did not fit the 32 KB instruction cache together; one shared copy of
//! each routine does (BENCHMARKS.md, session 5).

use std::collections::HashSet;
use std::ops::ControlFlow;

use crate::document::{each, Document, NodeId};
use crate::report::{ErrorCode, Reason};
use crate::schema::SchemaId;
use crate::validator::Collector;
use crate::value::Decimal;

/// The instances a statement applies to.
#[derive(Debug, Clone, Copy)]
pub enum Reach<'a> {
    /// Already found: a navigation from the root shared by all checks of a
    /// message.
    Nodes(&'a [NodeId]),
    /// Reached from `from` as [`Document::walk`] goes: `up` levels, then
    /// down through `down`.
    Walk {
        /// The node the walk starts from.
        from: NodeId,
        /// Levels up from `from`.
        up: u16,
        /// The children's schema ids, level by level, going down.
        down: &'a [SchemaId],
    },
}

impl Reach<'_> {
    fn each(self, doc: &Document, f: &mut impl FnMut(NodeId) -> ControlFlow<()>) {
        let _ = match self {
            Reach::Nodes(nodes) => each(nodes, f),
            Reach::Walk { from, up, down } => doc.walk(from, up, down, f),
        };
    }
}

/// `X is sequential from N`: the instances' values, in order, are N, N+1,
/// ... each read as [`crate::value::java_int`]; true when there is none.
pub fn numbered(doc: &Document, reach: Reach<'_>, from: i64) -> bool {
    let mut next = from;
    let mut all = true;
    reach.each(doc, &mut |n| {
        all = crate::value::java_int(doc.text(n)).is_some_and(|v| i64::from(v) == next);
        next += 1;
        if all {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    all
}

/// What `count(distinct ...)` tells instances apart by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distinct {
    /// The text as it is.
    Text,
    /// The text after Java's `trim` ([`crate::value::java_trim`]).
    Trimmed,
    /// The text as sent ([`Document::raw_text`]).
    Raw,
    /// The text as sent, after Java's `trim`.
    RawTrimmed,
    /// The number of elements the instance holds.
    Children,
}

/// `count(distinct X)`: how many different keys the instances reached have.
pub fn distinct(doc: &Document, reach: Reach<'_>, key: Distinct) -> usize {
    let mut texts = std::collections::HashSet::new();
    let mut sizes = std::collections::HashSet::new();
    reach.each(doc, &mut |n| {
        match key {
            Distinct::Text => texts.insert(doc.text(n)),
            Distinct::Trimmed => texts.insert(crate::value::java_trim(doc.text(n))),
            Distinct::Raw => texts.insert(doc.raw_text(n)),
            Distinct::RawTrimmed => texts.insert(crate::value::java_trim(doc.raw_text(n))),
            Distinct::Children => sizes.insert(doc.child_count(n)),
        };
        ControlFlow::Continue(())
    });
    texts.len() + sizes.len()
}

/// `target mandatory`: every parent must have a `target` child; each one
/// without is reported where the child would be.
fn require(
    doc: &Document,
    out: &mut Collector<'_>,
    parents: Reach<'_>,
    target: SchemaId,
    code: ErrorCode,
    reason: &Reason,
) {
    parents.each(doc, &mut |p| {
        if doc.child(p, target).is_none() {
            out.missing(p, target, code, reason.clone());
        }
        ControlFlow::Continue(())
    });
}

/// `target mandatory` where one instance among all parents suffices (a data
/// group the rule asks for once per message): reported at the first parent
/// when no parent has a `target` child.
fn require_one(
    doc: &Document,
    out: &mut Collector<'_>,
    parents: Reach<'_>,
    target: SchemaId,
    code: ErrorCode,
    reason: &Reason,
) {
    let mut first = None;
    let mut found = false;
    parents.each(doc, &mut |p| {
        first.get_or_insert(p);
        if doc.child(p, target).is_some() {
            found = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    if let (false, Some(p)) = (found, first) {
        out.missing(p, target, code, reason.clone());
    }
}

/// `target forbidden`: every `target` child of every parent is reported.
fn forbid(
    doc: &Document,
    out: &mut Collector<'_>,
    parents: Reach<'_>,
    target: SchemaId,
    code: ErrorCode,
    reason: &Reason,
) {
    parents.each(doc, &mut |p| {
        for c in doc.children(p, target) {
            out.present(c, code, reason.clone());
        }
        ControlFlow::Continue(())
    });
}

/// `item` of `group` must be sequential from `from`: within each `outer`
/// instance, the k-th instance of `group` (counted from `from`) must have an
/// `item` of value k; a wrong one is reported, a missing one is left to the
/// structure and presence checks.
#[allow(clippy::too_many_arguments)]
fn sequential(
    doc: &Document,
    out: &mut Collector<'_>,
    outer: Reach<'_>,
    group: &[SchemaId],
    item: &[SchemaId],
    from: i64,
    code: ErrorCode,
    reason: &Reason,
) {
    outer.each(doc, &mut |o| {
        let mut expected = i128::from(from);
        let _ = doc.walk(o, 0, group, &mut |g| {
            if let Some(i) = doc.find(g, 0, item) {
                if Decimal::parse(doc.text_at(i)) != Some(Decimal(expected * Decimal::ONE)) {
                    out.present(i, code, reason.clone());
                }
            }
            expected += 1;
            ControlFlow::Continue(())
        });
        ControlFlow::Continue(())
    });
}

/// The values reached by `down` must be unique within each `outer`
/// instance: every repetition of an earlier value (same text) is reported.
fn unique(
    doc: &Document,
    out: &mut Collector<'_>,
    outer: Reach<'_>,
    down: &[SchemaId],
    code: ErrorCode,
    reason: &Reason,
) {
    let mut seen = HashSet::new();
    outer.each(doc, &mut |o| {
        seen.clear();
        let _ = doc.walk(o, 0, down, &mut |i| {
            if !seen.insert(doc.text_at(i)) {
                out.present(i, code, reason.clone());
            }
            ControlFlow::Continue(())
        });
        ControlFlow::Continue(())
    });
}

/// The instances must not all be equal (same text, or for data groups the
/// same content): when there are two or more and all equal the first, each
/// is reported. One pass compares with the first and stops at a difference;
/// no list of instances is kept.
fn not_all_equal(
    doc: &Document,
    out: &mut Collector<'_>,
    subject: Reach<'_>,
    code: ErrorCode,
    reason: &Reason,
) {
    let mut first: Option<NodeId> = None;
    let mut n = 0usize;
    let mut differ = false;
    subject.each(doc, &mut |i| {
        n += 1;
        match first {
            None => {
                first = Some(i);
                ControlFlow::Continue(())
            }
            Some(f) if doc.same_content(f, i) => ControlFlow::Continue(()),
            Some(_) => {
                differ = true;
                ControlFlow::Break(())
            }
        }
    });
    if n >= 2 && !differ {
        subject.each(doc, &mut |i| {
            out.present(i, code, reason.clone());
            ControlFlow::Continue(())
        });
    }
}

/// A data statement, as [`apply`] and the steps of a [`run`] table do it to
/// the instances they are given.
#[derive(Debug, Clone, Copy)]
pub enum Op {
    /// `X mandatory`: each instance without this child is reported.
    Require(SchemaId),
    /// `X mandatory` where one instance among all suffices.
    RequireOne(SchemaId),
    /// `X forbidden`: every such child is reported.
    Forbid(SchemaId),
    /// `must be sequential from`: `item` of the k-th `group` in each instance is k.
    Sequential {
        /// The path from the instance to the numbered data group.
        group: &'static [SchemaId],
        /// The path from that group to its sequence number.
        item: &'static [SchemaId],
        /// The first number (usually 1).
        from: i64,
    },
    /// `must be unique`: the values on this path, within each instance.
    Unique(&'static [SchemaId]),
    /// `must not all be equal`.
    NotAllEqual,
}

/// One data statement of a rule over a navigation from the root: `nav`
/// indexes the navigations the generated code computes once per message.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Index of the navigation (computed once per message) the statement runs over.
    pub nav: u16,
    /// What the statement checks.
    pub op: Op,
    /// The error code reported when it fails.
    pub code: ErrorCode,
}

/// Runs a rule's table of data statements, in order. The generated code
/// lists consecutive statements of this kind as a static table (R0987's 40
/// numbering checks are one), so a rule costs one call site, not one per
/// statement.
#[inline(never)]
pub fn run(
    doc: &Document,
    out: &mut Collector<'_>,
    navs: &[&[NodeId]],
    steps: &[Step],
    reason: &Reason,
) {
    for s in steps {
        let nodes = navs[usize::from(s.nav)];
        // Most steps of a message find no instance (an absent data group).
        if !nodes.is_empty() {
            dispatch(doc, out, Reach::Nodes(nodes), s.op, s.code, reason);
        }
    }
}

/// Runs one data statement over the instances `reach` gives: the generated
/// code calls it for a statement whose instances are not a root navigation
/// (inside `for each`), [`run`] for each step of a table.
#[inline(never)]
pub fn apply(
    doc: &Document,
    out: &mut Collector<'_>,
    reach: Reach<'_>,
    op: Op,
    code: ErrorCode,
    reason: &Reason,
) {
    dispatch(doc, out, reach, op, code, reason)
}

/// [`apply`], inlined into [`run`]'s loop.
#[inline(always)]
fn dispatch(
    doc: &Document,
    out: &mut Collector<'_>,
    reach: Reach<'_>,
    op: Op,
    code: ErrorCode,
    reason: &Reason,
) {
    match op {
        Op::Require(t) => require(doc, out, reach, t, code, reason),
        Op::RequireOne(t) => require_one(doc, out, reach, t, code, reason),
        Op::Forbid(t) => forbid(doc, out, reach, t, code, reason),
        Op::Sequential { group, item, from } => {
            sequential(doc, out, reach, group, item, from, code, reason)
        }
        Op::Unique(down) => unique(doc, out, reach, down, code, reason),
        Op::NotAllEqual => not_all_equal(doc, out, reach, code, reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::SCHEMA;
    use crate::report::RuleId;

    /// `M/A/B/c`: three A; B under the first and third; c in two of the B.
    const XML: &[u8] = br#"<t:M xmlns:t="urn:t"><A><B><c>1</c></B><B/><d>x</d></A><A><d>y</d></A><A><B><c>4</c></B></A><e>z</e></t:M>"#;

    fn run(f: impl Fn(&Document, &mut Collector<'_>)) -> Vec<(String, ErrorCode)> {
        let doc = crate::xml::read_xml(XML, &[&SCHEMA]).unwrap();
        let mut out = Collector::new(&doc);
        f(&doc, &mut out);
        let report = out.finish("");
        report
            .violations
            .into_iter()
            .map(|v| (v.pointer, v.code))
            .collect()
    }

    #[test]
    fn require_reports_each_parent_without_the_child() {
        let got = run(|doc, out| {
            let parents = Reach::Walk {
                from: doc.root(),
                up: 0,
                down: &[1, 2],
            };
            // Through apply, as the generated code calls it inside `for each`.
            apply(
                doc,
                out,
                parents,
                Op::Require(3),
                ErrorCode::ConditionMissing,
                &RuleId::new("C1").into(),
            );
        });
        assert_eq!(
            got,
            [("/M/A[1]/B[2]/c".to_string(), ErrorCode::ConditionMissing)]
        );
    }

    #[test]
    fn require_one_is_met_by_any_parent() {
        let doc = crate::xml::read_xml(XML, &[&SCHEMA]).unwrap();
        let a = doc.instances(1);
        let got = run(|doc, out| {
            // Every A has a d but the third: one suffices.
            require_one(
                doc,
                out,
                Reach::Nodes(a),
                4,
                ErrorCode::ConditionMissing,
                &RuleId::new("C2").into(),
            );
        });
        assert!(got.is_empty(), "{got:?}");
        let got = run(|doc, out| {
            // No A has an e child: reported once, at the first A.
            require_one(
                doc,
                out,
                Reach::Nodes(a),
                5,
                ErrorCode::ConditionMissing,
                &RuleId::new("C2").into(),
            );
        });
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.ends_with("/A[1]/e"), "{got:?}");
        let got = run(|doc, out| {
            require_one(
                doc,
                out,
                Reach::Nodes(&[]),
                5,
                ErrorCode::ConditionMissing,
                &RuleId::new("C2").into(),
            );
        });
        assert!(got.is_empty(), "no parent, nothing to report: {got:?}");
    }

    /// Like [`run`], over another message.
    fn run_on(xml: &[u8], f: impl Fn(&Document, &mut Collector<'_>)) -> Vec<String> {
        let doc = crate::xml::read_xml(xml, &[&SCHEMA]).unwrap();
        let mut out = Collector::new(&doc);
        f(&doc, &mut out);
        out.finish("")
            .violations
            .into_iter()
            .map(|v| v.pointer)
            .collect()
    }

    #[test]
    fn sequential_counts_every_group_and_skips_a_missing_item() {
        // The second A says 3 where 2 is due; the third has no d, yet counts.
        let xml =
            br#"<t:M xmlns:t="urn:t"><A><d>1</d></A><A><d>3</d></A><A/><A><d>4.0</d></A></t:M>"#;
        let got = run_on(xml, |doc, out| {
            let outer = Reach::Nodes(&[0]);
            sequential(
                doc,
                out,
                outer,
                &[1],
                &[4],
                1,
                ErrorCode::Rule,
                &RuleId::new("R1").into(),
            );
        });
        assert_eq!(got, ["/M/A[2]/d[1]"]);
        // Counted from 0 instead, every present number is wrong.
        let got = run_on(xml, |doc, out| {
            let outer = Reach::Nodes(&[0]);
            sequential(
                doc,
                out,
                outer,
                &[1],
                &[4],
                0,
                ErrorCode::Rule,
                &RuleId::new("R1").into(),
            );
        });
        assert_eq!(got, ["/M/A[1]/d[1]", "/M/A[2]/d[1]", "/M/A[4]/d[1]"]);
        // Numbering restarts in each outer instance.
        let xml = br#"<t:M xmlns:t="urn:t"><A><B><c>1</c></B><B><c>2</c></B></A><A><B><c>1</c></B><B><c>1</c></B></A></t:M>"#;
        let got = run_on(xml, |doc, out| {
            let outer = Reach::Walk {
                from: 0,
                up: 0,
                down: &[1],
            };
            sequential(
                doc,
                out,
                outer,
                &[2],
                &[3],
                1,
                ErrorCode::Rule,
                &RuleId::new("R1").into(),
            );
        });
        assert_eq!(got, ["/M/A[2]/B[2]/c[1]"]);
    }

    #[test]
    fn unique_reports_repetitions_within_each_outer_instance() {
        let xml = br#"<t:M xmlns:t="urn:t"><A><B><c>1</c></B><B><c>1</c><c>2</c></B></A><A><B><c>2</c></B></A></t:M>"#;
        let got = run_on(xml, |doc, out| {
            let outer = Reach::Nodes(doc.instances(1));
            unique(
                doc,
                out,
                outer,
                &[2, 3],
                ErrorCode::Rule,
                &RuleId::new("R2").into(),
            );
        });
        // The second A's "2" repeats nothing of its own A.
        assert_eq!(got, ["/M/A[1]/B[2]/c[1]"]);
    }

    #[test]
    fn not_all_equal_needs_two_equal_instances() {
        let check = |xml: &[u8]| {
            run_on(xml, |doc, out| {
                let subject = Reach::Nodes(doc.instances(4));
                not_all_equal(
                    doc,
                    out,
                    subject,
                    ErrorCode::Rule,
                    &RuleId::new("R3").into(),
                );
            })
        };
        let same = br#"<t:M xmlns:t="urn:t"><A><d>x</d></A><A><d>x</d></A></t:M>"#;
        assert_eq!(check(same), ["/M/A[1]/d[1]", "/M/A[2]/d[1]"]);
        let differ = br#"<t:M xmlns:t="urn:t"><A><d>x</d></A><A><d>y</d></A><A><d>x</d></A></t:M>"#;
        assert!(check(differ).is_empty());
        let one = br#"<t:M xmlns:t="urn:t"><A><d>x</d></A></t:M>"#;
        assert!(check(one).is_empty());
    }

    #[test]
    fn a_table_runs_each_step_over_its_navigation() {
        let a = |doc: &Document| doc.instances(1).to_vec();
        let b = |doc: &Document| doc.instances(2).to_vec();
        let got = run_on(XML, |doc, out| {
            let (a, b) = (a(doc), b(doc));
            let navs: [&[NodeId]; 2] = [&a, &b];
            let steps = [
                Step {
                    nav: 1,
                    op: Op::Require(3),
                    code: ErrorCode::ConditionMissing,
                },
                Step {
                    nav: 0,
                    op: Op::Forbid(4),
                    code: ErrorCode::ConditionNotAllowed,
                },
                Step {
                    nav: 0,
                    op: Op::RequireOne(5),
                    code: ErrorCode::ConditionMissing,
                },
            ];
            super::run(doc, out, &navs, &steps, &RuleId::new("T1").into());
        });
        assert_eq!(
            got,
            [
                "/M/A[1]/B[2]/c",
                "/M/A[1]/d[1]",
                "/M/A[1]/e",
                "/M/A[2]/d[1]"
            ]
        );
    }

    #[test]
    fn forbid_reports_every_child() {
        let got = run(|doc, out| {
            let parents = Reach::Nodes(doc.instances(2));
            forbid(
                doc,
                out,
                parents,
                3,
                ErrorCode::ConditionNotAllowed,
                &RuleId::new("C3").into(),
            );
        });
        let pointers: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/M/A[1]/B[1]/c[1]", "/M/A[3]/B[1]/c[1]"]);
    }
}

/// An element of the message validated paired with another message's element
/// at the same path (`A unchanged from CC015C`), as the generated code holds it.
#[derive(Debug)]
pub struct Same {
    /// The element in the message validated.
    pub mine: SchemaId,
    /// The element at the same path in the other message's model.
    pub theirs: SchemaId,
    /// How the instances' values are compared (`None` for a data group).
    pub value: Alike,
    /// The children the two models share, compared in each pair of instances.
    pub within: &'static [Same],
}

/// How two values of a data item are the same in [`unchanged`]: numbers by
/// value (`18450.0` is `18450.00`), dates and date-times as [`value::cmp_date`](crate::value::cmp_date)
/// reads them, other texts exactly; a value that does not parse as its type is
/// compared as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alike {
    /// A data group: no value of its own.
    None,
    /// Texts: compared exactly.
    Text,
    /// Numbers: compared by value.
    Number,
    /// Dates and date-times: compared as `value::cmp_date` reads them.
    Date,
}

impl Alike {
    /// Whether `a` and `b` are the same value in this way.
    pub fn same(self, a: &str, b: &str) -> bool {
        match self {
            Alike::None => true,
            Alike::Text => a == b,
            Alike::Number => match (Decimal::parse(a), Decimal::parse(b)) {
                (Some(x), Some(y)) => x == y,
                _ => a == b,
            },
            Alike::Date => match crate::value::cmp_date(a, b) {
                Some(o) => o.is_eq(),
                None => a == b,
            },
        }
    }
}

/// Whether the instances of `s.mine` under `a` (in `a_doc`) match those of
/// `s.theirs` under `b` (in `b_doc`): as many on both sides, and the k-th
/// alike — equal values for a data item ([`Alike`]), matching shared children
/// for a group.
pub fn unchanged(a_doc: &Document, a: NodeId, b_doc: &Document, b: NodeId, s: &Same) -> bool {
    let mut mine = a_doc.children(a, s.mine);
    let mut theirs = b_doc.children(b, s.theirs);
    loop {
        match (mine.next(), theirs.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if !s.value.same(a_doc.text(x), b_doc.text(y)) {
                    return false;
                }
                if !s.within.iter().all(|w| unchanged(a_doc, x, b_doc, y, w)) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}
