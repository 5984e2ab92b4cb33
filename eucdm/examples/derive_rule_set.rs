//! Derives a validator from a folder of rule files (`examples/rules/tir`: a
//! part of the CC015C message table and condition C0411) and validates two
//! declarations with it: `cargo run -p eucdm --example derive_rule_set`.

use eucdm::{Options, RuleSet};

/// The rules of `examples/rules/tir`, compiled when this program is built.
/// Code lists given as CSV files would be named by `#[codelists = "<dir>"]`.
#[derive(eucdm::Validator)]
#[rules = "examples/rules/tir"]
struct Tir;

fn main() {
    for (name, xml) in [
        ("T1 declaration", T1),
        ("TIR declaration without carnet", TIR),
    ] {
        println!("{name}:");
        for line in errors(xml) {
            println!("  {line}");
        }
    }
    for rule in Tir.rules() {
        println!("rule {} ({:?}): {}", rule.id, rule.kind, rule.title);
    }
}

/// A declaration of external Union transit: valid.
pub const T1: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
  <TransitOperation><declarationType>T1</declarationType></TransitOperation>
</ncts:CC015C>"#;

/// A TIR declaration without its carnet number: C0411 requires it.
pub const TIR: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
  <TransitOperation><declarationType>TIR</declarationType></TransitOperation>
</ncts:CC015C>"#;

/// The errors of `xml`: pointer, error code and rule id.
pub fn errors(xml: &str) -> Vec<String> {
    let report = Tir
        .validate_xml(xml.as_bytes(), &Options::default())
        .expect("a readable CC015C");
    report
        .violations
        .iter()
        .map(|v| format!("{} {} {}", v.pointer, v.code.number(), v.reason))
        .collect()
}
