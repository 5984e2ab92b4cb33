#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/not_all_equal_single"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
