//! Parsing: `.rules` text to [`ast`], with syntax errors as diagnostics that
//! name what was expected in the words of the rule language.

pub mod ast;
mod keywords;
mod nesting;

pub use nesting::MAX_NESTING;

use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser as _;
use pest_derive::Parser;

use crate::diagnostics::{suggest, Diagnostic, FileId, Span};
use ast::*;
use keywords::{DECLARATION_STARTS, KEYWORDS};

#[derive(Parser)]
#[grammar = "syntax/grammar.pest"]
struct RulesParser;

/// Parses one rule file.
// A diagnostic is the cold path and is built once per file: not worth boxing.
#[allow(clippy::result_large_err)]
pub fn parse(text: &str, file: FileId) -> Result<Vec<Declaration>, Diagnostic> {
    nesting::check(text, file)?;
    let mut pairs = parse_rule(Rule::file, text).map_err(|e| syntax_error(e, file, text))?;
    let file_pair = pairs.next().expect("file rule");
    let b = Builder { file };
    Ok(file_pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(|p| b.declaration(p))
        .collect())
}

/// Parses `text` as `rule`. On failure the text is parsed again with pest's
/// error detail on (the tokens tried at the farthest position, for messages in
/// the language's words): it costs time on every token, so only errors pay it.
/// The flag is global and only ever turned on.
#[allow(clippy::result_large_err)]
fn parse_rule(
    rule: Rule,
    text: &str,
) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    match RulesParser::parse(rule, text) {
        Ok(pairs) => Ok(pairs),
        Err(e) => {
            pest::set_error_detail(true);
            match RulesParser::parse(rule, text) {
                Ok(pairs) => Ok(pairs),
                Err(detailed) if detailed.parse_attempts().is_some() => Err(detailed),
                Err(_) => Err(e),
            }
        }
    }
}

/// Parses one rule file and reports every syntax error in it, not only the
/// first: after an error, parsing resumes at the next line that starts a
/// declaration (`condition`, `rule`, `codelist`, ... in the first column).
/// The declarations are returned only when there is no error.
pub fn parse_all(text: &str, file: FileId) -> Result<Vec<Declaration>, Vec<Diagnostic>> {
    const MAX_ERRORS: usize = 20;
    let mut errors = Vec::new();
    let mut from = 0;
    loop {
        // The text before `from` is blanked, so positions stay those of the file.
        let result = if from == 0 {
            parse(text, file)
        } else {
            parse(&blank_before(text, from), file)
        };
        match result {
            Ok(decls) if errors.is_empty() => return Ok(decls),
            Ok(_) => return Err(errors),
            Err(e) => {
                let at = e.span.map_or(text.len(), |s| s.end);
                errors.push(e);
                match next_declaration(text, at) {
                    Some(next) if next > from && errors.len() < MAX_ERRORS => from = next,
                    _ => return Err(errors),
                }
            }
        }
    }
}

/// `text` with every character before `end` but line breaks made a space of
/// the same length in bytes.
fn blank_before(text: &str, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text[..end].chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out.push_str(&text[end..]);
    out
}

/// Start of the first line after `at` that begins with a declaration keyword.
fn next_declaration(text: &str, at: usize) -> Option<usize> {
    let mut pos = text[at.min(text.len())..].find('\n')? + at + 1;
    while pos < text.len() {
        let line = &text[pos..];
        let starts = |k: &&str| {
            line.strip_prefix(*k)
                .is_some_and(|rest| rest.starts_with([' ', '\t']))
        };
        if DECLARATION_STARTS.iter().any(starts) {
            return Some(pos);
        }
        pos += line.find('\n')? + 1;
    }
    None
}

/// Parses a condition on its own (for tests and `eucdm explain`).
#[allow(clippy::result_large_err)]
pub fn parse_condition(text: &str, file: FileId) -> Result<Condition, Diagnostic> {
    nesting::check(text, file)?;
    let mut pairs = parse_rule(Rule::condition, text).map_err(|e| syntax_error(e, file, text))?;
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
        Rule::context_message => "a message of the movement such as `CC015C:`",
        Rule::statement | Rule::presence_statement | Rule::must_statement | Rule::if_statement | Rule::targets | Rule::target => {
            "a statement (`<element> mandatory|optional|forbidden ...`, `<element> must ...` or `if ... then ... end`)"
        }
        Rule::outcome | Rule::mandatory | Rule::optional | Rule::forbidden => "`mandatory`, `optional` or `forbidden`",
        Rule::reference | Rule::dotted_path | Rule::de_number | Rule::xpath | Rule::relative_path | Rule::wildcard | Rule::ident => {
            "a data element (`19 03`, `Consignment.grossMass`)"
        }
        Rule::condition | Rule::disjunction | Rule::conjunction | Rule::negated | Rule::predicate | Rule::quantified | Rule::subject => {
            "a condition"
        }
        Rule::regex_pattern | Rule::regex_kw | Rule::regex_test => "`regex '<pattern>'`",
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
        Rule::max_fn => "`max(<data item>)`",
        Rule::trim_fn | Rule::trim_kw => "`trim(<data item>)`",
        Rule::raw_fn | Rule::raw_kw => "`raw(<data item>)`",
        Rule::number_fn | Rule::number_kw => "`number(<data item>)`",
        Rule::integer_fn | Rule::integer_kw | Rule::integer_default => {
            "`integer(<data item>, <default>)`"
        }
        Rule::complete_statement | Rule::complete_kw => "`complete as in <message type>`",
        Rule::unchanged | Rule::unchanged_kw => "`unchanged from <message type>`",
        Rule::except | Rule::except_kw => "`except <data element>, ...`",
        Rule::arithmetic => "a value",
        Rule::arith_op => "`+`, `-` or `*`",
        Rule::shape => "`eori`, `iso6346`, `mrn` or `grn`",
        Rule::integer => "a whole number",
        Rule::error_number => "an error number",
        Rule::cited_id => "a rule id (`C584`, `TR0518`)",
        Rule::scope => "`for each <data group>`",
        Rule::in_message_statement => "`in message <message type> ... end`",
        Rule::rule_meta
        | Rule::applies_to
        | Rule::in_force
        | Rule::disables
        | Rule::partial_meta
        | Rule::error_meta => {
            "`applies to`, `in force`, `disables`, `partial`, `error`"
        }
        Rule::quantifier | Rule::any_q | Rule::all_q | Rule::none_q => "`any`, `all` or `none`",
        _ => return None,
    })
}

/// Turns a pest error into a diagnostic in the words of the rule language.
///
/// pest is asked for the tokens it tried at the farthest position it reached
/// ([`pest::set_error_detail`]): keywords and punctuation are named as written
/// (`then`, `>`), lexical rules by what they stand for ("a code list id such as
/// `CL231`"). When the farthest position lies inside a word that is a keyword
/// where a name was tried (`condition` after an `if` without `end`), the text
/// up to that word is parsed again so that the tokens expected *before* it are
/// named. A keyword expected after the end of a line is pointed at the end of
/// that line, where it is missing, as rustc does for a missing `;`.
fn syntax_error(e: pest::error::Error<Rule>, file: FileId, text: &str) -> Diagnostic {
    let mut e = e;
    let mut at = match e.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
    };
    let mut expected = Expected::default();
    if let Some(a) = Attempts::of(&e) {
        at = a.max_position.min(text.len());
        let word_start = text[..at]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |p| p + 1);
        let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let inside_atomic_rule = !a.expected.iter().any(|t| t == " ")
            || (!a.deepest.is_empty()
                && a.deepest
                    .iter()
                    .all(|r| LEXICAL.contains(r) || *r == Rule::shape));
        let mid_word = word_start < at
            && (inside_atomic_rule
                || (word_char(text[..at].chars().next_back())
                    && word_char(text[at..].chars().next())));
        if mid_word {
            // The farthest position is inside a word: a keyword where a name
            // was tried (`condition` after an `if` without `end`), a misspelt
            // keyword (`matches`), a malformed id or date (`CL23`). Ask what
            // was expected where the word starts.
            at = word_start;
            // A NUL continues nothing: pest stops there having tried everything.
            let prefix = format!("{}\0", &text[..word_start]);
            if let Err(again) = parse_rule(Rule::file, &prefix) {
                if Attempts::of(&again).is_some_and(|b| b.max_position == word_start) {
                    e = again;
                }
            }
        }
        if let Some(a) = Attempts::of(&e) {
            expected.collect(&a);
        }
    }
    if expected.is_empty() {
        if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
            for r in positives {
                if let Some(d) = describe(r) {
                    expected.push_description(d);
                }
            }
        }
    }
    // The unexpected token starts after any whitespace.
    let at = at + (text[at..].len() - text[at..].trim_start().len());
    if let Some(quote) = unterminated_string(text).filter(|&q| q <= at) {
        return unterminated_string_error(text, quote, file);
    }
    if let Some((start, word, keyword)) = misspelt_keyword_before(text, at) {
        return Diagnostic::error(
            Span {
                file,
                start,
                end: start + word.len(),
            },
            format!("syntax error: unexpected `{word}`"),
            "not a word of the rule language",
        )
        .with_help(format!("did you mean `{keyword}`?"));
    }
    let found = found_token(text, at);
    let found_text = found.map_or_else(|| "end of file".to_string(), |f| format!("`{f}`"));

    // `B mandatory A = 'x'`: the condition was written without `if`.
    if let Some(f) = found {
        let tests = ["=", "!=", "<", "<=", ">", ">=", "in", "is", "not"];
        if tests.contains(&f) && expected.keywords.contains(&"mandatory") {
            let subject_start = previous_word_start(text, at);
            let span = Span {
                file,
                start: subject_start,
                end: at + f.len(),
            };
            let subject = text[subject_start..at].trim_end();
            return Diagnostic::error(
                span,
                "syntax error: expected `if` before the condition",
                "this reads as a condition, but no `if` precedes it",
            )
            .with_help(format!(
                "write `... mandatory if {subject} {f} ...` (an outcome, then `if`, then the condition)"
            ));
        }
    }

    let (primary, secondary) = expected.split();
    let message = match primary.as_slice() {
        [] => format!("syntax error: unexpected {found_text}"),
        [one] => format!("syntax error: expected {one}, found {found_text}"),
        many if many.iter().filter(|m| m.starts_with('`')).count() > 1 => format!(
            "syntax error: expected one of {}, found {found_text}",
            join_or(many)
        ),
        many => format!(
            "syntax error: expected {}, found {found_text}",
            join_or(many)
        ),
    };
    // Where the expected token goes: right after the previous word when the
    // unexpected one starts a later line (a missing `then`, `end`, `>`).
    let prev_end = text[..at].trim_end().len();
    // Only for what closes or continues the line before: a missing statement
    // or declaration is shown where the unexpected word is.
    let closes = expected
        .keywords
        .iter()
        .any(|k| ["then", "end", ">", ")", ",", "and", "or"].contains(k))
        || primary.iter().all(|p| p.starts_with('`'));
    let on_later_line = (text[prev_end..at].contains('\n') && closes) || found.is_none();
    let (span, label) = if on_later_line && prev_end > 0 && !primary.is_empty() {
        let label = match primary.as_slice() {
            [one] => format!("expected {one} after this"),
            [a, b] => format!("expected {a} or {b} after this"),
            _ => "expected one of these after this".to_string(),
        };
        let last = text[..prev_end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        (
            Span {
                file,
                start: prev_end - last,
                end: prev_end,
            },
            label,
        )
    } else {
        let len = found.map_or(1, str::len);
        let label = match found {
            Some(_) => "unexpected here".to_string(),
            None => "unexpected end of file".to_string(),
        };
        (
            Span {
                file,
                start: at,
                end: (at + len).min(text.len().max(at)),
            },
            label,
        )
    };
    let mut d = Diagnostic::error(span, message, label);
    if on_later_line && prev_end > 0 && !primary.is_empty() {
        let (line, col) = line_col(text, at);
        d = d.with_note(match found {
            Some(f) => format!("found `{f}` at {line}:{col}"),
            None => "found the end of the file".to_string(),
        });
    }
    if !secondary.is_empty() {
        d = d.with_note(format!(
            "{} could also continue what comes before",
            join_or(&secondary)
        ));
    }
    if let Some(f) = found {
        let keywords: Vec<&str> = expected
            .suggestable
            .iter()
            .copied()
            .filter(|k| k.chars().all(|c| c.is_ascii_alphabetic()))
            .collect();
        if ["mandatory", "forbidden", "optional"].contains(&f) && !keywords.contains(&f) {
            d = d.with_help("an outcome follows its target: `19 03 mandatory if 11 07 in <1,2,3>`");
        } else if let Some(s) =
            suggest(f, keywords.iter().copied()).filter(|s| *s != f && f.len() >= 3)
        {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
    }
    d
}

/// The first quote that opens a string not closed on its line (strings never
/// span lines), outside comments.
fn unterminated_string(text: &str) -> Option<usize> {
    let mut rest = text.char_indices();
    while let Some((i, c)) = rest.next() {
        match c {
            '/' if text[i..].starts_with("//") => {
                rest.find(|&(_, c)| c == '\n');
            }
            '"' | '\'' => {
                // Closed on its line, or open to the end of the line or file.
                let closed = rest.find(|&(_, d)| d == c || d == '\n');
                if !matches!(closed, Some((_, d)) if d == c) {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn unterminated_string_error(text: &str, quote: usize, file: FileId) -> Diagnostic {
    let q = &text[quote..quote + 1];
    let (line, col) = line_col(text, quote);
    Diagnostic::error(
        Span {
            file,
            start: quote,
            end: quote + 1,
        },
        "syntax error: unterminated string",
        format!("this `{q}` opens a string that the line does not close"),
    )
    .with_note(format!(
        "the string opened at {line}:{col} runs to the end of the line; a string cannot span lines"
    ))
    .with_help(format!("close it with `{q}`"))
}

/// A word just before `at` that is not a word of the language but is close to
/// one expected where it stands (`iff` where `if` is expected): the parser took
/// it for a name and stumbled on the word after it. Only when writing the
/// keyword instead lets the parse get past `at`. Returns the word's start, the
/// word, and the keyword.
fn misspelt_keyword_before(text: &str, at: usize) -> Option<(usize, &str, &'static str)> {
    let end = text[..at].trim_end().len();
    let start = text[..end]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let word = &text[start..end];
    let identifier_like = word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && !text[..start].ends_with(['.', '/', '*'])
        && !KEYWORDS.contains(&word);
    if !identifier_like {
        return None;
    }
    // What was expected where the word starts (a NUL continues nothing).
    let before = parse_rule(Rule::file, &format!("{}\0", &text[..start])).err()?;
    let attempts = Attempts::of(&before).filter(|a| a.max_position == start)?;
    let expected = KEYWORDS
        .iter()
        .copied()
        .filter(|k| attempts.expected.iter().any(|t| t == k));
    let keyword = suggest(word, expected).filter(|k| *k != word)?;
    let fixed = format!("{}{keyword}{}", &text[..start], &text[end..]);
    let reach = match RulesParser::parse(Rule::file, &fixed) {
        Ok(_) => return Some((start, word, keyword)),
        Err(e) => match e.location {
            InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
        },
    };
    (reach + word.len() > at + keyword.len()).then_some((start, word, keyword))
}

/// Punctuation of the language (tokens inside numbers, dates, paths and
/// strings are not listed: the word is then described as a whole).
const PUNCTUATION: &[&str] = &["<=", ">=", "!=", "=", "<", ">", "(", ")", ","];

/// What pest tried at the farthest position it reached (its own types for
/// this are not exported, so the tokens are kept as text).
struct Attempts {
    max_position: usize,
    expected: Vec<String>,
    /// The innermost rule of each call stack that failed there.
    deepest: Vec<Rule>,
}

impl Attempts {
    fn of(e: &pest::error::Error<Rule>) -> Option<Attempts> {
        let a = e.parse_attempts()?;
        Some(Attempts {
            max_position: a.max_position,
            expected: a
                .expected_tokens()
                .iter()
                .map(ToString::to_string)
                .collect(),
            deepest: a
                .call_stacks()
                .iter()
                .filter_map(|s| s.deepest.get_rule().copied())
                .collect(),
        })
    }
}

/// What the parser expected at the error position, in the rule language.
#[derive(Default)]
struct Expected {
    keywords: Vec<&'static str>,
    descriptions: Vec<&'static str>,
    /// A declaration was expected (then `not` starts `not expressible`).
    declaration: bool,
    /// Every keyword expected, for a did-you-mean.
    suggestable: Vec<&'static str>,
}

impl Expected {
    fn collect(&mut self, a: &Attempts) {
        for token in &a.expected {
            if let Some(k) = KEYWORDS.iter().chain(PUNCTUATION).find(|k| *k == token) {
                self.keywords.push(k);
            }
        }
        // pest may report a rule with many alternatives by its tokens only:
        // `<` and the `CL` of a code list id are a set.
        if a.expected.iter().any(|t| t == "CL") {
            if self.keywords.contains(&"<") {
                self.keywords.retain(|k| *k != "<");
                self.push_description(covering(Rule::set).map_or("", |c| c.0));
            } else if let Some(d) = describe(&Rule::codelist_id) {
                self.push_description(d);
            }
        }
        self.declaration = a.deepest.contains(&Rule::file);
        for rule in &a.deepest {
            if let Some((d, covered)) = covering(*rule) {
                // Its description names the words it starts with.
                self.push_description(d);
                self.keywords.retain(|k| !covered.contains(k));
            } else if LEXICAL.contains(rule) {
                if let Some(d) = describe(rule) {
                    self.push_description(d);
                }
            }
        }
        let order = |k: &&str| {
            KEYWORDS
                .iter()
                .chain(PUNCTUATION)
                .position(|x| x == k)
                .unwrap_or(usize::MAX)
        };
        self.keywords.sort_by_key(order);
        self.keywords.dedup();
        self.suggestable = self.keywords.clone();
        // Long alternatives are named by what they start.
        if self.keywords.contains(&"if") && self.keywords.contains(&"for") {
            // `in` starts `in message` here, unless it may start `in force` too
            // (after a rule's heading), which is named as such.
            let meta = self.keywords.contains(&"applies");
            self.keywords
                .retain(|k| !["if", "for", "at", "complete"].contains(k) && (meta || *k != "in"));
            self.descriptions
                .retain(|d| !d.starts_with("a data element"));
            self.push_description("a statement");
        }
        let declarations = [
            "condition",
            "rule",
            "guideline",
            "transitional",
            "advice",
            "codelist",
            "external",
        ];
        if self.declaration && declarations.iter().all(|k| self.keywords.contains(k)) {
            self.keywords
                .retain(|k| !declarations.contains(k) && *k != "not" && *k != "extends");
            self.push_description(
                "a declaration (`condition`, `rule`, `transitional`, `codelist`, `advice`, ...)",
            );
        }
    }

    fn push_description(&mut self, d: &'static str) {
        if !self.descriptions.contains(&d) {
            self.descriptions.push(d);
        }
    }

    fn is_empty(&self) -> bool {
        self.keywords.is_empty() && self.descriptions.is_empty()
    }

    /// Items to name in the message, and connectives (`and`, `or`, `,`) that
    /// would only continue what came before, for a note.
    fn split(&self) -> (Vec<String>, Vec<String>) {
        let connective = |k: &&&str| ["and", "or", ","].contains(*k);
        let quoted = |k: &&str| match *k {
            "at" => "`at least one of`".to_string(),
            "applies" => "`applies to`".to_string(),
            "in" if self.keywords.contains(&"applies") => "`in force`".to_string(),
            "not" if self.declaration => "`not expressible`".to_string(),
            _ => format!("`{k}`"),
        };
        let comparisons = ["<=", ">=", "!=", "=", "<", ">"];
        let several_comparisons = self
            .keywords
            .iter()
            .filter(|k| comparisons.contains(k))
            .count()
            > 2;
        let mut primary: Vec<String> = self
            .keywords
            .iter()
            .filter(|k| !connective(k))
            .filter(|k| !(several_comparisons && comparisons.contains(k)))
            .map(&quoted)
            .collect();
        if several_comparisons {
            primary.push("a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`)".to_string());
        }
        primary.extend(self.descriptions.iter().map(|d| d.to_string()));
        let mut secondary: Vec<String> = self
            .keywords
            .iter()
            .filter(connective)
            .map(quoted)
            .collect();
        if primary.is_empty() {
            primary = std::mem::take(&mut secondary);
        }
        (primary, secondary)
    }
}

/// Rules that stand for one word of the text (a name, a number, a date): when
/// one of them is expected, it is described, not spelt out character by character.
const LEXICAL: &[Rule] = &[
    Rule::rule_id,
    Rule::codelist_id,
    Rule::message_id,
    Rule::reference,
    Rule::de_number,
    Rule::xpath,
    Rule::relative_path,
    Rule::wildcard,
    Rule::dotted_path,
    Rule::ident,
    Rule::string,
    Rule::number,
    Rule::date,
    Rule::integer,
    Rule::format,
    Rule::set_member,
    Rule::literal,
];

/// Rules whose description says more than the keywords they start with (pest
/// reports them as a whole when many of their alternatives fail): the
/// description, and the keywords it covers.
fn covering(rule: Rule) -> Option<(&'static str, &'static [&'static str])> {
    const SET: &str = "a set (`<1,2,3>` or a code list such as `CL231`)";
    const COMPARISONS: [&str; 6] = ["<=", ">=", "!=", "=", "<", ">"];
    Some(match rule {
        Rule::operand | Rule::subject | Rule::function => (
            "a value (`'A'`, `0`, `2025-01-21`), a data element or `count(...)`, `sum(...)`, `max(...)`, `first N characters of ...`, `character N of ...`, `concat(...)`, `trim(...)`, `raw(...)`, `number(...)`, `integer(..., 0)`, `this ...`, `iteration`",
            &["count", "sum", "max", "first", "character", "concat", "trim", "raw", "number", "integer", "this", "iteration"],
        ),
        Rule::set | Rule::membership_test | Rule::membership_check => {
            (SET, &["<"])
        }
        Rule::block => ("a statement", &["if", "for", "at", "in", "complete"]),
        Rule::check => (
            "a check (`= 'x'`, `be in <..>`, `be unique`, `match an..35`, `satisfy (...)`, ...)",
            &["be", "not", "match", "satisfy", "<=", ">=", "!=", "=", "<", ">"],
        ),
        Rule::predicate_tail => (
            "a test (`= 'x'`, `in <a,b>`, `in CL231`, `is present`, `is absent`)",
            &["is", "not", "in", "<=", ">=", "!=", "=", "<", ">"],
        ),
        Rule::shape | Rule::format => (
            "a format such as `an..35` or `n..16,6`, or `eori`, `iso6346`, `mrn`, `grn`",
            &["eori", "iso6346", "mrn", "grn"],
        ),
        Rule::comparison_op => ("a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`)", &COMPARISONS),
        _ => return None,
    })
}

/// The token at `at`, as a reader would delimit it.
fn found_token(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at.min(text.len())..];
    let first = rest.chars().next()?;
    let len = if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | ':')))
            .unwrap_or(rest.len())
    } else if first == '\'' || first == '"' {
        rest[1..].find([first, '\n']).map_or(rest.len(), |p| {
            p + 1 + usize::from(rest[1 + p..].starts_with(first))
        })
    } else if ["<=", ">=", "!=", "**"].iter().any(|p| rest.starts_with(p)) {
        2
    } else {
        first.len_utf8()
    };
    Some(&rest[..len])
}

/// Start of the word before `at` (an EUCDM number `11 07` counts as one word).
fn previous_word_start(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    let mut start = before
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |p| p + 1);
    // `11 07 000 000`: groups of digits separated by single spaces.
    while start >= 3 && before[..start].ends_with(' ') {
        let prev = &before[..start - 1];
        let group_start = prev.rfind(' ').map_or(0, |p| p + 1);
        let group = &prev[group_start..];
        if !group.is_empty() && group.len() <= 3 && group.bytes().all(|b| b.is_ascii_digit()) {
            start = group_start;
        } else {
            break;
        }
    }
    start
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |p| p + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
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

    /// `regex '...'`: the pattern's text, spanning the inside of the quotes
    /// (so that a fault in it is pointed at its character).
    fn pattern(&self, p: Pair<'_, Rule>) -> Name {
        let string = p
            .into_inner()
            .find(|c| c.as_rule() == Rule::string)
            .unwrap();
        self.name(string.into_inner().next().unwrap())
    }

    /// A string's text: its opening quote, doubled inside it, is one quote.
    fn string(&self, p: Pair<'_, Rule>) -> String {
        let Some(inner) = p.into_inner().next() else {
            return String::new();
        };
        match inner.as_rule() {
            Rule::single_inner => inner.as_str().replace("''", "'"),
            _ => inner.as_str().replace("\"\"", "\""),
        }
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
            subset_of: Vec::new(),
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
                            d.subset_of.push(self.name(f.into_inner().next().unwrap()))
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
            error: None,
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
                Rule::error_meta => r.error = Some(Box::new(error_number(c))),
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
            Rule::in_message_statement => {
                let mut messages = vec![];
                let mut body = vec![];
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::message_id => messages.push(self.name(c)),
                        _ => body = self.block(c),
                    }
                }
                Statement::InMessage {
                    messages,
                    body,
                    span,
                }
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
            Rule::complete_statement => Statement::Complete {
                message: self.name(p.into_inner().nth(1).unwrap()),
                span,
            },
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
                    Rule::regex_pattern => Check::Regex(self.pattern(f)),
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
            Rule::unchanged => self.unchanged(p),
            r => unreachable!("condition {r:?}"),
        }
    }

    /// `A, B unchanged from CC015C except C`. Its own function: `condition`
    /// recurses once per parenthesis, so its frame is kept small.
    fn unchanged(&self, p: Pair<'_, Rule>) -> Condition {
        let span = self.span(&p);
        let mut elements = vec![];
        let mut message = None;
        let mut except = vec![];
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::reference => elements.push(self.reference(c)),
                Rule::message_id => message = Some(self.name(c)),
                Rule::except => {
                    except = (c.into_inner().skip(1))
                        .map(|r| self.reference(r))
                        .collect()
                }
                _ => {}
            }
        }
        Condition::Unchanged {
            elements,
            message: message.expect("the grammar requires a message"),
            except,
            span,
        }
    }

    fn test(&self, p: Pair<'_, Rule>) -> Test {
        match p.as_rule() {
            Rule::presence_test => {
                let present = p.into_inner().next().unwrap().as_rule() == Rule::present;
                Test::Present(present)
            }
            Rule::sequential_test => {
                let from = p.into_inner().next().unwrap().as_str();
                Test::Sequential(from.parse().unwrap_or(i64::MAX))
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
            Rule::regex_test => Test::Regex(self.pattern(p.into_inner().next().unwrap())),
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
            Rule::function => self.function(inner, span),
            Rule::arithmetic => self.arithmetic(inner),
            r => unreachable!("operand {r:?}"),
        }
    }

    /// `count(...)`, `sum(...)`, `max(...)`, `first N characters of ...`, ...
    fn function(&self, p: Pair<'_, Rule>, span: Span) -> Operand {
        let f = p.into_inner().next().unwrap();
        match f.as_rule() {
            Rule::first_chars => {
                let mut it = f.into_inner();
                let n = it.next().unwrap().as_str().parse().unwrap_or(u32::MAX);
                Operand::FirstChars(n, Box::new(self.text_arg(it.next().unwrap())), span)
            }
            Rule::nth_char => {
                let mut it = f.into_inner();
                let n = it.next().unwrap().as_str().parse().unwrap_or(u32::MAX);
                Operand::Character(n, Box::new(self.text_arg(it.next().unwrap())), span)
            }
            Rule::concat_fn => Operand::Concat(
                f.into_inner().map(|part| self.operand(part)).collect(),
                span,
            ),
            Rule::count_fn => {
                let mut it = f.into_inner().peekable();
                if it.peek().map(|p| p.as_rule()) == Some(Rule::count_distinct) {
                    let of = it.next().unwrap().into_inner().nth(1).unwrap();
                    let of = match of.as_rule() {
                        Rule::children_of => {
                            Distinct::Children(self.reference(of.into_inner().next().unwrap()))
                        }
                        _ => Distinct::Values(Box::new(self.text_arg(of))),
                    };
                    return Operand::CountDistinct(of, span);
                }
                if it.peek().map(|p| p.as_rule()) == Some(Rule::count_where) {
                    let mut w = it.next().unwrap().into_inner();
                    let reference = self.reference(w.next().unwrap());
                    let tail = w.next().unwrap();
                    let body = match tail.as_rule() {
                        Rule::satisfies => QuantifiedBody::Satisfies(Box::new(
                            self.condition(tail.into_inner().next().unwrap()),
                        )),
                        _ => QuantifiedBody::Test(self.test(tail)),
                    };
                    return Operand::CountWhere(reference, Box::new(body), span);
                }
                Operand::Count(it.map(|r| self.reference(r)).collect(), span)
            }
            Rule::iteration_fn => Operand::Iteration(span),
            Rule::trim_fn => {
                let arg = f
                    .into_inner()
                    .nth(1)
                    .expect("the grammar requires an argument");
                Operand::Trim(Box::new(self.text_arg(arg)), span)
            }
            Rule::raw_fn => self.raw(f, span),
            Rule::number_fn => {
                let arg = f
                    .into_inner()
                    .nth(1)
                    .expect("the grammar requires an argument");
                Operand::NumberOf(Box::new(self.text_arg(arg)), span)
            }
            Rule::integer_fn => {
                let mut it = f.into_inner().skip(1);
                let arg = it.next().expect("the grammar requires an argument");
                let default = it.next().expect("the grammar requires a default");
                // At most nine digits: always an `int`.
                let default = default.as_str().parse().expect("nine digits fit");
                Operand::IntegerOf(Box::new(self.text_arg(arg)), default, span)
            }
            Rule::max_fn => Operand::Max(self.reference(f.into_inner().next().unwrap()), span),
            _ => {
                let arg = f.into_inner().next().unwrap();
                match arg.as_rule() {
                    Rule::sum_numbers => {
                        let r = arg
                            .into_inner()
                            .nth(1)
                            .expect("the grammar requires a reference");
                        Operand::SumNumbers(self.reference(r), span)
                    }
                    _ => Operand::Sum(self.reference(arg), span),
                }
            }
        }
    }

    /// `A + B * C - D`: the products first (each folded from the left), then
    /// the sums and differences of them, folded from the left.
    fn arithmetic(&self, p: Pair<'_, Rule>) -> Operand {
        let mut it = p.into_inner();
        let mut acc = self.term(it.next().unwrap());
        let mut product = None::<(Operand, ArithOp)>;
        while let (Some(op), Some(t)) = (it.next(), it.next()) {
            let rhs = self.term(t);
            match op.as_str() {
                "*" => acc = Self::arith(acc, ArithOp::Times, rhs),
                sign => {
                    let op = if sign == "+" {
                        ArithOp::Plus
                    } else {
                        ArithOp::Minus
                    };
                    let done = match product.take() {
                        Some((sum, prev)) => Self::arith(sum, prev, acc),
                        None => acc,
                    };
                    product = Some((done, op));
                    acc = rhs;
                }
            }
        }
        match product {
            Some((sum, op)) => Self::arith(sum, op, acc),
            None => acc,
        }
    }

    /// `a op b`, spanning both.
    fn arith(a: Operand, op: ArithOp, b: Operand) -> Operand {
        let span = Span {
            start: a.span().start,
            ..b.span()
        };
        Operand::Arith(Box::new(a), op, Box::new(b), span)
    }

    /// One number of an arithmetic: the grammar's `arith_term` is silent, so
    /// the pair is the term itself.
    fn term(&self, p: Pair<'_, Rule>) -> Operand {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::reference => Operand::Ref(self.reference(p)),
            Rule::this_ref => self.this_ref(p),
            Rule::number => Operand::Literal(Literal::Number(p.as_str().to_string()), span),
            // a function: wrap it as the operand it is elsewhere
            _ => self.function(p, span),
        }
    }

    /// What a text function takes: a data item, `this` one, `raw(...)` or
    /// `trim(...)`.
    fn text_arg(&self, p: Pair<'_, Rule>) -> Operand {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::reference => Operand::Ref(self.reference(p)),
            Rule::this_ref => self.this_ref(p),
            Rule::raw_fn => self.raw(p, span),
            _ => {
                let arg = p
                    .into_inner()
                    .nth(1)
                    .expect("the grammar requires an argument");
                Operand::Trim(Box::new(self.text_arg(arg)), span)
            }
        }
    }

    /// `raw(X)`, `raw(this X)`
    fn raw(&self, p: Pair<'_, Rule>, span: Span) -> Operand {
        let arg = p
            .into_inner()
            .nth(1)
            .expect("the grammar requires an argument");
        Operand::Raw(Box::new(self.text_arg(arg)), span)
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
        let mut parts = p.into_inner();
        let mut inner = parts.next().unwrap();
        let mut message = None;
        if inner.as_rule() == Rule::context_message {
            let id = inner.clone().into_inner().next().unwrap();
            message = Some(Box::new(ContextMessage {
                id: id.as_str().to_string(),
                span: self.span(&id),
            }));
            inner = parts.next().unwrap();
        }
        let span = self.span(&inner);
        let text = inner.as_str().to_string();
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
            Rule::relative_path => {
                // `.` is the context itself: no level up, no name.
                let (up, down): (Vec<&str>, Vec<&str>) = (inner.as_str().split('/'))
                    .filter(|s| *s != ".")
                    .partition(|s| *s == "..");
                ReferenceKind::Relative {
                    levels: up.len().try_into().unwrap_or(u16::MAX),
                    parts: down.into_iter().map(str::to_string).collect(),
                }
            }
            _ => ReferenceKind::Path(inner.as_str().split('.').map(str::to_string).collect()),
        };
        Reference {
            kind,
            text,
            span,
            message,
        }
    }
}

/// `error 8623 cites C584` (four digits at most: the grammar keeps it a u16).
fn error_number(p: Pair<'_, Rule>) -> ErrorNumber {
    let mut it = p.into_inner();
    let number = it.next().unwrap().as_str().parse().unwrap();
    ErrorNumber {
        number,
        cites: it.next().map(|c| c.as_str().to_string()),
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
