//! Warnings of the static checks: a rule set that has only warnings compiles
//! (the macro builds it, `tests/ui/pass/warnings.rs`), and `eucdm check` and
//! `Compiled::warnings` show them with file, line, column, caret and hint.
//!
//! The expected text is `ui/rulesets/warnings/expected.stderr`; after a
//! deliberate change of a warning, regenerate it with
//! `EUCDM_BLESS=1 cargo test -p eucdm-tests --test static_checks` and review the diff.

use std::path::Path;

#[test]
fn warnings_are_reported_and_do_not_fail_the_build() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tests.join("ui/rulesets/warnings");
    let compiled = match eucdm_compiler::compile_dir(&dir, &tests.join("ui/codelists")) {
        Ok(c) => c,
        Err(f) => panic!("only warnings expected:\n{}", f.render()),
    };
    assert_eq!(compiled.warnings.len(), 5);
    assert!(compiled.warnings.iter().all(|w| !w.is_error()));
    let prefix = format!("{}/", tests.display());
    let text = compiled
        .sources
        .render_all(&compiled.warnings)
        .replace(&prefix, "");
    let expected_file = dir.join("expected.stderr");
    if std::env::var_os("EUCDM_BLESS").is_some() {
        std::fs::write(&expected_file, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_file).unwrap();
    assert_eq!(text, expected);
}

#[test]
fn eucdm_check_exits_zero_with_only_warnings() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "eucdm-cli", "--", "check", "--codelists"])
        .arg(tests.join("ui/codelists"))
        .arg(tests.join("ui/rulesets/warnings"))
        .output()
        .expect("cargo run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("5 warning(s)"), "{stdout}");
    assert!(stderr.contains("warning: unreachable branch"), "{stderr}");
}
