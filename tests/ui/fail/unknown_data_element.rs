#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/unknown_data_element"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
