//! `eucdm validate --format ie057|rejection`: the CC057C rejection NCTS
//! sends from the office of destination for an invalid arrival notification
//! (CC007C) or unloading remarks (CC044C), valid against `cc057c.xsd`;
//! `--format rejection` writes the IE056 or the IE057, whichever NCTS sends.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_schema_valid, eucdm, path, root, stderr, stdout, temp_dir};

const NOW: &str = "2025-06-02T10:15:00";
/// The IE057 of `tests/fixtures/ncts-p5/CC044C/R0107/fail.xml` at [`NOW`].
const SNAPSHOT: &str = "cli/tests/ie057/unloading-remarks.xml";

/// The whole IE057 of a fixture's unloading remarks: the header mirrored
/// (R0008), the message's MRN, business rejection type `044`, rejection code
/// 12, the office of destination and the trader copied, one functional error.
#[test]
fn invalid_unloading_remarks_get_the_rejection_of_the_office_of_destination() {
    let file = path("tests/fixtures/ncts-p5/CC044C/R0107/fail.xml");
    let expected = std::fs::read_to_string(path(SNAPSHOT)).unwrap();
    for format in ["ie057", "rejection"] {
        let o = eucdm(&["validate", "--format", format, "--now", NOW, &file]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(stderr(&o), "");
        assert_eq!(stdout(&o), expected, "--format {format}");
    }
    for part in [
        "<MRN>25FR0029906PQ3XDJ1</MRN>",
        "<businessRejectionType>044</businessRejectionType>",
        "<rejectionCode>12</rejectionCode>",
        "<correlationIdentifier>ELM20250605-0112</correlationIdentifier>",
    ] {
        assert!(expected.contains(part), "{part}");
    }
}

/// An arrival notification is answered with business rejection type `007`
/// and its own MRN, office of destination and trader.
#[test]
fn an_invalid_arrival_notification_gets_an_ie057_of_type_007() {
    let file = path("tests/fixtures/ncts-p5/CC007C/B2400/fail.xml");
    let o = eucdm(&["validate", "--format", "rejection", "--now", NOW, &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = stdout(&o);
    for part in [
        "<ncts:CC057C xmlns:ncts=\"http://ncts.dgtaxud.ec\">",
        "<messageSender>NTA.FR</messageSender>",
        "<messageRecipient>ELSASSLOGISTIK.MUL.07</messageRecipient>",
        "<messageType>CC057C</messageType>",
        "<MRN>24FR0029904K7RB2J1</MRN>",
        "<businessRejectionType>007</businessRejectionType>",
        "<rejectionCode>12</rejectionCode>",
        "<referenceNumber>FR002990</referenceNumber>",
        "<identificationNumber>FR71402885130</identificationNumber>",
        "<errorReason>B2400</errorReason>",
    ] {
        assert!(xml.contains(part), "{part}\n{xml}");
    }
    assert!(!xml.contains("<rejectionReason>"), "{xml}");
}

/// `--format ie056` and `--format ie057` each write only their own kind and
/// say on stderr which messages NCTS answers with the other.
#[test]
fn each_kind_alone_refuses_the_messages_of_the_other_office() {
    let arrival = path("tests/fixtures/ncts-p5/CC007C/B2400/fail.xml");
    let o = eucdm(&["validate", "--format", "ie056", &arrival]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!("eucdm: {arrival}: no IE056 written: NCTS answers a CC007C with an IE057 (rejection from the office of destination; --format rejection writes either)\n")
    );
    let declaration = path("examples/ncts-p5/tir-without-carnet-invalid.xml");
    let o = eucdm(&["validate", "--format", "ie057", &declaration]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("no IE057 written: NCTS answers a CC015C with an IE056"),
        "{}",
        stderr(&o)
    );
    let ens = path("examples/uk-ens/ens-consignee-missing.xml");
    let o = eucdm(&["validate", "--format", "rejection", &ens]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("eucdm: {ens}: no rejection written: a CC315A is not an NCTS message NCTS answers with an IE056 or IE057\n")
    );
}

/// The IE057 requires the MRN: unloading remarks whose MRN is not one
/// (its XSD pattern refuses it) get no IE057, and stderr says why.
#[test]
fn a_message_without_a_well_formed_mrn_gets_no_ie057() {
    let xml =
        std::fs::read_to_string(path("tests/fixtures/ncts-p5/CC044C/R0107/fail.xml")).unwrap();
    let xml = xml.replace("25FR0029906PQ3XDJ1", "not-an-mrn");
    let file = common::temp_file("ie057-no-mrn", "no-mrn.xml", xml);
    let o = eucdm(&["validate", "--format", "ie057", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("no IE057 written: the message has no well-formed TransitOperation/MRN, which the IE057 copies and requires"),
        "{}",
        stderr(&o)
    );
}

/// `--format rejection --out DIR`: `<name>.ie056.xml` for a declaration,
/// `<name>.ie057.xml` for unloading remarks; the stale rejections of a
/// message now valid are removed, of either kind.
#[test]
fn out_dir_holds_the_rejection_of_either_office() {
    let dir = temp_dir("ie057-out");
    let (inputs, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(path(from), inputs.join(to)).unwrap();
    copy(
        "examples/ncts-p5/tir-without-carnet-invalid.xml",
        "a-declaration.xml",
    );
    copy(
        "tests/fixtures/ncts-p5/CC044C/R0107/fail.xml",
        "b-remarks.xml",
    );
    copy("examples/ncts-p5/t1-de-to-fr-valid.xml", "c-valid.xml");
    std::fs::write(out.join("c-valid.ie056.xml"), "stale").unwrap();
    std::fs::write(out.join("c-valid.ie057.xml"), "stale").unwrap();
    let (out_s, inputs_s) = (out.display().to_string(), inputs.display().to_string());
    let o = eucdm(&[
        "validate",
        "--format",
        "rejection",
        "--now",
        NOW,
        "--out",
        &out_s,
        &inputs_s,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let expected: Vec<String> = ["a-declaration.ie056.xml", "b-remarks.ie057.xml"]
        .iter()
        .map(|n| out.join(n).display().to_string())
        .collect();
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), expected);
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["a-declaration.ie056.xml", "b-remarks.ie057.xml"]);
    assert_eq!(
        std::fs::read_to_string(out.join("b-remarks.ie057.xml")).unwrap(),
        std::fs::read_to_string(path(SNAPSHOT)).unwrap()
    );
    let several = eucdm(&["validate", "--format", "ie057", &inputs_s]);
    assert_eq!(several.status.code(), Some(2));
    assert!(
        stderr(&several).starts_with(
            "error: --format ie057 writes one XML document per invalid message: give --out DIR for 3 files"
        ),
        "{}",
        stderr(&several)
    );
}

/// Every IE057 the CLI writes for the CC007C and CC044C fixtures (alone, and
/// with their movements) and for the official examples is valid against
/// `cc057c.xsd` (libxml2).
#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn every_ie057_written_for_the_fixtures_is_valid_against_the_xsd() {
    let xsd = root().join("../shared/spec/ncts-p5/xsd/cc057c.xsd");
    let dir = temp_dir("ie057-xsd");
    let (inputs, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    let mut args: Vec<String> = ["validate", "--format", "ie057", "--now", NOW, "--out"]
        .map(String::from)
        .into();
    args.push(out.display().to_string());
    args.push(inputs.display().to_string());
    let files = message_files();
    for file in &files {
        // Fixtures share names (`fail.xml`): each is given under its path's name.
        std::fs::copy(file, inputs.join(unique_name(file))).unwrap();
        let context = file.with_extension("movement");
        if context.is_dir() {
            let m = dir.join("movements").join(unique_name(file));
            std::fs::create_dir_all(&m).unwrap();
            std::fs::copy(file, m.join(format!("movement-{}", unique_name(file)))).unwrap();
            for c in std::fs::read_dir(&context).unwrap() {
                let c = c.unwrap().path();
                let name = c.file_name().unwrap().to_string_lossy().into_owned();
                std::fs::copy(&c, m.join(format!("context-{name}"))).unwrap();
            }
            args.push("--movement".into());
            args.push(m.display().to_string());
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = eucdm(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "every invalid message gets its IE057");
    let written: Vec<PathBuf> = stdout(&o).lines().map(PathBuf::from).collect();
    assert!(
        written.len() >= 30 && files.len() >= 60,
        "{} IE057 for {} messages",
        written.len(),
        files.len()
    );
    assert_schema_valid(&xsd, &written);
}

/// The CC007C and CC044C message files of the fixtures (outside movement
/// folders) and of the official examples.
fn message_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for message in ["CC007C", "CC044C"] {
        let dir = root().join("tests/fixtures/ncts-p5").join(message);
        for rule in std::fs::read_dir(dir).unwrap() {
            let rule = rule.unwrap().path();
            if !rule.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(rule).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|x| x == "xml") {
                    files.push(f);
                }
            }
        }
    }
    let examples = root().join("../shared/data/ncts-p5/examples");
    for e in std::fs::read_dir(examples).unwrap() {
        let e = e.unwrap().path();
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains("_ie007") || name.contains("_ie044") {
            files.push(e);
        }
    }
    files.sort();
    files
}

/// `.../CC044C/R0107/fail.xml` → `CC044C-R0107-fail.xml`.
fn unique_name(file: &Path) -> String {
    let parts: Vec<String> = file
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    parts[parts.len() - 3..].join("-")
}
