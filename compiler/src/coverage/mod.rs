//! What a rule set covers of its specification: per message, every rule id the
//! message table binds (the `rules` column of the `.model` file, derived from the
//! official table) and what the rule set does with it, every numbered check
//! the model binds (HMRC's, [`numbered`]) with the rules that implement it, and
//! every code list the message binds or the rules test, checked or not.
//! `eucdm coverage` prints it.

mod numbered;

pub use numbered::{checks as numbered_checks, CheckCoverage};

use std::collections::{BTreeMap, BTreeSet};

use crate::codelist::{Content, Provenance};
use crate::ir::{Arm, RuleKind, Unchecked};
use crate::ir::{Cond, MessageIr, RuleIndex, RuleSet, SetRef, Stmt};
use crate::model::NumberedCheck;
use eucdm_runtime::report::json_string;

/// What the rule set does with one rule id of the specification.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleStatus {
    /// Checked from the message alone.
    Implemented,
    /// Checked, partly through the runtime's external-check hook.
    External,
    /// Checked in part (`partial "..."` in the rule header): the text says
    /// what of the rule the checks do not cover.
    Partial(String),
    /// A transitional constraint, checked in the period it is in force.
    Transitional,
    /// Recorded as not expressible in the language yet, with the reason.
    NotExpressible(String),
    /// Advice: a guideline, or a rule with no technical check.
    Advice,
    /// Declared, but its checks do not apply to this message.
    NotApplied,
    /// Bound by the specification, absent from the rule set.
    Missing,
}

impl RuleStatus {
    pub fn label(&self) -> &'static str {
        match self {
            RuleStatus::Implemented => "implemented",
            RuleStatus::External => "external",
            RuleStatus::Partial(_) => "partial",
            RuleStatus::Transitional => "transitional",
            RuleStatus::NotExpressible(_) => "not expressible",
            RuleStatus::Advice => "advice",
            RuleStatus::NotApplied => "not applied",
            RuleStatus::Missing => "missing",
        }
    }
}

/// Whether the values of a code list are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListStatus {
    /// Shipped complete: values are checked.
    Checked,
    /// Shipped in part: a value it lists is accepted, others are undecided.
    Partial,
    /// Not shipped: values are not checked.
    NotChecked,
}

impl ListStatus {
    pub fn label(self) -> &'static str {
        match self {
            ListStatus::Checked => "checked",
            ListStatus::Partial => "partial",
            ListStatus::NotChecked => "not checked",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RuleCoverage {
    pub id: String,
    pub status: RuleStatus,
}

#[derive(Debug, Clone)]
pub struct ListCoverage {
    pub id: String,
    pub status: ListStatus,
    /// Bound to a data item of the message.
    pub bound: bool,
    /// Tested by a rule (`in CL010`).
    pub tested: bool,
    /// Its source and snapshot date (`SOURCES.csv`), when recorded.
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Clone)]
pub struct MessageCoverage {
    pub message: String,
    pub rules: Vec<RuleCoverage>,
    /// The numbered checks its model binds (none for a message table of rule ids).
    pub checks: Vec<CheckCoverage>,
    pub codelists: Vec<ListCoverage>,
}

/// The coverage of every message of a rule set.
pub fn coverage(rs: &RuleSet) -> Vec<MessageCoverage> {
    // A message from customs is read as context of a movement, not validated:
    // nothing of it is covered or left out.
    (rs.messages.iter())
        .filter(|m| !m.model.context_only)
        .map(|m| message(rs, m))
        .collect()
}

fn message(rs: &RuleSet, m: &MessageIr) -> MessageCoverage {
    let bound: BTreeSet<&str> = m
        .model
        .nodes
        .iter()
        .flat_map(|n| n.rules.iter().map(String::as_str))
        .filter(|id| NumberedCheck::parse(id).is_none())
        .collect();
    let applied: BTreeMap<RuleIndex, bool> = m
        .checks
        .iter()
        .map(|c| (c.rule, c.body.iter().any(stmt_is_external)))
        .collect();
    let rules = bound
        .iter()
        .map(|&id| {
            let status = match rs.rules.iter().position(|r| r.id == id) {
                None if RuleKind::of_id(id) == RuleKind::Guideline => RuleStatus::Advice,
                None => RuleStatus::Missing,
                Some(i) => {
                    let r = &rs.rules[i];
                    match (&r.unchecked, applied.get(&RuleIndex(i))) {
                        (Some(Unchecked::Advice), _) => RuleStatus::Advice,
                        (Some(Unchecked::NotExpressible(why)), _) => {
                            RuleStatus::NotExpressible(why.clone())
                        }
                        (None, _) if r.kind == RuleKind::Guideline => RuleStatus::Advice,
                        (None, None) => RuleStatus::NotApplied,
                        (None, Some(_)) if r.partial.is_some() => {
                            RuleStatus::Partial(r.partial.clone().unwrap_or_default())
                        }
                        (None, Some(true)) => RuleStatus::External,
                        (None, Some(false)) if r.kind == RuleKind::Transitional => {
                            RuleStatus::Transitional
                        }
                        (None, Some(false)) => RuleStatus::Implemented,
                    }
                }
            };
            RuleCoverage {
                id: id.to_string(),
                status,
            }
        })
        .collect();

    let mut lists: BTreeMap<usize, (bool, bool)> = BTreeMap::new();
    let index = |id: &str| rs.codelists.iter().position(|c| c.id == id);
    for n in &m.model.nodes {
        if let Some(i) = n.codelist.as_deref().and_then(index) {
            lists.entry(i).or_default().0 = true;
        }
    }
    let mut tested = BTreeSet::new();
    for c in &m.checks {
        for s in &c.body {
            stmt_lists(s, &mut tested);
        }
    }
    for i in tested {
        lists.entry(i).or_default().1 = true;
    }
    let codelists = lists
        .into_iter()
        .map(|(i, (bound, tested))| {
            let c = &rs.codelists[i];
            ListCoverage {
                id: c.id.clone(),
                status: match c.content {
                    Content::Complete(_) => ListStatus::Checked,
                    Content::Partial(_) => ListStatus::Partial,
                    Content::NotShipped => ListStatus::NotChecked,
                },
                bound,
                tested,
                provenance: c.provenance.clone(),
            }
        })
        .collect();
    MessageCoverage {
        message: m.model.id.clone(),
        rules,
        checks: numbered::checks(rs, m),
        codelists,
    }
}

fn stmt_is_external(s: &Stmt) -> bool {
    let mut found = false;
    visit_stmt(s, &mut |c| found |= matches!(c, Cond::External { .. }));
    found
}

fn stmt_lists(s: &Stmt, out: &mut BTreeSet<usize>) {
    visit_stmt(s, &mut |c| {
        if let Cond::InSet {
            set: SetRef::CodeList { index, .. },
            ..
        } = c
        {
            out.insert(*index);
        }
    });
}

/// Calls `f` on every condition in a statement, nested ones included.
fn visit_stmt(s: &Stmt, f: &mut dyn FnMut(&Cond)) {
    match s {
        Stmt::If {
            arms, otherwise, ..
        } => {
            for Arm { cond: c, body, .. } in arms {
                visit_cond(c, f);
                body.iter().for_each(|s| visit_stmt(s, f));
            }
            otherwise.iter().for_each(|s| visit_stmt(s, f));
        }
        Stmt::ForEach { body, .. } => body.iter().for_each(|s| visit_stmt(s, f)),
        Stmt::Assert { test, .. } => visit_cond(test, f),
        Stmt::Presence { .. }
        | Stmt::Sequential { .. }
        | Stmt::Unique { .. }
        | Stmt::NotAllEqual { .. } => {}
    }
}

fn visit_cond(c: &Cond, f: &mut dyn FnMut(&Cond)) {
    f(c);
    match c {
        Cond::And(v) | Cond::Or(v) => v.iter().for_each(|c| visit_cond(c, f)),
        Cond::Not(c) => visit_cond(c, f),
        Cond::Quantified { body, .. } => visit_cond(body, f),
        _ => {}
    }
}

/// The order statuses are listed in.
const ORDER: [&str; 8] = [
    "implemented",
    "external",
    "partial",
    "transitional",
    "not expressible",
    "advice",
    "not applied",
    "missing",
];

/// Human-readable report.
pub fn render_text(cov: &[MessageCoverage]) -> String {
    let mut out = String::new();
    for m in cov {
        render_checks_text(&mut out, m);
        // A specification of numbered checks binds no rule ids.
        if !m.rules.is_empty() || m.checks.is_empty() {
            render_rules_text(&mut out, m);
        }
        out.push_str(&format!(
            "{}: {} code lists bound to its items or tested by its rules\n",
            m.message,
            m.codelists.len()
        ));
        for status in [
            ListStatus::Checked,
            ListStatus::Partial,
            ListStatus::NotChecked,
        ] {
            let ids: Vec<&str> = m
                .codelists
                .iter()
                .filter(|c| c.status == status)
                .map(|c| c.id.as_str())
                .collect();
            out.push_str(&format!("  {:<16} {:>3}", status.label(), ids.len()));
            if !ids.is_empty() {
                out.push_str(&format!("  {}", ids.join(" ")));
            }
            out.push('\n');
        }
    }
    out.push_str(&render_sources(cov));
    out
}

/// Each numbered check with its element and the rules that implement it
/// (`missing` when none does), after the totals.
fn render_checks_text(out: &mut String, m: &MessageCoverage) {
    if m.checks.is_empty() {
        return;
    }
    let done = m.checks.iter().filter(|c| c.is_implemented()).count();
    out.push_str(&format!(
        "{}: {} numbered checks bound by the model, each with the rules giving its error at its element\n",
        m.message,
        m.checks.len()
    ));
    out.push_str(&format!("  {:<16} {done:>3}\n", "implemented"));
    out.push_str(&format!(
        "  {:<16} {:>3}\n",
        "missing",
        m.checks.len() - done
    ));
    let width = m.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let at_width = m.checks.iter().map(|c| c.at.len()).max().unwrap_or(0);
    for c in &m.checks {
        let rules = if c.is_implemented() {
            c.rules.join(" ")
        } else {
            "missing".to_string()
        };
        out.push_str(&format!(
            "    {:<width$}  {:<at_width$}  {rules}\n",
            c.id, c.at
        ));
    }
}

/// Every rule id the message table binds, by what is done with it.
fn render_rules_text(out: &mut String, m: &MessageCoverage) {
    out.push_str(&format!(
        "{}: {} rule ids bound by the message table\n",
        m.message,
        m.rules.len()
    ));
    for label in ORDER {
        let of: Vec<&RuleCoverage> = m
            .rules
            .iter()
            .filter(|r| r.status.label() == label)
            .collect();
        out.push_str(&format!("  {label:<16} {:>3}", of.len()));
        if label == "not expressible" || label == "partial" {
            for r in &of {
                if let RuleStatus::NotExpressible(why) | RuleStatus::Partial(why) = &r.status {
                    out.push_str(&format!("\n    {} — {why}", r.id));
                }
            }
        } else if !of.is_empty() {
            let ids: Vec<&str> = of.iter().map(|r| r.id.as_str()).collect();
            out.push_str(&format!("  {}", ids.join(" ")));
        }
        out.push('\n');
    }
}

/// Every list the messages check (in whole or in part), once, with its
/// snapshot date and source: how old the reference data behind an error 12 is.
fn render_sources(cov: &[MessageCoverage]) -> String {
    let lists: BTreeMap<&str, &ListCoverage> = (cov.iter())
        .flat_map(|m| &m.codelists)
        .filter(|c| c.status != ListStatus::NotChecked)
        .map(|c| (c.id.as_str(), c))
        .collect();
    let mut out = format!(
        "code lists checked: {}, each with its snapshot (the day of its source's data) and source\n",
        lists.len()
    );
    for (id, c) in lists {
        let (snapshot, source) = match &c.provenance {
            Some(p) if p.snapshot.is_empty() => ("undated", p.source.as_ref()),
            Some(p) => (p.snapshot.as_ref(), p.source.as_ref()),
            None => ("-", "no source recorded"),
        };
        out.push_str(&format!("  {id:<6} {snapshot:<10}  {source}\n"));
    }
    out
}

/// `,"source":…,"snapshot":…`: strings, `null` when not recorded (snapshot:
/// also when the source has no date).
fn render_provenance(out: &mut String, p: Option<&Provenance>) {
    out.push_str(",\"source\":");
    match p {
        Some(p) => json_string(out, &p.source),
        None => out.push_str("null"),
    }
    out.push_str(",\"snapshot\":");
    match p.filter(|p| !p.snapshot.is_empty()) {
        Some(p) => json_string(out, &p.snapshot),
        None => out.push_str("null"),
    }
}

/// One JSON object: `{"messages":[{"message":…,"rules":[…],"codelists":[…],"totals":{…}}]}`;
/// a code list is `{"id","status","bound","tested","source","snapshot"}`.
pub fn render_json(cov: &[MessageCoverage]) -> String {
    let mut out = String::from("{\"messages\":[");
    for (i, m) in cov.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"message\":");
        json_string(&mut out, &m.message);
        out.push_str(",\"rules\":[");
        for (j, r) in m.rules.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str("{\"id\":");
            json_string(&mut out, &r.id);
            out.push_str(",\"status\":");
            json_string(&mut out, r.status.label());
            if let RuleStatus::NotExpressible(why) | RuleStatus::Partial(why) = &r.status {
                out.push_str(",\"reason\":");
                json_string(&mut out, why);
            }
            out.push('}');
        }
        out.push(']');
        render_checks_json(&mut out, &m.checks);
        out.push_str(",\"codelists\":[");
        for (j, c) in m.codelists.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str("{\"id\":");
            json_string(&mut out, &c.id);
            out.push_str(",\"status\":");
            json_string(&mut out, c.status.label());
            out.push_str(&format!(",\"bound\":{},\"tested\":{}", c.bound, c.tested));
            render_provenance(&mut out, c.provenance.as_ref());
            out.push('}');
        }
        out.push_str("],\"totals\":{");
        let mut first = true;
        for label in ORDER {
            let n = m.rules.iter().filter(|r| r.status.label() == label).count();
            if !first {
                out.push(',');
            }
            first = false;
            json_string(&mut out, label);
            out.push_str(&format!(":{n}"));
        }
        if !m.checks.is_empty() {
            let done = m.checks.iter().filter(|c| c.is_implemented()).count();
            out.push_str(&format!(
                ",\"checks implemented\":{done},\"checks missing\":{}",
                m.checks.len() - done
            ));
        }
        for status in [
            ListStatus::Checked,
            ListStatus::Partial,
            ListStatus::NotChecked,
        ] {
            let n = m.codelists.iter().filter(|c| c.status == status).count();
            out.push(',');
            json_string(&mut out, &format!("codelists {}", status.label()));
            out.push_str(&format!(":{n}"));
        }
        out.push_str("}}");
    }
    out.push_str("]}");
    out
}

/// `,"checks":[{"id","at","rules":[…],"status"}]`, only when the model binds
/// numbered checks: a message table of rule ids keeps its line as it was.
fn render_checks_json(out: &mut String, checks: &[CheckCoverage]) {
    if checks.is_empty() {
        return;
    }
    out.push_str(",\"checks\":[");
    for (i, c) in checks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        json_string(out, &c.id);
        out.push_str(",\"at\":");
        json_string(out, &c.at);
        out.push_str(",\"rules\":[");
        for (j, r) in c.rules.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            json_string(out, r);
        }
        out.push_str("],\"status\":");
        json_string(
            out,
            if c.is_implemented() {
                "implemented"
            } else {
                "missing"
            },
        );
        out.push('}');
    }
    out.push(']');
}
