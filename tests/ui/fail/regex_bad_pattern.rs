#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/regex_bad_pattern"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
