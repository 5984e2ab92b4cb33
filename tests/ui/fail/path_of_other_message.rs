eucdm_macros::ruleset!("ui/rulesets/path_of_other_message", codelists = "ui/codelists");

fn main() {}
