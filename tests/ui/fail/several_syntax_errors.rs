eucdm_macros::ruleset!("ui/rulesets/several_syntax_errors", codelists = "ui/codelists");

fn main() {}
