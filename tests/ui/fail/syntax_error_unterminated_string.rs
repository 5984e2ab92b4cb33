eucdm_macros::ruleset!("ui/rulesets/syntax_error_unterminated_string", codelists = "ui/codelists");

fn main() {}
