eucdm_macros::ruleset!("../../../../tests/ui/rulesets/data_element_not_in_message", codelists = "../../../../tests/ui/codelists");

fn main() {}
