eucdm_macros::ruleset!("ui/rulesets/bad_csv_missing_header", codelists = "ui/codelists");

fn main() {}
