// After a rule error the derive still implements `RuleSet` (of no message):
// code that uses the type gets the rule error and nothing else.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/skeleton_after_error"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

fn main() {
    let _: &dyn RuleSet = &Rules;
    assert!(Rules.rules().is_empty());
    let _ = Rules.validate_xml(b"<x/>", &Default::default());
}
