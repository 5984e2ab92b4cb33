eucdm_macros::ruleset!("ui/rulesets/literal_set_not_in_codelist", codelists = "ui/codelists");

fn main() {}
