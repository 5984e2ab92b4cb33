eucdm_macros::ruleset!("ui/rulesets/data_group_has_no_value", codelists = "ui/codelists");

fn main() {}
