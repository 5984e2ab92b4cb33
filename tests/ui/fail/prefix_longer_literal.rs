#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/prefix_longer_literal"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
