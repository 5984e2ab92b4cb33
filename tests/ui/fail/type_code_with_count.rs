eucdm_macros::ruleset!("ui/rulesets/type_code_with_count", codelists = "ui/codelists");

fn main() {}
