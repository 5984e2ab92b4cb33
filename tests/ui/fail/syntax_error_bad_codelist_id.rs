eucdm_macros::ruleset!("ui/rulesets/syntax_error_bad_codelist_id", codelists = "ui/codelists");

fn main() {}
