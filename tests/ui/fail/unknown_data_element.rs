eucdm_macros::ruleset!("../../../../tests/ui/rulesets/unknown_data_element", codelists = "../../../../tests/ui/codelists");

fn main() {}
