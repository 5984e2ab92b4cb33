//! The interpreter as an [`eucdm_runtime::RuleSet`]: the same answers as the
//! `Compiled` struct the generated code has, computed from the IR.

use std::borrow::Cow;

use eucdm_runtime::validator::{RuleInfo, RuleKind};
use eucdm_runtime::{
    CodeListId, CodeListInfo, CoverageFormat, Document, ForeignDocument, ListContent,
    MessageSchema, Options, Report,
};

use super::{Interpreter, Rule};
use crate::codelist::Content;
use crate::ir;

/// The rules' metadata as generated code has it in `RULES`.
pub(super) fn infos(rules: &[Rule]) -> Vec<RuleInfo> {
    rules
        .iter()
        .map(|r| RuleInfo {
            id: r.id.clone(),
            kind: match r.kind {
                ir::RuleKind::Condition => RuleKind::Condition,
                ir::RuleKind::Rule => RuleKind::Rule,
                ir::RuleKind::Guideline => RuleKind::Guideline,
                ir::RuleKind::Transitional => RuleKind::Transitional,
            },
            title: Cow::Owned(r.title.clone()),
            from: Cow::Owned(r.from.clone()),
            until: Cow::Owned(r.until.clone()),
        })
        .collect()
}

/// The code lists' metadata as generated code has it in `CODELISTS`.
pub(super) fn list_infos(lists: &[crate::codelist::CodeList]) -> Vec<CodeListInfo> {
    lists
        .iter()
        .map(|c| CodeListInfo {
            id: CodeListId::owned(c.id.clone()),
            title: Cow::Owned(c.title.clone()),
            content: match c.content {
                Content::Complete(_) => ListContent::Complete,
                Content::Partial(_) => ListContent::Partial,
                Content::NotShipped => ListContent::NotShipped,
            },
            provenance: c.provenance.clone(),
        })
        .collect()
}

impl eucdm_runtime::RuleSet for Interpreter {
    fn schemas(&self) -> &[&'static MessageSchema] {
        &self.schemas
    }

    fn validate(&self, doc: &Document, opts: &Options<'_>) -> Result<Report, ForeignDocument> {
        if self.schemas.iter().any(|s| std::ptr::eq(*s, doc.schema())) {
            Ok(self.validate_own(doc, opts))
        } else {
            Err(ForeignDocument::of(doc))
        }
    }

    fn rules(&self) -> &[RuleInfo] {
        &self.infos
    }

    fn codelists(&self) -> &[CodeListInfo] {
        &self.list_infos
    }

    fn externals(&self) -> Vec<(&str, &str)> {
        self.source
            .externals
            .iter()
            .map(|e| (e.name.as_str(), e.description.as_str()))
            .collect()
    }

    fn explanations(&self) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
        crate::explain::explain_all(&self.source)
            .into_iter()
            .map(|(id, text)| (Cow::Owned(id), Cow::Owned(text)))
            .collect()
    }

    fn coverage(&self, format: CoverageFormat) -> Cow<'_, str> {
        let cov = crate::coverage::coverage(&self.source);
        Cow::Owned(match format {
            CoverageFormat::Text => crate::coverage::render_text(&cov),
            CoverageFormat::Json => crate::coverage::render_json(&cov),
        })
    }
}
