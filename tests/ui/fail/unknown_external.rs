eucdm_macros::ruleset!("../../../../tests/ui/rulesets/unknown_external", codelists = "../../../../tests/ui/codelists");

fn main() {}
