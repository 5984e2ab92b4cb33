//! Tells the tests whether the shared specification and data (`../shared`,
//! beside the repository) are there: tests that read them are marked
//! `#[cfg_attr(shared_absent, ignore = "...")]`, so a clone without them shows
//! those tests as *ignored*, with the reason, instead of passing silently.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_absent)");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let shared = Path::new(&manifest).join("../../shared");
    // Rerun when it appears or goes (cargo watches the path's existence too).
    println!("cargo::rerun-if-changed={}", shared.display());
    if !shared.join("data").is_dir() {
        println!("cargo::rustc-cfg=shared_absent");
    }
}
