//! The path the generated code names the runtime by, found in the invoking
//! crate's `Cargo.toml` (proc-macro-crate reads it, renamed dependencies
//! included).

use proc_macro2::{Span, TokenStream};
use proc_macro_crate::{crate_name, FoundCrate};
use quote::quote;
use syn::Ident;

/// `::eucdm_runtime` when the crate depends on `eucdm-runtime`, else
/// `::eucdm::runtime` through the façade; an error naming the dependency to
/// add when it has neither.
pub fn path() -> Result<TokenStream, String> {
    if let Ok(found) = crate_name("eucdm-runtime") {
        let name = extern_name(found, "eucdm_runtime");
        return Ok(quote!(::#name));
    }
    if let Ok(found) = crate_name("eucdm") {
        let name = extern_name(found, "eucdm");
        return Ok(quote!(::#name::runtime));
    }
    Err(
        "`#[derive(Validator)]` generates code that uses the eucdm runtime: add \
         `eucdm` to the crate's [dependencies]"
            .to_string(),
    )
}

/// The name the crate is reachable by from the invoking crate. `Itself` is
/// the façade's own examples, tests and doc tests, which reach its library
/// by its name.
fn extern_name(found: FoundCrate, own: &str) -> Ident {
    let name = match found {
        FoundCrate::Itself => own.to_string(),
        FoundCrate::Name(n) => n,
    };
    Ident::new(&name, Span::call_site())
}
