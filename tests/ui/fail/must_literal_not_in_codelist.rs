eucdm_macros::ruleset!("ui/rulesets/must_literal_not_in_codelist", codelists = "ui/codelists");

fn main() {}
