#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/bad_csv_row_width"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
