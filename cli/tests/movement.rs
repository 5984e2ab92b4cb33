//! `eucdm validate --movement DIR`: one movement per directory, each trader
//! message validated with the messages prepared before it as context.

mod common;

use common::*;

const EXAMPLE: &str = "examples/ncts-p5/movement-de-invalidation";

fn lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn read(p: &str) -> String {
    std::fs::read_to_string(path(p)).unwrap()
}

#[test]
fn each_trader_message_gets_a_line_in_preparation_order_customs_messages_none() {
    // File names in the reverse of the preparation order: the order is the dates'.
    let d = temp_dir("movement-order");
    std::fs::write(
        d.join("a.xml"),
        read(&format!("{EXAMPLE}/3-cc014c-invalidation.xml")),
    )
    .unwrap();
    std::fs::write(
        d.join("b.xml"),
        read(&format!("{EXAMPLE}/2-cc028c-mrn-allocated.xml")),
    )
    .unwrap();
    std::fs::write(
        d.join("c.xml"),
        read(&format!("{EXAMPLE}/1-cc015c-declaration.xml")),
    )
    .unwrap();
    let dir = d.display().to_string();
    let o = eucdm(&["validate", "--format", "json", "--movement", &dir]);
    let l = lines(&o);
    let messages: Vec<&str> = l.iter().map(|x| x["message"].as_str().unwrap()).collect();
    assert_eq!(messages, ["CC015C", "CC014C"], "{}", stdout(&o));
    assert!(l[0]["file"].as_str().unwrap().ends_with("c.xml"));
    // The CC028C allocated the MRN before the invalidation request, which names the LRN.
    assert_eq!(l[1]["errors"][0]["reason"], "C0467");
    assert_eq!(o.status.code(), Some(1));
    // The same message with the CC028C removed: no MRN allocated, the LRN is right.
    std::fs::remove_file(d.join("b.xml")).unwrap();
    let o = eucdm(&["validate", "--format", "json", "--movement", &dir]);
    let l = lines(&o);
    assert_eq!(l.len(), 2);
    assert_eq!(l[1]["errors"], serde_json::json!([]), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn without_a_movement_the_rule_is_undecided() {
    let file = path(&format!("{EXAMPLE}/3-cc014c-invalidation.xml"));
    let o = eucdm(&["validate", "--format", "json", &file]);
    let l = lines(&o);
    assert_eq!(l[0]["valid"], true);
    assert!(l[0]["undecided"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["reason"] == "C0467"));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_customs_message_is_not_validated_alone() {
    let file = path(&format!("{EXAMPLE}/2-cc028c-mrn-allocated.xml"));
    let o = eucdm(&["validate", "--format", "json", &file]);
    assert!(
        stdout(&o).contains("is a message from customs"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn several_movements_one_after_the_other() {
    let ex = path(EXAMPLE);
    let o = eucdm(&[
        "validate",
        "--format",
        "json",
        "--movement",
        &ex,
        "--movement",
        &ex,
    ]);
    assert_eq!(lines(&o).len(), 4);
}

#[test]
fn a_movement_that_cannot_be_read_is_an_error() {
    let missing = temp_dir("movement-missing")
        .join("none")
        .display()
        .to_string();
    let o = eucdm(&["validate", "--format", "json", "--movement", &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--movement"), "{}", stderr(&o));

    let d = temp_dir("movement-malformed");
    std::fs::write(
        d.join("1.xml"),
        read(&format!("{EXAMPLE}/1-cc015c-declaration.xml")),
    )
    .unwrap();
    std::fs::write(
        d.join("2.xml"),
        "<ncts:CC014C xmlns:ncts=\"http://ncts.dgtaxud.ec\"><broken",
    )
    .unwrap();
    let dir = d.display().to_string();
    let o = eucdm(&["validate", "--format", "json", "--movement", &dir]);
    assert_eq!(o.status.code(), Some(2));
    let l = lines(&o);
    assert!(l[0]["file"].as_str().unwrap().ends_with("2.xml") && l[0]["error"].is_string());
    assert_eq!(l[1]["file"], dir.as_str());
    assert!(l[1]["error"]
        .as_str()
        .unwrap()
        .contains("movement not validated"));
    let _ = std::fs::remove_dir_all(&d);
}

/// The messages of a movement may be given in HMRC's JSON form too: a CC028C
/// as HMRC's CTC Traders API sends it decides C0467 as its XML does.
#[test]
fn a_customs_message_in_hmrc_json_is_context_as_its_xml() {
    let d = temp_dir("movement-json");
    for f in ["1-cc015c-declaration.xml", "3-cc014c-invalidation.xml"] {
        std::fs::write(d.join(f), read(&format!("{EXAMPLE}/{f}"))).unwrap();
    }
    let cc028c = r#"{"n1:CC028C": {
  "@PhaseID": "NCTS5.0",
  "messageSender": "NTA.DE", "messageRecipient": "FIXTURESENDER14",
  "preparationDateAndTime": "2025-02-10T08:05:00", "messageIdentification": "FIXMOV028A",
  "messageType": "CC028C", "correlationIdentifier": "FIXMOV015A",
  "TransitOperation": {"LRN": "RBS25T1WEIL000417", "MRN": "25DE000000MOV001J7",
                       "declarationAcceptanceDate": "2025-02-10"},
  "CustomsOfficeOfDeparture": {"referenceNumber": "DE004058"},
  "HolderOfTheTransitProcedure": {"name": "Movement Fixture Trading GmbH",
    "Address": {"streetAndNumber": "Hafenstrasse 12", "postcode": "20457",
                "city": "Hamburg", "country": "DE"}}
}}"#;
    std::fs::write(d.join("2-cc028c-mrn-allocated.json"), cc028c).unwrap();
    let dir = d.display().to_string();
    let from_json = eucdm(&["validate", "--format", "json", "--movement", &dir]);
    let expected = eucdm(&["validate", "--format", "json", "--movement", &path(EXAMPLE)]);
    let errors = |o: &std::process::Output| -> Vec<serde_json::Value> {
        lines(o).iter().map(|l| l["errors"].clone()).collect()
    };
    assert_eq!(
        errors(&from_json),
        errors(&expected),
        "{}",
        stderr(&from_json)
    );
    assert_eq!(lines(&from_json)[1]["errors"][0]["reason"], "C0467");
    let _ = std::fs::remove_dir_all(&d);
}

/// The example's CC028C allocates a well-formed MRN (the XSD's `MRNType`
/// pattern: procedure category J for a declaration without security data,
/// R0410, and its check digit, R0028): the IE056 rejecting the invalidation
/// request names the movement by it (C0467). A malformed MRN would not be
/// copied, and the IE056 would fall back to the LRN.
#[test]
fn the_example_movement_is_rejected_by_the_mrn_it_was_allocated() {
    let d = temp_dir("movement-example-mrn");
    let out = d.join("out");
    let o = eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--now",
        "2025-06-02T10:15:00",
        "--out",
        &out.display().to_string(),
        "--movement",
        &path(EXAMPLE),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = std::fs::read_to_string(out.join("3-cc014c-invalidation.ie056.xml")).unwrap();
    assert!(xml.contains("<MRN>25DE000000MOV001J7</MRN>"), "{xml}");
    assert!(!xml.contains("<LRN>"), "{xml}");
    // The same MRN in an arrival notification (which must carry a valid
    // one): no error at the MRN; the old `25DE0000000001MOV2` had two
    // (format an18 and R0028), a wrong check digit one (R0028).
    let errors_at_mrn = |mrn: &str| {
        let arrival =
            read("tests/fixtures/ncts-p5/CC007C/R0028/pass.xml").replace("24FR0029904K7RB2J1", mrn);
        let file = d.join("arrival.xml");
        std::fs::write(&file, arrival).unwrap();
        let o = eucdm(&["validate", "--format", "json", &file.display().to_string()]);
        let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let errors = line["errors"].as_array().unwrap().clone();
        errors
            .iter()
            .filter(|e| e["pointer"] == "/CC007C/TransitOperation/MRN")
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(errors_at_mrn("25DE000000MOV001J7"), Vec::<String>::new());
    assert_eq!(
        errors_at_mrn("25DE0000000001MOV2"),
        ["format an18", "R0028"]
    );
    assert_eq!(errors_at_mrn("25DE000000MOV001J8"), ["R0028"]);
    let _ = std::fs::remove_dir_all(&d);
}
