//! Where a command's rules come from, one option set for every subcommand:
//! a shipped rule set as compiled (`--ruleset`), or a rule directory read and
//! interpreted at run time (`--rules DIR`), with its code-list folder
//! (`--codelists DIR`, else found beside it); and for the commands that
//! compile a directory (`check`, `generate`), the directory itself.

use std::path::{Path, PathBuf};

use eucdm_compiler::codelists_for;

use eucdm_runtime::RuleSet;

use crate::shipped::Shipped;

/// A rule set a command works with: shipped (compiled in) or interpreted.
pub enum Loaded {
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

/// `[--ruleset NAME | --rules DIR] [--codelists DIR]`: a compiled rule set,
/// or a rule directory interpreted.
#[derive(clap::Args, Debug)]
pub struct RuleSource {
    /// Take the shipped rule set NAME (for validate, every message; without
    /// it validate judges each message by the shipped rule set of its type,
    /// coverage and explain describe ncts-p5)
    #[arg(long, value_name = "NAME", value_enum, conflicts_with = "rules")]
    pub ruleset: Option<Shipped>,
    /// Interpret the rule directory DIR instead of the compiled NCTS P5 rule
    /// set: nothing is built, an edited rule applies at once, the output is
    /// the same. A directory with errors is refused with its diagnostics
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// With --rules: the folder its `codelist ... = "file"` declarations are
    /// read from (default: codelists/ beside the folder holding the rule
    /// directory, else ./codelists)
    #[arg(long, value_name = "DIR")]
    pub codelists: Option<PathBuf>,
}

/// `[--codelists DIR] RULES_DIR`: a rule directory to compile.
#[derive(clap::Args, Debug)]
pub struct RuleDir {
    /// The rule directory (its *.model, *.rules and data-elements.dict files)
    #[arg(value_name = "RULES_DIR")]
    pub dir: PathBuf,
    /// The folder the rule directory's code-list CSV files are read from
    /// (default: codelists/ beside the folder holding RULES_DIR, else
    /// ./codelists)
    #[arg(long, value_name = "DIR")]
    pub codelists: Option<PathBuf>,
}

impl RuleSource {
    /// The rule set: `--ruleset NAME`, else the rule directory `--rules DIR`
    /// interpreted with `--codelists` as the folder of its lists, else
    /// `default` (without `--rules` the compiled lists are used and
    /// `--codelists` is not read here). A directory with errors is reported
    /// on stderr: `Err` holds the exit status, 2.
    pub fn load(&self, default: &'static dyn RuleSet) -> Result<Loaded, u8> {
        if let Some(shipped) = self.ruleset {
            return Ok(Loaded::Shipped(shipped.ruleset()));
        }
        let Some(dir) = &self.rules else {
            return Ok(Loaded::Shipped(default));
        };
        let codelists = codelists_for(dir, self.codelists.clone());
        match eucdm_compiler::compile_dir(dir, &codelists) {
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

    /// The code lists of the day (`eucdm validate --codelists DIR` without
    /// `--rules`): the folder whose lists replace the compiled-in ones. With
    /// `--rules`, none: the folder is the rule directory's own.
    pub fn reference_data(&self) -> Option<&Path> {
        match self.rules {
            Some(_) => None,
            None => self.codelists.as_deref(),
        }
    }
}

impl RuleDir {
    /// The code-list folder: the one given, else as
    /// [`codelists_for`](eucdm_compiler::codelists_for) finds it.
    pub fn codelists(&self) -> PathBuf {
        codelists_for(&self.dir, self.codelists.clone())
    }
}
