// Two rule sets derived in one module (a national overlay beside the EU set
// is the usual case): nothing generated is added to the module, so nothing
// clashes, and each validates with its own rules.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/presence"]
#[codelists = "ui/codelists"]
struct Presence;

#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/disables"]
#[codelists = "ui/codelists"]
struct Disables;

use eucdm_runtime::RuleSet;

const TIR_WITHOUT_CARNET: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2024-11-05T10:00:00</preparationDateAndTime>
    <TransitOperation><declarationType>TIR</declarationType></TransitOperation>
    <Consignment><HouseConsignment><grossMass>100</grossMass><ConsignmentItem/></HouseConsignment></Consignment>
</ncts:CC015C>"#;

fn reasons(rules: &dyn RuleSet) -> Vec<String> {
    rules
        .validate_xml(TIR_WITHOUT_CARNET.as_bytes(), &Default::default())
        .expect("readable message")
        .violations
        .iter()
        .map(|v| v.reason.to_string())
        .collect()
}

fn main() {
    // `presence` requires the carnet of a TIR declaration (C0411); `disables`
    // does not apply C0411 before 2025-01-22.
    assert!(reasons(&Presence).contains(&"C0411".to_string()));
    assert!(!reasons(&Disables).contains(&"C0411".to_string()));
    let ids = |r: &dyn RuleSet| r.rules().iter().map(|r| r.id.to_string()).collect::<Vec<_>>();
    assert_ne!(ids(&Presence), ids(&Disables));
}
