//! `SOURCES.csv`, beside the code-list CSVs: `list,source,snapshot`, per list
//! the source it was made from and the day of that source's data (empty when
//! the source has no date). Written by `eucdm refdata import` and
//! tools/derive-codelists.py; read by the compiler, which carries it into the
//! rule set's code-list metadata ([`crate::CodeListInfo::provenance`]).

use std::collections::HashMap;

use super::csv::{field_column, is_date, row_error, CsvError};
use super::Provenance;

/// The name of the provenance file in a code-list folder.
pub const FILE: &str = "SOURCES.csv";
/// Its header row.
pub const HEADER: &str = "list,source,snapshot";

/// One row: the list's id and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSource {
    /// The list's id (`CL231`).
    pub list: String,
    /// Where the list comes from.
    pub provenance: Provenance,
    /// The row's line, for diagnostics.
    pub line: u64,
}

/// Reads `SOURCES.csv`. Every fault is reported, at its line and column: a
/// header other than [`HEADER`], a row without three fields, an empty list id
/// or source, a snapshot that is not a day of the calendar, a list given twice.
pub fn read(text: &str) -> Result<Vec<ListSource>, Vec<CsvError>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header_ok = rdr
        .headers()
        .is_ok_and(|h| h.iter().map(str::trim).eq(HEADER.split(',')));
    if !header_ok {
        let mut e = CsvError::at(1, 1, format!("the header must be `{HEADER}`"), "here");
        e.label = "expected `list,source,snapshot`";
        return Err(vec![e]);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(row_error(&e, "SOURCES.csv"));
                continue;
            }
        };
        let (line, offset) = rec
            .position()
            .map_or((1, 0), |p| (p.line(), p.byte() as usize));
        let at = |field: usize| field_column(body, offset, field);
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let (list, source, snapshot) = (get(0), get(1), get(2));
        if list.is_empty() || source.is_empty() {
            let field = if list.is_empty() { 0 } else { 1 };
            errors.push(CsvError::at(
                line,
                at(field),
                "every row names a list and its source",
                "empty field",
            ));
            continue;
        }
        if !snapshot.is_empty() && !is_date(&snapshot) {
            errors.push(CsvError::at(
                line,
                at(2),
                format!("`{snapshot}` is not a date (YYYY-MM-DD, a day of the calendar; empty when unknown)"),
                "bad snapshot date",
            ));
            continue;
        }
        if let Some(first) = seen.get(&list) {
            let mut e = CsvError::at(
                line,
                at(0),
                format!("list `{list}` is given twice"),
                "given again here",
            );
            e.note = Some(format!("first given on line {first}"));
            errors.push(e);
            continue;
        }
        seen.insert(list.clone(), line);
        rows.push(ListSource {
            list,
            provenance: Provenance {
                source: source.into(),
                snapshot: snapshot.into(),
            },
            line,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dated_and_undated_sources() {
        let rows =
            read("list,source,snapshot\nCL008,\"COL, 2024\",2024-11-05\nCL027,Swedish guide,\n")
                .unwrap();
        assert_eq!(rows[0].provenance.source, "COL, 2024");
        assert_eq!(rows[0].provenance.snapshot, "2024-11-05");
        assert_eq!((rows[1].list.as_str(), rows[1].line), ("CL027", 3));
        assert_eq!(rows[1].provenance.snapshot, "");
    }

    #[test]
    fn faults_name_line_and_column() {
        let at = |text: &str| {
            let e = read(text).unwrap_err();
            (e[0].line, e[0].column)
        };
        assert_eq!(at("list,source\nCL008,x\n"), (1, 1));
        assert_eq!(at("list,source,snapshot\nCL008,x,2024-02-30\n"), (2, 9));
        assert_eq!(at("list,source,snapshot\nCL008,,\n"), (2, 7));
        assert_eq!(at("list,source,snapshot\nCL008,x,\nCL008,y,\n"), (3, 1));
        assert_eq!(at("list,source,snapshot\nCL008,x\n").0, 2);
    }

    #[test]
    fn a_row_of_the_wrong_width_says_so() {
        let e = read("list,source,snapshot\nCL008,x\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(e.line, 2);
        assert_eq!(e.message, "row has 2 fields, the header has 3");
    }
}
