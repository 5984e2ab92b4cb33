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

/// Reads an NCTS message given as JSON (the shape of [`runtime::json`]) and
/// validates it.
pub fn validate_json(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    validate_document(eucdm_runtime::json::read_json(bytes, SCHEMAS)?, opts)
}

/// Reads a message in either form (JSON when it starts with `{`, XML
/// otherwise: [`runtime::read_message`]) and validates it.
pub fn validate_message(bytes: &[u8], opts: &Options<'_>) -> Result<Report, ReadError> {
    validate_document(eucdm_runtime::read_message(bytes, SCHEMAS)?, opts)
}

fn validate_document(
    doc: eucdm_runtime::Document,
    opts: &Options<'_>,
) -> Result<Report, ReadError> {
    let v = VALIDATORS
        .iter()
        .find(|v| std::ptr::eq(v.schema, doc.schema()))
        .expect("a validator for every schema");
    Ok((v.validate)(&doc, opts))
}
