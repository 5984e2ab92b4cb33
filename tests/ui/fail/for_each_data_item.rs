eucdm_macros::ruleset!("ui/rulesets/for_each_data_item", codelists = "ui/codelists");

fn main() {}
