//! Parsing: `.rules` text to [`ast`], with syntax errors as diagnostics that
//! name what was expected in the words of the rule language.

pub mod ast;
mod nesting;

pub use nesting::MAX_NESTING;

use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser as _;
use pest_derive::Parser;

use crate::diagnostics::{Diagnostic, FileId, Span};
use ast::*;

#[derive(Parser)]
#[grammar = "syntax/grammar.pest"]
struct RulesParser;

/// Parses one rule file.
// A diagnostic is the cold path and is built once per file: not worth boxing.
#[allow(clippy::result_large_err)]
pub fn parse(text: &str, file: FileId) -> Result<Vec<Declaration>, Diagnostic> {
    nesting::check(text, file)?;
    let mut pairs =
        RulesParser::parse(Rule::file, text).map_err(|e| syntax_error(e, file, text))?;
    let file_pair = pairs.next().expect("file rule");
    let b = Builder { file };
    Ok(file_pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(|p| b.declaration(p))
        .collect())
}

/// Parses a condition on its own (for tests and `eucdm explain`).
#[allow(clippy::result_large_err)]
pub fn parse_condition(text: &str, file: FileId) -> Result<Condition, Diagnostic> {
    nesting::check(text, file)?;
    let mut pairs =
        RulesParser::parse(Rule::condition, text).map_err(|e| syntax_error(e, file, text))?;
    Ok(Builder { file }.condition(pairs.next().expect("condition")))
}

fn describe(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "end of file",
        Rule::file | Rule::rule_decl | Rule::rule_kind | Rule::declaration => {
            "`condition`, `rule`, `guideline`, `transitional`, `advice`, `not expressible`, `codelist`, `external` or `extends`"
        }
        Rule::extends_decl => "`extends \"<rule set folder>\"`",
        Rule::record_decl | Rule::advice_kw | Rule::not_expressible_kw => "`advice` or `not expressible`",
        Rule::because_kw => "`because \"<reason>\"`",
        Rule::codelist_decl => "`codelist`",
        Rule::external_decl => "`external`",
        Rule::rule_id => "a rule id such as `C0599`",
        Rule::codelist_id => "a code list id such as `CL231`",
        Rule::message_id => "a message type such as `CC015C`",
        Rule::statement | Rule::presence_statement | Rule::must_statement | Rule::if_statement | Rule::targets | Rule::target => {
            "a statement (`<element> mandatory|optional|forbidden ...`, `<element> must ...` or `if ... then ... end`)"
        }
        Rule::outcome | Rule::mandatory | Rule::optional | Rule::forbidden => "`mandatory`, `optional` or `forbidden`",
        Rule::reference | Rule::dotted_path | Rule::de_number | Rule::xpath | Rule::wildcard | Rule::ident => {
            "a data element (`19 03`, `Consignment.grossMass`)"
        }
        Rule::condition | Rule::disjunction | Rule::conjunction | Rule::negated | Rule::predicate | Rule::quantified | Rule::subject => {
            "a condition"
        }
        Rule::predicate_tail | Rule::presence_test | Rule::membership_test | Rule::comparison_test | Rule::external_test => {
            "a test (`= 'x'`, `in <a,b>`, `in CL231`, `is present`, `is absent`)"
        }
        Rule::comparison_op => "a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`)",
        Rule::operand | Rule::literal | Rule::string | Rule::number | Rule::date => "a value (`'A'`, `0`, `2025-01-21`)",
        Rule::set | Rule::literal_set => "a set (`<1,2,3>` or a code list such as `CL231`)",
        Rule::set_member => "a code",
        Rule::kw_if => "`if`",
        Rule::kw_else => "`else`",
        Rule::else_if | Rule::else_block => "`else`",
        Rule::block => "a statement",
        Rule::check | Rule::not_all_equal_check | Rule::no_lowercase_check | Rule::unique_check | Rule::sequential_check | Rule::format_check | Rule::satisfy_check | Rule::membership_check | Rule::comparison_check => {
            "a check (`= 'x'`, `be in <..>`, `be unique`, `not all be equal`, `not contain lowercase letters`, `be sequential from 1`, `match an..35`, `satisfy ...`)"
        }
        Rule::format | Rule::format_sequence | Rule::sequence_part => "a format such as `an..35` or `n..16,6`",
        Rule::this_ref | Rule::this_kw => "`this <data item>`",
        Rule::nth_char => "`character <N> of <data item>`",
        Rule::concat_fn | Rule::concat_part => "`concat(<data item>, '<text>', ...)`",
        Rule::shape => "`eori`, `iso6346`, `mrn` or `grn`",
        Rule::integer => "a whole number",
        Rule::scope => "`for each <data group>`",
        Rule::rule_meta | Rule::applies_to | Rule::in_force | Rule::disables | Rule::partial_meta => {
            "`applies to`, `in force`, `disables`, `partial`"
        }
        Rule::quantifier | Rule::any_q | Rule::all_q | Rule::none_q => "`any`, `all` or `none`",
        _ => return None,
    })
}

fn syntax_error(e: pest::error::Error<Rule>, file: FileId, text: &str) -> Diagnostic {
    let (start, end) = match e.location {
        InputLocation::Pos(p) => (p, p + 1),
        InputLocation::Span((a, b)) => (a, b.max(a + 1)),
    };
    let found = text[start.min(text.len())..]
        .split(|c: char| c.is_whitespace())
        .next()
        .filter(|s| !s.is_empty());
    let end = match found {
        Some(f) => start + f.len(),
        None => end.min(text.len()).max(start),
    };
    let span = Span { file, start, end };
    let (label, expected) = match &e.variant {
        ErrorVariant::ParsingError {
            positives,
            negatives,
        } => {
            let mut want: Vec<&str> = positives.iter().filter_map(describe).collect();
            want.sort_unstable();
            want.dedup();
            let _ = negatives;
            let label = match found {
                Some(f) => format!("unexpected `{f}`"),
                None => "unexpected end of file".to_string(),
            };
            (label, want)
        }
        ErrorVariant::CustomError { message } => (message.clone(), vec![]),
    };
    let message = if expected.is_empty() {
        "syntax error".to_string()
    } else {
        format!("syntax error: expected {}", join_or(&expected))
    };
    let mut d = Diagnostic::error(span, message, label);
    if found == Some("mandatory") || found == Some("forbidden") || found == Some("optional") {
        d = d.with_help("an outcome follows its target: `19 03 mandatory if 11 07 in <1,2,3>`");
    }
    d
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

struct Builder {
    file: FileId,
}

impl Builder {
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        Span {
            file: self.file,
            start: s.start(),
            end: s.end(),
        }
    }

    fn name(&self, p: Pair<'_, Rule>) -> Name {
        Name {
            span: self.span(&p),
            text: p.as_str().to_string(),
        }
    }

    fn string(&self, p: Pair<'_, Rule>) -> String {
        p.into_inner()
            .next()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default()
    }

    fn declaration(&self, p: Pair<'_, Rule>) -> Declaration {
        match p.as_rule() {
            Rule::codelist_decl => Declaration::CodeList(self.codelist(p)),
            Rule::external_decl => {
                let mut it = p.into_inner();
                let name = self.name(it.next().unwrap());
                let description = self.string(it.next().unwrap());
                Declaration::External(ExternalDecl { name, description })
            }
            Rule::rule_decl => Declaration::Rule(self.rule(p)),
            Rule::record_decl => Declaration::Record(self.record(p)),
            Rule::extends_decl => {
                let s = p.into_inner().next().unwrap();
                Declaration::Extends(Name {
                    span: self.span(&s),
                    text: self.string(s),
                })
            }
            r => unreachable!("declaration {r:?}"),
        }
    }

    fn record(&self, p: Pair<'_, Rule>) -> RecordDecl {
        let span = self.span(&p);
        let mut it = p.into_inner().filter(|c| c.as_rule() != Rule::because_kw);
        let kind = it.next().unwrap();
        let id = self.name(it.next().unwrap());
        let title = self.string(it.next().unwrap());
        let reason = it.next().map(|r| self.string(r));
        // The grammar gives `not expressible` its reason and `advice` none.
        let unchecked = match reason {
            Some(r) if kind.as_rule() == Rule::not_expressible_kw => Unchecked::NotExpressible(r),
            _ => Unchecked::Advice,
        };
        RecordDecl {
            id,
            title,
            unchecked,
            span,
        }
    }

    fn codelist(&self, p: Pair<'_, Rule>) -> CodeListDecl {
        let span = self.span(&p);
        let mut d = CodeListDecl {
            id: Name {
                text: String::new(),
                span,
            },
            title: None,
            partial: false,
            subset_of: None,
            source: None,
            span,
        };
        let mut seen_id = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::codelist_id if !seen_id => {
                    d.id = self.name(c);
                    seen_id = true;
                }
                Rule::string if d.title.is_none() && d.source.is_none() => {
                    d.title = Some(self.string(c))
                }
                Rule::string => {
                    let span = self.span(&c);
                    let text = self.string(c);
                    d.source = Some(CodeListSource::File(Name { text, span }));
                }
                Rule::codelist_flag => {
                    let f = c.into_inner().next().unwrap();
                    match f.as_rule() {
                        Rule::partial_flag => d.partial = true,
                        Rule::subset_flag => {
                            d.subset_of = Some(self.name(f.into_inner().next().unwrap()))
                        }
                        r => unreachable!("flag {r:?}"),
                    }
                }
                Rule::literal_set => d.source = Some(CodeListSource::Inline(self.set_members(c))),
                r => unreachable!("codelist part {r:?}"),
            }
        }
        d
    }

    fn set_members(&self, p: Pair<'_, Rule>) -> Vec<Name> {
        p.into_inner()
            .map(|m| {
                let span = self.span(&m);
                let text = m.as_str().trim_matches('\'').to_string();
                Name { text, span }
            })
            .collect()
    }

    fn rule(&self, p: Pair<'_, Rule>) -> RuleDecl {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let kind = match it.next().unwrap().as_str() {
            "condition" => RuleKind::Condition,
            "rule" => RuleKind::Rule,
            "guideline" => RuleKind::Guideline,
            _ => RuleKind::Transitional,
        };
        let id = self.name(it.next().unwrap());
        let mut r = RuleDecl {
            kind,
            id,
            title: None,
            applies_to: vec![],
            in_force_from: None,
            in_force_until: None,
            disables: vec![],
            partial: None,
            scope: None,
            body: vec![],
            span,
        };
        for c in it {
            match c.as_rule() {
                Rule::string => r.title = Some(self.string(c)),
                Rule::applies_to => r.applies_to = c.into_inner().map(|m| self.name(m)).collect(),
                Rule::in_force => {
                    let text = c.as_str().to_string();
                    let mut dates = c.into_inner().map(|d| d.as_str().to_string());
                    if text.contains("from") {
                        r.in_force_from = dates.next();
                    }
                    if text.contains("until") {
                        r.in_force_until = dates.next();
                    }
                }
                Rule::disables => r.disables.extend(c.into_inner().map(|d| self.name(d))),
                Rule::partial_meta => r.partial = Some(self.string(c.into_inner().next().unwrap())),
                Rule::scope => r.scope = Some(self.reference(c.into_inner().next().unwrap())),
                _ => r.body.push(self.statement(c)),
            }
        }
        r
    }

    fn statement(&self, p: Pair<'_, Rule>) -> Statement {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::if_statement => {
                let mut arms = vec![];
                let mut otherwise = vec![];
                let mut it = p.into_inner();
                let cond = self.condition(it.next().unwrap());
                let block = self.block(it.next().unwrap());
                arms.push((cond, block));
                for c in it {
                    match c.as_rule() {
                        Rule::else_if => {
                            let mut ci = c.into_inner();
                            let cond = self.condition(ci.next().unwrap());
                            arms.push((cond, self.block(ci.next().unwrap())));
                        }
                        Rule::else_block => otherwise = self.block(c.into_inner().next().unwrap()),
                        r => unreachable!("if part {r:?}"),
                    }
                }
                Statement::If {
                    arms,
                    otherwise,
                    span,
                }
            }
            Rule::presence_statement => {
                let mut it = p.into_inner();
                let targets = it
                    .next()
                    .unwrap()
                    .into_inner()
                    .map(|t| {
                        let mut ti = t.into_inner().peekable();
                        let at_least_one =
                            ti.peek().map(|x| x.as_rule()) == Some(Rule::at_least_one);
                        if at_least_one {
                            ti.next();
                        }
                        Target {
                            at_least_one,
                            reference: self.reference(ti.next().unwrap()),
                        }
                    })
                    .collect();
                let outcome_kind = outcome(it.next().unwrap());
                let mut condition = None;
                if it.next().is_some() {
                    let cond = self.condition(it.next().unwrap());
                    let otherwise = it.nth(1).map(outcome);
                    condition = Some((cond, otherwise));
                }
                Statement::Presence {
                    targets,
                    outcome: outcome_kind,
                    condition,
                    span,
                }
            }
            Rule::for_each_statement => {
                let mut it = p.into_inner();
                let group = self.reference(it.next().unwrap());
                let body = self.block(it.next().unwrap());
                Statement::ForEach { group, body, span }
            }
            Rule::must_statement => {
                let mut it = p.into_inner();
                let subject = self.reference(it.next().unwrap());
                let check = self.check(it.next().unwrap());
                Statement::Must {
                    subject,
                    check,
                    span,
                }
            }
            r => unreachable!("statement {r:?}"),
        }
    }

    fn block(&self, p: Pair<'_, Rule>) -> Vec<Statement> {
        p.into_inner().map(|s| self.statement(s)).collect()
    }

    fn check(&self, p: Pair<'_, Rule>) -> Check {
        match p.as_rule() {
            Rule::not_all_equal_check => Check::NotAllEqual,
            Rule::no_lowercase_check => Check::Shape(Name {
                text: "no-lowercase".into(),
                span: self.span(&p),
            }),
            Rule::unique_check => Check::Unique {
                throughout: p.into_inner().next().is_some(),
            },
            Rule::sequential_check => {
                let mut it = p.into_inner();
                let from = it.next().unwrap().as_str().parse().unwrap_or(i64::MAX);
                Check::Sequential {
                    from,
                    throughout: it.next().is_some(),
                }
            }
            Rule::format_check => {
                let f = p.into_inner().next().unwrap();
                match f.as_rule() {
                    Rule::format => Check::Format(self.name(f)),
                    Rule::format_sequence => Check::Sequence(
                        f.into_inner()
                            .map(|part| {
                                let mut it = part.into_inner().peekable();
                                let optional =
                                    it.peek().map(|x| x.as_rule()) == Some(Rule::optional_part);
                                if optional {
                                    it.next();
                                }
                                (optional, self.name(it.next().unwrap()))
                            })
                            .collect(),
                    ),
                    _ => Check::Shape(self.name(f)),
                }
            }
            Rule::satisfy_check => Check::Satisfy(self.condition(p.into_inner().next().unwrap())),
            Rule::membership_check => {
                let (negated, set) = self.negated_set(p);
                Check::In { negated, set }
            }
            Rule::comparison_check => {
                let mut it = p.into_inner();
                let op = compare_op(it.next().unwrap().as_str());
                Check::Compare(op, self.operand(it.next().unwrap()))
            }
            r => unreachable!("check {r:?}"),
        }
    }

    /// `[not] in <set>` (a test) or `[not] be in <set>` (a check).
    fn negated_set(&self, p: Pair<'_, Rule>) -> (bool, SetExpr) {
        let mut negated = false;
        let mut set = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::negation => negated = true,
                _ => set = Some(self.set(c)),
            }
        }
        (negated, set.expect("the grammar requires a set"))
    }

    fn set(&self, p: Pair<'_, Rule>) -> SetExpr {
        let inner = p.into_inner().next().unwrap();
        match inner.as_rule() {
            Rule::literal_set => SetExpr::Literal(self.set_members(inner)),
            _ => SetExpr::CodeList(self.name(inner)),
        }
    }

    fn condition(&self, p: Pair<'_, Rule>) -> Condition {
        match p.as_rule() {
            Rule::condition => self.condition(p.into_inner().next().unwrap()),
            Rule::disjunction | Rule::conjunction => {
                let is_or = p.as_rule() == Rule::disjunction;
                let mut parts: Vec<Condition> = p.into_inner().map(|c| self.condition(c)).collect();
                if parts.len() == 1 {
                    parts.pop().unwrap()
                } else if is_or {
                    Condition::Or(parts)
                } else {
                    Condition::And(parts)
                }
            }
            Rule::negated => {
                let mut nots = 0;
                let mut inner = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::negation => nots += 1,
                        _ => inner = Some(self.condition(c)),
                    }
                }
                // `not not x` is `x` (also in three-valued logic): no chain of
                // negations, however long, nests deeper than one.
                let c = inner.unwrap();
                if nots % 2 == 1 {
                    Condition::Not(Box::new(c))
                } else {
                    c
                }
            }
            Rule::quantified => {
                let span = self.span(&p);
                let mut it = p.into_inner();
                let q = it.next().unwrap().into_inner().next().unwrap();
                let quantifier = match q.as_rule() {
                    Rule::any_q => Quantifier::Any,
                    Rule::all_q => Quantifier::All,
                    _ => Quantifier::None,
                };
                let quantifier = match (quantifier, q.as_str()) {
                    (Quantifier::Any, _) => Quantifier::Any,
                    (_, s) if s.starts_with("none") => Quantifier::None,
                    (q, _) => q,
                };
                let mut next = it.next().unwrap();
                let others = next.as_rule() == Rule::other_kw;
                if others {
                    next = it.next().unwrap();
                }
                let reference = self.reference(next);
                let b = it.next().unwrap();
                let body = match b.as_rule() {
                    Rule::satisfies => QuantifiedBody::Satisfies(Box::new(
                        self.condition(b.into_inner().next().unwrap()),
                    )),
                    _ => QuantifiedBody::Test(self.test(b)),
                };
                Condition::Quantified {
                    quantifier,
                    others,
                    reference,
                    body,
                    span,
                }
            }
            Rule::predicate => {
                let span = self.span(&p);
                let mut it = p.into_inner();
                let subject = self.operand(it.next().unwrap());
                let test = self.test(it.next().unwrap());
                Condition::Predicate {
                    subject,
                    test,
                    span,
                }
            }
            r => unreachable!("condition {r:?}"),
        }
    }

    fn test(&self, p: Pair<'_, Rule>) -> Test {
        match p.as_rule() {
            Rule::presence_test => {
                let present = p.into_inner().next().unwrap().as_rule() == Rule::present;
                Test::Present(present)
            }
            Rule::external_test => {
                let mut negated = false;
                let mut hook = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::negation => negated = true,
                        _ => hook = Some(self.name(c)),
                    }
                }
                Test::External {
                    negated,
                    hook: hook.unwrap(),
                }
            }
            Rule::membership_test => {
                let (negated, set) = self.negated_set(p);
                Test::In { negated, set }
            }
            Rule::comparison_test => {
                let mut it = p.into_inner();
                let op = compare_op(it.next().unwrap().as_str());
                Test::Compare(op, self.operand(it.next().unwrap()))
            }
            r => unreachable!("test {r:?}"),
        }
    }

    fn operand(&self, p: Pair<'_, Rule>) -> Operand {
        let inner = p.into_inner().next().unwrap();
        let span = self.span(&inner);
        match inner.as_rule() {
            Rule::reference => Operand::Ref(self.reference(inner)),
            Rule::this_ref => self.this_ref(inner),
            // a quoted text in `concat(...)`
            Rule::string => Operand::Literal(Literal::Text(self.string(inner)), span),
            Rule::literal => {
                let l = inner.into_inner().next().unwrap();
                let lit = match l.as_rule() {
                    Rule::string => Literal::Text(self.string(l)),
                    Rule::date => Literal::Date(l.as_str().to_string()),
                    _ => Literal::Number(l.as_str().to_string()),
                };
                Operand::Literal(lit, span)
            }
            Rule::function => {
                let f = inner.into_inner().next().unwrap();
                match f.as_rule() {
                    Rule::first_chars => {
                        let mut it = f.into_inner();
                        let n = it.next().unwrap().as_str().parse().unwrap_or(u32::MAX);
                        Operand::FirstChars(n, self.reference(it.next().unwrap()), span)
                    }
                    Rule::nth_char => {
                        let mut it = f.into_inner();
                        let n = it.next().unwrap().as_str().parse().unwrap_or(u32::MAX);
                        Operand::Character(n, self.reference(it.next().unwrap()), span)
                    }
                    Rule::concat_fn => Operand::Concat(
                        f.into_inner().map(|part| self.operand(part)).collect(),
                        span,
                    ),
                    Rule::count_fn => {
                        Operand::Count(f.into_inner().map(|r| self.reference(r)).collect(), span)
                    }
                    Rule::iteration_fn => Operand::Iteration(span),
                    _ => Operand::Sum(self.reference(f.into_inner().next().unwrap()), span),
                }
            }
            r => unreachable!("operand {r:?}"),
        }
    }

    /// `this X`
    fn this_ref(&self, p: Pair<'_, Rule>) -> Operand {
        let span = self.span(&p);
        let r = p
            .into_inner()
            .nth(1)
            .expect("the grammar requires a reference");
        Operand::This(self.reference(r), span)
    }

    fn reference(&self, p: Pair<'_, Rule>) -> Reference {
        let span = self.span(&p);
        let text = p.as_str().to_string();
        let inner = p.into_inner().next().unwrap();
        let kind = match inner.as_rule() {
            Rule::de_number => {
                let mut groups: Vec<&str> = inner.as_str().split(' ').collect();
                while groups.len() < 4 {
                    groups.push("000");
                }
                ReferenceKind::DataElement(groups.join(" "))
            }
            Rule::xpath => {
                let mut parts = inner.as_str().split('/').skip(1);
                let first = parts.next().unwrap();
                let msg = (first != "*").then(|| first.to_string());
                ReferenceKind::Absolute(msg, parts.map(str::to_string).collect())
            }
            Rule::wildcard => ReferenceKind::Wildcard(inner.as_str()[3..].to_string()),
            _ => ReferenceKind::Path(inner.as_str().split('.').map(str::to_string).collect()),
        };
        Reference { kind, text, span }
    }
}

fn outcome(p: Pair<'_, Rule>) -> Outcome {
    match p.into_inner().next().unwrap().as_rule() {
        Rule::mandatory => Outcome::Mandatory,
        Rule::optional => Outcome::Optional,
        _ => Outcome::Forbidden,
    }
}

fn compare_op(s: &str) -> CompareOp {
    match s {
        "=" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        ">" => CompareOp::Gt,
        _ => CompareOp::Ge,
    }
}

#[cfg(test)]
mod tests;
