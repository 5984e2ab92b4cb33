eucdm_macros::ruleset!("ui/rulesets/unknown_disabled_rule", codelists = "ui/codelists");

fn main() {}
