eucdm_macros::ruleset!("ui/rulesets/several_errors", codelists = "ui/codelists");

fn main() {}
