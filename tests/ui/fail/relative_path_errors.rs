#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/relative_path_errors"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
