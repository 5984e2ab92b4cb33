eucdm_macros::ruleset!("../../../../tests/ui/rulesets/path_of_other_message", codelists = "../../../../tests/ui/codelists");

fn main() {}
