//! trybuild UI tests of the `ruleset!` macro: rule directories under
//! `ui/rulesets/` that must fail to compile with a readable diagnostic
//! (`ui/fail/`), and ones that must compile and validate (`ui/pass/`).
//!
//! The `.stderr` snapshots are rustc output, so they depend on the toolchain
//! pinned in `rust-toolchain.toml`; after a toolchain bump (or a deliberate
//! change of a diagnostic), regenerate them with
//! `TRYBUILD=overwrite cargo test -p eucdm-tests --test ui` and review the diff.
//!
//! Paths in the cases: trybuild compiles them in its own crate,
//! `target/tests/trybuild/eucdm-tests/`, which is the `CARGO_MANIFEST_DIR` the
//! macro resolves against; hence `"../../../../tests/ui/rulesets/<case>"`
//! (assumes the default target directory, `<workspace>/target`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
