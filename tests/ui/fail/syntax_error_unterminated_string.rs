#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/syntax_error_unterminated_string"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
