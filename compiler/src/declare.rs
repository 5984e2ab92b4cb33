//! The declarations phase: code lists, external checks and the rule table,
//! taken from the declarations of a rule set before any rule is resolved.
//! Each function returns what it declares and its diagnostics.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::codelist::{CodeList, CodeLists, Content, Entry};
use crate::diagnostics::{Diagnostic, Sources, Span};
use crate::ir::{External, RuleKind, RuleMeta};
use crate::load::Reader;
use crate::model::MessageModel;
use crate::syntax::ast;

/// Where a rule set's code lists come from.
pub struct ListSources<'a> {
    /// The folder the `codelist ... "file.csv"` declarations name files in.
    pub folder: &'a Path,
    /// A user's reference-data export (`<ID>.csv` per list), preferred.
    pub reference: Option<&'a Path>,
}

/// Declares every `codelist`, reading its CSV file; a list declared twice is
/// an error at the second declaration.
pub fn codelists(
    decls: &[ast::Declaration],
    from: &ListSources,
    reader: &mut Reader,
) -> (CodeLists, Vec<Diagnostic>) {
    let mut lists = CodeLists::default();
    let mut diags = Vec::new();
    let shipped = reader.list_sources(from.folder, &mut diags);
    let given = (from.reference)
        .map(|d| reader.list_sources(d, &mut diags))
        .unwrap_or_default();
    for d in decls {
        let ast::Declaration::CodeList(c) = d else {
            continue;
        };
        if let Some(prev) = lists.get(&c.id.text) {
            diags.push(
                Diagnostic::error(
                    c.id.span,
                    format!("code list `{}` is declared twice", c.id.text),
                    "declared again here",
                )
                .with_note(format!(
                    "first declared at {}",
                    location(&reader.sources, prev.span)
                )),
            );
            continue;
        }
        let (content, origin) = list_content(c, from, reader, &mut diags);
        let sources = match origin {
            Origin::Given => &given,
            Origin::Shipped => &shipped,
        };
        let provenance = (sources.iter())
            .find(|s| s.list == c.id.text)
            .map(|s| s.provenance.clone());
        lists.push(CodeList {
            id: c.id.text.clone(),
            title: c.title.clone().unwrap_or_default(),
            content,
            subset_of: c.subset_of.iter().map(|s| s.text.clone()).collect(),
            provenance,
            span: c.span,
        });
    }
    (lists, diags)
}

/// Which folder a list's content came from (and so whose `SOURCES.csv` dates it).
enum Origin {
    /// The user's reference data.
    Given,
    /// The rule set's own folder (or inline, or not shipped).
    Shipped,
}

/// The codes of one declared list, how far they are known, and whence.
fn list_content(
    c: &ast::CodeListDecl,
    from: &ListSources,
    reader: &mut Reader,
    diags: &mut Vec<Diagnostic>,
) -> (Content, Origin) {
    // The user's reference data, when it has this list, replaces what the
    // project ships: it is the export of the day, taken as complete.
    if let Some(path) = from
        .reference
        .map(|d| d.join(format!("{}.csv", c.id.text)))
        .filter(|p| reader.is_file(p))
    {
        let entries = reader.list_file(&path, c.id.span, diags);
        return (
            Content::Complete(entries.unwrap_or_default()),
            Origin::Given,
        );
    }
    let entries = match &c.source {
        None => None,
        Some(ast::CodeListSource::Inline(v)) => Some(
            v.iter()
                .map(|n| Entry {
                    code: n.text.clone(),
                    description: String::new(),
                    valid_from: String::new(),
                    valid_to: String::new(),
                })
                .collect(),
        ),
        Some(ast::CodeListSource::File(f)) => {
            reader.list_file(&from.folder.join(&f.text), f.span, diags)
        }
    };
    // A list whose file failed to load already has its error: treat it as
    // empty rather than "not shipped", so rules using it add no noise.
    let failed = c.source.is_some() && entries.is_none();
    let content = match entries {
        None if failed => Content::Complete(Vec::new()),
        None => Content::NotShipped,
        Some(e) if c.partial => Content::Partial(e),
        Some(e) => Content::Complete(e),
    };
    (content, Origin::Shipped)
}

/// A list declared `subset of` another must name a declared list, and have
/// only codes of it (when that one is complete).
pub fn subsets(lists: &CodeLists) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for c in &lists.lists {
        for parent in &c.subset_of {
            match lists.get(parent) {
                None => diags.push(Diagnostic::error(
                    c.span,
                    format!("`{}` is a subset of unknown code list `{parent}`", c.id),
                    "unknown parent list",
                )),
                Some(p) if p.is_complete() => {
                    // A set: the office lists are thousands of codes long.
                    let parent_codes: std::collections::HashSet<&str> =
                        p.entries().iter().map(|e| e.code.as_str()).collect();
                    let missing: Vec<&str> = (c.entries().iter())
                        .filter(|e| !parent_codes.contains(e.code.as_str()))
                        .map(|e| e.code.as_str())
                        .collect();
                    if !missing.is_empty() {
                        diags.push(Diagnostic::error(
                        c.span,
                        format!(
                            "`{}` is declared a subset of `{parent}` but has codes that are not in it: {}",
                            c.id,
                            missing.join(", ")
                        ),
                        "not a subset",
                    ));
                    }
                }
                Some(_) => {}
            }
        }
    }
    diags
}

/// The `external` checks a rule may call.
pub fn externals(decls: &[ast::Declaration]) -> Vec<External> {
    (decls.iter())
        .filter_map(|d| match d {
            ast::Declaration::External(e) => Some(External {
                name: e.name.text.clone(),
                description: e.description.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Every rule of the rule set with its id claimed once: the rules with
/// checks, to be resolved, and the table of all rules.
pub struct RuleTable<'d> {
    /// Rules with checks; the i-th is `meta[i]`.
    pub decls: Vec<&'d ast::RuleDecl>,
    /// Rules with checks first, then those recorded without checks.
    pub meta: Vec<RuleMeta>,
    /// Every rule id, where it is declared.
    ids: HashMap<String, Span>,
}

/// The rule table; a rule id defined twice is an error at the second.
pub fn rules<'d>(
    decls: &'d [ast::Declaration],
    sources: &Sources,
) -> (RuleTable<'d>, Vec<Diagnostic>) {
    let mut table = RuleTable {
        decls: Vec::new(),
        meta: Vec::new(),
        ids: HashMap::new(),
    };
    let mut diags = Vec::new();
    for d in decls {
        if let ast::Declaration::Rule(r) = d {
            if let Some(d) = table.claim(&r.id, sources) {
                diags.push(d);
                continue;
            }
            table.meta.push(rule_meta(r, sources));
            table.decls.push(r);
        }
    }
    // Rules recorded without checks come after those with checks, so that
    // the indices of `decls` and `meta` agree.
    for d in decls {
        if let ast::Declaration::Record(r) = d {
            if let Some(d) = table.claim(&r.id, sources) {
                diags.push(d);
                continue;
            }
            table.meta.push(record_meta(r, sources));
        }
    }
    (table, diags)
}

impl RuleTable<'_> {
    /// Records `id` as taken; a second definition is an error pointing at the first.
    fn claim(&mut self, id: &ast::Name, sources: &Sources) -> Option<Diagnostic> {
        if let Some(prev) = self.ids.get(&id.text) {
            return Some(
                Diagnostic::error(
                    id.span,
                    format!("rule `{}` is defined twice", id.text),
                    "defined again here",
                )
                .with_note(format!("first defined at {}", location(sources, *prev))),
            );
        }
        self.ids.insert(id.text.clone(), id.span);
        None
    }

    /// `disables` must name rules of the rule set.
    pub fn check_disables(&self) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for r in &self.decls {
            for d in r
                .disables
                .iter()
                .filter(|d| !self.ids.contains_key(&d.text))
            {
                diags.push(
                    Diagnostic::error(
                        d.span,
                        format!("`{}` disables unknown rule `{}`", r.id.text, d.text),
                        "no rule with this id in the rule set",
                    )
                    .with_help("declare the rule first, or remove it from `disables`"),
                );
            }
        }
        diags
    }
}

fn rule_meta(r: &ast::RuleDecl, sources: &Sources) -> RuleMeta {
    let text = &sources.files[r.span.file].text;
    RuleMeta {
        id: r.id.text.clone(),
        kind: r.kind,
        title: r.title.clone().unwrap_or_default(),
        source: with_comments(text, r.span),
        location: rule_location(sources, r.span),
        in_force_from: r.in_force_from.clone(),
        in_force_until: r.in_force_until.clone(),
        unchecked: None,
        disables: r.disables.iter().map(|d| d.text.clone()).collect(),
        partial: r.partial.clone(),
        error: r.error.as_deref().cloned(),
    }
}

fn record_meta(r: &ast::RecordDecl, sources: &Sources) -> RuleMeta {
    let text = &sources.files[r.span.file].text;
    RuleMeta {
        id: r.id.text.clone(),
        kind: RuleKind::of_id(&r.id.text),
        title: r.title.clone(),
        source: with_comments(text, r.span),
        location: rule_location(sources, r.span),
        in_force_from: None,
        in_force_until: None,
        unchecked: Some(r.unchecked.clone()),
        disables: Vec::new(),
        partial: None,
        error: None,
    }
}

/// Code lists that nothing uses: no rule tests against them, no element of a
/// message model is bound to them, no list is declared a subset of them.
pub fn unused_codelists(
    decls: &[ast::Declaration],
    models: &[MessageModel],
    codelists: &CodeLists,
) -> Vec<Diagnostic> {
    let mut used: HashSet<String> = HashSet::new();
    for m in models {
        used.extend(m.nodes.iter().filter_map(|n| n.codelist.clone()));
    }
    used.extend(
        codelists
            .lists
            .iter()
            .flat_map(|c| c.subset_of.iter().cloned()),
    );
    for d in decls {
        if let ast::Declaration::Rule(r) = d {
            sets_in_statements(&r.body, &mut used);
        }
    }
    decls
        .iter()
        .filter_map(|d| match d {
            ast::Declaration::CodeList(c) => Some(c),
            _ => None,
        })
        .filter(|c| {
            // Only the declaration that counts (a duplicate has its own error).
            !used.contains(&c.id.text)
                && codelists
                    .lists
                    .iter()
                    .any(|l| l.id == c.id.text && l.span == c.span)
        })
        .map(|c| {
            Diagnostic::warning(
                c.id.span,
                format!("code list `{}` is declared but never used", c.id.text),
                "no rule tests against it and no element is bound to it",
            )
            .with_help("remove the declaration, or bind an element to it in the message model")
        })
        .collect()
}

fn sets_in_statements(stmts: &[ast::Statement], used: &mut HashSet<String>) {
    use ast::Statement as S;
    for s in stmts {
        match s {
            S::If {
                arms, otherwise, ..
            } => {
                for (c, b) in arms {
                    sets_in_condition(c, used);
                    sets_in_statements(b, used);
                }
                sets_in_statements(otherwise, used);
            }
            S::Presence { condition, .. } => {
                if let Some((c, _)) = condition {
                    sets_in_condition(c, used);
                }
            }
            S::ForEach { body, .. } | S::InMessage { body, .. } => sets_in_statements(body, used),
            S::Must { check, .. } => match check {
                ast::Check::In {
                    set: ast::SetExpr::CodeList(id),
                    ..
                } => {
                    used.insert(id.text.clone());
                }
                ast::Check::Satisfy(c) => sets_in_condition(c, used),
                _ => {}
            },
            S::Complete { .. } => {}
        }
    }
}

fn sets_in_condition(c: &ast::Condition, used: &mut HashSet<String>) {
    use ast::Condition as C;
    let test = |t: &ast::Test, used: &mut HashSet<String>| {
        if let ast::Test::In {
            set: ast::SetExpr::CodeList(id),
            ..
        } = t
        {
            used.insert(id.text.clone());
        }
    };
    match c {
        C::Or(v) | C::And(v) => v.iter().for_each(|x| sets_in_condition(x, used)),
        C::Not(x) => sets_in_condition(x, used),
        C::Quantified { body, .. } => match body {
            ast::QuantifiedBody::Satisfies(x) => sets_in_condition(x, used),
            ast::QuantifiedBody::Test(t) => test(t, used),
        },
        C::Predicate { test: t, .. } => test(t, used),
        C::Unchanged { .. } => {}
    }
}

/// A rule's text with the `//` comment lines right above it, which say how
/// the rule text was read.
fn with_comments(text: &str, span: Span) -> String {
    let mut start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    while start > 0 {
        let prev = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[prev..start - 1].trim_start().starts_with("//") {
            break;
        }
        start = prev;
    }
    // The span may run on over the comments that introduce the next rule.
    let mut lines: Vec<&str> = text[start..span.end].trim().lines().collect();
    while lines
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with("//"))
    {
        lines.pop();
    }
    lines.join("\n")
}

/// `ncts-p5/C04xx.rules:12:1`: the rule directory and file, not the
/// machine's absolute path, so that compiled explanations are the same everywhere.
fn rule_location(sources: &Sources, span: Span) -> String {
    let (l, c) = sources.line_col(span);
    let path = sources.path(span.file);
    let name = |p: Option<&Path>| {
        p.and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    format!("{}/{}:{l}:{c}", name(path.parent()), name(Some(path)))
}

pub fn location(sources: &Sources, span: Span) -> String {
    let (l, c) = sources.line_col(span);
    format!("{}:{l}:{c}", sources.path(span.file).display())
}
