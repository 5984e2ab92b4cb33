eucdm_macros::ruleset!("ui/rulesets/sequential_not_an_element", codelists = "ui/codelists");

fn main() {}
