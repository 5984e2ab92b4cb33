#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_missing_if"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
