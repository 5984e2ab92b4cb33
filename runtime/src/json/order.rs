//! Puts a document read from JSON whose members did not all come in the
//! order of the message structure into that order. Only such documents pay
//! for it: the reader builds the document as it reads, in the order of the
//! input, which is the structure's order whenever every object's members
//! are (as the bench's own JSON and HMRC's converter write them).

use crate::document::{Document, Node, NodeId, NO_NODE};

/// The children of `n` in `doc` (pre-order: the first child is `n + 1`, the
/// next sibling of `c` is after `c`'s subtree), in their schema's order:
/// a stable sort, so the instances of an array keep theirs.
fn children_in_order(doc: &Document, n: NodeId, kids: &mut Vec<NodeId>) {
    kids.clear();
    let last = doc.links[n as usize].last;
    let mut c = n + 1;
    while c <= last {
        kids.push(c);
        c = doc.links[c as usize].last + 1;
    }
    kids.sort_by_key(|&c| doc.links[c as usize].schema);
}

/// `doc` (built in the order of the input) with every node's children in
/// the order of the message structure, pre-order; the texts stay where they
/// are, the texts as sent (`raw`) follow their items.
pub(super) fn structure_order(doc: Document) -> Document {
    let len = doc.len();
    let mut out = Document::new(doc.schema, len);
    // The new id of each old node.
    let mut moved: Vec<NodeId> = vec![NO_NODE; len];
    let mut last_child: Vec<NodeId> = vec![NO_NODE; len];
    let mut kids = Vec::new();
    let mut stack: Vec<(NodeId, NodeId)> = Vec::new();
    out.push(0, doc.nodes[0].clone());
    moved[0] = 0;
    children_in_order(&doc, 0, &mut kids);
    stack.extend(kids.iter().rev().map(|&c| (c, 0)));
    while let Some((old, parent)) = stack.pop() {
        let id = out.nodes.len() as NodeId;
        let sid = doc.links[old as usize].schema;
        let prev = last_child[parent as usize];
        let index = if prev != NO_NODE && out.schema_of(prev) == sid {
            out.iteration(prev) + 1
        } else {
            1
        };
        last_child[parent as usize] = id;
        moved[old as usize] = id;
        out.push(
            sid,
            Node {
                parent,
                index,
                text: doc.nodes[old as usize].text,
            },
        );
        children_in_order(&doc, old, &mut kids);
        stack.extend(kids.iter().rev().map(|&c| (c, id)));
    }
    // Children come after their parent: one backward pass sets `last`.
    for id in (1..out.nodes.len()).rev() {
        let (parent, last) = (out.nodes[id].parent, out.links[id].last);
        let p = &mut out.links[parent as usize];
        p.last = p.last.max(last);
    }
    let mut raw = doc.raw;
    for (n, _) in &mut raw {
        *n = moved[*n as usize];
    }
    raw.sort_unstable_by_key(|&(n, _)| n);
    out.text = doc.text;
    out.raw = raw;
    out
}
