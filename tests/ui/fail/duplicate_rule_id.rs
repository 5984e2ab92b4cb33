#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/duplicate_rule_id"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
