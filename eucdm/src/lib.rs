//! Validators of customs declarations, compiled from rule files: what the
//! customs system would answer (error code, pointer, rule id, value), before
//! the declaration is sent.
//!
//! One dependency gives everything:
//!
//! ```toml
//! [dependencies]
//! eucdm = { path = "../eucdm-rules/eucdm" }  # where the repository is checked out
//! ```
//!
//! * [`Validator`]: `#[derive(eucdm::Validator)]` compiles a folder of
//!   `.rules` files at build time and implements [`RuleSet`] on the type;
//! * the runtime: [`RuleSet`] (validate XML, JSON or a read [`Document`];
//!   the rules, code lists and external checks a rule set has), [`Report`]
//!   and [`Violation`], [`Options`], [`Answers`] and [`ExternalChecks`] for
//!   registries, [`ReferenceData`] for code lists of the day (all of
//!   `eucdm-runtime`, also as [`runtime`]);
//! * the shipped rule sets, by feature: `ncts-p5` (on by default):
//!   [`NCTS_P5`] and [`ncts_p5`]; `uk-ens`: `uk_ens` (HMRC's entry summary
//!   declarations).
//!
//! Other features: `serde` (on by default) serializes [`Report`],
//! [`Violation`] and [`ErrorCode`]; `csv` reads code lists from CSV files at
//! run time ([`ReferenceData::read_dir`]).
//!
//! # Validate a declaration with the shipped NCTS P5 rules
//!
//! ```
//! # #[cfg(feature = "ncts-p5")] {
//! use eucdm::{Options, RuleSet, NCTS_P5};
//!
//! let xml = br#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
//!   <TransitOperation><declarationType>TIR</declarationType></TransitOperation>
//! </ncts:CC015C>"#;
//! let report = NCTS_P5.validate_xml(xml, &Options::default()).unwrap();
//! assert!(!report.is_valid());
//! // A TIR declaration needs its carnet number (condition C0411): error 13,
//! // at the pointer NCTS names.
//! assert!(report.violations.iter().any(|v| v.code.number() == 13
//!     && v.pointer == "/CC015C/TransitOperation/TIRCarnetNumber"
//!     && v.reason.to_string() == "C0411"));
//! # }
//! ```
//!
//! # Derive a validator from your own rules
//!
//! Folders are relative to the crate's `Cargo.toml`; cargo rebuilds the crate
//! when a rule file or code list changes, and an error in a rule file is a
//! compile error naming its `file:line:col`. Several rule sets may be derived
//! in one module (a national overlay beside the EU set):
//!
//! ```
//! use eucdm::{Options, RuleSet};
//!
//! /// The transit rules of `examples/rules/tir`.
//! #[derive(eucdm::Validator)]
//! #[rules = "examples/rules/tir"]
//! struct Tir;
//!
//! /// The same rules and one national rule (the folder `extends "../tir"`).
//! #[derive(eucdm::Validator)]
//! #[rules = "examples/rules/national"]
//! struct National;
//!
//! let xml = br#"<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
//!   <TransitOperation><declarationType>T2</declarationType></TransitOperation>
//! </ncts:CC015C>"#;
//! assert!(Tir.validate_xml(xml, &Options::default()).unwrap().is_valid());
//! assert!(!National.validate_xml(xml, &Options::default()).unwrap().is_valid());
//! ```
//!
//! The crate's `examples/` have one program per use: `validate_file`,
//! `derive_rule_set`, `overlay`, `registry_answers`
//! (`cargo run -p eucdm --example validate_file -- FILE`).

#![warn(missing_docs)]

/// `#[derive(Validator)]` with `#[rules = "<dir>"]` and optionally
/// `#[codelists = "<dir>"]`: compiles the rule folder at build time and
/// implements [`RuleSet`] on the struct (see the crate docs).
pub use eucdm_macros::Validator;

/// The runtime the derived validators run on (`eucdm-runtime`); its items
/// are also at this crate's root.
pub use eucdm_runtime as runtime;
#[doc(no_inline)]
pub use eucdm_runtime::*;

/// The shipped NCTS P5 rule set (`rules/ncts-p5`), compiled (feature
/// `ncts-p5`).
#[cfg(feature = "ncts-p5")]
pub use eucdm_ncts_p5 as ncts_p5;
#[cfg(feature = "ncts-p5")]
#[doc(no_inline)]
pub use eucdm_ncts_p5::{NctsP5, NCTS_P5};

/// HMRC's UK entry summary declaration rule sets, compiled (feature
/// `uk-ens`).
#[cfg(feature = "uk-ens")]
pub use eucdm_uk_ens as uk_ens;
