#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/type_code_with_decimal"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
