#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/type_count_in_set_of_codes"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
