#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/bad_csv_invalid_utf8"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
