eucdm_macros::ruleset!("ui/rulesets/ambiguous_de_number", codelists = "ui/codelists");

fn main() {}
