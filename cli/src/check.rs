//! `eucdm check DIR`: compile a rule directory and print its diagnostics.

use std::path::{Path, PathBuf};

/// The code-list folder of rule directory `rules_dir` when `--codelists` is
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

pub fn run(args: &[String]) -> u8 {
    let mut codelists: Option<PathBuf> = None;
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--codelists" => match it.next() {
                Some(d) => codelists = Some(d.into()),
                None => return crate::usage("--codelists needs a directory"),
            },
            s if s.starts_with('-') => return crate::usage(&format!("unknown option `{s}`")),
            s if dir.is_none() => dir = Some(s.into()),
            s => return crate::usage(&format!("unexpected argument `{s}`")),
        }
    }
    let Some(dir) = dir else {
        return crate::usage("check needs a rule directory");
    };
    let codelists = codelists_for(&dir, codelists);
    match eucdm_compiler::compile_dir(&dir, &codelists) {
        Ok(c) => {
            if !c.warnings.is_empty() {
                eprintln!("{}", c.sources.render_all(&c.warnings));
            }
            let checks: usize = c.ruleset.messages.iter().map(|m| m.checks.len()).sum();
            let warnings = match c.warnings.len() {
                0 => String::new(),
                n => format!(", {n} warning(s)"),
            };
            println!(
                "{}: ok — {} rules, {} code lists, {} message type(s), {} rule applications{warnings}",
                dir.display(),
                c.ruleset.rules.len(),
                c.ruleset.codelists.len(),
                c.ruleset.messages.len(),
                checks
            );
            0
        }
        Err(f) => {
            // Errors only: the warnings are shown once the rule set compiles.
            let errors: Vec<_> = f
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            eprintln!("{}", f.sources.render_all(&errors));
            let w = f.diagnostics.len() - errors.len();
            let warnings = if w > 0 {
                format!(" (and {w} warning(s), shown once the errors are fixed)")
            } else {
                String::new()
            };
            eprintln!(
                "eucdm: {} error(s) in {}{warnings}",
                errors.len(),
                dir.display()
            );
            1
        }
    }
}
