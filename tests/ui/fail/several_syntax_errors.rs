eucdm_macros::ruleset!("../../../../tests/ui/rulesets/several_syntax_errors", codelists = "../../../../tests/ui/codelists");

fn main() {}
