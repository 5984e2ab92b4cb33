// A misspelt key is no attribute of the derive (rustc says so), and the
// rule folder is then missing.
#[derive(eucdm_macros::Validator)]
#[rule = "ui/rulesets/presence"]
struct Rules;

fn main() {}
