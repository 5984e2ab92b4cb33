eucdm_macros::ruleset!("ui/rulesets/other_message_model_mismatch", codelists = "ui/codelists");

fn main() {}
