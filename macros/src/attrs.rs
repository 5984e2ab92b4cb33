//! The derive's input: which type, and the `#[rules]` and `#[codelists]`
//! attributes naming the folders to compile.

use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, ExprLit, Lit, LitStr, Meta};

/// Where the rule set is read from, as the attributes give it.
pub struct RuleSource {
    /// `#[rules = "<dir>"]`; errors in the rule files are spanned on it.
    pub rules: LitStr,
    /// `#[codelists = "<dir>"]`, when given.
    pub codelists: Option<LitStr>,
}

impl RuleSource {
    /// The folders named on `input`, after checking that `input` is a type a
    /// rule set can be derived on.
    pub fn from_input(input: &DeriveInput) -> syn::Result<RuleSource> {
        check_target(input)?;
        let mut rules = None;
        let mut codelists = None;
        for attr in &input.attrs {
            let slot = if attr.path().is_ident("rules") {
                &mut rules
            } else if attr.path().is_ident("codelists") {
                &mut codelists
            } else {
                continue;
            };
            if slot.is_some() {
                return Err(syn::Error::new_spanned(
                    &attr.meta,
                    "given twice: a rule set has one rule folder and one code-list folder",
                ));
            }
            *slot = Some(folder(attr)?);
        }
        let rules = rules.ok_or_else(|| {
            syn::Error::new(
                input.ident.span(),
                "`#[derive(Validator)]` needs the rule folder: add `#[rules = \"<dir>\"]` \
                 (relative to the crate's Cargo.toml)",
            )
        })?;
        Ok(RuleSource { rules, codelists })
    }
}

/// A struct without generic parameters: the rule set is fixed when the crate
/// is built, so a type parameter or lifetime would carry nothing.
fn check_target(input: &DeriveInput) -> syn::Result<()> {
    let kind = match &input.data {
        Data::Struct(_) => None,
        Data::Enum(e) => Some(e.enum_token.span()),
        Data::Union(u) => Some(u.union_token.span()),
    };
    if let Some(span) = kind {
        return Err(syn::Error::new(
            span,
            "`#[derive(Validator)]` is for a struct (`pub struct NctsP5;`)",
        ));
    }
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "a rule set is fixed when the crate is built: `#[derive(Validator)]` takes no generic parameters",
        ));
    }
    Ok(())
}

/// The string of `#[name = "<dir>"]`.
fn folder(attr: &Attribute) -> syn::Result<LitStr> {
    let name = attr
        .path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let expected = || {
        syn::Error::new_spanned(
            &attr.meta,
            format!(
                "expected `#[{name} = \"<dir>\"]`, a folder relative to the crate's Cargo.toml"
            ),
        )
    };
    match &attr.meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(s.clone()),
            _ => Err(expected()),
        },
        _ => Err(expected()),
    }
}
