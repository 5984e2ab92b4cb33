eucdm_macros::ruleset!("ui/rulesets/integer_compared_with_text", codelists = "ui/codelists");

fn main() {}
