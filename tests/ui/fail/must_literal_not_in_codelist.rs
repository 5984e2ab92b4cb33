eucdm_macros::ruleset!("../../../../tests/ui/rulesets/must_literal_not_in_codelist", codelists = "../../../../tests/ui/codelists");

fn main() {}
