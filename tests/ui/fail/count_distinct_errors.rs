#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/count_distinct_errors"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
