//! Reader of the CS/RD2 reference-data export in its generic XML form
//! (`RDEntityList` / `RDEntity name=...` / `RDEntry` with `RDEntryStatus`,
//! `dataItem`, `dataGroup` and `LsdList`), as in `COL-Generic-20241105.xml`.
//! Elements are matched by local name: the export's namespace prefixes vary.
//! One pass over the text; an error stops the read with its line and column.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::catalogue::{self, Description, EntityKind};
use crate::date::IsoDate;
use crate::error::{line_col, ImportError};
use crate::export::{Entity, EntryState, OfficeFacts, RefEntry};

/// Deeper nesting than this is not a CS/RD2 export (the COL export nests 7).
const MAX_DEPTH: usize = 64;

/// Reads the entities of a generic CS/RD2 export.
pub fn read(file: &Path, text: &str) -> Result<Vec<Entity>, ImportError> {
    Parser {
        file,
        text,
        lines: LineCounter::default(),
        entities: Vec::new(),
        entity: None,
        entry: None,
        depth: 0,
        root_seen: false,
    }
    .run()
}

/// Lines of positions met in increasing order, counted once.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &[u8], pos: usize) -> u64 {
        if pos < self.pos {
            return line_col(text, pos).0;
        }
        self.line += text[self.pos..pos].iter().filter(|&&b| b == b'\n').count() as u64;
        self.pos = pos;
        self.line + 1
    }
}

/// The entity being read.
struct OpenEntity {
    kind: &'static EntityKind,
    entity: Entity,
    depth: usize,
    /// Code -> line of its first entry.
    seen: std::collections::HashMap<String, u64>,
}

/// The entry being read, as found: the entity's kind turns it into a [`RefEntry`].
#[derive(Default)]
struct OpenEntry {
    pos: usize,
    line: u64,
    depth: usize,
    state: Option<String>,
    active_from: Option<String>,
    active_to: Option<String>,
    /// Data items directly in the entry.
    items: Vec<(String, String)>,
    /// Data groups (any depth), each with its own items, in document order of their ends.
    groups: Vec<(String, Vec<(String, String)>)>,
    open_groups: Vec<(String, Vec<(String, String)>)>,
    /// The elements open inside the entry.
    open: Vec<Inner>,
    descriptions: Vec<(String, String)>,
    capture: Option<Capture>,
    text: String,
}

/// An element open inside an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inner {
    Group,
    Capture,
    Other,
}

/// The element whose text is being read.
#[derive(Debug, Clone)]
enum Capture {
    Item(String),
    Description(String),
    State,
    ActiveFrom,
    ActiveTo,
}

struct Parser<'a> {
    file: &'a Path,
    text: &'a str,
    lines: LineCounter,
    entities: Vec<Entity>,
    entity: Option<OpenEntity>,
    entry: Option<OpenEntry>,
    depth: usize,
    root_seen: bool,
}

impl Parser<'_> {
    fn err(&self, pos: usize, message: impl Into<String>) -> ImportError {
        ImportError::at(self.file, line_col(self.text.as_bytes(), pos), message)
    }

    fn run(mut self) -> Result<Vec<Entity>, ImportError> {
        let mut reader = Reader::from_str(self.text);
        reader.config_mut().check_end_names = true;
        loop {
            let pos = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| {
                let at = reader.error_position() as usize;
                // Every syntax error of quick-xml is a markup left open at the end.
                if matches!(e, quick_xml::Error::Syntax(_)) {
                    self.err(
                        at,
                        format!("the file ends inside this markup: truncated ({e})"),
                    )
                } else {
                    self.err(at, format!("malformed XML: {e}"))
                }
            })?;
            match event {
                Event::Start(e) => {
                    self.start(&e, pos)?;
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(
                            self.err(pos, format!("elements nested deeper than {MAX_DEPTH}"))
                        );
                    }
                }
                Event::Empty(e) => {
                    self.start(&e, pos)?;
                    self.depth += 1;
                    self.end()?;
                }
                Event::End(_) => self.end()?,
                Event::Text(t) => {
                    let text = t.unescape().map_err(|e| {
                        self.err(pos, format!("bad character or entity reference: {e}"))
                    })?;
                    self.text_in(&text, pos)?;
                }
                Event::CData(c) => {
                    let text = String::from_utf8_lossy(&c).into_owned();
                    self.text_in(&text, pos)?;
                }
                Event::DocType(_) => {
                    return Err(
                        self.err(pos, "DOCTYPE declarations are not allowed (no DTD is read)")
                    )
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        self.finish()
    }

    fn finish(self) -> Result<Vec<Entity>, ImportError> {
        let end = self.text.len();
        if let Some(entry) = &self.entry {
            return Err(self.err(
                end,
                format!(
                    "the file ends inside the entry begun on line {}: truncated",
                    entry.line
                ),
            ));
        }
        if let Some(open) = &self.entity {
            return Err(self.err(
                end,
                format!(
                    "the file ends inside entity `{}` (line {}): truncated",
                    open.entity.name, open.entity.line
                ),
            ));
        }
        if self.depth > 0 {
            return Err(self.err(
                end,
                "the file ends before its root element is closed: truncated",
            ));
        }
        if !self.root_seen {
            return Err(self.err(end, "no XML element: not a CS/RD2 export"));
        }
        if self.entities.is_empty() {
            return Err(self.err(0, "no RDEntity element: not a CS/RD2 export"));
        }
        Ok(self.entities)
    }

    fn start(&mut self, e: &BytesStart<'_>, pos: usize) -> Result<(), ImportError> {
        self.root_seen = true;
        let local = e.local_name();
        let local = local.as_ref();
        if let Some(entry) = &self.entry {
            if entry.capture.is_some() {
                let name = String::from_utf8_lossy(local).into_owned();
                return Err(self.err(
                    pos,
                    format!("unexpected element <{name}> inside a data item"),
                ));
            }
        }
        match local {
            b"RDEntity" => self.start_entity(e, pos),
            b"RDEntry" => self.start_entry(pos),
            _ if self.entry.is_some() => self.start_in_entry(e, local, pos),
            _ => Ok(()),
        }
    }

    fn start_entity(&mut self, e: &BytesStart<'_>, pos: usize) -> Result<(), ImportError> {
        if let Some(open) = &self.entity {
            return Err(self.err(
                pos,
                format!("an RDEntity inside entity `{}`", open.entity.name),
            ));
        }
        let Some(name) = self.attribute(e, b"name", pos)? else {
            return Err(self.err(pos, "RDEntity without a `name` attribute"));
        };
        let Some(kind) = catalogue::col_entity(&name) else {
            let known: Vec<_> = catalogue::COL_ENTITIES.iter().map(|k| k.name).collect();
            return Err(self.err(
                pos,
                format!("unknown entity `{name}` (known: {})", known.join(", ")),
            ));
        };
        if self.entities.iter().any(|x| x.name == name) {
            return Err(self.err(pos, format!("entity `{name}` is given twice")));
        }
        let line = self.lines.line_at(self.text.as_bytes(), pos);
        self.entity = Some(OpenEntity {
            kind,
            entity: Entity {
                name,
                line,
                entries: Vec::new(),
            },
            depth: self.depth,
            seen: Default::default(),
        });
        Ok(())
    }

    fn start_entry(&mut self, pos: usize) -> Result<(), ImportError> {
        if self.entity.is_none() {
            return Err(self.err(pos, "an RDEntry outside any RDEntity"));
        }
        if self.entry.is_some() {
            return Err(self.err(pos, "an RDEntry inside another RDEntry"));
        }
        let line = self.lines.line_at(self.text.as_bytes(), pos);
        self.entry = Some(OpenEntry {
            pos,
            line,
            depth: self.depth,
            ..Default::default()
        });
        Ok(())
    }

    fn start_in_entry(
        &mut self,
        e: &BytesStart<'_>,
        local: &[u8],
        pos: usize,
    ) -> Result<(), ImportError> {
        let capture = match local {
            b"dataItem" => {
                let Some(name) = self.attribute(e, b"name", pos)? else {
                    return Err(self.err(pos, "dataItem without a `name` attribute"));
                };
                Some(Capture::Item(name))
            }
            b"description" => Some(Capture::Description(
                self.attribute(e, b"lang", pos)?.unwrap_or_default(),
            )),
            b"state" => Some(Capture::State),
            b"activeFrom" => Some(Capture::ActiveFrom),
            b"activeTo" => Some(Capture::ActiveTo),
            b"dataGroup" => {
                let name = self.attribute(e, b"name", pos)?.unwrap_or_default();
                let entry = self.entry.as_mut().expect("in an entry");
                entry.open_groups.push((name, Vec::new()));
                None
            }
            _ => None,
        };
        let entry = self.entry.as_mut().expect("in an entry");
        entry.open.push(match (&capture, local) {
            (Some(_), _) => Inner::Capture,
            (None, b"dataGroup") => Inner::Group,
            _ => Inner::Other,
        });
        entry.capture = capture;
        entry.text.clear();
        Ok(())
    }

    fn attribute(
        &self,
        e: &BytesStart<'_>,
        name: &[u8],
        pos: usize,
    ) -> Result<Option<String>, ImportError> {
        for a in e.attributes() {
            let a = a.map_err(|err| self.err(pos, format!("bad attribute: {err}")))?;
            if a.key.local_name().as_ref() == name {
                let v = a
                    .unescape_value()
                    .map_err(|err| self.err(pos, format!("bad attribute value: {err}")))?;
                return Ok(Some(v.into_owned()));
            }
        }
        Ok(None)
    }

    fn text_in(&mut self, text: &str, pos: usize) -> Result<(), ImportError> {
        match self.entry.as_mut() {
            Some(entry) if entry.capture.is_some() => {
                entry.text.push_str(text);
                Ok(())
            }
            _ if text.trim().is_empty() => Ok(()),
            _ if self.depth == 0 => Err(self.err(pos, "text outside the root element")),
            _ => Ok(()),
        }
    }

    fn end(&mut self) -> Result<(), ImportError> {
        self.depth = self.depth.saturating_sub(1);
        if let Some(entry) = self.entry.as_mut() {
            if entry.depth == self.depth {
                let entry = self.entry.take().expect("open");
                return self.end_entry(entry);
            }
            match entry.open.pop() {
                Some(Inner::Capture) => {
                    let capture = entry.capture.take().expect("a capture is open");
                    let value = std::mem::take(&mut entry.text).trim().to_string();
                    match capture {
                        Capture::Item(name) => match entry.open_groups.last_mut() {
                            Some((_, items)) => items.push((name, value)),
                            None => entry.items.push((name, value)),
                        },
                        Capture::Description(lang) => entry.descriptions.push((lang, value)),
                        Capture::State => entry.state = Some(value),
                        Capture::ActiveFrom => entry.active_from = Some(value),
                        Capture::ActiveTo => entry.active_to = Some(value),
                    }
                }
                Some(Inner::Group) => {
                    let group = entry.open_groups.pop().expect("a group is open");
                    entry.groups.push(group);
                }
                Some(Inner::Other) | None => {}
            }
            return Ok(());
        }
        if self.entity.as_ref().is_some_and(|o| o.depth == self.depth) {
            let open = self.entity.take().expect("open");
            self.entities.push(open.entity);
        }
        Ok(())
    }

    fn end_entry(&mut self, entry: OpenEntry) -> Result<(), ImportError> {
        let open = self.entity.as_ref().expect("entries are read in an entity");
        let entry = build_entry(open.kind, entry).map_err(|(pos, msg)| self.err(pos, msg))?;
        let open = self.entity.as_mut().expect("open");
        if let Some(first) = open.seen.get(&entry.code) {
            let msg = format!(
                "duplicate code `{}` in entity `{}` (first on line {first})",
                entry.code, open.entity.name
            );
            return Err(
                ImportError::at(self.file, (entry.line, 1), msg).with_column(self.text, entry.line)
            );
        }
        open.seen.insert(entry.code.clone(), entry.line);
        open.entity.entries.push(entry);
        Ok(())
    }
}

impl ImportError {
    /// The column of the first non-blank character of `line` (an entry's start tag).
    fn with_column(mut self, text: &str, line: u64) -> Self {
        if let Some(l) = text.lines().nth(line as usize - 1) {
            let col = l.chars().take_while(|c| c.is_whitespace()).count() as u64 + 1;
            self.at = Some((line, col));
        }
        self
    }
}

/// Turns what was found in an entry into a [`RefEntry`] of entity `kind`.
fn build_entry(kind: &EntityKind, e: OpenEntry) -> Result<RefEntry, (usize, String)> {
    let at = e.pos;
    let item = |name: &str| {
        e.items
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let mut code = String::new();
    for key in kind.key {
        match item(key) {
            Some(v) if !v.is_empty() => code.push_str(v),
            _ => {
                return Err((
                    at,
                    format!(
                        "entry of entity `{}` has no code (data item `{key}`)",
                        kind.name
                    ),
                ));
            }
        }
    }
    let date = |what: &str, v: &Option<String>| -> Result<Option<IsoDate>, (usize, String)> {
        match v {
            None => Ok(None),
            Some(s) => IsoDate::parse(s)
                .map(Some)
                .ok_or_else(|| (at, format!("entry `{code}`: {what} `{s}` is not a date"))),
        }
    };
    let state = match e.state.as_deref() {
        Some("valid") => EntryState::Valid,
        Some(s) if !s.is_empty() => EntryState::NotValid,
        _ => {
            return Err((
                at,
                format!("entry `{code}` has no state (RDEntryStatus/state)"),
            ))
        }
    };
    let active_from = date("activeFrom", &e.active_from)?;
    let active_to = date("activeTo", &e.active_to)?;
    let entry_date = match kind.entry_date {
        Some(name) => date(name, &item(name).map(str::to_string))?,
        None => None,
    };
    let description = match kind.description {
        Description::Lsd => english_or_first(&e.descriptions),
        Description::Item(name) => item(name).unwrap_or_default().to_string(),
        Description::Group {
            group,
            language,
            text,
        } => {
            let names: Vec<(String, String)> = e
                .groups
                .iter()
                .filter(|(g, _)| g == group)
                .filter_map(|(_, items)| {
                    let get = |n: &str| items.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
                    Some((get(language).unwrap_or_default(), get(text)?))
                })
                .collect();
            english_or_first(&names)
        }
        Description::None => String::new(),
    };
    let office = kind.office.then(|| OfficeFacts {
        country: item("CountryCode").unwrap_or_default().to_string(),
        roles: e
            .groups
            .iter()
            .flat_map(|(_, items)| items.iter())
            .chain(e.items.iter())
            .filter(|(n, _)| n == "Role")
            .map(|(_, v)| v.clone())
            .collect(),
    });
    Ok(RefEntry {
        code,
        description,
        state,
        active_from,
        active_to,
        entry_date,
        office,
        line: e.line,
    })
}

/// The English text of `(language, text)` pairs, else the first.
pub(crate) fn english_or_first(texts: &[(String, String)]) -> String {
    texts
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case("en"))
        .or(texts.first())
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}
