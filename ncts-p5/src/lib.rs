//! The NCTS Phase 5 rule set shipped with eucdm-rules (`rules/ncts-p5`,
//! `codelists/`), compiled at build time.
//!
//! ```
//! let xml = br#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
//!   <TransitOperation><declarationType>TIR</declarationType></TransitOperation>
//! </ncts:CC015C>"#;
//! let report = eucdm_ncts_p5::validate_xml(xml, &Default::default()).unwrap();
//! let found = |code: u8, pointer: &str, reason: &str| {
//!     report.violations.iter().any(|v| (v.code.number(), v.pointer.as_str(), v.reason) == (code, pointer, reason))
//! };
//! // The structure: the message sender is required (R) and missing ...
//! assert!(found(13, "/CC015C/messageSender", "status R"));
//! // ... and the conditions: a TIR declaration needs its carnet number.
//! assert!(found(13, "/CC015C/TransitOperation/TIRCarnetNumber", "C0411"));
//! ```

pub use eucdm_runtime as runtime;
use eucdm_runtime::{Options, ReadError, Report};

eucdm_macros::ruleset!("../rules/ncts-p5", codelists = "../codelists");

/// Reads an NCTS XML message of any supported type and validates it.
pub fn validate_xml(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    let doc = eucdm_runtime::read_xml(bytes, SCHEMAS)?;
    let v = VALIDATORS
        .iter()
        .find(|v| std::ptr::eq(v.schema, doc.schema()))
        .expect("a validator for every schema");
    Ok((v.validate)(&doc, opts))
}
