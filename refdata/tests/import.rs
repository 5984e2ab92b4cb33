//! The import on small hand-made exports: what it writes, and the error (file,
//! line, column) for each kind of bad input, with nothing written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eucdm_refdata::{plan, read_export, write_lists, EntryState, ImportError, IsoDate};

fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("eucdm-refdata-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ns6:RDEntityList xmlns:ns0="urn:a" xmlns:ns1="urn:b" xmlns:ns2="urn:c" xmlns:ns3="urn:d" xmlns:ns5="urn:e" xmlns:ns6="urn:f">
"#;

fn office(code: &str, from: &str, roles: &[&str]) -> String {
    let roles: String = roles
        .iter()
        .map(|r| format!("<ns2:dataGroup name=\"CustomsOfficeRoleTrafficCompetence\"><ns2:dataItem name=\"Role\">{r}</ns2:dataItem><ns2:dataItem name=\"TrafficType\">R</ns2:dataItem></ns2:dataGroup>"))
        .collect();
    format!(
        r#"      <ns1:RDEntry>
         <ns2:RDEntryStatus><ns3:state>valid</ns3:state><ns3:activeFrom>{from}</ns3:activeFrom></ns2:RDEntryStatus>
         <ns2:dataItem name="ReferenceNumber">{code}</ns2:dataItem>
         <ns2:dataItem name="CountryCode">{}</ns2:dataItem>
         <ns2:dataItem name="NctsEntryDate">20070614</ns2:dataItem>
         <ns2:dataGroup name="CustomsOfficeLsd"><ns2:dataItem name="LanguageCode">FR</ns2:dataItem><ns2:dataItem name="CustomsOfficeUsualName">Bureau {code}</ns2:dataItem></ns2:dataGroup>
         <ns2:dataGroup name="CustomsOfficeLsd"><ns2:dataItem name="LanguageCode">EN</ns2:dataItem><ns2:dataItem name="CustomsOfficeUsualName">Office {code}, "main"</ns2:dataItem></ns2:dataGroup>
         <ns2:dataGroup name="CustomsOfficeTimetable"><ns2:dataGroup name="CustomsOfficeTimetableLine">{roles}</ns2:dataGroup></ns2:dataGroup>
      </ns1:RDEntry>
"#,
        &code[..2]
    )
}

fn country(code: &str, state: &str, from: &str, to: Option<&str>) -> String {
    let to = to
        .map(|t| format!("<ns3:activeTo>{t}</ns3:activeTo>"))
        .unwrap_or_default();
    format!(
        r#"      <ns1:RDEntry>
         <ns2:RDEntryStatus><ns3:state>{state}</ns3:state><ns3:activeFrom>{from}</ns3:activeFrom>{to}</ns2:RDEntryStatus>
         <ns2:dataItem name="CountryCode">{code}</ns2:dataItem>
         <ns2:LsdList><ns5:description lang="de">Land {code}</ns5:description><ns5:description lang="en">Country {code}</ns5:description></ns2:LsdList>
      </ns1:RDEntry>
"#
    )
}

fn export(entities: &[(&str, Vec<String>)]) -> String {
    let mut s = HEAD.to_string();
    for (name, entries) in entities {
        s.push_str(&format!("   <ns0:RDEntity name=\"{name}\">\n"));
        for e in entries {
            s.push_str(e);
        }
        s.push_str("   </ns0:RDEntity>\n");
    }
    s.push_str("</ns6:RDEntityList>\n");
    s
}

fn valid_export() -> String {
    export(&[
        (
            "CountryCodesFullList",
            vec![
                country("FR", "valid", "2024-02-21", None),
                country("AD", "valid", "2024-02-21", None),
                country("YU", "invalid", "2006-06-05", None),
                country("GE", "valid", "2025-02-01", Some("2030-12-31")),
            ],
        ),
        (
            "CustomsOffices",
            vec![
                office("FR000002", "2024-05-01", &["DEP", "DES", "TXT", "EXT"]),
                office("FR000001", "2023-01-01", &["DEP", "TRA", "AUT"]),
                office("AD000001", "2023-01-01", &["DES"]),
            ],
        ),
        ("TrafficType", vec![]),
    ])
}

fn read_err(dir: &Path, name: &str, bytes: &[u8]) -> ImportError {
    let p = file(dir, name, bytes);
    read_export(&p, None).expect_err("should be refused")
}

#[test]
fn writes_every_list_with_an_id_sorted_and_dated() {
    let dir = scratch("valid");
    let p = file(&dir, "COL-Generic-20241105.xml", valid_export().as_bytes());
    let export = read_export(&p, None).unwrap();
    assert_eq!(export.date.to_string(), "2024-11-05");
    let names: Vec<&str> = export.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["CountryCodesFullList", "CustomsOffices", "TrafficType"]
    );
    let yu = &export.entities[0].entries[2];
    assert_eq!((yu.code.as_str(), yu.state), ("YU", EntryState::NotValid));

    let out = dir.join("out");
    let files = plan(std::slice::from_ref(&export), None).unwrap();
    let ids: Vec<&str> = files.iter().map(|f| f.list.as_str()).collect();
    assert_eq!(ids, ["CL008", "CL141", "CL171", "CL172", "CL173", "CL175"]);
    let written = write_lists(&out, &files, false).unwrap();
    assert!(written.iter().all(|w| w.changed));
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    // Sorted; a past activeFrom is a version date, not a start; an invalid entry
    // ends the day before its activeFrom; a future activeFrom is a start.
    assert_eq!(
        read("CL008.csv"),
        "code,description,valid_from,valid_to\n\
         AD,Country AD,,\n\
         FR,Country FR,,\n\
         GE,Country GE,2025-02-01,2030-12-31\n\
         YU,Country YU,,2006-06-04\n"
    );
    // English name, quoted; the NCTS entry date starts the office's validity.
    assert_eq!(
        read("CL141.csv"),
        "code,description,valid_from,valid_to,country,roles\n\
         AD000001,\"Office AD000001, \"\"main\"\"\",2007-06-14,,AD,DES\n\
         FR000001,\"Office FR000001, \"\"main\"\"\",2007-06-14,,FR,AUT DEP TRA\n\
         FR000002,\"Office FR000002, \"\"main\"\"\",2007-06-14,,FR,DEP DES EXT TXT\n"
    );
    let codes = |n: &str| -> Vec<String> {
        read(n)
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("CL171.csv"), ["FR000001", "FR000002"]);
    assert_eq!(codes("CL172.csv"), ["AD000001", "FR000002"]);
    assert_eq!(codes("CL173.csv"), ["FR000001"]);
    // The exit-for-transit list is role TXT, not the export system's EXT.
    assert_eq!(codes("CL175.csv"), ["FR000002"]);
    assert!(read("SOURCES.csv").contains("CL175,COL-Generic-20241105.xml,2024-11-05\n"));

    // Again: the same bytes, nothing changed; check mode agrees.
    let again = write_lists(&out, &files, false).unwrap();
    assert!(again.iter().all(|w| !w.changed));
    std::fs::write(
        out.join("CL173.csv"),
        "code,description,valid_from,valid_to\n",
    )
    .unwrap();
    let check = write_lists(&out, &files, true).unwrap();
    let stale: Vec<_> = check
        .iter()
        .filter(|w| w.changed)
        .map(|w| w.path.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(stale, ["CL173.csv"]);
    assert_eq!(
        read("CL173.csv"),
        "code,description,valid_from,valid_to\n",
        "check mode writes nothing"
    );
}

#[test]
fn only_the_lists_asked_for_and_sources_merged() {
    let dir = scratch("only");
    let p = file(&dir, "COL-Generic-20241105.xml", valid_export().as_bytes());
    let export = read_export(&p, None).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("SOURCES.csv"),
        "list,source,snapshot\nCL027,Swedish guide,\nCL048,CurrencyCodes.json,2025-01-01\nCL141,old.xml,2020-01-01\n",
    )
    .unwrap();
    let only: BTreeSet<String> = ["CL141".to_string()].into();
    let files = plan(std::slice::from_ref(&export), Some(&only)).unwrap();
    write_lists(&out, &files, false).unwrap();
    assert!(!out.join("CL008.csv").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("SOURCES.csv")).unwrap(),
        "list,source,snapshot\nCL027,Swedish guide,\nCL048,CurrencyCodes.json,2025-01-01\nCL141,COL-Generic-20241105.xml,2024-11-05\n"
    );
    let missing: BTreeSet<String> = ["CL048".to_string()].into();
    let e = plan(&[export], Some(&missing)).unwrap_err();
    assert!(
        e.message.contains("no export given holds list CL048"),
        "{e}"
    );
}

#[test]
fn truncated_export_is_an_error_at_its_end() {
    let dir = scratch("truncated");
    let text = valid_export();
    let cut = &text[..text.find("FR000001").unwrap()];
    let e = read_err(&dir, "COL-20241105.xml", cut.as_bytes());
    let lines = cut.lines().count() as u64;
    assert_eq!(e.at.map(|a| a.0), Some(lines), "{e}");
    assert!(e.message.contains("truncated"), "{e}");
    let e = read_err(
        &dir,
        "COL-20241105.xml",
        &text.as_bytes()[..text.len() - 10],
    );
    assert!(e.message.contains("truncated"), "{e}");
    let e = read_err(&dir, "COL-20241105.xml", b"");
    assert!(e.message.contains("neither XML nor JSON"), "{e}");
    let e = read_err(&dir, "COL-20241105.xml", b"<a><b></a>");
    assert!(e.message.contains("malformed XML"), "{e}");
    assert_eq!(e.at, Some((1, 7)), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:1:7: ", dir.join("COL-20241105.xml").display())),
        "{e}"
    );
}

#[test]
fn entry_without_code_is_an_error_at_the_entry() {
    let dir = scratch("nocode");
    let text = valid_export().replacen(
        r#"<ns2:dataItem name="ReferenceNumber">FR000001</ns2:dataItem>"#,
        "",
        1,
    );
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(
        e.message
            .contains("entry of entity `CustomsOffices` has no code (data item `ReferenceNumber`)"),
        "{e}"
    );
    let line = text[..text.find("FR000001").unwrap()]
        .rfind("<ns1:RDEntry>")
        .unwrap();
    let expected_line = text[..line].lines().count() as u64;
    assert_eq!(e.at, Some((expected_line, 7)), "{e}");
    let empty = valid_export().replacen(">FR000001<", "><", 1);
    let e = read_err(&dir, "COL-20241105.xml", empty.as_bytes());
    assert!(e.message.contains("has no code"), "{e}");
}

#[test]
fn duplicate_code_names_both_lines() {
    let dir = scratch("dup");
    let text = export(&[(
        "CustomsOffices",
        vec![
            office("FR000001", "2023-01-01", &["DEP"]),
            office("FR000001", "2024-01-01", &["DES"]),
        ],
    )]);
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(
        e.message
            .contains("duplicate code `FR000001` in entity `CustomsOffices` (first on line 4)"),
        "{e}"
    );
    assert_eq!(e.at, Some((13, 7)), "{e}");
}

#[test]
fn unknown_entity_bad_date_and_missing_state_are_errors() {
    let dir = scratch("unknown");
    let text = export(&[
        (
            "CountryCodesFullList",
            vec![country("FR", "valid", "2024-02-21", None)],
        ),
        ("Planets", vec![]),
    ]);
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(e.message.contains("unknown entity `Planets`"), "{e}");
    assert_eq!(e.at, Some((10, 4)), "{e}");
    let text = export(&[(
        "CountryCodesFullList",
        vec![country("FR", "valid", "2024-02-30", None)],
    )]);
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(
        e.message
            .contains("entry `FR`: activeFrom `2024-02-30` is not a date"),
        "{e}"
    );
    let text = valid_export().replacen("<ns3:state>valid</ns3:state>", "", 1);
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(e.message.contains("entry `FR` has no state"), "{e}");
    let text = valid_export().replacen(
        "<ns0:RDEntity name=\"TrafficType\">",
        "<ns0:RDEntity name=\"CustomsOffices\">",
        1,
    );
    let e = read_err(&dir, "COL-20241105.xml", text.as_bytes());
    assert!(
        e.message.contains("entity `CustomsOffices` is given twice"),
        "{e}"
    );
}

#[test]
fn non_utf8_and_hostile_input_are_errors_not_panics() {
    let dir = scratch("hostile");
    let mut bytes = valid_export().into_bytes();
    let at = bytes.windows(9).position(|w| w == b"Country F").unwrap();
    bytes[at + 2] = 0xff;
    let e = read_err(&dir, "COL-20241105.xml", &bytes);
    assert!(e.message.contains("invalid UTF-8 (byte 0xFF)"), "{e}");
    assert_eq!(e.at.map(|a| a.0), Some(7), "{e}");
    let doctype = format!("<!DOCTYPE x [<!ENTITY a \"b\">]>{}", &valid_export()[39..]);
    assert!(read_err(&dir, "COL-20241105.xml", doctype.as_bytes())
        .message
        .contains("DOCTYPE"));
    let deep = format!("<a>{}{}</a>", "<b>".repeat(100), "</b>".repeat(100));
    assert!(read_err(&dir, "COL-20241105.xml", deep.as_bytes())
        .message
        .contains("nested deeper"));
    assert!(read_err(&dir, "x.xml.gz", &[0x1f, 0x8b, 8, 0])
        .message
        .contains("gunzip"));
    let e = read_err(&dir, "COL.xml", valid_export().as_bytes());
    assert!(e.message.contains("--snapshot-date"), "{e}");
    // Every prefix of a valid export either reads or fails cleanly.
    let text = valid_export();
    for cut in (0..text.len()).step_by(7) {
        let p = file(&dir, "COL-20241105.xml", &text.as_bytes()[..cut]);
        let _ = read_export(&p, None);
    }
}

#[test]
fn hmrc_payload_and_list_files() {
    let dir = scratch("json");
    let payload = r#"{"messageInformation":{"messageID":"x","snapshotDate":"2025-02-12"},"lists":{
"CurrencyCodes":{"listName":"CurrencyCodes","listEntries":[
 {"state":"valid","activeFrom":"2025-01-01","currency":"EUR","description":"Euro"},
 {"state":"invalid","activeFrom":"2026-01-01","currency":"BGN","description":"Bulgarian lev"}]},
"customsOffices":{"listName":"CustomsOffices","listEntries":[
 {"state":"valid","activeFrom":"2020-03-23","languageCode":"FR","name":"Bureau","id":"AD000001","countryId":"AD","roles":[{"role":"DEP"}]},
 {"state":"valid","activeFrom":"2020-03-23","languageCode":"EN","name":"Office","id":"AD000001","countryId":"AD","roles":[{"role":"DEP"},{"role":"TRA"}]}]}}}"#;
    let p = file(&dir, "RD_NCTS-P5.json", payload.as_bytes());
    let export = read_export(&p, None).unwrap();
    assert_eq!(export.date.to_string(), "2025-02-12");
    let out = dir.join("out");
    let files = plan(&[export], None).unwrap();
    let ids: Vec<&str> = files.iter().map(|f| f.list.as_str()).collect();
    assert_eq!(ids, ["CL048", "CL141", "CL171", "CL172", "CL173", "CL175"]);
    write_lists(&out, &files, false).unwrap();
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    assert_eq!(
        read("CL048.csv"),
        "code,description,valid_from,valid_to\nBGN,Bulgarian lev,,2025-12-31\nEUR,Euro,,\n"
    );
    assert_eq!(
        read("CL141.csv"),
        "code,description,valid_from,valid_to,country,roles\nAD000001,Office,,,AD,DEP TRA\n"
    );

    // A list file: named by its file, dated by the caller.
    let list = file(
        &dir,
        "CurrencyCodes.json",
        br#"[{"currency":"EUR","description":"Euro"}]"#,
    );
    assert!(read_export(&list, None)
        .unwrap_err()
        .message
        .contains("--snapshot-date"));
    let e = read_export(&list, IsoDate::parse("2025-03-01")).unwrap();
    assert_eq!(
        (e.entities[0].name.as_str(), e.entities[0].entries.len()),
        ("CurrencyCodes", 1)
    );

    let bad = |name: &str, text: &str| {
        read_export(
            &file(&dir, name, text.as_bytes()),
            IsoDate::parse("2025-03-01"),
        )
        .unwrap_err()
    };
    let e = bad(
        "CurrencyCodes.json",
        "[{\"currency\":\"EUR\"},\n {\"currency\":\"EUR\"}]",
    );
    assert!(
        e.message
            .contains("duplicate code `EUR` in list `CurrencyCodes` (first on line 1)"),
        "{e}"
    );
    assert_eq!(e.at, Some((2, 2)), "{e}");
    let e = bad("CurrencyCodes.json", "[{\"description\":\"Euro\"}]");
    assert!(e.message.contains("has no code"), "{e}");
    let e = bad("CurrencyCodes.json", "[{\"currency\":\"EUR\"},\n {\"curr");
    assert!(e.message.contains("truncated JSON"), "{e}");
    assert_eq!(e.at.map(|a| a.0), Some(2), "{e}");
    let e = bad("Planets.json", "[{\"code\":\"X\"}]");
    assert!(e.message.contains("unknown list `Planets`"), "{e}");
    let e = bad(
        "p.json",
        r#"{"lists":{"a":{"listName":"CustomsOffices","listEntries":[{"id":"A1","languageCode":"EN","roles":[]},{"id":"A1","languageCode":"EN","roles":[]}]}}}"#,
    );
    assert!(
        e.message.contains("duplicate office `A1` in language `EN`"),
        "{e}"
    );
}

#[test]
fn two_exports_of_one_list_are_refused() {
    let dir = scratch("twice");
    let a = read_export(
        &file(&dir, "COL-20241105.xml", valid_export().as_bytes()),
        None,
    )
    .unwrap();
    let b = read_export(
        &file(&dir, "COL-20250212.xml", valid_export().as_bytes()),
        None,
    )
    .unwrap();
    let e = plan(&[a, b], None).unwrap_err();
    assert!(
        e.message.contains("is also given by COL-20241105.xml"),
        "{e}"
    );
}
