// Statements and conditions: if / else if / else, `for each ... end`, several
// targets, `else` outcomes, `at least one of`, every comparison, sets and code
// lists, presence tests, quantifiers, `satisfies`, count/sum/iteration/first N
// characters, EUCDM numbers and absolute paths, external checks.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/language_conditions"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

/// The registry of the test: identifiers starting with SE are registered.
struct Eos;

impl eucdm_runtime::ExternalChecks for Eos {
    fn check(&self, hook: &str, value: &str) -> eucdm_runtime::external::Verdict {
        use eucdm_runtime::external::Verdict;
        match (hook, value.starts_with("SE")) {
            ("eos", true) => Verdict::Valid,
            ("eos", false) => Verdict::Invalid,
            _ => Verdict::Unknown,
        }
    }
}

const VALID: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <LRN>LRN1</LRN>
        <declarationType>T1</declarationType>
        <security>1</security>
    </TransitOperation>
    <HolderOfTheTransitProcedure>
        <identificationNumber>SE1234567890</identificationNumber>
        <name>Holder AB</name>
    </HolderOfTheTransitProcedure>
    <Guarantee><sequenceNumber>1</sequenceNumber><guaranteeType>1</guaranteeType></Guarantee>
    <Consignment>
        <grossMass>100</grossMass>
        <TransportEquipment>
            <sequenceNumber>1</sequenceNumber>
            <containerIdentificationNumber>ABCU1234560</containerIdentificationNumber>
            <numberOfSeals>1</numberOfSeals>
            <Seal><sequenceNumber>1</sequenceNumber><identifier>S1</identifier></Seal>
        </TransportEquipment>
        <HouseConsignment>
            <sequenceNumber>1</sequenceNumber>
            <grossMass>100</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>1</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#;

const INVALID: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <LRN>LRN1</LRN>
        <declarationType>TIR</declarationType>
        <security>2</security>
    </TransitOperation>
    <HolderOfTheTransitProcedure>
        <identificationNumber>XX999</identificationNumber>
        <name>Holder AB</name>
    </HolderOfTheTransitProcedure>
    <Guarantee><sequenceNumber>1</sequenceNumber><guaranteeType>1</guaranteeType></Guarantee>
    <Guarantee><sequenceNumber>2</sequenceNumber><guaranteeType>3</guaranteeType></Guarantee>
    <Consignment>
        <grossMass>50</grossMass>
        <TransportEquipment>
            <sequenceNumber>1</sequenceNumber>
            <containerIdentificationNumber>ABCU1234560</containerIdentificationNumber>
            <numberOfSeals>0</numberOfSeals>
            <Seal><sequenceNumber>1</sequenceNumber><identifier>S1</identifier></Seal>
        </TransportEquipment>
        <TransportEquipment>
            <sequenceNumber>2</sequenceNumber>
            <numberOfSeals>2</numberOfSeals>
        </TransportEquipment>
        <HouseConsignment>
            <sequenceNumber>1</sequenceNumber>
            <grossMass>30</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>1</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
        <HouseConsignment>
            <sequenceNumber>2</sequenceNumber>
            <grossMass>30</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>2</declarationGoodsItemNumber></ConsignmentItem>
            <ConsignmentItem><goodsItemNumber>2</goodsItemNumber><declarationGoodsItemNumber>3</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#;

type Found = (Vec<(u16, String, String)>, Vec<(String, String)>);

fn check(xml: &str, external: &dyn eucdm_runtime::ExternalChecks) -> Found {
    let doc = eucdm_runtime::read_xml(xml.as_bytes(), Rules.schemas()).expect("readable message");
    let opts = eucdm_runtime::Options {
        external,
        ..Default::default()
    };
    let report = Rules.validate(&doc, &opts).expect("read with its own models");
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
    assert_eq!(check(VALID, &Eos), (vec![], vec![]));
    // Without a registry, the external checks are undecided, never violations
    // (a condition is noted at its context, a check at the element checked).
    let holder = s("/CC015C/HolderOfTheTransitProcedure/identificationNumber");
    assert_eq!(
        check(VALID, &eucdm_runtime::external::NoExternalChecks),
        (
            vec![],
            vec![("C0007".to_string(), s("/CC015C")), ("R0008".to_string(), holder.clone())]
        )
    );
    assert_eq!(
        check(INVALID, &Eos),
        (
            vec![
                // C0006: 4 guarantees and equipment, house masses 60 != 50.
                (13, s("/CC015C/TransitOperation/limitDate"), "C0006".to_string()),
                // R0008 and C0007: XX999 is not registered.
                (14, holder.clone(), "R0008".to_string()),
                (15, s("/CC015C/HolderOfTheTransitProcedure/name"), "C0007".to_string()),
                // C0004: TIR, a holder and no limit date: some guarantee needs a
                // reference (pointed at the first).
                (
                    13,
                    s("/CC015C/Guarantee[1]/otherGuaranteeReference"),
                    "C0004".to_string()
                ),
                // C0003: no seals declared but one given; two declared, none given.
                (
                    15,
                    s("/CC015C/Consignment/TransportEquipment[1]/Seal[1]"),
                    "C0003".to_string()
                ),
                (
                    13,
                    s("/CC015C/Consignment/TransportEquipment[2]/Seal"),
                    "C0003".to_string()
                ),
            ],
            vec![]
        )
    );
}
