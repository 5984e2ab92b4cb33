//! `eucdm validate --codelists DIR` for the compiled rule set: the reference
//! data of the day, one `<ID>.csv` per list, read once before anything is
//! validated (`eucdm_runtime::refdata`).

use std::path::Path;

use eucdm_runtime::{ListContent, ReferenceData, RuleSet};

/// At most this many names of unused files are listed in the note.
const NAMES_SHOWN: usize = 10;

/// Reads the lists of `dir` that `ruleset` declares; each replaces the
/// compiled-in list and is complete. Says on stderr which lists were taken
/// (and which of them the rule set had in part or not at all) and which CSV files
/// name no list of the rule set. A bad file (every fault, file:line:column),
/// a missing directory or one without any declared list is an error: `Err`
/// holds the exit status, 2.
pub fn read(dir: &Path, ruleset: &dyn RuleSet) -> Result<ReferenceData, u8> {
    let lists = ruleset.codelists();
    let declared: Vec<&str> = lists.iter().map(|c| c.id.as_str()).collect();
    let loaded = match ReferenceData::read_dir(dir, &declared) {
        Ok(l) => l,
        Err(errors) => {
            for e in &errors {
                eprintln!("eucdm: {e}");
            }
            eprintln!(
                "eucdm: --codelists {}: not used, nothing validated",
                dir.display()
            );
            return Err(2);
        }
    };
    let name = dir.display();
    if loaded.data.is_empty() {
        eprintln!(
            "eucdm: --codelists {name}: no code list of the rule set in it (a list is read from `<ID>.csv`, e.g. `CL141.csv`)"
        );
        return Err(2);
    }
    // Each list taken, and what the rule set had of it without DIR.
    // With SOURCES.csv in DIR, each list's source and snapshot date too.
    let taken: Vec<String> = (loaded.data.ids())
        .map(|id| {
            let had = match lists
                .iter()
                .find(|c| c.id.as_str() == id)
                .map(|c| c.content)
            {
                Some(ListContent::Partial) => Some("compiled in part".to_string()),
                Some(ListContent::NotShipped) => Some("not compiled in".to_string()),
                _ => None,
            };
            let source = (loaded.sources.iter().find(|s| s.list == id)).map(|s| {
                let p = &s.provenance;
                match p.snapshot.as_ref() {
                    "" => format!("{}, undated", p.source),
                    day => format!("{} of {day}", p.source),
                }
            });
            let notes: Vec<String> = had.into_iter().chain(source).collect();
            match notes.is_empty() {
                true => id.to_string(),
                false => format!("{id} ({})", notes.join("; ")),
            }
        })
        .collect();
    let note = format!(
        "eucdm: --codelists {name}: taken as complete in place of the compiled-in lists: {}",
        taken.join(", ")
    );
    eprintln!("{note}");
    if !loaded.unused.is_empty() {
        let shown: Vec<&str> = loaded
            .unused
            .iter()
            .take(NAMES_SHOWN)
            .map(String::as_str)
            .collect();
        let more = loaded.unused.len() - shown.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!(
            "eucdm: --codelists {name}: not read, no code list of the rule set: {}{more}",
            shown.join(", ")
        );
    }
    Ok(loaded.data)
}
