#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_iff"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
