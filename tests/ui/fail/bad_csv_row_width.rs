eucdm_macros::ruleset!("ui/rulesets/bad_csv_row_width", codelists = "ui/codelists");

fn main() {}
