#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/type_number_with_text"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
