//! Two rule sets in one module, as a crate that depends on `eucdm` alone
//! writes them: the EU rules, and a national overlay that `extends` them.

use eucdm::{Options, ReadError, Report, RuleSet};

/// The EU rules (`rules/eu`).
#[derive(eucdm::Validator, Debug, Default)]
#[rules = "rules/eu"]
pub struct Eu;

/// The EU rules and the national one (`rules/national`).
#[derive(eucdm::Validator, Debug, Default)]
#[rules = "rules/national"]
pub struct National;

/// Validates `xml` with the EU rules, then with the national ones.
pub fn validate_both(xml: &[u8]) -> Result<(Report, Report), ReadError> {
    let opts = Options::default();
    Ok((
        Eu.validate_xml(xml, &opts)?,
        National.validate_xml(xml, &opts)?,
    ))
}
