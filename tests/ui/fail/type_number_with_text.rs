eucdm_macros::ruleset!("ui/rulesets/type_number_with_text", codelists = "ui/codelists");

fn main() {}
