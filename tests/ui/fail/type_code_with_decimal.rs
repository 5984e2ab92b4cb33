eucdm_macros::ruleset!("ui/rulesets/type_code_with_decimal", codelists = "ui/codelists");

fn main() {}
