//! A read message as a flat arena in document order, navigated by schema id.
//!
//! Node ids are assigned in pre-order, so `a < b` means `a` starts before `b`.
//! Texts of data items are decoded once into one buffer; navigation never
//! allocates.

use std::ops::ControlFlow;

use crate::schema::{MessageSchema, SchemaId};

pub type NodeId = u32;
const NONE: NodeId = u32::MAX;

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub schema: SchemaId,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub next_sibling: NodeId,
    /// Last node of this node's subtree (itself when it has no children).
    pub last: NodeId,
    /// 1-based position among siblings of the same name.
    pub index: u32,
    pub text: (u32, u32),
}

/// A message read into memory.
#[derive(Debug)]
pub struct Document {
    pub(crate) schema: &'static MessageSchema,
    pub(crate) nodes: Vec<Node>,
    pub(crate) text: String,
}

impl Document {
    pub(crate) fn new(schema: &'static MessageSchema, capacity: usize) -> Self {
        Document {
            schema,
            nodes: Vec::with_capacity(capacity),
            text: String::new(),
        }
    }

    pub fn schema(&self) -> &'static MessageSchema {
        self.schema
    }

    /// The root element (the message itself).
    #[inline]
    pub fn root(&self) -> NodeId {
        0
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    #[inline]
    pub fn schema_of(&self, n: NodeId) -> SchemaId {
        self.nodes[n as usize].schema
    }

    #[inline]
    pub fn parent(&self, n: NodeId) -> NodeId {
        self.nodes[n as usize].parent
    }

    /// Text of a data item (empty for groups).
    #[inline]
    pub fn text(&self, n: NodeId) -> &str {
        let (a, b) = self.nodes[n as usize].text;
        &self.text[a as usize..b as usize]
    }

    /// Children of `parent` that are instances of `schema`, in document order.
    #[inline]
    pub fn children(&self, parent: NodeId, schema: SchemaId) -> Children<'_> {
        Children {
            doc: self,
            next: self.nodes[parent as usize].first_child,
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
    #[inline]
    pub fn walk<F>(&self, from: NodeId, up: u16, down: &[SchemaId], f: &mut F) -> ControlFlow<()>
    where
        F: FnMut(NodeId) -> ControlFlow<()>,
    {
        let mut start = from;
        for _ in 0..up {
            start = self.parent(start);
        }
        self.walk_down(start, down, f)
    }

    fn walk_down<F>(&self, at: NodeId, down: &[SchemaId], f: &mut F) -> ControlFlow<()>
    where
        F: FnMut(NodeId) -> ControlFlow<()>,
    {
        match down.split_first() {
            None => f(at),
            Some((&first, rest)) => {
                for c in self.children(at, first) {
                    self.walk_down(c, rest, f)?;
                }
                ControlFlow::Continue(())
            }
        }
    }

    /// The first node reached by [`Document::walk`], if any.
    #[inline]
    pub fn find(&self, from: NodeId, up: u16, down: &[SchemaId]) -> Option<NodeId> {
        let mut found = None;
        let _ = self.walk(from, up, down, &mut |n| {
            found = Some(n);
            ControlFlow::Break(())
        });
        found
    }

    /// Whether `n` is `a` or inside it (subtrees are contiguous in pre-order).
    #[inline]
    pub fn contains(&self, a: NodeId, n: NodeId) -> bool {
        a <= n && n <= self.nodes[a as usize].last
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
        let (na, nb) = (&self.nodes[a as usize], &self.nodes[b as usize]);
        if na.schema != nb.schema || na.last - a != nb.last - b {
            return false;
        }
        (0..=na.last - a).all(|k| {
            let (x, y) = (&self.nodes[(a + k) as usize], &self.nodes[(b + k) as usize]);
            x.schema == y.schema
                && (k == 0 || x.parent - a == y.parent - b)
                && self.text(a + k) == self.text(b + k)
        })
    }

    /// The node's pointer: `/CC015C/Consignment/HouseConsignment[1]/grossMass`,
    /// with `[n]` on every element that may repeat.
    pub fn pointer(&self, n: NodeId) -> String {
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
        for &c in chain.iter().rev() {
            let node = &self.nodes[c as usize];
            let s = self.schema.node(node.schema);
            out.push('/');
            out.push_str(s.name);
            if s.repeatable() {
                out.push('[');
                out.push_str(&node.index.to_string());
                out.push(']');
            }
        }
        out
    }

    /// Pointer of a missing child: where it would be, without an index.
    pub fn missing_pointer(&self, parent: NodeId, schema: SchemaId) -> String {
        let mut p = self.pointer(parent);
        p.push('/');
        p.push_str(self.schema.node(schema).name);
        p
    }

    /// Document position a missing child `schema` of `parent` would have: just
    /// before the first existing child that follows it in sequence order.
    pub(crate) fn missing_position(&self, parent: NodeId, schema: SchemaId) -> NodeId {
        let mut c = self.nodes[parent as usize].first_child;
        while c != NONE {
            if self.nodes[c as usize].schema > schema {
                return c;
            }
            c = self.nodes[c as usize].next_sibling;
        }
        self.nodes[parent as usize].last + 1
    }

    pub(crate) fn is_group(&self, n: NodeId) -> bool {
        self.schema.node(self.schema_of(n)).group
    }
}

/// Iterator over the children of one node that belong to one schema node.
pub struct Children<'a> {
    doc: &'a Document,
    next: NodeId,
    schema: SchemaId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        while self.next != NONE {
            let n = self.next;
            let node = &self.doc.nodes[n as usize];
            self.next = node.next_sibling;
            if node.schema == self.schema {
                return Some(n);
            }
            // Siblings follow sequence order: once past `schema`, none can follow.
            if node.schema > self.schema {
                self.next = NONE;
            }
        }
        None
    }
}

pub(crate) const NO_NODE: NodeId = NONE;
