//! The message structure itself: R/D/O status, maximum repetitions and the
//! formats of the message table, checked on every node in one pass.
//!
//! NCTS checks these before any business rule; a message that breaks them
//! never reaches the rules in the customs system. We report them as functional
//! errors so one run tells everything (the README documents the mapping):
//!
//! | what                                   | code | reason            |
//! |----------------------------------------|------|-------------------|
//! | an `R` data group or item is missing    | 13   | `status R`        |
//! | a repetition past the maximum           | 15   | `max 9`           |
//! | a data item's text breaks its format    | 14   | `format an..35`   |
//!
//! A data item's format is what its XSD type says ([`crate::xsd`]: white space
//! first, then patterns, lengths in characters, digits, enumerations, dates)
//! when the model carries it, else the table's format; either way the reason
//! names the table's format, as the docs do (`docs/structure.md`).
//!
//! `D` elements are governed by their condition (a C rule), `O` by nothing.
//! The reasons are [`StructureFault`]s, typed until the output edge.
//! The checks are driven by the static tables of the generated
//! [`MessageSchema`](crate::schema::MessageSchema); nothing is parsed here.
//! This generic form is the interpreter's; the generated validators check each
//! schema node with code of its own (`compiler/src/codegen/structure.rs`),
//! calling the pieces made public here and in [`crate::xsd`].

use crate::document::{Document, NodeId};
use crate::report::{ErrorCode, StructureFault};
use crate::schema::{SchemaId, ValueFormat};
use crate::validator::Collector;

/// Checks the structure of node `n`: its own format and repetition, and the
/// presence of its required children.
#[inline]
pub fn check_node(doc: &Document, n: NodeId, out: &mut Collector<'_>) {
    let s = doc.schema.node(doc.schema_of(n));
    if doc.iteration(n) > s.max {
        out.present(
            n,
            ErrorCode::ConditionNotAllowed,
            StructureFault::Max(s.max),
        );
    }
    if s.group {
        check_required(doc, n, s.required, out);
    } else if !match s.xsd {
        // The reader applied the whiteSpace facet to the text already.
        Some(x) => x.matches_normalized(doc.text_at(n)),
        None => format_ok(s.format, doc.text_at(n)),
    } {
        out.present(n, ErrorCode::Rule, StructureFault::Format(s.format));
    }
}

/// Reports each of `required` (schema ids in sequence order) that group `n`
/// lacks.
#[inline]
pub fn check_required(doc: &Document, n: NodeId, required: &[SchemaId], out: &mut Collector<'_>) {
    // Children are stored in sequence order (the reader enforces it), so
    // one merge of the schema's required children with the node's finds
    // every missing one.
    let end = doc.links[n as usize].last;
    let mut c = n + 1;
    for &want in required {
        while c <= end && doc.links[c as usize].schema < want {
            c = doc.links[c as usize].last + 1;
        }
        if c > end || doc.links[c as usize].schema != want {
            out.missing(
                n,
                want,
                ErrorCode::ConditionMissing,
                StructureFault::StatusR,
            );
        }
    }
}

/// Checks every node of the message.
pub fn check(doc: &Document, out: &mut Collector<'_>) {
    for n in 0..doc.len() as NodeId {
        check_node(doc, n, out);
    }
}

/// Whether `v` has the table's format `f` (items whose model has no XSD type).
pub fn format_ok(f: ValueFormat, v: &str) -> bool {
    match f {
        ValueFormat::None => true,
        ValueFormat::Text(f) => f.matches(v),
        ValueFormat::Date => is_date(v.as_bytes()),
        ValueFormat::DateTime => {
            let b = v.as_bytes();
            b.len() == 19 && b[10] == b'T' && is_date(&b[..10]) && is_time(&b[11..])
        }
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |a, &d| a * 10 + (d - b'0') as u32))
}

/// `YYYY-MM-DD`, a date that exists in the Gregorian calendar.
pub fn is_date(b: &[u8]) -> bool {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..])) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y > 0 && d >= 1 && d <= days
}

/// `hh:mm:ss`.
pub fn is_time(b: &[u8]) -> bool {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    matches!(
        (digits(&b[..2]), digits(&b[3..5]), digits(&b[6..])),
        (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s < 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date(b"2024-02-29") && !is_date(b"2023-02-29"));
        assert!(!is_date(b"2024-13-01") && !is_date(b"2024-1-01") && !is_date(b"0000-01-01"));
        assert!(format_ok(ValueFormat::DateTime, "2025-01-21T23:59:59"));
        assert!(!format_ok(ValueFormat::DateTime, "2025-01-21T24:00:00"));
        assert!(!format_ok(ValueFormat::DateTime, "2025-01-21 10:00:00"));
        assert!(!format_ok(ValueFormat::Date, "2025-01-21T10:00:00"));
    }
}
