eucdm_macros::ruleset!("../../../../tests/ui/rulesets/several_values", codelists = "../../../../tests/ui/codelists");

fn main() {}
