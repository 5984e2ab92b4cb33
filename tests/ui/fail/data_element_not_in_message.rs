eucdm_macros::ruleset!("ui/rulesets/data_element_not_in_message", codelists = "ui/codelists");

fn main() {}
