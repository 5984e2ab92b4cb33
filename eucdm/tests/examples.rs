//! Runs each program of `examples/`: their functions are compiled in here
//! from the same source, and what they print is checked.

#[allow(dead_code)]
#[path = "../examples/derive_rule_set.rs"]
mod derive_rule_set;
#[allow(dead_code)]
#[path = "../examples/overlay.rs"]
mod overlay;
#[cfg(feature = "ncts-p5")]
#[allow(dead_code)]
#[path = "../examples/registry_answers.rs"]
mod registry_answers;
#[cfg(feature = "ncts-p5")]
#[allow(dead_code)]
#[path = "../examples/validate_file.rs"]
mod validate_file;

#[test]
fn derive_rule_set_reports_the_missing_carnet() {
    assert_eq!(
        derive_rule_set::errors(derive_rule_set::T1),
        Vec::<String>::new()
    );
    assert_eq!(
        derive_rule_set::errors(derive_rule_set::TIR),
        ["/CC015C/TransitOperation/TIRCarnetNumber 13 C0411"]
    );
}

#[test]
fn the_overlay_adds_its_rule_and_keeps_the_base() {
    let [base, national] = overlay::both();
    assert_eq!(overlay::reasons(base, overlay::T2), Vec::<String>::new());
    assert_eq!(overlay::reasons(national, overlay::T2), ["X0001"]);
    assert_eq!(national.rules().len(), base.rules().len() + 1);
    // The base rule applies under the overlay.
    assert_eq!(overlay::reasons(national, derive_rule_set::TIR), ["C0411"]);
}

#[cfg(feature = "ncts-p5")]
#[test]
fn validate_file_prints_what_ncts_answers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (valid, text) =
        validate_file::check(&root.join("examples/ncts-p5/tir-without-carnet-invalid.xml"))
            .unwrap();
    assert!(!valid);
    assert!(
        text.contains("/CC015C/TransitOperation/TIRCarnetNumber  13  C0411"),
        "{text}"
    );
    let (valid, _) =
        validate_file::check(&root.join("examples/ncts-p5/t1-de-to-fr-valid.xml")).unwrap();
    assert!(valid);
    assert!(validate_file::check(&root.join("no-such-file.xml")).is_err());
}

#[cfg(feature = "ncts-p5")]
#[test]
fn registry_answers_decide_the_eos_checks() {
    let xml = registry_answers::declaration();
    let unknown = registry_answers::without_answers(&xml);
    assert!(unknown.is_valid());
    assert_eq!(unknown.undecided.len(), 2, "{:?}", unknown.undecided);
    let table = registry_answers::with_table(&xml);
    let found: Vec<_> = table
        .violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.reason.to_string()))
        .collect();
    assert_eq!(
        found,
        [(
            "/CC015C/Consignment/Carrier/identificationNumber",
            "R0840".to_string()
        )]
    );
    let known = registry_answers::with_function(&xml);
    assert!(
        known.is_valid() && known.undecided.is_empty(),
        "{:?}",
        known.undecided
    );
}
