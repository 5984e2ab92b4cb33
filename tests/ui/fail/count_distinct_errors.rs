eucdm_macros::ruleset!("ui/rulesets/count_distinct_errors", codelists = "ui/codelists");

fn main() {}
