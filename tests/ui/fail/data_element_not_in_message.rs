#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/data_element_not_in_message"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
