//! Where `eucdm validate --format rejection|ie056|ie057` writes: the one
//! rejection of a run of one message on stdout (`eucdm validate --format
//! ie056 decl.xml > rejection.xml`), else one file per invalid message in
//! `--out DIR`, `DIR/<name>.ie056.xml` or `DIR/<name>.ie057.xml` for
//! `<name>.xml` or `<name>.json` — XML documents one after the other on
//! stdout would be no document any tool reads.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Kind, Rejection, Wanted};

pub struct RejectionSink {
    wanted: Wanted,
    /// `--out DIR`; none: stdout.
    dir: Option<PathBuf>,
    /// The files written in this run, and the message each answers.
    written: HashMap<String, String>,
}

/// Why a message's rejection was not written.
pub enum NotWritten {
    /// Another message of the run has the same file name.
    Taken {
        kind: Kind,
        file: String,
        by: String,
    },
    Io(std::io::Error),
}

impl fmt::Display for NotWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotWritten::Taken { kind, file, by } => write!(
                f,
                "{kind} not written: {file} holds the {kind} of {by}, a message of the same name (validate them in separate runs)"
            ),
            NotWritten::Io(e) => write!(f, "cannot write the rejection: {e}"),
        }
    }
}

impl From<std::io::Error> for NotWritten {
    fn from(e: std::io::Error) -> NotWritten {
        NotWritten::Io(e)
    }
}

impl RejectionSink {
    /// The sink of `--out DIR` (made if need be), or stdout for `messages`
    /// files (and no movement) of which at most one; `Err` says why neither.
    pub fn new(
        wanted: Wanted,
        out: Option<PathBuf>,
        messages: usize,
    ) -> Result<RejectionSink, String> {
        if out.is_none() && messages > 1 {
            return Err(format!(
                "--format {} writes one XML document per invalid message: give --out DIR for {messages} files",
                wanted.format()
            ));
        }
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("--out {}: cannot make the directory: {e}", dir.display()))?;
        }
        Ok(RejectionSink {
            wanted,
            dir: out,
            written: HashMap::new(),
        })
    }

    /// Writes the rejection of `message`, and removes the files of the kinds
    /// the run writes that an earlier run left in DIR for it (a message now
    /// valid, or answered otherwise). A file is written whole or not at all
    /// (a temporary file renamed), and its path said on `out`.
    pub fn put(
        &mut self,
        message: &str,
        rejection: Option<&Rejection>,
        out: &mut impl Write,
    ) -> Result<(), NotWritten> {
        let Some(dir) = &self.dir else {
            return match rejection {
                Some(r) => Ok(writeln!(out, "{}", r.xml)?),
                None => Ok(()),
            };
        };
        for &kind in self.wanted.kinds() {
            let file = file_name(message, kind);
            let path = dir.join(&file);
            let this = rejection.filter(|r| r.kind == kind);
            if let Some(by) = self.written.get(&file) {
                return match this {
                    Some(_) => Err(NotWritten::Taken {
                        kind,
                        file: path.display().to_string(),
                        by: by.clone(),
                    }),
                    // Written in this run: not stale.
                    None => continue,
                };
            }
            match this {
                Some(r) => {
                    write_whole(&path, &r.xml)?;
                    self.written.insert(file, message.to_string());
                    writeln!(out, "{}", path.display())?;
                }
                None => match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                },
            }
        }
        Ok(())
    }
}

/// `decl.xml` → `decl.ie056.xml`.
fn file_name(message: &str, kind: Kind) -> String {
    let stem = Path::new(message)
        .file_stem()
        .map_or_else(|| message.into(), |s| s.to_string_lossy());
    format!("{stem}.{}.xml", kind.file_tag())
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
    fn the_rejection_of_a_message_is_named_after_it() {
        assert_eq!(file_name("in/decl.xml", Kind::Ie056), "decl.ie056.xml");
        assert_eq!(file_name("decl.json", Kind::Ie056), "decl.ie056.xml");
        assert_eq!(file_name("a.b.xml", Kind::Ie056), "a.b.ie056.xml");
        assert_eq!(file_name("arrival.xml", Kind::Ie057), "arrival.ie057.xml");
    }
}
