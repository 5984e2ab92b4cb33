eucdm_macros::ruleset!("../../../../tests/ui/rulesets/type_date_with_number", codelists = "../../../../tests/ui/codelists");

fn main() {}
