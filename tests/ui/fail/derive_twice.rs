// One rule folder per rule set: an overlay is written with `extends` in the
// rule files, not with a second attribute.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/presence"]
#[rules = "ui/rulesets/disables"]
#[codelists = "ui/codelists"]
struct Rules;

fn main() {}
