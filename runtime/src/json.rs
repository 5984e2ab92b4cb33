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

use crate::document::{Document, Node, NodeId, NO_NODE};
use crate::schema::{MessageSchema, SchemaId};
use crate::xml::{envelope, error_at, path_of, Limits, ReadError};

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
        bytes,
        offset,
        pos: 0,
        limits,
        nodes: Vec::new(),
        text: String::new(),
        attributes: Vec::new(),
    }
    .run(schemas)
}

/// A node as read, in the order of the input.
struct Pending {
    schema: SchemaId,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    text: (u32, u32),
}

/// What the loop is inside of.
enum Frame {
    /// A data group: its node, the members seen so far (by schema id) and
    /// whether a member may follow without a comma.
    Object {
        node: u32,
        schema: SchemaId,
        seen: Vec<SchemaId>,
        first: bool,
    },
    /// The instances of `schema`, children of `parent`.
    Array {
        parent: u32,
        schema: SchemaId,
        first: bool,
    },
}

struct Parser<'a> {
    /// The input after the byte-order mark; valid UTF-8.
    src: &'a [u8],
    bytes: &'a [u8],
    offset: usize,
    pos: usize,
    limits: Limits,
    nodes: Vec<Pending>,
    text: String,
    /// The root's attributes read so far (`PhaseID`, `xmlns:n1`), to refuse a repeat.
    attributes: Vec<String>,
}

/// An XML namespace prefix (an NCName without `:`), as in `n1:CC015C`.
fn is_prefix(p: &str) -> bool {
    let mut chars = p.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl Parser<'_> {
    fn err(&self, pos: usize, message: String) -> ReadError {
        error_at(self.bytes, self.offset + pos, message)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
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
            Some(b'"') => self.string(&mut name, MAX_NAME, || "the message type".into())?,
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
        self.nodes.push(Pending {
            schema: 0,
            first_child: NO_NODE,
            last_child: NO_NODE,
            next_sibling: NO_NODE,
            text: (0, 0),
        });
        self.members(schema)?;
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
        Ok(self.into_document(schema))
    }

    /// Reads the message object's members (its `{` consumed) up to and
    /// including its `}`, with an explicit stack of open objects and arrays.
    fn members(&mut self, schema: &'static MessageSchema) -> Result<(), ReadError> {
        let mut stack = vec![Frame::Object {
            node: 0,
            schema: 0,
            seen: Vec::new(),
            first: true,
        }];
        // Open objects: the element nesting depth.
        let mut depth = 1;
        let mut name = String::new();
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
                    if !in_array {
                        depth -= 1;
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
            let (parent, sid) = match frame {
                Frame::Array { parent, schema, .. } => (*parent, *schema),
                Frame::Object {
                    node,
                    schema: group,
                    seen,
                    ..
                } => {
                    let (node, group) = (*node, *group);
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
                    name.clear();
                    self.string(&mut name, MAX_NAME, || "a member name".into())?;
                    if name.starts_with('@') {
                        self.attribute(schema, group, &name, at)?;
                        continue;
                    }
                    let Some(sid) = schema.child_named(group, name.as_bytes()) else {
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
                    if seen.contains(&sid) {
                        return Err(self.err(
                            at,
                            format!(
                                "duplicate member \"{name}\" in {}: give the repetitions of an element as one array",
                                path_of(schema, group)
                            ),
                        ));
                    }
                    seen.push(sid);
                    self.expect(b':', "`:` after the member name")?;
                    self.skip_blank();
                    (node, sid)
                }
            };
            if let Some(f) = self.value(schema, parent, sid, in_array, depth)? {
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

    /// Reads the value of element `sid` under `parent` at the current position:
    /// a data item is read whole; a data group or an array is opened and
    /// returned as the frame to continue in.
    fn value(
        &mut self,
        schema: &'static MessageSchema,
        parent: u32,
        sid: SchemaId,
        in_array: bool,
        depth: usize,
    ) -> Result<Option<Frame>, ReadError> {
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
                let node = self.new_node(parent, sid);
                Ok(Some(Frame::Object {
                    node,
                    schema: sid,
                    seen: Vec::new(),
                    first: true,
                }))
            }
            b'{' => Err(self.err(at, wrong("an object"))),
            b'"' | b'-' | b'0'..=b'9' if group => {
                Err(self.err(at, wrong(if c == b'"' { "a string" } else { "a number" })))
            }
            b'"' | b'-' | b'0'..=b'9' => {
                let node = self.new_node(parent, sid);
                let mut text = std::mem::take(&mut self.text);
                let start = text.len();
                let read = if c == b'"' {
                    self.string(&mut text, self.limits.max_text, path)
                } else {
                    self.number(&mut text)
                };
                self.nodes[node as usize].text = (start as u32, text.len() as u32);
                self.text = text;
                read.map(|()| None)
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

    fn new_node(&mut self, parent: u32, schema: SchemaId) -> u32 {
        let id = self.nodes.len() as u32;
        let at = self.text.len() as u32;
        self.nodes.push(Pending {
            schema,
            first_child: NO_NODE,
            last_child: NO_NODE,
            next_sibling: NO_NODE,
            text: (at, at),
        });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NO_NODE {
            p.first_child = id;
        } else {
            self.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    /// Decodes the string at the current position (on its `"`) onto `out`;
    /// more than `max` bytes of decoded text is an error naming `what()`.
    /// (A function: the name of a data item is its path, which is built
    /// only for the error; built for every item, it took 40 % of the read.)
    fn string(
        &mut self,
        out: &mut String,
        max: usize,
        what: impl Fn() -> String,
    ) -> Result<(), ReadError> {
        let open = self.pos;
        let start = out.len();
        self.pos += 1;
        loop {
            let run = self.src[self.pos..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(self.src.len() - self.pos);
            if out.len() - start + run > max {
                return Err(self.err(
                    open,
                    format!("text of {} is over the limit of {max} bytes", what()),
                ));
            }
            // The input is valid UTF-8 and the run ends at an ASCII byte.
            out.push_str(std::str::from_utf8(&self.src[self.pos..self.pos + run]).unwrap_or(""));
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
                    return Ok(());
                }
                b'\\' => {
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
        out.push_str(std::str::from_utf8(&self.src[start..p]).unwrap_or(""));
        self.pos = p;
        Ok(())
    }

    /// The nodes in document order: members in the order of the message
    /// structure (stable, so repetitions keep theirs), pre-order.
    fn into_document(self, schema: &'static MessageSchema) -> Document {
        let pending = self.nodes;
        let mut doc = Document::new(schema, pending.len());
        doc.text = self.text;
        let mut last_child: Vec<NodeId> = vec![NO_NODE; pending.len()];
        let mut kids: Vec<u32> = Vec::new();
        let mut stack: Vec<(u32, NodeId)> = Vec::new();
        let children = |p: u32, kids: &mut Vec<u32>| {
            kids.clear();
            let mut c = pending[p as usize].first_child;
            while c != NO_NODE {
                kids.push(c);
                c = pending[c as usize].next_sibling;
            }
            kids.sort_by_key(|&c| pending[c as usize].schema);
        };
        doc.push(
            0,
            Node {
                parent: 0,
                index: 1,
                text: (0, 0),
            },
        );
        children(0, &mut kids);
        stack.extend(kids.iter().rev().map(|&c| (c, 0)));
        while let Some((p, parent)) = stack.pop() {
            let id = doc.nodes.len() as NodeId;
            let sid = pending[p as usize].schema;
            let prev = last_child[parent as usize];
            let index = if prev != NO_NODE && doc.schema_of(prev) == sid {
                doc.iteration(prev) + 1
            } else {
                1
            };
            last_child[parent as usize] = id;
            doc.push(
                sid,
                Node {
                    parent,
                    index,
                    text: pending[p as usize].text,
                },
            );
            children(p, &mut kids);
            stack.extend(kids.iter().rev().map(|&c| (c, id)));
        }
        // Children come after their parent: one backward pass sets `last`.
        for id in (1..doc.nodes.len()).rev() {
            let (parent, last) = (doc.nodes[id].parent, doc.links[id].last);
            let p = &mut doc.links[parent as usize];
            p.last = p.last.max(last);
        }
        doc.apply_whitespace();
        doc
    }
}
