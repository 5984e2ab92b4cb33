#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/sequential_not_an_element"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
