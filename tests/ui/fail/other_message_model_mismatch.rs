#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/other_message_model_mismatch"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
