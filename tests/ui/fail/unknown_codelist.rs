eucdm_macros::ruleset!("../../../../tests/ui/rulesets/unknown_codelist", codelists = "../../../../tests/ui/codelists");

fn main() {}
