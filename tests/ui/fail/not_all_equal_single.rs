eucdm_macros::ruleset!("../../../../tests/ui/rulesets/not_all_equal_single", codelists = "../../../../tests/ui/codelists");

fn main() {}
