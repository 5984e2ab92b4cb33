eucdm_macros::ruleset!("ui/rulesets/mandatory_forbidden_overlap_in_one_rule", codelists = "ui/codelists");

fn main() {}
