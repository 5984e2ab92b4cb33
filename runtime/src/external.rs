//! Checks that need a registry outside the message.
//!
//! Some rules ask whether a value is known elsewhere: C0250 asks whether an
//! identification number "is a valid identifier in the EU Economic Operator
//! System". The message alone cannot answer that, so the generated validator
//! asks the embedding application through [`ExternalChecks`].
//!
//! The default ([`NoExternalChecks`]) answers [`Verdict::Unknown`]: a statement
//! whose condition depends on an unknown answer is *not evaluated* (neither
//! branch is enforced) and is listed in [`crate::Report::undecided`]. Nothing is
//! guessed, so no valid declaration is rejected for want of a registry.

/// Answer of an external registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    Unknown,
}

/// Implemented by applications that can consult registries (EOS/EORI, the
/// guarantee management system, the customs office list of the day).
///
/// `hook` is the name declared in the rule set (`external eos "..."`), `value`
/// the text of the data item being checked.
pub trait ExternalChecks: Sync {
    fn check(&self, hook: &str, value: &str) -> Verdict;
}

/// The default: no registry is consulted; every answer is unknown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoExternalChecks;

impl ExternalChecks for NoExternalChecks {
    fn check(&self, _hook: &str, _value: &str) -> Verdict {
        Verdict::Unknown
    }
}

impl<F> ExternalChecks for F
where
    F: Fn(&str, &str) -> Verdict + Sync,
{
    fn check(&self, hook: &str, value: &str) -> Verdict {
        self(hook, value)
    }
}
