//! The shipped, compiled rule sets and `--ruleset NAME`: `ncts-p5` (NCTS
//! Phase 5), `uk-ens` (HMRC's current rules for UK entry summary
//! declarations), `uk-ens-legacy` (HMRC's earlier ones). Without `--ruleset`,
//! `validate` judges each message by the shipped rule set that reads its type
//! ([`Together`]: an NCTS message by `ncts-p5`, a CC315A or CC313A by
//! `uk-ens`); `coverage` and `explain` describe `ncts-p5`.

use std::borrow::Cow;
use std::sync::OnceLock;

use eucdm_runtime::validator::RuleInfo;
use eucdm_runtime::{
    CodeListInfo, CoverageFormat, Document, ForeignDocument, MessageSchema, Options, Report,
    RuleSet,
};

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
pub static ALL: Together = Together {
    sets: [&eucdm_ncts_p5::NCTS_P5, &eucdm_uk_ens::UK_ENS],
    schemas: OnceLock::new(),
    rules: OnceLock::new(),
    codelists: OnceLock::new(),
};

pub struct Together {
    sets: [&'static dyn RuleSet; 2],
    schemas: OnceLock<Vec<&'static MessageSchema>>,
    rules: OnceLock<Vec<RuleInfo>>,
    codelists: OnceLock<Vec<CodeListInfo>>,
}

impl RuleSet for Together {
    fn schemas(&self) -> &[&'static MessageSchema] {
        self.schemas.get_or_init(|| {
            self.sets
                .iter()
                .flat_map(|s| s.schemas().to_vec())
                .collect()
        })
    }

    fn validate(&self, doc: &Document, opts: &Options<'_>) -> Result<Report, ForeignDocument> {
        let own = |s: &&&dyn RuleSet| s.schemas().iter().any(|m| std::ptr::eq(*m, doc.schema()));
        match self.sets.iter().find(own) {
            Some(set) => set.validate(doc, opts),
            None => Err(ForeignDocument::of(doc)),
        }
    }

    fn rules(&self) -> &[RuleInfo] {
        self.rules
            .get_or_init(|| self.sets.iter().flat_map(|s| s.rules().to_vec()).collect())
    }

    fn codelists(&self) -> &[CodeListInfo] {
        self.codelists.get_or_init(|| {
            self.sets
                .iter()
                .flat_map(|s| s.codelists().to_vec())
                .collect()
        })
    }

    fn externals(&self) -> Vec<(&str, &str)> {
        self.sets.iter().flat_map(|s| s.externals()).collect()
    }

    fn explanations(&self) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
        self.sets.iter().flat_map(|s| s.explanations()).collect()
    }

    fn coverage(&self, format: CoverageFormat) -> Cow<'_, str> {
        let parts: Vec<Cow<'_, str>> = self.sets.iter().map(|s| s.coverage(format)).collect();
        Cow::Owned(parts.join("\n"))
    }
}
