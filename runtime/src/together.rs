//! [`Together`]: several rule sets as one, each message validated by the
//! set whose message models read it. The shipped sets share no message
//! type, so a front end (the CLI without `--ruleset`, the Python package)
//! takes a file of any of them without being told which it is.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::validator::RuleInfo;
use crate::{
    CodeListInfo, CoverageFormat, Document, ForeignDocument, MessageSchema, Options, Report,
    RuleSet,
};

/// Rule sets that share no message type, as one [`RuleSet`]; what they say
/// about their rules is theirs in the order given.
pub struct Together {
    sets: &'static [&'static dyn RuleSet],
    schemas: OnceLock<Vec<&'static MessageSchema>>,
    rules: OnceLock<Vec<RuleInfo>>,
    codelists: OnceLock<Vec<CodeListInfo>>,
}

impl Together {
    /// `sets` as one (a `static` may hold it).
    pub const fn new(sets: &'static [&'static dyn RuleSet]) -> Self {
        Together {
            sets,
            schemas: OnceLock::new(),
            rules: OnceLock::new(),
            codelists: OnceLock::new(),
        }
    }
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
