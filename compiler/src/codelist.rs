//! Code lists: declarations from rule files, contents from CSV files
//! (`code,description,valid_from,valid_to`; only `code` is required).

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, FileId, Span};

pub use eucdm_runtime::codelist::sources::ListSource;
pub use eucdm_runtime::codelist::{Entry, Provenance};

/// What is known of a code list's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Declared but not shipped: values are not checked.
    NotShipped,
    /// Known only in part: used for documentation, never to reject a value.
    Partial(Vec<Entry>),
    Complete(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub struct CodeList {
    pub id: String,
    pub title: String,
    pub content: Content,
    /// The lists it is declared a subset of (`subset of CLnnn`, any number).
    pub subset_of: Vec<String>,
    /// Its source and snapshot (`SOURCES.csv` beside the CSV files), when recorded.
    pub provenance: Option<Provenance>,
    pub span: Span,
}

impl CodeList {
    pub fn entries(&self) -> &[Entry] {
        match &self.content {
            Content::NotShipped => &[],
            Content::Partial(e) | Content::Complete(e) => e,
        }
    }

    pub fn is_complete(&self) -> bool {
        matches!(self.content, Content::Complete(_))
    }

    pub fn contains(&self, code: &str) -> bool {
        self.entries().iter().any(|e| e.code == code)
    }
}

/// The declared code lists, in declaration order, found by id.
#[derive(Debug, Default)]
pub struct CodeLists {
    pub lists: Vec<CodeList>,
    index: HashMap<String, usize>,
}

impl CodeLists {
    /// The index of list `id` in [`CodeLists::lists`].
    pub fn index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&CodeList> {
        self.index(id).map(|i| &self.lists[i])
    }

    /// The ids, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    pub(crate) fn push(&mut self, list: CodeList) {
        self.index.insert(list.id.clone(), self.lists.len());
        self.lists.push(list);
    }
}

/// Reads a code-list CSV with the runtime's reader (the one
/// `eucdm validate --codelists DIR` uses). Errors carry the CSV file and row.
pub fn read_csv(text: &str, file: FileId) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    eucdm_runtime::codelist::csv::read(text).map_err(|faults| {
        faults
            .into_iter()
            .map(|f| {
                let d = Diagnostic::error(row_span(text, file, f.line), f.message, f.label);
                match f.note {
                    Some(n) => d.with_note(n),
                    None => d,
                }
            })
            .collect()
    })
}

/// Reads `SOURCES.csv` with the runtime's reader. Errors point at the field.
pub fn read_sources(text: &str, file: FileId) -> Result<Vec<ListSource>, Vec<Diagnostic>> {
    eucdm_runtime::codelist::sources::read(text).map_err(|faults| {
        faults
            .into_iter()
            .map(|f| {
                let mut span = row_span(text, file, f.line);
                // The column counts characters from the row's start.
                let row = &text[span.start..span.end];
                let skip: usize = row
                    .chars()
                    .take(f.column as usize - 1)
                    .map(char::len_utf8)
                    .sum();
                span.start += skip.min(row.len().saturating_sub(1));
                let d = Diagnostic::error(span, f.message, f.label);
                match f.note {
                    Some(n) => d.with_note(n),
                    None => d,
                }
            })
            .collect()
    })
}

/// The span of line `line` (1-based) of `text`, trailing blanks left out.
fn row_span(text: &str, file: FileId, line: u64) -> Span {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            return Span {
                file,
                start,
                end: start + l.trim_end().len().max(1),
            };
        }
        start += l.len();
    }
    Span {
        file,
        start: 0,
        end: 1,
    }
}

pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_validates() {
        let e = read_csv(
            "code,description,valid_from,valid_to\nA,x,,\nB,\"y, z\",2021-09-10,\n",
            0,
        )
        .unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].valid_from, "2021-09-10");
        let err = read_csv("code,description\nA,x\nA,y\n", 0).unwrap_err();
        assert!(err[0].message.contains("duplicate"));
        let err = read_csv("description\nA\n", 0).unwrap_err();
        assert!(err[0].message.contains("no `code` column"));
        let err = read_csv("code,description\nA,x,y\n", 0).unwrap_err();
        assert!(err[0].message.contains("fields"), "{:?}", err[0]);
        let err = read_csv("code,description\n,x\n", 0).unwrap_err();
        assert!(err[0].message.contains("empty code"));
        // A spreadsheet's byte-order mark is not part of the header.
        let e = read_csv("\u{feff}code,description\nA,x\n", 0).unwrap();
        assert_eq!(e[0].code, "A");
    }
}
