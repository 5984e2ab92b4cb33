eucdm_macros::ruleset!("../../../../tests/ui/rulesets/duplicate_rule_id", codelists = "../../../../tests/ui/codelists");

fn main() {}
