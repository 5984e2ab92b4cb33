eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_unclosed_parenthesis", codelists = "../../../../tests/ui/codelists");

fn main() {}
