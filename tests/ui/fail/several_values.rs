eucdm_macros::ruleset!("ui/rulesets/several_values", codelists = "ui/codelists");

fn main() {}
