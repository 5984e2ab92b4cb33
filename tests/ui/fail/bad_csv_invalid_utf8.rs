eucdm_macros::ruleset!("ui/rulesets/bad_csv_invalid_utf8", codelists = "ui/codelists");

fn main() {}
