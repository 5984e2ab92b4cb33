//! `eucdm coverage`: what the rule set covers of the specification — per
//! message, the rule ids the message table binds and what is done with each,
//! and the code lists checked or not.

use eucdm_runtime::CoverageFormat;

use crate::source::RuleSource;

#[derive(clap::Args, Debug)]
// The compiled rule set's lists are compiled in: a folder given alone is
// refused, not silently ignored.
#[command(mut_arg("codelists", |a| a.requires("rules")))]
// An option given twice takes the last value, as before clap (a script may append one).
#[command(args_override_self = true)]
pub struct Args {
    /// text for people, json for one JSON object
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    source: RuleSource,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> u8 {
    let ruleset = match args.source.load(&eucdm_ncts_p5::NCTS_P5) {
        Ok(r) => r,
        Err(status) => return status,
    };
    // The shipped rule set reports on itself, as compiled; a rule directory
    // from its IR.
    if args.format == Format::Json {
        crate::output::status(&format!("{}\n", ruleset.coverage(CoverageFormat::Json)))
    } else {
        let text = ruleset.coverage(CoverageFormat::Text);
        crate::output::status(&format!("{}\n", text.trim_end()))
    }
}
