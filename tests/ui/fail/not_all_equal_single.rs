eucdm_macros::ruleset!("ui/rulesets/not_all_equal_single", codelists = "ui/codelists");

fn main() {}
