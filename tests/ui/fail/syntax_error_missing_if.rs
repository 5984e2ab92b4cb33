eucdm_macros::ruleset!("ui/rulesets/syntax_error_missing_if", codelists = "ui/codelists");

fn main() {}
