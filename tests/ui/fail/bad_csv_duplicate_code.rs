eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_duplicate_code", codelists = "../../../../tests/ui/codelists");

fn main() {}
