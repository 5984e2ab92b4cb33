eucdm_macros::ruleset!("../../../../tests/ui/rulesets/prefix_longer_literal", codelists = "../../../../tests/ui/codelists");

fn main() {}
