//! `any other G satisfies (K = this V)`: a quantifier whose test is an
//! equality between a key of each instance and a value of the statement's
//! anchor. Scanning the instances for each anchor is quadratic when the anchor
//! is itself one of them (R0054: each transport equipment looks for the one
//! numbered one below it, 1,098 M instructions for 1,999 of them). The
//! instances reached from one start node are indexed by key once; each test
//! is then a lookup. The compiler decides from the shape of the condition
//! (`eucdm_compiler::keyed`); the generated code and the interpreter share
//! this index.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::ControlFlow;

use crate::document::{Document, NodeId};

/// The instances of one quantifier's navigation, by key, per node the walk
/// starts from (the parent instance whose groups are quantified), for one
/// document. The first lookup from a start node scans; a second one from the
/// same node (the next anchor among the instances) builds its index. A
/// quantifier whose every anchor starts from a node of its own (`any Packaging
/// satisfies (...)` of each item) then never pays for an index it would use
/// once.
#[derive(Debug)]
pub struct KeyIndex<K> {
    /// The start node of the last scan.
    scanned: Cell<Option<NodeId>>,
    by_start: RefCell<HashMap<NodeId, HashMap<K, Vec<NodeId>>>>,
}

impl<K> Default for KeyIndex<K> {
    fn default() -> Self {
        KeyIndex {
            scanned: Cell::new(None),
            by_start: RefCell::new(HashMap::new()),
        }
    }
}

/// Each instance with its key (none when it has no value), given to a
/// function that may stop the walk.
pub type Instances<'f, K> = &'f mut dyn FnMut(NodeId, Option<K>) -> ControlFlow<()>;

impl<K: Eq + Hash> KeyIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether an instance reached from `start` has the key `key`; none has
    /// the key of no value (a comparison with an absent value is false).
    /// `other_than`: an instance that is or holds this node does not count
    /// (`any other`). `instances` walks the instances, giving each with its
    /// key.
    pub fn has(
        &self,
        doc: &Document,
        start: NodeId,
        key: Option<&K>,
        other_than: Option<NodeId>,
        instances: impl FnOnce(Instances<'_, K>),
    ) -> bool {
        let Some(key) = key else {
            return false;
        };
        let counts = |n: NodeId| !other_than.is_some_and(|o| doc.contains(n, o));
        let mut by_start = self.by_start.borrow_mut();
        if !by_start.contains_key(&start) && self.scanned.replace(Some(start)) != Some(start) {
            let mut found = false;
            instances(&mut |n, k| {
                found = k.as_ref() == Some(key) && counts(n);
                if found {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            return found;
        }
        let by_key = by_start.entry(start).or_insert_with(|| {
            let mut by_key: HashMap<K, Vec<NodeId>> = HashMap::new();
            instances(&mut |n, k| {
                if let Some(k) = k {
                    by_key.entry(k).or_default().push(n);
                }
                ControlFlow::Continue(())
            });
            by_key
        });
        // At most one instance holds `other_than` (the instances of one
        // navigation are disjoint), so this looks at no more than two.
        by_key
            .get(key)
            .is_some_and(|found| found.iter().any(|&n| counts(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::SCHEMA;

    /// Four A under the root: d = 2, 1, 2 and none.
    const XML: &[u8] =
        br#"<t:M xmlns:t="urn:t"><A><d>2</d></A><A><d>1</d></A><A><d>2</d></A><A/></t:M>"#;

    /// Whether an A has the d `key`, from an index that counts the walks.
    fn lookup(
        doc: &Document,
        builds: &Cell<u32>,
        index: &KeyIndex<String>,
        key: Option<&str>,
        other_than: Option<NodeId>,
    ) -> bool {
        let key = key.map(str::to_owned);
        index.has(doc, doc.root(), key.as_ref(), other_than, |add| {
            builds.set(builds.get() + 1);
            let _ = doc.walk(doc.root(), 0, &[1], &mut |a| {
                add(a, doc.find(a, 0, &[4]).map(|d| doc.text(d).to_owned()))
            });
        })
    }

    fn a_instances(doc: &Document) -> Vec<NodeId> {
        let mut v = Vec::new();
        let _ = doc.walk(doc.root(), 0, &[1], &mut |a| {
            v.push(a);
            ControlFlow::Continue(())
        });
        v
    }

    #[test]
    fn scans_and_lookups_find_other_instances_by_key() {
        let doc = crate::xml::read_xml(XML, &[&SCHEMA]).unwrap();
        let a = a_instances(&doc);
        let d = doc.find(a[1], 0, &[4]).unwrap();
        // (key, not the A holding, found)
        let cases = [
            (Some("1"), None, true),
            // The one A with d = 1 is not another A of itself, nor of its d.
            (Some("1"), Some(a[1]), false),
            (Some("1"), Some(d), false),
            // A duplicate: each A with d = 2 has another.
            (Some("2"), Some(a[0]), true),
            (Some("2"), Some(a[2]), true),
            // The A without d has no key: no value matches it, none is matched.
            (None, None, false),
            (Some(""), None, false),
            (Some("3"), Some(a[3]), false),
        ];
        let (shared, shared_walks) = (KeyIndex::new(), Cell::new(0));
        for (key, other_than, found) in cases {
            let (fresh, walks) = (KeyIndex::new(), Cell::new(0));
            let case = format!("{key:?} other than {other_than:?}");
            assert_eq!(
                lookup(&doc, &walks, &fresh, key, other_than),
                found,
                "scan: {case}"
            );
            assert_eq!(
                lookup(&doc, &shared_walks, &shared, key, other_than),
                found,
                "{case}"
            );
        }
        // One scan, then the index, built on the second lookup, answers the rest.
        assert_eq!(shared_walks.get(), 2);
    }
}
