eucdm_macros::ruleset!("../../../../tests/ui/rulesets/type_code_with_decimal", codelists = "../../../../tests/ui/codelists");

fn main() {}
