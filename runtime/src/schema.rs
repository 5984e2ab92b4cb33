//! The static message model the generated validator is compiled against.
//!
//! Schema nodes are numbered in XSD sequence order (pre-order), so comparing two
//! sibling ids tells which comes first in a message; [`crate::report`] relies on
//! this to sort violations about missing elements into document order.

use crate::format::Format;

/// Index of a data group or data item in [`MessageSchema::nodes`]; 0 is the root.
pub type SchemaId = u16;

/// Status of a data group or item in the message structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `R`: required whenever its parent is present.
    Required,
    /// `D`: dependent on a condition (the condition is a rule of its own).
    Dependent,
    /// `O`: optional.
    Optional,
}

/// What the text of a data item must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueFormat {
    /// Data groups have no text.
    None,
    /// A EUCDM format such as `an..35` or `n..16,6`.
    Text(Format),
    /// `YYYY-MM-DD`, a real calendar date.
    Date,
    /// `YYYY-MM-DDThh:mm:ss`, a real date and time.
    DateTime,
}

/// One data group or data item of a message.
#[derive(Debug)]
pub struct SchemaNode {
    /// XML element name (`TransitOperation`, `declarationType`).
    pub name: &'static str,
    /// Parent node; the root is its own parent.
    pub parent: SchemaId,
    /// Maximum number of repetitions; `> 1` means pointers carry `[n]`.
    pub max: u32,
    /// Whether this is a data group (has children) or a data item (has text).
    pub group: bool,
    /// Children in sequence order.
    pub children: &'static [SchemaId],
    /// The children whose status is R, in sequence order: the structure check
    /// looks for these only (a CC015C group has 15-30 children, a few required).
    pub required: &'static [SchemaId],
    /// R, D or O.
    pub status: Status,
    /// Format of a data item's text; a text that breaks it is reported as
    /// [`StructureFault::Format`](crate::report::StructureFault::Format).
    pub format: ValueFormat,
    /// What the item's XSD type says (white space, patterns, lengths in
    /// characters, digits, enumerations): when present it decides the format
    /// check, which is still reported as `format` with the table's format.
    pub xsd: Option<&'static crate::xsd::XsdType>,
}

impl SchemaNode {
    /// Whether the node may occur more than once (its pointer then has `[n]`).
    pub const fn repeatable(&self) -> bool {
        self.max > 1
    }
}

/// A message type (`CC015C`) and its tree of data groups and items.
#[derive(Debug)]
pub struct MessageSchema {
    /// Message type, also the root element's local name.
    pub id: &'static str,
    /// Namespace of the root element (children are unqualified).
    pub namespace: &'static str,
    /// The data groups and items, the root first; a [`SchemaId`] indexes them.
    pub nodes: &'static [SchemaNode],
    /// A message from customs (CC028C, CC043C, ...): read as context of a
    /// movement ([`crate::movement`]) for the rules of the trader's messages,
    /// never validated itself (its validator reports nothing).
    pub context_only: bool,
}

impl MessageSchema {
    /// The node with id `id`.
    pub fn node(&self, id: SchemaId) -> &'static SchemaNode {
        &self.nodes[id as usize]
    }

    /// The child of `parent` named `name`, if the model has one.
    pub fn child_named(&self, parent: SchemaId, name: &[u8]) -> Option<SchemaId> {
        self.nodes[parent as usize]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c as usize].name.as_bytes() == name)
    }

    /// The child of `parent` named `name`, looked for from position `from`
    /// of its children on, then before it: the reader passes the position
    /// of the previous child, so in a message in sequence order the name is
    /// found in one or two comparisons, not by a scan from the first child.
    /// Returns the position and the child.
    #[inline]
    pub fn child_named_from(
        &self,
        parent: SchemaId,
        name: &[u8],
        from: usize,
    ) -> Option<(usize, SchemaId)> {
        let children = self.nodes[parent as usize].children;
        let from = from.min(children.len());
        // Plain index loops: the chained iterators this was written with
        // cost the reader more than the comparisons themselves.
        let is = |i: usize| self.nodes[children[i] as usize].name.as_bytes() == name;
        let at = (from..children.len())
            .find(|&i| is(i))
            .or_else(|| (0..from).find(|&i| is(i)))?;
        Some((at, children[at]))
    }

    /// Dotted path of a schema node relative to the root (`Consignment.grossMass`).
    pub fn dotted(&self, id: SchemaId) -> String {
        let mut parts = Vec::new();
        let mut cur = id;
        while cur != 0 {
            parts.push(self.nodes[cur as usize].name);
            cur = self.nodes[cur as usize].parent;
        }
        parts.reverse();
        parts.join(".")
    }
}
