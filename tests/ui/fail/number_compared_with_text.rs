eucdm_macros::ruleset!("ui/rulesets/number_compared_with_text", codelists = "ui/codelists");

fn main() {}
