#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/for_each_data_item"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
