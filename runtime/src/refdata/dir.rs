//! Reference data read from a directory: one `<ID>.csv` per list
//! (`CL141.csv`), in the format of [`crate::codelist::csv`], and optionally
//! `SOURCES.csv` ([`crate::codelist::sources`]: each list's source and
//! snapshot date, as `eucdm refdata import` writes it).

use std::fmt;
use std::path::{Path, PathBuf};

use super::ReferenceData;
use crate::codelist::sources::{self, ListSource};

/// The lists read from a directory, and the CSV files in it that name no list
/// of the rule set (a CS/RD2 export holds many lists a rule set does not use;
/// a misnamed file is among these too).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The lists read.
    pub data: ReferenceData,
    /// File names, sorted.
    pub unused: Vec<String>,
    /// The `SOURCES.csv` rows of the lists read (none without the file).
    pub sources: Vec<ListSource>,
}

/// Why reference data could not be read: the file, and the line and column
/// in it when the fault is in its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file at fault (or the folder).
    pub path: PathBuf,
    /// 1-based line and column.
    pub at: Option<(u64, u64)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}: ", self.path.display())?,
            None => write!(f, "{}: ", self.path.display())?,
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}

impl ReferenceData {
    /// Reads `dir/<ID>.csv` for every id of `declared` that has one; other
    /// `*.csv` files are not read, only named in [`Loaded::unused`]. Every
    /// fault of every file is returned (file:line:column), and then nothing
    /// is: a half-read export never validates.
    pub fn read_dir(dir: &Path, declared: &[&str]) -> Result<Loaded, Vec<LoadError>> {
        let fail = |path: &Path, message: String| LoadError {
            path: path.to_path_buf(),
            at: None,
            message,
        };
        if !dir.is_dir() {
            return Err(vec![fail(
                dir,
                "not a directory of code-list CSV files".into(),
            )]);
        }
        let entries = std::fs::read_dir(dir)
            .and_then(|rd| {
                rd.map(|e| e.map(|e| e.path()))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|e| vec![fail(dir, format!("cannot read directory: {e}"))])?;
        let mut files: Vec<PathBuf> = (entries.into_iter())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        files.sort();
        let mut data = ReferenceData::new();
        let (mut unused, mut errors) = (Vec::new(), Vec::new());
        let mut given_sources = Vec::new();
        for path in files {
            let name = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            if name == sources::FILE {
                match read_sources(&path) {
                    Ok(rows) => given_sources = rows,
                    Err(e) => errors.extend(e),
                }
                continue;
            }
            let id = path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            let declared_list =
                path.extension().is_some_and(|e| e == "csv") && declared.contains(&id.as_str());
            if !declared_list {
                unused.push(name);
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(fail(&path, format!("cannot read code list: {e}")));
                    continue;
                }
            };
            match crate::codelist::csv::read_bytes(&bytes) {
                // A header without rows is a broken export, not a list that
                // rejects every value.
                Ok(entries) if entries.is_empty() => errors.push(LoadError {
                    path: path.clone(),
                    at: Some((1, 1)),
                    message: "no code in this list (given, it would reject every value)".into(),
                }),
                Ok(entries) => data.insert(&id, &entries),
                Err(faults) => errors.extend(faults.into_iter().map(|f| LoadError {
                    path: path.clone(),
                    at: Some((f.line, f.column)),
                    message: match f.note {
                        Some(n) => format!("{} ({n})", f.message),
                        None => f.message,
                    },
                })),
            }
        }
        if errors.is_empty() {
            given_sources.retain(|s| data.ids().any(|id| id == s.list));
            Ok(Loaded {
                data,
                unused,
                sources: given_sources,
            })
        } else {
            Err(errors)
        }
    }
}

/// A directory's `SOURCES.csv`; faults at file:line:column.
fn read_sources(path: &Path) -> Result<Vec<ListSource>, Vec<LoadError>> {
    let fault = |at, message| LoadError {
        path: path.to_path_buf(),
        at,
        message,
    };
    let text = std::fs::read(path)
        .map_err(|e| vec![fault(None, format!("cannot read: {e}"))])
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| vec![fault(None, "invalid UTF-8".into())])
        })?;
    sources::read(&text).map_err(|faults| {
        (faults.into_iter())
            .map(|f| fault(Some((f.line, f.column)), f.message))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_lists_of_a_directory() {
        let dir = std::env::temp_dir().join(format!("eucdm-refdata-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("CL048.csv"),
            "code,valid_to\nEUR,\nBGN,2025-12-31\n",
        )
        .unwrap();
        std::fs::write(dir.join("CL999.csv"), "not even a list").unwrap();
        std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let l = ReferenceData::read_dir(&dir, &["CL048", "CL141"]).unwrap();
        assert_eq!(l.data.ids().collect::<Vec<_>>(), ["CL048"]);
        assert_eq!(l.unused, ["CL999.csv"]);
        assert_eq!(l.data.answer("CL048", "BGN", "2026-01-01"), Some(false));
        std::fs::write(dir.join("CL141.csv"), "code\nDE004058\nDE004058\n").unwrap();
        let e = ReferenceData::read_dir(&dir, &["CL048", "CL141"]).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            format!(
                "{}:3:1: duplicate code `DE004058` (first listed on line 2)",
                dir.join("CL141.csv").display()
            )
        );
        std::fs::write(dir.join("CL141.csv"), "code,description\n").unwrap();
        let e = ReferenceData::read_dir(&dir, &["CL048", "CL141"]).unwrap_err();
        assert!(
            e[0].to_string().ends_with(
                "CL141.csv:1:1: no code in this list (given, it would reject every value)"
            ),
            "{e:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        let e = ReferenceData::read_dir(&dir, &["CL048"]).unwrap_err();
        assert!(e[0].message.contains("not a directory"), "{e:?}");
    }
}
