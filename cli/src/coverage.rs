//! `eucdm coverage`: what the rule set covers of the specification — per
//! message, the rule ids the message table binds and what is done with each,
//! and the code lists checked or not.

use std::path::PathBuf;

use eucdm_ncts_p5 as ncts;

pub fn run(args: &[String]) -> u8 {
    let mut json = false;
    let mut rules: Option<PathBuf> = None;
    let mut codelists: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return crate::usage("--format takes `text` or `json`"),
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
    let Some(dir) = rules else {
        // The shipped rule set reports on itself, as compiled.
        println!(
            "{}",
            if json {
                ncts::COVERAGE_JSON
            } else {
                ncts::COVERAGE_TEXT.trim_end()
            }
        );
        return 0;
    };
    let codelists = crate::check::codelists_for(&dir, codelists);
    match eucdm_compiler::compile_dir(&dir, &codelists) {
        Ok(c) => {
            let cov = eucdm_compiler::coverage::coverage(&c.ruleset);
            if json {
                println!("{}", eucdm_compiler::coverage::render_json(&cov));
            } else {
                println!("{}", eucdm_compiler::coverage::render_text(&cov).trim_end());
            }
            0
        }
        Err(f) => {
            eprintln!("{}", f.render());
            eprintln!(
                "eucdm: {} has errors; run `eucdm check` on it",
                dir.display()
            );
            2
        }
    }
}
