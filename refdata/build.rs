//! Tells the tests whether the real reference data is at hand: the COL export
//! (`EUCDM_COL_EXPORT` = path of `COL-Generic-20241105.xml`, unzipped from
//! hmrc/ctc-traders-phase5-tis `source/downloads/`; not in the repository) and
//! the shared folder (`../../shared`). Tests needing them are marked ignored,
//! with the reason, when they are absent.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(col_export_absent)");
    println!("cargo::rustc-check-cfg=cfg(shared_absent)");
    println!("cargo::rerun-if-env-changed=EUCDM_COL_EXPORT");
    match std::env::var("EUCDM_COL_EXPORT") {
        Ok(p) if Path::new(&p).is_file() => println!("cargo::rerun-if-changed={p}"),
        _ => println!("cargo::rustc-cfg=col_export_absent"),
    }
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let shared = Path::new(&manifest).join("../../shared");
    println!("cargo::rerun-if-changed={}", shared.display());
    if !shared.join("data").is_dir() {
        println!("cargo::rustc-cfg=shared_absent");
    }
}
