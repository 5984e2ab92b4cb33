//! `eucdm generate`: the code a rule folder compiles to (what
//! `#[derive(Validator)]` generates, with a `Compiled` struct), as a
//! formatted Rust file — to read what a rule compiles to, to vendor it, or, with
//! `--check FILE`, to fail CI when a committed copy is out of date.

use std::path::PathBuf;

use eucdm_compiler::build::Builder;

use crate::source::RuleDir;

#[derive(clap::Args, Debug)]
// An option given twice takes the last value, as before clap.
#[command(args_override_self = true)]
pub struct Args {
    /// The path the generated code names the runtime by
    #[arg(long, value_name = "PATH", default_value = "::eucdm_runtime")]
    runtime: String,
    /// Write the code to FILE instead of stdout
    #[arg(short, long = "output", value_name = "FILE", conflicts_with = "check")]
    out: Option<PathBuf>,
    /// Exit 1 when FILE differs from the code (a vendored copy out of date)
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleDir,
}

pub fn run(args: Args) -> u8 {
    let Args {
        runtime,
        out,
        check,
        rules,
    } = args;
    let dir = &rules.dir;
    let b = Builder::new(dir)
        .codelists(rules.codelists())
        .runtime_path(&runtime);
    let g = match b.generate() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("eucdm: {} has errors; nothing generated", dir.display());
            return 2;
        }
    };
    for w in &g.warnings {
        eprintln!("{w}");
    }
    if let Some(file) = check {
        return match std::fs::read_to_string(&file) {
            Ok(old) if old == g.source => 0,
            Ok(_) => {
                eprintln!(
                    "eucdm: {} is out of date with {}",
                    file.display(),
                    dir.display()
                );
                1
            }
            Err(e) => {
                eprintln!("eucdm: {}: {e}", file.display());
                2
            }
        };
    }
    match out {
        Some(file) => match std::fs::write(&file, &g.source) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("eucdm: cannot write {}: {e}", file.display());
                2
            }
        },
        None => crate::output::status(&g.source),
    }
}
