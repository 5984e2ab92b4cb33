eucdm_macros::ruleset!("ui/rulesets/bad_csv_duplicate_code", codelists = "ui/codelists");

fn main() {}
