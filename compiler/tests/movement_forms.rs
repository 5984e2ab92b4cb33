//! The forms that read another message of the movement or its model:
//! `complete as in CC002C`, `A unchanged from CC002C except B`, `max(...)`
//! with `+`/`-`, `this X` inside a quantifier of the message validated, and
//! absolute paths that reach every instance: what they resolve to in the IR,
//! and the errors for misuse.

use eucdm_compiler::compile_in_memory;
use eucdm_compiler::ir::{ArithOp, Cond, MessageIr, Nav, NodeId, Quantifier, RuleSet, Stmt, Value};
use eucdm_runtime::checks::Alike;

/// CC001C, the message validated: a repeating group `G` with a number `n`,
/// texts `a` and `b`, a sub-group `S` (text `x`), and `TransitOperation.t`.
const VALIDATED: &str = "message CC001C \"validated\" namespace \"urn:CC001C\"\n\
    TransitOperation group R 1 - - \"TRANSIT OPERATION\"\n\
    TransitOperation.t text O 1 an..5 - \"t\"\n\
    TransitOperation.k number O 1 n..5 - \"k\"\n\
    G group O 9 - - \"G\"\n\
    G.n number R 1 n..5 - \"n\"\n\
    G.a text O 1 an..5 - \"a\"\n\
    G.b text O 1 an..5 - \"b\"\n\
    G.S group O 9 - - \"S\"\n\
    G.S.x text O 1 an..5 - \"x\"\n\
    G.V group O 1 - - \"V\"\n\
    G.V.y text O 1 an..5 - \"y\"\n";

/// CC002C, the other message: `G.a` and `G.S` (with `x`) are R there, `G.b`
/// O, `G.c` only there, no `G.V`, no `TransitOperation.k`.
const OTHER: &str = "message CC002C \"other\" namespace \"urn:CC002C\"\n\
    TransitOperation group R 1 - - \"TRANSIT OPERATION\"\n\
    TransitOperation.t text O 1 an..5 - \"t\"\n\
    G group O 9 - - \"G\"\n\
    G.n number R 1 n..5 - \"n\"\n\
    G.a text R 1 an..5 - \"a\"\n\
    G.b text O 1 an..5 - \"b\"\n\
    G.c text R 1 an..5 - \"c\"\n\
    G.S group R 9 - - \"S\"\n\
    G.S.x text R 1 an..5 - \"x\"\n";

fn compile(rules: &str) -> Result<RuleSet, String> {
    let files: Vec<(&str, &[u8])> = vec![
        ("CC001C.model", VALIDATED.as_bytes()),
        ("CC002C.model", OTHER.as_bytes()),
        ("test.rules", rules.as_bytes()),
    ];
    compile_in_memory(&files, &[])
        .map(|c| c.ruleset)
        .map_err(|f| f.render())
}

fn validated(rs: &RuleSet) -> &MessageIr {
    rs.messages.iter().find(|m| m.model.id == "CC001C").unwrap()
}

fn id(m: &MessageIr, path: &str) -> u16 {
    let n = m.model.find(&path.split('.').collect::<Vec<_>>()).unwrap();
    n.schema_id()
}

/// The test of the first `Assert` of the first check, looking into `for each`.
fn assert_test(m: &MessageIr) -> &Cond {
    fn find(s: &[Stmt]) -> Option<&Cond> {
        s.iter().find_map(|s| match s {
            Stmt::Assert { test, .. } => Some(test),
            Stmt::ForEach { body, .. } => find(body),
            _ => None,
        })
    }
    find(&m.checks[0].body).expect("an assert")
}

#[test]
fn complete_as_in_asks_for_what_the_other_model_marks_r() {
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    for each G\n        complete as in CC002C\n    end\n").unwrap();
    let m = validated(&rs);
    let Stmt::ForEach { body, .. } = &m.checks[0].body[0] else {
        panic!("{:?}", m.checks[0].body)
    };
    let mut asked: Vec<(Nav, String)> = body
        .iter()
        .map(|s| match s {
            Stmt::Presence { parent, target, .. } => (parent.clone(), m.model.dotted(*target)),
            s => panic!("{s:?}"),
        })
        .collect();
    asked.sort_by(|a, b| a.1.cmp(&b.1));
    // n, a and S are R in CC002C; x is R in S (asked of each S present);
    // b is O there, c and V exist in one model only.
    let s = id(m, "G.S");
    assert_eq!(
        asked,
        [
            (Nav::here(), "G.S".to_string()),
            (
                Nav {
                    up: 0,
                    down: vec![s]
                },
                "G.S.x".to_string()
            ),
            (Nav::here(), "G.a".to_string()),
            (Nav::here(), "G.n".to_string()),
        ]
    );
}

#[test]
fn complete_as_in_is_checked_against_the_other_model() {
    let e = compile("rule R0001 \"x\" applies to CC001C\n    for each G.V\n        complete as in CC002C\n    end\n").unwrap_err();
    assert!(e.contains("the CC002C has no `G.V`"), "{e}");
    assert!(e.contains("test.rules:3:24"), "{e}");
    let e = compile("rule R0001 \"x\" applies to CC001C\n    for each G\n        complete as in CC003C\n    end\n").unwrap_err();
    assert!(e.contains("unknown message `CC003C`"), "{e}");
}

#[test]
fn unchanged_from_pairs_the_elements_both_models_have() {
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (G unchanged from CC002C except G.b)\n").unwrap();
    let m = validated(&rs);
    let Cond::Unchanged { elements, message } = assert_test(m) else {
        panic!("{:?}", assert_test(m))
    };
    assert_eq!(rs.messages[*message].model.id, "CC002C");
    assert_eq!(elements.len(), 1);
    let g = &elements[0];
    assert_eq!((g.mine, g.value), (id(m, "G"), Alike::None));
    // n, a and S (with x) in both; b left out; c and V in one model only.
    let within: Vec<String> = (g.within.iter())
        .map(|w| m.model.dotted(NodeId::of_schema(w.mine)))
        .collect();
    assert_eq!(within, ["G.n", "G.a", "G.S"]);
    // n a number, a and x texts, S a group
    let kinds: Vec<Alike> = g.within.iter().map(|w| w.value).collect();
    assert_eq!(kinds, [Alike::Number, Alike::Text, Alike::None]);
    assert_eq!(g.within[2].within[0].value, Alike::Text);
    // Without elements: every data group of the message.
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (unchanged from CC002C except G)\n").unwrap();
    let m = validated(&rs);
    let Cond::Unchanged { elements, .. } = assert_test(m) else {
        panic!()
    };
    assert_eq!(elements.len(), 1);
    assert_eq!(elements[0].mine, id(m, "TransitOperation"));
}

#[test]
fn unchanged_from_names_only_what_the_other_message_has() {
    let e = compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (G.V, G unchanged from CC002C)\n").unwrap_err();
    assert!(
        e.contains("the CC002C has no `G.V`, so it cannot be compared"),
        "{e}"
    );
    assert!(e.contains("test.rules:2:38"), "{e}");
    // Beside a test of another message (`and`), not inside one.
    compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (CC002C: G is present and G unchanged from CC002C)\n").unwrap();
    let e = compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (any CC002C: G satisfies (G unchanged from CC002C))\n").unwrap_err();
    assert!(e.contains("it cannot also compare with the CC002C"), "{e}");
}

#[test]
fn max_and_arithmetic_compute_numbers() {
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    for each G\n        n must satisfy (max(CC002C: G.n) + 1 - 0 = this n)\n    end\n").unwrap();
    let m = validated(&rs);
    let Cond::Context { body, .. } = assert_test(m) else {
        panic!("{:?}", assert_test(m))
    };
    let Cond::Compare { lhs, rhs, .. } = &**body else {
        panic!("{body:?}")
    };
    // (max + 1) - 0, from the left
    let Value::Arith(inner, ArithOp::Minus, zero) = lhs else {
        panic!("{lhs:?}")
    };
    assert!(matches!(&**zero, Value::LitNumber(z) if z == "0"));
    assert!(
        matches!(&**inner, Value::Arith(max, ArithOp::Plus, _) if matches!(**max, Value::Max(_)))
    );
    assert!(matches!(rhs, Value::This(_)));
    // Texts are not added; `max` takes numbers.
    let e = compile("rule R0001 \"x\" applies to CC001C\n    for each G\n        n must satisfy (a + 1 = 2)\n    end\n").unwrap_err();
    assert!(e.contains("`+`, `-` and `*` take numbers"), "{e}");
    assert!(e.contains("test.rules:3:25"), "{e}");
    let e = compile(
        "rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (max(G.a) = 1)\n",
    )
    .unwrap_err();
    assert!(
        e.contains("cannot take the greatest `G.a`: it is not a number"),
        "{e}"
    );
    // A date is a literal, never a subtraction.
    compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (2025-01-21 = 2025-01-21)\n").unwrap();
}

#[test]
fn this_in_a_test_of_another_message_inside_a_quantifier_reads_its_instance() {
    // `n` is G's: from the instance of `all G`, not from the subject `t`.
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    TransitOperation.t must satisfy (all G satisfies (none CC002C: G satisfies (n = this n and a != this a)))\n").unwrap();
    let m = validated(&rs);
    let Cond::Quantified {
        quantifier: Quantifier::All,
        body,
        ..
    } = assert_test(m)
    else {
        panic!("{:?}", assert_test(m))
    };
    let mut this = Vec::new();
    body.each_this(&mut |nav| this.push(nav.clone()));
    assert_eq!(
        this,
        [
            Nav {
                up: 0,
                down: vec![id(m, "G.n")]
            },
            Nav {
                up: 0,
                down: vec![id(m, "G.a")]
            }
        ]
    );
}

#[test]
fn an_absolute_path_reaches_every_instance() {
    let rs = compile("rule R0001 \"x\" applies to CC001C\n    for each G.S\n        x must satisfy (any /*/G satisfies (n = 1) and any G satisfies (n = 1))\n    end\n").unwrap();
    let m = validated(&rs);
    let Cond::And(parts) = assert_test(m) else {
        panic!("{:?}", assert_test(m))
    };
    let navs: Vec<&Nav> = parts
        .iter()
        .map(|p| match p {
            Cond::Quantified { nav, .. } => nav,
            p => panic!("{p:?}"),
        })
        .collect();
    // From x: up to the root and down into every G; `G` alone is x's own G.
    assert_eq!(
        *navs[0],
        Nav {
            up: 3,
            down: vec![id(m, "G")]
        }
    );
    assert_eq!(
        *navs[1],
        Nav {
            up: 2,
            down: vec![]
        }
    );
}
