eucdm_macros::ruleset!("ui/rulesets/bad_csv_empty_code", codelists = "ui/codelists");

fn main() {}
