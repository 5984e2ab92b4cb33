#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/type_date_with_number"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
