eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_empty_code", codelists = "../../../../tests/ui/codelists");

fn main() {}
