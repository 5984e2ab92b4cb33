//! Writing (or checking) the planned lists in a folder. Every text is made
//! first; files are written beside their targets and renamed into place only
//! when all were written, so a failed import leaves the folder as it was.

use std::path::{Path, PathBuf};

use crate::csv_out::{parse_sources, render, render_sources, SourceRow, SOURCES_FILE};
use crate::error::ImportError;
use crate::plan::ListFile;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// Codes (rows), for lists; `None` for SOURCES.csv.
    pub codes: Option<usize>,
    /// The file's content differed (was written, or is stale in check mode).
    pub changed: bool,
}

/// Writes `files` and the updated `SOURCES.csv` into `dir` (created if
/// missing), or with `check` only compares them with what `dir` holds.
pub fn write_lists(
    dir: &Path,
    files: &[ListFile],
    check: bool,
) -> Result<Vec<Written>, ImportError> {
    let mut texts: Vec<(PathBuf, String, Option<usize>)> = files
        .iter()
        .map(|f| {
            (
                dir.join(format!("{}.csv", f.list)),
                render(&f.rows, f.office),
                Some(f.rows.len()),
            )
        })
        .collect();
    let sources_path = dir.join(SOURCES_FILE);
    let mut sources = read_sources(&sources_path)?;
    sources.retain(|s| !files.iter().any(|f| f.list == s.list));
    sources.extend(files.iter().map(|f| f.source.clone()));
    texts.push((sources_path, render_sources(&sources), None));
    let outcome: Vec<Written> = texts
        .iter()
        .map(|(path, text, codes)| Written {
            path: path.clone(),
            codes: *codes,
            changed: std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()),
        })
        .collect();
    if !check {
        replace_all(dir, &texts)?;
    }
    Ok(outcome)
}

fn read_sources(path: &Path) -> Result<Vec<SourceRow>, ImportError> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(ImportError::file(path, format!("cannot read: {e}"))),
        Ok(text) => {
            parse_sources(&text).map_err(|(line, msg)| ImportError::at(path, (line, 1), msg))
        }
    }
}

/// Writes every text to a temporary file, then renames them all into place.
fn replace_all(dir: &Path, texts: &[(PathBuf, String, Option<usize>)]) -> Result<(), ImportError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ImportError::file(dir, format!("cannot create the folder: {e}")))?;
    let temp = |p: &Path| p.with_extension("csv.import-tmp");
    let mut written: Vec<PathBuf> = Vec::new();
    for (path, text, _) in texts {
        let t = temp(path);
        if let Err(e) = std::fs::write(&t, text) {
            for w in written.iter().chain([&t]) {
                let _ = std::fs::remove_file(w);
            }
            return Err(ImportError::file(path, format!("cannot write: {e}")));
        }
        written.push(t);
    }
    for (path, _, _) in texts {
        std::fs::rename(temp(path), path)
            .map_err(|e| ImportError::file(path, format!("cannot replace: {e}")))?;
    }
    Ok(())
}
