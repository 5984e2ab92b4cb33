eucdm_macros::ruleset!("ui/rulesets/syntax_error_missing_then", codelists = "ui/codelists");

fn main() {}
