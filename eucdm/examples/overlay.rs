//! A national overlay beside the rule set it extends, both derived in one
//! module: `examples/rules/national` says `extends "../tir"` and adds a rule,
//! without copying the base rules. `cargo run -p eucdm --example overlay`.
//!
//! The same works on the shipped rules: an overlay folder with
//! `extends "<path to>/rules/ncts-p5"` is the whole NCTS P5 rule set and its
//! own rules (`tests/overlays/national` in the repository).

use eucdm::{Options, RuleSet};

/// The base rules.
#[derive(eucdm::Validator)]
#[rules = "examples/rules/tir"]
struct Tir;

/// The base rules and the national one.
#[derive(eucdm::Validator)]
#[rules = "examples/rules/national"]
struct National;

fn main() {
    let xml = T2;
    println!("base:     {:?}", reasons(&Tir, xml));
    println!("national: {:?}", reasons(&National, xml));
}

/// A declaration of internal Union transit: valid for the base rules, not
/// for the overlay's X0001.
pub const T2: &str = r#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
  <TransitOperation><declarationType>T2</declarationType></TransitOperation>
</ncts:CC015C>"#;

/// The rule ids `rules` reports on `xml`; any rule set will do.
pub fn reasons(rules: &dyn RuleSet, xml: &str) -> Vec<String> {
    rules
        .validate_xml(xml.as_bytes(), &Options::default())
        .expect("a readable CC015C")
        .violations
        .iter()
        .map(|v| v.reason.to_string())
        .collect()
}

/// The two rule sets, for code that takes any.
pub fn both() -> [&'static dyn RuleSet; 2] {
    [&Tir, &National]
}
