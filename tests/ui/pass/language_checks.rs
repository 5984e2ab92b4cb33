// Checks (error 14): comparisons with and without `be`, `be [not] in`, unique
// and sequential (in a group and throughout the declaration), formats and
// shapes, `not contain lowercase letters`, `satisfy`, `not all be equal`, `**.`.
#[derive(eucdm_macros::Validator)]
#[rules = "ui/rulesets/language_checks"]
#[codelists = "ui/codelists"]
struct Rules;

use eucdm_runtime::RuleSet;

const VALID: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <LRN>24SE1234567890ABJ9</LRN>
        <declarationType>T1</declarationType>
        <security>0</security>
        <TIRCarnetNumber>ABC123</TIRCarnetNumber>
        <limitDate>2025-07-01</limitDate>
    </TransitOperation>
    <HolderOfTheTransitProcedure><identificationNumber>SE1234567890</identificationNumber></HolderOfTheTransitProcedure>
    <Guarantee>
        <sequenceNumber>1</sequenceNumber>
        <guaranteeType>1</guaranteeType>
        <otherGuaranteeReference>24SE1234567890AB7</otherGuaranteeReference>
    </Guarantee>
    <Guarantee>
        <sequenceNumber>2</sequenceNumber>
        <guaranteeType>8</guaranteeType>
        <otherGuaranteeReference>REF-8</otherGuaranteeReference>
    </Guarantee>
    <Consignment>
        <grossMass>500</grossMass>
        <TransportEquipment>
            <sequenceNumber>1</sequenceNumber>
            <containerIdentificationNumber>CSQU3054383</containerIdentificationNumber>
            <numberOfSeals>1</numberOfSeals>
            <Seal><sequenceNumber>1</sequenceNumber><identifier>S1</identifier></Seal>
        </TransportEquipment>
        <HouseConsignment>
            <sequenceNumber>1</sequenceNumber>
            <grossMass>200</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>1</declarationGoodsItemNumber></ConsignmentItem>
            <ConsignmentItem><goodsItemNumber>2</goodsItemNumber><declarationGoodsItemNumber>2</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
        <HouseConsignment>
            <sequenceNumber>2</sequenceNumber>
            <grossMass>300</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>3</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#;

const INVALID: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
    <preparationDateAndTime>2025-06-02T08:00:00</preparationDateAndTime>
    <TransitOperation>
        <LRN>lrn-1</LRN>
        <declarationType>T</declarationType>
        <security>3</security>
        <TIRCarnetNumber>abc</TIRCarnetNumber>
        <limitDate>2019-12-31</limitDate>
    </TransitOperation>
    <HolderOfTheTransitProcedure><identificationNumber>se123</identificationNumber></HolderOfTheTransitProcedure>
    <Guarantee>
        <sequenceNumber>0</sequenceNumber>
        <guaranteeType>1</guaranteeType>
        <otherGuaranteeReference>BADGRN</otherGuaranteeReference>
    </Guarantee>
    <Guarantee>
        <sequenceNumber>2</sequenceNumber>
        <guaranteeType>3</guaranteeType>
        <otherGuaranteeReference>X</otherGuaranteeReference>
    </Guarantee>
    <Consignment>
        <grossMass>0</grossMass>
        <TransportEquipment>
            <sequenceNumber>1</sequenceNumber>
            <containerIdentificationNumber>CSQU3054384</containerIdentificationNumber>
            <numberOfSeals>0</numberOfSeals>
        </TransportEquipment>
        <HouseConsignment>
            <sequenceNumber>1</sequenceNumber>
            <grossMass>100</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>1</declarationGoodsItemNumber></ConsignmentItem>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>2</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
        <HouseConsignment>
            <sequenceNumber>2</sequenceNumber>
            <grossMass>100</grossMass>
            <ConsignmentItem><goodsItemNumber>1</goodsItemNumber><declarationGoodsItemNumber>2</declarationGoodsItemNumber></ConsignmentItem>
        </HouseConsignment>
    </Consignment>
</ncts:CC015C>"#;

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
    assert_eq!(check(VALID), []);
    let got = check(INVALID);
    let at = |p: &str| format!("/CC015C/{p}");
    assert_eq!(
        got,
        [
            (14, at("TransitOperation/LRN"), "R0107".to_string()),
            (14, at("TransitOperation/declarationType"), "R0102".to_string()),
            (14, at("TransitOperation/security"), "R0102".to_string()),
            (14, at("TransitOperation/TIRCarnetNumber"), "R0108".to_string()),
            (14, at("TransitOperation/limitDate"), "R0101".to_string()),
            (
                14,
                at("HolderOfTheTransitProcedure/identificationNumber"),
                "R0108".to_string()
            ),
            (14, at("Guarantee[1]/sequenceNumber"), "R0112".to_string()),
            (14, at("Guarantee[1]/otherGuaranteeReference"), "R0109".to_string()),
            (14, at("Guarantee[2]/otherGuaranteeReference"), "R0110".to_string()),
            (14, at("Consignment/grossMass"), "R0101".to_string()),
            (
                14,
                at("Consignment/TransportEquipment[1]/containerIdentificationNumber"),
                "R0108".to_string()
            ),
            // Both house consignments have the same gross mass: each is reported.
            (14, at("Consignment/HouseConsignment[1]/grossMass"), "R0111".to_string()),
            (
                14,
                at("Consignment/HouseConsignment[1]/ConsignmentItem[2]/goodsItemNumber"),
                "R0103".to_string()
            ),
            (
                14,
                at("Consignment/HouseConsignment[1]/ConsignmentItem[2]/goodsItemNumber"),
                "R0105".to_string()
            ),
            (14, at("Consignment/HouseConsignment[2]/grossMass"), "R0111".to_string()),
            (
                14,
                at("Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationGoodsItemNumber"),
                "R0104".to_string()
            ),
            (
                14,
                at("Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationGoodsItemNumber"),
                "R0106".to_string()
            ),
        ]
    );
}
