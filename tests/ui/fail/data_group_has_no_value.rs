eucdm_macros::ruleset!("../../../../tests/ui/rulesets/data_group_has_no_value", codelists = "../../../../tests/ui/codelists");

fn main() {}
