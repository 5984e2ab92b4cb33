//! `eucdm explain ID`: what one rule is and what it touches — its source, title,
//! kind, period in force, the data elements and code lists its checks read or
//! govern, the messages it applies to, and the rules that switch it off.
//!
//! Everything is read off the IR, so the answer is what the validator does,
//! not what the rule file seems to say.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::ir::{Cond, MessageIr, Nav, NodeId, RuleIndex, RuleMeta, RuleSet, SetRef, Stmt, Value};
use crate::ir::{RuleKind, Unchecked};
use crate::model::NumberedCheck;

/// The explanation of rule `id`, or `None` if the rule set has no such rule.
pub fn explain(rs: &RuleSet, id: &str) -> Option<String> {
    let (index, meta) = rs.rules.iter().enumerate().find(|(_, r)| r.id == id)?;
    Some(render(rs, index, meta))
}

/// Every rule's explanation, in rule-set order: `(id, text)`; then the ids a
/// message table binds that the rule set does not define (guidelines).
pub fn explain_all(rs: &RuleSet) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = rs
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), render(rs, i, r)))
        .collect();
    let mut unbound: BTreeSet<&str> = BTreeSet::new();
    for m in &rs.messages {
        for n in &m.model.nodes {
            // A numbered check (`p5_p74#1:8120`) is no rule id: coverage lists it.
            for id in n
                .rules
                .iter()
                .filter(|id| NumberedCheck::parse(id).is_none())
            {
                if !rs.rules.iter().any(|r| &r.id == id) {
                    unbound.insert(id);
                }
            }
        }
    }
    for id in unbound {
        let mut s = String::new();
        let what = if RuleKind::of_id(id) == RuleKind::Guideline {
            "a guideline: advice for the declarant, no technical check"
        } else {
            "not defined by this rule set"
        };
        let _ = writeln!(s, "{id} — {what}");
        bound_in(&mut s, rs, id);
        all.push((id.to_string(), s));
    }
    all
}

/// Where the message tables attach rule `id`.
fn bound_in(s: &mut String, rs: &RuleSet, id: &str) {
    for m in &rs.messages {
        let nodes: Vec<String> = (m.model.ids())
            .filter(|(_, n)| n.rules.iter().any(|r| r == id))
            .map(|(i, _)| m.model.dotted(i))
            .collect();
        if !nodes.is_empty() {
            let _ = writeln!(s, "bound by the {} message table to:", m.model.id);
            for n in nodes {
                let _ = writeln!(s, "    {n}");
            }
        }
    }
}

fn render(rs: &RuleSet, index: usize, meta: &RuleMeta) -> String {
    let mut s = String::new();
    let kind = match meta.kind {
        RuleKind::Condition => "condition",
        RuleKind::Rule => "rule",
        RuleKind::Guideline => "guideline",
        RuleKind::Transitional => "transitional constraint",
    };
    let _ = writeln!(s, "{} — {}", meta.id, meta.title);
    let _ = writeln!(s, "kind:       {kind}");
    let _ = writeln!(s, "defined at: {}", meta.location);
    match (&meta.in_force_from, &meta.in_force_until) {
        (None, None) => {}
        (from, until) => {
            let _ = writeln!(
                s,
                "in force:   from {} until {}",
                from.as_deref().unwrap_or("the start"),
                until.as_deref().unwrap_or("further notice")
            );
        }
    }
    match &meta.unchecked {
        None => {}
        Some(Unchecked::Advice) => {
            let _ = writeln!(
                s,
                "not checked: advice, the specification gives no technical check"
            );
        }
        Some(Unchecked::NotExpressible(why)) => {
            let _ = writeln!(s, "not checked: not expressible yet — {why}");
        }
    }
    if let Some(what) = &meta.partial {
        let _ = writeln!(
            s,
            "partial:    checks part of its text; not checked: {what}"
        );
    }
    if !meta.disables.is_empty() {
        let _ = writeln!(s, "disables:   {}", meta.disables.join(", "));
    }
    let disabled_by: Vec<&str> = rs
        .rules
        .iter()
        .filter(|r| r.disables.contains(&meta.id))
        .map(|r| r.id.as_str())
        .collect();
    if !disabled_by.is_empty() {
        let _ = writeln!(s, "not applied while in force: {}", disabled_by.join(", "));
    }
    let mut applies = Vec::new();
    for m in &rs.messages {
        let mut t = Touched::default();
        for c in m.checks.iter().filter(|c| c.rule == RuleIndex(index)) {
            t.stmts(m, &c.body, NodeId::ROOT);
        }
        if t.any {
            applies.push((m, t));
        }
    }
    if applies.is_empty() {
        let _ = writeln!(s, "applies to: no message (no checks)");
    }
    for (m, t) in applies {
        let _ = writeln!(s, "applies to: {} ({})", m.model.id, m.model.title);
        // The specification's numbered checks it gives (HMRC's), as coverage finds them.
        let implements: Vec<String> = (crate::coverage::numbered_checks(rs, m).into_iter())
            .filter(|c| c.rules.contains(&meta.id))
            .map(|c| format!("{} at {}", c.id, c.at))
            .collect();
        if !implements.is_empty() {
            let _ = writeln!(s, "  implements: {}", implements.join(", "));
        }
        if !t.elements.is_empty() {
            let _ = writeln!(s, "  data elements:");
            for n in &t.elements {
                let _ = writeln!(s, "    {}", m.model.dotted(*n));
            }
        }
        if !t.lists.is_empty() {
            let ids: Vec<String> = t
                .lists
                .iter()
                .map(|&i| {
                    let c = &rs.codelists[i];
                    format!("{} {}", c.id, c.title)
                })
                .collect();
            let _ = writeln!(s, "  code lists:");
            for id in ids {
                let _ = writeln!(s, "    {id}");
            }
        }
        // The elements of other messages of the movement, per message.
        let mut read: Vec<(usize, BTreeSet<NodeId>)> = Vec::new();
        for (mi, body) in &t.contexts {
            let mut c = Touched {
                other: true,
                ..Touched::default()
            };
            c.cond(&rs.messages[*mi], body, NodeId::ROOT);
            match read.iter_mut().find(|(i, _)| i == mi) {
                Some((_, e)) => e.extend(c.elements),
                None => read.push((*mi, c.elements)),
            }
        }
        for (mi, elements) in read {
            let other = &rs.messages[mi].model;
            let _ = writeln!(s, "  reads the {} of the movement:", other.id);
            for n in elements {
                let _ = writeln!(s, "    {}: {}", other.id, other.dotted(n));
            }
        }
        if !t.hooks.is_empty() {
            let hooks: Vec<&str> = t.hooks.iter().map(String::as_str).collect();
            let _ = writeln!(s, "  external checks: {}", hooks.join(", "));
        }
    }
    bound_in(&mut s, rs, &meta.id);
    let _ = writeln!(s, "source:");
    for line in meta.source.trim_end().lines() {
        let _ = writeln!(s, "    {line}");
    }
    s
}

/// What the checks of one rule do in one message, by model node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// The nodes its statements are about: an element made mandatory or
    /// forbidden, the subject of a `must`, the numbered or unique item.
    pub governed: BTreeSet<NodeId>,
    /// Every node its checks read or govern (`eucdm explain`'s data elements).
    pub touched: BTreeSet<NodeId>,
    /// The external checks it asks (`eos`).
    pub hooks: BTreeSet<String>,
}

/// What the checks of rule `rule` do in message `m`, or `None` when none of
/// them applies to it (`eucdm docs` lists a rule at the elements it governs).
pub fn reach(m: &MessageIr, rule: RuleIndex) -> Option<Reach> {
    let mut t = Touched::default();
    for c in m.checks.iter().filter(|c| c.rule == rule) {
        t.stmts(m, &c.body, NodeId::ROOT);
    }
    t.any.then_some(Reach {
        governed: t.governed,
        touched: t.elements,
        hooks: t.hooks,
    })
}

/// What the checks of one rule reach in one message, by model node.
#[derive(Default)]
struct Touched {
    any: bool,
    elements: BTreeSet<NodeId>,
    /// The subjects of its statements (see [`Reach::governed`]).
    governed: BTreeSet<NodeId>,
    lists: BTreeSet<usize>,
    hooks: BTreeSet<String>,
    /// Model node of the statement whose condition is read (`this X`).
    anchor: NodeId,
    /// Tests of other messages of the movement (`CC015C: ...`): the message's
    /// index and the test.
    contexts: Vec<(usize, Cond)>,
    /// Reading another message's test: its `this X` are the validated
    /// message's, recorded by the test's own message.
    other: bool,
}

impl Touched {
    /// The model node `nav` reaches from `ctx`, recorded as touched.
    fn nav(&mut self, m: &MessageIr, ctx: NodeId, nav: &Nav) -> NodeId {
        let n = nav.target(&m.model, ctx);
        if n != NodeId::ROOT {
            self.elements.insert(n);
        }
        n
    }

    fn stmts(&mut self, m: &MessageIr, body: &[Stmt], ctx: NodeId) {
        self.any = true;
        for s in body {
            match s {
                Stmt::If {
                    arms, otherwise, ..
                } => {
                    for arm in arms {
                        self.anchor = ctx;
                        self.cond(m, &arm.cond, ctx);
                        self.stmts(m, &arm.body, ctx);
                    }
                    self.stmts(m, otherwise, ctx);
                }
                Stmt::ForEach { nav, body } => {
                    let n = self.nav(m, ctx, nav);
                    self.stmts(m, body, n);
                }
                Stmt::Presence { parent, target, .. } => {
                    self.nav(m, ctx, parent);
                    self.elements.insert(*target);
                    self.governed.insert(*target);
                }
                Stmt::Assert { subject, test } => {
                    let n = self.nav(m, ctx, subject);
                    self.governed.insert(n);
                    self.anchor = n;
                    self.cond(m, test, n);
                }
                Stmt::Sequential { outer, item, .. } => {
                    self.nav(m, ctx, outer);
                    if let Some(&i) = item.last() {
                        self.elements.insert(NodeId::of_schema(i));
                        self.governed.insert(NodeId::of_schema(i));
                    }
                }
                Stmt::Unique { outer, down } => {
                    self.nav(m, ctx, outer);
                    if let Some(&i) = down.last() {
                        self.elements.insert(NodeId::of_schema(i));
                        self.governed.insert(NodeId::of_schema(i));
                    }
                }
                Stmt::NotAllEqual { subject } => {
                    let n = self.nav(m, ctx, subject);
                    self.governed.insert(n);
                }
            }
        }
    }

    fn cond(&mut self, m: &MessageIr, c: &Cond, ctx: NodeId) {
        match c {
            Cond::Const(_) => {}
            Cond::And(v) | Cond::Or(v) => v.iter().for_each(|x| self.cond(m, x, ctx)),
            Cond::Not(x) => self.cond(m, x, ctx),
            Cond::Quantified { nav, body, .. } => {
                let n = self.nav(m, ctx, nav);
                self.cond(m, body, n);
            }
            Cond::Exists(nav) | Cond::Sequential { nav, .. } => {
                self.nav(m, ctx, nav);
            }
            Cond::Context { message, body } => {
                self.contexts.push((*message, (**body).clone()));
                // `this X` in the test: X of the message validated, from
                // where the test is entered.
                body.each_this(&mut |nav| {
                    self.nav(m, ctx, nav);
                });
            }
            Cond::Unchanged { elements, .. } => {
                fn mine(s: &crate::ir::Same, out: &mut std::collections::BTreeSet<NodeId>) {
                    out.insert(NodeId::of_schema(s.mine));
                    s.within.iter().for_each(|w| mine(w, out));
                }
                elements.iter().for_each(|s| mine(s, &mut self.elements));
            }
            Cond::Compare { lhs, rhs, .. } => {
                self.value(m, lhs, ctx);
                self.value(m, rhs, ctx);
            }
            Cond::InSet { value, set, .. } => {
                self.value(m, value, ctx);
                if let SetRef::CodeList { index, .. } = set {
                    self.lists.insert(*index);
                }
            }
            Cond::External { hook, value } => {
                self.hooks.insert(hook.clone());
                self.value(m, value, ctx);
            }
            Cond::Format { value, .. }
            | Cond::Shape { value, .. }
            | Cond::Sequence { value, .. }
            | Cond::Regex { value, .. } => self.value(m, value, ctx),
        }
    }

    fn value(&mut self, m: &MessageIr, v: &Value, ctx: NodeId) {
        match v {
            Value::Text(nav)
            | Value::RawText(nav)
            | Value::Sum(nav)
            | Value::SumNumbers(nav)
            | Value::Max(nav)
            | Value::Distinct { nav, .. } => {
                self.nav(m, ctx, nav);
            }
            // In another message's test, recorded by the message validated.
            Value::This(_) | Value::RawThis(_) if self.other => {}
            Value::This(nav) | Value::RawThis(nav) => {
                self.nav(m, self.anchor, nav);
            }
            Value::Prefix(_, inner)
            | Value::Char(_, inner)
            | Value::Trim(inner)
            | Value::NumberOf(inner)
            | Value::IntegerOf(inner, _) => self.value(m, inner, ctx),
            Value::Arith(a, _, b) => {
                self.value(m, a, ctx);
                self.value(m, b, ctx);
            }
            Value::Concat(parts) => parts.iter().for_each(|p| self.value(m, p, ctx)),
            Value::CountWhere { nav, body } => {
                let n = self.nav(m, ctx, nav);
                self.cond(m, body, n);
            }
            Value::Count(navs) => navs.iter().for_each(|n| {
                self.nav(m, ctx, n);
            }),
            Value::Iteration | Value::LitText(_) | Value::LitDate(_) | Value::LitNumber(_) => {}
        }
    }
}
