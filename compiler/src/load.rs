//! Reads a rule-set directory and runs every phase over it.
//!
//! A rule-set directory holds `*.model` (one per message type),
//! `data-elements.dict` and `*.rules`; code-list CSV files live in a separate
//! folder named by the `codelist` declarations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::codelist::{read_csv, CodeList, Content, Entry};
use crate::diagnostics::{Diagnostic, FileId, Sources, Span};
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
    /// A file did not parse (its declarations are missing).
    syntax_errors: bool,
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
        self.syntax_errors |= later.syntax_errors;
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
        let bytes = match store.read(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error_unspanned(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
                continue;
            }
        };
        let (file, bad_utf8) = add_utf8(sources, &path, &bytes, "rule file");
        if let Some(d) = bad_utf8 {
            diags.push(d);
            continue;
        }
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
            _ => match syntax::parse_all(text, file) {
                Ok(d) => own.decls.extend(d),
                Err(e) => {
                    diags.extend(e);
                    own.syntax_errors = true;
                }
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
        syntax_errors,
    } = read_rule_dir(
        store,
        rules_dir,
        None,
        &mut chain,
        &mut sources,
        &mut diags,
        &mut inputs,
    );
    // A file that does not parse is missing its declarations: resolving the
    // others would report every code list and rule it declares as unknown.
    if syntax_errors {
        return fail(sources, diags, inputs);
    }
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
                        subset_of: c.subset_of.iter().map(|s| s.text.clone()).collect(),
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
                    subset_of: c.subset_of.iter().map(|s| s.text.clone()).collect(),
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
        for parent in &c.subset_of {
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
        let mut facts: Vec<(usize, crate::check::Fact)> = Vec::new();
        for (ri, r) in rule_decls.iter().enumerate() {
            if r.kind == ast::RuleKind::Guideline {
                continue; // advice, not a check
            }
            if !r.applies_to.is_empty() && !r.applies_to.iter().any(|m| m.text == model.id) {
                continue;
            }
            let mut resolver = Resolver::new(
                model,
                dict.as_ref(),
                &codelists,
                &codelist_index,
                &externals,
            );
            match resolver.rule(r) {
                Some(body) => {
                    checks.push(Check { rule: ri, body });
                    diags.extend(resolver.warnings);
                    facts.extend(resolver.facts.into_iter().map(|f| (ri, f)));
                }
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
        diags.extend(conflicts(model, &facts, &rules, &sources));
        let date_node = model.find(&["preparationDateAndTime"]);
        messages.push(MessageIr {
            model: model.clone(),
            checks,
            codelist_checks,
            date_node,
        });
    }

    diags.extend(unused_codelists(&decls, &models, &codelists));
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

/// Two statements that make the same element mandatory and forbidden in the
/// same case (see [`crate::check`] for what the bounded analysis covers). Rules
/// of which one disables the other, or whose periods in force do not meet,
/// never apply together and are not compared.
fn conflicts(
    model: &MessageModel,
    facts: &[(usize, crate::check::Fact)],
    rules: &[RuleMeta],
    sources: &Sources,
) -> Vec<Diagnostic> {
    let together = |a: &RuleMeta, b: &RuleMeta| {
        let disables = a.disables.contains(&b.id) || b.disables.contains(&a.id);
        let before = |x: &RuleMeta, y: &RuleMeta| match (&x.in_force_until, &y.in_force_from) {
            (Some(until), Some(from)) => until < from,
            _ => false,
        };
        !disables && !before(a, b) && !before(b, a)
    };
    let mut out = Vec::new();
    let mut reported = std::collections::HashSet::new();
    for (i, (ra, a)) in facts.iter().enumerate() {
        for (rb, b) in &facts[i + 1..] {
            if a.target != b.target || a.mandatory == b.mandatory {
                continue;
            }
            if !together(&rules[*ra], &rules[*rb]) || !reported.insert((a.span, b.span)) {
                continue;
            }
            let Some(case) = crate::check::overlap(model, a, b) else {
                continue;
            };
            let (m, f) = if a.mandatory { (a, b) } else { (b, a) };
            let (mr, fr) = if a.mandatory { (ra, rb) } else { (rb, ra) };
            let when = case.describe(model);
            out.push(
                Diagnostic::error(
                    b.span,
                    format!(
                        "`{}` is both mandatory and forbidden in the same case",
                        model.dotted(a.target)
                    ),
                    if b.mandatory {
                        "made mandatory here"
                    } else {
                        "made forbidden here"
                    },
                )
                .with_note(format!(
                    "{} makes it mandatory at {}",
                    rules[*mr].id,
                    location(sources, m.span)
                ))
                .with_note(format!(
                    "{} makes it forbidden at {}",
                    rules[*fr].id,
                    location(sources, f.span)
                ))
                .with_note(if when.is_empty() {
                    "both apply to every message".to_string()
                } else {
                    format!("both apply when {when}")
                })
                .with_help("make the conditions exclusive, or let one rule disable the other"),
            );
        }
    }
    out
}

/// Code lists that nothing uses: no rule tests against them, no element of a
/// message model is bound to them, no list is declared a subset of them.
fn unused_codelists(
    decls: &[ast::Declaration],
    models: &[MessageModel],
    codelists: &[CodeList],
) -> Vec<Diagnostic> {
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for m in models {
        used.extend(m.nodes.iter().filter_map(|n| n.codelist.clone()));
    }
    used.extend(codelists.iter().flat_map(|c| c.subset_of.iter().cloned()));
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

fn sets_in_statements(stmts: &[ast::Statement], used: &mut std::collections::HashSet<String>) {
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
            S::ForEach { body, .. } => sets_in_statements(body, used),
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
        }
    }
}

fn sets_in_condition(c: &ast::Condition, used: &mut std::collections::HashSet<String>) {
    use ast::Condition as C;
    let test = |t: &ast::Test, used: &mut std::collections::HashSet<String>| {
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
    }
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
    let (file, bad_utf8) = add_utf8(sources, path, &bytes, "code-list CSV");
    if let Some(d) = bad_utf8 {
        diags.push(d);
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

/// Adds a file to `sources`. When its bytes are not UTF-8 the file is kept
/// with the bad bytes replaced (`\u{FFFD}`, so its lines can be shown), and
/// the error points at the first bad byte, by line and column, naming it.
fn add_utf8(
    sources: &mut Sources,
    path: &Path,
    bytes: &[u8],
    what: &str,
) -> (FileId, Option<Diagnostic>) {
    let bad = std::str::from_utf8(bytes).err();
    let text = String::from_utf8_lossy(bytes).into_owned();
    let file = sources.add(path.to_path_buf(), text);
    let diagnostic = bad.map(|e| {
        // The text before the bad byte is unchanged by the replacement.
        let at = e.valid_up_to();
        Diagnostic::error(
            Span {
                file,
                start: at,
                end: at + char::REPLACEMENT_CHARACTER.len_utf8(),
            },
            format!("invalid UTF-8 in {what}"),
            format!("byte 0x{:02X} is not UTF-8", bytes[at]),
        )
        .with_help("save the file as UTF-8")
    });
    (file, diagnostic)
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
