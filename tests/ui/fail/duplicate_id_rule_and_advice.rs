eucdm_macros::ruleset!("ui/rulesets/duplicate_id_rule_and_advice", codelists = "ui/codelists");

fn main() {}
