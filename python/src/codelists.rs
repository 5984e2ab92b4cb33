//! `RuleSet.with_codelists(dir)`: the code lists of the day, as `eucdm
//! validate --codelists DIR` reads them for a compiled rule set (each
//! `<ID>.csv` the rule set declares replaces its list and is complete), read
//! once when the rule set is made, never per message.

use std::path::Path;

use eucdm_runtime::{ReferenceData, RuleSet};

/// The lists read from one folder, and what the CLI says of it on stderr.
pub struct CodelistsOfTheDay {
    pub data: ReferenceData,
    /// The ids of the lists taken, sorted.
    pub taken: Vec<String>,
    /// The `*.csv` files of the folder that name no list of the rule set.
    pub unused: Vec<String>,
}

/// Reads the lists of `dir` that `rules` declares. `Err`: the CLI's error
/// lines for them (without its `eucdm: `), one fault a line
/// (`file:line:column: ...` for a bad file), or that the folder holds no
/// list of the rule set.
pub fn read(dir: &Path, rules: &dyn RuleSet) -> Result<CodelistsOfTheDay, String> {
    let lists = rules.codelists();
    let declared: Vec<&str> = lists.iter().map(|c| c.id.as_str()).collect();
    let loaded = ReferenceData::read_dir(dir, &declared).map_err(|errors| {
        let faults: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!(
            "{}\n--codelists {}: not used, nothing validated",
            faults.join("\n"),
            dir.display()
        )
    })?;
    if loaded.data.is_empty() {
        return Err(format!(
            "--codelists {}: no code list of the rule set in it (a list is read from `<ID>.csv`, e.g. `CL141.csv`)",
            dir.display()
        ));
    }
    Ok(CodelistsOfTheDay {
        taken: loaded.data.ids().map(str::to_string).collect(),
        unused: loaded.unused,
        data: loaded.data,
    })
}
