//! The pages `eucdm docs` writes, as a small document tree: what is said,
//! not how. [`super::markdown`] and [`super::html`] render the same tree, so
//! the two forms say the same and every text is escaped in one place each.

/// One page: `index`, a message (`CC015C`), `rules` or `codelists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The file name without its extension (`CC015C` → `CC015C.md`, `CC015C.html`).
    pub stem: String,
    /// The page's title (its `<title>` and first heading).
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (level 2 or 3), with an anchor links point at.
    Heading {
        level: u8,
        anchor: Option<String>,
        text: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// Label–value lines (`Kind: condition`).
    Fields(Vec<(&'static str, Vec<Inline>)>),
    Table(Table),
    /// Source text, shown as written.
    Code(String),
}

/// A table: a header row, then rows, each with an optional anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<&'static str>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub anchor: Option<String>,
    pub cells: Vec<Vec<Inline>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A name from the rule files (an element's path, a format).
    Code(String),
    Link {
        to: Target,
        text: Vec<Inline>,
        /// Shown on hover in HTML (a rule's title).
        hint: Option<String>,
    },
    /// A line break inside a table cell.
    Break,
}

/// Where a link goes: a page, and an anchor on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub page: String,
    pub anchor: Option<String>,
}

impl Target {
    /// `page#anchor`, with `ext` the renderer's file extension (`md`, `html`).
    pub fn href(&self, ext: &str) -> String {
        match &self.anchor {
            Some(a) => format!("{}.{ext}#{a}", self.page),
            None => format!("{}.{ext}", self.page),
        }
    }
}

/// Plain text.
pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// A name shown as code.
pub fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

/// A link to `anchor` on `page` showing `shown`.
pub fn link(page: &str, anchor: &str, shown: Inline, hint: Option<String>) -> Inline {
    Inline::Link {
        to: Target {
            page: page.to_string(),
            anchor: Some(anchor.to_string()),
        },
        text: vec![shown],
        hint,
    }
}

/// A link to a whole page.
pub fn page_link(page: &str, shown: impl Into<String>) -> Inline {
    Inline::Link {
        to: Target {
            page: page.to_string(),
            anchor: None,
        },
        text: vec![text(shown)],
        hint: None,
    }
}
