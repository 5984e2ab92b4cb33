//! Coverage of a specification that numbers its checks instead of naming
//! rules (HMRC's entry summary declarations): the model binds each check to
//! the element that is its context (`p5_p74#1:8120`, [`NumberedCheck`]), and
//! the check is implemented by the rules that give its error number *and*
//! report at that element. A check no rule gives there shows as missing: a
//! rule with the right number at another element (the header's 8114 but not
//! the means of transport's) does not count.

use std::collections::BTreeSet;

use crate::ir::{MessageIr, RuleIndex, RuleSet, Stmt};
use crate::model::{MessageModel, NodeId, NumberedCheck};

/// One check of the specification and the rules that implement it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckCoverage {
    /// As the model binds it: `p5_p74#1:8120`.
    pub id: String,
    /// Its context element (`TRACONCO1`), or the message id for the message.
    pub at: String,
    /// The rules that give its error number at that element; none: missing.
    pub rules: Vec<String>,
}

impl CheckCoverage {
    pub fn is_implemented(&self) -> bool {
        !self.rules.is_empty()
    }
}

/// Every numbered check the model of `m` binds, in model order.
pub fn checks(rs: &RuleSet, m: &MessageIr) -> Vec<CheckCoverage> {
    let model = &m.model;
    let bound =
        |n: &crate::model::ModelNode| n.rules.iter().any(|id| NumberedCheck::parse(id).is_some());
    if !model.nodes.iter().any(bound) {
        // A message table of rule ids (NCTS): nothing to look for.
        return Vec::new();
    }
    // Per applied rule: its error number and the elements it reports at.
    let giving: Vec<(RuleIndex, u16, BTreeSet<NodeId>)> = (m.checks.iter())
        .filter_map(|c| {
            let number = rs.rule(c.rule).error.as_ref()?.number;
            if disabled(rs, m, c.rule) {
                return None;
            }
            let mut at = BTreeSet::new();
            reports_at(model, &c.body, NodeId::ROOT, &mut at);
            Some((c.rule, number, at))
        })
        .collect();
    let mut out = Vec::new();
    for (node, n) in model.ids() {
        for id in &n.rules {
            let Some(check) = NumberedCheck::parse(id) else {
                continue;
            };
            let mut rules: Vec<String> = (giving.iter())
                .filter(|(_, number, at)| *number == check.number && at.contains(&node))
                .map(|(r, _, _)| rs.rule(*r).id.clone())
                .collect();
            rules.dedup();
            out.push(CheckCoverage {
                id: id.clone(),
                at: if node == NodeId::ROOT {
                    model.id.clone()
                } else {
                    model.dotted(node)
                },
                rules,
            });
        }
    }
    out
}

/// Whether a rule that applies to the message for good (no period in force)
/// switches `rule` off (`disables`): the legacy L8206 replaces E8206.
fn disabled(rs: &RuleSet, m: &MessageIr, rule: RuleIndex) -> bool {
    let id = &rs.rule(rule).id;
    m.checks.iter().any(|c| {
        let d = rs.rule(c.rule);
        d.in_force_from.is_none() && d.in_force_until.is_none() && d.disables.contains(id)
    })
}

/// The elements a rule's statements put their violations at, from context
/// `ctx`: an assertion's subject, a presence statement's target (where a
/// missing element would be, or the one present), a numbering or uniqueness
/// statement's item.
fn reports_at(model: &MessageModel, stmts: &[Stmt], ctx: NodeId, out: &mut BTreeSet<NodeId>) {
    for s in stmts {
        match s {
            Stmt::If {
                arms, otherwise, ..
            } => {
                for a in arms {
                    reports_at(model, &a.body, ctx, out);
                }
                reports_at(model, otherwise, ctx, out);
            }
            Stmt::ForEach { nav, body } => reports_at(model, body, nav.target(model, ctx), out),
            Stmt::Presence { target, .. } => {
                out.insert(*target);
            }
            Stmt::Assert { subject, .. } | Stmt::NotAllEqual { subject } => {
                out.insert(subject.target(model, ctx));
            }
            Stmt::Sequential { item: down, .. } | Stmt::Unique { down, .. } => {
                if let Some(&last) = down.last() {
                    out.insert(NodeId::of_schema(last));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compile_in_memory;

    const MODEL: &str = "message CC315A \"x\" namespace \"n\" m#1:8102\n\
        H group R 1 - - \"H\" h#1:8114 h#2:8206\n\
        H.m text O 1 an..2 - \"mode\"\n\
        G group R * - - \"G\"\n\
        G.T group O 1 - - \"T\" g#1:8114\n\
        G.T.i text O 1 an..9 - \"identity\" g#2:8115\n";

    /// The coverage lines of the numbered checks of a rule set over MODEL.
    fn checks(rules: &str) -> Vec<(String, Vec<String>)> {
        let files: [(&str, &[u8]); 2] = [
            ("CC315A.model", MODEL.as_bytes()),
            ("r.rules", rules.as_bytes()),
        ];
        let c = compile_in_memory(&files, &[]).unwrap_or_else(|f| panic!("{}", f.render()));
        let cov = crate::coverage::coverage(&c.ruleset);
        (cov[0].checks.iter())
            .map(|c| (format!("{} {}", c.id, c.at), c.rules.clone()))
            .collect()
    }

    #[test]
    fn a_check_is_implemented_by_its_number_at_its_element() {
        let got = checks(
            "rule E8102 \"items\" error 8102\n    /* must satisfy (count(G) > 0)\n\
             rule E8114 \"identity\" error 8114\n    H must satisfy (H.m is present)\n\
             rule E8206 \"other element\" error 8206\n    G must satisfy (G.T is present)\n\
             rule E8115 \"forbidden\" error 8115 cites C1\n    for each G.T\n    i forbidden if H.m = '4'\n\
             rule L8206 \"replaced\" error 8206 disables E8206\n    H must satisfy (H.m is present)\n",
        );
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                ("m#1:8102 CC315A".into(), s(&["E8102"])),
                ("h#1:8114 H".into(), s(&["E8114"])),
                // E8206 reports at G, and is replaced: L8206 gives it at H.
                ("h#2:8206 H".into(), s(&["L8206"])),
                // 8114 at the header only: the means of transport's is missing.
                ("g#1:8114 G.T".into(), s(&[])),
                ("g#2:8115 G.T.i".into(), s(&["E8115"])),
            ]
        );
    }
}
