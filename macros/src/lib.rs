//! `ruleset!("rules/ncts-p5", codelists = "codelists")` expands to a validator
//! compiled from the rule files. Paths are relative to the invoking crate's
//! `CARGO_MANIFEST_DIR`. If `EUCDM_CODELISTS` names a folder (a user's own
//! reference-data export, one `CLxxx.csv` per list), every declared list found
//! there replaces the shipped one and is taken as complete.
//!
//! `EUCDM_MANIFEST_DIR`, when set, is used instead of `CARGO_MANIFEST_DIR`.
//! It is for tests only: trybuild compiles its cases in a crate of its own
//! under the target folder, and the UI tests (`tests/tests/ui.rs`) set it to
//! their crate's folder so that the cases name their rule folders relative to
//! it, wherever the target folder is (trybuild issue #202).
//!
//! Errors name the rule and CSV files from the workspace root, as cargo names
//! the crate's own files (`rules/ncts-p5/x.rules`, also when the crate wrote
//! `"../rules/ncts-p5"`).
//!
//! Only glue lives here: read the arguments, call [`eucdm_compiler`], turn its
//! diagnostics into `compile_error!`s at the macro call, and name every input
//! file in an `include_bytes!` so cargo rebuilds when one changes.
//!
//! Warnings of the compiler (a code list never used, an unreachable `else
//! if`, a code-list test on an element bound to another list, ...) do not
//! stop the build and are not shown by the macro: a proc-macro on stable Rust
//! cannot emit a real warning. `eucdm check <rules dir>` prints them (exit
//! status 0 when there are only warnings), and a `build.rs` calling
//! [`eucdm_compiler::compile_dir`] gets them in `Compiled::warnings`.

use std::path::{Component, Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

struct Args {
    rules: LitStr,
    codelists: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let rules: LitStr = input.parse()?;
        let mut codelists = None;
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            match key.to_string().as_str() {
                "codelists" => codelists = Some(value),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown argument `{other}`; expected `codelists = \"<dir>\"`"),
                    ))
                }
            }
        }
        Ok(Args { rules, codelists })
    }
}

/// Compiles a rule directory into validator items (see the crate docs).
#[proc_macro]
pub fn ruleset(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let args = syn::parse_macro_input!(input as Args);
    expand(args).into()
}

fn expand(args: Args) -> TokenStream {
    let base = manifest_dir();
    let span = args.rules.span();
    let rules_dir = base.join(args.rules.value());
    let codelists_dir = base.join(
        args.codelists
            .as_ref()
            .map_or_else(|| "codelists".to_string(), LitStr::value),
    );
    // A user's reference-data export: each list it has replaces the shipped one.
    let reference = std::env::var_os("EUCDM_CODELISTS").map(PathBuf::from);
    let runtime = quote!(::eucdm_runtime);
    match eucdm_compiler::compile_dir_with_reference(
        &rules_dir,
        &codelists_dir,
        reference.as_deref(),
    ) {
        Ok(c) => {
            let items = eucdm_compiler::codegen::generate(&c.ruleset, &runtime);
            let tracked = track(&c.inputs);
            quote! { #tracked #items }
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
            // A skeleton of the expected items keeps rustc from adding follow-on errors.
            let skeleton = eucdm_compiler::codegen::skeleton(&runtime);
            quote! {
                #tracked
                #(#errors)*
                #skeleton
            }
        }
    }
}

/// The folder paths are relative to: `EUCDM_MANIFEST_DIR` (tests only, see
/// the crate docs), else the invoking crate's `CARGO_MANIFEST_DIR`.
fn manifest_dir() -> PathBuf {
    std::env::var_os("EUCDM_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// The root of the workspace `dir` belongs to: the nearest folder at or above
/// it whose `Cargo.toml` has a `[workspace]` table (cargo's own rule), else
/// `dir` itself. Lexical, as `dir` is: no symlink is resolved.
fn workspace_root(dir: &Path) -> PathBuf {
    let dir = normalize(dir);
    dir.ancestors()
        .find(|d| {
            std::fs::read_to_string(d.join("Cargo.toml"))
                .is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with("[workspace]")))
        })
        .map_or_else(|| dir.clone(), Path::to_path_buf)
}

/// `path` with `.` and `dir/..` taken out (`/ws/ncts-p5/../rules` is `/ws/rules`).
fn normalize(path: &Path) -> PathBuf {
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

fn track(inputs: &[PathBuf]) -> TokenStream {
    let paths = inputs
        .iter()
        .filter(|p| p.exists())
        .filter_map(|p| p.canonicalize().ok())
        .map(|p| p.display().to_string());
    let _ = Span::call_site();
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
