//! Helpers shared by the CLI's integration tests (each test file uses some).
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

/// Runs the `eucdm` binary built for the tests.
pub fn eucdm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .args(args)
        .output()
        .unwrap()
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A file of the repository, by its path from the root.
pub fn path(p: &str) -> String {
    root().join(p).display().to_string()
}

/// A CC015C fixture under `tests/fixtures/ncts-p5/CC015C`.
pub fn fixture(p: &str) -> String {
    root()
        .join("tests/fixtures/ncts-p5/CC015C")
        .join(p)
        .display()
        .to_string()
}

/// A scratch folder named after `test` under cargo's target folder for tests,
/// emptied the first time a test process asks for it (so runs do not pile up
/// copies in the system's temporary folder).
pub fn temp_dir(test: &str) -> PathBuf {
    static CLEARED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("eucdm-{test}"));
    let mut cleared = CLEARED.lock().unwrap_or_else(|e| e.into_inner());
    if cleared.insert(test.to_string()) && d.exists() {
        std::fs::remove_dir_all(&d).unwrap();
    }
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `bytes` as `name` in [`temp_dir`]`(test)` and returns its path.
pub fn temp_file(test: &str, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = temp_dir(test).join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that xmllint finds every one of `files` valid against the schema
/// `xsd` (400 files per run, to stay under the command line's limit).
pub fn assert_schema_valid(xsd: &Path, files: &[PathBuf]) {
    for batch in files.chunks(400) {
        let lint = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd)
            .args(batch)
            .output()
            .unwrap_or_else(|e| {
                panic!("cannot run xmllint ({e}): install libxml2-utils, as .ci/run does")
            });
        let report = String::from_utf8_lossy(&lint.stderr);
        let refused: Vec<&str> = report
            .lines()
            .filter(|l| !l.ends_with(" validates"))
            .collect();
        assert!(
            lint.status.success() && refused.is_empty(),
            "{}",
            refused.join("\n")
        );
    }
}
