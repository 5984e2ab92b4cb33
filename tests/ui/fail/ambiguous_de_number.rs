eucdm_macros::ruleset!("../../../../tests/ui/rulesets/ambiguous_de_number", codelists = "../../../../tests/ui/codelists");

fn main() {}
