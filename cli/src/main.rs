//! `eucdm` — validate customs declarations with the shipped, compiled rule
//! sets, and check rule directories.
//!
//! Exit status: 0 every file valid, 1 some file invalid, 2 usage error or a
//! file that could not be validated.
//!
//! Each subcommand is a variant of [`Command`] with its own `Args` struct in
//! its own module and a `run(Args) -> u8` returning the exit status; the
//! rule source (`--ruleset`, `--rules`, `--codelists`) is one option set,
//! [`source::RuleSource`], flattened into each that takes it.

mod check;
mod codelists;
mod completions;
mod coverage;
mod docs;
mod explain;
mod generate;
mod junit;
mod output;
mod progress;
mod refdata;
mod rejection;
mod shipped;
mod source;
mod validate;
mod xml_text;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Validate customs declarations (NCTS P5, UK entry summary declarations) as
/// the customs system would, and work with the rule files they are validated by.
#[derive(Parser, Debug)]
#[command(
    name = "eucdm",
    version,
    arg_required_else_help = true,
    after_help = "Exit status: 0 every file valid, 1 some file invalid, 2 usage error or a file that could not be validated."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate messages (XML, or JSON) with the compiled rule sets
    ///
    /// Validate NCTS messages (XML, or JSON when a file starts with `{`) with
    /// the compiled NCTS P5 rule set, and UK entry summary declarations
    /// (CC315A, CC313A) with HMRC's current rules (uk-ens); or with one
    /// shipped rule set (--ruleset) or a rule directory (--rules). Each
    /// message is judged by the rules in force on its preparation date (or
    /// --date); text output ends with a note when that put rules out of force.
    /// Checks that need an answer from outside the message are undecided,
    /// never errors, unless --external, --movement or --codelists gives it.
    Validate(validate::Args),
    /// Parse and check a rule directory and print its diagnostics
    Check(check::Args),
    /// List what the rule set covers of the specification
    ///
    /// List, per message, the rule ids the message table binds and whether
    /// each is implemented, external, partial, transitional, not expressible,
    /// advice or missing, and the code lists checked or not (the compiled
    /// rule set, or --rules DIR).
    Coverage(coverage::Args),
    /// Print a rule's source, title, period and what its checks touch
    ///
    /// Print a rule's source (with the comments above it), title, kind,
    /// period in force, the rules that switch it off, and the data elements,
    /// code lists and messages its checks touch.
    Explain(explain::Args),
    /// Write the pages of a rule set's messages and rules (Markdown, HTML)
    ///
    /// Write, per message, every data group and data item with its status,
    /// repetitions, format, code list and the rules bound to it; a page of
    /// every rule with its kind, period in force, what it checks and its
    /// text; one of the code lists; and an index — as Markdown and as HTML,
    /// read off the compiled rules.
    Docs(docs::Args),
    /// Print the Rust code a rule folder compiles to
    ///
    /// Print the Rust code a rule folder compiles to (what #[derive(Validator)]
    /// generates), formatted (or write it with -o); --check FILE exits 1 when
    /// FILE differs from it. build.rs scripts get the same from
    /// eucdm_compiler::build::Builder.
    Generate(generate::Args),
    /// Import official reference data (CS/RD2 exports) into code-list files
    Refdata(refdata::Args),
    /// Print the shell completion script for eucdm
    Completions(completions::Args),
}

fn main() -> ExitCode {
    // Usage errors in clap's form, exit status 2; --help and --version 0.
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Check(args) => check::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Refdata(args) => refdata::run(args),
        Command::Completions(args) => completions::run(args),
    };
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
