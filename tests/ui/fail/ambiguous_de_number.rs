#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/ambiguous_de_number"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
