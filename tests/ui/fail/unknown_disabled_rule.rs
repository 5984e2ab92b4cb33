#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/unknown_disabled_rule"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
