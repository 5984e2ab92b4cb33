//! `eucdm explain ID...`: a rule's source, title, and the data elements, code
//! lists and messages it touches — of the shipped rule set (explanations
//! compiled in) or of a rule directory (`--rules DIR`).

use std::path::PathBuf;

pub fn run(args: &[String]) -> u8 {
    let mut rules: Option<PathBuf> = None;
    let mut shipped: Option<&'static dyn eucdm_runtime::RuleSet> = None;
    let mut codelists: Option<PathBuf> = None;
    let mut ids: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ruleset" => match crate::shipped_named(it.next()) {
                Ok(r) => shipped = Some(r),
                Err(status) => return status,
            },
            "--rules" => match it.next() {
                Some(d) => rules = Some(d.into()),
                None => return crate::usage("--rules needs a directory"),
            },
            "--codelists" => match it.next() {
                Some(d) => codelists = Some(d.into()),
                None => return crate::usage("--codelists needs a directory"),
            },
            s if s.starts_with('-') => return crate::usage(&format!("unknown option `{s}`")),
            s => ids.push(s),
        }
    }
    if ids.is_empty() {
        return crate::usage("explain needs a rule id (e.g. C0599)");
    }
    if codelists.is_some() && rules.is_none() {
        // Not silently ignored: the compiled rule set's lists are compiled in.
        return crate::usage("--codelists goes with --rules DIR here (only `validate` takes code lists of the day alone)");
    }
    if shipped.is_some() && rules.is_some() {
        return crate::usage("--ruleset (a shipped rule set) and --rules DIR exclude each other");
    }
    let shipped = shipped.unwrap_or(&eucdm_ncts_p5::NCTS_P5);
    let ruleset = match crate::ruleset(rules, codelists, shipped) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let texts = ruleset.explanations();
    let mut status = 0;
    for (i, id) in ids.iter().enumerate() {
        match texts.iter().find(|(r, _)| r.eq_ignore_ascii_case(id)) {
            Some((_, t)) => {
                if i > 0 {
                    println!();
                }
                print!("{t}");
            }
            None => {
                let near: Vec<&str> = texts
                    .iter()
                    .map(|(r, _)| r.as_ref())
                    .filter(|r| same_but_one(r, id))
                    .collect();
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                eprintln!("eucdm: no rule `{id}` in the rule set{hint}");
                status = 2;
            }
        }
    }
    status
}

/// Same length, at most one character different: `C0959` for `C0599` is not,
/// `C0598` is.
fn same_but_one(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .filter(|(x, y)| !x.eq_ignore_ascii_case(y))
            .count()
            == 1
}
