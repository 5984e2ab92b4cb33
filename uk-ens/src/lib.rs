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

#![warn(missing_docs)]

pub use eucdm_runtime as runtime;

/// HMRC's current rules (`rules/uk-ens`), compiled: a [`runtime::RuleSet`].
#[derive(eucdm_macros::Validator, Debug, Clone, Copy, Default)]
#[rules = "../rules/uk-ens"]
#[codelists = "../codelists"]
pub struct UkEns;

/// HMRC's earlier rules (`rules/uk-ens-legacy`, an overlay of the current
/// ones), compiled: a [`runtime::RuleSet`].
#[derive(eucdm_macros::Validator, Debug, Clone, Copy, Default)]
#[rules = "../rules/uk-ens-legacy"]
#[codelists = "../codelists"]
pub struct UkEnsLegacy;

/// HMRC's current rules as a [`runtime::RuleSet`].
pub static UK_ENS: UkEns = UkEns;

/// HMRC's earlier rules as a [`runtime::RuleSet`].
pub static UK_ENS_LEGACY: UkEnsLegacy = UkEnsLegacy;
