//! The message model (`CC015C.model`) and the data-element dictionary
//! (`data-elements.dict`) that rule references are resolved against.
//!
//! Both are line-oriented text files of the project's own format; see the
//! header comments of the shipped files. Errors point at file:line:col.

pub mod dictionary;
pub mod message;

pub use dictionary::Dictionary;
pub use message::{ElementType, MessageModel, ModelNode};

use crate::diagnostics::{FileId, Span};

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
