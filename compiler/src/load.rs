//! Reads the files of a rule set: a rule-set directory holds `*.model` (one
//! per message type), `data-elements.dict` and `*.rules`; code-list CSV files
//! live in a separate folder named by the `codelist` declarations.

use std::path::{Path, PathBuf};

use crate::codelist::{read_csv, read_sources, Entry, ListSource};
use crate::diagnostics::{Diagnostic, FileId, Sources, Span};
use crate::model::{Dictionary, MessageModel};
use crate::syntax::{self, ast};

/// What a rule directory holds, with the rule sets it extends first.
#[derive(Default)]
pub struct DirContent {
    pub models: Vec<MessageModel>,
    pub dict: Option<Dictionary>,
    pub decls: Vec<ast::Declaration>,
    /// A file did not parse (its declarations are missing).
    pub syntax_errors: bool,
}

impl DirContent {
    /// `later` adds to `self`: its models replace those of the same message
    /// type, its dictionary replaces the dictionary, its declarations follow.
    fn extend(&mut self, later: DirContent) {
        for m in later.models {
            self.models.retain(|x| x.id != m.id);
            self.models.push(m);
        }
        if later.dict.is_some() {
            self.dict = later.dict;
        }
        self.decls.extend(later.decls);
        self.syntax_errors |= later.syntax_errors;
    }
}

/// Reads files from a [`Store`] and keeps every file read: its text, for
/// diagnostics, and its path, for cargo's rebuild tracking.
pub struct Reader<'s> {
    store: &'s dyn Store,
    pub sources: Sources,
    pub inputs: Vec<PathBuf>,
    /// Code-list folders found missing, each reported once (not once per list).
    missing_folders: Vec<PathBuf>,
}

impl<'s> Reader<'s> {
    pub fn new(store: &'s dyn Store) -> Self {
        Reader {
            store,
            sources: Sources::default(),
            inputs: Vec::new(),
            missing_folders: Vec::new(),
        }
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.store.is_file(path)
    }

    /// Reads the `*.model`, `*.dict` and `*.rules` files of `dir`, and before them
    /// the rule sets its `extends` declarations name (relative to `dir`). `via` is
    /// the `extends` that led here, `chain` the folders on the way (a cycle is an
    /// error at the `extends` that closes it).
    pub fn rule_dir(
        &mut self,
        dir: &Path,
        via: Option<Span>,
        chain: &mut Vec<PathBuf>,
        diags: &mut Vec<Diagnostic>,
    ) -> DirContent {
        let cannot = |e: std::io::Error| {
            let msg = format!("cannot read rule directory {}: {e}", dir.display());
            match via {
                Some(span) => Diagnostic::error(span, msg, "extended here"),
                None => Diagnostic::error_unspanned(msg),
            }
        };
        let files = match self
            .store
            .canonical(dir)
            .and_then(|c| Ok((c, self.store.list(dir)?)))
        {
            Ok((canonical, files)) => {
                if let (Some(span), true) = (via, chain.contains(&canonical)) {
                    diags.push(Diagnostic::error(
                        span,
                        format!("rule set {} extends itself", dir.display()),
                        "this `extends` closes a cycle",
                    ));
                    return DirContent::default();
                }
                chain.push(canonical);
                files
            }
            Err(e) => {
                diags.push(cannot(e));
                return DirContent::default();
            }
        };
        let mut own = DirContent::default();
        for path in files {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "model" | "dict" | "rules") {
                continue;
            }
            self.inputs.push(path.clone());
            let bytes = match self.store.read(&path) {
                Ok(b) => b,
                Err(e) => {
                    diags.push(Diagnostic::error_unspanned(format!(
                        "cannot read {}: {e}",
                        path.display()
                    )));
                    continue;
                }
            };
            let (file, bad_utf8) = add_utf8(&mut self.sources, &path, &bytes, "rule file");
            if let Some(d) = bad_utf8 {
                diags.push(d);
                continue;
            }
            let text = &self.sources.files[file].text;
            match ext {
                "model" => match MessageModel::parse(text, file) {
                    Ok(m) => own.extend(DirContent {
                        models: vec![m],
                        ..DirContent::default()
                    }),
                    Err(e) => diags.extend(e),
                },
                "dict" => match Dictionary::parse(text, file) {
                    Ok(d) => own.dict = Some(d),
                    Err(e) => diags.extend(e),
                },
                _ => match syntax::parse_all(text, file) {
                    Ok(d) => own.decls.extend(d),
                    Err(e) => {
                        diags.extend(e);
                        own.syntax_errors = true;
                    }
                },
            }
        }
        let mut all = DirContent::default();
        let bases: Vec<ast::Name> = own
            .decls
            .iter()
            .filter_map(|d| match d {
                ast::Declaration::Extends(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        for base in bases {
            let base_dir = dir.join(&base.text);
            let content = self.rule_dir(&base_dir, Some(base.span), chain, diags);
            all.extend(content);
        }
        all.extend(own);
        chain.pop();
        all
    }

    /// Reads one code-list CSV; errors go to `diags`, pointing into the file (or
    /// at `named_at` when it cannot be read).
    pub fn list_file(
        &mut self,
        path: &Path,
        named_at: Span,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Entry>> {
        self.inputs.push(path.to_path_buf());
        let bytes = match self.store.read(path) {
            Err(e) => {
                let folder = path.parent().unwrap_or(Path::new(""));
                if self.store.list(folder).is_err() {
                    self.missing_folder(folder, named_at, diags);
                    return None;
                }
                diags.push(Diagnostic::error(
                    named_at,
                    format!("cannot read code list file {}: {e}", path.display()),
                    "named here",
                ));
                return None;
            }
            Ok(b) => b,
        };
        let (file, bad_utf8) = add_utf8(&mut self.sources, path, &bytes, "code-list CSV");
        if let Some(d) = bad_utf8 {
            diags.push(d);
            return None;
        }
        match read_csv(&self.sources.files[file].text, file) {
            Ok(e) => Some(e),
            Err(e) => {
                diags.extend(e);
                None
            }
        }
    }
}

impl Reader<'_> {
    /// Reads `SOURCES.csv` of a code-list folder, when there is one (it is
    /// optional); errors go to `diags`, pointing into the file.
    pub fn list_sources(&mut self, folder: &Path, diags: &mut Vec<Diagnostic>) -> Vec<ListSource> {
        let path = folder.join(eucdm_runtime::codelist::sources::FILE);
        if !self.store.is_file(&path) {
            return Vec::new();
        }
        self.inputs.push(path.clone());
        let bytes = match self.store.read(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error_unspanned(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
                return Vec::new();
            }
        };
        let (file, bad_utf8) = add_utf8(&mut self.sources, &path, &bytes, "SOURCES.csv");
        if let Some(d) = bad_utf8 {
            diags.push(d);
            return Vec::new();
        }
        read_sources(&self.sources.files[file].text, file).unwrap_or_else(|e| {
            diags.extend(e);
            Vec::new()
        })
    }

    /// The folder the CSV files are read from does not exist: one error, at
    /// the first list that needs it, instead of one per list.
    fn missing_folder(&mut self, folder: &Path, named_at: Span, diags: &mut Vec<Diagnostic>) {
        if self.missing_folders.iter().any(|f| f == folder) {
            return;
        }
        self.missing_folders.push(folder.to_path_buf());
        diags.push(
            Diagnostic::error(
                named_at,
                format!("code-list folder {} does not exist", folder.display()),
                "the first code list read from it",
            )
            .with_help(
                "give the folder of the code-list CSV files: `--codelists DIR` (eucdm), \
                 `#[codelists = \"...\"]` (#[derive(Validator)]), `Builder::codelists` (build.rs)",
            ),
        );
    }
}

/// Adds a file to `sources`. When its bytes are not UTF-8 the file is kept
/// with the bad bytes replaced (`\u{FFFD}`, so its lines can be shown), and
/// the error points at the first bad byte, by line and column, naming it.
fn add_utf8(
    sources: &mut Sources,
    path: &Path,
    bytes: &[u8],
    what: &str,
) -> (FileId, Option<Diagnostic>) {
    let bad = std::str::from_utf8(bytes).err();
    let text = String::from_utf8_lossy(bytes).into_owned();
    let file = sources.add(path.to_path_buf(), text);
    let diagnostic = bad.map(|e| {
        // The text before the bad byte is unchanged by the replacement.
        let at = e.valid_up_to();
        Diagnostic::error(
            Span {
                file,
                start: at,
                end: at + char::REPLACEMENT_CHARACTER.len_utf8(),
            },
            format!("invalid UTF-8 in {what}"),
            format!("byte 0x{:02X} is not UTF-8", bytes[at]),
        )
        .with_help("save the file as UTF-8")
    });
    (file, diagnostic)
}

/// Where the compiler's files come from: the file system, or memory
/// ([`compile_in_memory`], for fuzzing and tests).
pub trait Store {
    /// The entries of `dir`, sorted.
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error>;
    /// `dir` as one name for one folder (to find `extends` cycles).
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error>;
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error>;
    fn is_file(&self, path: &Path) -> bool;
}

pub struct Disk;

impl Store for Disk {
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v)
    }
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error> {
        dir.canonicalize()
    }
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error> {
        std::fs::read(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// Files held in memory as (path, bytes), in one folder level: a folder is
/// named by its path as written.
pub struct Memory(pub Vec<(PathBuf, Vec<u8>)>);

impl Store for Memory {
    fn list(&self, dir: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
        let mut v: Vec<PathBuf> = (self.0.iter())
            .filter(|(p, _)| p.parent() == Some(dir))
            .map(|(p, _)| p.clone())
            .collect();
        v.sort();
        Ok(v)
    }
    fn canonical(&self, dir: &Path) -> Result<PathBuf, std::io::Error> {
        Ok(dir.to_path_buf())
    }
    fn read(&self, path: &Path) -> Result<Vec<u8>, std::io::Error> {
        (self.0.iter())
            .find(|(p, _)| p == path)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
    fn is_file(&self, path: &Path) -> bool {
        self.0.iter().any(|(p, _)| p == path)
    }
}
