#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/bad_csv_duplicate_code"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
