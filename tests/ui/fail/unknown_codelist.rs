eucdm_macros::ruleset!("ui/rulesets/unknown_codelist", codelists = "ui/codelists");

fn main() {}
