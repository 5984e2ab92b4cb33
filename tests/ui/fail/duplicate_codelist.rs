eucdm_macros::ruleset!("../../../../tests/ui/rulesets/duplicate_codelist", codelists = "../../../../tests/ui/codelists");

fn main() {}
