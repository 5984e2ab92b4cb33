//! The project's code-list CSV (`code,description,valid_from,valid_to`, plus
//! `country,roles` for customs offices) and `SOURCES.csv`, the record of which
//! export each imported list was made from and the export's date.

use crate::date::IsoDate;

/// One row of a code-list CSV.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub code: String,
    pub description: String,
    pub valid_from: Option<IsoDate>,
    pub valid_to: Option<IsoDate>,
    /// Customs offices: country and roles (space-separated).
    pub office: Option<(String, String)>,
}

pub const HEADER: &str = "code,description,valid_from,valid_to";
pub const OFFICE_HEADER: &str = "code,description,valid_from,valid_to,country,roles";

/// The CSV text: rows sorted by code, LF line ends, fields quoted only when needed.
pub fn render(rows: &[Row], office: bool) -> String {
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out = String::with_capacity(64 * rows.len() + 64);
    out.push_str(if office { OFFICE_HEADER } else { HEADER });
    out.push('\n');
    let date = |d: Option<IsoDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for r in sorted {
        let mut fields = vec![
            r.code.clone(),
            normalise(&r.description),
            date(r.valid_from),
            date(r.valid_to),
        ];
        if office {
            let (country, roles) = r.office.clone().unwrap_or_default();
            fields.extend([country, roles]);
        }
        let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// Runs of whitespace (line breaks of multi-line descriptions) become one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 4180 quoting, only when the field needs it.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A row of `SOURCES.csv`: list `list` was made from `source`, whose data is
/// of day `snapshot`. Lists not made by an import (tools/derive-codelists.py
/// writes their rows) may have a source without a date: `None`, written empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRow {
    pub list: String,
    pub source: String,
    pub snapshot: Option<IsoDate>,
}

pub const SOURCES_FILE: &str = "SOURCES.csv";
pub const SOURCES_HEADER: &str = "list,source,snapshot";

pub fn render_sources(rows: &[SourceRow]) -> String {
    let mut rows = rows.to_vec();
    rows.sort();
    let mut out = format!("{SOURCES_HEADER}\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{}\n",
            quote(&r.list),
            quote(&r.source),
            r.snapshot.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    out
}

/// Reads `SOURCES.csv`; an error names the line.
pub fn parse_sources(text: &str) -> Result<Vec<SourceRow>, (u64, String)> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim_start_matches('\u{feff}') == SOURCES_HEADER => {}
        _ => return Err((1, format!("the header must be `{SOURCES_HEADER}`"))),
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        let n = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line).ok_or_else(|| (n, "unbalanced quotes".to_string()))?;
        let [list, source, snapshot] = fields.iter().map(String::as_str).collect::<Vec<_>>()[..]
        else {
            return Err((
                n,
                format!(
                    "expected 3 fields (`{SOURCES_HEADER}`), found {}",
                    fields.len()
                ),
            ));
        };
        let snapshot = match snapshot {
            "" => None,
            d => Some(IsoDate::parse(d).ok_or_else(|| (n, format!("`{d}` is not a date")))?),
        };
        if list.is_empty() || source.is_empty() {
            return Err((n, "empty list or source".to_string()));
        }
        if rows.iter().any(|r: &SourceRow| r.list == list) {
            return Err((n, format!("list `{list}` is given twice")));
        }
        rows.push(SourceRow {
            list: list.to_string(),
            source: source.to_string(),
            snapshot,
        });
    }
    Ok(rows)
}

/// The fields of one CSV line, unquoted ([`quote`]'s inverse); `None` on a stray quote.
fn split_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("one field at least");
        match (c, quoted) {
            ('"', false) if field.is_empty() => quoted = true,
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) => return None,
            (',', false) => fields.push(String::new()),
            (c, _) => field.push(c),
        }
    }
    (!quoted).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn sources_round_trip_and_errors() {
        let rows = vec![SourceRow {
            list: "CL141".into(),
            source: "COL-Generic-20241105.xml".into(),
            snapshot: IsoDate::parse("2024-11-05"),
        }];
        let text = render_sources(&rows);
        assert_eq!(
            text,
            "list,source,snapshot\nCL141,COL-Generic-20241105.xml,2024-11-05\n"
        );
        assert_eq!(parse_sources(&text).unwrap(), rows);
        assert_eq!(parse_sources("list,src\n").unwrap_err().0, 1);
        assert_eq!(
            parse_sources("list,source,snapshot\nCL1,x,2024-13-01\n")
                .unwrap_err()
                .0,
            2
        );
        assert_eq!(
            parse_sources("list,source,snapshot\nCL1,x,2024-01-01\nCL1,y,2024-01-01\n")
                .unwrap_err()
                .0,
            3
        );
        assert_eq!(
            parse_sources("list,source,snapshot\nCL1,x\n")
                .unwrap_err()
                .0,
            2
        );
        let odd = vec![SourceRow {
            list: "CL141".into(),
            source: "my \"export\", v2.xml".into(),
            snapshot: IsoDate::parse("2025-01-31"),
        }];
        assert_eq!(parse_sources(&render_sources(&odd)).unwrap(), odd);
        // A source without a date reads back as one.
        let undated = "list,source,snapshot\nCL027,Swedish guide,\n";
        let rows = parse_sources(undated).unwrap();
        assert_eq!(rows[0].snapshot, None);
        assert_eq!(render_sources(&rows), undated);
        let stray = parse_sources("list,source,snapshot\nCL1,\"x,2024-01-01\n");
        assert_eq!(stray.unwrap_err().0, 2);
    }
}
