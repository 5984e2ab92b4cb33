// The folder is given as `#[rules = "<dir>"]`, not as a list.
#[derive(eucdm_macros::Validator)]
#[rules(path = "ui/rulesets/presence")]
struct Rules;

fn main() {}
