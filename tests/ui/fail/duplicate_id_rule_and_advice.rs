eucdm_macros::ruleset!("../../../../tests/ui/rulesets/duplicate_id_rule_and_advice", codelists = "../../../../tests/ui/codelists");

fn main() {}
