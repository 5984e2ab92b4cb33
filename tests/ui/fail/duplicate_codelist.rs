#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/duplicate_codelist"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
