eucdm_macros::ruleset!("ui/rulesets/syntax_error_iff", codelists = "ui/codelists");

fn main() {}
