// A rule set with only warnings (an unreachable `else if`, an `else` never
// taken, a test against another list than the bound one, a code a partial list
// does not know, an unused code list) builds: the macro shows errors only.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/warnings"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

fn main() {
    let ids: Vec<&str> = Rules.rules().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["C0001", "C0002", "R0003", "C0004"]);
}
