//! Code generation: [`RuleSet`] to a Rust token stream that validates messages
//! with no rule text, grammar or CSV at run time.
//!
//! Everything taken from rule files enters the output through `quote!` as
//! literals, never as pasted source text.

use eucdm_runtime::format::Shape;
use eucdm_runtime::SchemaId;
use std::cell::RefCell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::codelist::{CodeList, Content};
use crate::ir::{CmpType, Cond, MessageIr, Nav, Outcome, RuleSet, SetRef, Stmt, Value};
use crate::syntax::ast::{CompareOp, Quantifier, RuleKind};

/// Lists of at most this many codes compile to a `match`; larger ones to a
/// hash table (`eucdm_runtime::codelist::find_hashed`). Measured with
/// `eucdm-codelists` (bench/): `match` is fastest up to about 16 codes, the
/// hash table from 36 codes up (4136 codes: 16 ns against 150 ns for a sorted
/// slice, 30 ns for `phf` and ~1 µs for a `match`).
const MATCH_LIMIT: usize = 16;

/// Generates the items of a rule-set module: one submodule per message type
/// (`cc015c::VALIDATOR`), the code lists, and `VALIDATORS`.
pub fn generate(rs: &RuleSet, runtime: &TokenStream) -> TokenStream {
    // Fresh names restart per rule set, so the output is deterministic.
    COUNTER.with(|c| c.set(0));
    let lists = rs.codelists.iter().map(|c| codelist_fn(c, runtime));
    let messages = rs.messages.iter().map(|m| message(rs, m, runtime));
    let mods: Vec<Ident> = rs
        .messages
        .iter()
        .map(|m| format_ident!("{}", m.model.id.to_lowercase()))
        .collect();
    let rule_infos = rs.rules.iter().map(|r| {
        let id = &r.id;
        let title = &r.title;
        let kind = kind_tokens(r.kind, runtime);
        quote! { #runtime::validator::RuleInfo { id: #id, kind: #kind, title: #title } }
    });
    let n_rules = rs.rules.len();
    let externals = rs
        .externals
        .iter()
        .map(|(hook, what)| quote!((#hook, #what)));
    let n_externals = rs.externals.len();
    let cov = crate::coverage::coverage(rs);
    let cov_text = crate::coverage::render_text(&cov);
    let cov_json = crate::coverage::render_json(&cov);
    let explained = crate::explain::explain_all(rs);
    let n_explained = explained.len();
    let explained = explained.iter().map(|(id, text)| quote!((#id, #text)));
    quote! {
        /// What the rule set covers of its specification, per message (`eucdm coverage`).
        pub const COVERAGE_TEXT: &str = #cov_text;
        /// [`COVERAGE_TEXT`] as one JSON object.
        pub const COVERAGE_JSON: &str = #cov_json;
        /// `eucdm explain`: per rule id, its source, title, and what its checks touch.
        pub static EXPLAIN: [(&str, &str); #n_explained] = [#(#explained),*];
        /// Every rule of the rule set (id, kind, title).
        pub static RULES: [#runtime::validator::RuleInfo; #n_rules] = [#(#rule_infos),*];
        /// The external checks the rules ask the application (hook, what it answers).
        pub static EXTERNALS: [(&str, &str); #n_externals] = [#(#externals),*];
        /// Code lists, as membership functions `(code, date) -> bool`.
        #[allow(non_snake_case, dead_code, clippy::all)]
        pub mod codelists {
            #(#lists)*
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

fn message(rs: &RuleSet, m: &MessageIr, rt: &TokenStream) -> TokenStream {
    let module = format_ident!("{}", m.model.id.to_lowercase());
    let model = &m.model;
    let id = &model.id;
    let ns = &model.namespace;
    let nodes = model.nodes.iter().map(|n| {
        let name = &n.name;
        let parent = n.parent as u16;
        let max = n.max;
        let group = n.ty == crate::model::ElementType::Group;
        let children = n.children.iter().map(|&c| c as u16);
        let required = model.required_children(n);
        let status = match n.runtime_status() {
            eucdm_runtime::Status::Required => quote!(Required),
            eucdm_runtime::Status::Dependent => quote!(Dependent),
            eucdm_runtime::Status::Optional => quote!(Optional),
        };
        let (format, format_reason) = value_format(n, rt);
        let max_reason = format!("max {max}");
        quote! {
            #rt::SchemaNode {
                name: #name, parent: #parent, max: #max, group: #group, children: &[#(#children),*],
                required: &[#(#required),*],
                status: #rt::Status::#status, format: #format,
                format_reason: #format_reason, max_reason: #max_reason,
            }
        }
    });
    let n_nodes = model.nodes.len();

    let date = match m.date_node {
        Some(n) => {
            let n = n as u16;
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
    let cl_arms = m.codelist_checks.iter().map(|&(node, ci)| {
        let sid = node as u16;
        let f = codelist_ident(&rs.codelists[ci].id);
        let reason = &rs.codelists[ci].id;
        quote! { #sid => if !super::codelists::#f(doc.text(n), date) { out.present(n, #rt::ErrorCode::CodeList, #reason); } }
    });
    // The structure (R status, repetitions, formats) is checked in the same pass.
    let node_pass = quote! {
        for n in 0..doc.len() as #rt::NodeId {
            #rt::structure::check_node(doc, n, &mut out);
            match doc.schema_of(n) {
                #(#cl_arms)*
                _ => {}
            }
        }
    };

    let roots = RefCell::new(Vec::new());
    let checks = m.checks.iter().map(|c| {
        let meta = &rs.rules[c.rule];
        let g = Gen {
            rt,
            rule: &meta.id,
            kind: meta.kind,
            lists: &rs.codelists,
            roots: &roots,
        };
        let body = g.stmts(&c.body, &format_ident!("root"));
        let guard = in_force(meta, rt);
        // Not applied while a rule that applies to this message and disables it is in force.
        let disabled = m
            .checks
            .iter()
            .map(|d| &rs.rules[d.rule])
            .filter(|d| d.disables.contains(&meta.id))
            .map(|d| in_force(d, rt));
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
    let root_navs = roots
        .borrow()
        .iter()
        .enumerate()
        .map(|(i, down)| {
            let name = format_ident!("root_nav_{}", i);
            // A schema path from the root reaches every instance of its last node.
            let from = std::iter::once(&0).chain(down.iter());
            let schema_path = down.iter().zip(from).all(|(&d, &up)| {
                d != 0
                    && model
                        .nodes
                        .get(usize::from(d))
                        .is_some_and(|n| n.parent == usize::from(up))
            });
            match down.last() {
                Some(&last) if schema_path => {
                    quote!(let #name = doc.instances(#last);)
                }
                _ => {
                    let down = ids(down);
                    quote!(let #name = doc.reach(root, #down);)
                }
            }
        })
        .collect::<Vec<_>>();

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
            };
            static NODES: [#rt::SchemaNode; #n_nodes] = [#(#nodes),*];
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
                #(#checks)*
                out.finish()
            }
        }
    }
}

/// The runtime format of a data item as tokens, and the reason reported when it is broken.
fn value_format(n: &crate::model::ModelNode, rt: &TokenStream) -> (TokenStream, String) {
    use eucdm_runtime::ValueFormat;
    let (format, reason) = n.value_format();
    let tokens = match format {
        ValueFormat::None => quote!(#rt::ValueFormat::None),
        ValueFormat::Date => quote!(#rt::ValueFormat::Date),
        ValueFormat::DateTime => quote!(#rt::ValueFormat::DateTime),
        ValueFormat::Text(f) => {
            let f = format_literal(&f, rt);
            quote!(#rt::ValueFormat::Text(#f))
        }
    };
    (tokens, reason)
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
fn in_force(meta: &crate::ir::RuleMeta, rt: &TokenStream) -> TokenStream {
    let from = meta.in_force_from.as_deref().unwrap_or("");
    let until = meta.in_force_until.as_deref().unwrap_or("");
    if from.is_empty() && until.is_empty() {
        quote!(true)
    } else {
        quote!((date.is_empty() || #rt::codelist::valid_on(date, #from, #until)))
    }
}

struct Gen<'a> {
    rt: &'a TokenStream,
    rule: &'a str,
    kind: RuleKind,
    lists: &'a [CodeList],
    /// Navigations from the root shared by the checks of one message: each is
    /// computed once per message, before the checks (`root_nav_N`).
    roots: &'a RefCell<Vec<Vec<SchemaId>>>,
}

/// A schema path as a `&[SchemaId]` literal.
fn ids(v: &[SchemaId]) -> TokenStream {
    quote!(&[#(#v),*])
}

impl Gen<'_> {
    fn code(&self, default: TokenStream) -> TokenStream {
        let rt = self.rt;
        if self.kind == RuleKind::Transitional {
            quote!(#rt::ErrorCode::Transitional)
        } else {
            default
        }
    }

    fn stmts(&self, stmts: &[Stmt], ctx: &Ident) -> TokenStream {
        let s = stmts.iter().map(|s| self.stmt(s, ctx));
        quote!(#(#s)*)
    }

    fn walk(&self, ctx: &Ident, nav: &Nav, var: &Ident, body: TokenStream) -> TokenStream {
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

    /// The shared navigation for `nav` from `ctx`, when `ctx` is the root and
    /// `nav` goes down (computed once per message, see [`Gen::roots`]).
    fn root_nav(&self, ctx: &Ident, nav: &Nav) -> Option<Ident> {
        if nav.up != 0 || nav.down.is_empty() || *ctx != "root" {
            return None;
        }
        let mut roots = self.roots.borrow_mut();
        let i = match roots.iter().position(|d| *d == nav.down) {
            Some(i) => i,
            None => {
                roots.push(nav.down.clone());
                roots.len() - 1
            }
        };
        Some(format_ident!("root_nav_{}", i))
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

    /// `doc.find(ctx, up, down)`, or the first node of a shared root navigation.
    fn find_call(&self, ctx: &Ident, nav: &Nav) -> TokenStream {
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
            Stmt::If { arms, otherwise } => {
                let mut tail = self.stmts(otherwise, ctx);
                for (c, body) in arms.iter().rev() {
                    let c = self.anchored(c, ctx);
                    let body = self.stmts(body, ctx);
                    tail = quote! {
                        match #c {
                            #rt::Tri::True => { #body }
                            #rt::Tri::Unknown => out.undecided(#ctx, #rule),
                            #rt::Tri::False => { #tail }
                        }
                    };
                }
                tail
            }
            Stmt::ForEach { nav, body } => {
                let var = fresh("each");
                let inner = self.stmts(body, &var);
                self.walk(ctx, nav, &var, inner)
            }
            Stmt::Presence {
                parent,
                target,
                outcome,
                at_least_one,
            } => {
                let t = *target as u16;
                let p = fresh("parent");
                match (outcome, at_least_one) {
                    (Outcome::Optional, _) => TokenStream::new(),
                    (Outcome::Mandatory, false) => {
                        let code = self.code(quote!(#rt::ErrorCode::ConditionMissing));
                        self.walk(ctx, parent, &p, quote! {
                            if doc.child(#p, #t).is_none() { out.missing(#p, #t, #code, #rule); }
                        })
                    }
                    (Outcome::Mandatory, true) => {
                        let code = self.code(quote!(#rt::ErrorCode::ConditionMissing));
                        let w = self.walk_call(ctx, parent, quote!(&mut |#p| {
                            first.get_or_insert(#p);
                            if doc.child(#p, #t).is_some() { found = true; ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
                        }));
                        quote! {{
                            let mut first = None;
                            let mut found = false;
                            let _ = #w;
                            if let (false, Some(#p)) = (found, first) { out.missing(#p, #t, #code, #rule); }
                        }}
                    }
                    (Outcome::Forbidden, _) => {
                        let code = self.code(quote!(#rt::ErrorCode::ConditionNotAllowed));
                        let c = fresh("present");
                        let inner = quote! { for #c in doc.children(#p, #t) { out.present(#c, #code, #rule); } };
                        self.walk(ctx, parent, &p, inner)
                    }
                }
            }
            Stmt::Assert { subject, test } => {
                let s = fresh("subject");
                let code = self.code(quote!(#rt::ErrorCode::Rule));
                let t = self.anchored(test, &s);
                self.walk(
                    ctx,
                    subject,
                    &s,
                    quote! {
                        match #t {
                            #rt::Tri::False => out.present(#s, #code, #rule),
                            #rt::Tri::Unknown => out.undecided(#s, #rule),
                            #rt::Tri::True => {}
                        }
                    },
                )
            }
            Stmt::Sequential {
                outer,
                group,
                item,
                from,
            } => {
                let o = fresh("outer");
                let g = fresh("group");
                let code = self.code(quote!(#rt::ErrorCode::Rule));
                let group = ids(group);
                let item = ids(item);
                let from = Literal::i128_unsuffixed(*from as i128);
                self.walk(ctx, outer, &o, quote! {
                    let mut expected: i128 = #from;
                    let _ = doc.walk(#o, 0, #group, &mut |#g| {
                        if let Some(i) = doc.find(#g, 0, #item) {
                            if #rt::value::Decimal::parse(doc.text(i)) != Some(#rt::value::Decimal(expected * #rt::value::Decimal::ONE)) {
                                out.present(i, #code, #rule);
                            }
                        }
                        expected += 1;
                        ControlFlow::Continue(())
                    });
                })
            }
            Stmt::NotAllEqual { subject } => {
                // One pass compares each instance with the first, stopping at
                // the first difference; only when all are equal (a violation)
                // a second pass reports them. No list of instances is kept.
                let code = self.code(quote!(#rt::ErrorCode::Rule));
                let w = self.walk_call(
                    ctx,
                    subject,
                    quote!(&mut |i| {
                        n += 1;
                        match first {
                            None => {
                                first = Some(i);
                                ControlFlow::Continue(())
                            }
                            Some(f) if doc.same_content(f, i) => ControlFlow::Continue(()),
                            Some(_) => {
                                differ = true;
                                ControlFlow::Break(())
                            }
                        }
                    }),
                );
                let report = self.walk_call(
                    ctx,
                    subject,
                    quote!(&mut |i| {
                        out.present(i, #code, #rule);
                        ControlFlow::Continue(())
                    }),
                );
                quote! {{
                    let mut first: Option<#rt::NodeId> = None;
                    let mut n = 0usize;
                    let mut differ = false;
                    let _ = #w;
                    if n >= 2 && !differ {
                        let _ = #report;
                    }
                }}
            }
            Stmt::Unique { outer, down } => {
                let o = fresh("outer");
                let code = self.code(quote!(#rt::ErrorCode::Rule));
                let down = ids(down);
                self.walk(
                    ctx,
                    outer,
                    &o,
                    quote! {
                        let mut seen = ::std::collections::HashSet::new();
                        let _ = doc.walk(#o, 0, #down, &mut |i| {
                            if !seen.insert(doc.text(i)) { out.present(i, #code, #rule); }
                            ControlFlow::Continue(())
                        });
                    },
                )
            }
        }
    }

    /// A statement's condition: `this X` in it is evaluated from `ctx`, the
    /// anchor (bound only when the condition uses it).
    fn anchored(&self, c: &Cond, ctx: &Ident) -> TokenStream {
        let t = self.cond(c, ctx);
        if uses_this(c) {
            quote!({ let anchor = #ctx; #t })
        } else {
            t
        }
    }

    /// An expression of type `Tri`.
    fn cond(&self, c: &Cond, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
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
            Cond::Exists(nav) => {
                let f = self.find_call(ctx, nav);
                quote!(#rt::Tri::from_bool(#f.is_some()))
            }
            Cond::Quantified {
                quantifier,
                nav,
                body,
                others,
            } => {
                let var = fresh("each");
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
            Cond::Compare { lhs, op, rhs, ty } => {
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
                        quote!(match (#a, #b) { (Some(a), Some(b)) => #rt::Tri::from_bool(#rt::value::cmp_date(a, b) #op ::core::cmp::Ordering::Equal), _ => #rt::Tri::False })
                    }
                    CmpType::Text => {
                        let a = self.text(lhs, ctx);
                        let b = self.text(rhs, ctx);
                        quote!(match (#a, #b) { (Some(a), Some(b)) => #rt::Tri::from_bool(a #op b), _ => #rt::Tri::False })
                    }
                }
            }
            Cond::InSet { value, set } => {
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
            Value::Concat(parts) => {
                let parts = parts.iter().map(|p| self.text(p, ctx));
                quote!(#rt::value::concat(&[#(#parts),*]).as_deref())
            }
            Value::This(nav) => {
                let up = nav.up;
                let down = ids(&nav.down);
                quote!(doc.find(anchor, #up, #down).map(|n| doc.text(n)))
            }
            Value::LitText(s) | Value::LitNumber(s) => quote!(Some(#s)),
            Value::Count(_) | Value::Sum(_) | Value::Iteration => {
                let n = self.number(v, ctx);
                quote!(#n.map(|_| ""))
            }
        }
    }

    /// An expression of type `Option<Decimal>`.
    fn number(&self, v: &Value, ctx: &Ident) -> TokenStream {
        let rt = self.rt;
        match v {
            Value::LitNumber(s) | Value::LitText(s) => match crate::codegen::parse_decimal(s) {
                Some(d) => {
                    let d = Literal::i128_unsuffixed(d);
                    quote!(Some(#rt::value::Decimal(#d)))
                }
                None => quote!(None::<#rt::value::Decimal>),
            },
            Value::Iteration => {
                quote!(Some(#rt::value::Decimal::from_int(doc.iteration(#ctx) as i64)))
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
            Value::Text(_)
            | Value::Prefix(..)
            | Value::Char(..)
            | Value::Concat(_)
            | Value::This(_) => {
                let t = self.text(v, ctx);
                quote!(#t.and_then(#rt::value::Decimal::parse))
            }
        }
    }
}

/// Whether a condition reads `this X` (and so needs the anchor bound).
fn uses_this(c: &Cond) -> bool {
    fn value(v: &Value) -> bool {
        match v {
            Value::This(_) => true,
            Value::Prefix(_, v) | Value::Char(_, v) => value(v),
            Value::Concat(parts) => parts.iter().any(value),
            _ => false,
        }
    }
    match c {
        Cond::And(v) | Cond::Or(v) => v.iter().any(uses_this),
        Cond::Not(c) => uses_this(c),
        Cond::Quantified { body, .. } => uses_this(body),
        Cond::Compare { lhs, rhs, .. } => value(lhs) || value(rhs),
        Cond::InSet { value: v, .. }
        | Cond::External { value: v, .. }
        | Cond::Format { value: v, .. }
        | Cond::Shape { value: v, .. }
        | Cond::Sequence { value: v, .. } => value(v),
        Cond::Const(_) | Cond::Exists(_) => false,
    }
}

thread_local! {
    static COUNTER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn fresh(base: &str) -> Ident {
    let n = COUNTER.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    });
    Ident::new(&format!("{base}_{n}"), Span::call_site())
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
