//! The words of the rule language that the front end (the AST) and the back
//! end (the IR, codegen, the interpreter) share: one definition each, so the
//! passes cannot drift apart and nothing converts one into the other.

/// The kind of a rule, as the DDNTA names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Condition,
    Rule,
    Guideline,
    Transitional,
}

impl RuleKind {
    /// The kind the DDNTA gives an id by its letter: C conditions, R rules,
    /// G guidelines, B and E transitional constraints.
    pub fn of_id(id: &str) -> RuleKind {
        match id.as_bytes().first() {
            Some(b'C') => RuleKind::Condition,
            Some(b'G') => RuleKind::Guideline,
            Some(b'B' | b'E') => RuleKind::Transitional,
            _ => RuleKind::Rule,
        }
    }
}

/// Why a rule of the specification has no checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// Guidance only: the specification gives no technical check.
    Advice,
    /// The language cannot express it yet; the reason says what is missing.
    NotExpressible(String),
}

/// What a condition makes of a data group or item: R, O or N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Mandatory,
    Optional,
    Forbidden,
}

/// `=`, `!=`, `<`, `<=`, `>`, `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// `any`, `all`, `none` of the instances of a repeating group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    Any,
    All,
    None,
}

/// `+`, `-`, `*` between two numbers (`max(...) + 1`; `*` binds tighter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Plus,
    Minus,
    /// HMRC's tolerance of its total gross mass (8686) is a product.
    Times,
}
