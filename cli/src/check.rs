//! `eucdm check DIR`: compile a rule directory and print its diagnostics.

use crate::source::RuleDir;

/// Compile a rule directory and print its diagnostics: exit 0 when it
/// compiles (its warnings printed), 1 with its errors
#[derive(clap::Args, Debug)]
// An option given twice takes the last value, as before clap.
#[command(args_override_self = true)]
pub struct Args {
    #[command(flatten)]
    rules: RuleDir,
}

pub fn run(args: Args) -> u8 {
    let dir = &args.rules.dir;
    let codelists = args.rules.codelists();
    match eucdm_compiler::compile_dir(dir, &codelists) {
        Ok(c) => {
            if !c.warnings.is_empty() {
                eprintln!("{}", c.sources.render_all(&c.warnings));
            }
            let checks: usize = c.ruleset.messages.iter().map(|m| m.checks.len()).sum();
            let warnings = match c.warnings.len() {
                0 => String::new(),
                n => format!(", {n} warning(s)"),
            };
            crate::output::status(&format!(
                "{}: ok — {} rules, {} code lists, {} message type(s), {} rule applications{warnings}\n",
                dir.display(),
                c.ruleset.rules.len(),
                c.ruleset.codelists.len(),
                c.ruleset.messages.len(),
                checks
            ))
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
