eucdm_macros::ruleset!("ui/rulesets/mandatory_forbidden_overlap", codelists = "ui/codelists");

fn main() {}
