//! Rule sets of several message models: a rule without `applies to` is kept
//! for the messages it fits, and one that fits none is an error that says,
//! message by message, why.

use eucdm_compiler::compile_in_memory;
use eucdm_compiler::ir::{NodeId, RuleSet};

/// A message model `id` with a `TransitOperation` group holding `items`
/// (text data items, status D).
fn model(id: &str, items: &[&str]) -> String {
    let mut m = format!(
        "message {id} \"{id}\" namespace \"urn:{id}\"\n\
         TransitOperation group R 1 - - \"TRANSIT OPERATION\"\n"
    );
    for i in items {
        m.push_str(&format!("TransitOperation.{i} text D 1 an..5 - \"{i}\"\n"));
    }
    m
}

fn compile(models: &[(&str, &[&str])], rules: &str) -> Result<RuleSet, String> {
    let texts: Vec<(String, String)> = (models.iter())
        .map(|(id, items)| (format!("{id}.model"), model(id, items)))
        .collect();
    let mut files: Vec<(&str, &[u8])> = (texts.iter())
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    files.push(("test.rules", rules.as_bytes()));
    compile_in_memory(&files, &[])
        .map(|c| c.ruleset)
        .map_err(|f| f.render())
}

/// The rule ids checked in message `id`.
fn checked(rs: &RuleSet, id: &str) -> Vec<String> {
    let m = (rs.messages.iter())
        .find(|m| m.model.id == id)
        .unwrap_or_else(|| panic!("no message {id}"));
    (m.checks.iter())
        .map(|c| rs.rule(c.rule).id.clone())
        .collect()
}

#[test]
fn a_rule_is_kept_for_the_messages_it_fits() {
    let rs = compile(
        &[("CC001C", &["a", "b"]), ("CC002C", &["a"])],
        "rule R0001 \"a\"\n    TransitOperation.a mandatory\n\
         rule R0002 \"b\"\n    TransitOperation.b mandatory\n",
    )
    .unwrap();
    assert_eq!(checked(&rs, "CC001C"), ["R0001", "R0002"]);
    assert_eq!(checked(&rs, "CC002C"), ["R0001"]);
}

#[test]
fn a_rule_that_fits_neither_of_two_messages_is_an_error_with_both_reasons() {
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["b"])],
        "rule R0001 \"c\"\n    TransitOperation.a mandatory if TransitOperation.b is absent\n",
    )
    .unwrap_err();
    assert_eq!(
        e,
        "error: rule `R0001` fits none of the 2 message models\n \
         --> rules/test.rules:1:6\n  \
         |\n\
         1 | rule R0001 \"c\"\n  \
         |      ^^^^^ resolves in no message\n  \
         |\n  \
         = note: in CC001C: unknown data element `TransitOperation.b` (at rules/test.rules:2:37)\n  \
         = note: in CC002C: unknown data element `TransitOperation.a` (at rules/test.rules:2:5)\n  \
         = help: fix the rule for the message it is meant for, and name it with `applies to`\n"
    );
}

/// A typo is the same error in every message: it is shown as it is, with its
/// caret and suggestion, not folded into a note per message.
#[test]
fn an_error_of_every_message_is_shown_once_with_its_suggestion() {
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["a", "b"])],
        "rule R0001 \"c\"\n    TransitOperation.aa mandatory\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with(
            "error: unknown data element `TransitOperation.aa`\n --> rules/test.rules:2:5"
        ),
        "{e}"
    );
    assert!(
        e.contains("= note: so rule `R0001` fits none of the message models (CC001C, CC002C)"),
        "{e}"
    );
    assert!(
        e.contains("= help: did you mean `TransitOperation.a`?"),
        "{e}"
    );
    assert_eq!(e.matches("error").count(), 1, "{e}");
}

#[test]
fn a_rule_that_fits_none_of_three_messages_names_each_reason() {
    let e = compile(
        &[
            ("CC001C", &["a"]),
            ("CC002C", &["b"]),
            ("CC003C", &["a", "b"]),
        ],
        "rule R0001 \"a and b but not both\"\n    \
         TransitOperation.a mandatory if TransitOperation.b is absent\n    \
         TransitOperation.c forbidden\n",
    )
    .unwrap_err();
    let notes: Vec<&str> = e.lines().filter(|l| l.contains("= note")).collect();
    assert_eq!(
        notes,
        [
            "  = note: in CC001C: unknown data element `TransitOperation.b` (at rules/test.rules:2:37)",
            "  = note: in CC001C: unknown data element `TransitOperation.c` (at rules/test.rules:3:5)",
            "  = note: in CC002C: unknown data element `TransitOperation.a` (at rules/test.rules:2:5)",
            "  = note: in CC002C: unknown data element `TransitOperation.c` (at rules/test.rules:3:5)",
            "  = note: in CC003C: unknown data element `TransitOperation.c` (at rules/test.rules:3:5)",
        ],
        "{e}"
    );
    assert!(
        e.starts_with("error: rule `R0001` fits none of the 3 message models"),
        "{e}"
    );
    assert_eq!(e.matches("error").count(), 1, "{e}");
}

#[test]
fn a_rule_that_fits_one_of_three_messages_is_kept_there() {
    let rs = compile(
        &[
            ("CC001C", &["a"]),
            ("CC002C", &["b"]),
            ("CC003C", &["a", "b"]),
        ],
        "rule R0001 \"a and b\"\n    \
         TransitOperation.a mandatory if TransitOperation.b is absent\n",
    )
    .unwrap();
    assert!(checked(&rs, "CC001C").is_empty());
    assert!(checked(&rs, "CC002C").is_empty());
    assert_eq!(checked(&rs, "CC003C"), ["R0001"]);
}

#[test]
fn a_rule_named_for_a_message_reports_its_errors_there() {
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["b"])],
        "rule R0001 \"b\" applies to CC001C\n    TransitOperation.b mandatory\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with("error: unknown data element `TransitOperation.b`"),
        "{e}"
    );
    assert!(e.contains("not in the CC001C message model"), "{e}");
    assert!(!e.contains("fits none"), "{e}");
}

/// `in message CC002C ... end`: the block is resolved and applied only in the
/// message types it names, so each message reads the parts it has; a rule
/// whose blocks all name other messages checks nothing (coverage: not applied).
#[test]
fn in_message_blocks_are_resolved_only_in_the_messages_they_name() {
    let rules = "rule R0001 \"per message\"\n\
                 \x20   in message CC001C\n        TransitOperation.a mandatory\n    end\n\
                 \x20   in message CC002C, CC003C\n        TransitOperation.b mandatory\n    end\n\
                 rule R0002 \"only CC001C\"\n\
                 \x20   in message CC001C\n        TransitOperation.a mandatory\n    end\n";
    let rs = compile(
        &[("CC001C", &["a"]), ("CC002C", &["b"]), ("CC003C", &["b"])],
        rules,
    )
    .unwrap();
    assert_eq!(checked(&rs, "CC001C"), ["R0001", "R0002"]);
    assert_eq!(checked(&rs, "CC002C"), ["R0001"]);
    assert_eq!(checked(&rs, "CC003C"), ["R0001"]);
    // Inside its block, a name the message does not have is still an error.
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["b"])],
        "rule R0001 \"x\" applies to CC002C\n    in message CC002C\n        TransitOperation.a mandatory\n    end\n",
    )
    .unwrap_err();
    assert!(
        e.contains("unknown data element `TransitOperation.a`"),
        "{e}"
    );
}

#[test]
fn in_message_naming_no_model_is_an_error() {
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["b"])],
        "rule R0001 \"x\"\n    in message CC001C, CC099C\n        TransitOperation.a mandatory\n    end\n",
    )
    .unwrap_err();
    assert!(e.contains("unknown message type `CC099C`"), "{e}");
    assert!(e.contains("the message types are CC001C, CC002C"), "{e}");
}

/// `this X` in a test of another message (`CC002C: ...`) is X of the
/// statement's instance in the message validated: resolved in its model.
#[test]
fn this_in_a_test_of_another_message_reads_the_message_validated() {
    use eucdm_compiler::ir::{Cond, Stmt, Value};
    let rs = compile(
        &[("CC001C", &["a", "b"]), ("CC002C", &["c"])],
        "rule R0001 \"x\" applies to CC001C\n    TransitOperation.b must satisfy (CC002C: TransitOperation.c = this b)\n",
    )
    .unwrap();
    let m = (rs.messages.iter())
        .find(|m| m.model.id == "CC001C")
        .unwrap();
    let Stmt::Assert { test, .. } = &m.checks[0].body[0] else {
        panic!("{:?}", m.checks[0].body)
    };
    let Cond::Context { body, .. } = test else {
        panic!("{test:?}")
    };
    let Cond::Compare { lhs, rhs, .. } = &**body else {
        panic!("{body:?}")
    };
    // `TransitOperation.c` of CC002C from its root; `b` of CC001C: the
    // subject `TransitOperation.b` itself (the anchor).
    let (Value::Text(c), Value::This(b)) = (lhs, rhs) else {
        panic!("{lhs:?} {rhs:?}")
    };
    let other = &rs
        .messages
        .iter()
        .find(|m| m.model.id == "CC002C")
        .unwrap()
        .model;
    assert_eq!(
        other.dotted(NodeId::of_schema(*c.down.last().unwrap())),
        "TransitOperation.c"
    );
    assert_eq!((b.up, b.down.len()), (0, 0));
}

#[test]
fn this_in_a_test_of_another_message_is_resolved_with_errors_of_the_message_validated() {
    // A name the message validated does not have, though the other has it.
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["c"])],
        "rule R0001 \"x\" applies to CC001C\n    TransitOperation.a must satisfy (CC002C: TransitOperation.c = this c)\n",
    )
    .unwrap_err();
    assert!(e.contains("unknown data element `c`"), "{e}");
    assert!(e.contains("test.rules:2:72"), "{e}");
    assert!(e.contains("not in the CC001C message model"), "{e}");
    // Outside a statement context, as in the message validated.
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["c"])],
        "rule R0001 \"x\" applies to CC001C\n    if CC002C: TransitOperation.c = this TransitOperation.a then\n        TransitOperation.a mandatory\n    end\n",
    )
    .unwrap_err();
    assert!(e.contains("test.rules:2:37"), "{e}");
    assert!(e.contains("`this` needs a statement context"), "{e}");
}
