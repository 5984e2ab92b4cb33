//! Reader of HMRC's reference-data JSON (hmrc/customs-reference-data
//! `conf/resources/`), in its two forms:
//! - a CS/RD2 payload, `{"messageInformation": {"snapshotDate": ...}, "lists":
//!   {..: {"listName": ..., "listEntries": [...]}}}` (`csrd2-payloads/*.json`,
//!   gunzipped), whose entries carry `state` and `activeFrom`;
//! - one list as an array of entries (`code-lists/<ListName>.json`), named by
//!   its file, without state or dates.
//!
//! Customs offices come one entry per language; they are merged by reference
//! number (`id`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::catalogue;
use crate::csrd2_xml::english_or_first;
use crate::date::IsoDate;
use crate::error::{line_col, ImportError};
use crate::export::{Entity, EntryState, OfficeFacts, RefEntry};

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(rename = "messageInformation")]
    info: Option<Info>,
    #[serde(borrow)]
    lists: BTreeMap<String, PayloadList<'a>>,
}

#[derive(Deserialize)]
struct Info {
    #[serde(rename = "snapshotDate")]
    snapshot_date: Option<String>,
}

#[derive(Deserialize)]
struct PayloadList<'a> {
    #[serde(rename = "listName")]
    name: String,
    #[serde(rename = "listEntries", borrow)]
    entries: Vec<&'a RawValue>,
}

/// What a JSON file gave: its snapshot date (payloads only) and its lists.
pub struct JsonLists {
    pub date: Option<IsoDate>,
    pub entities: Vec<Entity>,
}

pub fn read(file: &Path, text: &str) -> Result<JsonLists, ImportError> {
    let syntax = |e: serde_json::Error| {
        let what = if e.is_eof() {
            "truncated JSON"
        } else {
            "bad JSON"
        };
        ImportError::at(
            file,
            (e.line() as u64, e.column() as u64),
            format!("{what}: {e}"),
        )
    };
    let reader = ListReader {
        file,
        text,
        newlines: text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect(),
    };
    if text.trim_start().starts_with('[') {
        let entries: Vec<&RawValue> = serde_json::from_str(text).map_err(syntax)?;
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
            .unwrap_or_default()
            .to_string();
        let entity = reader.list(&name, 1, &entries)?;
        return Ok(JsonLists {
            date: None,
            entities: vec![entity],
        });
    }
    let payload: Payload = serde_json::from_str(text).map_err(syntax)?;
    let date =
        match payload.info.and_then(|i| i.snapshot_date) {
            None => None,
            Some(d) => Some(IsoDate::parse(&d).ok_or_else(|| {
                ImportError::file(file, format!("snapshotDate `{d}` is not a date"))
            })?),
        };
    let mut entities: Vec<Entity> = Vec::new();
    for list in payload.lists.values() {
        let line = list.entries.first().map_or(1, |e| reader.line(e));
        if entities.iter().any(|e| e.name == list.name) {
            return Err(ImportError::at(
                file,
                (line, 1),
                format!("list `{}` is given twice", list.name),
            ));
        }
        entities.push(reader.list(&list.name, line, &list.entries)?);
    }
    if entities.is_empty() {
        return Err(ImportError::file(file, "no list in `lists`"));
    }
    Ok(JsonLists { date, entities })
}

struct ListReader<'a> {
    file: &'a Path,
    text: &'a str,
    /// Positions of the line ends, for the line of an entry without a scan.
    newlines: Vec<usize>,
}

impl ListReader<'_> {
    fn pos(&self, raw: &RawValue) -> usize {
        raw.get().as_ptr() as usize - self.text.as_ptr() as usize
    }

    fn line(&self, raw: &RawValue) -> u64 {
        self.newlines.partition_point(|&n| n < self.pos(raw)) as u64 + 1
    }

    /// An error at `raw` (line and column: the column is counted only here).
    fn err(&self, raw: &RawValue, message: String) -> ImportError {
        ImportError::at(
            self.file,
            line_col(self.text.as_bytes(), self.pos(raw)),
            message,
        )
    }

    fn list(&self, name: &str, line: u64, raws: &[&RawValue]) -> Result<Entity, ImportError> {
        if catalogue::list_id(name).is_none() {
            return Err(ImportError::at(
                self.file,
                (line, 1),
                format!("unknown list `{name}`"),
            ));
        }
        let office = catalogue::list_id(name) == Some(catalogue::OFFICES);
        let mut entries: Vec<RefEntry> = Vec::new();
        // Code (and language, for offices) -> index in `entries` / first line.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut languages: HashMap<(String, String), u64> = HashMap::new();
        let mut names: Vec<Vec<(String, String)>> = Vec::new();
        for raw in raws.iter().copied() {
            let fields: Map<String, Value> = serde_json::from_str(raw.get()).map_err(|_| {
                self.err(raw, format!("an entry of list `{name}` is not an object"))
            })?;
            let entry = self.entry(name, &fields, raw)?;
            if office {
                let language = text_field(&fields, "languageCode").unwrap_or_default();
                let key = (entry.code.clone(), language.clone());
                if let Some(first) = languages.get(&key) {
                    let msg = format!(
                        "duplicate office `{}` in language `{language}` (first on line {first})",
                        entry.code
                    );
                    return Err(self.err(raw, msg));
                }
                languages.insert(key, entry.line);
                if let Some(&i) = seen.get(&entry.code) {
                    names[i].push((language, entry.description));
                    merge_roles(&mut entries[i], entry.office.unwrap_or_default());
                    continue;
                }
                names.push(vec![(language, entry.description.clone())]);
            } else if let Some(&i) = seen.get(&entry.code) {
                let msg = format!(
                    "duplicate code `{}` in list `{name}` (first on line {})",
                    entry.code, entries[i].line
                );
                return Err(self.err(raw, msg));
            }
            seen.insert(entry.code.clone(), entries.len());
            entries.push(entry);
        }
        if office {
            for (entry, names) in entries.iter_mut().zip(&names) {
                entry.description = english_or_first(names);
            }
        }
        Ok(Entity {
            name: name.to_string(),
            line,
            entries,
        })
    }

    fn entry(
        &self,
        list: &str,
        fields: &Map<String, Value>,
        raw: &RawValue,
    ) -> Result<RefEntry, ImportError> {
        let err = |msg: String| self.err(raw, msg);
        let code = catalogue::JSON_CODE_FIELDS
            .iter()
            .find_map(|f| fields.get(*f))
            .ok_or_else(|| {
                err(format!(
                    "entry of list `{list}` has no code (none of {})",
                    catalogue::JSON_CODE_FIELDS.join(", ")
                ))
            })?;
        let code = match code {
            Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => {
                return Err(err(format!(
                    "entry of list `{list}` has an empty or non-text code"
                )))
            }
        };
        let date = |name: &str| -> Result<Option<IsoDate>, ImportError> {
            match text_field(fields, name) {
                None => Ok(None),
                Some(s) => IsoDate::parse(&s)
                    .map(Some)
                    .ok_or_else(|| err(format!("entry `{code}`: {name} `{s}` is not a date"))),
            }
        };
        let state = match text_field(fields, "state").as_deref() {
            None | Some("valid") => EntryState::Valid,
            Some(_) => EntryState::NotValid,
        };
        let office = fields.get("roles").map(|roles| OfficeFacts {
            country: text_field(fields, "countryId").unwrap_or_default(),
            roles: roles
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("role").and_then(Value::as_str).map(str::to_string))
                .collect(),
        });
        Ok(RefEntry {
            description: text_field(fields, "description")
                .or_else(|| text_field(fields, "name"))
                .unwrap_or_default(),
            state,
            active_from: date("activeFrom")?,
            active_to: date("activeTo")?,
            entry_date: None,
            office,
            line: self.line(raw),
            code,
        })
    }
}

fn text_field(fields: &Map<String, Value>, name: &str) -> Option<String> {
    fields
        .get(name)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
}

fn merge_roles(entry: &mut RefEntry, more: OfficeFacts) {
    if let Some(office) = entry.office.as_mut() {
        office.roles.extend(more.roles);
    }
}
