eucdm_macros::ruleset!("../../../../tests/ui/rulesets/type_count_in_set_of_codes", codelists = "../../../../tests/ui/codelists");

fn main() {}
