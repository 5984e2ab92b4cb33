//! Reads an NCTS message given as JSON into the same [`Document`] the XML
//! reader ([`crate::xml`]) builds, so it is validated and reported exactly alike.
//!
//! The shape:
//!
//! ```json
//! {"CC015C": {
//!    "messageSender": "SENDER01",
//!    "TransitOperation": {"LRN": "LRN0001", "declarationType": "T1"},
//!    "Consignment": {"HouseConsignment": [{"ConsignmentItem": [{}, {}]}]}
//! }}
//! ```
//!
//! - The document is an object with exactly one member: its name is the
//!   message type (the root element's name, `CC015C`, or with its namespace
//!   prefix as HMRC writes it, `n1:CC015C`), its value the message, an object.
//! - HMRC's form (the JSON of its CTC Traders API and converter): the root's
//!   attributes are `@`-members of the message (`"@PhaseID": "NCTS5.0"`, and
//!   namespace declarations `"@xmlns:n1"`, which must name the NCTS namespace);
//!   an `@`-member anywhere else, or another attribute, is refused.
//! - Members are named as the XML elements. A data group is an object, a data
//!   item a string; a JSON number is accepted for a data item and taken as its
//!   literal text (`"grossMass": 1200.5` is `1200.5`, checked by the format of
//!   the item like any text).
//! - Any element may be given as an array of its instances (repetitions, in
//!   order); an empty array means no instance. A single instance may also be
//!   given bare. Arrays do not nest.
//! - Members may come in any order: the reader puts them in the order of the
//!   message structure (which the XML reader requires as written).
//! - Refused, with what and where (line:column): `null`, `true`, `false`; an
//!   object for a data item or a string for a data group; a name that is not an
//!   element of the data group (unless its value is `[]`: nothing, as HMRC's
//!   converter writes for groups the message does not have); a duplicate name (repetitions belong in one
//!   array; JSON parsers disagree on which duplicate wins, so none is chosen);
//!   malformed JSON (trailing commas, comments, unquoted names, bad escapes,
//!   lone surrogates, control characters in strings); invalid UTF-8; a second
//!   top-level member or anything after the message.
//! - A UTF-8 byte-order mark is accepted. Strings take every JSON escape,
//!   `\uD83D\uDE00` surrogate pairs included.
//!
//! Limits are the XML reader's [`Limits`]: total size, element nesting depth
//! (objects, the message being the first level) and text length of one data
//! item. `max_attributes` has no JSON counterpart: the members of an object
//! are bounded by the elements of its data group, since unknown and duplicate
//! names are errors. The parser is a loop over an explicit stack, not a
//! recursion: no input can overflow the call stack.

use std::borrow::Cow;

use crate::document::{Document, Node, NodeId};
use crate::schema::{MessageSchema, SchemaId};
use crate::xml::{envelope, error_at, path_of, Limits, ReadError};

mod order;
mod scan;

/// Longest member name read (element names are far shorter).
const MAX_NAME: usize = 256;

/// Whether `bytes` is a JSON message: its first byte that is not blank (after
/// an optional UTF-8 byte-order mark) is `{` (or `[`, which no XML starts
/// with: JSON of the wrong shape, refused as such). Any other input is XML.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|&b| b == b'{' || b == b'[')
}

/// Reads `bytes` as a JSON message of one of `schemas`, chosen by its one
/// top-level member name.
pub fn read_json(bytes: &[u8], schemas: &[&'static MessageSchema]) -> Result<Document, ReadError> {
    read_json_with(bytes, schemas, Limits::default())
}

/// [`read_json`] with explicit limits.
pub fn read_json_with(
    bytes: &[u8],
    schemas: &[&'static MessageSchema],
    limits: Limits,
) -> Result<Document, ReadError> {
    let (body, offset) = envelope(bytes, &limits, "a message", "JSON")?;
    Parser {
        src: body.as_bytes(),
        body,
        bytes,
        offset,
        pos: 0,
        limits,
        attributes: Vec::new(),
        seen: Vec::new(),
        reorder: false,
    }
    .run(schemas)
}

/// What the loop is inside of.
enum Frame {
    /// A data group: its node; where its members' schema ids start in
    /// [`Parser::seen`], the greatest of them so far (members in structure
    /// order each come after it, so only others are looked for among those
    /// seen), the position of the last one among the group's children (where
    /// the next name is looked for first); whether a member may follow
    /// without a comma.
    Object {
        node: NodeId,
        schema: SchemaId,
        seen_from: usize,
        greatest: Option<SchemaId>,
        cursor: usize,
        first: bool,
    },
    /// The instances of `schema`, children of `parent`; `count` read so far.
    Array {
        parent: NodeId,
        schema: SchemaId,
        count: u32,
        first: bool,
    },
}

struct Parser<'a> {
    /// The input after the byte-order mark; valid UTF-8.
    src: &'a [u8],
    /// `src` as text.
    body: &'a str,
    bytes: &'a [u8],
    offset: usize,
    pos: usize,
    limits: Limits,
    /// The root's attributes read so far (`PhaseID`, `xmlns:n1`), to refuse a repeat.
    attributes: Vec<String>,
    /// The schema ids of the members read of every open object, a stack
    /// shared by them (each object's from its `seen_from`): duplicates are
    /// refused without a set per object.
    seen: Vec<SchemaId>,
    /// Whether some object's members came out of the structure's order.
    reorder: bool,
}

/// The child of data group `group` named `name` and its position among the
/// group's children, looked for from position `from` on (members in the
/// structure's order are found at once, past the absent children between,
/// most of which differ in length), then before it.
#[inline]
fn child_named(
    schema: &MessageSchema,
    group: SchemaId,
    name: &str,
    from: usize,
) -> Option<(usize, SchemaId)> {
    let children = schema.node(group).children;
    let is = |c: SchemaId| schema.node(c).name == name;
    let found = |(i, &c): (usize, &SchemaId)| is(c).then_some((i, c));
    let later = children.iter().enumerate().skip(from);
    let earlier = children.iter().enumerate().take(from);
    later
        .filter_map(found)
        .next()
        .or_else(|| earlier.filter_map(found).next())
}

/// An XML namespace prefix (an NCName without `:`), as in `n1:CC015C`.
fn is_prefix(p: &str) -> bool {
    let mut chars = p.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Where a value is read: the element (`sid`) and its parent node, its
/// 1-based position among the parent's instances of it, whether it stands in
/// an array, and the nesting depth of objects around it.
#[derive(Clone, Copy)]
struct Element {
    parent: NodeId,
    sid: SchemaId,
    index: u32,
    in_array: bool,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, pos: usize, message: String) -> ReadError {
        error_at(self.bytes, self.offset + pos, message)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline]
    fn skip_blank(&mut self) {
        if matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += scan::blank_run(&self.src[self.pos..]);
        }
    }

    fn truncated(&self) -> ReadError {
        self.err(
            self.src.len(),
            "truncated message: the JSON document ends early".into(),
        )
    }

    /// What stands at the current position, for "expected ..., found ...".
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".into(),
            Some(_) => {
                let rest = std::str::from_utf8(&self.src[self.pos..]).unwrap_or("");
                match rest.chars().next().unwrap_or('?') {
                    c if c.is_control() => format!("`{}`", c.escape_debug()),
                    c => format!("`{c}`"),
                }
            }
        }
    }

    fn expect(&mut self, b: u8, what: &str) -> Result<(), ReadError> {
        self.skip_blank();
        match self.peek() {
            Some(c) if c == b => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.truncated()),
            Some(_) => Err(self.err(self.pos, format!("expected {what}, found {}", self.found()))),
        }
    }

    fn run(mut self, schemas: &[&'static MessageSchema]) -> Result<Document, ReadError> {
        self.skip_blank();
        if self.peek() != Some(b'{') {
            return Err(self.err(
                self.pos,
                format!(
                    "expected `{{` (a JSON message is an object such as {{\"CC015C\": {{...}}}}), found {}",
                    self.found()
                ),
            ));
        }
        self.pos += 1;
        self.skip_blank();
        let at = self.pos;
        let mut name = String::new();
        match self.peek() {
            Some(b'"') => {
                self.string(&mut name, MAX_NAME, || "the message type".into())?;
            }
            None => return Err(self.truncated()),
            Some(_) => {
                return Err(self.err(
                    at,
                    format!(
                        "expected the message type as a member name (\"CC015C\"), found {}",
                        self.found()
                    ),
                ))
            }
        }
        // HMRC's form names the root with its XML namespace prefix (`n1:CC015C`).
        let local = match name.split_once(':') {
            Some((prefix, local)) if is_prefix(prefix) => local,
            _ => name.as_str(),
        };
        let schema = schemas
            .iter()
            .copied()
            .find(|s| s.id == local)
            .ok_or_else(|| {
                let known: Vec<_> = schemas.iter().map(|s| s.id).collect();
                self.err(
                    at,
                    format!(
                        "\"{}\" is not a known message type (known: {})",
                        name.escape_debug(),
                        known.join(", ")
                    ),
                )
            })?;
        self.expect(b':', "`:` after the message type")?;
        self.skip_blank();
        if self.peek() != Some(b'{') {
            return Err(self.err(
                self.pos,
                format!(
                    "the message {} must be an object, found {}",
                    schema.id,
                    self.found()
                ),
            ));
        }
        self.pos += 1;
        // About one node per 24 bytes of the JSON this project and HMRC write.
        let mut doc = Document::new(schema, self.src.len() / 24 + 8);
        doc.push(
            0,
            Node {
                parent: 0,
                index: 1,
                text: (0, 0),
            },
        );
        self.members(&mut doc)?;
        self.skip_blank();
        match self.peek() {
            Some(b'}') => self.pos += 1,
            Some(b',') => {
                return Err(self.err(
                    self.pos,
                    "one message per file: the document has a second top-level member".into(),
                ))
            }
            None => return Err(self.truncated()),
            Some(_) => {
                return Err(self.err(
                    self.pos,
                    format!("expected `}}` after the message, found {}", self.found()),
                ))
            }
        }
        self.skip_blank();
        if self.pos < self.src.len() {
            return Err(self.err(
                self.pos,
                format!("content after the message: {}", self.found()),
            ));
        }
        doc.shrink_to_fit();
        Ok(if self.reorder {
            order::structure_order(doc)
        } else {
            doc
        })
    }

    /// Reads the message object's members (its `{` consumed) up to and
    /// including its `}`, with an explicit stack of open objects and arrays,
    /// appending each element to `doc` as it is read.
    fn members(&mut self, doc: &mut Document) -> Result<(), ReadError> {
        let schema = doc.schema();
        let mut stack = vec![Frame::Object {
            node: 0,
            schema: 0,
            seen_from: 0,
            greatest: None,
            cursor: 0,
            first: true,
        }];
        // Open objects: the element nesting depth.
        let mut depth = 1;
        while let Some(frame) = stack.last_mut() {
            self.skip_blank();
            let (close, in_array) = match frame {
                Frame::Object { .. } => (b'}', false),
                Frame::Array { .. } => (b']', true),
            };
            let first = match frame {
                Frame::Object { first, .. } | Frame::Array { first, .. } => first,
            };
            match self.peek() {
                None => return Err(self.truncated()),
                Some(c) if c == close => {
                    self.pos += 1;
                    if let Frame::Object {
                        node, seen_from, ..
                    } = *frame
                    {
                        depth -= 1;
                        doc.links[node as usize].last = doc.nodes.len() as NodeId - 1;
                        self.seen.truncate(seen_from);
                    }
                    stack.pop();
                    continue;
                }
                Some(b',') if !*first => {
                    self.pos += 1;
                    self.skip_blank();
                    if self.peek() == Some(close) {
                        return Err(self.err(self.pos, "trailing comma".into()));
                    }
                }
                Some(_) if *first => {}
                Some(_) => {
                    let what = if in_array { "`,` or `]`" } else { "`,` or `}`" };
                    return Err(
                        self.err(self.pos, format!("expected {what}, found {}", self.found()))
                    );
                }
            }
            *first = false;
            let (parent, sid, index) = match frame {
                Frame::Array {
                    parent,
                    schema,
                    count,
                    ..
                } => {
                    *count += 1;
                    (*parent, *schema, *count)
                }
                Frame::Object {
                    node,
                    schema: group,
                    seen_from,
                    greatest,
                    cursor,
                    ..
                } => {
                    let group = *group;
                    let at = self.pos;
                    if self.peek() != Some(b'"') {
                        return Err(self.err(
                            at,
                            format!(
                                "expected a member name (a string) in {}, found {}",
                                path_of(schema, group),
                                self.found()
                            ),
                        ));
                    }
                    let name = self.member_name()?;
                    if name.starts_with('@') {
                        self.attribute(schema, group, &name, at)?;
                        continue;
                    }
                    let Some((position, sid)) = child_named(schema, group, &name, *cursor) else {
                        if self.empty_array_follows() {
                            continue;
                        }
                        return Err(self.err(
                            at,
                            format!(
                                "unexpected member \"{}\" in {}: not an element of this data group",
                                name.escape_debug(),
                                path_of(schema, group)
                            ),
                        ));
                    };
                    // A member after the greatest so far is new; any other is
                    // looked for among those seen, and the object is out of order.
                    if greatest.is_some_and(|g| sid <= g) {
                        if self.seen[*seen_from..].contains(&sid) {
                            return Err(self.err(
                                at,
                                format!(
                                    "duplicate member \"{name}\" in {}: give the repetitions of an element as one array",
                                    path_of(schema, group)
                                ),
                            ));
                        }
                        self.reorder = true;
                    } else {
                        *greatest = Some(sid);
                    }
                    self.seen.push(sid);
                    *cursor = position + 1;
                    let node = *node;
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                    } else {
                        self.expect(b':', "`:` after the member name")?;
                    }
                    self.skip_blank();
                    (node, sid, 1)
                }
            };
            let element = Element {
                parent,
                sid,
                index,
                in_array,
                depth,
            };
            if let Some(f) = self.value(doc, element)? {
                if matches!(f, Frame::Object { .. }) {
                    depth += 1;
                }
                stack.push(f);
            }
        }
        Ok(())
    }

    /// After a member name that is not an element of its group: whether its
    /// value is `[]`, which is then read. HMRC's converter writes an empty
    /// array for every group of its shared model the message does not have
    /// (`"CountryOfRoutingOfConsignment": []` in a CC044C), and nothing is
    /// nothing wherever it is; any other value stays an error.
    fn empty_array_follows(&mut self) -> bool {
        let back = self.pos;
        self.skip_blank();
        if self.peek() == Some(b':') {
            self.pos += 1;
            self.skip_blank();
            if self.peek() == Some(b'[') {
                self.pos += 1;
                self.skip_blank();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return true;
                }
            }
        }
        self.pos = back;
        false
    }

    /// Reads an `@`-member (its name read, named `name` at `at`): an attribute
    /// of the message, in HMRC's form. Only the root has attributes, as in the
    /// XML: `@PhaseID` (its value not checked, as the XML reader does not
    /// check the attribute) and namespace declarations `@xmlns` / `@xmlns:p`,
    /// which must name the message's namespace as in XML. Repeating one is
    /// refused like any duplicate member.
    fn attribute(
        &mut self,
        schema: &'static MessageSchema,
        group: SchemaId,
        name: &str,
        at: usize,
    ) -> Result<(), ReadError> {
        let attr = &name[1..];
        if group != 0 {
            return Err(self.err(
                at,
                format!(
                    "unexpected attribute \"{}\" in {}: only the message itself has attributes",
                    name.escape_debug(),
                    path_of(schema, group)
                ),
            ));
        }
        let namespace = attr == "xmlns" || attr.strip_prefix("xmlns:").is_some_and(is_prefix);
        if attr != "PhaseID" && !namespace {
            return Err(self.err(
                at,
                format!(
                    "unexpected attribute \"{}\" of {}: its attributes are @PhaseID and namespace declarations",
                    name.escape_debug(),
                    schema.id
                ),
            ));
        }
        if self.attributes.iter().any(|a| a == attr) {
            return Err(self.err(
                at,
                format!(
                    "duplicate member \"{}\" in /{}",
                    name.escape_debug(),
                    schema.id
                ),
            ));
        }
        self.attributes.push(attr.to_owned());
        self.expect(b':', "`:` after the member name")?;
        self.skip_blank();
        let value_at = self.pos;
        if self.peek() != Some(b'"') {
            return Err(self.err(
                value_at,
                format!("attribute {name} must be a string, found {}", self.found()),
            ));
        }
        let mut value = String::new();
        self.string(&mut value, MAX_NAME, || "an attribute".into())?;
        if namespace && value != schema.namespace {
            return Err(self.err(
                value_at,
                format!(
                    "root element is in namespace \"{}\", expected \"{}\"",
                    value.escape_debug(),
                    schema.namespace
                ),
            ));
        }
        Ok(())
    }

    /// Reads the value of `element` at the current position: a data item is
    /// read whole and appended to `doc`; a data group is appended and opened,
    /// an array opened, and returned as the frame to continue in.
    fn value(&mut self, doc: &mut Document, element: Element) -> Result<Option<Frame>, ReadError> {
        let Element {
            parent,
            sid,
            index,
            in_array,
            depth,
        } = element;
        let schema = doc.schema();
        let at = self.pos;
        let group = schema.node(sid).group;
        let path = || path_of(schema, sid);
        let kind = if group { "data group" } else { "data item" };
        let c = match self.peek() {
            None => return Err(self.truncated()),
            Some(c) => c,
        };
        if c == b'[' {
            if in_array {
                return Err(self.err(
                    at,
                    format!(
                        "array inside an array in {}: the repetitions of an element are the members of one array",
                        path()
                    ),
                ));
            }
            self.pos += 1;
            return Ok(Some(Frame::Array {
                parent,
                schema: sid,
                count: 0,
                first: true,
            }));
        }
        let wrong = |found: &str| -> String {
            if group {
                format!(
                    "{} is a data group: give it as an object {{...}}, not {found}",
                    path()
                )
            } else {
                format!(
                    "{} is a data item: give its value as a string, not {found}",
                    path()
                )
            }
        };
        match c {
            b'{' | b'"' | b'-' | b'0'..=b'9' if depth >= self.limits.max_depth => Err(self.err(
                at,
                format!("nesting deeper than {} elements", self.limits.max_depth),
            )),
            b'{' if group => {
                self.pos += 1;
                let node = doc.nodes.len() as NodeId;
                doc.push(
                    sid,
                    Node {
                        parent,
                        index,
                        text: (0, 0),
                    },
                );
                Ok(Some(Frame::Object {
                    node,
                    schema: sid,
                    seen_from: self.seen.len(),
                    greatest: None,
                    cursor: 0,
                    first: true,
                }))
            }
            b'{' => Err(self.err(at, wrong("an object"))),
            b'"' | b'-' | b'0'..=b'9' if group => {
                Err(self.err(at, wrong(if c == b'"' { "a string" } else { "a number" })))
            }
            b'"' | b'-' | b'0'..=b'9' => {
                let mut text = std::mem::take(&mut doc.text);
                let start = text.len();
                // A number holds no white space.
                let read = if c == b'"' {
                    self.string(&mut text, self.limits.max_text, path)
                } else {
                    self.number(&mut text).map(|()| false)
                };
                let end = text.len();
                doc.text = text;
                let blank = read?;
                let node = doc.nodes.len() as NodeId;
                doc.push(
                    sid,
                    Node {
                        parent,
                        index,
                        text: (start as u32, end as u32),
                    },
                );
                if blank {
                    doc.normalize_last_text(node);
                }
                Ok(None)
            }
            b't' | b'f' | b'n' => {
                let word: String = self.src[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .take(8)
                    .map(|&b| b as char)
                    .collect();
                match word.as_str() {
                    "null" | "true" | "false" => Err(self.err(
                        at,
                        format!(
                            "{}; leave an element out rather than give it as null",
                            wrong(&format!("`{word}`"))
                        ),
                    )),
                    _ => Err(self.err(
                        at,
                        format!("expected the value of {kind} {}, found `{word}`", path()),
                    )),
                }
            }
            _ => Err(self.err(
                at,
                format!(
                    "expected the value of {kind} {}, found {}",
                    path(),
                    self.found()
                ),
            )),
        }
    }

    /// The member name at the current position (on its `"`): as it stands
    /// in the input when it has no escape, else decoded.
    fn member_name(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let open = self.pos;
        let run = scan::plain_run(&self.src[open + 1..]).len;
        if self.src.get(open + 1 + run) == Some(&b'"') && run <= MAX_NAME {
            self.pos = open + run + 2;
            // The run ends before an ASCII byte: a character boundary.
            return Ok(Cow::Borrowed(&self.body[open + 1..open + 1 + run]));
        }
        let mut name = String::new();
        self.string(&mut name, MAX_NAME, || "a member name".into())?;
        Ok(Cow::Owned(name))
    }

    /// Decodes the string at the current position (on its `"`) onto `out`;
    /// more than `max` bytes of decoded text is an error naming `what()`.
    /// Returns whether the text may hold white space (a space, or an escape,
    /// which may stand for a tab or a line end): without, no `whiteSpace`
    /// facet changes it.
    /// (A function: the name of a data item is its path, which is built
    /// only for the error; built for every item, it took 40 % of the read.)
    fn string(
        &mut self,
        out: &mut String,
        max: usize,
        what: impl Fn() -> String,
    ) -> Result<bool, ReadError> {
        let open = self.pos;
        let start = out.len();
        let mut blank = false;
        self.pos += 1;
        loop {
            let scan::Run { len: run, spaced } = scan::plain_run(&self.src[self.pos..]);
            blank |= spaced;
            if out.len() - start + run > max {
                return Err(self.err(
                    open,
                    format!("text of {} is over the limit of {max} bytes", what()),
                ));
            }
            // The run ends at an ASCII byte or the end: character boundaries.
            out.push_str(&self.body[self.pos..self.pos + run]);
            self.pos += run;
            let Some(b) = self.peek() else {
                return Err(self.err(
                    self.src.len(),
                    "truncated message: a string is not closed".into(),
                ));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(blank);
                }
                b'\\' => {
                    blank = true;
                    let at = self.pos;
                    let c = match self.src.get(at + 1) {
                        None => return Err(self.truncated()),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos = at + 2;
                            let hi = self.hex4()?;
                            let code = match hi {
                                0xD800..=0xDBFF => {
                                    if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                        return Err(self.err(at, "\\u escape of a high surrogate not followed by a low surrogate".into()));
                                    }
                                    self.pos += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err(self.err(at, "\\u escape of a high surrogate not followed by a low surrogate".into()));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                }
                                0xDC00..=0xDFFF => {
                                    return Err(self.err(
                                        at,
                                        "\\u escape of a lone low surrogate".into(),
                                    ))
                                }
                                c => c,
                            };
                            let c = char::from_u32(code).expect("not a surrogate");
                            if out.len() - start + c.len_utf8() > max {
                                return Err(self.err(
                                    open,
                                    format!("text of {} is over the limit of {max} bytes", what()),
                                ));
                            }
                            out.push(c);
                            continue;
                        }
                        Some(_) => {
                            return Err(self.err(
                                at,
                                "bad escape in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)".into(),
                            ))
                        }
                    };
                    if out.len() - start + 1 > max {
                        return Err(self.err(
                            open,
                            format!("text of {} is over the limit of {max} bytes", what()),
                        ));
                    }
                    out.push(c);
                    self.pos = at + 2;
                }
                _ => {
                    return Err(self.err(
                        self.pos,
                        "control character in a string (write it as an escape such as \\n)".into(),
                    ))
                }
            }
        }
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, ReadError> {
        let digits = self.src.get(self.pos..self.pos + 4);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None if digits.is_none() => Err(self.truncated()),
            None => Err(self.err(self.pos, "\\u must be followed by four hex digits".into())),
        }
    }

    /// A JSON number at the current position, appended as written.
    fn number(&mut self, out: &mut String) -> Result<(), ReadError> {
        let start = self.pos;
        let digits = |p: &mut usize, src: &[u8]| {
            let from = *p;
            while src.get(*p).is_some_and(u8::is_ascii_digit) {
                *p += 1;
            }
            *p - from
        };
        let mut p = self.pos;
        if self.src.get(p) == Some(&b'-') {
            p += 1;
        }
        let int_at = p;
        let n = digits(&mut p, self.src);
        let mut ok = n > 0 && !(n > 1 && self.src[int_at] == b'0');
        if ok && self.src.get(p) == Some(&b'.') {
            p += 1;
            ok = digits(&mut p, self.src) > 0;
        }
        if ok && matches!(self.src.get(p), Some(b'e' | b'E')) {
            p += 1;
            if matches!(self.src.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            ok = digits(&mut p, self.src) > 0;
        }
        if !ok {
            return Err(self.err(start, "malformed number".into()));
        }
        if p - start > self.limits.max_text {
            return Err(self.err(
                start,
                format!(
                    "number of {} digits, over the limit of {} bytes",
                    p - start,
                    self.limits.max_text
                ),
            ));
        }
        out.push_str(&self.body[start..p]);
        self.pos = p;
        Ok(())
    }
}
