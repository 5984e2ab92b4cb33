eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_missing_header", codelists = "../../../../tests/ui/codelists");

fn main() {}
