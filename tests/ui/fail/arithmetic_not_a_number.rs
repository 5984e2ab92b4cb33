eucdm_macros::ruleset!("ui/rulesets/arithmetic_not_a_number", codelists = "ui/codelists");

fn main() {}
