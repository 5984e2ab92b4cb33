//! `eucdm` — validate customs declarations with the shipped, compiled rule
//! sets, and check rule directories.
//!
//! Exit status: 0 every file valid, 1 some file invalid, 2 usage error or a
//! file that could not be validated.

mod check;
mod codelists;
mod coverage;
mod explain;
mod generate;
mod refdata;
mod shipped;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use eucdm_runtime::RuleSet;

const USAGE: &str = "\
usage:
  eucdm validate [--format text|json] [--date YYYY-MM-DD] [--jobs N] [--ruleset NAME]
                 [--external FILE] [--codelists DIR | --rules DIR [--codelists DIR]]
                 [--movement DIR]... [FILE|DIR...]
  eucdm check [--codelists DIR] RULES_DIR
  eucdm coverage [--format text|json] [--ruleset NAME | --rules DIR [--codelists DIR]]
  eucdm explain [--ruleset NAME | --rules DIR [--codelists DIR]] RULE_ID...
  eucdm generate [--codelists DIR] [--runtime PATH] [-o FILE | --check FILE] RULES_DIR
  eucdm refdata import [--out DIR] [--lists IDS] [--snapshot-date DATE] [--check] FILE...
  eucdm --help

validate  validates NCTS messages (XML, or JSON when a file starts with `{`) with
          the compiled NCTS P5 rule set, and UK entry summary declarations (CC315A,
          CC313A) with HMRC's current rules (uk-ens).
          --ruleset NAME takes the shipped rule set NAME (ncts-p5, uk-ens,
          uk-ens-legacy: HMRC's earlier rules) for every message; also for
          coverage and explain (default there: ncts-p5).
          --format json prints one JSON object per file, one per line, in input order.
          --date judges messages by the rules in force on that date instead of their
          preparation date. A directory stands for the *.xml and *.json
          files in it (not *.expected.json).
          --jobs N validates on N threads (default: all cores, or EUCDM_JOBS);
          the output is the same, in input order, whatever N.
          --external FILE answers the rules' registry questions (EOS, TARIC, ...) from
          FILE, one `<hook> <valid|invalid> <value>` per line; a value it does not
          list stays undecided, as without the option.
          --movement DIR takes the messages in DIR as one movement: each trader
          message (CC015C, CC013C, CC014C, CC170C, CC007C, CC044C) is validated with
          the messages prepared before it as context, in that order; messages from
          customs (CC028C, CC043C) are context only and get no line. A message the
          directory does not hold was not sent. May be given several times; the
          movements' lines follow the files'. Without it, rules that read another
          message of the movement are undecided.
          --codelists DIR takes the code lists in DIR (one <ID>.csv per list, e.g.
          CL141.csv; columns code, description, valid_from, valid_to) in place of
          the compiled-in ones, each as complete: a code it does not hold is error
          12, and a list compiled in part or not at all is then checked. Lists DIR
          does not have stay as compiled in. Read once, before any message; a bad
          file is refused at file:line:column (exit 2). Every list, given or
          compiled in, is read as on the message's preparation date (or --date):
          a code outside its valid_from..valid_to is not in it.
          --rules DIR interprets the rule directory DIR (code lists from --codelists
          DIR, default: codelists/ beside the folder holding DIR, else ./codelists)
          instead of the compiled rule set: no build, the same output.
          Text output ends with a note when the messages' dates put rules out of
          force (the transitional rules after 2025-01-21).
check     parses and checks a rule directory and prints its diagnostics.
coverage  lists, per message, the rule ids the specification binds and whether each
          is implemented, external, partial, transitional, not expressible, advice or missing,
          and the code lists checked or not (the shipped rule set, or --rules DIR).
generate  prints the Rust code the ruleset! macro expands to (or writes it with -o);
          --check FILE exits 1 when FILE differs from it. build.rs scripts get the
          same from eucdm_compiler::build::Builder.
refdata   import reads official reference data (CS/RD2 export XML, HMRC reference-data
          JSON) and writes code-list CSV files; `eucdm refdata --help` says more.
explain   prints a rule's source (with the comments above it), title, kind, period in
          force, and the data elements, code lists and messages its checks touch.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("check") => check::run(&args[1..]),
        Some("coverage") => coverage::run(&args[1..]),
        Some("explain") => explain::run(&args[1..]),
        Some("generate") => generate::run(&args[1..]),
        Some("refdata") => refdata::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            0
        }
        Some(other) => usage(&format!("unknown command `{other}`")),
        None => usage("missing command"),
    };
    ExitCode::from(code)
}

/// Prints a usage error; returns exit status 2.
pub(crate) fn usage(msg: &str) -> u8 {
    eprintln!("eucdm: {msg}\n\n{USAGE}");
    2
}

/// A rule set a command works with: shipped (compiled in) or interpreted.
pub(crate) enum Loaded {
    Shipped(&'static dyn RuleSet),
    Interpreted(Box<dyn RuleSet>),
}

impl std::ops::Deref for Loaded {
    type Target = dyn RuleSet;

    fn deref(&self) -> &(dyn RuleSet + 'static) {
        match self {
            Loaded::Shipped(r) => *r,
            Loaded::Interpreted(r) => &**r,
        }
    }
}

/// `--ruleset NAME`: the shipped rule set so called, or a usage error.
pub(crate) fn shipped_named(name: Option<&String>) -> Result<&'static dyn RuleSet, u8> {
    match name {
        None => Err(usage(&format!(
            "--ruleset needs a name: {}",
            shipped::NAMES
        ))),
        Some(n) => shipped::named(n).ok_or_else(|| {
            usage(&format!(
                "unknown rule set `{n}` (shipped: {})",
                shipped::NAMES
            ))
        }),
    }
}

/// The rule set a command works with: `shipped` as compiled, or the rule
/// directory `--rules DIR` interpreted (code lists from `codelists`, else
/// beside it). A directory with errors is reported on stderr: `Err` holds the
/// exit status, 2.
pub(crate) fn ruleset(
    rules: Option<PathBuf>,
    codelists: Option<PathBuf>,
    shipped: &'static dyn RuleSet,
) -> Result<Loaded, u8> {
    let Some(dir) = rules else {
        return Ok(Loaded::Shipped(shipped));
    };
    let codelists = check::codelists_for(&dir, codelists);
    match eucdm_compiler::compile_dir(&dir, &codelists) {
        Ok(c) => Ok(Loaded::Interpreted(Box::new(
            eucdm_compiler::interpret::Interpreter::new(&c.ruleset),
        ))),
        Err(f) => {
            eprintln!("{}", f.render());
            eprintln!(
                "eucdm: {} has errors; run `eucdm check` on it",
                dir.display()
            );
            Err(2)
        }
    }
}
