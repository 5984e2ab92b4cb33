//! A guard run before the parser: nesting deeper than [`MAX_NESTING`] is a
//! diagnostic at the opening token, so neither the parser nor any later phase
//! (all of them walk the tree recursively) can run out of stack on input such
//! as 100,000 `(`.
//!
//! The count is lexical and errs on the high side: `(` opens and `)` closes;
//! a statement `if` (not the `if` of `mandatory if`, nor `else if`),
//! `for each` and `in message` open and `end` closes; a declaration keyword starts again from
//! zero (the `for each` of a rule's heading has no `end`). Strings and
//! comments are skipped.

use super::keywords::DECLARATION_STARTS;
use crate::diagnostics::{Diagnostic, FileId, Span};

/// Deepest nesting of parentheses and blocks accepted (rules written by people
/// nest a handful of levels).
pub const MAX_NESTING: usize = 64;

// A diagnostic is the cold path, built once per file (as in `parse`).
#[allow(clippy::result_large_err)]
pub(super) fn check(text: &str, file: FileId) -> Result<(), Diagnostic> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut prev_word = "";
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        i += 1;
        let opened = match c {
            b'/' if b.get(i) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                false
            }
            b'\'' | b'"' => {
                while i < b.len() && b[i] != c && b[i] != b'\n' {
                    i += 1;
                }
                i += 1;
                false
            }
            b'(' => {
                depth += 1;
                true
            }
            b')' => {
                depth = depth.saturating_sub(1);
                false
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                let opens = match word {
                    "if" => !matches!(prev_word, "mandatory" | "optional" | "forbidden" | "else"),
                    "for" => true,
                    // `in message CC007C ... end`
                    "message" => prev_word == "in",
                    "end" => {
                        depth = depth.saturating_sub(1);
                        false
                    }
                    // A new declaration: whatever the last one left open is closed.
                    w if DECLARATION_STARTS.contains(&w) => {
                        depth = 0;
                        false
                    }
                    _ => false,
                };
                prev_word = word;
                if opens {
                    depth += 1;
                }
                opens
            }
            _ => false,
        };
        if opened && depth > MAX_NESTING {
            let span = Span {
                file,
                start,
                end: i,
            };
            return Err(Diagnostic::error(
                span,
                format!("nested deeper than {MAX_NESTING} levels"),
                "one level too many",
            )
            .with_help(
                "parentheses, `if ... end`, `for each ... end` and `in message ... end` nest at most this deep; \
                 split the condition into several rules or conditions",
            ));
        }
    }
    Ok(())
}
