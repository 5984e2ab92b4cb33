#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/literal_set_not_in_codelist"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
