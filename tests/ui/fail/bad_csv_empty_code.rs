#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/bad_csv_empty_code"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
