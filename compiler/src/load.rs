//! Reads a rule-set directory and runs every phase over it.
//!
//! A rule-set directory holds `*.model` (one per message type),
//! `data-elements.dict` and `*.rules`; code-list CSV files live in a separate
//! folder named by the `codelist` declarations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::codelist::{read_csv, CodeList, Content, Entry};
use crate::diagnostics::{Diagnostic, Sources, Span};
use crate::ir::{Check, MessageIr, RuleMeta, RuleSet};
use crate::model::{Dictionary, ElementType, MessageModel};
use crate::resolve::Resolver;
use crate::syntax::{self, ast};

/// A successful compilation: the rule set, every file read, and warnings.
pub struct Compiled {
    pub ruleset: RuleSet,
    pub sources: Sources,
    pub warnings: Vec<Diagnostic>,
    /// Every file the result depends on (for cargo's rebuild tracking).
    pub inputs: Vec<PathBuf>,
}

/// A failed compilation: all diagnostics (errors and warnings).
pub struct Failed {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub inputs: Vec<PathBuf>,
}

impl Failed {
    pub fn render(&self) -> String {
        self.sources.render_all(&self.diagnostics)
    }
}

/// What a rule directory holds, with the rule sets it extends first.
#[derive(Default)]
struct DirContent {
    models: Vec<MessageModel>,
    dict: Option<Dictionary>,
    decls: Vec<ast::Declaration>,
}

impl DirContent {
    /// `later` adds to `self`: its models replace those of the same message
    /// type, its dictionary replaces the dictionary, its declarations follow.
    fn extend(&mut self, later: DirContent) {
        for m in later.models {
            self.models.retain(|x| x.id != m.id);
            self.models.push(m);
        }
        if later.dict.is_some() {
            self.dict = later.dict;
        }
        self.decls.extend(later.decls);
    }
}

/// Reads the `*.model`, `*.dict` and `*.rules` files of `dir`, and before them
/// the rule sets its `extends` declarations name (relative to `dir`). `via` is
/// the `extends` that led here, `chain` the folders on the way (a cycle is an
/// error at the `extends` that closes it).
fn read_rule_dir(
    store: &dyn Store,
    dir: &Path,
    via: Option<Span>,
    chain: &mut Vec<PathBuf>,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
    inputs: &mut Vec<PathBuf>,
) -> DirContent {
    let cannot = |e: std::io::Error| {
        let msg = format!("cannot read rule directory {}: {e}", dir.display());
        match via {
            Some(span) => Diagnostic::error(span, msg, "extended here"),
            None => Diagnostic::error_unspanned(msg),
        }
    };
    let files = match store.canonical(dir).and_then(|c| Ok((c, store.list(dir)?))) {
        Ok((canonical, files)) => {
            if let (Some(span), true) = (via, chain.contains(&canonical)) {
                diags.push(Diagnostic::error(
                    span,
                    format!("rule set {} extends itself", dir.display()),
                    "this `extends` closes a cycle",
                ));
                return DirContent::default();
            }
            chain.push(canonical);
            files
        }
        Err(e) => {
            diags.push(cannot(e));
            return DirContent::default();
        }
    };
    let mut own = DirContent::default();
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "model" | "dict" | "rules") {
            continue;
        }
        inputs.push(path.clone());
        let text = match store.read(&path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => {
                diags.push(Diagnostic::error_unspanned(format!(
                    "{}: invalid UTF-8 at byte {}",
                    path.display(),
                    e.utf8_error().valid_up_to()
                )));
                continue;
            }
            Err(e) => {
                diags.push(Diagnostic::error_unspanned(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
                continue;
            }
        };
        let file = sources.add(path.clone(), text);
        let text = &sources.files[file].text;
        match ext {
            "model" => match MessageModel::parse(text, file) {
                Ok(m) => own.extend(DirContent {
                    models: vec![m],
                    ..DirContent::default()
                }),
                Err(e) => diags.extend(e),
            },
            "dict" => match Dictionary::parse(text, file) {
                Ok(d) => own.dict = Some(d),
                Err(e) => diags.extend(e),
            },
            _ => match syntax::parse(text, file) {
                Ok(d) => own.decls.extend(d),
                Err(e) => diags.push(e),
            },
        }
    }
    let mut all = DirContent::default();
    let bases: Vec<ast::Name> = own
        .decls
        .iter()
        .filter_map(|d| match d {
            ast::Declaration::Extends(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    for base in bases {
        let base_dir = dir.join(&base.text);
        let content = read_rule_dir(
            store,
            &base_dir,
            Some(base.span),
            chain,
            sources,
            diags,
            inputs,
        );
        all.extend(content);
    }
    all.extend(own);
    chain.pop();
    all
}

/// Where the compiler's files come from: the file system, or memory
/// ([`compile_in_memory`], for fuzzing and tests).
trait Store {
    /// The entries of `dir`, sorted.
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error>;
    /// `dir` as one name for one folder (to find `extends` cycles).
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error>;
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error>;
    fn is_file(&self, path: &Path) -> bool;
}

struct Disk;

impl Store for Disk {
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v)
    }
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error> {
        dir.canonicalize()
    }
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error> {
        std::fs::read(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// Files held in memory as (path, bytes), in one folder level: a folder is
/// named by its path as written.
struct Memory(Vec<(PathBuf, Vec<u8>)>);

impl Store for Memory {
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
        let mut v: Vec<PathBuf> = (self.0.iter())
            .filter(|(p, _)| p.parent() == Some(dir))
            .map(|(p, _)| p.clone())
            .collect();
        v.sort();
        Ok(v)
    }
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error> {
        Ok(dir.to_path_buf())
    }
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error> {
        (self.0.iter())
            .find(|(p, _)| p == path)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
    fn is_file(&self, path: &Path) -> bool {
        self.0.iter().any(|(p, _)| p == path)
    }
}

/// Compiles a rule set held in memory, reading nothing from disk: `rules` are
/// the (file name, content) pairs of a rule directory (`*.model`, `*.dict`,
/// `*.rules`), `codelists` those of the code-list folder. Diagnostics name the
/// files `rules/<name>` and `codelists/<name>`; an `extends` finds nothing.
/// Same phases and diagnostics as [`compile_dir`]; meant for fuzzing and tests.
pub fn compile_in_memory(
    rules: &[(&str, &[u8])],
    codelists: &[(&str, &[u8])],
) -> Result<Compiled, Failed> {
    let (rules_dir, codelists_dir) = (Path::new("rules"), Path::new("codelists"));
    let mut files = Vec::new();
    for (dir, named) in [(rules_dir, rules), (codelists_dir, codelists)] {
        for (name, bytes) in named {
            files.push((dir.join(name), bytes.to_vec()));
        }
    }
    compile_from(&Memory(files), rules_dir, codelists_dir, None)
}

/// Compiles the rule set in `rules_dir` with code lists from `codelists_dir`.
pub fn compile_dir(rules_dir: &Path, codelists_dir: &Path) -> Result<Compiled, Failed> {
    compile_dir_with_reference(rules_dir, codelists_dir, None)
}

/// As [`compile_dir`], and every declared code list of which `reference` (a
/// user's reference-data export, one `<ID>.csv` per list) has a file is taken
/// from there, complete, instead of from the shipped folder.
pub fn compile_dir_with_reference(
    rules_dir: &Path,
    codelists_dir: &Path,
    reference: Option<&Path>,
) -> Result<Compiled, Failed> {
    compile_from(&Disk, rules_dir, codelists_dir, reference)
}

fn compile_from(
    store: &dyn Store,
    rules_dir: &Path,
    codelists_dir: &Path,
    reference: Option<&Path>,
) -> Result<Compiled, Failed> {
    let mut sources = Sources::default();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut inputs = Vec::new();
    let fail = |sources, diagnostics, inputs| {
        Err(Failed {
            sources,
            diagnostics,
            inputs,
        })
    };

    let mut chain = Vec::new();
    let DirContent {
        models,
        dict,
        decls,
    } = read_rule_dir(
        store,
        rules_dir,
        None,
        &mut chain,
        &mut sources,
        &mut diags,
        &mut inputs,
    );
    if models.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::error_unspanned(format!(
            "no message model (*.model) in {}",
            rules_dir.display()
        )));
    }

    // Code lists and external checks.
    let mut codelists: Vec<CodeList> = Vec::new();
    let mut codelist_index: HashMap<String, usize> = HashMap::new();
    let mut externals: Vec<(String, String)> = Vec::new();
    for d in &decls {
        match d {
            ast::Declaration::CodeList(c) => {
                if let Some(&prev) = codelist_index.get(&c.id.text) {
                    diags.push(
                        Diagnostic::error(
                            c.id.span,
                            format!("code list `{}` is declared twice", c.id.text),
                            "declared again here",
                        )
                        .with_note(format!(
                            "first declared at {}",
                            location(&sources, codelists[prev].span)
                        )),
                    );
                    continue;
                }
                // The user's reference data, when it has this list, replaces what
                // the project ships: it is the export of the day, taken as complete.
                if let Some(path) = reference
                    .map(|d| d.join(format!("{}.csv", c.id.text)))
                    .filter(|p| store.is_file(p))
                {
                    let entries = read_list_file(
                        store,
                        &path,
                        c.id.span,
                        &mut sources,
                        &mut diags,
                        &mut inputs,
                    );
                    codelist_index.insert(c.id.text.clone(), codelists.len());
                    codelists.push(CodeList {
                        id: c.id.text.clone(),
                        title: c.title.clone().unwrap_or_default(),
                        content: Content::Complete(entries.unwrap_or_default()),
                        subset_of: c.subset_of.as_ref().map(|s| s.text.clone()),
                        span: c.span,
                    });
                    continue;
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
                    Some(ast::CodeListSource::File(f)) => read_list_file(
                        store,
                        &codelists_dir.join(&f.text),
                        f.span,
                        &mut sources,
                        &mut diags,
                        &mut inputs,
                    ),
                };
                // A list whose file failed to load already has its error: treat it
                // as empty rather than "not shipped", so rules using it add no noise.
                let failed = c.source.is_some() && entries.is_none();
                let content = match entries {
                    None if failed => Content::Complete(Vec::new()),
                    None => Content::NotShipped,
                    Some(e) if c.partial => Content::Partial(e),
                    Some(e) => Content::Complete(e),
                };
                codelist_index.insert(c.id.text.clone(), codelists.len());
                codelists.push(CodeList {
                    id: c.id.text.clone(),
                    title: c.title.clone().unwrap_or_default(),
                    content,
                    subset_of: c.subset_of.as_ref().map(|s| s.text.clone()),
                    span: c.span,
                });
            }
            ast::Declaration::External(e) => {
                externals.push((e.name.text.clone(), e.description.clone()))
            }
            ast::Declaration::Rule(_)
            | ast::Declaration::Record(_)
            | ast::Declaration::Extends(_) => {}
        }
    }
    // Subsets must be subsets.
    for c in &codelists {
        if let Some(parent) = &c.subset_of {
            match codelist_index.get(parent).map(|&i| &codelists[i]) {
                None => diags.push(Diagnostic::error(
                    c.span,
                    format!("`{}` is a subset of unknown code list `{parent}`", c.id),
                    "unknown parent list",
                )),
                Some(p) if p.is_complete() => {
                    let missing: Vec<&str> = c
                        .entries()
                        .iter()
                        .filter(|e| !p.contains(&e.code))
                        .map(|e| e.code.as_str())
                        .collect();
                    if !missing.is_empty() {
                        diags.push(Diagnostic::error(
                            c.span,
                            format!("`{}` is declared a subset of `{parent}` but has codes that are not in it: {}", c.id, missing.join(", ")),
                            "not a subset",
                        ));
                    }
                }
                Some(_) => {}
            }
        }
    }

    // Rules.
    let mut rules: Vec<RuleMeta> = Vec::new();
    let mut rule_decls: Vec<&ast::RuleDecl> = Vec::new();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for d in &decls {
        if let ast::Declaration::Rule(r) = d {
            if !claim_id(&mut seen, &r.id, &sources, &mut diags) {
                continue;
            }
            let text = &sources.files[r.span.file].text;
            rules.push(RuleMeta {
                id: r.id.text.clone(),
                kind: r.kind,
                title: r.title.clone().unwrap_or_default(),
                source: with_comments(text, r.span),
                location: rule_location(&sources, r.span),
                in_force_from: r.in_force_from.clone(),
                in_force_until: r.in_force_until.clone(),
                unchecked: None,
                disables: r.disables.iter().map(|d| d.text.clone()).collect(),
                partial: r.partial.clone(),
            });
            rule_decls.push(r);
        }
    }
    // Rules recorded without checks come after those with checks, so that rule
    // indices of `rule_decls` and `rules` agree.
    for d in &decls {
        if let ast::Declaration::Record(r) = d {
            if !claim_id(&mut seen, &r.id, &sources, &mut diags) {
                continue;
            }
            let text = &sources.files[r.span.file].text;
            rules.push(RuleMeta {
                id: r.id.text.clone(),
                kind: ast::RuleKind::of_id(&r.id.text),
                title: r.title.clone(),
                source: with_comments(text, r.span),
                location: rule_location(&sources, r.span),
                in_force_from: None,
                in_force_until: None,
                unchecked: Some(r.unchecked.clone()),
                disables: Vec::new(),
                partial: None,
            });
        }
    }
    // `disables` must name rules of the rule set.
    for r in &rule_decls {
        for d in &r.disables {
            if !seen.contains_key(&d.text) {
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
    }

    let mut messages = Vec::new();
    for model in &models {
        let mut checks = Vec::new();
        // Code lists bound to items by the model.
        let mut codelist_checks = Vec::new();
        for (i, n) in model.nodes.iter().enumerate() {
            let Some(cl) = &n.codelist else { continue };
            match codelist_index.get(cl) {
                None => diags.push(
                    Diagnostic::error(n.span, format!("code list `{cl}` bound to {} is not declared", model.dotted(i)), "bound here")
                        .with_help(format!("declare it: `codelist {cl} \"<title>\"` (without content it is not checked)")),
                ),
                Some(&ci) if codelists[ci].is_complete() => codelist_checks.push((i, ci)),
                Some(_) => {}
            }
        }
        let _ = ElementType::Group;
        let ruleset_models = models.len();
        for (ri, r) in rule_decls.iter().enumerate() {
            if r.kind == ast::RuleKind::Guideline {
                continue; // advice, not a check
            }
            if !r.applies_to.is_empty() && !r.applies_to.iter().any(|m| m.text == model.id) {
                continue;
            }
            let mut resolver = Resolver {
                model,
                dict: dict.as_ref(),
                codelists: &codelists,
                codelist_index: &codelist_index,
                externals: &externals,
                diagnostics: Vec::new(),
                anchor: 0,
            };
            match resolver.rule(r) {
                Some(body) => checks.push(Check { rule: ri, body }),
                None => {
                    // A rule with no `applies to` is skipped for messages it does not fit,
                    // as long as it fits one.
                    if r.applies_to.is_empty() && ruleset_models > 1 {
                        continue;
                    }
                    diags.extend(resolver.diagnostics);
                }
            }
        }
        let date_node = model.find(&["preparationDateAndTime"]);
        messages.push(MessageIr {
            model: model.clone(),
            checks,
            codelist_checks,
            date_node,
        });
    }

    let errors = diags.iter().any(Diagnostic::is_error);
    if errors {
        return fail(sources, diags, inputs);
    }
    let name = rules_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("rules")
        .to_string();
    Ok(Compiled {
        ruleset: RuleSet {
            name,
            rules,
            codelists,
            externals,
            messages,
        },
        sources,
        warnings: diags,
        inputs,
    })
}

/// Records `id` as taken; a second definition is an error pointing at the first.
fn claim_id(
    seen: &mut HashMap<String, Span>,
    id: &ast::Name,
    sources: &Sources,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(prev) = seen.get(&id.text) {
        diags.push(
            Diagnostic::error(
                id.span,
                format!("rule `{}` is defined twice", id.text),
                "defined again here",
            )
            .with_note(format!("first defined at {}", location(sources, *prev))),
        );
        return false;
    }
    seen.insert(id.text.clone(), id.span);
    true
}

/// Reads one code-list CSV; errors go to `diags`, pointing into the file (or
/// at `named_at` when it cannot be read).
fn read_list_file(
    store: &dyn Store,
    path: &Path,
    named_at: Span,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
    inputs: &mut Vec<PathBuf>,
) -> Option<Vec<Entry>> {
    inputs.push(path.to_path_buf());
    let bytes = match store.read(path) {
        Err(e) => {
            diags.push(Diagnostic::error(
                named_at,
                format!("cannot read code list file {}: {e}", path.display()),
                "named here",
            ));
            return None;
        }
        Ok(b) => b,
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let bad_utf8 = std::str::from_utf8(&bytes).err();
    let file = sources.add(path.to_path_buf(), text);
    if let Some(e) = bad_utf8 {
        let at = e.valid_up_to();
        diags.push(Diagnostic::error(
            Span {
                file,
                start: at,
                end: at + 1,
            },
            "invalid UTF-8 in code-list CSV",
            "here",
        ));
        return None;
    }
    match read_csv(&sources.files[file].text, file) {
        Ok(e) => Some(e),
        Err(e) => {
            diags.extend(e);
            None
        }
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

/// `ncts-p5/conditions.rules:12:1`: the rule directory and file, not the
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

fn location(sources: &Sources, span: Span) -> String {
    let (l, c) = sources.line_col(span);
    format!("{}:{l}:{c}", sources.path(span.file).display())
}
