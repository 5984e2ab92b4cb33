eucdm_macros::ruleset!("ui/rulesets/iteration_without_repeating_context", codelists = "ui/codelists");

fn main() {}
