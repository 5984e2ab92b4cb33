// Every kind of declaration: code lists from a CSV file, inline, partial, a
// subset, not shipped; an external check; advice and not-expressible records;
// a guideline (never checked), a condition, a rule and a transitional rule with
// `applies to`, `in force from/until`, `disables` and a rule-level `for each`.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/language_declarations"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

fn message(
    prepared: &str,
    declaration_type: &str,
    carnet: bool,
    security: &str,
    guarantee_type: &str,
) -> String {
    let carnet = if carnet {
        "<TIRCarnetNumber>XA12345678</TIRCarnetNumber>"
    } else {
        ""
    };
    format!(
        r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>{prepared}</preparationDateAndTime>
    <TransitOperation>
        <LRN>LRN1</LRN>
        <declarationType>{declaration_type}</declarationType>
        <security>{security}</security>
        {carnet}
    </TransitOperation>
    <HolderOfTheTransitProcedure/>
    <Guarantee><sequenceNumber>1</sequenceNumber><guaranteeType>{guarantee_type}</guaranteeType></Guarantee>
    <Consignment>
        <grossMass>100</grossMass>
        <HouseConsignment>
            <sequenceNumber>1</sequenceNumber>
            <grossMass>100</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>1</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#
    )
}

type Found = (Vec<(u16, String, String)>, Vec<(String, String)>);

fn check(xml: &str) -> Found {
    let doc = eucdm_runtime::read_xml(xml.as_bytes(), Rules.schemas()).expect("readable message");
    let report = Rules.validate(&doc, &eucdm_runtime::Options::default()).expect("read with its own models");
    let violations = report
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect();
    let undecided = report
        .undecided
        .iter()
        .map(|(r, p)| (r.to_string(), p.clone()))
        .collect();
    (violations, undecided)
}

fn main() {
    let s = |x: &str| x.to_string();
    // Valid: T1 without carnet, security 0, a guarantee type CL251 knows.
    assert_eq!(
        check(&message("2025-06-02T08:00:00", "T1", false, "0", "1")),
        (vec![], vec![])
    );
    // TIR without carnet (C0411, 13), security 2 (R0001, 14); guarantee type 9
    // is not among the known codes of the partial CL251: undecided, not rejected.
    assert_eq!(
        check(&message("2025-06-02T08:00:00", "TIR", false, "2", "9")),
        (
            vec![
                (14, s("/CC015C/TransitOperation/security"), "R0001".to_string()),
                (13, s("/CC015C/TransitOperation/TIRCarnetNumber"), "C0411".to_string()),
            ],
            vec![("R0002".to_string(), s("/CC015C/Guarantee[1]/guaranteeType"))]
        )
    );
    // Before 2025-01-22: B1234 disables C0411, R0001 is not yet in force.
    assert_eq!(
        check(&message("2024-12-01T08:00:00", "TIR", false, "2", "1")),
        (vec![], vec![])
    );
    // A code CL231 (from the CSV file) does not have: error 12. The guideline
    // G0002 (limit date mandatory) is never checked.
    assert_eq!(
        check(&message("2025-06-02T08:00:00", "X", false, "0", "1")),
        (
            vec![(12, s("/CC015C/TransitOperation/declarationType"), "CL231".to_string())],
            vec![]
        )
    );
    // The rules recorded without checks are listed with the others.
    let ids: Vec<&str> = Rules.rules().iter().map(|r| r.id.as_str()).collect();
    for id in [
        "G0001", "R0165", "G0002", "C0411", "B1234", "R0001", "R0002",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}
