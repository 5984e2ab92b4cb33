eucdm_macros::ruleset!("ui/rulesets/type_count_in_set_of_codes", codelists = "ui/codelists");

fn main() {}
