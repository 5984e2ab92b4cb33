eucdm_macros::ruleset!("ui/rulesets/syntax_error", codelists = "ui/codelists");

fn main() {}
