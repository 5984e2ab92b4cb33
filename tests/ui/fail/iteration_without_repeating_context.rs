eucdm_macros::ruleset!("../../../../tests/ui/rulesets/iteration_without_repeating_context", codelists = "../../../../tests/ui/codelists");

fn main() {}
