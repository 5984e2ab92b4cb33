//! The NCTS Phase 5 rule set shipped with eucdm-rules (`rules/ncts-p5`,
//! `codelists/`), compiled at build time.
//!
//! ```
//! let xml = br#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
//!   <TransitOperation><declarationType>TIR</declarationType></TransitOperation>
//! </ncts:CC015C>"#;
//! let report = eucdm_ncts_p5::validate_xml(xml, &Default::default()).unwrap();
//! let found = |code: u16, pointer: &str, reason: &str| {
//!     report.violations.iter().any(|v| {
//!         (v.code.number(), v.pointer.as_str()) == (code, pointer) && v.reason.to_string() == reason
//!     })
//! };
//! // The structure: the message sender is required (R) and missing ...
//! assert!(found(13, "/CC015C/messageSender", "status R"));
//! // ... and the conditions: a TIR declaration needs its carnet number.
//! assert!(found(13, "/CC015C/TransitOperation/TIRCarnetNumber", "C0411"));
//! ```
//!
//! The same rule set as a [`RuleSet`], for code that takes any rule set
//! (the interpreter of a rule directory is one too):
//!
//! ```
//! use eucdm_ncts_p5::runtime::RuleSet;
//! fn titles(rules: &dyn RuleSet, ids: &[&str]) -> Vec<String> {
//!     ids.iter().filter_map(|id| rules.rule(id)).map(|r| r.title.to_string()).collect()
//! }
//! assert_eq!(titles(&eucdm_ncts_p5::NCTS_P5, &["C0411"]).len(), 1);
//! ```

#![warn(missing_docs)]

pub use eucdm_runtime as runtime;
use eucdm_runtime::{Options, ReadError, Report, RuleSet};

/// The NCTS P5 rule set (`rules/ncts-p5` with the code lists of
/// `codelists/`), compiled: a [`RuleSet`].
#[derive(eucdm_macros::Validator, Debug, Clone, Copy, Default)]
#[rules = "../rules/ncts-p5"]
#[codelists = "../codelists"]
pub struct NctsP5;

/// The NCTS P5 rule set as a [`RuleSet`] (`&NCTS_P5` is a `&dyn RuleSet`).
pub static NCTS_P5: NctsP5 = NctsP5;

/// Reads an NCTS XML message of any supported type and validates it.
pub fn validate_xml(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    NCTS_P5.validate_xml(bytes, opts)
}

/// Reads an NCTS message given as JSON (the shape of [`runtime::json`]) and
/// validates it.
pub fn validate_json(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    NCTS_P5.validate_json(bytes, opts)
}

/// Reads a message in either form (JSON when it starts with `{`, XML
/// otherwise: [`runtime::read_message`]) and validates it.
pub fn validate_message(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    NCTS_P5.validate_message(bytes, opts)
}
