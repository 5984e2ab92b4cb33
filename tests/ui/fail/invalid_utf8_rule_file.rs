eucdm_macros::ruleset!("ui/rulesets/invalid_utf8_rule_file", codelists = "ui/codelists");

fn main() {}
