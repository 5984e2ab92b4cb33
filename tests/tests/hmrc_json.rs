//! HMRC's JSON form of NCTS messages (`"n1:CC015C"`, `"@PhaseID"`, numbers as
//! JSON numbers): each of HMRC's converter pairs in
//! `../shared/data/ncts-p5/hmrc-json/` gives the same errors as JSON as its XML
//! (code, pointer, reason; the value may differ where HMRC's JSON writes
//! `10.0` as `10`). Message types the shipped rule set does not read yet are
//! refused alike in both forms.
//!
//! Reads `../shared`; ignored, with the reason, when it is absent
//! (`tests/build.rs`). `ncts-p5/tests/json.rs` pins the form on the
//! project's own fixtures, always.

use std::path::Path;

use eucdm_ncts_p5::{validate_message, NCTS_P5};
use eucdm_runtime::RuleSet;

type Errors = Vec<(u16, String, eucdm_runtime::Reason)>;

fn errors(bytes: &[u8]) -> Result<Errors, String> {
    let report = validate_message(bytes, &Default::default()).map_err(|e| e.to_string())?;
    Ok(report
        .violations
        .iter()
        .map(|v| (v.code.number(), v.pointer.clone(), v.reason.clone()))
        .collect())
}

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn hmrc_json_gives_the_report_of_its_xml() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/ncts-p5/hmrc-json");
    let mut jsons: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    jsons.sort();
    let mut compared = 0;
    for json in jsons {
        let xml = json.with_extension("xml");
        let (j, x) = (std::fs::read(&json).unwrap(), std::fs::read(&xml).unwrap());
        let name = json.file_name().unwrap().to_string_lossy().to_uppercase();
        let read = NCTS_P5
            .schemas()
            .iter()
            .any(|s| name.starts_with(&s.id.to_uppercase()));
        match (errors(&j), errors(&x)) {
            (Ok(from_json), Ok(from_xml)) => {
                assert_eq!(from_json, from_xml, "{}", json.display());
                compared += 1;
            }
            (Err(ej), Err(ex)) if !read => {
                assert!(ej.contains("not a known message type"), "{ej}");
                assert!(ex.contains("not a known message type"), "{ex}");
            }
            (j, x) => panic!("{}: JSON {j:?}, XML {x:?}", json.display()),
        }
    }
    assert!(compared >= 1, "no pair of a message the rule set reads");
}
