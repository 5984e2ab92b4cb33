#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/invalid_utf8_rule_file"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
