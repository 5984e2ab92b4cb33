#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/codelist_not_a_subset"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
