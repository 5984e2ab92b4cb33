//! The shipped, compiled rule sets and `--ruleset NAME`: `ncts-p5` (NCTS
//! Phase 5), `uk-ens` (HMRC's current rules for UK entry summary
//! declarations), `uk-ens-legacy` (HMRC's earlier ones). Without `--ruleset`,
//! `validate` judges each message by the shipped rule set that reads its type
//! ([`Together`]: an NCTS message by `ncts-p5`, a CC315A or CC313A by
//! `uk-ens`); `coverage` and `explain` describe `ncts-p5`.

use eucdm_runtime::{RuleSet, Together};

/// A shipped rule set, as `--ruleset` names it.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shipped {
    /// NCTS Phase 5 (the six trader messages)
    NctsP5,
    /// HMRC's current rules for UK entry summary declarations (CC315A, CC313A)
    UkEns,
    /// HMRC's earlier rules for them
    UkEnsLegacy,
}

impl Shipped {
    pub fn ruleset(self) -> &'static dyn RuleSet {
        match self {
            Shipped::NctsP5 => &eucdm_ncts_p5::NCTS_P5,
            Shipped::UkEns => &eucdm_uk_ens::UK_ENS,
            Shipped::UkEnsLegacy => &eucdm_uk_ens::UK_ENS_LEGACY,
        }
    }
}

/// The current shipped rule sets as one: each message validated by the one
/// whose models read it (they share no message type).
pub static ALL: Together = Together::new(&[&eucdm_ncts_p5::NCTS_P5, &eucdm_uk_ens::UK_ENS]);
