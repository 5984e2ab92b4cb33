#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/data_group_has_no_value"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
