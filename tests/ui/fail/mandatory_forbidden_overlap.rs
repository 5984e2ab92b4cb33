eucdm_macros::ruleset!("../../../../tests/ui/rulesets/mandatory_forbidden_overlap", codelists = "../../../../tests/ui/codelists");

fn main() {}
