//! `ruleset!("rules/ncts-p5", codelists = "codelists")` expands to a validator
//! compiled from the rule files. Paths are relative to the invoking crate's
//! `CARGO_MANIFEST_DIR`. If `EUCDM_CODELISTS` names a folder (a user's own
//! reference-data export, one `CLxxx.csv` per list), every declared list found
//! there replaces the shipped one and is taken as complete.
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

use std::path::PathBuf;

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
    let base = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
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
            // Name files as the user wrote them (relative to the crate), not by
            // this machine's absolute path.
            for file in &mut f.sources.files {
                if let Ok(rel) = file.path.strip_prefix(&base) {
                    file.path = rel.to_path_buf();
                }
            }
            let base_prefix = format!("{}/", base.display());
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
            let compiled = eucdm_compiler::codegen::ruleset_type(&runtime);
            quote! {
                #tracked
                #(#errors)*
                pub static VALIDATORS: &[&#runtime::MessageValidator] = &[];
                pub static SCHEMAS: &[&#runtime::MessageSchema] = &[];
                pub static RULES: [#runtime::validator::RuleInfo; 0] = [];
                pub static EXTERNALS: [(&str, &str); 0] = [];
                pub static EXPLAIN: [(&str, &str); 0] = [];
                pub const COVERAGE_TEXT: &str = "";
                pub const COVERAGE_JSON: &str = "";
                #compiled
            }
        }
    }
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
