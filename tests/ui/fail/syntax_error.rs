eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error", codelists = "../../../../tests/ui/codelists");

fn main() {}
