//! Where `eucdm validate --format ie056` writes: the one IE056 of a run of
//! one message on stdout (`eucdm validate --format ie056 decl.xml >
//! rejection.xml`), else one file per invalid message in `--out DIR`,
//! `DIR/<name>.ie056.xml` for `<name>.xml` or `<name>.json` — XML documents
//! one after the other on stdout would be no document any tool reads.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

pub enum Ie056Sink {
    Stdout,
    Dir {
        dir: PathBuf,
        /// The files written in this run, and the message each answers.
        written: HashMap<String, String>,
    },
}

/// Why a message's IE056 was not written.
pub enum NotWritten {
    /// Another message of the run has the same file name.
    Taken {
        file: String,
        by: String,
    },
    Io(std::io::Error),
}

impl fmt::Display for NotWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotWritten::Taken { file, by } => write!(
                f,
                "IE056 not written: {file} holds the IE056 of {by}, a message of the same name (validate them in separate runs)"
            ),
            NotWritten::Io(e) => write!(f, "cannot write the IE056: {e}"),
        }
    }
}

impl From<std::io::Error> for NotWritten {
    fn from(e: std::io::Error) -> NotWritten {
        NotWritten::Io(e)
    }
}

impl Ie056Sink {
    /// The sink of `--out DIR` (made if need be), or stdout for `messages`
    /// files (and no movement) of which at most one; `Err` says why neither.
    pub fn new(out: Option<PathBuf>, messages: usize) -> Result<Ie056Sink, String> {
        let Some(dir) = out else {
            if messages > 1 {
                return Err(format!(
                    "--format ie056 writes one XML document per invalid message: give --out DIR for {messages} files"
                ));
            }
            return Ok(Ie056Sink::Stdout);
        };
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("--out {}: cannot make the directory: {e}", dir.display()))?;
        Ok(Ie056Sink::Dir {
            dir,
            written: HashMap::new(),
        })
    }

    /// Writes the IE056 of `message`, or for a message without one (valid,
    /// or not answered with an IE056) removes the file an earlier run left
    /// in DIR. A file is written whole or not at all (a temporary file
    /// renamed), and its path said on `out`.
    pub fn put(
        &mut self,
        message: &str,
        ie056: Option<&str>,
        out: &mut impl Write,
    ) -> Result<(), NotWritten> {
        let Ie056Sink::Dir { dir, written } = self else {
            return match ie056 {
                Some(xml) => Ok(writeln!(out, "{xml}")?),
                None => Ok(()),
            };
        };
        let file = file_name(message);
        let path = dir.join(&file);
        if let Some(by) = written.get(&file) {
            return match ie056 {
                Some(_) => Err(NotWritten::Taken {
                    file: path.display().to_string(),
                    by: by.clone(),
                }),
                // Written in this run: not stale.
                None => Ok(()),
            };
        }
        let Some(xml) = ie056 else {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
                _ => Ok(()),
            };
        };
        write_whole(&path, xml)?;
        written.insert(file, message.to_string());
        Ok(writeln!(out, "{}", path.display())?)
    }
}

/// `decl.xml` → `decl.ie056.xml`.
fn file_name(message: &str) -> String {
    let stem = Path::new(message)
        .file_stem()
        .map_or_else(|| message.into(), |s| s.to_string_lossy());
    format!("{stem}.ie056.xml")
}

/// `xml` and a line end as `path`, through a temporary file beside it.
fn write_whole(path: &Path, xml: &str) -> std::io::Result<()> {
    let part = path.with_extension("xml.part");
    std::fs::write(&part, format!("{xml}\n"))
        .and_then(|()| std::fs::rename(&part, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&part);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ie056_of_a_message_is_named_after_it() {
        assert_eq!(file_name("in/decl.xml"), "decl.ie056.xml");
        assert_eq!(file_name("decl.json"), "decl.ie056.xml");
        assert_eq!(file_name("a.b.xml"), "a.b.ie056.xml");
    }
}
