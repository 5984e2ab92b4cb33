#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_bad_codelist_id"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
