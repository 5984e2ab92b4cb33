eucdm_macros::ruleset!("../../../../tests/ui/rulesets/bad_csv_row_width", codelists = "../../../../tests/ui/codelists");

fn main() {}
