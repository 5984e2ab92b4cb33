//! The code-list CSV file (`code,description,valid_from,valid_to`; only
//! `code` is required, other columns are ignored), read the same way by the
//! compiler (the shipped lists, `EUCDM_CODELISTS`) and at run time
//! (`eucdm validate --codelists DIR`, [`crate::refdata`]).

use std::collections::HashMap;
use std::fmt;

use super::Entry;

/// What is wrong with a code-list CSV, and where (1-based line and column of
/// the row, or of the field when one field is at fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line of the row.
    pub line: u64,
    /// 1-based column of the field, or of the row's start.
    pub column: u64,
    /// What is wrong.
    pub message: String,
    /// A short label for the place (`in this row`), for rustc-style rendering.
    pub label: &'static str,
    /// More context, e.g. where a duplicate code was first listed.
    pub note: Option<String>,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)?;
        if let Some(n) = &self.note {
            write!(f, " ({n})")?;
        }
        Ok(())
    }
}

impl CsvError {
    pub(crate) fn at(
        line: u64,
        column: u64,
        message: impl Into<String>,
        label: &'static str,
    ) -> CsvError {
        CsvError {
            line,
            column,
            message: message.into(),
            label,
            note: None,
        }
    }
}

/// Reads a code-list CSV given as bytes: invalid UTF-8 is an error at its
/// line and column, as every other fault (see [`read`]).
pub fn read_bytes(bytes: &[u8]) -> Result<Vec<Entry>, Vec<CsvError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => read(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            // Characters before the bad byte on its line (the prefix is valid UTF-8).
            let column = std::str::from_utf8(&good[start..]).map_or(1, |s| s.chars().count()) + 1;
            Err(vec![CsvError::at(
                line,
                column as u64,
                "invalid UTF-8 in code-list CSV",
                "here",
            )])
        }
    }
}

/// Reads a code-list CSV. Every fault is reported (not only the first): no
/// `code` column, a row with more or fewer fields than the header, an empty or
/// duplicate code, a validity date that is not a day of the calendar
/// (`YYYY-MM-DD`). A UTF-8 byte-order mark (spreadsheet exports) is skipped.
pub fn read(text: &str) -> Result<Vec<Entry>, Vec<CsvError>> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![CsvError::at(
                1,
                1,
                format!("bad CSV header: {e}"),
                "here",
            )])
        }
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let Some(code_col) = col("code") else {
        let mut e = CsvError::at(1, 1, "code-list CSV has no `code` column", "here");
        e.label = "expected a header `code,description,valid_from,valid_to`";
        return Err(vec![e]);
    };
    let (desc, from, to) = (col("description"), col("valid_from"), col("valid_to"));
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(row_error(&e, "code-list CSV"));
                continue;
            }
        };
        let (line, offset) = rec
            .position()
            .map_or((1, 0), |p| (p.line(), p.byte() as usize));
        let column = |field: Option<usize>| field_column(body, offset, field.unwrap_or(0));
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        let code = get(Some(code_col));
        if code.is_empty() {
            let at = column(Some(code_col));
            errors.push(CsvError::at(
                line,
                at,
                "empty code in code-list CSV",
                "this row has no code",
            ));
            continue;
        }
        if let Some(first) = seen.get(&code) {
            let mut e = CsvError::at(
                line,
                column(Some(code_col)),
                format!("duplicate code `{code}`"),
                "listed again here",
            );
            e.note = Some(format!("first listed on line {first}"));
            errors.push(e);
            continue;
        }
        seen.insert(code.clone(), line);
        let (vf, vt) = (get(from), get(to));
        for (d, c) in [(&vf, from), (&vt, to)] {
            if !d.is_empty() && !is_date(d) {
                errors.push(CsvError::at(
                    line,
                    column(c),
                    format!("`{d}` is not a date (YYYY-MM-DD, a day of the calendar)"),
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

/// A validity date: `YYYY-MM-DD` and a day of the calendar (a CS/RD2 export
/// never dates a code on `2025-02-30`; such a date is a broken export).
pub fn is_date(s: &str) -> bool {
    crate::structure::is_date(s.as_bytes())
}

/// A row the csv reader could not read (`what` names the file kind), at its
/// line: invalid UTF-8, a row of the wrong width, or the reader's own words.
pub(crate) fn row_error(e: &::csv::Error, what: &str) -> CsvError {
    let line = e.position().map_or(1, |p| p.line());
    let msg = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => format!("invalid UTF-8 in {what}"),
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, the header has {expected_len}"),
        _ => format!("bad {what}: {e}"),
    };
    CsvError::at(line, 1, msg, "in this row")
}

/// The 1-based column (in characters) where field `field` of the record
/// starting at byte `start` of `text` begins, counting separators outside
/// quotes; the row's first column when the field is not on its first line.
pub(crate) fn field_column(text: &str, start: usize, field: usize) -> u64 {
    let line_start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut fields = 0;
    let mut quoted = false;
    for (i, c) in text[start.min(text.len())..].char_indices() {
        if fields == field {
            let at = start + i;
            return text[line_start..at].chars().count() as u64 + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    text[line_start..start.min(text.len())].chars().count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries() {
        let e =
            read("code,description,valid_from,valid_to\nA,x,,\nB,\"y, z\",2021-09-10,\n").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[1].description.as_str(), e[1].valid_from.as_str()),
            ("y, z", "2021-09-10")
        );
        // A spreadsheet's byte-order mark is not part of the header.
        assert_eq!(
            read("\u{feff}code,description\nA,x\n").unwrap()[0].code,
            "A"
        );
        // Other columns are ignored, and so is their order.
        let e = read("country,valid_to,code\nDE,2025-01-21,X\n").unwrap();
        assert_eq!(
            (e[0].code.as_str(), e[0].valid_to.as_str()),
            ("X", "2025-01-21")
        );
    }

    #[test]
    fn faults_have_line_and_column() {
        let err = read("code,description\nA,x\nA,y\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 1));
        assert!(
            err[0].message.contains("duplicate")
                && err[0].note.as_deref() == Some("first listed on line 2")
        );
        let err = read("description\nA\n").unwrap_err();
        assert!(err[0].message.contains("no `code` column"));
        let err = read("code,description\nA,x,y\n").unwrap_err();
        assert_eq!(
            (err[0].line, err[0].message.as_str()),
            (2, "row has 3 fields, the header has 2")
        );
        let err = read("description,code\nx,\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 3), "{err:?}");
        assert!(err[0].message.contains("empty code"));
        let err = read("code,description,valid_from\nA,\"a, b\",2025-02-30\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 10), "{err:?}");
        assert_eq!(
            err[0].to_string(),
            "2:10: `2025-02-30` is not a date (YYYY-MM-DD, a day of the calendar)"
        );
        // Every fault, not only the first.
        assert_eq!(read("code\n\n\nA\nA\n\"\"\n").unwrap_err().len(), 2);
        let err = read_bytes(b"code\nAB\nC\xff\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 2));
    }
}
