#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/duplicate_id_rule_and_advice"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
