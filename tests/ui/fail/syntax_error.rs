#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
