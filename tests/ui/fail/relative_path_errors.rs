eucdm_macros::ruleset!("ui/rulesets/relative_path_errors", codelists = "ui/codelists");

fn main() {}
