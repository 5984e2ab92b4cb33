//! Rule sets of several message models: a rule without `applies to` is kept
//! for the messages it fits, and one that fits none is an error that says,
//! message by message, why.

use eucdm_compiler::compile_in_memory;
use eucdm_compiler::ir::RuleSet;

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
        .map(|c| rs.rules[c.rule].id.clone())
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

/// The statements of the body's `checks` of rule `id` in message `msg`.
fn statements(rs: &RuleSet, msg: &str, id: &str) -> usize {
    let m = (rs.messages.iter()).find(|m| m.model.id == msg).unwrap();
    (m.checks.iter())
        .find(|c| rs.rules[c.rule].id == id)
        .map_or(0, |c| c.body.len())
}

/// `for messages ... end`: a part of a rule read only in the messages named,
/// so a rule whose text names data groups some messages do not have applies
/// to each message with the parts it has.
#[test]
fn a_part_for_some_messages_is_read_only_there() {
    let rs = compile(
        &[("CC001C", &["a"]), ("CC002C", &["a", "b"])],
        "rule R0001 \"a, and b where there is one\"\n    \
         TransitOperation.a mandatory\n    \
         for messages CC002C\n        TransitOperation.b mandatory\n    end\n",
    )
    .unwrap();
    assert_eq!(checked(&rs, "CC001C"), ["R0001"]);
    assert_eq!(checked(&rs, "CC002C"), ["R0001"]);
    assert_eq!(statements(&rs, "CC001C", "R0001"), 1);
    assert_eq!(statements(&rs, "CC002C", "R0001"), 2);
}

/// A part named for a message it does not fit makes the rule not fit there.
#[test]
fn a_part_for_a_message_must_fit_it() {
    let rs = compile(
        &[("CC001C", &["a"]), ("CC002C", &["a", "b"])],
        "rule R0001 \"b\"\n    TransitOperation.a mandatory\n    \
         for messages CC001C, CC002C\n        TransitOperation.b mandatory\n    end\n",
    )
    .unwrap();
    assert!(checked(&rs, "CC001C").is_empty());
    assert_eq!(checked(&rs, "CC002C"), ["R0001"]);
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["a", "b"])],
        "rule R0001 \"b\" applies to CC001C\n    \
         for messages CC001C\n        TransitOperation.b mandatory\n    end\n",
    )
    .unwrap_err();
    assert!(e.contains("not in the CC001C message model"), "{e}");
}

#[test]
fn a_part_for_an_unknown_message_is_an_error() {
    let e = compile(
        &[("CC001C", &["a"]), ("CC002C", &["a"])],
        "rule R0001 \"a\"\n    for messages CC001C, CC009C\n        \
         TransitOperation.a mandatory\n    end\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with("error: no message model `CC009C`\n --> rules/test.rules:2:26"),
        "{e}"
    );
    assert!(
        e.contains("= help: the message types are CC001C, CC002C"),
        "{e}"
    );
}
