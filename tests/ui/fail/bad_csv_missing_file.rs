#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/bad_csv_missing_file"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
