//! `eucdm validate --format junit`: one JUnit XML report for the run, a test
//! case per file, a failure per violation, an error per file that could not
//! be validated; well-formed whatever the messages hold.

mod common;

use common::{eucdm, path, stderr, stdout, temp_file};
use quick_xml::events::Event;

#[test]
fn the_examples_as_a_junit_report() {
    let o = eucdm(&["validate", "--format", "junit", &path("examples/ncts-p5")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let dir = path("examples/ncts-p5");
    let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="eucdm validate" tests="3" failures="2" errors="0">
  <testsuite name="eucdm validate" tests="3" failures="2" errors="0" skipped="0">
    <testcase name="DIR/goods-item-numbers-invalid.xml" classname="CC015C">
      <failure message="error 14 R0007 at /CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationGoodsItemNumber value &quot;2&quot;" type="R0007">error 14 R0007 at /CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationGoodsItemNumber value "2": Declaration goods item numbers 1, 2, 3 ... throughout the declaration</failure>
      <system-out>note: R0840 at /CC015C/Consignment/Carrier/identificationNumber not decided
note: R0840 at /CC015C/Consignment/AdditionalSupplyChainActor[1]/identificationNumber not decided</system-out>
    </testcase>
    <testcase name="DIR/t1-de-to-fr-valid.xml" classname="CC015C">
      <system-out>note: R0840 at /CC015C/Consignment/Carrier/identificationNumber not decided
note: R0840 at /CC015C/Consignment/AdditionalSupplyChainActor[1]/identificationNumber not decided</system-out>
    </testcase>
    <testcase name="DIR/tir-without-carnet-invalid.xml" classname="CC015C">
      <failure message="error 13 C0411 at /CC015C/TransitOperation/TIRCarnetNumber value -" type="C0411">error 13 C0411 at /CC015C/TransitOperation/TIRCarnetNumber value -: TIR carnet number</failure>
      <system-out>note: R0840 at /CC015C/Consignment/Carrier/identificationNumber not decided
note: R0840 at /CC015C/Consignment/AdditionalSupplyChainActor[1]/identificationNumber not decided</system-out>
    </testcase>
  </testsuite>
</testsuites>
"#
    .replace("DIR", &dir);
    assert_eq!(stdout(&o), expected);
}

/// A file that cannot be read is an `<error>` of its test case (and a line
/// on stderr, exit 2); the others are still reported.
#[test]
fn an_unreadable_file_is_an_error_case() {
    let missing = path("examples/ncts-p5/no-such-file.xml");
    let valid = path("examples/ncts-p5/t1-de-to-fr-valid.xml");
    let o = eucdm(&["validate", "--format", "junit", &valid, &missing]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains(r#"<testsuites name="eucdm validate" tests="2" failures="0" errors="1">"#),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "<testcase name=\"{missing}\" classname=\"eucdm\">\n      <error message=\"cannot read file: "
        )),
        "{out}"
    );
    assert!(stderr(&o).contains("cannot read file"), "{}", stderr(&o));
}

/// Values XML cannot carry (a control character a JSON message holds
/// escaped) and markup characters leave the report well-formed.
#[test]
fn the_report_is_well_formed_whatever_the_messages_hold() {
    let json = r#"{"CC015C": {"messageSender": "A&B <x>", "TransitOperation": {"security": "\u0001\"Q\"]]>&"}}}"#;
    let file = temp_file("junit-hostile", "hostile.json", json);
    let fixtures = path("tests/fixtures/ncts-p5/CC015C/C0411");
    let o = eucdm(&["validate", "--format", "junit", &file, &fixtures]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let elements = parse(&out);
    assert!(
        elements.iter().filter(|e| *e == "testcase").count() >= 3,
        "{out}"
    );
    assert!(elements.iter().any(|e| e == "failure"), "{out}");
    // Values as the text output writes them (Rust's escapes), markup escaped.
    assert!(
        out.contains(r#"value "\u{1}\"Q\"]]&gt;&amp;": value not in code list"#),
        "{out}"
    );
}

/// The names of the elements of `xml`, read by a conforming parser (end
/// tags checked); panics on anything not well-formed.
fn parse(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}\n{xml}"));
                    a.unescape_value()
                        .unwrap_or_else(|err| panic!("bad attribute value: {err}\n{xml}"));
                }
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Ok(Event::Text(t)) => {
                let text = t
                    .unescape()
                    .unwrap_or_else(|err| panic!("bad text: {err}\n{xml}"));
                assert!(
                    !text
                        .chars()
                        .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
                    "a character XML 1.0 does not allow: {text:?}"
                );
            }
            Ok(Event::Eof) => return names,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
}

/// A passed test case without notes is an empty element; an HMRC error's
/// failure text ends with HMRC's message text, the title of the rule that
/// found it (its reason is the id the text cites).
#[test]
fn passed_cases_are_empty_and_hmrc_errors_carry_hmrc_text() {
    let arrival = path("tests/fixtures/ncts-p5/CC007C/base.xml");
    let ens = path("examples/uk-ens/ens-consignee-missing.xml");
    let o = eucdm(&["validate", "--format", "junit", &arrival, &ens]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "    <testcase name=\"{arrival}\" classname=\"CC007C\"/>\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(r#"type="C584">error 8623 C584 at /CC315A/GOOITEGDS[1] value -: If Special Mention Additional Information_id does not equal '10600' and the field Trader consigneee is not used THEN the field GOODS ITEM TRADER Consignee is Required (C584)</failure>"#),
        "{out}"
    );
}
