// `disables`: C0411 is not applied while B1234 (in force until 2025-01-21) is,
// judged by the preparation date or by `Options::date`.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/disables"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

fn check(xml: &str, date: Option<&str>) -> Vec<(u16, String, String)> {
    let doc = eucdm_runtime::read_xml(xml.as_bytes(), Rules.schemas()).expect("readable message");
    let opts = eucdm_runtime::Options {
        date: date.map(str::to_string),
        ..Default::default()
    };
    let report = Rules.validate(&doc, &opts).expect("read with its own models");
    report
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
        .collect()
}

fn message(prepared: &str, declaration_type: &str, tir_carnet: Option<&str>) -> String {
    let carnet = tir_carnet
        .map(|c| format!("<TIRCarnetNumber>{c}</TIRCarnetNumber>"))
        .unwrap_or_default();
    format!(
        r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>{prepared}</preparationDateAndTime>
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
    let carnet = "/CC015C/TransitOperation/TIRCarnetNumber".to_string();
    // TIR without a carnet: C0411 is disabled up to and including 2025-01-21.
    assert_eq!(check(&message("2024-11-05T10:00:00", "TIR", None), None), []);
    assert_eq!(check(&message("2025-01-21T23:59:59", "TIR", None), None), []);
    assert_eq!(
        check(&message("2025-01-22T00:00:00", "TIR", None), None),
        [(13, carnet.clone(), "C0411".to_string())]
    );
    // T1 with a carnet: B1234's own check (50) during the transition, C0411's (15) after.
    assert_eq!(
        check(&message("2024-11-05T10:00:00", "T1", Some("XA12345678")), None),
        [(50, carnet.clone(), "B1234".to_string())]
    );
    assert_eq!(
        check(&message("2025-03-01T10:00:00", "T1", Some("XA12345678")), None),
        [(15, carnet.clone(), "C0411".to_string())]
    );
    // The decisive date can be given instead of the preparation date.
    assert_eq!(
        check(&message("2025-03-01T10:00:00", "TIR", None), Some("2024-12-31")),
        []
    );
    assert_eq!(
        check(&message("2024-11-05T10:00:00", "TIR", None), Some("2025-02-01")),
        [(13, carnet, "C0411".to_string())]
    );
}
