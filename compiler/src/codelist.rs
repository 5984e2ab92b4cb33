//! Code lists: declarations from rule files, contents from CSV files
//! (`code,description,valid_from,valid_to`; only `code` is required).

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, FileId, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub description: String,
    /// ISO dates, empty when open.
    pub valid_from: String,
    pub valid_to: String,
}

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

/// Reads a code-list CSV. Errors carry the CSV file and line.
pub fn read_csv(text: &str, file: FileId) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let line_span = |line: u64| -> Span {
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
    };
    // A byte-order mark (spreadsheet exports) is not part of the first column's name.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&text.as_bytes()[bom..]);
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Diagnostic::error(
                line_span(1),
                format!("bad CSV header: {e}"),
                "here",
            )])
        }
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let Some(code_col) = col("code") else {
        return Err(vec![Diagnostic::error(
            line_span(1),
            "code-list CSV has no `code` column",
            "expected a header `code,description,valid_from,valid_to`",
        )]);
    };
    let (desc, from, to) = (col("description"), col("valid_from"), col("valid_to"));
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                let msg = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "invalid UTF-8 in code-list CSV".to_string(),
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("row has {len} fields, the header has {expected_len}")
                    }
                    _ => format!("bad CSV: {e}"),
                };
                errors.push(Diagnostic::error(line_span(line), msg, "in this row"));
                continue;
            }
        };
        let line = rec.position().map_or(1, |p| p.line());
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        let code = get(Some(code_col));
        if code.is_empty() {
            errors.push(Diagnostic::error(
                line_span(line),
                "empty code in code-list CSV",
                "this row has no code",
            ));
            continue;
        }
        if let Some(first) = seen.get(&code) {
            errors.push(
                Diagnostic::error(
                    line_span(line),
                    format!("duplicate code `{code}`"),
                    "listed again here",
                )
                .with_note(format!("first listed on line {first}")),
            );
            continue;
        }
        seen.insert(code.clone(), line);
        let (vf, vt) = (get(from), get(to));
        for d in [&vf, &vt] {
            if !d.is_empty() && !is_iso_date(d) {
                errors.push(Diagnostic::error(
                    line_span(line),
                    format!("`{d}` is not a date (YYYY-MM-DD)"),
                    "bad validity date",
                ));
            }
        }
        entries.push(Entry {
            code,
            description: get(desc),
            valid_from: vf,
            valid_to: vt,
        });
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
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
