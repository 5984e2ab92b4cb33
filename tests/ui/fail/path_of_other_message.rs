#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/path_of_other_message"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
