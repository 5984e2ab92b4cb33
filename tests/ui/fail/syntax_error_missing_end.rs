eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_missing_end", codelists = "../../../../tests/ui/codelists");

fn main() {}
