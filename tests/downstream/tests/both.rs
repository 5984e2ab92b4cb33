//! Both rule sets of this crate validate, each with its own rules.

use eucdm::RuleSet;
use eucdm_downstream::{validate_both, Eu, National};

fn declaration(kind: &str, currency: &str) -> String {
    format!(
        r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
  <TransitOperation><declarationType>{kind}</declarationType></TransitOperation>
  <Guarantee><GuaranteeReference><currency>{currency}</currency></GuaranteeReference></Guarantee>
</ncts:CC015C>"#
    )
}

fn reasons(r: &eucdm::Report) -> Vec<String> {
    r.violations.iter().map(|v| v.reason.to_string()).collect()
}

#[test]
fn the_overlay_adds_its_rule_to_the_eu_rules() {
    let ids = |r: &dyn RuleSet| {
        r.rules()
            .iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&Eu), ["C0411"]);
    assert_eq!(ids(&National), ["C0411", "X0001"]);
}

#[test]
fn a_franc_guarantee_is_valid_for_the_eu_and_not_nationally() {
    let (eu, national) = validate_both(declaration("T1", "CHF").as_bytes()).unwrap();
    assert!(eu.is_valid(), "{:?}", eu.violations);
    assert_eq!(reasons(&national), ["X0001"]);
    let v = &national.violations[0];
    assert_eq!(
        (v.code.number(), v.pointer.as_str()),
        (14, "/CC015C/Guarantee[1]/GuaranteeReference[1]/currency")
    );
}

#[test]
fn the_eu_rules_apply_under_the_overlay() {
    let (eu, national) = validate_both(declaration("TIR", "EUR").as_bytes()).unwrap();
    assert_eq!(reasons(&eu), ["C0411"]);
    assert_eq!(reasons(&national), ["C0411"]);
}

#[test]
fn reports_serialize_with_the_facades_serde_feature() {
    let (_, national) = validate_both(declaration("T1", "CHF").as_bytes()).unwrap();
    let json = serde_json::to_value(&national).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"][0]["reason"], "X0001");
}
