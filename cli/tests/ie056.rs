//! `eucdm validate --format ie056`: the CC056C rejection NCTS sends for an
//! invalid message, valid against `cc056c.xsd` for every invalid fixture;
//! on stdout for one message, one file per message in `--out DIR`.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_schema_valid, eucdm, path, root, stderr, stdout, temp_dir};

const NOW: &str = "2025-06-02T10:15:00";

/// The whole IE056 of the example, as NCTS would fill it: the header
/// mirrored from the declaration, its LRN, the holder and representative
/// copied, one functional error.
#[test]
fn an_invalid_declaration_gets_the_rejection_ncts_would_send() {
    let file = path("examples/ncts-p5/tir-without-carnet-invalid.xml");
    let o = eucdm(&["validate", "--format", "ie056", "--now", NOW, &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert_eq!(
        stdout(&o),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ncts:CC056C xmlns:ncts="http://ncts.dgtaxud.ec">
  <messageSender>NTA.DE</messageSender>
  <messageRecipient>RHEINBLICK.WEIL.01</messageRecipient>
  <preparationDateAndTime>2025-06-02T10:15:00</preparationDateAndTime>
  <messageIdentification>EUCDM9AE79EB7822CB745</messageIdentification>
  <messageType>CC056C</messageType>
  <correlationIdentifier>RBS20250602-0452</correlationIdentifier>
  <TransitOperation>
    <LRN>RBS25TIRWEIL000452</LRN>
    <businessRejectionType>015</businessRejectionType>
    <rejectionDateAndTime>2025-06-02T10:15:00</rejectionDateAndTime>
    <rejectionCode>12</rejectionCode>
  </TransitOperation>
  <CustomsOfficeOfDeparture>
    <referenceNumber>DE004058</referenceNumber>
  </CustomsOfficeOfDeparture>
  <HolderOfTheTransitProcedure>
    <TIRHolderIdentificationNumber>DEU/180/7734</TIRHolderIdentificationNumber>
    <name>Rheinblick Spedition GmbH</name>
    <Address>
      <streetAndNumber>Am Zollhof 14</streetAndNumber>
      <postcode>79576</postcode>
      <city>Weil am Rhein</city>
      <country>DE</country>
    </Address>
  </HolderOfTheTransitProcedure>
  <Representative>
    <identificationNumber>DE5829301740000</identificationNumber>
    <status>2</status>
  </Representative>
  <FunctionalError>
    <errorPointer>/CC015C/TransitOperation/TIRCarnetNumber</errorPointer>
    <errorCode>13</errorCode>
    <errorReason>C0411</errorReason>
  </FunctionalError>
</ncts:CC056C>
"#
    );
}

#[test]
fn a_valid_message_gets_no_rejection() {
    let file = path("examples/ncts-p5/t1-de-to-fr-valid.xml");
    let o = eucdm(&["validate", "--format", "ie056", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

/// The value, code and reason of each error: a structure fault names no
/// rule (G0010's `N/A`); a code list violation names the list.
#[test]
fn functional_errors_carry_code_pointer_reason_and_value() {
    let xml = std::fs::read_to_string(path("examples/ncts-p5/t1-de-to-fr-valid.xml")).unwrap();
    let broken = xml
        .replacen(
            "<LRN>RBS25T1WEIL000417</LRN>",
            &format!("<LRN>{}</LRN>", "L".repeat(23)),
            1,
        )
        .replacen("<security>0</security>", "<security>7</security>", 1);
    assert_ne!(broken, xml);
    let file = common::temp_file("ie056-errors", "broken.xml", broken);
    let o = eucdm(&["validate", "--format", "ie056", "--now", NOW, &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let errors = between_all(&out, "<FunctionalError>", "</FunctionalError>");
    assert!(
        errors.iter().any(|e| e
            .contains("<errorPointer>/CC015C/TransitOperation/LRN</errorPointer>")
            && e.contains("<errorCode>14</errorCode>")
            && e.contains("<errorReason>N/A</errorReason>")
            && e.contains(&format!(
                "<originalAttributeValue>{}</originalAttributeValue>",
                "L".repeat(23)
            ))),
        "{out}"
    );
    assert!(
        errors.iter().any(|e| e
            .contains("<errorPointer>/CC015C/TransitOperation/security</errorPointer>")
            && e.contains("<errorCode>12</errorCode>")
            && e.contains("<errorReason>CL217</errorReason>")
            && e.contains("<originalAttributeValue>7</originalAttributeValue>")),
        "{out}"
    );
    // An LRN the XSD refuses is not copied into the header.
    assert!(!out.contains("<LRN>"), "{out}");
}

/// C0467: once a CC028C accepted the declaration, the rejection names the
/// MRN it allocated, whatever the rejected message named.
#[test]
fn within_a_movement_the_rejection_names_the_mrn_once_allocated() {
    let case = root().join("tests/fixtures/ncts-p5/CC014C/C0467");
    let dir = temp_dir("ie056-movement");
    let movement = dir.join("movement");
    std::fs::create_dir_all(&movement).unwrap();
    std::fs::copy(case.join("fail.xml"), movement.join("cc014c.xml")).unwrap();
    std::fs::copy(
        case.join("fail.movement/cc028c.xml"),
        movement.join("cc028c.xml"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--now",
        NOW,
        "--out",
        &out.display().to_string(),
        "--movement",
        &movement.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let written = out.join("cc014c.ie056.xml");
    assert_eq!(stdout(&o), format!("{}\n", written.display()));
    let xml = std::fs::read_to_string(&written).unwrap();
    assert!(xml.contains("<MRN>25DE0000000001MOJ8</MRN>"), "{xml}");
    assert!(
        xml.contains("<businessRejectionType>014</businessRejectionType>"),
        "{xml}"
    );
    assert!(!xml.contains("<LRN>"), "{xml}");
}

/// `--out DIR`: a file per invalid message, its path on stdout; a stale file
/// of a message now valid is removed; two messages of one name are refused.
#[test]
fn out_dir_holds_one_file_per_invalid_message() {
    let dir = temp_dir("ie056-out");
    let out = dir.join("out");
    let out_s = out.display().to_string();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("t1-de-to-fr-valid.ie056.xml"), "stale").unwrap();
    let o = eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--now",
        NOW,
        "--out",
        &out_s,
        &path("examples/ncts-p5"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let listed: Vec<String> = stdout(&o).lines().map(String::from).collect();
    let expected: Vec<String> = ["goods-item-numbers-invalid", "tir-without-carnet-invalid"]
        .iter()
        .map(|n| out.join(format!("{n}.ie056.xml")).display().to_string())
        .collect();
    assert_eq!(listed, expected);
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "goods-item-numbers-invalid.ie056.xml",
            "tir-without-carnet-invalid.ie056.xml"
        ]
    );
    // The same run again gives the same files, byte for byte.
    let first = std::fs::read(out.join("tir-without-carnet-invalid.ie056.xml")).unwrap();
    eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--now",
        NOW,
        "--out",
        &out_s,
        &path("examples/ncts-p5"),
    ]);
    assert_eq!(
        std::fs::read(out.join("tir-without-carnet-invalid.ie056.xml")).unwrap(),
        first
    );

    let same_name = [
        path("tests/fixtures/ncts-p5/CC015C/C0411/fail.xml"),
        path("tests/fixtures/ncts-p5/CC015C/R0007/fail.xml"),
    ];
    let o = eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--out",
        &out_s,
        &same_name[0],
        &same_name[1],
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("IE056 not written")
            && stderr(&o).contains("a message of the same name"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_are_refused_before_anything_is_written() {
    let several = eucdm(&["validate", "--format", "ie056", &path("examples/ncts-p5")]);
    assert_eq!(several.status.code(), Some(2));
    assert!(
        stderr(&several).starts_with("error: --format ie056 writes one XML document per invalid message: give --out DIR for 3 files"),
        "{}",
        stderr(&several)
    );
    assert_eq!(stdout(&several), "");
    let out_json = eucdm(&[
        "validate",
        "--format",
        "json",
        "--out",
        "x",
        &path("examples/ncts-p5"),
    ]);
    assert_eq!(out_json.status.code(), Some(2));
    assert!(
        stderr(&out_json)
            .starts_with("error: --out DIR is where --format rejection, ie056 or ie057 writes"),
        "{}",
        stderr(&out_json)
    );
    assert!(!Path::new("x").exists());
    let bad_time = eucdm(&[
        "validate",
        "--format",
        "ie056",
        "--now",
        "2025-06-02",
        &path("examples/ncts-p5/t1-de-to-fr-valid.xml"),
    ]);
    assert_eq!(bad_time.status.code(), Some(2));
    assert!(
        stderr(&bad_time).contains("is not a date and time"),
        "{}",
        stderr(&bad_time)
    );
}

/// Messages NCTS does not answer with an IE056 are said so on stderr; they
/// still count as invalid.
#[test]
fn messages_without_an_ie056_are_named_on_stderr() {
    let ens = path("examples/uk-ens/ens-consignee-missing.xml");
    let o = eucdm(&["validate", "--format", "ie056", &ens]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!("eucdm: {ens}: no IE056 written: a CC315A is not an NCTS message of the office of departure\n")
    );
    let arrival = first_invalid("CC007C");
    let o = eucdm(&["validate", "--format", "ie056", &arrival]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("NCTS answers a CC007C with an IE057"),
        "{}",
        stderr(&o)
    );
    // A declaration without the sender the IE056 is addressed to.
    let xml =
        std::fs::read_to_string(path("examples/ncts-p5/tir-without-carnet-invalid.xml")).unwrap();
    let start = xml.find("<messageSender>").unwrap();
    let end = xml.find("</messageSender>").unwrap() + "</messageSender>".len();
    let file = common::temp_file(
        "ie056-no-sender",
        "no-sender.xml",
        format!("{}{}", &xml[..start], &xml[end..]),
    );
    let o = eucdm(&["validate", "--format", "ie056", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("no IE056 written: the message has no well-formed messageSender"),
        "{}",
        stderr(&o)
    );
}

/// Every IE056 the CLI writes for the invalid fixtures and examples — each
/// file alone, and each movement case with its movement — is valid against
/// `cc056c.xsd` (libxml2).
#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn every_ie056_written_for_the_fixtures_is_valid_against_the_xsd() {
    let xsd = root().join("../shared/spec/ncts-p5/xsd/cc056c.xsd");
    let dir = temp_dir("ie056-xsd");
    let (inputs, movements, out) = (dir.join("in"), dir.join("movements"), dir.join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    let mut args: Vec<String> = ["validate", "--format", "ie056", "--now", NOW, "--out"]
        .map(String::from)
        .into();
    args.push(out.display().to_string());
    args.push(inputs.display().to_string());
    let mut messages = 0;
    for file in message_files() {
        // Fixtures share names (`fail.xml`): each is given under its path's name.
        link(&file, &inputs.join(unique_name(&file)));
        messages += 1;
        let context = file.with_extension("movement");
        if context.is_dir() {
            let m = movements.join(unique_name(&file));
            std::fs::create_dir_all(&m).unwrap();
            link(&file, &m.join(format!("movement-{}", unique_name(&file))));
            for c in std::fs::read_dir(&context).unwrap() {
                let c = c.unwrap().path();
                let name = c.file_name().unwrap().to_string_lossy().into_owned();
                link(
                    &c,
                    &m.join(format!("{}-context-{name}", unique_name(&file))),
                );
            }
            args.push("--movement".into());
            args.push(m.display().to_string());
        }
    }
    // The example movement, whose CC014C names the LRN of a declaration with an MRN.
    args.push("--movement".into());
    args.push(path("examples/ncts-p5/movement-de-invalidation"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = eucdm(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Every invalid message got its file but those NCTS answers otherwise.
    for line in stderr(&o).lines() {
        assert!(line.contains("with an IE057"), "{line}");
    }
    let written: Vec<PathBuf> = stdout(&o).lines().map(PathBuf::from).collect();
    assert!(
        written.len() > 600 && messages > 1200,
        "{} IE056 for {messages} messages",
        written.len()
    );
    assert_schema_valid(&xsd, &written);
}

/// Message files of the fixtures (outside movement folders) and the examples.
fn message_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() && !name.ends_with(".movement") {
                walk(&p, out);
            } else if name.ends_with(".xml") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("tests/fixtures/ncts-p5"), &mut files);
    let examples = std::fs::read_dir(root().join("examples/ncts-p5")).unwrap();
    files.extend(
        examples
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml")),
    );
    files
}

/// `tests/fixtures/ncts-p5/CC015C/C0411/fail.xml` → `CC015C-C0411-fail.xml`.
fn unique_name(file: &Path) -> String {
    let rel = file.strip_prefix(root()).unwrap_or(file);
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    parts[2..].join("-")
}

fn link(from: &Path, to: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(from, to).unwrap();
    #[cfg(not(unix))]
    std::fs::copy(from, to).map(drop).unwrap();
}

fn first_invalid(message: &str) -> String {
    let dir = root().join("tests/fixtures/ncts-p5").join(message);
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    rules
        .iter()
        .map(|r| r.join("fail.xml"))
        .find(|f| f.is_file() && !f.with_extension("movement").exists())
        .unwrap()
        .display()
        .to_string()
}

fn between_all<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .filter_map(|s| s.split(close).next())
        .collect()
}

/// A JSON message may hold characters XML 1.0 cannot carry (escaped
/// control characters) and markup: its IE056 is still well-formed, with
/// U+FFFD in place of the former and the latter escaped.
#[test]
fn values_xml_cannot_carry_are_replaced() {
    let json = r#"{"CC015C": {"messageSender": "TRADER&<1>", "messageRecipient": "NTA.DE",
        "messageIdentification": "M1", "TransitOperation": {"LRN": "L1", "security": "\u0001&"},
        "CustomsOfficeOfDeparture": {"referenceNumber": "DE004058"}}}"#;
    let file = common::temp_file("ie056-hostile", "hostile.json", json);
    let o = eucdm(&["validate", "--format", "ie056", "--now", NOW, &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("<messageRecipient>TRADER&amp;&lt;1&gt;</messageRecipient>"),
        "{out}"
    );
    assert!(
        out.contains("<originalAttributeValue>\u{FFFD}&amp;</originalAttributeValue>"),
        "{out}"
    );
    let mut reader = quick_xml::Reader::from_str(&out);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                let text = t.unescape().unwrap();
                assert!(!text.chars().any(|c| c < ' ' && c != '\n'), "{text:?}");
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{out}"),
        }
    }
}
