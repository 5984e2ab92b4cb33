//! The structure checks the code generator writes per XSD type (byte matchers
//! for patterns, constants for lengths, digits and enumerations) answer as the
//! interpreter's generic checks (`eucdm_runtime::xsd::XsdType`), which are the
//! reference: every item of `tests/xsd-forms/CC902A.model` is given every
//! text of up to 4 characters over an alphabet that straddles the types'
//! classes (letters, digits, `.`, a space, a tab, `é`, a no-break space).

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{Options, RuleSet};

#[derive(eucdm_macros::Validator)]
#[rules = "xsd-forms"]
#[codelists = "ui/codelists"]
struct XsdForms;

const ITEMS: [&str; 16] = [
    "fixed", "tail", "middle", "overlap", "ends", "dotted", "wide", "negated", "any", "edges",
    "both", "decimal", "integer", "code", "date", "plain",
];

fn interpreter() -> Interpreter {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = eucdm_compiler::compile_dir(&dir.join("xsd-forms"), &dir.join("ui/codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    Interpreter::new(&c.ruleset)
}

/// The pointers of the format faults of a message, as `rs` finds them.
fn faults(rs: &dyn RuleSet, body: &str) -> Vec<String> {
    let xml =
        format!("<f:CC902A xmlns:f=\"urn:eucdm:xsd-forms\"><HEAHEA>{body}</HEAHEA></f:CC902A>");
    let doc = eucdm_runtime::read_xml(xml.as_bytes(), rs.schemas()).expect("readable");
    let report = rs.validate(&doc, &Options::default()).expect("own schemas");
    report
        .violations
        .iter()
        .map(|v| format!("{} {} {}", v.code.number(), v.pointer, v.reason))
        .collect()
}

#[test]
fn generated_checks_agree_with_the_generic_ones() {
    let interpreted = interpreter();
    let alphabet = ["A", "B", "a", "0", "1", "9", ".", " ", "\t", "é", "\u{a0}"];
    let mut words = vec![String::new()];
    let mut last = words.clone();
    for _ in 0..4 {
        last = (last.iter())
            .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
            .collect();
        words.extend(last.iter().cloned());
    }
    let fixed = [
        "2024-02-29",
        "2023-02-29",
        "12.50",
        "12.505",
        "099",
        "1999",
        "AB",
    ];
    words.extend(fixed.iter().map(|s| s.to_string()));
    let (mut valid, mut invalid) = (0, 0);
    for w in &words {
        let body: String = ITEMS.iter().map(|i| format!("<{i}>{w}</{i}>")).collect();
        let compiled = faults(&XsdForms, &body);
        assert_eq!(compiled, faults(&interpreted, &body), "text {w:?}");
        invalid += compiled.len();
        valid += ITEMS.len() - compiled.len();
    }
    // Both answers occur often: the test can tell the checks apart.
    assert!(
        valid > 5_000 && invalid > 5_000,
        "{valid} valid, {invalid} invalid"
    );
}
