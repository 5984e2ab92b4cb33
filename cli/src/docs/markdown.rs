//! The pages as Markdown (CommonMark with GitHub's tables): every text of
//! the rule files escaped, so a title with `|`, `*` or `<` reads as written
//! and cannot break a table or open a tag. Anchors are `<a id>` tags, which
//! GitHub and most renderers keep.

use super::page::{Block, Inline, Page, Table};

pub const EXT: &str = "md";

/// The page as a Markdown file, `nav` (links to the other pages) on top.
pub fn render(page: &Page, nav: &[Inline]) -> String {
    let mut out = String::new();
    out.push_str(&inlines(nav, Where::Text));
    out.push_str("\n\n# ");
    out.push_str(&escape(&page.title));
    out.push('\n');
    for block in &page.blocks {
        out.push('\n');
        render_block(&mut out, block);
    }
    out
}

/// Where inline text goes: a table cell escapes `|` even in code and breaks
/// lines with `<br>`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    Text,
    Cell,
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading {
            level,
            anchor,
            text,
        } => {
            out.push_str(&"#".repeat(usize::from(*level)));
            out.push(' ');
            if let Some(a) = anchor {
                out.push_str(&anchor_tag(a));
            }
            out.push_str(&inlines(text, Where::Text));
            out.push('\n');
        }
        Block::Paragraph(text) => {
            out.push_str(&inlines(text, Where::Text));
            out.push('\n');
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                out.push_str(&format!(
                    "- **{}:** {}\n",
                    escape(label),
                    inlines(value, Where::Text)
                ));
            }
        }
        Block::Table(t) => table(out, t),
        Block::Code(source) => {
            let fence = "`".repeat(3.max(longest_run(source, '`') + 1));
            out.push_str(&format!("{fence}text\n{source}\n{fence}\n"));
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&row(t.head.iter().map(|h| escape(h)).collect()));
    out.push_str(&row(t.head.iter().map(|_| "---".to_string()).collect()));
    for r in &t.rows {
        let mut cells: Vec<String> = r.cells.iter().map(|c| inlines(c, Where::Cell)).collect();
        if let (Some(a), Some(first)) = (&r.anchor, cells.first_mut()) {
            first.insert_str(0, &anchor_tag(a));
        }
        out.push_str(&row(cells));
    }
}

fn anchor_tag(id: &str) -> String {
    format!("<a id=\"{}\"></a>", super::html::escape(id))
}

fn inlines(items: &[Inline], at: Where) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Inline::Text(s) => out.push_str(&escape(s)),
            Inline::Code(s) => out.push_str(&code_span(s, at)),
            Inline::Link { to, text, hint } => {
                let href = super::html::encode_href(&to.href(EXT));
                let title = match hint {
                    Some(h) => format!(
                        " \"{}\"",
                        one_line(h).replace('\\', "\\\\").replace('"', "\\\"")
                    ),
                    None => String::new(),
                };
                let title = if at == Where::Cell {
                    title.replace('|', "\\|")
                } else {
                    title
                };
                out.push_str(&format!("[{}]({href}{title})", inlines(text, at)));
            }
            Inline::Break => out.push_str(match at {
                Where::Cell => "<br>",
                // A hard line break, the next line still in the list item.
                Where::Text => "\\\n  ",
            }),
        }
    }
    out
}

/// Text with every character Markdown could read as markup escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span holding `s` as written: delimited by one backtick more than
/// its longest run, padded when it starts or ends with one; in a table cell
/// `|` is escaped (GitHub reads it before the span).
fn code_span(s: &str, at: Where) -> String {
    let s = one_line(s);
    let ticks = "`".repeat(longest_run(&s, '`') + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    let body = if at == Where::Cell {
        s.replace('|', "\\|")
    } else {
        s
    };
    format!("{ticks}{pad}{body}{pad}{ticks}")
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Inline text is one line: a line break would end a table row.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}
