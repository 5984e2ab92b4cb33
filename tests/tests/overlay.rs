//! National overlays: a rule folder that `extends` the shipped NCTS P5 rule set
//! and adds to it, without copying it (`tests/overlays/national`).

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{Options, RuleSet};
use eucdm_tests::root;

fn compile(dir: &str) -> Result<eucdm_compiler::Compiled, String> {
    eucdm_compiler::compile_dir(&root().join(dir), &root().join("codelists"))
        .map_err(|f| f.render())
}

/// Violations as (code, pointer, reason).
fn check(i: &Interpreter, xml: &str) -> Vec<(u16, String, String)> {
    i.validate_xml(xml.as_bytes(), &Options::default())
        .unwrap()
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect()
}

#[test]
fn an_overlay_adds_its_rules_to_the_rule_set_it_extends() {
    let base = compile("rules/ncts-p5").unwrap();
    let overlay = compile("tests/overlays/national/rules").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(overlay.ruleset.rules.len(), base.ruleset.rules.len() + 1);
    // The base rules, in their order, and the overlay's.
    let ids = |c: &eucdm_compiler::Compiled| -> Vec<String> {
        c.ruleset.rules.iter().map(|r| r.id.clone()).collect()
    };
    let mut without = ids(&overlay);
    without.retain(|id| id != "X0001");
    assert_eq!(without, ids(&base));

    let i = Interpreter::new(&overlay.ruleset);
    let xml =
        std::fs::read_to_string(root().join("tests/fixtures/ncts-p5/CC015C/base.xml")).unwrap();
    assert_eq!(check(&i, &xml), []);
    // A guarantee amount in Swiss francs (CL048): valid for the EU rule set, not for the
    // overlay.
    let chf = xml.replace("<currency>EUR</currency>", "<currency>CHF</currency>");
    assert_ne!(chf, xml);
    assert_eq!(
        check(&i, &chf),
        [(
            14,
            "/CC015C/Guarantee[1]/GuaranteeReference[1]/currency".into(),
            "X0001".into()
        )]
    );
    let eu = Interpreter::new(&base.ruleset);
    assert_eq!(check(&eu, &chf), []);
    // The EU rules still apply under the overlay.
    let tir = xml.replace(
        "<declarationType>T1</declarationType>",
        "<declarationType>TIR</declarationType>",
    );
    assert_ne!(tir, xml);
    assert!(check(&i, &tir).iter().any(|v| v.2 == "C0411"));
}

#[test]
fn an_overlay_may_not_define_an_eu_rule_again() {
    let e = compile("tests/overlays/national/broken-redefine")
        .err()
        .expect("refused");
    assert!(e.contains("rule `R0007` is defined twice"), "{e}");
    assert!(e.contains("redefine.rules:4:6"), "{e}");
    assert!(e.contains("first defined at"), "{e}");
}

#[test]
fn a_cycle_or_a_missing_base_is_an_error_at_the_extends() {
    let e = compile("tests/overlays/national/broken-cycle")
        .err()
        .expect("refused");
    assert!(
        e.contains("extends itself") && e.contains("cycle.rules:2:9"),
        "{e}"
    );

    let dir = std::env::temp_dir().join(format!("eucdm-overlay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("x.rules"), "extends \"../no-such-rule-set\"\n").unwrap();
    let e = eucdm_compiler::compile_dir(&dir, &root().join("codelists"))
        .err()
        .expect("refused")
        .render();
    assert!(
        e.contains("cannot read rule directory") && e.contains("x.rules:1:9"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
