eucdm_macros::ruleset!("ui/rulesets/syntax_error_missing_angle", codelists = "ui/codelists");

fn main() {}
