eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_missing_file", codelists = "../../../../tests/ui/codelists");

fn main() {}
