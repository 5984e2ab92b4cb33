//! HMRC's business rules for UK entry summary declarations (CC315A) and
//! their amendments (CC313A), compiled: [`UK_ENS`] the current rules
//! (`rules/uk-ens`, HMRC's profiles 315New and 313New), [`UK_ENS_LEGACY`] the
//! earlier ones (`rules/uk-ens-legacy`, profiles 315 and 313). An error's
//! code is HMRC's error number, its reason the rule id HMRC's text cites.
//!
//! ```
//! use eucdm_runtime::RuleSet;
//! let xml = br#"<ie:CC315A xmlns:ie="http://ics.dgtaxud.ec/CC315A"><MesSenMES3>GB</MesSenMES3></ie:CC315A>"#;
//! let report = eucdm_uk_ens::UK_ENS
//!     .validate_xml(xml, &Default::default())
//!     .unwrap();
//! assert!(!report.is_valid());
//! ```

pub use eucdm_runtime as runtime;

/// The current rules (`rules/uk-ens`).
pub mod current {
    eucdm_macros::ruleset!("../rules/uk-ens", codelists = "../codelists");
}

/// The earlier rules (`rules/uk-ens-legacy`, an overlay of the current ones).
pub mod legacy {
    eucdm_macros::ruleset!("../rules/uk-ens-legacy", codelists = "../codelists");
}

/// HMRC's current rules as a [`runtime::RuleSet`].
pub static UK_ENS: current::Compiled = current::Compiled;

/// HMRC's earlier rules as a [`runtime::RuleSet`].
pub static UK_ENS_LEGACY: legacy::Compiled = legacy::Compiled;
