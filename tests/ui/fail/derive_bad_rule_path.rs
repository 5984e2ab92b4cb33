// A rule folder that does not exist is named in the error.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/no_such_folder"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
