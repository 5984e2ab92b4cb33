//! Runtime of the eucdm-rules validators.
//!
//! Everything here runs when a declaration is validated: the message reader
//! ([`xml`], [`json`]), the arena the generated code navigates ([`document`]), the static
//! message model it is compiled against ([`schema`]), value helpers
//! ([`value`], [`format`](mod@format), [`codelist`]), the message structure checks
//! ([`structure`]), the rules' data-only statements ([`checks`]), the hook for checks that need a registry
//! outside the message ([`external`]), the result ([`report`]) and what every
//! rule set offers, compiled or interpreted ([`RuleSet`]), and several rule
//! sets as one ([`Together`]).
//! No rule text or grammar is parsed at run time, and no CSV unless the
//! application gives code lists of the day ([`refdata`], feature `csv`).

#![warn(missing_docs)]

pub mod bounds;
pub mod checks;
pub mod codelist;
pub mod document;
pub mod external;
pub mod format;
pub mod json;
pub mod keyed;
pub mod message;
pub mod movement;
pub mod pattern;
pub mod refdata;
pub mod report;
pub mod ruleset;
pub mod schema;
pub mod structure;
pub mod together;
pub mod validator;
pub mod value;
pub mod xml;
pub mod xsd;

pub use document::{Document, NodeId};
pub use external::{Answers, AnswersError, ExternalChecks, NoExternalChecks, Verdict};
pub use message::{validate_message, Refused};
pub use refdata::ReferenceData;
pub use report::{
    CodeListId, ErrorCode, Reason, Report, RuleId, StructureFault, Violation, MAX_FUNCTIONAL_ERRORS,
};
pub use ruleset::{CoverageFormat, ForeignDocument, RuleSet};
pub use schema::{MessageSchema, SchemaId, SchemaNode, Status, ValueFormat};
pub use together::Together;
pub use validator::{CodeListInfo, Collector, ListContent, MessageValidator, Options};
pub use value::Tri;
pub use xml::{read_xml, ReadError};
pub use xsd::XsdType;

/// Reads a message given in either form: JSON ([`json`]) when its first
/// non-blank byte, after an optional UTF-8 byte-order mark, is `{` or `[`, XML
/// ([`xml`]) otherwise.
pub fn read_message(
    bytes: &[u8],
    schemas: &[&'static MessageSchema],
) -> Result<Document, ReadError> {
    if json::looks_like_json(bytes) {
        json::read_json(bytes, schemas)
    } else {
        read_xml(bytes, schemas)
    }
}
