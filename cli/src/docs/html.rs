//! The pages as HTML: one self-contained file each (the style sheet inline,
//! no script), written as well-formed XML too — every element closed, every
//! text and attribute escaped — so a test can parse it back strictly.

use super::page::{Block, Inline, Page, Table};

pub const EXT: &str = "html";

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
nav{background:#003399;color:#aab8e0;padding:.55rem 1.5rem}
nav a{color:#fff;margin:0 .6rem;text-decoration:none;font-weight:600}
nav a:first-child{margin-left:0}
main{padding:.5rem 1.5rem 3rem;max-width:110rem}
h1{font-size:1.6rem;margin:1rem 0 .5rem}
h2{font-size:1.15rem;margin:2rem 0 .4rem;border-bottom:1px solid #ccd3e0;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 1rem}
th,td{border:1px solid #ccd3e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#e8ecf5;white-space:nowrap}
tbody tr:nth-child(even){background:#f7f8fb}
tr:target,h2:target{background:#fff3bf}
code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f4f5f7;padding:.6rem .8rem;overflow-x:auto;border:1px solid #dde1ea;font-size:.88rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0 .8rem}
dt{font-weight:600;color:#444}
dd{margin:0}
a{color:#0645ad}
a.self{margin-left:.4rem;color:#99a;text-decoration:none;visibility:hidden}
h2:hover a.self{visibility:visible}
";

/// The page as an HTML file, `nav` (links to the other pages) on top.
pub fn render(page: &Page, nav: &[Inline]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&page.title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<nav>{}</nav>\n<main>\n", inlines(nav)));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&page.title)));
    for block in &page.blocks {
        render_block(&mut out, block);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading {
            level,
            anchor,
            text,
        } => {
            let id = anchor
                .as_ref()
                .map_or(String::new(), |a| format!(" id=\"{}\"", escape(a)));
            let own = anchor.as_ref().map_or(String::new(), |a| {
                let href = escape(&encode_href(&format!("#{a}")));
                format!("<a class=\"self\" href=\"{href}\" title=\"link to here\">#</a>")
            });
            out.push_str(&format!(
                "<h{level}{id}>{}{own}</h{level}>\n",
                inlines(text)
            ));
        }
        Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", inlines(text))),
        Block::Fields(fields) => {
            out.push_str("<dl>\n");
            for (label, value) in fields {
                out.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>\n",
                    escape(label),
                    inlines(value)
                ));
            }
            out.push_str("</dl>\n");
        }
        Block::Table(t) => table(out, t),
        Block::Code(source) => {
            out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(source)))
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for h in &t.head {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        match &r.anchor {
            Some(a) => out.push_str(&format!("<tr id=\"{}\">", escape(a))),
            None => out.push_str("<tr>"),
        }
        for c in &r.cells {
            out.push_str(&format!("<td>{}</td>", inlines(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn inlines(items: &[Inline]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Inline::Text(s) => out.push_str(&escape(s)),
            Inline::Code(s) => out.push_str(&format!("<code>{}</code>", escape(s))),
            Inline::Link { to, text, hint } => {
                let href = escape(&encode_href(&to.href(EXT)));
                let title = hint
                    .as_ref()
                    .map_or(String::new(), |h| format!(" title=\"{}\"", escape(h)));
                out.push_str(&format!("<a href=\"{href}\"{title}>{}</a>", inlines(text)));
            }
            Inline::Break => out.push_str("<br/>"),
        }
    }
    out
}

/// Text for an element's content or an attribute's value: `&`, `<`, `>`,
/// `"` and `'` as references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A relative link `page.ext#anchor` with every byte outside the
/// unreserved characters (but the first `#`) percent-encoded, as a browser
/// decodes it again to find the anchor.
pub fn encode_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    let fragment = href.find('#');
    for (i, b) in href.bytes().enumerate() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || Some(i) == fragment
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
