#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/unknown_codelist"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
