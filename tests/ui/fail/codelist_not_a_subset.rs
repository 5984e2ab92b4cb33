eucdm_macros::ruleset!("ui/rulesets/codelist_not_a_subset", codelists = "ui/codelists");

fn main() {}
