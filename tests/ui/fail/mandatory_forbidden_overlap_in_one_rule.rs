#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/mandatory_forbidden_overlap_in_one_rule"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
