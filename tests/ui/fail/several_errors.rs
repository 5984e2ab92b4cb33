#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/several_errors"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
