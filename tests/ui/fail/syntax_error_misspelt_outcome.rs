eucdm_macros::ruleset!("ui/rulesets/syntax_error_misspelt_outcome", codelists = "ui/codelists");

fn main() {}
