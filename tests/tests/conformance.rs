//! Conformance: every official CC015C example message in
//! `../shared/data/ncts-p5/examples/` must validate without errors.
//!
//! Reads `../shared` (beside the repository). A user's clone has none: the test
//! then says so and passes without checking anything; the project's own
//! fixtures (tests/rules.rs) carry the core tests.

use std::path::Path;

use eucdm_runtime::Options;

#[test]
fn official_examples_validate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/ncts-p5/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: {} is absent (no ../shared beside the repository)",
            dir.display()
        );
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        // Only message types with a shipped rule set (CC015C so far).
        if !name.ends_with("_ie015.xml") {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        match eucdm_ncts_p5::validate_xml(&bytes, &Options::default()) {
            Ok(r) if r.is_valid() => {}
            Ok(r) => failures.push(format!("{name}: {}", r.errors_json())),
            Err(e) => failures.push(format!("{name}: cannot read: {e}")),
        }
        checked += 1;
    }
    assert!(
        checked >= 60,
        "expected the 67 CC015C examples, found {checked}"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} examples rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
