eucdm_macros::ruleset!("ui/rulesets/bad_csv_missing_file", codelists = "ui/codelists");

fn main() {}
