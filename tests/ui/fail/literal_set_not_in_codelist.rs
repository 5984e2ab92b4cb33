eucdm_macros::ruleset!("../../../../tests/ui/rulesets/literal_set_not_in_codelist", codelists = "../../../../tests/ui/codelists");

fn main() {}
