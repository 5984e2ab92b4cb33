#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_unclosed_parenthesis"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
