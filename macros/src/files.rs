//! The files a derive reads: where paths are relative to, how errors name
//! them, and how cargo is told to rebuild when one changes.

use std::path::{Component, Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

/// The folder paths are relative to: `EUCDM_MANIFEST_DIR` (tests only, see
/// the crate docs), else the invoking crate's `CARGO_MANIFEST_DIR`.
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("EUCDM_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// The root of the workspace `dir` belongs to: the nearest folder at or above
/// it whose `Cargo.toml` has a `[workspace]` table (cargo's own rule), else
/// `dir` itself. Lexical, as `dir` is: no symlink is resolved.
pub fn workspace_root(dir: &Path) -> PathBuf {
    let dir = normalize(dir);
    dir.ancestors()
        .find(|d| {
            std::fs::read_to_string(d.join("Cargo.toml"))
                .is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with("[workspace]")))
        })
        .map_or_else(|| dir.clone(), Path::to_path_buf)
}

/// `path` with `.` and `dir/..` taken out (`/ws/ncts-p5/../rules` is `/ws/rules`).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Names every input in an `include_bytes!`, the way a proc-macro on stable
/// Rust has cargo rebuild the crate when a file it read changes.
pub fn track(inputs: &[PathBuf]) -> TokenStream {
    let paths = inputs
        .iter()
        .filter(|p| p.exists())
        .filter_map(|p| p.canonicalize().ok())
        .map(|p| p.display().to_string());
    quote! { #(const _: &[u8] = include_bytes!(#paths);)* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            normalize(Path::new("/ws/ncts-p5/../rules/./ncts-p5/a.rules")),
            Path::new("/ws/rules/ncts-p5/a.rules")
        );
        assert_eq!(normalize(Path::new("../x/../y")), Path::new("../y"));
    }

    #[test]
    fn the_workspace_root_is_found_from_a_member() {
        let macros = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = macros.parent().unwrap();
        assert_eq!(workspace_root(macros), root);
        assert_eq!(workspace_root(&macros.join("../ncts-p5")), root);
        // Outside any workspace: the folder itself.
        let alone = std::env::temp_dir();
        assert_eq!(workspace_root(&alone), normalize(&alone));
    }
}
