//! A user's reference-data export (`EUCDM_CODELISTS`) replaces the shipped code
//! lists it has, complete; the others stay as shipped.
//!
//! Reads `../shared/data/codelists` (beside the repository: CS/RD2-derived
//! lists including the full customs office list CL141 and its role subsets);
//! ignored, with the reason, when `../shared` is absent (`tests/build.rs`).

use std::path::Path;

use eucdm_compiler::codelist::Content;
use eucdm_compiler::coverage::{coverage, ListStatus};

#[test]
#[cfg_attr(shared_absent, ignore = "needs ../shared beside the repository")]
fn reference_data_replaces_shipped_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let reference = root.join("../shared/data/codelists");
    assert!(
        reference.join("CL141.csv").is_file(),
        "{} has no CL141.csv",
        reference.display()
    );
    let rules = root.join("rules/ncts-p5");
    let shipped = root.join("codelists");

    // The whole shared folder is refused, and rightly: several of its lists come
    // from a national guide that lists only the codes used in Sweden (see its
    // README), so they lack codes the project's lists are declared subsets of.
    let Err(refused) =
        eucdm_compiler::compile_dir_with_reference(&rules, &shipped, Some(&reference))
    else {
        panic!("the partial national lists should break declared subsets")
    };
    let text = refused.render();
    assert!(
        text.contains(
            "`CL232` is declared a subset of `CL231` but has codes that are not in it: T2SM"
        ),
        "{text}"
    );

    // An export of the customs office lists (CS/RD2 COL), as a user would point at:
    // the shared copy of the COL export, where a later export closed office AD000001.
    let reference = std::env::temp_dir().join(format!("eucdm-refdata-{}", std::process::id()));
    std::fs::create_dir_all(&reference).unwrap();
    for id in ["CL141", "CL171", "CL172", "CL173", "CL175"] {
        let text = std::fs::read_to_string(root.join(format!("../shared/data/codelists/{id}.csv")))
            .unwrap();
        let kept: String = text
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("AD000001,"))
            .collect();
        std::fs::write(reference.join(format!("{id}.csv")), kept).unwrap();
    }
    let plain =
        eucdm_compiler::compile_dir(&rules, &shipped).unwrap_or_else(|f| panic!("{}", f.render()));
    let with_ref = eucdm_compiler::compile_dir_with_reference(&rules, &shipped, Some(&reference))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let list = |c: &eucdm_compiler::Compiled, id: &str| {
        c.ruleset
            .codelists
            .iter()
            .find(|l| l.id == id)
            .unwrap()
            .content
            .clone()
    };
    // Offices of departure: shipped complete (COL 2024-11-05), replaced by the export.
    let Content::Complete(shipped_offices) = list(&plain, "CL171") else {
        panic!("CL171 is shipped complete")
    };
    assert!(shipped_offices.iter().any(|e| e.code == "AD000001"));
    let Content::Complete(offices) = list(&with_ref, "CL171") else {
        panic!("CL171 not taken from the reference data")
    };
    assert!(offices.len() > 1000, "{} offices", offices.len());
    assert!(offices.iter().any(|e| e.code == "DE004058"));
    assert!(!offices.iter().any(|e| e.code == "AD000001"));
    assert_eq!(offices.len() + 1, shipped_offices.len());
    let Content::Complete(all) = list(&with_ref, "CL141") else {
        panic!("CL141 not taken from the reference data")
    };
    assert!(all.len() >= offices.len());
    // A list the export lacks stays as shipped (CL010 is authored by the project).
    assert!(!Path::new(&reference).join("CL010.csv").exists());
    assert!(matches!(list(&with_ref, "CL010"), Content::Complete(_)));
    // Coverage: the office lists are checked, shipped or replaced.
    let status = |c: &eucdm_compiler::Compiled, id: &str| {
        coverage(&c.ruleset)
            .iter()
            .find(|m| m.message == "CC015C")
            .expect("CC015C is covered")
            .codelists
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.status)
    };
    assert_eq!(status(&plain, "CL171"), Some(ListStatus::Checked));
    assert_eq!(status(&with_ref, "CL171"), Some(ListStatus::Checked));
    // The generated validator carries the offices as data.
    let code =
        eucdm_compiler::codegen::generate(&with_ref.ruleset, &quote::quote!(::eucdm_runtime))
            .to_string();
    assert!(code.contains("\"DE004058\""));
}
