#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/several_values"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
