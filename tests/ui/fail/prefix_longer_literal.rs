eucdm_macros::ruleset!("ui/rulesets/prefix_longer_literal", codelists = "ui/codelists");

fn main() {}
