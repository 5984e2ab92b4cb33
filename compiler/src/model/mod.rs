//! The message model (`CC015C.model`) and the data-element dictionary
//! (`data-elements.dict`) that rule references are resolved against.
//!
//! Both are line-oriented text files of the project's own format; see the
//! header comments of the shipped files. Errors point at file:line:col.

pub mod dictionary;
pub mod message;

pub use dictionary::Dictionary;
pub use message::{ElementType, MessageModel, ModelNode, NodeId, NumberedCheck};

use crate::diagnostics::{FileId, Span};

/// One non-empty line: its byte offset in the file and its fields.
pub(crate) type Record<'a> = (usize, Vec<(usize, &'a str)>);

/// The non-empty lines of a line-oriented file: each line's byte offset and
/// its fields (see [`fields`]); a line whose fields do not split is an error
/// at its place.
pub(crate) fn records(
    text: &str,
    file: FileId,
) -> impl Iterator<Item = Result<Record<'_>, crate::diagnostics::Diagnostic>> {
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let line_start = offset;
        offset += line.len();
        match fields(line.trim_end_matches(['\n', '\r'])) {
            Ok(f) if f.is_empty() => None,
            Ok(f) => Some(Ok((line_start, f))),
            Err((at, msg)) => Some(Err(crate::diagnostics::Diagnostic::error(
                span_in_line(file, line_start, at, 1),
                msg,
                "here",
            ))),
        }
    })
}

/// Splits a line into whitespace-separated fields, keeping `"quoted strings"`
/// whole; returns each field with its byte offset in the line.
pub(crate) fn fields(line: &str) -> Result<Vec<(usize, &str)>, (usize, String)> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if line[i..].starts_with("//") {
            break;
        }
        let start = i;
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += 1;
            }
            if i == b.len() {
                return Err((start, "unterminated string".into()));
            }
            i += 1;
            out.push((start, &line[start..i]));
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((start, &line[start..i]));
        }
    }
    Ok(out)
}

pub(crate) fn span_in_line(file: FileId, line_start: usize, at: usize, len: usize) -> Span {
    Span {
        file,
        start: line_start + at,
        end: line_start + at + len.max(1),
    }
}
