//! The structure check (R status, repetitions, formats) generated per message:
//! what `eucdm_runtime::structure::check_node` looks up in the schema tables at
//! every node, decided here from the model.
//!
//! Each schema node gets its own arm in the node pass: its maximum as a
//! constant, its required children as a constant list, and its XSD type as a
//! function of its own (one per distinct type): lengths, digits and ranges as
//! constants, the enumeration as a `match`, and each pattern alternative as a
//! byte matcher when that gives the same answer as the runtime's backtracking
//! matcher ([`byte_matcher`]). The interpreter keeps the generic path, so the
//! differential tests compare the two.

use eucdm_runtime::xsd::{Lexical, OwnedAtom, OwnedRun, XsdFacets};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{ElementType, MessageModel, ModelNode};

/// The XSD functions of one message: one per distinct type.
#[derive(Default)]
pub(super) struct XsdFunctions<'a> {
    types: Vec<&'a XsdFacets>,
}

impl<'a> XsdFunctions<'a> {
    /// The name of the function that checks `x` (made on first use).
    fn name(&mut self, x: &'a XsdFacets) -> proc_macro2::Ident {
        let k = match self.types.iter().position(|y| *y == x) {
            Some(k) => k,
            None => {
                self.types.push(x);
                self.types.len() - 1
            }
        };
        format_ident!("xsd_{}", k)
    }

    /// The functions, as items of the message's module.
    pub(super) fn items(&self, rt: &TokenStream) -> TokenStream {
        let fns = self.types.iter().enumerate().map(|(k, x)| {
            let name = format_ident!("xsd_{}", k);
            let body = xsd_body(x, rt);
            quote! {
                fn #name(v: &str) -> bool {
                    #body
                }
            }
        });
        quote!(#(#fns)*)
    }
}

/// The structure checks of node `n` of schema node `node` (no arm when there
/// is nothing to check).
pub(super) fn node_checks<'a>(
    model: &MessageModel,
    node: &'a ModelNode,
    xsd: &mut XsdFunctions<'a>,
    rt: &TokenStream,
) -> TokenStream {
    let max = node.max;
    let repetition = (max != u32::MAX).then(|| {
        quote! {
            if doc.iteration(n) > #max {
                out.present(n, #rt::ErrorCode::ConditionNotAllowed, #rt::StructureFault::Max(#max));
            }
        }
    });
    let content = if node.ty == ElementType::Group {
        let required: Vec<_> = model.required_children(node).collect();
        (!required.is_empty())
            .then(|| quote!(#rt::structure::check_required(doc, n, &[#(#required),*], &mut out);))
    } else {
        // The reader applied the whiteSpace facet to the text already.
        let valid = match &node.xsd {
            Some(x) => {
                let f = xsd.name(x);
                quote!(#f(doc.text(n)))
            }
            None => {
                let format = super::value_format(node, rt);
                quote!(#rt::structure::format_ok(#format, doc.text(n)))
            }
        };
        let format = super::value_format(node, rt);
        Some(quote! {
            if !#valid {
                out.present(n, #rt::ErrorCode::Rule, #rt::StructureFault::Format(#format));
            }
        })
    };
    quote!(#repetition #content)
}

/// The body of an XSD type's function: the facets in the order of
/// `XsdType::matches_normalized`, each as code.
fn xsd_body(x: &XsdFacets, rt: &TokenStream) -> TokenStream {
    let mut tests = Vec::new();
    let (min, max) = (x.min_len, x.max_len);
    if min > 0 || max != u32::MAX {
        tests.push(quote!(#rt::xsd::length_ok(v, #min, #max)));
    }
    if x.no_edge_separator {
        tests.push(quote!(#rt::xsd::edges_ok(v)));
    }
    let opt = |v: Option<TokenStream>| v.map_or(quote!(None), |v| quote!(Some(#v)));
    match x.lexical {
        Lexical::String => {}
        Lexical::Decimal => {
            let total = opt(x.total_digits.map(|v| quote!(#v)));
            let fraction = opt(x.fraction_digits.map(|v| quote!(#v)));
            tests.push(quote!(#rt::xsd::decimal_ok(v, #total, #fraction)));
        }
        Lexical::Integer => {
            let lo = opt(x.min_inclusive.map(|v| quote!(#v)));
            let hi = opt(x.max_inclusive.map(|v| quote!(#v)));
            tests.push(quote!(#rt::xsd::integer_ok(v, #lo, #hi)));
        }
        Lexical::Date => tests.push(quote!(#rt::structure::is_date(v.as_bytes()))),
        Lexical::DateTime => tests.push(quote!(#rt::xsd::date_time_ok(v))),
    }
    if !x.enumeration.is_empty() {
        let codes = &x.enumeration;
        tests.push(quote!(matches!(v, #(#codes)|*)));
    }
    for alternatives in &x.patterns {
        let alts = alternatives.iter().map(|runs| match byte_matcher(runs) {
            Some(m) => m,
            None => {
                let runs = runs.iter().map(|r| run_literal(r, rt));
                quote!(#rt::xsd::runs_match(&[#(#runs),*], v))
            }
        });
        tests.push(quote!((#(#alts)||*)));
    }
    if tests.is_empty() {
        quote!(let _ = v; true)
    } else {
        quote!(#(#tests)&&*)
    }
}

/// The ASCII characters of a set, as a bit mask; `None` when the set is
/// negated, or is `.` or `\P{Z}`, or holds a character beyond ASCII (those
/// match characters of several bytes).
fn ascii_mask(atom: &OwnedAtom) -> Option<u128> {
    let OwnedAtom::Set {
        negated: false,
        ranges,
    } = atom
    else {
        return None;
    };
    let mut mask = 0u128;
    for &(lo, hi) in ranges {
        if hi as u32 > 0x7f {
            return None;
        }
        for c in lo as u32..=hi as u32 {
            mask |= 1 << c;
        }
    }
    Some(mask)
}

/// One alternative of a pattern as code over the bytes of `v`, when that is
/// the runtime matcher's answer (`eucdm_runtime::xsd::runs_match`). Every
/// run's characters must be ASCII: a byte of a longer character matches none,
/// so counting bytes is counting characters. A run of variable length is then
/// matched in one of two ways, each the only split that can match:
/// - when every run after it has a fixed length, it takes what they leave;
/// - when it shares no character with the runs after it up to the first that
///   must take one, it takes as many as it may (giving one back could never
///   let a later run match, so backtracking cannot change the answer).
///
/// `None` otherwise; the caller falls back to the runtime matcher.
fn byte_matcher(runs: &[OwnedRun]) -> Option<TokenStream> {
    let masks: Vec<u128> = runs
        .iter()
        .map(|r| ascii_mask(&r.atom))
        .collect::<Option<_>>()?;
    let mut steps = Vec::new();
    for (k, (r, &mask)) in runs.iter().zip(&masks).enumerate() {
        let class = byte_class(mask);
        let min = r.min as usize;
        let later = &runs[k + 1..];
        if r.min == r.max {
            steps.push(quote! {
                if b.len() < i + #min || !b[i..i + #min].iter().all(|&c| #class) {
                    break 'alt false;
                }
                i += #min;
            });
        } else if later.iter().all(|l| l.min == l.max) {
            let rest: usize = later.iter().map(|l| l.min as usize).sum();
            let max = r.max as usize;
            steps.push(quote! {
                let Some(end) = b.len().checked_sub(#rest) else { break 'alt false; };
                if end < i + #min || end - i > #max || !b[i..end].iter().all(|&c| #class) {
                    break 'alt false;
                }
                i = end;
            });
        } else {
            let upto = later
                .iter()
                .position(|l| l.min > 0)
                .map_or(later.len(), |p| p + 1);
            let next = masks[k + 1..k + 1 + upto].iter().fold(0, |a, m| a | m);
            if mask & next != 0 {
                return None;
            }
            let max = if r.max == u32::MAX {
                quote!(usize::MAX)
            } else {
                let m = r.max as usize;
                quote!(#m)
            };
            steps.push(quote! {
                let start = i;
                while i < b.len() && i - start < #max && { let c = b[i]; #class } {
                    i += 1;
                }
                if i - start < #min {
                    break 'alt false;
                }
            });
        }
    }
    Some(quote! {
        'alt: {
            let b = v.as_bytes();
            let mut i = 0usize;
            #(#steps)*
            i == b.len()
        }
    })
}

/// `matches!(c, ...)` for the bytes of `mask`, as ranges.
fn byte_class(mask: u128) -> TokenStream {
    let mut ranges = Vec::new();
    let mut c = 0u32;
    while c < 128 {
        if mask & (1 << c) == 0 {
            c += 1;
            continue;
        }
        let lo = c;
        while c < 128 && mask & (1 << c) != 0 {
            c += 1;
        }
        let (lo, hi) = (lo as u8, (c - 1) as u8);
        ranges.push(if lo == hi {
            quote!(#lo)
        } else {
            quote!(#lo..=#hi)
        });
    }
    if ranges.is_empty() {
        return quote!(false);
    }
    quote!(matches!(c, #(#ranges)|*))
}

/// A pattern run as a runtime `xsd::Run` literal.
pub(super) fn run_literal(r: &OwnedRun, rt: &TokenStream) -> TokenStream {
    let atom = match &r.atom {
        OwnedAtom::Any => quote!(#rt::xsd::Atom::Any),
        OwnedAtom::NotSeparator => quote!(#rt::xsd::Atom::NotSeparator),
        OwnedAtom::Set { negated, ranges } => {
            let ranges = ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
            quote!(#rt::xsd::Atom::Set { negated: #negated, ranges: &[#(#ranges),*] })
        }
    };
    let (min, max) = (r.min, r.max);
    quote!(#rt::xsd::Run { atom: #atom, min: #min, max: #max })
}
