eucdm_macros::ruleset!("../../../../tests/ui/rulesets/for_each_data_item", codelists = "../../../../tests/ui/codelists");

fn main() {}
