eucdm_macros::ruleset!("ui/rulesets/duplicate_codelist", codelists = "ui/codelists");

fn main() {}
