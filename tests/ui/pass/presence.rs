// C0411 (presence, with an `else`) and R0001 (code list from a CSV) on a tiny
// CC015C: the generated validator runs and reports what it should.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/presence"]
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

fn message(declaration_type: &str, tir_carnet: Option<&str>) -> String {
    let carnet = tir_carnet
        .map(|c| format!("<TIRCarnetNumber>{c}</TIRCarnetNumber>"))
        .unwrap_or_default();
    format!(
        r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <declarationType>{declaration_type}</declarationType>
        {carnet}
    </TransitOperation>
    <Consignment>
        <HouseConsignment>
            <grossMass>100</grossMass>
            <ConsignmentItem/>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#
    )
}

fn main() {
    assert_eq!(Rules.rules().len(), 2);
    assert_eq!(Rules.schemas().len(), 1);
    assert_eq!(Rules.schemas()[0].id, "CC015C");

    // Valid: TIR with a carnet, T1 without one.
    assert_eq!(check(&message("TIR", Some("XA12345678"))), []);
    assert_eq!(check(&message("T1", None)), []);

    // TIR without a carnet: 13 (missing), C0411.
    assert_eq!(
        check(&message("TIR", None)),
        [(13, "/CC015C/TransitOperation/TIRCarnetNumber".to_string(), "C0411".to_string())]
    );

    // T1 with a carnet: 15 (not allowed), C0411.
    assert_eq!(
        check(&message("T1", Some("XA12345678"))),
        [(15, "/CC015C/TransitOperation/TIRCarnetNumber".to_string(), "C0411".to_string())]
    );

    // A type not in CL231.csv: 14 (rule), R0001; no carnet outside TIR is right.
    assert_eq!(
        check(&message("T9", None)),
        [(14, "/CC015C/TransitOperation/declarationType".to_string(), "R0001".to_string())]
    );
}
