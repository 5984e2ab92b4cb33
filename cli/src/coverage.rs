//! `eucdm coverage`: what the rule set covers of the specification — per
//! message, the rule ids the message table binds and what is done with each,
//! and the code lists checked or not.

use std::path::PathBuf;

use eucdm_runtime::CoverageFormat;

pub fn run(args: &[String]) -> u8 {
    let mut json = false;
    let mut rules: Option<PathBuf> = None;
    let mut shipped: Option<&'static dyn eucdm_runtime::RuleSet> = None;
    let mut codelists: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return crate::usage("--format takes `text` or `json`"),
            },
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
            s => return crate::usage(&format!("unexpected argument `{s}`")),
        }
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
    // The shipped rule set reports on itself, as compiled; a rule directory
    // from its IR.
    if json {
        println!("{}", ruleset.coverage(CoverageFormat::Json));
    } else {
        println!("{}", ruleset.coverage(CoverageFormat::Text).trim_end());
    }
    0
}
