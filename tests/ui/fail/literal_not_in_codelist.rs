eucdm_macros::ruleset!("../../../../tests/ui/rulesets/literal_not_in_codelist", codelists = "../../../../tests/ui/codelists");

fn main() {}
