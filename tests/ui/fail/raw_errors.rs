#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/raw_errors"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
