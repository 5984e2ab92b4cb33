eucdm_macros::ruleset!("../../../../tests/ui/rulesets/type_number_with_text", codelists = "../../../../tests/ui/codelists");

fn main() {}
