//! Compiles the rule folder and emits the derive's code, or its errors.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::{Ident, LitStr};

use crate::attrs::RuleSource;
use crate::files::{manifest_dir, normalize, track, workspace_root};

/// The `RuleSet` implementation for `ty` compiled from `source`; on errors,
/// one `compile_error!` per diagnostic, spanned on `#[rules]`, and an empty
/// implementation so that code using `ty` gets no follow-on error.
pub fn expand(ty: &Ident, source: &RuleSource) -> TokenStream {
    let span = source.rules.span();
    let runtime = match crate::runtime::path() {
        Ok(path) => path,
        Err(e) => return quote_spanned! { span => ::core::compile_error!(#e); },
    };
    let base = manifest_dir();
    let rules_dir = base.join(source.rules.value());
    let codelists_dir = base.join(
        source
            .codelists
            .as_ref()
            .map_or_else(|| "codelists".to_string(), LitStr::value),
    );
    // A user's reference-data export: each list it has replaces the shipped one.
    let reference = std::env::var_os("EUCDM_CODELISTS").map(PathBuf::from);
    match eucdm_compiler::compile_dir_with_reference(
        &rules_dir,
        &codelists_dir,
        reference.as_deref(),
    ) {
        Ok(c) => {
            let tracked = track(&c.inputs);
            let items = eucdm_compiler::codegen::derive(&c.ruleset, &runtime, ty);
            quote_spanned! { span => const _: () = { #tracked }; #items }
        }
        Err(mut f) => {
            let tracked = track(&f.inputs);
            // Name files from the workspace root, as cargo names the crate's own
            // files (`rules/ncts-p5/x.rules`, not `../rules/...` nor this
            // machine's absolute path).
            let root = workspace_root(&base);
            for file in &mut f.sources.files {
                let path = normalize(&file.path);
                if let Ok(rel) = path.strip_prefix(&root) {
                    file.path = rel.to_path_buf();
                }
            }
            let base_prefix = format!("{}/", root.display());
            let errors = f.diagnostics.iter().filter(|d| d.is_error()).map(|d| {
                // rustc prints its own `error: `; notes may name files absolutely.
                let rendered = f.sources.render(d).replace(&base_prefix, "");
                let text = rendered
                    .strip_prefix("error: ")
                    .unwrap_or(&rendered)
                    .trim_end()
                    .to_string();
                quote_spanned! { span => ::core::compile_error!(#text); }
            });
            let skeleton = eucdm_compiler::codegen::derive_skeleton(&runtime, ty);
            quote_spanned! { span =>
                const _: () = { #tracked };
                #(#errors)*
                #skeleton
            }
        }
    }
}
