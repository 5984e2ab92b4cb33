eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_missing_angle", codelists = "../../../../tests/ui/codelists");

fn main() {}
