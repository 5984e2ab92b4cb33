//! `#[derive(Validator)]`: compiles a folder of eucdm rule files into a
//! validator at build time and implements the runtime's `RuleSet` trait on the
//! type it is put on. Use it through the `eucdm` crate, which re-exports it:
//!
//! ```ignore
//! #[derive(eucdm::Validator)]
//! #[rules = "rules/ncts-p5"]
//! #[codelists = "codelists"]
//! pub struct NctsP5;
//! ```
//!
//! `#[rules = "<dir>"]` is required, `#[codelists = "<dir>"]` optional (the
//! folder `codelists` beside the crate's `Cargo.toml` when not given). Paths
//! are relative to the invoking crate's `CARGO_MANIFEST_DIR`, as
//! `pest_derive`'s `#[grammar]` is, and cargo rebuilds the crate when a rule
//! file or a code-list CSV changes. If `EUCDM_CODELISTS` names a folder (a
//! user's own reference-data export, one `CLxxx.csv` per list), every declared
//! list found there replaces the shipped one and is taken as complete.
//!
//! The type must be a struct without generic parameters (a unit struct is
//! usual; fields are allowed and not looked at). Everything generated lives in
//! an anonymous `const`: nothing but the trait implementation is added, so
//! several rule sets can be derived in one module.
//!
//! The generated code names the runtime by the crate the invoking crate
//! depends on: `eucdm-runtime` when it is a dependency (as the shipped rule-set
//! crates have it), else the façade `eucdm` (`eucdm::runtime`); a renamed
//! dependency is found under its new name.
//!
//! `EUCDM_MANIFEST_DIR`, when set, is used instead of `CARGO_MANIFEST_DIR`.
//! It is for tests only: trybuild compiles its cases in a crate of its own
//! under the target folder, and the UI tests (`tests/tests/ui.rs`) set it to
//! their crate's folder so that the cases name their rule folders relative to
//! it, wherever the target folder is (trybuild issue #202).
//!
//! Errors in the rule files are `compile_error!`s spanned on the `#[rules]`
//! attribute, each naming the rule or CSV file from the workspace root, as
//! cargo names the crate's own files (`rules/ncts-p5/x.rules:12:5`, also when
//! the crate wrote `"../rules/ncts-p5"`).
//!
//! Warnings of the compiler (a code list never used, an unreachable `else
//! if`, ...) do not stop the build and are not shown by the derive: a
//! proc-macro on stable Rust cannot emit a real warning. `eucdm check <rules
//! dir>` prints them (exit status 0 when there are only warnings).

#![warn(missing_docs)]

mod attrs;
mod expand;
mod files;
mod runtime;

/// Compiles the rule folder named by `#[rules = "..."]` (and the code lists of
/// `#[codelists = "..."]`) and implements `RuleSet` on the type (see the
/// crate docs).
#[proc_macro_derive(Validator, attributes(rules, codelists))]
pub fn derive_validator(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    match attrs::RuleSource::from_input(&input) {
        Ok(source) => expand::expand(&input.ident, &source),
        Err(e) => e.to_compile_error(),
    }
    .into()
}
