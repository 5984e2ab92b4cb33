// A rule set is derived on a struct.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/presence"]
#[codelists = "ui/codelists"]
enum Rules {
    Current,
    Legacy,
}

fn main() {}
