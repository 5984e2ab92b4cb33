#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/arithmetic_not_a_number"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
