//! The words of the rule language, in one place: the syntax errors name and
//! suggest them, and the reserved ones are the grammar's `keyword` rule
//! (`grammar.pest`), which the tests below hold equal to this list.

/// Every word of the language, in the order they are listed when several are
/// expected (the structural ones first).
pub(super) const KEYWORDS: &[&str] = &[
    "then",
    "end",
    "else",
    "if",
    "mandatory",
    "optional",
    "forbidden",
    "must",
    "be",
    "in",
    "is",
    "not",
    "present",
    "absent",
    "valid",
    "unique",
    "sequential",
    "from",
    "match",
    "followed",
    "by",
    "satisfy",
    "satisfies",
    "all",
    "equal",
    "contain",
    "lowercase",
    "letters",
    "throughout",
    "the",
    "declaration",
    "for",
    "each",
    "message",
    "any",
    "none",
    "other",
    "this",
    "at",
    "least",
    "one",
    "of",
    "count",
    "sum",
    "max",
    "first",
    "characters",
    "character",
    "concat",
    "iteration",
    "condition",
    "rule",
    "guideline",
    "transitional",
    "advice",
    "expressible",
    "because",
    "codelist",
    "external",
    "extends",
    "applies",
    "to",
    "force",
    "until",
    "disables",
    "partial",
    "subset",
    "and",
    "or",
    "complete",
    "as",
    "unchanged",
    "except",
    "eori",
    "iso6346",
    "mrn",
    "grn",
    "regex",
    "matches",
    "trim",
    "raw",
    "number",
    "integer",
    "distinct",
    "children",
];

/// The words of [`KEYWORDS`] that are not reserved, so a data element may be
/// called so: each only ever follows another word of the language, where no
/// name can stand (`to` after `applies`, `message` after a statement's `in`, `expressible` after `not` at the start
/// of a declaration, `because` after a record's title, `by` after `followed`,
/// `equal` after `not all be`, the shapes and `regex` after `match`,
/// `matches` after a test's subject, `trim`, `raw`, `number` and `integer` only before `(`,
/// `distinct` after `count(`, `children` after `distinct`, where a name
/// never stands, ...). Every other word
/// is reserved: it may stand where a name may (`advice` and `condition` where
/// a statement could start, `this` and `count` where a value could), and a
/// name never swallows it. (Read by the tests, which compare the reserved
/// words with the grammar.)
#[cfg(test)]
const UNRESERVED: &[&str] = &[
    "by",
    "as",
    "equal",
    "contain",
    "lowercase",
    "letters",
    "the",
    "declaration",
    "characters",
    "expressible",
    "because",
    "to",
    "message",
    "eori",
    "iso6346",
    "mrn",
    "grn",
    "regex",
    "matches",
    "trim",
    "raw",
    "number",
    "integer",
    "distinct",
    "children",
];

/// What a declaration starts with, at the start of a line: where parsing
/// resumes after a syntax error.
pub(super) const DECLARATION_STARTS: &[&str] = &[
    "extends",
    "condition",
    "rule",
    "guideline",
    "transitional",
    "codelist",
    "external",
    "advice",
    "not expressible",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const GRAMMAR: &str = include_str!("grammar.pest");

    /// The grammar without its `//` comments.
    fn grammar_code() -> String {
        GRAMMAR
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The double-quoted literals of a piece of the grammar.
    fn literals(text: &str) -> Vec<&str> {
        text.split('"').skip(1).step_by(2).collect()
    }

    /// The words of the grammar's `keyword` rule.
    fn reserved_in_grammar() -> BTreeSet<String> {
        let code = grammar_code();
        let start = code.find("\nkeyword = @{").expect("a `keyword` rule");
        let body = &code[start..];
        let body = &body[..body.find('}').expect("the rule's end")];
        literals(body).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn reserved_words_are_the_grammars_keyword_rule() {
        let here: BTreeSet<String> = KEYWORDS
            .iter()
            .filter(|k| !UNRESERVED.contains(k))
            .map(|k| k.to_string())
            .collect();
        let grammar = reserved_in_grammar();
        assert_eq!(
            here.difference(&grammar).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "reserved here (KEYWORDS without UNRESERVED), not in grammar.pest's `keyword`"
        );
        assert_eq!(
            grammar.difference(&here).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in grammar.pest's `keyword`, not reserved here"
        );
    }

    #[test]
    fn every_word_of_the_grammar_is_a_keyword() {
        // `a`, `an`, `n`: the letters of a format (`an..35`), named as a format.
        let format_letters = ["a", "an", "n"];
        let code = grammar_code();
        let missing: BTreeSet<&str> = literals(&code)
            .into_iter()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter(|l| !format_letters.contains(l) && !KEYWORDS.contains(l))
            .collect();
        assert!(
            missing.is_empty(),
            "words of grammar.pest not in KEYWORDS: {missing:?}"
        );
    }

    #[test]
    fn lists_are_consistent() {
        for k in UNRESERVED {
            assert!(KEYWORDS.contains(k), "{k} is not in KEYWORDS");
        }
        let mut seen = BTreeSet::new();
        for k in KEYWORDS {
            assert!(seen.insert(k), "{k} twice in KEYWORDS");
        }
        // A declaration starts with a reserved word, so a statement never swallows it.
        for start in DECLARATION_STARTS {
            let first = start.split(' ').next().unwrap();
            assert!(
                KEYWORDS.contains(&first) && !UNRESERVED.contains(&first),
                "{first} starts a declaration but is not reserved"
            );
        }
    }
}
