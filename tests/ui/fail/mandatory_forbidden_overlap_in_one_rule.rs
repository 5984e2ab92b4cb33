eucdm_macros::ruleset!("../../../../tests/ui/rulesets/mandatory_forbidden_overlap_in_one_rule", codelists = "../../../../tests/ui/codelists");

fn main() {}
