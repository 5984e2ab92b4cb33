eucdm_macros::ruleset!("ui/rulesets/syntax_error_missing_end", codelists = "ui/codelists");

fn main() {}
