#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_misspelt_outcome"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
