eucdm_macros::ruleset!("ui/rulesets/unknown_external", codelists = "ui/codelists");

fn main() {}
