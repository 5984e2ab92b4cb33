eucdm_macros::ruleset!("ui/rulesets/unknown_data_element", codelists = "ui/codelists");

fn main() {}
