#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/unknown_external"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
