// EUCDM numbers that are ambiguous at the root (11 01 has two paths) resolve
// inside `for each`; each instance is checked on its own.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/for_each"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

const XML: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <declarationType>T</declarationType>
    </TransitOperation>
    <Consignment>
        <HouseConsignment>
            <grossMass>120.5</grossMass>
            <ConsignmentItem><declarationType>T1</declarationType></ConsignmentItem>
            <ConsignmentItem><declarationType>T2</declarationType></ConsignmentItem>
        </HouseConsignment>
        <HouseConsignment>
            <grossMass>0</grossMass>
            <ConsignmentItem><declarationType>TIR</declarationType></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#;

fn main() {
    let doc = eucdm_runtime::read_xml(XML.as_bytes(), Rules.schemas()).expect("readable message");
    let report = Rules.validate(&doc, &eucdm_runtime::Options::default()).expect("read with its own models");
    let got: Vec<(u16, &str, String)> = report
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.as_str(), v.reason.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (14, "/CC015C/Consignment/HouseConsignment[2]/grossMass", "R0001".to_string()),
            (
                14,
                "/CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationType",
                "R0002".to_string()
            ),
        ],
        "{report:#?}"
    );
    assert_eq!(report.violations.len(), 2);
}
