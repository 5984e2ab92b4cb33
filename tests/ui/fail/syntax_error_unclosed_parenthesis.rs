eucdm_macros::ruleset!("ui/rulesets/syntax_error_unclosed_parenthesis", codelists = "ui/codelists");

fn main() {}
