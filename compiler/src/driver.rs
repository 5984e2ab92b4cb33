//! The compiler driver: reads a rule set and runs the phases over it, each a
//! call that returns its result and its diagnostics.

use std::path::{Path, PathBuf};

use crate::check::{self, conflicts};
use crate::codelist::CodeLists;
use crate::declare::{self, location, ListSources, RuleTable};
use crate::diagnostics::{Diagnostic, Sources, Span};
use crate::ir::{Check, CodelistCheck, MessageIr, RuleIndex, RuleSet, Stmt};
use crate::load::{Disk, Memory, Reader, Store};
use crate::model::{Dictionary, MessageModel};
use crate::resolve::{Names, Resolver};
use crate::syntax::ast;

/// A successful compilation: the rule set, every file read, and warnings.
pub struct Compiled {
    pub ruleset: RuleSet,
    /// The data-element dictionary (`data-elements.dict`) the rules' EUCDM
    /// numbers were resolved with, if the directory has one (`eucdm docs`
    /// shows the numbers).
    pub dictionary: Option<Dictionary>,
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

/// The code-list folder of rule directory `rules_dir` when a folder is
/// not given: `codelists/` beside the folder holding it (`rules/ncts-p5` →
/// `codelists/`, the repository's layout), else `codelists/` in the current
/// directory (a copy of a rule set elsewhere, used from a checkout). When
/// neither exists, the first: a rule set that names no CSV file needs none,
/// and the compiler says once when a folder it needs is missing.
pub fn codelists_for(rules_dir: &Path, given: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = given {
        return dir;
    }
    let beside = rules_dir
        .parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or_default()
        .join("codelists");
    let here = PathBuf::from("codelists");
    if !beside.is_dir() && here.is_dir() {
        here
    } else {
        beside
    }
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
    let mut reader = Reader::new(store);
    let mut diags = Vec::new();
    let dir = reader.rule_dir(rules_dir, None, &mut Vec::new(), &mut diags);
    // A file that does not parse is missing its declarations: resolving the
    // others would report every code list and rule it declares as unknown.
    if dir.syntax_errors {
        return Err(failed(reader, diags));
    }
    if dir.models.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::error_unspanned(format!(
            "no message model (*.model) in {}",
            rules_dir.display()
        )));
    }
    let lists = ListSources {
        folder: codelists_dir,
        reference,
    };
    let (codelists, d) = declare::codelists(&dir.decls, &lists, &mut reader);
    diags.extend(d);
    diags.extend(declare::subsets(&codelists));
    let externals = declare::externals(&dir.decls);
    let (rules, d) = declare::rules(&dir.decls, &reader.sources);
    diags.extend(d);
    diags.extend(rules.check_disables());
    let names = Names {
        dict: dir.dict.as_ref(),
        codelists: &codelists,
        externals: &externals,
        models: &dir.models,
    };
    let (messages, d) = messages(&dir.models, &names, &rules, &reader.sources);
    diags.extend(d);
    diags.extend(unknown_in_message(&dir.models, &rules));
    diags.extend(declare::unused_codelists(
        &dir.decls,
        &dir.models,
        &codelists,
    ));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(failed(reader, diags));
    }
    Ok(Compiled {
        ruleset: RuleSet {
            name: ruleset_name(rules_dir),
            rules: rules.meta,
            codelists: codelists.lists,
            externals,
            messages,
        },
        dictionary: dir.dict,
        sources: reader.sources,
        warnings: diags,
        inputs: reader.inputs,
    })
}

fn failed(reader: Reader, diagnostics: Vec<Diagnostic>) -> Failed {
    Failed {
        sources: reader.sources,
        diagnostics,
        inputs: reader.inputs,
    }
}

/// The rule set is named after its folder.
fn ruleset_name(rules_dir: &Path) -> String {
    (rules_dir.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("rules")
        .to_string()
}

/// The checks of every message type: each rule resolved in each model it
/// applies to, the items the model binds to code lists, and the conflicts
/// between the rules' statements.
///
/// Which models a rule applies to: those `applies to` names; else those whose
/// message table binds its id (NCTS applies a rule where its tables place
/// it: C0030 on CC015C and CC013C, not on CC170C though its paths fit there);
/// else, for a rule no table binds (a national rule, say), every model. A
/// rule is kept for the models it fits; one that fits none is an error.
fn messages(
    models: &[MessageModel],
    names: &Names,
    rules: &RuleTable,
    sources: &Sources,
) -> (Vec<MessageIr>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut messages = Vec::new();
    let mut fits: Vec<Fit> = rules.decls.iter().map(|_| Fit::default()).collect();
    // With one model, a rule's errors are reported as they are.
    let several = models.len() > 1;
    let bound: Vec<Vec<&str>> = (rules.decls.iter())
        .map(|r| binding(models, &r.id.text))
        .collect();
    for model in models {
        let (message, d) = message(model, names, rules, sources, several, &bound, &mut fits);
        messages.push(message);
        diags.extend(d);
    }
    if several {
        let unfit = rules.decls.iter().zip(&fits).filter(|(_, f)| !f.any);
        diags.extend(unfit.flat_map(|(r, f)| fits_no_message(r, f, sources)));
    }
    (messages, diags)
}

/// The checks of one message type.
fn message(
    model: &MessageModel,
    names: &Names,
    rules: &RuleTable,
    sources: &Sources,
    several: bool,
    bound: &[Vec<&str>],
    fits: &mut [Fit],
) -> (MessageIr, Vec<Diagnostic>) {
    let date_node = model.find(&["preparationDateAndTime"]);
    // A message from customs is read, never validated: no rule is a candidate
    // there (and none fits it), its items are not checked against their code
    // lists (which the rule set need not declare).
    if model.context_only {
        let message = MessageIr {
            model: model.clone(),
            checks: Vec::new(),
            codelist_checks: Vec::new(),
            date_node,
        };
        return (message, Vec::new());
    }
    let (codelist_checks, mut diags) = bound_codelists(model, names.codelists);
    let mut checks = Vec::new();
    for (ri, r) in rules.decls.iter().enumerate() {
        if !applies(r, model, &bound[ri]) {
            fits[ri].any = true; // not a candidate: nothing to report
            continue;
        }
        match resolve_and_check(model, names, r) {
            // Every statement is in `in message` blocks for other message types:
            // the rule checks nothing here, and coverage says "not applied".
            Ok(checked) if checked.body.is_empty() => fits[ri].any = true,
            Ok(checked) => {
                fits[ri].any = true;
                checks.push(Check {
                    rule: RuleIndex(ri),
                    body: checked.body,
                });
                diags.extend(checked.warnings);
            }
            // A rule with no `applies to` is skipped for messages it does not
            // fit; why it does not is told if it fits none.
            Err(errors) if several && r.applies_to.is_empty() => fits[ri].reasons.push(Misfit {
                message: model.id.clone(),
                errors,
            }),
            // Reported as they are: not also as a rule that fits no message.
            Err(errors) => {
                fits[ri].any = true;
                diags.extend(errors)
            }
        }
    }
    diags.extend(conflicts::between(model, &checks, &rules.meta, sources));
    let message = MessageIr {
        model: model.clone(),
        checks,
        codelist_checks,
        date_node,
    };
    (message, diags)
}

/// `in message CC007C ... end` must name message types of the rule set: a
/// mistyped one would leave its block out everywhere.
fn unknown_in_message(models: &[MessageModel], rules: &RuleTable) -> Vec<Diagnostic> {
    fn walk(stmts: &[ast::Statement], known: &[&str], diags: &mut Vec<Diagnostic>) {
        for s in stmts {
            match s {
                ast::Statement::If {
                    arms, otherwise, ..
                } => {
                    arms.iter().for_each(|(_, b)| walk(b, known, diags));
                    walk(otherwise, known, diags);
                }
                ast::Statement::ForEach { body, .. } => walk(body, known, diags),
                ast::Statement::InMessage { messages, body, .. } => {
                    for m in messages
                        .iter()
                        .filter(|m| !known.contains(&m.text.as_str()))
                    {
                        diags.push(
                            Diagnostic::error(
                                m.span,
                                format!("unknown message type `{}`", m.text),
                                "no message model of this type",
                            )
                            .with_help(format!("the message types are {}", known.join(", "))),
                        );
                    }
                    walk(body, known, diags);
                }
                ast::Statement::Presence { .. }
                | ast::Statement::Must { .. }
                | ast::Statement::Complete { .. } => {}
            }
        }
    }
    let known: Vec<&str> = models.iter().map(|m| m.id.as_str()).collect();
    let mut diags = Vec::new();
    for r in &rules.decls {
        walk(&r.body, &known, &mut diags);
    }
    diags
}

/// Whether a rule without `applies to` resolved in some message, and why
/// not in the others.
#[derive(Default)]
struct Fit {
    any: bool,
    reasons: Vec<Misfit>,
}

/// The errors of a rule resolved in one message it does not fit.
struct Misfit {
    message: String,
    errors: Vec<Diagnostic>,
}

/// A rule without `applies to` that resolves in none of the messages: each
/// message's errors are a note.
///
/// When every message gives the same errors (a typo in a name, say), those
/// errors are reported as they are, with their caret and suggestion, and a
/// note that they hold in every message.
fn fits_no_message(r: &ast::RuleDecl, fit: &Fit, sources: &Sources) -> Vec<Diagnostic> {
    let key = |m: &Misfit| -> Vec<(String, Option<Span>)> {
        m.errors
            .iter()
            .map(|e| (e.message.clone(), e.span))
            .collect()
    };
    // The errors as shown: those most messages give, suggestion included
    // (a typo of `LRN` is `MRN` in the two messages that have no LRN).
    let shown =
        |m: &Misfit| -> Vec<Option<String>> { m.errors.iter().map(|e| e.help.clone()).collect() };
    let first = (fit.reasons.iter())
        .max_by_key(|m| fit.reasons.iter().filter(|o| shown(o) == shown(m)).count());
    if let Some(first) = first {
        if fit.reasons.iter().all(|m| key(m) == key(first)) {
            let all: Vec<&str> = fit.reasons.iter().map(|m| m.message.as_str()).collect();
            let note = format!(
                "so rule `{}` fits none of the message models ({})",
                r.id.text,
                all.join(", ")
            );
            return (first.errors.iter())
                .map(|e| e.clone().with_note(note.clone()))
                .collect();
        }
    }
    let mut d = Diagnostic::error(
        r.id.span,
        format!(
            "rule `{}` fits none of the {} message models",
            r.id.text,
            fit.reasons.len()
        ),
        "resolves in no message",
    );
    for m in &fit.reasons {
        for e in &m.errors {
            let at = e.span.map(|s| format!(" (at {})", location(sources, s)));
            d = d.with_note(format!(
                "in {}: {}{}",
                m.message,
                e.message,
                at.unwrap_or_default()
            ));
        }
    }
    vec![d.with_help("fix the rule for the message it is meant for, and name it with `applies to`")]
}

/// Whether the checks of `r` are resolved in `model`: guidelines are advice,
/// not checks; `applies to` names the messages a rule is for; without it, the
/// messages whose table binds the rule (`bound_in`), or all when none does.
fn applies(r: &ast::RuleDecl, model: &MessageModel, bound_in: &[&str]) -> bool {
    if r.kind == ast::RuleKind::Guideline {
        return false;
    }
    if !r.applies_to.is_empty() {
        return r.applies_to.iter().any(|m| m.text == model.id);
    }
    bound_in.is_empty() || bound_in.contains(&model.id.as_str())
}

/// The message types whose table binds rule `id` to some element.
fn binding<'m>(models: &'m [MessageModel], id: &str) -> Vec<&'m str> {
    (models.iter())
        .filter(|m| m.nodes.iter().any(|n| n.rules.iter().any(|r| r == id)))
        .map(|m| m.id.as_str())
        .collect()
}

/// A rule resolved in one message and checked without errors.
struct Checked {
    body: Vec<Stmt>,
    /// Reported, but the rule still compiles.
    warnings: Vec<Diagnostic>,
}

/// Resolves `r` in `model`, then runs the static checks on the result; the
/// errors of both when it does not resolve or a check fails, in the order
/// the rule is written.
fn resolve_and_check(
    model: &MessageModel,
    names: &Names,
    r: &ast::RuleDecl,
) -> Result<Checked, Vec<Diagnostic>> {
    let resolved = Resolver::new(model, names).rule(r);
    let found = check::rule(model, names.models, names.codelists, &resolved.body);
    if resolved.errors.is_empty() && !found.iter().any(Diagnostic::is_error) {
        return Ok(Checked {
            body: resolved.body,
            warnings: found,
        });
    }
    let errors = found.into_iter().filter(Diagnostic::is_error).collect();
    Err(in_source_order(resolved.errors, errors))
}

/// Two lists of diagnostics, each in the order found, merged by where
/// they point.
fn in_source_order(a: Vec<Diagnostic>, b: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let at = |d: &Diagnostic| d.span.map(|s| (s.file, s.start));
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if at(y) < at(x) { b.next() } else { a.next() };
        out.extend(next);
    }
    out.extend(a.chain(b));
    out
}

/// Items the model binds to a complete code list, checked against it. A
/// list the model names must be declared.
fn bound_codelists(
    model: &MessageModel,
    codelists: &CodeLists,
) -> (Vec<CodelistCheck>, Vec<Diagnostic>) {
    let mut checks = Vec::new();
    let mut diags = Vec::new();
    for (i, n) in model.ids() {
        let Some(cl) = &n.codelist else { continue };
        match codelists.index(cl) {
            None => diags.push(
                Diagnostic::error(
                    n.span,
                    format!(
                        "code list `{cl}` bound to {} is not declared",
                        model.dotted(i)
                    ),
                    "bound here",
                )
                .with_help(format!(
                    "declare it: `codelist {cl} \"<title>\"` (without content it is not checked)"
                )),
            ),
            // Every bound list, complete or not: a list known in part or not
            // shipped is checked when reference data gives it at run time.
            Some(ci) => checks.push(CodelistCheck {
                node: i,
                codelist: ci,
            }),
        }
    }
    (checks, diags)
}
