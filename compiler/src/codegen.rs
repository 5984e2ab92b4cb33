//! Code generation: [`RuleSet`] to a Rust token stream that validates messages
//! with no rule text, grammar or CSV at run time.
//!
//! Everything taken from rule files enters the output through `quote!` as
//! literals, never as pasted source text.
//!
//! A message type's `validate` is one function: a pass over all nodes (the
//! structure and the code lists of the data items), the navigations from the
//! root (one array, computed once), then each rule in force. A rule's
//! conditions and assertions are Rust code; its data statements (presence,
//! numbering, uniqueness, not-all-equal) are static tables run by
//! `eucdm_runtime::checks`. Every message runs through most rules, so what is
//! code here is kept small enough for the instruction cache (BENCHMARKS.md).

use eucdm_runtime::checks::Alike;
use eucdm_runtime::format::Shape;
use eucdm_runtime::SchemaId;
use std::cell::RefCell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::codelist::{CodeList, Content};

use crate::bounded::{bounded, BoundedQuantifier};
use crate::ir::{ArithOp, Arm, CompareOp, DistinctKey, Quantifier, RuleKind};
use crate::ir::{CmpType, Cond, MessageIr, Nav, Outcome, RuleSet, SetRef, Stmt, Value};
use crate::keyed::{keyed, KeyedQuantifier};
use crate::model::MessageModel;

mod structure;

/// Lists of at most this many codes compile to a `match`; larger ones to a
/// hash table (`eucdm_runtime::codelist::find_hashed`). Measured with
/// `eucdm-codelists` (bench/): `match` is fastest up to about 16 codes, the
/// hash table from 36 codes up (4136 codes: 16 ns against 150 ns for a sorted
/// slice, 30 ns for `phf` and ~1 µs for a `match`).
const MATCH_LIMIT: usize = 16;

/// Generates the items of a rule-set module, as `build.rs` and `eucdm
/// generate` write them: one submodule per message type (`cc015c::VALIDATOR`),
/// the code lists, `VALIDATORS`, and the unit struct `Compiled` implementing
/// [`eucdm_runtime::RuleSet`] over them.
pub fn generate(rs: &RuleSet, runtime: &TokenStream) -> TokenStream {
    let items = statics(rs, runtime);
    let compiled = ruleset_type(runtime);
    quote! { #items #compiled }
}

/// What `#[derive(Validator)]` expands to on the type `ty`: the items of
/// [`generate`] in a private module, and `RuleSet` for `ty` over them, all
/// inside an anonymous `const` so that nothing is added to the caller's
/// namespace and two rule sets can be derived in one module.
pub fn derive(rs: &RuleSet, runtime: &TokenStream, ty: &Ident) -> TokenStream {
    derived(statics(rs, runtime), runtime, ty)
}

/// [`derive`] with every item empty: what the derive emits after its
/// `compile_error!`s, so that code using the type gets the rule errors and
/// no follow-on error (the type is a `RuleSet`, of no message).
pub fn derive_skeleton(runtime: &TokenStream, ty: &Ident) -> TokenStream {
    derived(items(Items::default(), runtime), runtime, ty)
}

fn derived(items: TokenStream, runtime: &TokenStream, ty: &Ident) -> TokenStream {
    let at = quote!(__eucdm_rule_set::);
    let implementation = ruleset_impl(runtime, &quote!(#ty), &at);
    quote! {
        const _: () = {
            #[allow(missing_docs, unreachable_pub)]
            mod __eucdm_rule_set {
                #items
            }
            #implementation
        };
    }
}

/// The statics of a rule set, without a type implementing `RuleSet` over them.
fn statics(rs: &RuleSet, runtime: &TokenStream) -> TokenStream {
    let names = FreshNames::default();
    let lists = rs
        .codelists
        .iter()
        .map(|c| codelist_fn(c, runtime))
        .collect();
    let messages = rs
        .messages
        .iter()
        .map(|m| message(rs, m, runtime, &names))
        .collect();
    let mods: Vec<Ident> = rs
        .messages
        .iter()
        .map(|m| format_ident!("{}", m.model.id.to_lowercase()))
        .collect();
    let rule_infos = rs
        .rules
        .iter()
        .map(|r| {
            let id = &r.id;
            let kind = kind_tokens(r.kind, runtime);
            let from = r.in_force_from.as_deref().unwrap_or("");
            let until = r.in_force_until.as_deref().unwrap_or("");
            let text = |s: &str| quote!(::std::borrow::Cow::Borrowed(#s));
            let (title, from, until) = (text(&r.title), text(from), text(until));
            quote! { #runtime::validator::RuleInfo { id: #runtime::RuleId::new(#id), kind: #kind, title: #title, from: #from, until: #until } }
        })
        .collect();
    let externals = rs
        .externals
        .iter()
        .map(|e| {
            let (hook, what) = (&e.name, &e.description);
            quote!((#hook, #what))
        })
        .collect();
    let list_infos = rs
        .codelists
        .iter()
        .map(|c| codelist_info(c, runtime))
        .collect();
    let cov = crate::coverage::coverage(rs);
    let explained = crate::explain::explain_all(rs);
    items(
        Items {
            coverage_text: crate::coverage::render_text(&cov),
            coverage_json: crate::coverage::render_json(&cov),
            explained: explained
                .iter()
                .map(|(id, text)| quote!((#id, #text)))
                .collect(),
            rule_infos,
            externals,
            codelists: lists,
            list_infos,
            messages,
            mods,
        },
        runtime,
    )
}

/// The parts of a rule-set module; [`derive`] and [`derive_skeleton`] both go
/// through [`items`], so the two cannot name different items.
#[derive(Default)]
struct Items {
    coverage_text: String,
    coverage_json: String,
    explained: Vec<TokenStream>,
    rule_infos: Vec<TokenStream>,
    externals: Vec<TokenStream>,
    codelists: Vec<TokenStream>,
    list_infos: Vec<TokenStream>,
    messages: Vec<TokenStream>,
    mods: Vec<Ident>,
}

fn items(parts: Items, runtime: &TokenStream) -> TokenStream {
    let Items {
        coverage_text,
        coverage_json,
        explained,
        rule_infos,
        externals,
        codelists,
        list_infos,
        messages,
        mods,
    } = parts;
    let (n_explained, n_rules, n_externals) = (explained.len(), rule_infos.len(), externals.len());
    let n_lists = list_infos.len();
    quote! {
        /// What the rule set covers of its specification, per message (`eucdm coverage`).
        pub const COVERAGE_TEXT: &str = #coverage_text;
        /// [`COVERAGE_TEXT`] as one JSON object.
        pub const COVERAGE_JSON: &str = #coverage_json;
        /// `eucdm explain`: per rule id, its source, title, and what its checks touch.
        pub static EXPLAIN: [(&str, &str); #n_explained] = [#(#explained),*];
        /// Every rule of the rule set (id, kind, title).
        pub static RULES: [#runtime::validator::RuleInfo; #n_rules] = [#(#rule_infos),*];
        /// The external checks the rules ask the application (hook, what it answers).
        pub static EXTERNALS: [(&str, &str); #n_externals] = [#(#externals),*];
        /// Every declared code list (id, title, how much of it is compiled in).
        pub static CODELISTS: [#runtime::CodeListInfo; #n_lists] = [#(#list_infos),*];
        /// Code lists, as membership functions `(code, date) -> bool`.
        #[allow(non_snake_case, dead_code, clippy::all)]
        pub mod codelists {
            #(#codelists)*
        }
        #(#messages)*
        /// One validator per message type.
        pub static VALIDATORS: &[&#runtime::MessageValidator] = &[#(&#mods::VALIDATOR),*];
        /// The message models, for the reader.
        pub static SCHEMAS: &[&#runtime::MessageSchema] = &[#(&#mods::SCHEMA),*];
    }
}

fn kind_tokens(k: RuleKind, rt: &TokenStream) -> TokenStream {
    match k {
        RuleKind::Condition => quote!(#rt::validator::RuleKind::Condition),
        RuleKind::Rule => quote!(#rt::validator::RuleKind::Rule),
        RuleKind::Guideline => quote!(#rt::validator::RuleKind::Guideline),
        RuleKind::Transitional => quote!(#rt::validator::RuleKind::Transitional),
    }
}

fn codelist_ident(id: &str) -> Ident {
    format_ident!("{}", id.to_lowercase())
}

/// A declared list as `RuleSet::codelists` gives it.
fn codelist_info(c: &CodeList, rt: &TokenStream) -> TokenStream {
    let (id, title) = (&c.id, &c.title);
    let content = match c.content {
        Content::Complete(_) => quote!(Complete),
        Content::Partial(_) => quote!(Partial),
        Content::NotShipped => quote!(NotShipped),
    };
    let provenance = match &c.provenance {
        None => quote!(None),
        Some(p) => {
            let (source, snapshot) = (p.source.as_ref(), p.snapshot.as_ref());
            quote!(Some(#rt::codelist::Provenance {
                source: ::std::borrow::Cow::Borrowed(#source),
                snapshot: ::std::borrow::Cow::Borrowed(#snapshot),
            }))
        }
    };
    quote! {
        #rt::CodeListInfo {
            id: #rt::CodeListId::new(#id),
            title: ::std::borrow::Cow::Borrowed(#title),
            content: #rt::ListContent::#content,
            provenance: #provenance,
        }
    }
}

fn codelist_fn(c: &CodeList, rt: &TokenStream) -> TokenStream {
    let name = codelist_ident(&c.id);
    let doc = format!("{} {}", c.id, c.title);
    let entries = match &c.content {
        Content::NotShipped => return TokenStream::new(),
        Content::Partial(e) | Content::Complete(e) => e,
    };
    if entries.len() > MATCH_LIMIT {
        let mut sorted: Vec<_> = entries.iter().collect();
        sorted.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        let codes: Vec<&str> = sorted.iter().map(|e| e.code.as_str()).collect();
        if let Some(table) = eucdm_runtime::codelist::hash_table(&codes) {
            let (n, size) = (codes.len(), table.len());
            let dated = sorted
                .iter()
                .any(|e| !e.valid_from.is_empty() || !e.valid_to.is_empty());
            // Validity periods, by the code's index, when any code has one.
            let (valid, found) = if dated {
                let from = sorted.iter().map(|e| e.valid_from.as_str());
                let to = sorted.iter().map(|e| e.valid_to.as_str());
                (
                    quote!(static VALID: [(&str, &str); #n] = [#((#from, #to)),*];),
                    quote!(Some(i) => date.is_empty() || #rt::codelist::valid_on(date, VALID[i].0, VALID[i].1),),
                )
            } else {
                (TokenStream::new(), quote!(Some(_) => true,))
            };
            return quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(code: &str, date: &str) -> bool {
                    static CODES: [&str; #n] = [#(#codes),*];
                    static TABLE: [u16; #size] = [#(#table),*];
                    #valid
                    match #rt::codelist::find_hashed(&TABLE, &CODES, code) {
                        #found
                        None => false,
                    }
                }
            };
        }
    }
    let (dated, plain): (Vec<_>, Vec<_>) = entries
        .iter()
        .partition(|e| !e.valid_from.is_empty() || !e.valid_to.is_empty());
    let dated_arms = dated.iter().map(|e| {
        let (code, from, to) = (&e.code, &e.valid_from, &e.valid_to);
        quote! { #code => date.is_empty() || #rt::codelist::valid_on(date, #from, #to), }
    });
    let mut plain_codes: Vec<&str> = plain.iter().map(|e| e.code.as_str()).collect();
    plain_codes.sort_unstable();
    let plain_test = if plain_codes.is_empty() {
        quote!(false)
    } else if plain_codes.len() <= MATCH_LIMIT {
        quote!(matches!(code, #(#plain_codes)|*))
    } else {
        let n = plain_codes.len();
        quote! {{
            static CODES: [&str; #n] = [#(#plain_codes),*];
            #rt::codelist::contains_sorted(&CODES, code)
        }}
    };
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(code: &str, date: &str) -> bool {
            let _ = date;
            match code {
                #(#dated_arms)*
                _ => #plain_test,
            }
        }
    }
}

fn message(rs: &RuleSet, m: &MessageIr, rt: &TokenStream, names: &FreshNames) -> TokenStream {
    let module = format_ident!("{}", m.model.id.to_lowercase());
    let model = &m.model;
    let id = &model.id;
    let ns = &model.namespace;
    // The XSD types, one static each however many items share it.
    let mut xsd_types: Vec<&eucdm_runtime::xsd::XsdFacets> = Vec::new();
    let xsd_of: Vec<TokenStream> = model
        .nodes
        .iter()
        .map(|n| match &n.xsd {
            None => quote!(None),
            Some(x) => {
                let k = match xsd_types.iter().position(|y| *y == x) {
                    Some(k) => k,
                    None => {
                        xsd_types.push(x);
                        xsd_types.len() - 1
                    }
                };
                quote!(Some(&XSD[#k]))
            }
        })
        .collect();
    let xsd_static = (!xsd_types.is_empty()).then(|| {
        let n_xsd = xsd_types.len();
        let xsd_statics = xsd_types.iter().map(|x| xsd_literal(x, rt));
        quote!(static XSD: [#rt::XsdType; #n_xsd] = [#(#xsd_statics),*];)
    });
    let nodes = model.nodes.iter().zip(&xsd_of).map(|(n, xsd)| {
        let name = &n.name;
        let parent = n.parent.schema_id();
        let max = n.max;
        let group = n.ty == crate::model::ElementType::Group;
        let children = n.children.iter().map(|c| c.schema_id());
        let required = model.required_children(n);
        let status = match n.runtime_status() {
            eucdm_runtime::Status::Required => quote!(Required),
            eucdm_runtime::Status::Dependent => quote!(Dependent),
            eucdm_runtime::Status::Optional => quote!(Optional),
        };
        let format = value_format(n, rt);
        quote! {
            #rt::SchemaNode {
                name: #name, parent: #parent, max: #max, group: #group, children: &[#(#children),*],
                required: &[#(#required),*],
                status: #rt::Status::#status, format: #format, xsd: #xsd,
            }
        }
    });
    let n_nodes = model.nodes.len();
    let context_only = model.context_only;

    let date = match m.date_node {
        Some(n) => {
            let n = n.schema_id();
            quote! {
                let date: &str = match &opts.date {
                    Some(d) => d.as_str(),
                    None => doc.child(doc.root(), #n).map_or("", |p| #rt::value::prefix(doc.text(p), 10)),
                };
            }
        }
        None => quote!(let date: &str = opts.date.as_deref().unwrap_or("");),
    };

    // Code-list checks: one pass over all nodes, dispatching on the schema id.
    // Reference data given at run time answers first; a list compiled in
    // part or not at all is checked only then.
    let codelist_check = |c: &crate::ir::CodelistCheck| {
        let list = &rs.codelists[c.codelist];
        let (f, id) = (codelist_ident(&list.id), &list.id);
        let given = quote!(#rt::refdata::answer(opts.codelists, #id, t, date));
        let valid = if list.is_complete() {
            quote!(#given.unwrap_or_else(|| super::codelists::#f(t, date)))
        } else {
            quote!(#given != Some(false))
        };
        quote! { { let t = doc.text(n); if !(#valid) { out.present(n, #rt::ErrorCode::CodeList, #rt::CodeListId::new(#id)); } } }
    };
    // The structure (R status, repetitions, formats) is checked in the same
    // pass, each schema node's checks generated from the model
    // (`codegen/structure.rs`).
    let mut xsd_fns = structure::XsdFunctions::default();
    let node_arms: Vec<TokenStream> = model
        .nodes
        .iter()
        .enumerate()
        .map(|(k, node)| {
            let sid = k as SchemaId;
            let shape = structure::node_checks(model, node, &mut xsd_fns, rt);
            let lists = m
                .codelist_checks
                .iter()
                .filter(|c| c.node.schema_id() == sid)
                .map(codelist_check);
            quote! { #sid => { #shape #(#lists)* } }
        })
        .collect();
    let (xsd_fns, node_pass) = if model.context_only {
        // A message from customs is read as context of a movement, not validated.
        (TokenStream::new(), TokenStream::new())
    } else {
        let node_pass = quote! {
            for n in 0..doc.len() as #rt::NodeId {
                match doc.schema_of(n) {
                    #(#node_arms)*
                    _ => {}
                }
            }
        };
        (xsd_fns.items(rt), node_pass)
    };

    let roots = RefCell::new(RootNavs::default());
    let periods = RefCell::new(Vec::new());
    let key_indexes = RefCell::new(Vec::new());
    let checks = m.checks.iter().map(|c| {
        let meta = rs.rule(c.rule);
        let g = Gen {
            rt,
            rule: meta.reported_id(),
            own: &meta.id,
            number: meta.error.as_ref().map(|e| e.number),
            kind: meta.kind,
            lists: &rs.codelists,
            model,
            roots: &roots,
            names,
            messages: &rs.messages,
            key_indexes: &key_indexes,
        };
        let body = g.stmts(&c.body, &format_ident!("root"));
        let guard = in_force(meta, &periods);
        // Not applied while a rule that applies to this message and disables it is in force.
        let disabled = m
            .checks
            .iter()
            .map(|d| rs.rule(d.rule))
            .filter(|d| d.disables.contains(&meta.id))
            .map(|d| in_force(d, &periods));
        let guard = quote!(#guard #(&& !(#disabled))*);
        let doc_comment = format!("{} {}", meta.id, meta.title);
        quote! {
            #[doc = #doc_comment]
            if #guard {
                #body
            }
        }
    });
    let checks: Vec<TokenStream> = checks.collect();
    let key_indexes = key_indexes.into_inner();
    // The root navigations, computed once per message: one call fills the
    // array of those that are schema paths (a slice of the instance index
    // each); the others are collected level by level.
    let roots = roots.into_inner();
    let n_navs = roots.instances.len();
    let instances = &roots.instances;
    let mut root_navs = Vec::new();
    if !instances.is_empty() {
        root_navs.push(
            quote!(let navs: [&[#rt::NodeId]; #n_navs] = doc.index().of_each(&[#(#instances),*]);),
        );
    }
    for (j, down) in roots.reached.iter().enumerate() {
        let name = format_ident!("root_reach_{}", j);
        let down = ids(down);
        root_navs.push(quote!(let #name = doc.reach(root, #down);));
    }

    // Whether each period of the rules is in force on the message's date:
    // tested once per message, not once per rule.
    let periods = periods.into_inner();
    let periods = periods.iter().enumerate().map(|(k, (from, until))| {
        let name = format_ident!("period_{}", k);
        quote!(let #name = #rt::validator::in_force(date, #from, #until);)
    });

    quote! {
        // The doc comment on each rule's block names the rule for a reader of the code.
        #[allow(unused_variables, unused_mut, unused_doc_comments, clippy::all)]
        pub mod #module {
            use ::core::ops::ControlFlow;
            /// The message model.
            pub static SCHEMA: #rt::MessageSchema = #rt::MessageSchema {
                id: #id,
                namespace: #ns,
                nodes: &NODES,
                context_only: #context_only,
            };
            static NODES: [#rt::SchemaNode; #n_nodes] = [#(#nodes),*];
            #xsd_static
            #xsd_fns
            /// The validator for this message type.
            pub static VALIDATOR: #rt::MessageValidator = #rt::MessageValidator {
                schema: &SCHEMA,
                rules: &super::RULES,
                validate,
            };
            /// Validates one message of this type.
            pub fn validate(doc: &#rt::Document, opts: &#rt::Options<'_>) -> #rt::Report {
                let mut out = #rt::Collector::new(doc);
                let root = doc.root();
                #date
                #node_pass
                #(#root_navs)*
                #(#periods)*
                #(#key_indexes)*
                #(#checks)*
                out.finish(date)
            }
        }
    }
}

/// The runtime format of a data item as tokens.
fn value_format(n: &crate::model::ModelNode, rt: &TokenStream) -> TokenStream {
    use eucdm_runtime::ValueFormat;
    match n.value_format() {
        ValueFormat::None => quote!(#rt::ValueFormat::None),
        ValueFormat::Date => quote!(#rt::ValueFormat::Date),
        ValueFormat::DateTime => quote!(#rt::ValueFormat::DateTime),
        ValueFormat::Text(f) => {
            let f = format_literal(&f, rt);
            quote!(#rt::ValueFormat::Text(#f))
        }
    }
}

/// An item's XSD type as a constant.
fn xsd_literal(x: &eucdm_runtime::xsd::XsdFacets, rt: &TokenStream) -> TokenStream {
    use eucdm_runtime::xsd::{Lexical, WhiteSpace};
    let ws = match x.whitespace {
        WhiteSpace::Preserve => quote!(Preserve),
        WhiteSpace::Replace => quote!(Replace),
        WhiteSpace::Collapse => quote!(Collapse),
    };
    let lexical = match x.lexical {
        Lexical::String => quote!(String),
        Lexical::Decimal => quote!(Decimal),
        Lexical::Integer => quote!(Integer),
        Lexical::Date => quote!(Date),
        Lexical::DateTime => quote!(DateTime),
    };
    let opt = |v: Option<TokenStream>| v.map_or(quote!(None), |v| quote!(Some(#v)));
    let (min_len, max_len, nosep) = (x.min_len, x.max_len, x.no_edge_separator);
    let total = opt(x.total_digits.map(|v| quote!(#v)));
    let fraction = opt(x.fraction_digits.map(|v| quote!(#v)));
    let min_incl = opt(x.min_inclusive.map(|v| quote!(#v)));
    let max_incl = opt(x.max_inclusive.map(|v| quote!(#v)));
    let enumeration = &x.enumeration;
    let patterns = x.patterns.iter().map(|alts| {
        let alts = alts.iter().map(|runs| {
            let runs = runs.iter().map(|r| structure::run_literal(r, rt));
            quote!(&[#(#runs),*])
        });
        quote!(&[#(#alts),*])
    });
    quote! {
        #rt::XsdType {
            whitespace: #rt::xsd::WhiteSpace::#ws, lexical: #rt::xsd::Lexical::#lexical,
            min_len: #min_len, max_len: #max_len, no_edge_separator: #nosep,
            total_digits: #total, fraction_digits: #fraction,
            min_inclusive: #min_incl, max_inclusive: #max_incl,
            enumeration: &[#(#enumeration),*], patterns: &[#(#patterns),*],
        }
    }
}

/// A format as a constant the generated code matches against.
fn format_literal(f: &eucdm_runtime::format::Format, rt: &TokenStream) -> TokenStream {
    use eucdm_runtime::format::Class;
    let class = match f.class {
        Class::Alpha => quote!(Alpha),
        Class::AlphaNum => quote!(AlphaNum),
        Class::Numeric => quote!(Numeric),
    };
    let (min, max, fraction) = (f.min, f.max, f.fraction);
    quote! {
        #rt::format::Format { class: #rt::format::Class::#class, min: #min, max: #max, fraction: #fraction }
    }
}

/// Whether `meta` is in force on the message's `date`.
/// Whether the rule is in force on the message's date: `true`, or the variable
/// of its period (see `periods` in [`message`]).
fn in_force(meta: &crate::ir::RuleMeta, periods: &RefCell<Vec<(String, String)>>) -> TokenStream {
    let from = meta.in_force_from.clone().unwrap_or_default();
    let until = meta.in_force_until.clone().unwrap_or_default();
    if from.is_empty() && until.is_empty() {
        return quote!(true);
    }
    let k = slot(&mut periods.borrow_mut(), (from, until));
    let name = format_ident!("period_{}", k);
    quote!(#name)
}

/// How a statement of a body is generated.
enum Emit<T> {
    /// It checks nothing (`X optional`).
    Nothing,
    /// As data (a `checks::Op`, a batched `checks::Step`).
    Data(T),
    /// As code of its own.
    Code,
}

/// A data statement: the navigation to its instances, its `checks::Op` and
/// its error code.
struct DataOp<'s> {
    nav: &'s Nav,
    op: TokenStream,
    code: TokenStream,
}

struct Gen<'a> {
    rt: &'a TokenStream,
    /// The reason the rule's undecided notes give (`error ... cites`, else its id).
    rule: &'a str,
    /// The rule's own id (`E8623`), which its violations carry with the id they cite.
    own: &'a str,
    /// `error 8623`: the code of all its violations.
    number: Option<u16>,
    kind: RuleKind,
    lists: &'a [CodeList],
    /// Navigations from the root shared by the checks of one message: each is
    /// computed once per message, before the checks (`navs[i]`, `root_reach_j`).
    roots: &'a RefCell<RootNavs>,
    model: &'a MessageModel,
    names: &'a FreshNames,
    /// Every message of the rule set (`Cond::Context` reads another).
    messages: &'a [MessageIr],
    /// The key indexes of the message's keyed quantifiers (`crate::keyed`),
    /// declared once per message before the checks: `key_index_i`.
    key_indexes: &'a RefCell<Vec<TokenStream>>,
}

/// The navigations from the root shared by the checks of one message.
#[derive(Default)]
struct RootNavs {
    /// Schema paths, by their last node: all its instances.
    instances: Vec<SchemaId>,
    /// Other paths (through a node that is not its predecessor's child).
    reached: Vec<Vec<SchemaId>>,
}

/// Where `key` is in `list`, added at the end when it is not there yet.
fn slot<K: PartialEq>(list: &mut Vec<K>, key: K) -> usize {
    match list.iter().position(|k| *k == key) {
        Some(i) => i,
        None => {
            list.push(key);
            list.len() - 1
        }
    }
}

/// Whether `down`, from the root, is the schema path to its last node: then it
/// reaches every instance of that node.
fn is_schema_path(model: &MessageModel, down: &[SchemaId]) -> bool {
    let from = std::iter::once(&0).chain(down.iter());
    down.iter().zip(from).all(|(&d, &up)| {
        d != 0
            && model
                .nodes
                .get(usize::from(d))
                .is_some_and(|n| n.parent.schema_id() == up)
    })
}

/// A schema path as a `&[SchemaId]` literal.
fn ids(v: &[SchemaId]) -> TokenStream {
    quote!(&[#(#v),*])
}

impl Gen<'_> {
    /// The reason of the rule's violations: the rule, or the id it cites
    /// with the rule (`eucdm_runtime::Reason::Cited`).
    fn reason(&self) -> TokenStream {
        let (rt, rule, own) = (self.rt, self.rule, self.own);
        if rule == own {
            quote!(#rt::Reason::Rule(#rt::RuleId::new(#rule)))
        } else {
            quote!(#rt::Reason::Cited { rule: #rt::RuleId::new(#own), cites: #rt::RuleId::new(#rule) })
        }
    }

    fn code(&self, default: TokenStream) -> TokenStream {
        let rt = self.rt;
        if let Some(n) = self.number {
            quote!(#rt::ErrorCode::Numbered(#n))
        } else if self.kind == RuleKind::Transitional {
            quote!(#rt::ErrorCode::Transitional)
        } else {
            default
        }
    }

    /// Statements in order; each run of data statements over root
    /// navigations becomes one static table for [`eucdm_runtime::checks::run`].
    fn stmts(&self, stmts: &[Stmt], ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        let reason = self.reason();
        let mut out = TokenStream::new();
        let mut steps = Vec::new();
        let flush = |steps: &mut Vec<TokenStream>, out: &mut TokenStream| {
            if steps.is_empty() {
                return;
            }
            let n = steps.len();
            out.extend(quote! {{
                static STEPS: [#rt::checks::Step; #n] = [#(#steps),*];
                #rt::checks::run(doc, &mut out, &navs, &STEPS, &#reason);
            }});
            steps.clear();
        };
        for s in stmts {
            match self.step(s, ctx) {
                Emit::Data(step) => steps.push(step),
                Emit::Nothing => {}
                Emit::Code => {
                    flush(&mut steps, &mut out);
                    out.extend(self.stmt(s, ctx));
                }
            }
        }
        flush(&mut steps, &mut out);
        out
    }

    /// A statement as a [`eucdm_runtime::checks::Step`], when it is a data
    /// statement over a root navigation.
    fn step(&self, s: &Stmt, ctx: &Ident) -> Emit<TokenStream> {
        let rt = self.rt;
        let DataOp { nav, op, code } = match self.data_op(s) {
            Emit::Data(d) => d,
            Emit::Nothing => return Emit::Nothing,
            Emit::Code => return Emit::Code,
        };
        match self.root_slot(ctx, nav) {
            Some(i) => {
                let i = i as u16;
                Emit::Data(quote!(#rt::checks::Step { nav: #i, op: #op, code: #code }))
            }
            None => Emit::Code,
        }
    }

    /// A data statement (presence, numbering, uniqueness, not-all-equal) as
    /// the navigation to its instances, its `checks::Op` and its error code.
    fn data_op<'s>(&self, s: &'s Stmt) -> Emit<DataOp<'s>> {
        let rt = self.rt;
        let (nav, op, code) = match s {
            Stmt::Presence {
                outcome: Outcome::Optional,
                ..
            } => return Emit::Nothing,
            Stmt::Presence {
                parent,
                target,
                outcome,
                at_least_one,
                ..
            } => {
                let t = target.schema_id();
                let (op, code) = match (outcome, at_least_one) {
                    (Outcome::Mandatory, false) => (quote!(Require(#t)), quote!(ConditionMissing)),
                    (Outcome::Mandatory, true) => {
                        (quote!(RequireOne(#t)), quote!(ConditionMissing))
                    }
                    _ => (quote!(Forbid(#t)), quote!(ConditionNotAllowed)),
                };
                (parent, op, code)
            }
            Stmt::Sequential {
                outer,
                group,
                item,
                from,
            } => {
                let (group, item) = (ids(group), ids(item));
                let op = quote!(Sequential { group: #group, item: #item, from: #from });
                (outer, op, quote!(Rule))
            }
            Stmt::Unique { outer, down } => {
                let down = ids(down);
                (outer, quote!(Unique(#down)), quote!(Rule))
            }
            Stmt::NotAllEqual { subject } => (subject, quote!(NotAllEqual), quote!(Rule)),
            _ => return Emit::Code,
        };
        let code = self.code(quote!(#rt::ErrorCode::#code));
        let op = quote!(#rt::checks::Op::#op);
        Emit::Data(DataOp { nav, op, code })
    }

    /// `body` with `var` bound to each node `nav` reaches from `ctx`.
    fn walk(&self, ctx: &Ident, nav: &Nav, var: &Ident, body: TokenStream) -> TokenStream {
        // The context itself (`for each` over a statement's own group): no
        // walk. Statement code has no early exit, so the body runs as is.
        if nav.up == 0 && nav.down.is_empty() {
            return quote! {{
                let #var = #ctx;
                #body
            }};
        }
        let w = self.walk_call(
            ctx,
            nav,
            quote!(&mut |#var| {
                #body
                ControlFlow::Continue(())
            }),
        );
        quote! {
            let _ = #w;
        }
    }

    /// The index in `navs` of the shared navigation for `nav` from `ctx`, when
    /// `ctx` is the root and `nav` is a schema path down from it.
    fn root_slot(&self, ctx: &Ident, nav: &Nav) -> Option<usize> {
        if nav.up != 0 || *ctx != "root" || !is_schema_path(self.model, &nav.down) {
            return None;
        }
        let last = *nav.down.last()?;
        Some(slot(&mut self.roots.borrow_mut().instances, last))
    }

    /// The shared navigation for `nav` from `ctx`, when `ctx` is the root and
    /// `nav` goes down (computed once per message, see [`RootNavs`]): an
    /// expression of type `&[NodeId]`.
    fn root_nav(&self, ctx: &Ident, nav: &Nav) -> Option<TokenStream> {
        if let Some(i) = self.root_slot(ctx, nav) {
            return Some(quote!(navs[#i]));
        }
        if nav.up != 0 || nav.down.is_empty() || *ctx != "root" {
            return None;
        }
        let j = slot(&mut self.roots.borrow_mut().reached, nav.down.clone());
        let name = format_ident!("root_reach_{}", j);
        Some(quote!((&*#name)))
    }

    /// `doc.walk(ctx, up, down, f)`, or the same walk over a shared root navigation.
    fn walk_call(&self, ctx: &Ident, nav: &Nav, f: TokenStream) -> TokenStream {
        let rt = self.rt;
        match self.root_nav(ctx, nav) {
            Some(r) => quote!(#rt::document::each(&#r, #f)),
            None => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(doc.walk(#ctx, #up, #down, #f))
            }
        }
    }

    /// The instances a statement of [`eucdm_runtime::checks`] applies to: a
    /// shared root navigation, or a walk.
    fn reach(&self, ctx: &Ident, nav: &Nav) -> TokenStream {
        let rt = self.rt;
        match self.root_nav(ctx, nav) {
            Some(r) => quote!(#rt::checks::Reach::Nodes(&#r)),
            None => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(#rt::checks::Reach::Walk { from: #ctx, up: #up, down: #down })
            }
        }
    }

    /// `doc.find(ctx, up, down)`, or the first node of a shared root navigation.
    fn find_call(&self, ctx: &Ident, nav: &Nav) -> TokenStream {
        if nav.up == 0 && nav.down.is_empty() {
            return quote!(Some(#ctx));
        }
        match self.root_nav(ctx, nav) {
            Some(r) => quote!(#r.first().copied()),
            None => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(doc.find(#ctx, #up, #down))
            }
        }
    }

    fn stmt(&self, s: &Stmt, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        let rule = self.rule;
        match s {
            Stmt::If {
                arms, otherwise, ..
            } => {
                let mut tail = self.stmts(otherwise, ctx);
                for Arm { cond: c, body, .. } in arms.iter().rev() {
                    let c = self.anchored(c, ctx);
                    let body = self.stmts(body, ctx);
                    tail = quote! {
                        match #c {
                            #rt::Tri::True => { #body }
                            #rt::Tri::Unknown => out.undecided(#ctx, #rt::RuleId::new(#rule)),
                            #rt::Tri::False => { #tail }
                        }
                    };
                }
                tail
            }
            Stmt::ForEach { nav, body } => {
                let var = self.names.fresh("each");
                let inner = self.stmts(body, &var);
                self.walk(ctx, nav, &var, inner)
            }
            Stmt::Assert { subject, test } => {
                let s = self.names.fresh("subject");
                let code = self.code(quote!(#rt::ErrorCode::Rule));
                let t = self.anchored(test, &s);
                let reason = self.reason();
                self.walk(
                    ctx,
                    subject,
                    &s,
                    quote! {
                        match #t {
                            #rt::Tri::False => out.present(#s, #code, #reason),
                            #rt::Tri::Unknown => out.undecided(#s, #rt::RuleId::new(#rule)),
                            #rt::Tri::True => {}
                        }
                    },
                )
            }
            Stmt::Presence { .. }
            | Stmt::Sequential { .. }
            | Stmt::Unique { .. }
            | Stmt::NotAllEqual { .. } => match self.data_op(s) {
                Emit::Data(DataOp { nav, op, code }) => {
                    let reach = self.reach(ctx, nav);
                    let reason = self.reason();
                    quote! { #rt::checks::apply(doc, &mut out, #reach, #op, #code, &#reason); }
                }
                _ => TokenStream::new(),
            },
        }
    }

    /// A statement's condition: `this X` in it is evaluated from `ctx`, the
    /// anchor, in `this_doc`, the message validated, which a test of another
    /// message (`Cond::Context`) does not shadow as it does `doc` (both bound
    /// only when the condition uses them).
    fn anchored(&self, c: &Cond, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        let t = self.cond(c, ctx);
        if uses_this(c) {
            quote!({ let anchor = #ctx; let this_doc: &#rt::Document = doc; #t })
        } else {
            t
        }
    }

    /// A keyed quantifier (`crate::keyed`): a lookup in its index, a
    /// `KeyIndex` declared for the message, built on the first lookup. One
    /// quantifier reads one document in a validation: the message validated,
    /// or inside a test of another message (`Cond::Context`) always the same
    /// message of the movement.
    fn keyed(&self, k: &KeyedQuantifier<'_>, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        let index = {
            let mut declared = self.key_indexes.borrow_mut();
            let name = format_ident!("key_index_{}", declared.len());
            let ty = if k.numeric {
                quote!(#rt::value::Decimal)
            } else {
                quote!(::std::string::String)
            };
            declared.push(quote!(let #name = #rt::keyed::KeyIndex::<#ty>::new();));
            name
        };
        let var = self.names.fresh("each");
        let (probe, key) = if k.numeric {
            (self.number(k.probe, ctx), self.number(k.key, &var))
        } else {
            let (probe, key) = (self.text(k.probe, ctx), self.text(k.key, &var));
            (
                quote!(#probe.map(::std::string::ToString::to_string)),
                quote!(#key.map(::std::string::ToString::to_string)),
            )
        };
        let other_than = if k.others {
            quote!(Some(#ctx))
        } else {
            quote!(None)
        };
        let walk = self.walk_call(ctx, k.nav, quote!(&mut |#var| add(#var, #key)));
        let up = k.nav.up;
        let none = k.none;
        quote!({
            let probe = #probe;
            let found = #index.has(doc, doc.ancestor(#ctx, #up), probe.as_ref(), #other_than, |add| {
                let _ = #walk;
            });
            #rt::Tri::from_bool(found != #none)
        })
    }

    /// A bounded quantifier (`crate::bounded`): a comparison with the bounds
    /// of its instances, from a `BoundsIndex` declared for the message (as a
    /// keyed quantifier's index is).
    fn bounded(&self, b: &BoundedQuantifier<'_>, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        let index = {
            let mut declared = self.key_indexes.borrow_mut();
            let name = format_ident!("key_index_{}", declared.len());
            declared.push(quote!(let #name = #rt::bounds::BoundsIndex::new();));
            name
        };
        let var = self.names.fresh("each");
        let (probe, key) = (self.number(b.probe, ctx), self.number(b.key, &var));
        let walk = self.walk_call(ctx, b.nav, quote!(&mut |#var| add(#key)));
        let up = b.nav.up;
        let order = format_ident!("{}", format!("{:?}", b.order));
        let answer = match b.quantifier {
            Quantifier::Any => quote!(bounds.any(order, probe)),
            Quantifier::All => quote!(bounds.all(order, probe)),
            Quantifier::None => quote!(!bounds.any(order, probe)),
        };
        quote!({
            let probe = #probe;
            let order = #rt::bounds::Order::#order;
            let bounds = #index.of(doc.ancestor(#ctx, #up), |add| {
                let _ = #walk;
            });
            #rt::Tri::from_bool(#answer)
        })
    }

    /// An expression of type `Tri`.
    fn cond(&self, c: &Cond, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        if let Some(k) = keyed(c) {
            return self.keyed(&k, ctx);
        }
        if let Some(b) = bounded(c) {
            return self.bounded(&b, ctx);
        }
        match c {
            Cond::Const(b) => quote!(#rt::Tri::from_bool(#b)),
            Cond::And(v) => {
                let mut it = v.iter().map(|x| self.cond(x, ctx));
                let first = it.next().unwrap_or(quote!(#rt::Tri::True));
                it.fold(first, |acc, x| quote!(#acc.and(|| #x)))
            }
            Cond::Or(v) => {
                let mut it = v.iter().map(|x| self.cond(x, ctx));
                let first = it.next().unwrap_or(quote!(#rt::Tri::False));
                it.fold(first, |acc, x| quote!(#acc.or(|| #x)))
            }
            Cond::Not(x) => {
                let x = self.cond(x, ctx);
                quote!(#x.not())
            }
            Cond::Sequential { nav, from } => {
                let reach = self.reach(ctx, nav);
                quote!(#rt::Tri::from_bool(#rt::checks::numbered(doc, #reach, #from)))
            }
            Cond::Exists(nav) => {
                let f = self.find_call(ctx, nav);
                quote!(#rt::Tri::from_bool(#f.is_some()))
            }
            Cond::Unchanged { message, elements } => {
                let module = format_ident!("{}", self.messages[*message].model.id.to_lowercase());
                let tree = same_tree(elements, rt);
                quote!(match opts.movement {
                    None => #rt::Tri::Unknown,
                    Some(movement) => {
                        static ELEMENTS: &[#rt::checks::Same] = #tree;
                        let sent = #rt::movement::sent(movement, &super::#module::SCHEMA);
                        let (a, b) = (doc.root(), sent.root());
                        #rt::Tri::from_bool(ELEMENTS.iter().all(|s| #rt::checks::unchanged(doc, a, &sent, b, s)))
                    }
                })
            }
            Cond::Context { message, body } => {
                // The other message's document shadows `doc`: the body reads it
                // from its root (never through the validated message's shared
                // root navigations, which only a context named `root` uses).
                let module = format_ident!("{}", self.messages[*message].model.id.to_lowercase());
                let root = self.names.fresh("context_root");
                let rebind = if uses_this(body) {
                    // `this X` in the test: from where it is entered (`ir::Cond::Context`).
                    quote!(let anchor = #ctx;)
                } else {
                    TokenStream::new()
                };
                let body = self.cond(body, &root);
                quote!(match opts.movement {
                    None => #rt::Tri::Unknown,
                    Some(movement) => {
                        #rebind
                        let sent = #rt::movement::sent(movement, &super::#module::SCHEMA);
                        let doc: &#rt::Document = &sent;
                        let #root = doc.root();
                        #body
                    }
                })
            }
            Cond::Quantified {
                quantifier,
                nav,
                body,
                others,
            } => {
                let var = self.names.fresh("each");
                let body = self.cond(body, &var);
                // `other`: the instance holding the context is not one of the others.
                let skip = if *others {
                    quote!(if doc.contains(#var, #ctx) { return ControlFlow::Continue(()); })
                } else {
                    TokenStream::new()
                };
                let (init, combine, stop, finish) = match quantifier {
                    Quantifier::Any => (
                        quote!(False),
                        quote!(r = r.or(|| t)),
                        quote!(True),
                        quote!(r),
                    ),
                    Quantifier::None => (
                        quote!(False),
                        quote!(r = r.or(|| t)),
                        quote!(True),
                        quote!(r.not()),
                    ),
                    Quantifier::All => (
                        quote!(True),
                        quote!(r = r.and(|| t)),
                        quote!(False),
                        quote!(r),
                    ),
                };
                let w = self.walk_call(ctx, nav, quote!(&mut |#var| {
                    #skip
                    let t = #body;
                    #combine;
                    if r == #rt::Tri::#stop { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
                }));
                quote! {{
                    let mut r = #rt::Tri::#init;
                    let _ = #w;
                    #finish
                }}
            }
            Cond::Compare {
                lhs, op, rhs, ty, ..
            } => {
                let ne = *op == CompareOp::Ne;
                let op = match op {
                    CompareOp::Eq => quote!(==),
                    CompareOp::Ne => quote!(!=),
                    CompareOp::Lt => quote!(<),
                    CompareOp::Le => quote!(<=),
                    CompareOp::Gt => quote!(>),
                    CompareOp::Ge => quote!(>=),
                };
                match ty {
                    CmpType::Number => {
                        let a = self.number(lhs, ctx);
                        let b = self.number(rhs, ctx);
                        quote!(match (#a, #b) { (Some(a), Some(b)) => #rt::Tri::from_bool(a #op b), _ => #rt::Tri::False })
                    }
                    CmpType::Date => {
                        let a = self.text(lhs, ctx);
                        let b = self.text(rhs, ctx);
                        quote!(match (#a, #b) {
                            (Some(a), Some(b)) => match #rt::value::cmp_date(a, b) {
                                Some(o) => #rt::Tri::from_bool(o #op ::core::cmp::Ordering::Equal),
                                None => #rt::Tri::Unknown,
                            },
                            _ => #rt::Tri::False,
                        })
                    }
                    // NaN: every comparison false but `!=` (`ir::CmpType::Ieee`).
                    CmpType::Ieee => {
                        let a = self.number(lhs, ctx);
                        let b = self.number(rhs, ctx);
                        quote!(match (#a, #b) { (Some(a), Some(b)) => #rt::Tri::from_bool(a #op b), _ => #rt::Tri::from_bool(#ne) })
                    }
                    CmpType::Text => {
                        let a = self.text(lhs, ctx);
                        let b = self.text(rhs, ctx);
                        quote!(match (#a, #b) { (Some(a), Some(b)) => #rt::Tri::from_bool(a #op b), _ => #rt::Tri::False })
                    }
                }
            }
            Cond::InSet { value, set, .. } => {
                let v = self.text(value, ctx);
                let test = match set {
                    SetRef::Literal(codes) => quote!(#rt::Tri::from_bool(matches!(s, #(#codes)|*))),
                    // Not shipped: no code is known, every answer is "undecided".
                    SetRef::CodeList { index, .. }
                        if matches!(self.lists[*index].content, Content::NotShipped) =>
                    {
                        quote!(#rt::Tri::Unknown)
                    }
                    SetRef::CodeList { index, partial } => {
                        let f = self.codelist_name(*index);
                        if *partial {
                            quote!(if super::codelists::#f(s, date) { #rt::Tri::True } else { #rt::Tri::Unknown })
                        } else {
                            quote!(#rt::Tri::from_bool(super::codelists::#f(s, date)))
                        }
                    }
                };
                // Reference data given at run time answers first, complete.
                let test = match set {
                    SetRef::Literal(_) => test,
                    SetRef::CodeList { index, .. } => {
                        let id = &self.lists[*index].id;
                        quote!(match #rt::refdata::answer(opts.codelists, #id, s, date) {
                            Some(b) => #rt::Tri::from_bool(b),
                            None => #test,
                        })
                    }
                };
                quote!(match #v { Some(s) => #test, None => #rt::Tri::False })
            }
            Cond::External { hook, value } => {
                let v = self.text(value, ctx);
                quote!(match #v {
                    Some(s) => match opts.external.check(#hook, s) {
                        #rt::Verdict::Valid => #rt::Tri::True,
                        #rt::Verdict::Invalid => #rt::Tri::False,
                        #rt::Verdict::Unknown => #rt::Tri::Unknown,
                    },
                    None => #rt::Tri::False,
                })
            }
            Cond::Format { value, format } => {
                let v = self.text(value, ctx);
                let f = format_literal(format, rt);
                quote!(match #v {
                    Some(s) => #rt::Tri::from_bool(#f.matches(s)),
                    None => #rt::Tri::True,
                })
            }
            Cond::Regex { value, pattern } => {
                // Compiled once, on first use; the compiler has checked it.
                let v = self.text(value, ctx);
                let src = pattern.source();
                quote!(match #v {
                    Some(s) => {
                        static PATTERN: ::std::sync::LazyLock<#rt::pattern::Pattern> =
                            ::std::sync::LazyLock::new(|| {
                                #rt::pattern::Pattern::java(#src).expect("checked when the rule set was compiled")
                            });
                        PATTERN.matches(s).map_or(#rt::Tri::Unknown, #rt::Tri::from_bool)
                    }
                    None => #rt::Tri::False,
                })
            }
            Cond::Sequence { value, parts } => {
                let v = self.text(value, ctx);
                let parts = parts.iter().map(|p| {
                    let f = format_literal(&p.format, rt);
                    let optional = p.optional;
                    quote!(#rt::format::Part { format: #f, optional: #optional })
                });
                quote!(match #v {
                    Some(s) => #rt::Tri::from_bool(#rt::format::matches_sequence(&[#(#parts),*], s)),
                    None => #rt::Tri::True,
                })
            }
            Cond::Shape { value, shape } => {
                let v = self.text(value, ctx);
                let shape = match shape {
                    Shape::Eori => quote!(Eori),
                    Shape::Iso6346 => quote!(Iso6346),
                    Shape::Mrn => quote!(Mrn),
                    Shape::Grn => quote!(Grn),
                    Shape::NoLowercase => quote!(NoLowercase),
                };
                quote!(match #v {
                    Some(s) => #rt::Tri::from_bool(#rt::format::Shape::#shape.matches(s)),
                    None => #rt::Tri::True,
                })
            }
        }
    }

    fn codelist_name(&self, index: usize) -> Ident {
        codelist_ident(&self.lists[index].id)
    }

    /// An expression of type `Option<&str>`.
    fn text(&self, v: &Value, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        match v {
            Value::Text(nav) => {
                let f = self.find_call(ctx, nav);
                quote!(#f.map(|n| doc.text(n)))
            }
            Value::RawText(nav) => {
                let f = self.find_call(ctx, nav);
                quote!(#f.map(|n| doc.raw_text(n)))
            }
            Value::Prefix(n, inner) => {
                let inner = self.text(inner, ctx);
                let n = *n as usize;
                quote!(#inner.map(|s| #rt::value::prefix(s, #n)))
            }
            Value::Char(n, inner) => {
                let inner = self.text(inner, ctx);
                let n = *n as usize;
                quote!(#inner.and_then(|s| #rt::value::char_at(s, #n)))
            }
            Value::Trim(inner) => {
                let inner = self.text(inner, ctx);
                quote!(#inner.map(#rt::value::java_trim))
            }
            Value::Concat(parts) => {
                let parts = parts.iter().map(|p| self.text(p, ctx));
                quote!(#rt::value::concat(&[#(#parts),*]).as_deref())
            }
            Value::This(nav) => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(this_doc.find(anchor, #up, #down).map(|n| this_doc.text(n)))
            }
            Value::RawThis(nav) => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(this_doc.find(anchor, #up, #down).map(|n| this_doc.raw_text(n)))
            }
            Value::LitText(s) | Value::LitDate(s) | Value::LitNumber(s) => quote!(Some(#s)),
            Value::Count(_)
            | Value::CountWhere { .. }
            | Value::Distinct { .. }
            | Value::Sum(_)
            | Value::SumNumbers(_)
            | Value::Max(_)
            | Value::Iteration
            | Value::NumberOf(_)
            | Value::IntegerOf(..)
            | Value::Arith(..) => {
                let n = self.number(v, ctx);
                quote!(#n.map(|_| ""))
            }
        }
    }

    /// An expression of type `Option<Decimal>`.
    fn number(&self, v: &Value, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        match v {
            Value::LitNumber(s) | Value::LitText(s) | Value::LitDate(s) => match parse_decimal(s) {
                Some(d) => {
                    let d = Literal::i128_unsuffixed(d);
                    quote!(Some(#rt::value::Decimal(#d)))
                }
                None => quote!(None::<#rt::value::Decimal>),
            },
            Value::Iteration => {
                quote!(Some(#rt::value::Decimal::from_int(doc.iteration(#ctx) as i64)))
            }
            Value::NumberOf(inner) => {
                let inner = self.text(inner, ctx);
                quote!(#inner.and_then(#rt::value::java_number))
            }
            Value::IntegerOf(inner, default) => {
                let inner = self.text(inner, ctx);
                quote!(Some(#rt::value::Decimal::from_int(i64::from(
                    #inner.and_then(#rt::value::java_int).unwrap_or(#default)
                ))))
            }
            Value::Count(navs) => {
                let walks = navs.iter().map(|nav| {
                    let w = self.walk_call(
                        ctx,
                        nav,
                        quote!(&mut |_| {
                            c += 1;
                            ControlFlow::Continue(())
                        }),
                    );
                    quote!(let _ = #w;)
                });
                quote!({
                    let mut c: i64 = 0;
                    #(#walks)*
                    Some(#rt::value::Decimal::from_int(c))
                })
            }
            Value::Distinct { nav, key } => {
                let key = match key {
                    DistinctKey::Text => quote!(#rt::checks::Distinct::Text),
                    DistinctKey::Trimmed => quote!(#rt::checks::Distinct::Trimmed),
                    DistinctKey::Raw => quote!(#rt::checks::Distinct::Raw),
                    DistinctKey::RawTrimmed => quote!(#rt::checks::Distinct::RawTrimmed),
                    DistinctKey::Children => quote!(#rt::checks::Distinct::Children),
                };
                let reach = self.reach(ctx, nav);
                quote!(Some(#rt::value::Decimal::from_int(#rt::checks::distinct(doc, #reach, #key) as i64)))
            }
            Value::CountWhere { nav, body } => {
                let var = self.names.fresh("each");
                let test = self.cond(body, &var);
                let w = self.walk_call(
                    ctx,
                    nav,
                    quote!(&mut |#var| {
                        match #test {
                            #rt::Tri::True => c += 1,
                            #rt::Tri::Unknown => undecided = true,
                            #rt::Tri::False => {}
                        }
                        ControlFlow::Continue(())
                    }),
                );
                quote!({
                    let (mut c, mut undecided) = (0i64, false);
                    let _ = #w;
                    (!undecided).then(|| #rt::value::Decimal::from_int(c))
                })
            }
            Value::Sum(nav) => {
                let w = self.walk_call(
                    ctx,
                    nav,
                    quote!(&mut |n| {
                        if let Some(d) = #rt::value::Decimal::parse(doc.text(n)) { sum += d.0; }
                        ControlFlow::Continue(())
                    }),
                );
                quote!({
                    let mut sum: i128 = 0;
                    let _ = #w;
                    Some(#rt::value::Decimal(sum))
                })
            }
            Value::SumNumbers(nav) => {
                let w = self.walk_call(
                    ctx,
                    nav,
                    quote!(&mut |n| {
                        sum = sum.and_then(|s| s.checked_add(#rt::value::java_number(doc.text(n))?.0));
                        if sum.is_some() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
                    }),
                );
                quote!({
                    let mut sum: Option<i128> = Some(0);
                    let _ = #w;
                    sum.map(#rt::value::Decimal)
                })
            }
            Value::Max(nav) => {
                let w = self.walk_call(
                    ctx,
                    nav,
                    quote!(&mut |n| {
                        if let Some(d) = #rt::value::Decimal::parse(doc.text(n)) {
                            max = Some(max.map_or(d.0, |m: i128| m.max(d.0)));
                        }
                        ControlFlow::Continue(())
                    }),
                );
                quote!({
                    let mut max: Option<i128> = None;
                    let _ = #w;
                    max.map(#rt::value::Decimal)
                })
            }
            Value::Arith(a, op, b) => {
                let a = self.number(a, ctx);
                let b = self.number(b, ctx);
                let op = match op {
                    ArithOp::Plus => quote!(a.0.checked_add(b.0).map(#rt::value::Decimal)),
                    ArithOp::Minus => quote!(a.0.checked_sub(b.0).map(#rt::value::Decimal)),
                    ArithOp::Times => quote!(a.checked_mul(b)),
                };
                quote!(match (#a, #b) {
                    (Some(a), Some(b)) => #op,
                    _ => None,
                })
            }
            Value::Text(_)
            | Value::RawText(_)
            | Value::Prefix(..)
            | Value::Char(..)
            | Value::Trim(_)
            | Value::Concat(_)
            | Value::This(_)
            | Value::RawThis(_) => {
                let t = self.text(v, ctx);
                quote!(#t.and_then(#rt::value::Decimal::parse))
            }
        }
    }
}

/// `&[Same { .. }, ...]`: the pairs of [`Cond::Unchanged`] as a constant.
fn same_tree(elements: &[crate::ir::Same], rt: &TokenStream) -> TokenStream {
    let items = elements.iter().map(|s| {
        let (mine, theirs) = (s.mine, s.theirs);
        let value = match s.value {
            Alike::None => quote!(None),
            Alike::Text => quote!(Text),
            Alike::Number => quote!(Number),
            Alike::Date => quote!(Date),
        };
        let within = same_tree(&s.within, rt);
        quote!(#rt::checks::Same { mine: #mine, theirs: #theirs, value: #rt::checks::Alike::#value, within: #within })
    });
    quote!(&[#(#items),*])
}

/// Whether a condition reads `this X` (and so needs the anchor bound).
fn uses_this(c: &Cond) -> bool {
    let mut found = false;
    c.each_this(&mut |_| found = true);
    found
}

/// Variable names for the generated code (`each_0`, `subject_1`, ...),
/// numbered through one rule set, so the output is deterministic.
#[derive(Default)]
struct FreshNames(std::cell::Cell<usize>);

impl FreshNames {
    fn fresh(&self, base: &str) -> Ident {
        let n = self.0.get();
        self.0.set(n + 1);
        Ident::new(&format!("{base}_{n}"), Span::call_site())
    }
}

/// Same fixed-point encoding as `eucdm_runtime::value::Decimal` (9 decimals).
pub fn parse_decimal(s: &str) -> Option<i128> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || frac.len() > 9
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        || int.len() > 25
    {
        return None;
    }
    let mut v: i128 = int.parse().ok()?;
    for i in 0..9 {
        v = v * 10 + frac.as_bytes().get(i).map_or(0, |b| (b - b'0') as i128);
    }
    Some(if neg { -v } else { v })
}

/// `Compiled`, the rule set as a [`eucdm_runtime::RuleSet`]: a unit struct
/// over the statics `generate` emits beside it (`SCHEMAS`, `VALIDATORS`,
/// `RULES`, `EXTERNALS`, `EXPLAIN`, `COVERAGE_TEXT`, `COVERAGE_JSON`).
fn ruleset_type(rt: &TokenStream) -> TokenStream {
    let implementation = ruleset_impl(rt, &quote!(Compiled), &quote!());
    quote! {
        /// This rule set as an `eucdm_runtime::RuleSet`, over the statics above.
        #[derive(Debug, Clone, Copy, Default)]
        pub struct Compiled;
        #implementation
    }
}

/// `RuleSet` for `ty` over the statics found at the path prefix `at`
/// (empty: beside the impl).
fn ruleset_impl(rt: &TokenStream, ty: &TokenStream, at: &TokenStream) -> TokenStream {
    quote! {
        impl #rt::RuleSet for #ty {
            fn schemas(&self) -> &[&'static #rt::MessageSchema] {
                #at SCHEMAS
            }
            fn validate(
                &self,
                doc: &#rt::Document,
                opts: &#rt::Options<'_>,
            ) -> ::core::result::Result<#rt::Report, #rt::ForeignDocument> {
                #rt::ruleset::dispatch(#at VALIDATORS, doc, opts)
            }
            fn rules(&self) -> &[#rt::validator::RuleInfo] {
                &#at RULES
            }
            fn codelists(&self) -> &[#rt::CodeListInfo] {
                &#at CODELISTS
            }
            fn externals(&self) -> ::std::vec::Vec<(&str, &str)> {
                #at EXTERNALS.to_vec()
            }
            fn explanations(
                &self,
            ) -> ::std::vec::Vec<(::std::borrow::Cow<'_, str>, ::std::borrow::Cow<'_, str>)> {
                #at EXPLAIN.iter().map(|&(id, text)| (id.into(), text.into())).collect()
            }
            fn coverage(&self, format: #rt::CoverageFormat) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(match format {
                    #rt::CoverageFormat::Text => #at COVERAGE_TEXT,
                    #rt::CoverageFormat::Json => #at COVERAGE_JSON,
                })
            }
        }
    }
}
