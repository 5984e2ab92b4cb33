eucdm_macros::ruleset!("ui/rulesets/type_date_with_number", codelists = "ui/codelists");

fn main() {}
