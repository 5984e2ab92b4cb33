//! `eucdm explain ID...`: a rule's source, title, and the data elements, code
//! lists and messages it touches — of the shipped rule set (explanations
//! compiled in) or of a rule directory (`--rules DIR`).

use crate::source::RuleSource;

#[derive(clap::Args, Debug)]
// The compiled rule set's lists are compiled in: a folder given alone is
// refused, not silently ignored.
#[command(mut_arg("codelists", |a| a.requires("rules")))]
// An option given twice takes the last value, as before clap (a script may append one).
#[command(args_override_self = true)]
pub struct Args {
    /// The rules to explain (C0599, R0840, ...; any case)
    #[arg(value_name = "RULE_ID", required = true)]
    ids: Vec<String>,
    #[command(flatten)]
    source: RuleSource,
}

pub fn run(args: Args) -> u8 {
    let ruleset = match args.source.load(&eucdm_ncts_p5::NCTS_P5) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let texts = ruleset.explanations();
    let mut status = 0;
    for (i, id) in args.ids.iter().enumerate() {
        match texts.iter().find(|(r, _)| r.eq_ignore_ascii_case(id)) {
            Some((_, t)) => {
                let gap = if i > 0 { "\n" } else { "" };
                if let Err(status) = crate::output::write(&format!("{gap}{t}")) {
                    return status;
                }
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
