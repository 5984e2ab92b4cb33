#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/must_literal_not_in_codelist"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
