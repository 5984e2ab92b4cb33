eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_missing_if", codelists = "../../../../tests/ui/codelists");

fn main() {}
