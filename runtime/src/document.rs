//! A read message as a flat arena in document order, navigated by schema id.
//!
//! Node ids are assigned in pre-order, so `a < b` means `a` starts before `b`.
//! Texts of data items are decoded once into one buffer. Navigation allocates
//! nothing but, on the first walk of two or more levels, one index of the
//! instances of every schema node (see [`Document::walk`]).

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use crate::schema::{MessageSchema, SchemaId};

/// A node of a [`Document`]: its index in the arena, the root being 0.
pub type NodeId = u32;
const NONE: NodeId = u32::MAX;
/// Subtrees of at least this many nodes are walked through the instance index.
const LARGE_SUBTREE: NodeId = 256;

/// What navigation reads, kept apart from the rest of a node so that looking
/// for a child touches 8 bytes per sibling instead of a whole [`Node`]: the
/// ~90 rule walks over the items of a large message then stay in cache.
/// Nodes are in pre-order, so `last` gives the first child (`n + 1` when
/// `last > n`) and the next sibling (`last + 1`, while inside the parent).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    /// Last node of this node's subtree (itself when it has no children).
    pub last: NodeId,
    pub schema: SchemaId,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub parent: NodeId,
    /// 1-based position among siblings of the same name.
    pub index: u32,
    pub text: (u32, u32),
}

/// A message read into memory.
#[derive(Debug)]
pub struct Document {
    pub(crate) schema: &'static MessageSchema,
    pub(crate) nodes: Vec<Node>,
    /// `links[n]` goes with `nodes[n]`.
    pub(crate) links: Vec<Link>,
    pub(crate) text: String,
    /// The texts as sent, only of the data items whose `whiteSpace` facet
    /// changed them: `(item, range in text)`, by ascending item. Most texts
    /// need no normalisation, so most documents hold none.
    pub(crate) raw: Vec<(NodeId, (u32, u32))>,
    /// Instances of each schema node in document order, built on first use.
    pub(crate) instances: OnceLock<Instances>,
}

/// Every node, grouped by schema id (counting sort), in document order within
/// a schema id: the instances of schema node `s` are
/// `nodes[start[s]..start[s + 1]]`.
#[derive(Debug)]
pub struct Instances {
    start: Vec<u32>,
    nodes: Vec<NodeId>,
}

impl Instances {
    /// The instances of schema node `s`, in document order.
    #[inline]
    pub fn of(&self, s: SchemaId) -> &[NodeId] {
        let s = usize::from(s);
        match (self.start.get(s), self.start.get(s + 1)) {
            (Some(&a), Some(&b)) => self.nodes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The instances of each of `ids`: what the generated code fetches for
    /// all its navigations from the root at once, in one loop instead of
    /// one inlined look-up (bounds checks and all) per navigation.
    #[inline(never)]
    pub fn of_each<const N: usize>(&self, ids: &[SchemaId; N]) -> [&[NodeId]; N] {
        ids.map(|s| self.of(s))
    }
}

impl Document {
    pub(crate) fn new(schema: &'static MessageSchema, capacity: usize) -> Self {
        Document {
            schema,
            nodes: Vec::with_capacity(capacity),
            links: Vec::with_capacity(capacity),
            text: String::new(),
            raw: Vec::new(),
            instances: OnceLock::new(),
        }
    }

    /// Appends a node (the readers build documents in pre-order); its subtree
    /// ends at itself until the reader knows better.
    #[inline]
    pub(crate) fn push(&mut self, schema: SchemaId, node: Node) {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(node);
        self.links.push(Link { last: id, schema });
    }

    /// Gives back what the reader reserved from the input size and did not
    /// use (it guesses high, so as never to grow the arena on the way): the
    /// document then holds what it read for as long as it is validated.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        self.links.shrink_to_fit();
        self.text.shrink_to_fit();
        self.raw.shrink_to_fit();
    }

    /// A message of type `schema` holding nothing but its root: what a rule
    /// reads of a message the movement did not send ([`crate::movement`]).
    pub fn empty(schema: &'static MessageSchema) -> Document {
        let mut d = Document::new(schema, 1);
        d.push(
            0,
            Node {
                parent: 0,
                index: 1,
                text: (0, 0),
            },
        );
        d
    }

    /// The message model the document was read with.
    pub fn schema(&self) -> &'static MessageSchema {
        self.schema
    }

    /// Applies the XSD `whiteSpace` facet of data item `n` to its text, as
    /// the XSD validation NCTS runs before any rule does: `" CT "` of an
    /// `xs:token` item is `CT` for the code lists and the rules (and in the
    /// report). What the readers call as each item is read (the XML reader at
    /// its end tag), so that the texts are not walked a second time. The
    /// item's text must be the last in the buffer (true at its end tag: an
    /// item has no children). The text as sent stays where it is, the value
    /// follows it.
    pub(crate) fn normalize_last_text(&mut self, n: NodeId) {
        use crate::xsd::{changes, normalize, WhiteSpace};
        let node = self.schema.node(self.links[n as usize].schema);
        let facet = node.xsd.map_or(WhiteSpace::Preserve, |x| x.whitespace);
        let (start, end) = self.nodes[n as usize].text;
        debug_assert_eq!(end as usize, self.text.len());
        if !changes(facet, self.text_at(n)) {
            return;
        }
        let value = normalize(facet, self.text_at(n)).into_owned();
        debug_assert!(self.raw.last().is_none_or(|&(m, _)| m < n));
        self.raw.push((n, (start, end)));
        self.text.push_str(&value);
        self.nodes[n as usize].text = (end, self.text.len() as u32);
    }

    /// The root element (the message itself).
    #[inline]
    pub fn root(&self) -> NodeId {
        0
    }

    /// The number of nodes (elements) read.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether no node was read.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The model node of `n` (which data group or item it is).
    #[inline]
    pub fn schema_of(&self, n: NodeId) -> SchemaId {
        self.links[n as usize].schema
    }

    /// The parent of `n` (the root is its own parent).
    #[inline]
    pub fn parent(&self, n: NodeId) -> NodeId {
        self.nodes[n as usize].parent
    }

    /// Text of a data item (empty for groups).
    ///
    /// Out of line: the generated code reads values at ~400 places, and the
    /// slicing (with its UTF-8 boundary checks) inlined at each of them made
    /// the validator's code too large for the instruction cache. The
    /// runtime's own loops use the inlined `Document::text_at`.
    #[inline(never)]
    pub fn text(&self, n: NodeId) -> &str {
        self.text_at(n)
    }

    /// Text of a data item as the message sent it, before its type's
    /// `whiteSpace` facet (HMRC's rules read this: `A  B` and `A B` are two
    /// names for its `countDistinct`). The same as [`Document::text`] for
    /// every text the facet left alone.
    #[inline(never)]
    pub fn raw_text(&self, n: NodeId) -> &str {
        match self.raw.binary_search_by_key(&n, |&(m, _)| m) {
            Ok(i) => {
                let (a, b) = self.raw[i].1;
                &self.text[a as usize..b as usize]
            }
            Err(_) => self.text_at(n),
        }
    }

    /// [`Document::text`], inlined.
    #[inline]
    pub(crate) fn text_at(&self, n: NodeId) -> &str {
        let (a, b) = self.nodes[n as usize].text;
        &self.text[a as usize..b as usize]
    }

    /// Children of `parent` that are instances of `schema`, in document order.
    #[inline]
    pub fn children(&self, parent: NodeId, schema: SchemaId) -> Children<'_> {
        Children {
            doc: self,
            next: parent + 1,
            end: self.links[parent as usize].last,
            schema,
        }
    }

    /// First child of `parent` that is an instance of `schema`.
    #[inline]
    pub fn child(&self, parent: NodeId, schema: SchemaId) -> Option<NodeId> {
        self.children(parent, schema).next()
    }

    /// Goes `up` levels from `from`, then down through `down` (schema ids of
    /// successive children), calling `f` on every node reached, in document order.
    /// `f` may stop the walk early.
    ///
    /// One copy for every caller (`f` is a trait object): the generated code
    /// calls it from hundreds of closures, and a copy per closure did not fit
    /// the instruction cache. No step or one step (the usual cases: the
    /// context itself, or its children of one kind) go straight to the
    /// node or to a child scan.
    ///
    /// A walk of two or more levels does not descend level by level: the nodes
    /// it reaches are the instances of the last schema node that lie in the
    /// start's subtree (a schema node has one path from its ancestors, and a
    /// subtree is a contiguous range of ids), found by bisection in the
    /// per-schema instance lists.
    pub fn walk(
        &self,
        from: NodeId,
        up: u16,
        down: &[SchemaId],
        f: &mut dyn FnMut(NodeId) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let start = self.ancestor(from, up);
        let indexed = match down {
            [] | [_] => None,
            _ => self.walk_plan(start, down),
        };
        match indexed {
            Some(nodes) => each(nodes, f),
            None => self.walk_down(start, down, f),
        }
    }

    /// `up` levels above `n`.
    #[inline]
    pub fn ancestor(&self, n: NodeId, up: u16) -> NodeId {
        let mut a = n;
        for _ in 0..up {
            a = self.parent(a);
        }
        a
    }

    /// The nodes a walk of two or more levels from `start` reaches, when the
    /// instance index answers it. From the root the index is a slice at any
    /// depth. Elsewhere it costs two bisections over all instances of the
    /// target: worth it only for a large subtree (a small one is cheaper, and
    /// stays in cache, scanned level by level).
    fn walk_plan(&self, start: NodeId, down: &[SchemaId]) -> Option<&[NodeId]> {
        let large = self.links[start as usize].last - start >= LARGE_SUBTREE;
        if start == 0 || large {
            return self.instances_below(start, down);
        }
        None
    }

    /// Every instance of schema node `s`, in document order.
    #[inline]
    pub fn instances(&self, s: SchemaId) -> &[NodeId] {
        self.index().of(s)
    }

    /// The instances of every schema node (built on first use): the
    /// generated code fetches it once and takes all its root navigations
    /// from it.
    #[inline]
    pub fn index(&self) -> &Instances {
        self.instances.get_or_init(|| self.index_instances())
    }

    /// Every node [`Document::walk`] reaches from `from` down through `down`,
    /// in document order: a slice of the instance index for a schema path,
    /// else collected level by level.
    pub fn reach(&self, from: NodeId, down: &[SchemaId]) -> Cow<'_, [NodeId]> {
        if let Some(nodes) = self.instances_below(from, down) {
            return Cow::Borrowed(nodes);
        }
        let mut nodes = Vec::new();
        let _ = self.walk_down(from, down, &mut |n| {
            nodes.push(n);
            ControlFlow::Continue(())
        });
        Cow::Owned(nodes)
    }

    /// The instances of `down`'s last schema node in `at`'s subtree, when
    /// `down` is the schema path to it from `at`'s schema node (else `None`).
    fn instances_below(&self, at: NodeId, down: &[SchemaId]) -> Option<&[NodeId]> {
        let (&target, path) = down.split_last()?;
        let schema = self.schema.nodes;
        let mut p = target;
        for &s in path.iter().rev() {
            p = schema.get(p as usize)?.parent;
            if p != s {
                return None;
            }
        }
        if p == 0 || schema.get(p as usize)?.parent != self.schema_of(at) {
            return None;
        }
        let ix = self.instances.get_or_init(|| self.index_instances());
        let all = ix.of(target);
        if at == 0 {
            return Some(all);
        }
        let last = self.links[at as usize].last;
        let lo = all.partition_point(|&n| n <= at);
        let hi = lo + all[lo..].partition_point(|&n| n <= last);
        Some(&all[lo..hi])
    }

    fn index_instances(&self) -> Instances {
        // Counting sort: counts at s + 2, prefix sums, then start[s + 1] serves
        // as the cursor of schema s and ends as the start of s + 1.
        let mut start = vec![0u32; self.schema.nodes.len() + 2];
        for n in &self.links {
            start[n.schema as usize + 2] += 1;
        }
        for i in 2..start.len() {
            start[i] += start[i - 1];
        }
        let mut nodes = vec![0; self.nodes.len()];
        for (i, n) in self.links.iter().enumerate() {
            let slot = &mut start[n.schema as usize + 1];
            nodes[*slot as usize] = i as NodeId;
            *slot += 1;
        }
        Instances { start, nodes }
    }

    fn walk_down(
        &self,
        at: NodeId,
        down: &[SchemaId],
        f: &mut dyn FnMut(NodeId) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        match down {
            [] => f(at),
            [last] => {
                for c in self.children(at, *last) {
                    f(c)?;
                }
                ControlFlow::Continue(())
            }
            [first, rest @ ..] => {
                for c in self.children(at, *first) {
                    self.walk_down(c, rest, f)?;
                }
                ControlFlow::Continue(())
            }
        }
    }

    /// The first node reached by [`Document::walk`], if any.
    pub fn find(&self, from: NodeId, up: u16, down: &[SchemaId]) -> Option<NodeId> {
        let start = self.ancestor(from, up);
        match down {
            [] => Some(start),
            [s] => self.child(start, *s),
            _ => {
                let mut found = None;
                let _ = self.walk(start, 0, down, &mut |n| {
                    found = Some(n);
                    ControlFlow::Break(())
                });
                found
            }
        }
    }

    /// Whether `n` is `a` or inside it (subtrees are contiguous in pre-order).
    #[inline]
    pub fn contains(&self, a: NodeId, n: NodeId) -> bool {
        a <= n && n <= self.links[a as usize].last
    }

    /// How many elements `n` holds directly (its children of every name).
    pub fn child_count(&self, n: NodeId) -> usize {
        let last = self.links[n as usize].last;
        let (mut c, mut count) = (n + 1, 0);
        while c <= last {
            count += 1;
            c = self.links[c as usize].last + 1;
        }
        count
    }

    /// 1-based position of `n` among its siblings of the same name.
    #[inline]
    pub fn iteration(&self, n: NodeId) -> u32 {
        self.nodes[n as usize].index
    }

    /// Whether two nodes of the same schema node hold the same content: the
    /// same text for data items; for data groups the same elements, nested the
    /// same way, with the same texts. Subtrees are contiguous in pre-order, so
    /// this is one linear comparison.
    pub fn same_content(&self, a: NodeId, b: NodeId) -> bool {
        let (la, lb) = (self.links[a as usize], self.links[b as usize]);
        if la.schema != lb.schema || la.last - a != lb.last - b {
            return false;
        }
        (0..=la.last - a).all(|k| {
            let (x, y) = (&self.nodes[(a + k) as usize], &self.nodes[(b + k) as usize]);
            self.schema_of(a + k) == self.schema_of(b + k)
                && (k == 0 || x.parent - a == y.parent - b)
                && self.text_at(a + k) == self.text_at(b + k)
        })
    }

    /// The node's pointer: `/CC015C/Consignment/HouseConsignment[1]/grossMass`,
    /// with `[n]` on every element that may repeat.
    pub fn pointer(&self, n: NodeId) -> String {
        self.pointer_shared(n).0
    }

    /// [`Document::pointer`], and whether another node may have the same
    /// pointer: when it or an ancestor is a repetition of an element that may
    /// not repeat (which has no `[n]` to tell it apart).
    pub(crate) fn pointer_shared(&self, n: NodeId) -> (String, bool) {
        let mut chain = Vec::new();
        let mut cur = n;
        loop {
            chain.push(cur);
            if cur == 0 {
                break;
            }
            cur = self.parent(cur);
        }
        let mut out = String::with_capacity(chain.len() * 24);
        let mut shared = false;
        for &c in chain.iter().rev() {
            let node = &self.nodes[c as usize];
            let s = self.schema.node(self.schema_of(c));
            out.push('/');
            out.push_str(s.name);
            if s.repeatable() {
                out.push('[');
                out.push_str(&node.index.to_string());
                out.push(']');
            } else {
                shared |= node.index > 1;
            }
        }
        (out, shared)
    }

    /// Pointer of a missing child: where it would be, without an index.
    pub fn missing_pointer(&self, parent: NodeId, schema: SchemaId) -> String {
        self.missing_pointer_shared(parent, schema).0
    }

    /// [`Document::missing_pointer`], and whether it may be shared (see
    /// [`Document::pointer_shared`]).
    pub(crate) fn missing_pointer_shared(
        &self,
        parent: NodeId,
        schema: SchemaId,
    ) -> (String, bool) {
        let (mut p, shared) = self.pointer_shared(parent);
        p.push('/');
        p.push_str(self.schema.node(schema).name);
        (p, shared)
    }

    /// Document position a missing child `schema` of `parent` would have: just
    /// before the first existing child that follows it in sequence order.
    pub(crate) fn missing_position(&self, parent: NodeId, schema: SchemaId) -> NodeId {
        let end = self.links[parent as usize].last;
        let mut c = parent + 1;
        while c <= end {
            let link = self.links[c as usize];
            if link.schema > schema {
                return c;
            }
            c = link.last + 1;
        }
        end + 1
    }

    pub(crate) fn is_group(&self, n: NodeId) -> bool {
        self.schema.node(self.schema_of(n)).group
    }
}

/// Calls `f` on each of `nodes` in turn, as [`Document::walk`] does on the
/// nodes it reaches (the generated code walks shared navigations with it).
/// One copy for all callers, like [`Document::walk`].
#[inline(never)]
pub fn each(nodes: &[NodeId], f: &mut dyn FnMut(NodeId) -> ControlFlow<()>) -> ControlFlow<()> {
    for &n in nodes {
        f(n)?;
    }
    ControlFlow::Continue(())
}

/// Iterator over the children of one node that belong to one schema node.
pub struct Children<'a> {
    doc: &'a Document,
    next: NodeId,
    /// The parent's last node: the scan stops past it.
    end: NodeId,
    schema: SchemaId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        while self.next <= self.end {
            let n = self.next;
            let link = self.doc.links[n as usize];
            self.next = link.last + 1;
            if link.schema == self.schema {
                return Some(n);
            }
            // Siblings follow sequence order: once past `schema`, none can follow.
            if link.schema > self.schema {
                break;
            }
        }
        self.next = self.end + 1;
        None
    }
}

pub(crate) const NO_NODE: NodeId = NONE;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::schema::{SchemaNode, Status, ValueFormat};

    const fn node(
        name: &'static str,
        parent: SchemaId,
        group: bool,
        children: &'static [SchemaId],
    ) -> SchemaNode {
        SchemaNode {
            name,
            parent,
            max: 9,
            group,
            children,
            required: &[],
            status: Status::Optional,
            format: ValueFormat::None,
            xsd: None,
        }
    }

    static NODES: [SchemaNode; 6] = [
        SchemaNode {
            max: 1,
            ..node("M", 0, true, &[1, 5])
        },
        node("A", 0, true, &[2, 4]),
        node("B", 1, true, &[3]),
        node("c", 2, false, &[]),
        node("d", 1, false, &[]),
        SchemaNode {
            max: 1,
            ..node("e", 0, false, &[])
        },
    ];
    pub(crate) static SCHEMA: MessageSchema = MessageSchema {
        id: "M",
        namespace: "urn:t",
        nodes: &NODES,
        context_only: false,
    };

    /// Walks through the instance index reach exactly the nodes, in the same
    /// order, as walking level by level — from every node, every number of
    /// levels up, along every schema path of two or three steps (valid or not).
    #[test]
    fn indexed_walks_equal_level_walks() {
        let xml = br#"<t:M xmlns:t="urn:t"><A><B><c>1</c></B><B><c>2</c><c>3</c></B><d>x</d></A><A><d>y</d></A><A><B/><B><c>4</c></B></A><e>z</e></t:M>"#;
        let doc = crate::xml::read_xml(xml, &[&SCHEMA]).unwrap();
        let ids: Vec<SchemaId> = (0..NODES.len() as SchemaId).collect();
        let mut paths: Vec<Vec<SchemaId>> = Vec::new();
        for &a in &ids {
            for &b in &ids {
                paths.push(vec![a, b]);
                for &c in &ids {
                    paths.push(vec![a, b, c]);
                }
            }
        }
        let mut reached_any = 0;
        for n in 0..doc.len() as NodeId {
            for up in 0..3u16 {
                let mut start = n;
                for _ in 0..up {
                    start = doc.parent(start);
                }
                for p in &paths {
                    let (mut fast, mut slow) = (Vec::new(), Vec::new());
                    let _ = doc.walk(n, up, p, &mut |x| {
                        fast.push(x);
                        ControlFlow::Continue(())
                    });
                    let _ = doc.walk_down(start, p, &mut |x| {
                        slow.push(x);
                        ControlFlow::Continue(())
                    });
                    assert_eq!(fast, slow, "from {n}, up {up}, down {p:?}");
                    assert_eq!(doc.find(n, up, p), slow.first().copied());
                    reached_any += !slow.is_empty() as usize;
                }
            }
        }
        assert!(reached_any > 20);
        // What the generated code shares between checks: every instance of a
        // schema node, and the nodes of any walk from the root.
        for p in &paths {
            let mut slow = Vec::new();
            let _ = doc.walk_down(0, p, &mut |x| {
                slow.push(x);
                ControlFlow::Continue(())
            });
            assert_eq!(*doc.reach(0, p), slow[..], "reach {p:?}");
        }
        let mut all_c = Vec::new();
        let _ = each(&doc.reach(0, &[1, 2, 3]), &mut |x| {
            all_c.push(x);
            ControlFlow::Continue(())
        });
        assert_eq!(all_c.len(), 4);
        assert_eq!(doc.instances(3), &all_c[..]);
        // A walk stopped early stops.
        let mut seen = 0;
        let _ = doc.walk(0, 0, &[1, 2, 3], &mut |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 2);
    }
}
