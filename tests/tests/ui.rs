//! trybuild UI tests of `#[derive(Validator)]`: its attribute forms, and rule directories under
//! `ui/rulesets/` that must fail to compile with a readable diagnostic
//! (`ui/fail/`), and ones that must compile and validate (`ui/pass/`).
//!
//! The `.stderr` snapshots are rustc output, so they depend on the toolchain
//! pinned in `rust-toolchain.toml`; after a toolchain bump (or a deliberate
//! change of a diagnostic), regenerate them with
//! `TRYBUILD=overwrite cargo test -p eucdm-tests --test ui` and review the diff.
//!
//! Paths in the cases are relative to this crate (`"ui/rulesets/<case>"`):
//! trybuild compiles the cases in a crate of its own under the target folder,
//! wherever that is (`CARGO_TARGET_DIR`), so the test points the macro at this
//! crate's folder with `EUCDM_MANIFEST_DIR` (trybuild issue #202). The
//! diagnostics name the rule files from the workspace root (`tests/ui/...`).

#[test]
fn ui() {
    // Read by the macro in the rustc processes trybuild starts.
    std::env::set_var("EUCDM_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
