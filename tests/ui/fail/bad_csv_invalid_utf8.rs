eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_invalid_utf8", codelists = "../../../../tests/ui/codelists");

fn main() {}
