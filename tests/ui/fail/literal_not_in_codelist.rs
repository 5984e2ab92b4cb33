eucdm_macros::ruleset!("ui/rulesets/literal_not_in_codelist", codelists = "ui/codelists");

fn main() {}
