eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_misspelt_outcome", codelists = "../../../../tests/ui/codelists");

fn main() {}
