#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/integer_compared_with_text"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
