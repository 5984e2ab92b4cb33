eucdm_macros::ruleset!("ui/rulesets/regex_bad_pattern", codelists = "ui/codelists");

fn main() {}
