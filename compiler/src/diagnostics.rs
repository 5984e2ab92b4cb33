//! Diagnostics: every error and warning carries a span into a rule file or a
//! CSV file, and renders like rustc (`--> file:line:col`, the source line, a
//! caret under the culprit, a label and a hint).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A source file read by the compiler (rule file, model, dictionary or CSV).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// All files read in one compilation; spans index into it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

pub type FileId = usize;

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile { path, text });
        self.files.len() - 1
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id].path
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, span: Span) -> (usize, usize) {
        let text = &self.files[span.file].text;
        let pos = floor_char_boundary(text, span.start.min(text.len()));
        let before = &text[..pos];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        (line, text[line_start..pos].chars().count() + 1)
    }

    /// Renders a diagnostic the way rustc does.
    pub fn render(&self, d: &Diagnostic) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}: {}", d.severity.as_str(), d.message);
        if let Some(span) = d.span {
            let file = &self.files[span.file];
            let (line, col) = self.line_col(span);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}--> {}:{line}:{col}", file.path.display());
            let _ = writeln!(out, "{pad} |");
            let src_line = file
                .text
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .trim_end_matches('\r');
            let _ = writeln!(out, "{line} | {src_line}");
            let line_chars = src_line.chars().count();
            let start = floor_char_boundary(&file.text, span.start.min(file.text.len()));
            let end = floor_char_boundary(&file.text, span.end.min(file.text.len())).max(start);
            let width = file.text[start..end]
                .split('\n')
                .next()
                .map_or(1, |s| s.chars().count())
                .clamp(1, line_chars.saturating_sub(col - 1).max(1));
            let _ = writeln!(
                out,
                "{pad} | {}{} {}",
                " ".repeat(col - 1),
                "^".repeat(width),
                d.label
            );
            if d.help.is_some() || !d.notes.is_empty() {
                let _ = writeln!(out, "{pad} |");
            }
            for n in &d.notes {
                let _ = writeln!(out, "{pad} = note: {n}");
            }
            if let Some(h) = &d.help {
                let _ = writeln!(out, "{pad} = help: {h}");
            }
        } else {
            for n in &d.notes {
                let _ = writeln!(out, "  = note: {n}");
            }
            if let Some(h) = &d.help {
                let _ = writeln!(out, "  = help: {h}");
            }
        }
        out
    }

    /// Renders all diagnostics, separated by blank lines.
    pub fn render_all(&self, ds: &[Diagnostic]) -> String {
        ds.iter()
            .map(|d| self.render(d))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// Says what is wrong at the caret.
    pub label: String,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: Some(span),
            label: label.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// An error about a whole file or the compilation, with no position.
    pub fn error_unspanned(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: String::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message, label)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Codes as a diagnostic lists them: `'A', 'B', 'C'`.
pub fn quoted<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes
        .into_iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest candidate to `wanted` by edit distance, if close enough to be a
/// plausible typo ("did you mean ...?").
pub fn suggest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&wanted.to_lowercase(), &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len(), c))
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret() {
        let mut s = Sources::default();
        let f = s.add(
            "r.rules".into(),
            "condition C0001\n    Foo mandatory\n".into(),
        );
        let d = Diagnostic::error(
            Span {
                file: f,
                start: 20,
                end: 23,
            },
            "unknown data element `Foo`",
            "not in CC015C",
        )
        .with_help("did you mean `Bar`?");
        let r = s.render(&d);
        assert!(r.contains("--> r.rules:2:5"), "{r}");
        assert!(r.contains("2 |     Foo mandatory"), "{r}");
        assert!(r.contains("  |     ^^^ not in CC015C"), "{r}");
        assert!(r.contains("= help: did you mean `Bar`?"), "{r}");
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("grosMass", ["grossMass", "netMass"]),
            Some("grossMass")
        );
        assert_eq!(suggest("zzz", ["grossMass"]), None);
    }
}
