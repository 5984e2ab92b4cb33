eucdm_macros::ruleset!("../../../../tests/ui/rulesets/codelist_not_a_subset", codelists = "../../../../tests/ui/codelists");

fn main() {}
