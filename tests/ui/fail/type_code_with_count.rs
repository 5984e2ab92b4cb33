eucdm_macros::ruleset!("../../../../tests/ui/rulesets/type_code_with_count", codelists = "../../../../tests/ui/codelists");

fn main() {}
