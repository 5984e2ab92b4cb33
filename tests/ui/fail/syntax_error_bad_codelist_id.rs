eucdm_macros::ruleset!("../../../../tests/ui/rulesets/syntax_error_bad_codelist_id", codelists = "../../../../tests/ui/codelists");

fn main() {}
