//! A message type's tree of data groups and data items.

use eucdm_runtime::SchemaId;

use super::{records, span_in_line};
use crate::diagnostics::{Diagnostic, FileId, Span};

/// A check of the specification that a model binds to an element by where it
/// is written and the error number it gives, as a message table binds a rule
/// id: `p5_p74#1:8120` is the first assert of HMRC's rule file `p5_p74`,
/// error 8120, whose context is the element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct NumberedCheck<'a> {
    /// Where the specification writes it (`p5_p74#1`).
    pub source: &'a str,
    /// The error number its violations give.
    pub number: u16,
}

impl NumberedCheck<'_> {
    /// The check a bound id names, `None` for a rule id (`C0001`).
    pub fn parse(id: &str) -> Option<NumberedCheck<'_>> {
        let (source, number) = id.rsplit_once(':')?;
        let number = number.parse().ok()?;
        (!source.is_empty()).then_some(NumberedCheck { source, number })
    }
}

/// A node of a message model: its index in [`MessageModel::nodes`], which is
/// also its schema id at run time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub usize);

impl NodeId {
    /// The message's root element.
    pub const ROOT: NodeId = NodeId(0);

    pub fn index(self) -> usize {
        self.0
    }

    /// The runtime's id for the node (models have fewer than 65536 nodes).
    pub fn schema_id(self) -> SchemaId {
        self.0 as SchemaId
    }

    /// The node of a runtime schema id.
    pub fn of_schema(id: SchemaId) -> NodeId {
        NodeId(usize::from(id))
    }
}

/// Type of a data item as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementType {
    Group,
    /// Bound to a code list.
    Code,
    Number,
    Text,
    Date,
    DateTime,
}

impl ElementType {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "group" => ElementType::Group,
            "code" => ElementType::Code,
            "number" => ElementType::Number,
            "text" => ElementType::Text,
            "date" => ElementType::Date,
            "datetime" => ElementType::DateTime,
            _ => return None,
        })
    }

    pub fn describe(self) -> &'static str {
        match self {
            ElementType::Group => "data group",
            ElementType::Code => "code",
            ElementType::Number => "number",
            ElementType::Text => "text",
            ElementType::Date => "date",
            ElementType::DateTime => "date-time",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ModelNode {
    pub name: String,
    pub parent: NodeId,
    pub children: Vec<NodeId>,
    pub depth: usize,
    pub ty: ElementType,
    /// R, D or O.
    pub status: char,
    /// `u32::MAX` when unbounded (`*` in the model).
    pub max: u32,
    pub format: Option<String>,
    /// What the item's XSD type says (the `xsd:...` field after the format,
    /// written by `tools/derive-model.py`); when present it decides the
    /// format check, the table's `format` still names it in reports.
    pub xsd: Option<eucdm_runtime::xsd::XsdFacets>,
    pub codelist: Option<String>,
    pub title: String,
    pub rules: Vec<String>,
    pub span: Span,
}

impl ModelNode {
    pub fn repeatable(&self) -> bool {
        self.max > 1
    }

    /// The runtime format of a data item (a text that breaks it is reported
    /// as `format an..35`); one definition for the generated code and the
    /// interpreter.
    pub fn value_format(&self) -> eucdm_runtime::ValueFormat {
        use eucdm_runtime::format::Format;
        use eucdm_runtime::ValueFormat;
        match self.ty {
            ElementType::Group => ValueFormat::None,
            ElementType::Date => ValueFormat::Date,
            ElementType::DateTime => ValueFormat::DateTime,
            // The model loader has already refused a format that does not parse.
            _ => Format::parse(self.format.as_deref().unwrap_or_default())
                .map_or(ValueFormat::None, ValueFormat::Text),
        }
    }

    /// The item's XSD type for the runtime (the interpreter's, leaked).
    pub fn runtime_xsd(&self) -> Option<&'static eucdm_runtime::XsdType> {
        self.xsd.as_ref().map(eucdm_runtime::xsd::XsdFacets::leak)
    }

    /// R, D or O as the runtime's status.
    pub fn runtime_status(&self) -> eucdm_runtime::Status {
        match self.status {
            'R' => eucdm_runtime::Status::Required,
            'D' => eucdm_runtime::Status::Dependent,
            _ => eucdm_runtime::Status::Optional,
        }
    }
}

/// One message type; node 0 is the root, nodes are in sequence (pre-)order.
#[derive(Debug, Clone)]
pub struct MessageModel {
    pub id: String,
    pub title: String,
    pub namespace: String,
    /// `... namespace "<uri>" context only`: a message from customs, read as
    /// context of a movement by rules of the other messages (`CC028C: ...`),
    /// never validated: no rule is applied to it.
    pub context_only: bool,
    pub nodes: Vec<ModelNode>,
}

impl MessageModel {
    /// Parses a `.model` file.
    pub fn parse(text: &str, file: FileId) -> Result<MessageModel, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut model: Option<MessageModel> = None;
        for record in records(text, file) {
            let (line_start, f) = match record {
                Ok(r) => r,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let sp = |(at, s): (usize, &str)| span_in_line(file, line_start, at, s.len());
            if f[0].1 == "message" {
                let context_only = f.len() == 7 && f[5].1 == "context" && f[6].1 == "only";
                // After the namespace: `context only`, or the ids the
                // specification binds to the message as a whole.
                let bound = if context_only || f.len() < 5 {
                    &f[..0]
                } else {
                    &f[5..]
                };
                if f.len() < 5
                    || f[3].1 != "namespace"
                    || bound.iter().any(|x| x.1.starts_with('"'))
                {
                    errors.push(Diagnostic::error(
                        sp(f[0]),
                        "malformed message header",
                        "expected `message <id> \"<title>\" namespace \"<uri>\"` (then `context only` for a message from customs, or the ids bound to the message)",
                    ));
                    continue;
                }
                model = Some(MessageModel {
                    id: f[1].1.to_string(),
                    title: unquote(f[2].1),
                    namespace: unquote(f[4].1),
                    context_only,
                    nodes: vec![ModelNode {
                        name: f[1].1.to_string(),
                        parent: NodeId::ROOT,
                        children: vec![],
                        depth: 0,
                        ty: ElementType::Group,
                        status: 'R',
                        max: 1,
                        format: None,
                        xsd: None,
                        codelist: None,
                        title: unquote(f[2].1),
                        rules: bound.iter().map(|x| x.1.to_string()).collect(),
                        span: sp(f[1]),
                    }],
                });
                continue;
            }
            let Some(m) = model.as_mut() else {
                errors.push(Diagnostic::error(
                    sp(f[0]),
                    "element before the `message` header",
                    "declare the message first",
                ));
                continue;
            };
            // The XSD facets are an optional field after the format: the
            // name, always quoted, tells whether it is there.
            let with_xsd = f.len() >= 8 && f[7].1.starts_with('"') && !f[6].1.starts_with('"');
            if f.len() < 7 || !(with_xsd || f[6].1.starts_with('"')) {
                errors.push(Diagnostic::error(
                    sp(f[0]),
                    "malformed model line",
                    "expected `<path> <type> <R|D|O> <max> <format|-> [xsd:<facets>|-] <codelist|-> \"<name>\" [rule ids]`",
                ));
                continue;
            }
            let xsd = match with_xsd.then(|| f[5]) {
                None | Some((_, "-")) => None,
                Some((at, x)) => match eucdm_runtime::xsd::XsdFacets::parse(x) {
                    Ok(x) => Some(x),
                    Err(e) => {
                        errors.push(Diagnostic::error(
                            sp((at, x)),
                            format!("malformed XSD facets: {e}"),
                            "here",
                        ));
                        continue;
                    }
                },
            };
            let f: Vec<(usize, &str)> = if with_xsd {
                f[..5].iter().chain(&f[6..]).copied().collect()
            } else {
                f
            };
            let path: Vec<&str> = f[0].1.split('.').collect();
            let (parent_path, name) = path.split_at(path.len() - 1);
            let Some(parent) = m.find(parent_path) else {
                errors.push(Diagnostic::error(
                    sp(f[0]),
                    "parent data group is not declared above",
                    "unknown parent",
                ));
                continue;
            };
            let Some(ty) = ElementType::parse(f[1].1) else {
                errors.push(Diagnostic::error(
                    sp(f[1]),
                    format!("unknown element type `{}`", f[1].1),
                    "expected group, code, number, text, date or datetime",
                ));
                continue;
            };
            let status = match f[2].1 {
                "R" | "D" | "O" => f[2].1.chars().next().unwrap(),
                _ => {
                    errors.push(Diagnostic::error(
                        sp(f[2]),
                        "unknown status",
                        "expected R, D or O",
                    ));
                    continue;
                }
            };
            // `*`: unbounded (an XSD's maxOccurs="unbounded").
            let max = match f[3].1 {
                "*" => Ok(u32::MAX),
                s => s.parse::<u32>(),
            };
            let Ok(max) = max else {
                errors.push(Diagnostic::error(
                    sp(f[3]),
                    "max repeat is not a number",
                    "expected a whole number, or `*` for unbounded",
                ));
                continue;
            };
            let opt = |s: &str| (s != "-").then(|| s.to_string());
            if m.node(parent).ty != ElementType::Group {
                errors.push(Diagnostic::error(
                    sp(f[0]),
                    "a data item cannot have children",
                    "parent is a data item",
                ));
                continue;
            }
            // Dates and date-times have their own shape; every other item's
            // format must be EUCDM notation, checked here so codegen can rely on it.
            let format = opt(f[4].1);
            let needs_format = !matches!(
                ty,
                ElementType::Group | ElementType::Date | ElementType::DateTime
            );
            match &format {
                Some(x) if needs_format && eucdm_runtime::format::Format::parse(x).is_none() => {
                    errors.push(
                        Diagnostic::error(
                            sp(f[4]),
                            format!("`{x}` is not a EUCDM format"),
                            "unknown format",
                        )
                        .with_help("write `an..35`, `an8`, `a2`, `n..5` or `n..16,6`"),
                    );
                    continue;
                }
                None if needs_format => {
                    errors.push(Diagnostic::error(
                        sp(f[4]),
                        "a data item needs a format",
                        "no format",
                    ));
                    continue;
                }
                _ => {}
            }
            let id = m.nodes.len();
            // Navigation and the generated code name model nodes by the
            // runtime's 16-bit schema ids.
            if id > usize::from(eucdm_runtime::SchemaId::MAX) {
                errors.push(Diagnostic::error(
                    sp(f[0]),
                    format!(
                        "a message model has at most {} data groups and items",
                        eucdm_runtime::SchemaId::MAX
                    ),
                    "one too many",
                ));
                break;
            }
            let depth = m.node(parent).depth + 1;
            m.nodes[parent.index()].children.push(NodeId(id));
            m.nodes.push(ModelNode {
                name: name[0].to_string(),
                parent,
                children: vec![],
                depth,
                ty,
                status,
                max,
                format,
                xsd,
                codelist: opt(f[5].1),
                title: unquote(f[6].1),
                rules: f[7..].iter().map(|x| x.1.to_string()).collect(),
                span: sp(f[0]),
            });
        }
        match model {
            Some(m) if errors.is_empty() => Ok(m),
            Some(_) => Err(errors),
            None => {
                errors.push(Diagnostic::error_unspanned(
                    "message model has no `message` header",
                ));
                Err(errors)
            }
        }
    }

    pub fn node(&self, id: NodeId) -> &ModelNode {
        &self.nodes[id.index()]
    }

    /// Every node, root first, with its id.
    pub fn ids(&self) -> impl Iterator<Item = (NodeId, &ModelNode)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeId(i), n))
    }

    /// The node at a dotted path from the root.
    pub fn find(&self, path: &[&str]) -> Option<NodeId> {
        self.find_from(NodeId::ROOT, path)
    }

    /// The node at a dotted path from `from`.
    pub fn find_from(&self, from: NodeId, path: &[&str]) -> Option<NodeId> {
        let mut cur = from;
        for name in path {
            cur = *self
                .node(cur)
                .children
                .iter()
                .find(|&&c| self.node(c).name == *name)?;
        }
        Some(cur)
    }

    /// The children of `node` with status R, in sequence order, as schema ids:
    /// what the runtime's structure check looks for (`SchemaNode::required`).
    pub fn required_children<'a>(
        &'a self,
        node: &'a ModelNode,
    ) -> impl Iterator<Item = eucdm_runtime::SchemaId> + 'a {
        node.children
            .iter()
            .filter(|&&c| self.node(c).runtime_status() == eucdm_runtime::Status::Required)
            .map(|&c| c.schema_id())
    }

    /// Dotted path of a node (`Consignment.grossMass`; empty for the root).
    pub fn dotted(&self, id: NodeId) -> String {
        let mut parts = Vec::new();
        let mut cur = id;
        while cur != NodeId::ROOT {
            parts.push(self.node(cur).name.as_str());
            cur = self.node(cur).parent;
        }
        parts.reverse();
        parts.join(".")
    }

    /// XML path of a node (`/CC015C/Consignment/grossMass`).
    pub fn xml_path(&self, id: NodeId) -> String {
        let d = self.dotted(id);
        if d.is_empty() {
            format!("/{}", self.id)
        } else {
            format!("/{}/{}", self.id, d.replace('.', "/"))
        }
    }

    /// Ancestors of a node from the root down, including the node.
    pub fn chain(&self, id: NodeId) -> Vec<NodeId> {
        let mut v = vec![id];
        let mut cur = id;
        while cur != NodeId::ROOT {
            cur = self.node(cur).parent;
            v.push(cur);
        }
        v.reverse();
        v
    }

    pub fn is_ancestor_or_self(&self, anc: NodeId, id: NodeId) -> bool {
        let mut cur = id;
        loop {
            if cur == anc {
                return true;
            }
            if cur == NodeId::ROOT {
                return false;
            }
            cur = self.node(cur).parent;
        }
    }

    /// Deepest common ancestor of two nodes.
    pub fn common_ancestor(&self, a: NodeId, b: NodeId) -> NodeId {
        let ca = self.chain(a);
        let cb = self.chain(b);
        let mut last = NodeId::ROOT;
        for (x, y) in ca.iter().zip(cb.iter()) {
            if x == y {
                last = *x;
            } else {
                break;
            }
        }
        last
    }

    /// All nodes named `name`.
    pub fn named(&self, name: &str) -> Vec<NodeId> {
        (self.ids().skip(1))
            .filter(|(_, n)| n.name == name)
            .map(|(i, _)| i)
            .collect()
    }
}

fn unquote(s: &str) -> String {
    s.trim_matches('"').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_small_model() {
        let m = MessageModel::parse(
            "message CC015C \"x\" namespace \"http://ncts.dgtaxud.ec\"\nA group R 1 - - \"A\"\nA.b code D 1 an..5 CL231 \"B\" C0001 R0002\n",
            0,
        )
        .unwrap();
        assert_eq!(m.nodes.len(), 3);
        assert_eq!(m.find(&["A", "b"]), Some(NodeId(2)));
        assert_eq!(m.nodes[2].rules, ["C0001", "R0002"]);
        assert_eq!(m.xml_path(NodeId(2)), "/CC015C/A/b");
    }

    #[test]
    fn numbered_checks_bind_to_elements_and_to_the_message() {
        let m = MessageModel::parse(
            "message CC315A \"x\" namespace \"n\" p1_p70#1:8193\nA group R 1 - - \"A\" p5_p74#6:8119 C0001\n",
            0,
        )
        .unwrap();
        assert_eq!(m.nodes[0].rules, ["p1_p70#1:8193"]);
        let checks: Vec<_> = (m.nodes[1].rules.iter())
            .map(|id| NumberedCheck::parse(id))
            .collect();
        let want = NumberedCheck {
            source: "p5_p74#6",
            number: 8119,
        };
        assert_eq!(checks, [Some(want), None]);
        assert_eq!(NumberedCheck::parse(":8119"), None);
        assert_eq!(NumberedCheck::parse("p5:81190"), None);
        let bad = MessageModel::parse("message CC315A \"x\" namespace \"n\" \"y\"\n", 0);
        assert_eq!(bad.unwrap_err()[0].message, "malformed message header");
    }

    #[test]
    fn reports_bad_lines_with_positions() {
        let e = MessageModel::parse(
            "message CC015C \"x\" namespace \"n\"\nA grup R 1 - - \"A\"\n",
            0,
        )
        .unwrap_err();
        assert_eq!(e[0].span.unwrap().start, 35);
    }

    #[test]
    fn refuses_an_unknown_format() {
        let e = MessageModel::parse(
            "message CC015C \"x\" namespace \"n\"\nA text R 1 x..35 - \"A\"\n",
            0,
        )
        .unwrap_err();
        assert_eq!(e[0].message, "`x..35` is not a EUCDM format");
        assert_eq!(e[0].span.unwrap().start, 44);
    }

    /// Model nodes are named by 16-bit schema ids: node 65,535 is the last.
    #[test]
    fn refuses_more_nodes_than_schema_ids() {
        let model = |items: usize| {
            let mut t = String::from("message M \"x\" namespace \"n\"\nA group R 1 - - \"A\"\n");
            for i in 0..items {
                t.push_str(&format!("A.i{i} text O 1 an..5 - \"I\"\n"));
            }
            t
        };
        // The root and A are nodes 0 and 1.
        let fits = MessageModel::parse(&model(65_534), 0).unwrap();
        assert_eq!(fits.nodes.len(), 65_536);
        let e = MessageModel::parse(&model(65_535), 0).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message,
            "a message model has at most 65535 data groups and items"
        );
    }
}
