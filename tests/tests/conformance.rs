//! Conformance on the official CC015C example messages in
//! `../shared/data/ncts-p5/examples/` (HMRC's NCTS5 trader test pack,
//! "transition-and-final" folder).
//!
//! Each example is validated twice:
//! - on the last day of the transition period (2025-01-21), the period whose
//!   transitional rules (B/E) the test pack's contents follow;
//! - on its own preparation date (2025-03-03, a placeholder filled in when the
//!   shared data was built), i.e. by the final-phase rules.
//!
//! Every error that remains must be listed in `conformance/ncts-p5-examples.expected`,
//! where each group is justified by its rule text; anything else, or a listed
//! error that no longer occurs, fails the test.
//!
//! Reads `../shared` (beside the repository). A user's clone has none: the test
//! is then compiled as ignored (`tests/build.rs` sets `shared_absent`), which
//! the test harness lists with its reason; the project's own fixtures
//! (tests/rules.rs) carry the core tests.

use std::collections::BTreeSet;
use std::path::Path;

use eucdm_runtime::Options;

const TRANSITION_END: &str = "2025-01-21";

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn official_examples_validate_except_the_listed_real_rejections() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../../shared/data/ncts-p5/examples");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (../shared is there)", dir.display()));
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut got = BTreeSet::new();
    let mut checked = 0;
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        // Only message types with a shipped rule set (CC015C so far).
        if !name.ends_with("_ie015.xml") {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        for date in [Some(TRANSITION_END), None] {
            let opts = Options {
                date: date.map(str::to_owned),
                ..Options::default()
            };
            let r = eucdm_ncts_p5::validate_xml(&bytes, &opts)
                .unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
            for v in &r.violations {
                got.insert(format!(
                    "{} {name} {} {} {}",
                    date.unwrap_or("own-date"),
                    v.code.number(),
                    v.reason,
                    v.pointer
                ));
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 60,
        "expected the 67 CC015C examples, found {checked}"
    );
    let listed = std::fs::read_to_string(root.join("conformance/ncts-p5-examples.expected"))
        .expect("conformance/ncts-p5-examples.expected");
    let expected: BTreeSet<String> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let unexpected: Vec<&String> = got.difference(&expected).collect();
    let gone: Vec<&String> = expected.difference(&got).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "examples checked: {checked}\nrejections not listed as real ({}):\n{}\nlisted rejections that no longer occur ({}):\n{}",
        unexpected.len(),
        unexpected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        gone.len(),
        gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
    );
}
