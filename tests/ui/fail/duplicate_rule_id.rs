eucdm_macros::ruleset!("ui/rulesets/duplicate_rule_id", codelists = "ui/codelists");

fn main() {}
