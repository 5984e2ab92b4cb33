//! Tells the CLI's tests whether the shared specification (`../shared`,
//! beside the repository) is there, as `tests/build.rs` does for the other
//! tests: the test that checks the IE056 files against `cc056c.xsd` is then
//! `ignored` with its reason, not passed in silence.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_absent)");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let shared = Path::new(&manifest).join("../../shared");
    // Rerun when it appears or goes (cargo watches the path's existence too).
    println!("cargo::rerun-if-changed={}", shared.display());
    if !shared.join("spec").is_dir() {
        println!("cargo::rustc-cfg=shared_absent");
    }
}
