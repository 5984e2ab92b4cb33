#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/mandatory_forbidden_overlap"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
