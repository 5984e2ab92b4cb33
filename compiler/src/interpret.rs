//! The interpreter: runs a [`RuleSet`]'s IR directly on a message, with the
//! same runtime (reader, document, structure checks, collector) as the
//! generated code, so its reports are identical to the compiled validator's.
//!
//! It serves rule authors (`eucdm validate --rules DIR`: no build) and is the
//! oracle the generated code is tested against. Every IR construct is
//! evaluated here exactly as [`crate::codegen`] emits it; a change to one is a
//! change to both (the differential test in `tests/` holds them together).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::rc::Rc;

use eucdm_runtime::bounds::BoundsIndex;
use eucdm_runtime::keyed::KeyIndex;
use eucdm_runtime::value::{self, Decimal};
use eucdm_runtime::{
    codelist, refdata, structure, CodeListId, Collector, Document, ErrorCode, MessageSchema,
    NodeId, Options, Reason, Report, RuleId, SchemaNode, Tri, Verdict,
};

use crate::bounded::BoundedQuantifier;
use crate::codelist::Content;
use crate::ir::{ArithOp, Arm, CompareOp, DistinctKey, Quantifier, RuleIndex, RuleKind};
use crate::ir::{CmpType, Cond, MessageIr, Nav, Outcome, RuleMeta, RuleSet, SetRef, Stmt, Value};
use crate::keyed::KeyedQuantifier;

mod ruleset;

/// A rule set ready to validate messages without generating code; an
/// [`eucdm_runtime::RuleSet`], as the generated code is.
///
/// Reports name rules and code lists by owned ids ([`RuleId::owned`]), so
/// the interpreter keeps no rule id or name beyond its life. Its message
/// models are the exception: a [`Document`] and the readers hold
/// `&'static MessageSchema` (generated code has them as statics), so the
/// interpreter leaks each model it builds once, when it is built; build one
/// per rule set and keep it.
pub struct Interpreter {
    rules: Vec<Rule>,
    lists: Vec<List>,
    messages: Vec<Message>,
    schemas: Vec<&'static MessageSchema>,
    /// The rules as `RuleSet::rules` gives them.
    infos: Vec<eucdm_runtime::validator::RuleInfo>,
    /// The code lists as `RuleSet::codelists` gives them.
    list_infos: Vec<eucdm_runtime::CodeListInfo>,
    /// The rule set, for `RuleSet::explanations` and `RuleSet::coverage`.
    source: RuleSet,
}

struct Rule {
    id: RuleId,
    /// The reason its undecided notes give (`error ... cites`, else `id`).
    reported: RuleId,
    /// The reason of its violations: `id`, or the id it cites with `id`.
    reason: Reason,
    /// `error 8623`: the code of all its violations.
    number: Option<u16>,
    title: String,
    kind: RuleKind,
    from: String,
    until: String,
}

/// A code list as the generated membership function sees it.
struct List {
    id: CodeListId,
    shipped: bool,
    complete: bool,
    /// Codes with a validity period, first entry of a code wins (as a `match` arm).
    dated: HashMap<String, (String, String)>,
    plain: std::collections::HashSet<String>,
}

struct Message {
    schema: &'static MessageSchema,
    ir: MessageIr,
    /// Code-list check per schema node: index into `lists`.
    codelist_of: Vec<Option<usize>>,
    /// Per check: the rules that disable it, by index into `rules`.
    disabled_by: Vec<Vec<RuleIndex>>,
}

/// Gives a message model's text the `'static` lifetime the runtime's
/// [`MessageSchema`] needs (see [`Interpreter`]); nothing else is leaked.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

impl Interpreter {
    pub fn new(rs: &RuleSet) -> Interpreter {
        let rules: Vec<Rule> = rs.rules.iter().map(rule).collect();
        let infos = ruleset::infos(&rules);
        let lists = rs.codelists.iter().map(list).collect();
        let list_infos = ruleset::list_infos(&rs.codelists);
        let messages: Vec<Message> = rs.messages.iter().map(|m| message(rs, m)).collect();
        let schemas = messages.iter().map(|m| m.schema).collect();
        Interpreter {
            rules,
            lists,
            messages,
            schemas,
            infos,
            list_infos,
            source: rs.clone(),
        }
    }

    /// Validates a document read with this interpreter's schemas
    /// (`RuleSet::validate` refuses any other).
    ///
    /// # Panics
    /// If `doc` was read with another rule set's schemas.
    fn validate_own(&self, doc: &Document, opts: &Options<'_>) -> Report {
        let m = self
            .messages
            .iter()
            .find(|m| std::ptr::eq(m.schema, doc.schema()))
            .expect("document read with this interpreter's schemas");
        let date: &str = match &opts.date {
            Some(d) => d.as_str(),
            None => m.ir.date_node.map_or("", |n| {
                doc.child(doc.root(), n.schema_id())
                    .map_or("", |p| value::prefix(doc.text(p), 10))
            }),
        };
        let mut out = Collector::new(doc);
        if m.ir.model.context_only {
            // A message from customs is read as context of a movement, not validated.
            return out.finish(date);
        }
        for n in 0..doc.len() as NodeId {
            structure::check_node(doc, n, &mut out);
            if let Some(li) = m.codelist_of[doc.schema_of(n) as usize] {
                // Reference data given at run time answers first; a list
                // known in part or not shipped is checked only then.
                let (list, t) = (&self.lists[li], doc.text(n));
                let valid = match refdata::answer(opts.codelists, list.id.as_str(), t, date) {
                    Some(given) => given,
                    None => !list.complete || list.contains(t, date),
                };
                if !valid {
                    out.present(n, ErrorCode::CodeList, list.id.clone());
                }
            }
        }
        let keys = KeyIndexes::default();
        for (ci, check) in m.ir.checks.iter().enumerate() {
            let rule = &self.rules[check.rule.index()];
            let applies = rule.in_force(date)
                && !m.disabled_by[ci]
                    .iter()
                    .any(|&d| self.rules[d.index()].in_force(date));
            if applies {
                let mut ev = Eval {
                    r: Reader {
                        doc,
                        opts,
                        date,
                        lists: &self.lists,
                        schemas: &self.schemas,
                        anchor: std::cell::Cell::new(doc.root()),
                        this_doc: doc,
                        keys: &keys,
                    },
                    rule,
                    out: &mut out,
                };
                ev.stmts(&check.body, doc.root());
            }
        }
        out.finish(date)
    }
}

fn rule(r: &RuleMeta) -> Rule {
    Rule {
        id: RuleId::owned(r.id.clone()),
        reported: RuleId::owned(r.reported_id().to_string()),
        reason: match r.error.as_ref().and_then(|e| e.cites.as_ref()) {
            Some(cites) => Reason::Cited {
                rule: RuleId::owned(r.id.clone()),
                cites: RuleId::owned(cites.clone()),
            },
            None => Reason::Rule(RuleId::owned(r.id.clone())),
        },
        number: r.error.as_ref().map(|e| e.number),
        title: r.title.clone(),
        kind: r.kind,
        from: r.in_force_from.clone().unwrap_or_default(),
        until: r.in_force_until.clone().unwrap_or_default(),
    }
}

impl Rule {
    fn in_force(&self, date: &str) -> bool {
        (self.from.is_empty() && self.until.is_empty())
            || date.is_empty()
            || codelist::valid_on(date, &self.from, &self.until)
    }
}

fn list(c: &crate::codelist::CodeList) -> List {
    let mut dated = HashMap::new();
    let mut plain = std::collections::HashSet::new();
    for e in c.entries() {
        if e.valid_from.is_empty() && e.valid_to.is_empty() {
            plain.insert(e.code.clone());
        } else {
            dated
                .entry(e.code.clone())
                .or_insert((e.valid_from.clone(), e.valid_to.clone()));
        }
    }
    List {
        id: CodeListId::owned(c.id.clone()),
        shipped: !matches!(c.content, Content::NotShipped),
        complete: c.is_complete(),
        dated,
        plain,
    }
}

impl List {
    /// The generated membership function: a dated code is valid on `date`
    /// (any date when the message has none); other codes are simply listed.
    fn contains(&self, code: &str, date: &str) -> bool {
        match self.dated.get(code) {
            Some((from, to)) => date.is_empty() || codelist::valid_on(date, from, to),
            None => self.plain.contains(code),
        }
    }
}

fn message(rs: &RuleSet, m: &MessageIr) -> Message {
    let nodes: Vec<SchemaNode> = m
        .model
        .nodes
        .iter()
        .map(|n| {
            let format = n.value_format();
            let children: Vec<u16> = n.children.iter().map(|c| c.schema_id()).collect();
            let required: Vec<u16> = m.model.required_children(n).collect();
            SchemaNode {
                name: leak(&n.name),
                parent: n.parent.schema_id(),
                max: n.max,
                group: n.ty == crate::model::ElementType::Group,
                children: Box::leak(children.into_boxed_slice()),
                required: Box::leak(required.into_boxed_slice()),
                status: n.runtime_status(),
                format,
                xsd: n.runtime_xsd(),
            }
        })
        .collect();
    let schema: &'static MessageSchema = Box::leak(Box::new(MessageSchema {
        id: leak(&m.model.id),
        namespace: leak(&m.model.namespace),
        nodes: Box::leak(nodes.into_boxed_slice()),
        context_only: m.model.context_only,
    }));
    let mut codelist_of = vec![None; m.model.nodes.len()];
    // As the generated `match` on the schema id: the first check of a node wins.
    for c in m.codelist_checks.iter().rev() {
        codelist_of[c.node.index()] = Some(c.codelist);
    }
    let disabled_by = m
        .checks
        .iter()
        .map(|c| {
            let id = &rs.rule(c.rule).id;
            m.checks
                .iter()
                .map(|d| d.rule)
                .filter(|&d| rs.rule(d).disables.contains(id))
                .collect()
        })
        .collect();
    Message {
        schema,
        ir: m.clone(),
        codelist_of,
        disabled_by,
    }
}

/// Evaluation of one rule's statements on one document.
struct Eval<'a, 'd> {
    r: Reader<'a>,
    rule: &'a Rule,
    out: &'a mut Collector<'d>,
}

/// What conditions and values are read from: one document (the message
/// validated, or another message of its movement, `Cond::Context`).
struct Reader<'a> {
    doc: &'a Document,
    opts: &'a Options<'a>,
    date: &'a str,
    lists: &'a [List],
    /// The rule set's message models, by index (`Cond::Context`).
    schemas: &'a [&'static MessageSchema],
    /// The context of the statement whose condition is evaluated (`this X`).
    anchor: std::cell::Cell<NodeId>,
    /// The document `anchor` is in: the message validated, also while a
    /// test reads another message (`this X` in `CC043C: ...`).
    this_doc: &'a Document,
    /// The indexes of the keyed quantifiers.
    keys: &'a KeyIndexes,
}

/// The index of each keyed quantifier (`crate::keyed`), by the quantifier
/// (its address in the IR, which outlives the validation). A quantifier reads
/// one document in a validation: the message validated, or inside a test of
/// another message the same message of the movement.
#[derive(Default)]
struct KeyIndexes {
    texts: RefCell<HashMap<*const Cond, Rc<KeyIndex<String>>>>,
    numbers: RefCell<HashMap<*const Cond, Rc<KeyIndex<Decimal>>>>,
    /// The bounds of the bounded quantifiers (`crate::bounded`).
    bounds: RefCell<HashMap<*const Cond, Rc<BoundsIndex>>>,
}

impl Eval<'_, '_> {
    fn code(&self, default: ErrorCode) -> ErrorCode {
        if let Some(n) = self.rule.number {
            ErrorCode::Numbered(n)
        } else if self.rule.kind == RuleKind::Transitional {
            ErrorCode::Transitional
        } else {
            default
        }
    }

    fn stmts(&mut self, stmts: &[Stmt], ctx: NodeId) {
        for s in stmts {
            self.stmt(s, ctx);
        }
    }

    fn stmt(&mut self, s: &Stmt, ctx: NodeId) {
        let id = &self.rule.reported;
        let reason = &self.rule.reason;
        match s {
            Stmt::If {
                arms, otherwise, ..
            } => {
                self.r.anchor.set(ctx);
                for Arm { cond: c, body, .. } in arms {
                    match self.r.cond(c, ctx) {
                        Tri::True => return self.stmts(body, ctx),
                        Tri::Unknown => return self.out.undecided(ctx, id.clone()),
                        Tri::False => {}
                    }
                }
                self.stmts(otherwise, ctx)
            }
            Stmt::ForEach { nav, body } => {
                for each in self.r.all(ctx, nav) {
                    self.stmts(body, each);
                }
            }
            // Presence, numbering, uniqueness and not-all-equal are written
            // out here rather than calling `eucdm_runtime::checks`, which the
            // generated code uses: the interpreter is the differential oracle
            // of the generated code, so it keeps an implementation of its own.
            Stmt::Presence {
                parent,
                target,
                outcome,
                at_least_one,
                ..
            } => {
                let t = target.schema_id();
                let parents = self.r.all(ctx, parent);
                match (outcome, at_least_one) {
                    (Outcome::Optional, _) => {}
                    (Outcome::Mandatory, false) => {
                        let code = self.code(ErrorCode::ConditionMissing);
                        for p in parents {
                            if self.r.doc.child(p, t).is_none() {
                                self.out.missing(p, t, code, reason.clone());
                            }
                        }
                    }
                    (Outcome::Mandatory, true) => {
                        let code = self.code(ErrorCode::ConditionMissing);
                        let found = parents.iter().any(|&p| self.r.doc.child(p, t).is_some());
                        if let (false, Some(&p)) = (found, parents.first()) {
                            self.out.missing(p, t, code, reason.clone());
                        }
                    }
                    (Outcome::Forbidden, _) => {
                        let code = self.code(ErrorCode::ConditionNotAllowed);
                        for p in parents {
                            for c in self.r.doc.children(p, t) {
                                self.out.present(c, code, reason.clone());
                            }
                        }
                    }
                }
            }
            Stmt::Assert { subject, test } => {
                let code = self.code(ErrorCode::Rule);
                for s in self.r.all(ctx, subject) {
                    self.r.anchor.set(s);
                    match self.r.cond(test, s) {
                        Tri::False => self.out.present(s, code, reason.clone()),
                        Tri::Unknown => self.out.undecided(s, id.clone()),
                        Tri::True => {}
                    }
                }
            }
            Stmt::Sequential {
                outer,
                group,
                item,
                from,
            } => {
                let code = self.code(ErrorCode::Rule);
                for o in self.r.all(ctx, outer) {
                    let mut instances = Vec::new();
                    let _ = self.r.doc.walk(o, 0, group, &mut |g| {
                        instances.push(g);
                        ControlFlow::Continue(())
                    });
                    for (expected, g) in (*from as i128..).zip(instances) {
                        if let Some(i) = self.r.doc.find(g, 0, item) {
                            if Decimal::parse(self.r.doc.text(i))
                                != Some(Decimal(expected * Decimal::ONE))
                            {
                                self.out.present(i, code, reason.clone());
                            }
                        }
                    }
                }
            }
            Stmt::Unique { outer, down: path } => {
                let code = self.code(ErrorCode::Rule);
                for o in self.r.all(ctx, outer) {
                    let mut seen = std::collections::HashSet::new();
                    let mut repeated = Vec::new();
                    let _ = self.r.doc.walk(o, 0, path, &mut |i| {
                        if !seen.insert(self.r.doc.text(i)) {
                            repeated.push(i);
                        }
                        ControlFlow::Continue(())
                    });
                    for i in repeated {
                        self.out.present(i, code, reason.clone());
                    }
                }
            }
            Stmt::NotAllEqual { subject } => {
                let code = self.code(ErrorCode::Rule);
                let all = self.r.all(ctx, subject);
                if all.len() >= 2 && all[1..].iter().all(|&i| self.r.doc.same_content(all[0], i)) {
                    for i in all {
                        self.out.present(i, code, reason.clone());
                    }
                }
            }
        }
    }
}

impl Reader<'_> {
    /// Every node reached by `nav` from `ctx`, in document order.
    fn all(&self, ctx: NodeId, nav: &Nav) -> Vec<NodeId> {
        let mut v = Vec::new();
        let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |n| {
            v.push(n);
            ControlFlow::Continue(())
        });
        v
    }

    fn find(&self, ctx: NodeId, nav: &Nav) -> Option<NodeId> {
        self.doc.find(ctx, nav.up, &nav.down)
    }

    fn cond(&self, c: &Cond, ctx: NodeId) -> Tri {
        match c {
            Cond::Const(b) => Tri::from_bool(*b),
            Cond::And(v) => v
                .iter()
                .fold(Tri::True, |acc, x| acc.and(|| self.cond(x, ctx))),
            Cond::Or(v) => v
                .iter()
                .fold(Tri::False, |acc, x| acc.or(|| self.cond(x, ctx))),
            Cond::Not(x) => self.cond(x, ctx).not(),
            Cond::Exists(nav) => Tri::from_bool(self.find(ctx, nav).is_some()),
            Cond::Sequential { nav, from } => {
                let values = self.all(ctx, nav);
                Tri::from_bool((*from..).zip(values).all(|(k, n)| {
                    value::java_int(self.doc.text(n)).is_some_and(|v| i64::from(v) == k)
                }))
            }
            Cond::Unchanged { message, elements } => match self.opts.movement {
                None => Tri::Unknown,
                Some(movement) => {
                    let sent = eucdm_runtime::movement::sent(movement, self.schemas[*message]);
                    let (a, b) = (self.doc.root(), sent.root());
                    Tri::from_bool(elements.iter().all(|s| same(self.doc, a, &sent, b, s)))
                }
            },
            Cond::Context { message, body } => match self.opts.movement {
                None => Tri::Unknown,
                Some(movement) => {
                    let sent = eucdm_runtime::movement::sent(movement, self.schemas[*message]);
                    let root = sent.root();
                    let other = Reader {
                        doc: &sent,
                        opts: self.opts,
                        date: self.date,
                        lists: self.lists,
                        schemas: self.schemas,
                        // `this X` in the test: from where it is entered (`ir::Cond::Context`).
                        anchor: std::cell::Cell::new(ctx),
                        this_doc: self.this_doc,
                        // By quantifier: one inside this test always reads `sent`.
                        keys: self.keys,
                    };
                    other.cond(body, root)
                }
            },
            Cond::Quantified {
                quantifier,
                nav,
                body,
                others,
            } => {
                if let Some(k) = crate::keyed::keyed(c) {
                    return Tri::from_bool(self.keyed(c, &k, ctx) != k.none);
                }
                if let Some(b) = crate::bounded::bounded(c) {
                    return Tri::from_bool(self.bounded(c, &b, ctx));
                }
                let (init, stop) = match quantifier {
                    Quantifier::Any | Quantifier::None => (Tri::False, Tri::True),
                    Quantifier::All => (Tri::True, Tri::False),
                };
                let mut r = init;
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |each| {
                    // `other`: the instance holding the context is not one of the others.
                    if *others && self.doc.contains(each, ctx) {
                        return ControlFlow::Continue(());
                    }
                    let t = self.cond(body, each);
                    r = match quantifier {
                        Quantifier::All => r.and(|| t),
                        _ => r.or(|| t),
                    };
                    if r == stop {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                });
                match quantifier {
                    Quantifier::None => r.not(),
                    _ => r,
                }
            }
            Cond::Compare {
                lhs, op, rhs, ty, ..
            } => {
                let ord = match ty {
                    CmpType::Number => match (self.number(lhs, ctx), self.number(rhs, ctx)) {
                        (Some(a), Some(b)) => Some(a.cmp(&b)),
                        _ => None,
                    },
                    CmpType::Date => match (self.text(lhs, ctx), self.text(rhs, ctx)) {
                        (Some(a), Some(b)) => match value::cmp_date(&a, &b) {
                            Some(o) => Some(o),
                            // Not a real date: undecided (see `cmp_date`).
                            None => return Tri::Unknown,
                        },
                        _ => None,
                    },
                    // NaN: every comparison false but `!=` (`ir::CmpType::Ieee`).
                    CmpType::Ieee => match (self.number(lhs, ctx), self.number(rhs, ctx)) {
                        (Some(a), Some(b)) => Some(a.cmp(&b)),
                        _ => return Tri::from_bool(*op == CompareOp::Ne),
                    },
                    CmpType::Text => match (self.text(lhs, ctx), self.text(rhs, ctx)) {
                        (Some(a), Some(b)) => Some(a.cmp(&b)),
                        _ => None,
                    },
                };
                Tri::from_bool(ord.is_some_and(|o| holds(*op, o)))
            }
            Cond::InSet { value, set, .. } => {
                let Some(s) = self.text(value, ctx) else {
                    return Tri::False;
                };
                let s = &*s;
                match set {
                    SetRef::Literal(codes) => Tri::from_bool(codes.iter().any(|c| c == s)),
                    SetRef::CodeList { index, partial } => {
                        let list = &self.lists[*index];
                        let given =
                            refdata::answer(self.opts.codelists, list.id.as_str(), s, self.date);
                        if let Some(given) = given {
                            Tri::from_bool(given)
                        } else if !list.shipped {
                            // Not shipped: no code is known, every answer is "undecided".
                            Tri::Unknown
                        } else if list.contains(s, self.date) {
                            Tri::True
                        } else if *partial {
                            Tri::Unknown
                        } else {
                            Tri::False
                        }
                    }
                }
            }
            Cond::External { hook, value } => match self.text(value, ctx) {
                Some(s) => match self.opts.external.check(hook, &s) {
                    Verdict::Valid => Tri::True,
                    Verdict::Invalid => Tri::False,
                    Verdict::Unknown => Tri::Unknown,
                },
                None => Tri::False,
            },
            Cond::Format { value, format } => match self.text(value, ctx) {
                Some(s) => Tri::from_bool(format.matches(&s)),
                None => Tri::True,
            },
            Cond::Shape { value, shape } => match self.text(value, ctx) {
                Some(s) => Tri::from_bool(shape.matches(&s)),
                None => Tri::True,
            },
            Cond::Regex { value, pattern } => match self.text(value, ctx) {
                Some(s) => pattern.matches(&s).map_or(Tri::Unknown, Tri::from_bool),
                None => Tri::False,
            },
            Cond::Sequence { value, parts } => match self.text(value, ctx) {
                Some(s) => Tri::from_bool(eucdm_runtime::format::matches_sequence(parts, &s)),
                None => Tri::True,
            },
        }
    }

    /// Whether an instance of a keyed quantifier (`crate::keyed`) has the
    /// key the anchor looks up, from its index (built on first use).
    fn keyed(&self, c: &Cond, k: &KeyedQuantifier<'_>, ctx: NodeId) -> bool {
        let start = self.doc.ancestor(ctx, k.nav.up);
        let other_than = k.others.then_some(ctx);
        let each = |f: &mut dyn FnMut(NodeId) -> ControlFlow<()>| {
            let _ = self.doc.walk(ctx, k.nav.up, &k.nav.down, f);
        };
        if k.numeric {
            let index = self.keys.numbers.borrow_mut().entry(c).or_default().clone();
            let probe = self.number(k.probe, ctx);
            index.has(self.doc, start, probe.as_ref(), other_than, |add| {
                each(&mut |n| add(n, self.number(k.key, n)))
            })
        } else {
            let index = self.keys.texts.borrow_mut().entry(c).or_default().clone();
            let probe = self.text(k.probe, ctx).map(Cow::into_owned);
            index.has(self.doc, start, probe.as_ref(), other_than, |add| {
                each(&mut |n| add(n, self.text(k.key, n).map(Cow::into_owned)))
            })
        }
    }

    /// A bounded quantifier (`crate::bounded`), from the bounds of its
    /// instances (summed up on first use).
    fn bounded(&self, c: &Cond, b: &BoundedQuantifier<'_>, ctx: NodeId) -> bool {
        let index = self.keys.bounds.borrow_mut().entry(c).or_default().clone();
        let bounds = index.of(self.doc.ancestor(ctx, b.nav.up), |add| {
            let _ = self.doc.walk(ctx, b.nav.up, &b.nav.down, &mut |n| {
                add(self.number(b.key, n))
            });
        });
        let probe = self.number(b.probe, ctx);
        match b.quantifier {
            Quantifier::Any => bounds.any(b.order, probe),
            Quantifier::All => bounds.all(b.order, probe),
            Quantifier::None => !bounds.any(b.order, probe),
        }
    }

    /// The text of a value; a computed number has the empty text (as in the
    /// generated code, where only its presence counts when compared as text).
    fn text<'s>(&'s self, v: &'s Value, ctx: NodeId) -> Option<Cow<'s, str>> {
        match v {
            Value::Text(nav) => self.find(ctx, nav).map(|n| self.doc.text(n).into()),
            Value::RawText(nav) => self.find(ctx, nav).map(|n| self.doc.raw_text(n).into()),
            Value::This(nav) => self
                .this_doc
                .find(self.anchor.get(), nav.up, &nav.down)
                .map(|n| self.this_doc.text(n).into()),
            Value::RawThis(nav) => self
                .this_doc
                .find(self.anchor.get(), nav.up, &nav.down)
                .map(|n| self.this_doc.raw_text(n).into()),
            Value::Prefix(n, inner) => self
                .text(inner, ctx)
                .and_then(|s| within(s, |s| Some(value::prefix(s, *n as usize)))),
            Value::Char(n, inner) => self
                .text(inner, ctx)
                .and_then(|s| within(s, |s| value::char_at(s, *n as usize))),
            Value::Trim(inner) => self
                .text(inner, ctx)
                .and_then(|s| within(s, |s| Some(value::java_trim(s)))),
            Value::Concat(parts) => {
                let texts: Vec<Option<Cow<'_, str>>> =
                    parts.iter().map(|p| self.text(p, ctx)).collect();
                let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                value::concat(&refs).map(Cow::Owned)
            }
            Value::LitText(s) | Value::LitDate(s) | Value::LitNumber(s) => Some(s.as_str().into()),
            Value::Count(_)
            | Value::CountWhere { .. }
            | Value::Distinct { .. }
            | Value::Sum(_)
            | Value::SumNumbers(_)
            | Value::Max(_)
            | Value::Iteration
            | Value::NumberOf(_)
            | Value::IntegerOf(..)
            | Value::Arith(..) => self.number(v, ctx).map(|_| "".into()),
        }
    }

    fn number(&self, v: &Value, ctx: NodeId) -> Option<Decimal> {
        match v {
            Value::LitNumber(s) | Value::LitText(s) | Value::LitDate(s) => {
                crate::codegen::parse_decimal(s).map(Decimal)
            }
            Value::Iteration => Some(Decimal::from_int(self.doc.iteration(ctx) as i64)),
            Value::NumberOf(inner) => self.text(inner, ctx).and_then(|t| value::java_number(&t)),
            Value::IntegerOf(inner, default) => {
                let n =
                    (self.text(inner, ctx).and_then(|t| value::java_int(&t))).unwrap_or(*default);
                Some(Decimal::from_int(i64::from(n)))
            }
            Value::Count(navs) => {
                let mut c: i64 = 0;
                for nav in navs {
                    let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |_| {
                        c += 1;
                        ControlFlow::Continue(())
                    });
                }
                Some(Decimal::from_int(c))
            }
            Value::Distinct { nav, key } => {
                let mut seen = std::collections::HashSet::new();
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |n| {
                    seen.insert(match key {
                        DistinctKey::Text => self.doc.text(n).to_string(),
                        DistinctKey::Trimmed => value::java_trim(self.doc.text(n)).to_string(),
                        DistinctKey::Raw => self.doc.raw_text(n).to_string(),
                        DistinctKey::RawTrimmed => {
                            value::java_trim(self.doc.raw_text(n)).to_string()
                        }
                        DistinctKey::Children => self.doc.child_count(n).to_string(),
                    });
                    ControlFlow::Continue(())
                });
                Some(Decimal::from_int(seen.len() as i64))
            }
            Value::CountWhere { nav, body } => {
                let (mut c, mut undecided) = (0i64, false);
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |each| {
                    match self.cond(body, each) {
                        Tri::True => c += 1,
                        Tri::Unknown => undecided = true,
                        Tri::False => {}
                    }
                    ControlFlow::Continue(())
                });
                (!undecided).then(|| Decimal::from_int(c))
            }
            Value::Sum(nav) => {
                let mut sum: i128 = 0;
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |n| {
                    if let Some(d) = Decimal::parse(self.doc.text(n)) {
                        sum += d.0;
                    }
                    ControlFlow::Continue(())
                });
                Some(Decimal(sum))
            }
            Value::SumNumbers(nav) => {
                let mut sum = Some(0i128);
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |n| {
                    sum = sum.and_then(|s| s.checked_add(value::java_number(self.doc.text(n))?.0));
                    if sum.is_some() {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                });
                sum.map(Decimal)
            }
            Value::Max(nav) => {
                let mut max: Option<i128> = None;
                let _ = self.doc.walk(ctx, nav.up, &nav.down, &mut |n| {
                    if let Some(d) = Decimal::parse(self.doc.text(n)) {
                        max = Some(max.map_or(d.0, |m| m.max(d.0)));
                    }
                    ControlFlow::Continue(())
                });
                max.map(Decimal)
            }
            Value::Arith(a, op, b) => {
                let (a, b) = (self.number(a, ctx)?.0, self.number(b, ctx)?.0);
                match op {
                    ArithOp::Plus => a.checked_add(b),
                    ArithOp::Minus => a.checked_sub(b),
                    ArithOp::Times => return Decimal(a).checked_mul(Decimal(b)),
                }
                .map(Decimal)
            }
            Value::Text(_)
            | Value::RawText(_)
            | Value::Prefix(..)
            | Value::Char(..)
            | Value::Trim(_)
            | Value::Concat(_)
            | Value::This(_)
            | Value::RawThis(_) => self.text(v, ctx).and_then(|t| Decimal::parse(&t)),
        }
    }
}

/// `Cond::Unchanged` for one pair of elements under `a` and `b` (written out
/// here, not `eucdm_runtime::checks::unchanged`: the interpreter is the
/// differential oracle of the generated code).
fn same(a_doc: &Document, a: NodeId, b_doc: &Document, b: NodeId, s: &crate::ir::Same) -> bool {
    let mine: Vec<NodeId> = a_doc.children(a, s.mine).collect();
    let theirs: Vec<NodeId> = b_doc.children(b, s.theirs).collect();
    mine.len() == theirs.len()
        && mine.iter().zip(&theirs).all(|(&x, &y)| {
            alike(s.value, a_doc.text(x), b_doc.text(y))
                && s.within.iter().all(|w| same(a_doc, x, b_doc, y, w))
        })
}

/// Two values of a data item the same, as `Alike::same` says (written out
/// here for the same reason as `same`).
fn alike(how: eucdm_runtime::checks::Alike, a: &str, b: &str) -> bool {
    use eucdm_runtime::checks::Alike;
    match how {
        Alike::None => true,
        Alike::Text => a == b,
        Alike::Number => match (Decimal::parse(a), Decimal::parse(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
        Alike::Date => value::cmp_date(a, b).map_or(a == b, |o| o.is_eq()),
    }
}

/// A part of a text, borrowed when the text is.
fn within<'s>(s: Cow<'s, str>, part: impl FnOnce(&str) -> Option<&str>) -> Option<Cow<'s, str>> {
    match s {
        Cow::Borrowed(b) => part(b).map(Cow::Borrowed),
        Cow::Owned(o) => part(&o).map(|p| Cow::Owned(p.to_string())),
    }
}

fn holds(op: CompareOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }
}
