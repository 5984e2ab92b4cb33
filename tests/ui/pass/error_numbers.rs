// `error 8142 cites C501`: a rule set's own error numbers (HMRC's entry
// summary declarations), located at the `must` subject or the forbidden item.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/error_numbers"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

fn check(xml: &str) -> Vec<(u16, String, String)> {
    let doc = eucdm_runtime::read_xml(xml.as_bytes(), Rules.schemas()).expect("readable message");
    let report = Rules.validate(&doc, &eucdm_runtime::Options::default()).expect("read with its own models");
    report
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect()
}

fn main() {
    let xml = r#"<ie:CC315A xmlns:ie="http://ics.dgtaxud.ec/CC315A">
    <HEAHEA><TraModAtBorHEA76>12</TraModAtBorHEA76></HEAHEA>
    <GOOITEGDS><TRACONCE2><TINCE259>GB123</TINCE259></TRACONCE2></GOOITEGDS>
    <GOOITEGDS><TRACONCE2/></GOOITEGDS>
    <GOOITEGDS><TRACONCE2><NamCE27>X</NamCE27><TINCE259>GB1</TINCE259></TRACONCE2></GOOITEGDS>
</ie:CC315A>"#;
    let s = |s: &str| s.to_string();
    assert_eq!(
        check(xml),
        [
            (8611, s("/CC315A"), s("E8611")),
            (14, s("/CC315A/HEAHEA/TraModAtBorHEA76"), s("R0001")),
            (8142, s("/CC315A/GOOITEGDS[2]/TRACONCE2"), s("C501")),
            (8646, s("/CC315A/GOOITEGDS[3]/TRACONCE2/NamCE27"), s("C501")),
        ]
    );
}
