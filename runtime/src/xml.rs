//! Reads an NCTS XML message (namespaced root such as `ncts:CC015C`,
//! unqualified children) into a [`Document`] in one pass.
//!
//! Hostile input is refused, never expanded: a DOCTYPE (and so any entity
//! declaration, internal or external) is an error, only the five predefined
//! entities and character references are decoded, and size, depth and text
//! length are bounded (see [`Limits`]).

use std::borrow::Cow;
use std::fmt;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::document::{Document, Node, NodeId, NO_NODE};
use crate::schema::{MessageSchema, SchemaId};

/// Bounds on what the reader accepts; every one is checked before memory is spent.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest message in bytes (NCTS itself accepts messages of a few MiB).
    pub max_bytes: usize,
    /// Deepest element nesting.
    pub max_depth: usize,
    /// Longest text of one data item in bytes (the longest NCTS format is an..512).
    pub max_text: usize,
    /// Most attributes on one element (NCTS uses them only for namespaces on
    /// the root).
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 << 20,
            max_depth: 32,
            max_text: 64 << 10,
            max_attributes: 32,
        }
    }
}

/// Why a message could not be read; `Display` says what and where (line:column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ReadError {}

pub(crate) fn error_at(src: &[u8], pos: usize, message: String) -> ReadError {
    let pos = pos.min(src.len());
    let before = &src[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&src[line_start..pos])
        .chars()
        .count()
        + 1;
    ReadError {
        message,
        line,
        column,
    }
}

/// What every reader checks before parsing: the input is not empty, within
/// the size limit, and UTF-8 after an optional BOM. Gives the text after the
/// BOM and its offset in `bytes` (for positions). `expected` and `kind` word
/// the errors: "empty file: expected {expected}", "({kind} messages are UTF-8)".
pub(crate) fn envelope<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    expected: &str,
    kind: &str,
) -> Result<(&'a str, usize), ReadError> {
    let no_pos = |m: String| ReadError {
        message: m,
        line: 0,
        column: 0,
    };
    if bytes.is_empty() {
        return Err(no_pos(format!("empty file: expected {expected}")));
    }
    if bytes.len() > limits.max_bytes {
        return Err(no_pos(format!(
            "message is {} bytes, over the limit of {} bytes",
            bytes.len(),
            limits.max_bytes
        )));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = bytes.len() - body.len();
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s, offset)),
        Err(e) => Err(error_at(
            bytes,
            offset + e.valid_up_to(),
            format!("invalid UTF-8 ({kind} messages are UTF-8)"),
        )),
    }
}

/// Reads `bytes` as one of `schemas`, chosen by the root element's local name.
pub fn read_xml(bytes: &[u8], schemas: &[&'static MessageSchema]) -> Result<Document, ReadError> {
    read_xml_with(bytes, schemas, Limits::default())
}

/// [`read_xml`] with explicit limits.
pub fn read_xml_with(
    bytes: &[u8],
    schemas: &[&'static MessageSchema],
    limits: Limits,
) -> Result<Document, ReadError> {
    let (src, offset) = envelope(bytes, &limits, "an XML message", "NCTS")?;
    Parser {
        src,
        bytes,
        offset,
        limits,
        schemas,
    }
    .run()
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    offset: usize,
    limits: Limits,
    schemas: &'a [&'static MessageSchema],
}

/// An open element on the stack: its node and its last child so far.
struct Open {
    node: NodeId,
    schema: SchemaId,
    last_child: NodeId,
    /// Position of the last child's schema node among this element's
    /// schema children: where the next child's name is looked for first.
    cursor: usize,
    text_seen: bool,
    /// Some part of the text had a byte up to the space or a reference: the
    /// `whiteSpace` facet may change it, so it is applied at the end tag.
    /// Most texts have neither, and skip that second look.
    may_change: bool,
}

impl<'a> Parser<'a> {
    fn err(&self, pos: u64, message: String) -> ReadError {
        error_at(self.bytes, self.offset + pos as usize, message)
    }

    fn run(self) -> Result<Document, ReadError> {
        let mut reader = Reader::from_str(self.src);
        reader.config_mut().check_end_names = true;
        let mut doc: Option<Document> = None;
        let mut stack: Vec<Open> = Vec::with_capacity(16);
        let mut done = false;
        loop {
            let pos = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| self.err(reader.error_position(), format!("malformed XML: {e}")))?;
            match event {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::DocType(_) => {
                    return Err(self.err(
                        pos,
                        "DOCTYPE declarations are not allowed in customs messages (no DTD or entity is ever read)"
                            .into(),
                    ))
                }
                Event::Start(e) | Event::Empty(e) if done => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(self.err(pos, format!("content after the root element: <{name}>")));
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let qname = e.name();
                    let raw = qname.as_ref();
                    // The name as written, for errors only (built on demand).
                    let display = || String::from_utf8_lossy(raw).into_owned();
                    match doc.as_mut() {
                        None => {
                            let local = e.local_name();
                            let schema = self
                                .schemas
                                .iter()
                                .copied()
                                .find(|s| s.id.as_bytes() == local.as_ref())
                                .ok_or_else(|| {
                                    let known: Vec<_> = self.schemas.iter().map(|s| s.id).collect();
                                    self.err(
                                        pos,
                                        format!(
                                            "root element <{}> is not a known message type (known: {})",
                                            display(),
                                            known.join(", ")
                                        ),
                                    )
                                })?;
                            self.check_root_namespace(e, schema, pos)?;
                            let mut d = Document::new(schema, self.src.len() / 40 + 8);
                            d.push(0, Node {
                                parent: 0,
                                index: 1,
                                text: (0, 0),
                            });
                            doc = Some(d);
                            if empty {
                                done = true;
                            } else {
                                stack.push(Open {
                                    node: 0,
                                    schema: 0,
                                    last_child: NO_NODE,
                                    cursor: 0,
                                    text_seen: false,
                                    may_change: false,
                                });
                            }
                        }
                        Some(d) => {
                            let depth = stack.len();
                            let top = stack.last_mut().expect("open element");
                            let schema = d.schema;
                            let Some((at, sid)) = schema.child_named_from(top.schema, raw, top.cursor) else {
                                // No model name has a prefix, so a prefixed
                                // name is never found: told apart only here.
                                if raw.contains(&b':') {
                                    return Err(self.err(
                                        pos,
                                        format!("element <{}> must be unqualified (no namespace prefix) below the root", display()),
                                    ));
                                }
                                return Err(self.err(
                                    pos,
                                    format!(
                                        "unexpected element <{}> in {}",
                                        display(),
                                        path_of(schema, top.schema)
                                    ),
                                ));
                            };
                            // A tag with no attributes (all of them below the
                            // root) is not parsed for them.
                            let bare = e.attributes_raw().iter().all(u8::is_ascii_whitespace);
                            if !bare && e.attributes().nth(self.limits.max_attributes).is_some() {
                                return Err(self.err(
                                    pos,
                                    format!("more than {} attributes on element <{}>", self.limits.max_attributes, display()),
                                ));
                            }
                            if depth >= self.limits.max_depth {
                                return Err(self.err(pos, format!("nesting deeper than {} elements", self.limits.max_depth)));
                            }
                            let id = d.nodes.len() as NodeId;
                            let mut index = 1;
                            if top.last_child != NO_NODE {
                                let prev = d.schema_of(top.last_child);
                                if prev == sid {
                                    index = d.nodes[top.last_child as usize].index + 1;
                                } else if prev > sid {
                                    return Err(self.err(
                                        pos,
                                        format!(
                                            "element <{}> is out of sequence: it must come before <{}> in {}",
                                            display(),
                                            schema.node(prev).name,
                                            path_of(schema, top.schema)
                                        ),
                                    ));
                                }
                            }
                            top.last_child = id;
                            top.cursor = at;
                            let start = d.text.len() as u32;
                            d.push(sid, Node {
                                parent: top.node,
                                index,
                                text: (start, start),
                            });
                            if !empty {
                                stack.push(Open {
                                    node: id,
                                    schema: sid,
                                    last_child: NO_NODE,
                                    cursor: 0,
                                    text_seen: false,
                                    may_change: false,
                                });
                            }
                        }
                    }
                }
                Event::End(_) => {
                    let open = stack.pop().expect("quick-xml checks end tags");
                    let d = doc.as_mut().expect("root read");
                    let last = d.nodes.len() as NodeId - 1;
                    d.links[open.node as usize].last = last;
                    if open.may_change {
                        d.normalize_last_text(open.node);
                    }
                    if stack.is_empty() {
                        done = true;
                    }
                }
                Event::Text(t) => {
                    let raw = t.as_ref();
                    let Some(top) = stack.last_mut() else {
                        if blank(raw) {
                            continue;
                        }
                        return Err(self.err(pos, "text outside the root element".into()));
                    };
                    let d = doc.as_mut().expect("root read");
                    if d.schema.node(top.schema).group {
                        if blank(raw) {
                            continue;
                        }
                        return Err(self.err(
                            pos,
                            format!("unexpected text in data group {}", path_of(d.schema, top.schema)),
                        ));
                    }
                    let bytes = TextBytes::of(raw);
                    top.may_change |= bytes.low || bytes.reference;
                    let line_ends = match bytes.low {
                        true => line_ends(raw),
                        false => None,
                    };
                    let verbatim = match bytes.reference {
                        false => self.in_input(raw),
                        true => None,
                    };
                    let text = match (verbatim, line_ends) {
                        (Some(text), None) => Cow::Borrowed(text),
                        (_, None) => t.unescape().map_err(|e| self.err(pos, format!("bad character or entity reference: {e}")))?,
                        (_, Some(lf)) => quick_xml::escape::unescape(&lf)
                            .map_err(|e| self.err(pos, format!("bad character or entity reference: {e}")))?
                            .into_owned()
                            .into(),
                    };
                    self.push_text(d, top, &text, pos)?;
                }
                Event::CData(c) => {
                    let Some(top) = stack.last_mut() else {
                        return Err(self.err(pos, "CDATA outside the root element".into()));
                    };
                    let d = doc.as_mut().expect("root read");
                    if d.schema.node(top.schema).group {
                        return Err(self.err(pos, format!("unexpected CDATA in data group {}", path_of(d.schema, top.schema))));
                    }
                    let inner = c.into_inner();
                    let text = std::str::from_utf8(&inner).map_err(|_| self.err(pos, "invalid UTF-8 in CDATA".into()))?;
                    let lf = line_ends(inner.as_ref());
                    top.may_change = true;
                    self.push_text(d, top, lf.as_deref().unwrap_or(text), pos)?;
                }
                Event::Eof => break,
            }
        }
        match doc {
            None => Err(ReadError {
                message: "no root element: expected an XML message".into(),
                line: 0,
                column: 0,
            }),
            Some(_) if !stack.is_empty() => Err(self.err(
                self.src.len() as u64,
                "truncated message: the root element is not closed".into(),
            )),
            // Each item's whiteSpace facet was applied at its end tag.
            Some(mut d) => {
                d.shrink_to_fit();
                Ok(d)
            }
        }
    }

    /// A text as it stands in the input (the caller knows it holds no
    /// entity or character reference): a slice of the input, with no
    /// decoding pass.
    fn in_input(&self, raw: &[u8]) -> Option<&'a str> {
        let start = (raw.as_ptr() as usize).checked_sub(self.src.as_ptr() as usize)?;
        self.src.get(start..start + raw.len())
    }

    fn push_text(
        &self,
        d: &mut Document,
        top: &mut Open,
        text: &str,
        pos: u64,
    ) -> Result<(), ReadError> {
        let node = &mut d.nodes[top.node as usize];
        let len = (node.text.1 - node.text.0) as usize + text.len();
        if len > self.limits.max_text {
            return Err(self.err(
                pos,
                format!(
                    "text of {} is {} bytes, over the limit of {} bytes",
                    path_of(d.schema, top.schema),
                    len,
                    self.limits.max_text
                ),
            ));
        }
        if !top.text_seen {
            node.text = (d.text.len() as u32, d.text.len() as u32);
            top.text_seen = true;
        }
        d.text.push_str(text);
        node.text.1 = d.text.len() as u32;
        Ok(())
    }

    fn check_root_namespace(
        &self,
        e: &quick_xml::events::BytesStart<'_>,
        schema: &MessageSchema,
        pos: u64,
    ) -> Result<(), ReadError> {
        let qname = e.name();
        let prefix = qname.prefix();
        let wanted: Vec<u8> = match prefix {
            Some(p) => [b"xmlns:".as_slice(), p.as_ref()].concat(),
            None => b"xmlns".to_vec(),
        };
        let mut found = None;
        for (i, a) in e.attributes().enumerate() {
            if i >= self.limits.max_attributes {
                return Err(self.err(
                    pos,
                    format!(
                        "more than {} attributes on the root element",
                        self.limits.max_attributes
                    ),
                ));
            }
            let a = a.map_err(|err| {
                self.err(
                    pos,
                    format!("malformed attribute on the root element: {err}"),
                )
            })?;
            if a.key.as_ref() == wanted.as_slice() {
                found = Some(a.value.into_owned());
            }
        }
        match (prefix, found) {
            (_, Some(ns)) if ns == schema.namespace.as_bytes() => Ok(()),
            (_, Some(ns)) => Err(self.err(
                pos,
                format!(
                    "root element is in namespace \"{}\", expected \"{}\"",
                    String::from_utf8_lossy(&ns),
                    schema.namespace
                ),
            )),
            (Some(p), None) => Err(self.err(
                pos,
                format!(
                    "namespace prefix \"{}\" of the root element is not declared",
                    String::from_utf8_lossy(p.as_ref())
                ),
            )),
            // An unprefixed root without xmlns: accepted, as NCTS test tools do.
            (None, None) => Ok(()),
        }
    }
}

/// Whether a text is white space only (`u8::is_ascii_whitespace`: space,
/// tab, line feed, form feed, carriage return): what stands between the tags
/// of an indented message, a line end and then spaces. So the line end is
/// passed first and the spaces eight at a time; any other byte is looked at
/// alone. (Per byte, `is_ascii_whitespace` cost the reader 6 % of its
/// instructions, as every indentation starts with a line end; a branch-free
/// fold over the short texts cost more, callgrind.)
fn blank(raw: &[u8]) -> bool {
    let rest = match raw {
        [b'\r', b'\n', rest @ ..] | [b'\n', rest @ ..] => rest,
        _ => raw,
    };
    let mut words = rest.chunks_exact(8);
    for w in &mut words {
        if w != [b' '; 8] && !w.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
    }
    words.remainder().iter().all(u8::is_ascii_whitespace)
}

/// What one pass over a text's bytes tells the reader: whether it must be
/// decoded or normalised at all. One branch-free pass (it vectorizes)
/// instead of a search per question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextBytes {
    /// A byte up to the space: white space a facet may change, or a line end.
    low: bool,
    /// A `&`: an entity or character reference to decode.
    reference: bool,
}

impl TextBytes {
    fn of(raw: &[u8]) -> TextBytes {
        // Two accumulators, not three: with a third LLVM stops vectorizing
        // the loop (5x the instructions, callgrind). A `\r` is looked for
        // only in texts with a low byte.
        let (low, reference) = raw.iter().fold((false, false), |(low, amp), &c| {
            (low | (c <= b' '), amp | (c == b'&'))
        });
        TextBytes { low, reference }
    }
}

pub(crate) fn path_of(schema: &MessageSchema, id: SchemaId) -> String {
    let dotted = schema.dotted(id);
    if dotted.is_empty() {
        format!("/{}", schema.id)
    } else {
        format!("/{}/{}", schema.id, dotted.replace('.', "/"))
    }
}

/// XML 1.0 §2.11: a processor passes every line end of the input (`\r\n`,
/// a lone `\r`) on as `\n`, before references are expanded, so `&#13;`
/// still gives a carriage return. `None` when `raw` has no `\r` (the usual
/// case: nothing to copy). `raw` is a slice of the UTF-8 input, and only
/// ASCII bytes are replaced, so the result is UTF-8 too.
fn line_ends(raw: &[u8]) -> Option<String> {
    if !raw.contains(&b'\r') {
        return None;
    }
    let text = String::from_utf8_lossy(raw);
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    /// Line ends reach the document as `\n` (XML 1.0 §2.11), as libxml2 and
    /// HMRC's parser pass them on; text without `\r` is not copied.
    #[test]
    fn line_ends_are_passed_on_as_line_feeds() {
        assert_eq!(
            super::line_ends(b"A\r\nB\rC\n\r\r\nD").unwrap(),
            "A\nB\nC\n\n\nD"
        );
        assert_eq!(
            super::line_ends("\u{e9}\r\n".as_bytes()).unwrap(),
            "\u{e9}\n"
        );
        assert_eq!(super::line_ends(b"A\nB"), None);
    }

    /// `TextBytes` flags a byte up to the space and a `&` wherever they
    /// stand, and nothing else.
    #[test]
    fn text_bytes_flag_low_bytes_and_references() {
        use super::TextBytes;
        let of = |t: &[u8]| {
            let b = TextBytes::of(t);
            (b.low, b.reference)
        };
        assert_eq!(of(b""), (false, false));
        assert_eq!(of(b"ABC-123!~\x7f"), (false, false));
        assert_eq!(of("\u{e9}\u{a0}\u{10d}".as_bytes()), (false, false));
        for len in 1..40 {
            for at in 0..len {
                for (c, want) in [
                    (b' ', (true, false)),
                    (b'\r', (true, false)),
                    (b'\n', (true, false)),
                    (0u8, (true, false)),
                    (b'&', (false, true)),
                ] {
                    let mut t = vec![b'x'; len];
                    t[at] = c;
                    assert_eq!(of(&t), want, "{t:?}");
                }
            }
        }
    }

    /// `blank` is `is_ascii_whitespace` over every byte, at every length and
    /// with the one non-blank byte anywhere.
    #[test]
    fn blank_is_all_white_space() {
        for len in 0..40 {
            for ws in [b' ', b'\n', b'\t', b'\r', 0x0c] {
                let mut t = vec![b' '; len];
                if len > 0 {
                    t[len / 2] = ws;
                }
                assert!(super::blank(&t), "{t:?}");
                for at in 0..len {
                    let mut u = t.clone();
                    u[at] = b'x';
                    assert!(!super::blank(&u), "{u:?}");
                }
            }
        }
        // Every byte value, alone and amid indentation, as the standard
        // library classifies it.
        for c in 0..=255u8 {
            let want = c.is_ascii_whitespace();
            assert_eq!(super::blank(&[c]), want, "{c}");
            for len in [7, 8, 9, 10, 33] {
                for (lead, at) in [
                    (&b"\n"[..], 1),
                    (b"\n", len - 2),
                    (b"\r\n", 2),
                    (b"\r\n", len - 1),
                ] {
                    let mut t = vec![b' '; len];
                    t[..lead.len()].copy_from_slice(lead);
                    t[at] = c;
                    assert_eq!(super::blank(&t), want, "{c} in {t:?}");
                }
            }
        }
    }
}
