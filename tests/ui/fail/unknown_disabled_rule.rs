eucdm_macros::ruleset!("../../../../tests/ui/rulesets/unknown_disabled_rule", codelists = "../../../../tests/ui/codelists");

fn main() {}
