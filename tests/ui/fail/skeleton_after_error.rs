// After a rule error the macro still emits every item a rule set has (empty):
// code that uses them gets the rule error and nothing else.
eucdm_macros::ruleset!("ui/rulesets/skeleton_after_error", codelists = "ui/codelists");

#[allow(unused_imports)]
use self::codelists as _;

fn main() {
    let _: &str = COVERAGE_TEXT;
    let _: &str = COVERAGE_JSON;
    let _: &[(&str, &str)] = &EXPLAIN;
    let _: &[eucdm_runtime::validator::RuleInfo] = &RULES;
    let _: &[(&str, &str)] = &EXTERNALS;
    let _: &[&eucdm_runtime::MessageValidator] = VALIDATORS;
    let _: &[&eucdm_runtime::MessageSchema] = SCHEMAS;
}
