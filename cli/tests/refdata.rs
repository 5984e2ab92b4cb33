//! `eucdm refdata import`: writes the lists of an export, verifies them with
//! `--check`, and refuses bad input with its position, writing nothing.

mod common;

use common::{eucdm, temp_dir};

const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ns6:RDEntityList xmlns:ns0="urn:a" xmlns:ns1="urn:b" xmlns:ns2="urn:c" xmlns:ns3="urn:d" xmlns:ns6="urn:f">
   <ns0:RDEntity name="CustomsOffices">
      <ns1:RDEntry>
         <ns2:RDEntryStatus><ns3:state>valid</ns3:state><ns3:activeFrom>2024-05-23</ns3:activeFrom></ns2:RDEntryStatus>
         <ns2:dataItem name="ReferenceNumber">DE004058</ns2:dataItem>
         <ns2:dataItem name="CountryCode">DE</ns2:dataItem>
         <ns2:dataItem name="NctsEntryDate">20030101</ns2:dataItem>
         <ns2:dataGroup name="CustomsOfficeLsd"><ns2:dataItem name="LanguageCode">DE</ns2:dataItem><ns2:dataItem name="CustomsOfficeUsualName">Basel</ns2:dataItem></ns2:dataGroup>
         <ns2:dataGroup name="CustomsOfficeTimetable"><ns2:dataGroup name="CustomsOfficeTimetableLine">
            <ns2:dataGroup name="CustomsOfficeRoleTrafficCompetence"><ns2:dataItem name="Role">DEP</ns2:dataItem></ns2:dataGroup>
            <ns2:dataGroup name="CustomsOfficeRoleTrafficCompetence"><ns2:dataItem name="Role">TRA</ns2:dataItem></ns2:dataGroup>
         </ns2:dataGroup></ns2:dataGroup>
      </ns1:RDEntry>
   </ns0:RDEntity>
</ns6:RDEntityList>
"#;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn imports_checks_and_refuses_bad_input_without_writing() {
    let dir = temp_dir("refdata-import");
    let export = dir.join("COL-Generic-20241105.xml");
    std::fs::write(&export, EXPORT).unwrap();
    let out = dir.join("lists");
    let (e, o) = (export.to_str().unwrap(), out.to_str().unwrap());

    let run = eucdm(&["refdata", "import", "--out", o, e]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(
        stdout.contains(": CustomsOffices 1 entries (2024-11-05)"),
        "{stdout}"
    );
    assert!(stdout.contains("CL141.csv: written (1 codes)"), "{stdout}");
    assert!(
        stdout.ends_with("5 code lists, 6 files written\n"),
        "{stdout}"
    );
    let cl171 = std::fs::read_to_string(out.join("CL171.csv")).unwrap();
    assert_eq!(
        cl171,
        "code,description,valid_from,valid_to,country,roles\nDE004058,Basel,2003-01-01,,DE,DEP TRA\n"
    );
    let cl172 = std::fs::read_to_string(out.join("CL172.csv")).unwrap();
    assert_eq!(
        cl172,
        "code,description,valid_from,valid_to,country,roles\n"
    );

    let check = eucdm(&["refdata", "import", "--check", "--out", o, e]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert!(text(&check.stdout).ends_with("5 code lists, 0 files stale\n"));
    std::fs::write(out.join("CL172.csv"), "code\n").unwrap();
    let stale = eucdm(&["refdata", "import", "--check", "--out", o, e]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        text(&stale.stdout).contains("CL172.csv: stale (0 codes)"),
        "{}",
        text(&stale.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("CL172.csv")).unwrap(),
        "code\n"
    );

    // A good export and a bad one: the error names the place, nothing is written.
    let before: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    let bad = dir.join("RD-20250212.xml");
    std::fs::write(
        &bad,
        EXPORT.replace(
            "<ns2:dataItem name=\"ReferenceNumber\">DE004058</ns2:dataItem>",
            "",
        ),
    )
    .unwrap();
    let refused = eucdm(&["refdata", "import", "--out", o, e, bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:4:7: entry of entity `CustomsOffices` has no code (data item `ReferenceNumber`)",
            bad.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("CL172.csv")).unwrap(),
        "code\n"
    );
    let after: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn usage_errors() {
    for args in [
        &["refdata"][..],
        &["refdata", "export"],
        &["refdata", "import"],
        &[
            "refdata",
            "import",
            "--snapshot-date",
            "2024-13-01",
            "x.xml",
        ],
        &["refdata", "import", "--bogus", "x.xml"],
    ] {
        let run = eucdm(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            text(&run.stderr).contains("Usage:") || text(&run.stderr).starts_with("error:"),
            "{args:?}"
        );
    }
    let missing = eucdm(&["refdata", "import", "/nonexistent/COL-20241105.xml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/nonexistent/COL-20241105.xml: cannot read"));
    let help = eucdm(&["refdata", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Usage: eucdm refdata"));
    assert!(text(&help.stdout).contains("import"));
}
