#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/iteration_without_repeating_context"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
