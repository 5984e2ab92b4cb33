//! Which quantifiers are answered by a key lookup (`eucdm_compiler::keyed`): the
//! shapes of the rules that made CC044C quadratic are recognised, and the
//! scanned forms of tests/forms/keyed.rules are not (there the scan is the point:
//! tests/tests/language_forms.rs compares the two).

use std::path::Path;

use eucdm_compiler::bounded::bounded;
use eucdm_compiler::ir::{Cond, RuleSet, Stmt, Value};
use eucdm_compiler::keyed::keyed;

/// Every quantifier in the statements, at any depth.
fn quantifiers<'a>(stmts: &'a [Stmt], out: &mut Vec<&'a Cond>) {
    for s in stmts {
        match s {
            Stmt::If {
                arms, otherwise, ..
            } => {
                for a in arms {
                    in_cond(&a.cond, out);
                    quantifiers(&a.body, out);
                }
                quantifiers(otherwise, out);
            }
            Stmt::ForEach { body, .. } => quantifiers(body, out),
            Stmt::Assert { test, .. } => in_cond(test, out),
            _ => {}
        }
    }
}

fn in_cond<'a>(c: &'a Cond, out: &mut Vec<&'a Cond>) {
    match c {
        Cond::And(v) | Cond::Or(v) => v.iter().for_each(|x| in_cond(x, out)),
        Cond::Not(x) | Cond::Context { body: x, .. } => in_cond(x, out),
        Cond::Quantified { body, .. } => {
            out.push(c);
            in_cond(body, out)
        }
        _ => {}
    }
}

/// The quantifiers of `rule` in `message`, each with whether it is keyed.
fn of_rule<'a>(rs: &'a RuleSet, message: &str, rule: &str) -> Vec<(&'a Cond, bool)> {
    let m = rs
        .messages
        .iter()
        .find(|m| m.model.id == message)
        .expect("message");
    let mut found = Vec::new();
    for check in m.checks.iter().filter(|c| rs.rule(c.rule).id == rule) {
        quantifiers(&check.body, &mut found);
    }
    found.into_iter().map(|q| (q, keyed(q).is_some())).collect()
}

fn compile(rules: &str, codelists: &str) -> RuleSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    eucdm_compiler::compile_dir(&dir.join(rules), &dir.join(codelists))
        .unwrap_or_else(|f| panic!("{}", f.render()))
        .ruleset
}

/// `G satisfies (K + 1 = this K)`: an equality with a sum on one side.
fn follows(q: &Cond) -> bool {
    let Cond::Quantified { body, .. } = q else {
        return false;
    };
    matches!(
        &**body,
        Cond::Compare {
            lhs: Value::Arith(..),
            rhs: Value::This(_),
            ..
        }
    )
}

#[test]
fn the_unloading_remarks_numbering_is_looked_up() {
    let rs = compile("../rules/ncts-p5", "../codelists");
    for rule in ["R0054", "R0055"] {
        let qs = of_rule(&rs, "CC044C", rule);
        let follows: Vec<_> = qs.iter().filter(|(q, _)| follows(q)).collect();
        assert!(!follows.is_empty(), "{rule} has its `+ 1 = this` tests");
        assert!(
            follows.iter().all(|(_, k)| *k),
            "{rule}: every `+ 1 = this` is keyed"
        );
    }
    // R0054's 16 data groups, R0055's two numbers.
    let n = |rule| {
        of_rule(&rs, "CC044C", rule)
            .iter()
            .filter(|(q, _)| follows(q))
            .count()
    };
    assert_eq!((n("R0054"), n("R0055")), (16, 2));
    // `all ... satisfies (X < this X)` is not an equality: not keyed, but bounded.
    let r0055 = of_rule(&rs, "CC044C", "R0055");
    assert!(r0055.iter().any(|(q, k)| !k && bounded(q).is_some()));
}

#[test]
fn the_unloading_remarks_bounds_are_bounded() {
    let rs = compile("../rules/ncts-p5", "../codelists");
    // R0054's `all CC043C: ... satisfies (sequenceNumber < this sequenceNumber)`, one per
    // data group numbered (16), R0055's for the declaration goods item numbers and the goods
    // item numbers of a house consignment.
    let n = |rule| {
        of_rule(&rs, "CC044C", rule)
            .iter()
            .filter(|(q, _)| bounded(q).is_some())
            .count()
    };
    assert_eq!((n("R0054"), n("R0055")), (16, 2));
}

#[test]
fn the_forms_bounds_are_bounded_and_their_scans_are_not() {
    let rs = compile("forms", "ui/codelists");
    for (fast, scan) in [("R0036", "R0037"), ("R0038", "R0039"), ("R0040", "R0041")] {
        let bounded = |rule| {
            of_rule(&rs, "CC901A", rule)
                .iter()
                .map(|(q, _)| bounded(q).is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(bounded(fast), [true], "{fast}");
        assert_eq!(bounded(scan), [false], "{scan}");
    }
}

#[test]
fn the_forms_lookups_are_keyed_and_their_scans_are_not() {
    let rs = compile("forms", "ui/codelists");
    for (lookup, scan) in [("R0016", "R0017"), ("R0018", "R0019"), ("R0020", "R0021")] {
        let keyed = |rule| {
            of_rule(&rs, "CC901A", rule)
                .iter()
                .map(|(_, k)| *k)
                .collect::<Vec<_>>()
        };
        assert_eq!(keyed(lookup), [true], "{lookup}");
        assert_eq!(keyed(scan), [false], "{scan}");
    }
}
