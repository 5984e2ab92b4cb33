//! `any other G satisfies (K = this V)`: a quantifier whose test is an
//! equality between a key of each instance and a value of the statement's
//! anchor. Scanning the instances for each anchor is quadratic when the anchor
//! is itself one of them (R0054: each transport equipment looks for the one
//! numbered one below it, 1,098 M instructions for 1,999 of them). The
//! instances reached from one start node are indexed by key once; each test
//! is then a lookup. The compiler decides from the shape of the condition
//! (`eucdm_compiler::keyed`); the generated code and the interpreter share
//! this index.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

use crate::document::{Document, NodeId};

/// The instances of one quantifier's navigation, by key, per node the walk
/// starts from (the parent instance whose groups are quantified). Built on
/// first use, for one document.
#[derive(Debug)]
pub struct KeyIndex<K> {
    by_start: RefCell<HashMap<NodeId, HashMap<K, Vec<NodeId>>>>,
}

impl<K> Default for KeyIndex<K> {
    fn default() -> Self {
        KeyIndex {
            by_start: RefCell::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash> KeyIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether an instance reached from `start` has the key `key`; none has
    /// the key of no value (a comparison with an absent value is false).
    /// `other_than`: an instance that is or holds this node does not count
    /// (`any other`). `instances` gives each instance with its key (none when
    /// it has no value): it is called once per start node.
    pub fn has(
        &self,
        doc: &Document,
        start: NodeId,
        key: Option<&K>,
        other_than: Option<NodeId>,
        instances: impl FnOnce(&mut dyn FnMut(NodeId, Option<K>)),
    ) -> bool {
        let Some(key) = key else {
            return false;
        };
        let mut by_start = self.by_start.borrow_mut();
        let by_key = by_start.entry(start).or_insert_with(|| {
            let mut by_key: HashMap<K, Vec<NodeId>> = HashMap::new();
            instances(&mut |n, k| {
                if let Some(k) = k {
                    by_key.entry(k).or_default().push(n);
                }
            });
            by_key
        });
        // At most one instance holds `other_than` (the instances of one
        // navigation are disjoint), so this looks at no more than two.
        by_key.get(key).is_some_and(|found| {
            found
                .iter()
                .any(|&n| other_than.map_or(true, |o| !doc.contains(n, o)))
        })
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::ops::ControlFlow;

    use super::*;
    use crate::document::tests::SCHEMA;

    /// Four A under the root: d = 2, 1, 2 and none.
    const XML: &[u8] =
        br#"<t:M xmlns:t="urn:t"><A><d>2</d></A><A><d>1</d></A><A><d>2</d></A><A/></t:M>"#;

    /// The A's, and an index over their d's that counts how often it is built.
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
                add(a, doc.find(a, 0, &[4]).map(|d| doc.text(d).to_owned()));
                ControlFlow::Continue(())
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
    fn finds_other_instances_by_key_and_builds_once() {
        let doc = crate::xml::read_xml(XML, &[&SCHEMA]).unwrap();
        let a = a_instances(&doc);
        let (index, builds) = (KeyIndex::new(), Cell::new(0));
        assert!(lookup(&doc, &builds, &index, Some("1"), None));
        // The one A with d = 1 is not another A of itself.
        assert!(!lookup(&doc, &builds, &index, Some("1"), Some(a[1])));
        // Inside it (its d) is still that A.
        let d = doc.find(a[1], 0, &[4]).unwrap();
        assert!(!lookup(&doc, &builds, &index, Some("1"), Some(d)));
        // A duplicate: the first A with d = 2 has another.
        assert!(lookup(&doc, &builds, &index, Some("2"), Some(a[0])));
        assert!(lookup(&doc, &builds, &index, Some("2"), Some(a[2])));
        // The A without d has no key: no value matches it, none is matched.
        assert!(!lookup(&doc, &builds, &index, None, None));
        assert!(!lookup(&doc, &builds, &index, Some(""), None));
        assert!(!lookup(&doc, &builds, &index, Some("3"), Some(a[3])));
        assert_eq!(builds.get(), 1);
    }
}
