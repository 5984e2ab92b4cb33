//! Abstract syntax of `.rules` files, as written (names not yet resolved).

use crate::diagnostics::Span;
pub use crate::lang::{ArithOp, CompareOp, Outcome, Quantifier, RuleKind, Unchecked};

#[derive(Debug, Clone)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Declaration {
    /// `extends "../ncts-p5"`: the folder of the rule set this one adds to.
    Extends(Name),
    CodeList(CodeListDecl),
    External(ExternalDecl),
    Rule(RuleDecl),
    Record(RecordDecl),
}

/// A rule recorded without checks.
#[derive(Debug, Clone)]
pub struct RecordDecl {
    pub id: Name,
    pub title: String,
    pub unchecked: Unchecked,
    pub span: Span,
}

/// `codelist CL231 "DeclarationType" partial subset of CL017 = "CL231.csv"`
#[derive(Debug, Clone)]
pub struct CodeListDecl {
    pub id: Name,
    pub title: Option<String>,
    pub partial: bool,
    /// `subset of CL380 subset of CL213`: the lists it is declared a subset of.
    pub subset_of: Vec<Name>,
    pub source: Option<CodeListSource>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum CodeListSource {
    /// A CSV file, relative to the code-list folder.
    File(Name),
    /// `<0,1,2,4,9>` written in the rule file.
    Inline(Vec<Name>),
}

/// `external eos "identifier registered in the EU Economic Operator System"`
#[derive(Debug, Clone)]
pub struct ExternalDecl {
    pub name: Name,
    pub description: String,
}

/// A rule's own error number (`error 8623 cites C584`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorNumber {
    pub number: u16,
    /// The rule id the error's text cites, reported as the reason.
    pub cites: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RuleDecl {
    pub kind: RuleKind,
    pub id: Name,
    pub title: Option<String>,
    pub applies_to: Vec<Name>,
    pub in_force_from: Option<String>,
    pub in_force_until: Option<String>,
    /// `disables C0710, R0601`: rules not applied while this one is in force.
    pub disables: Vec<Name>,
    /// `partial "..."`: what of the rule's text the encoding does not check.
    pub partial: Option<String>,
    /// `error 8623 cites C584`: the number and reason its violations report
    /// (boxed: most rules have none, and a declaration stays small).
    pub error: Option<Box<ErrorNumber>>,
    pub scope: Option<Reference>,
    pub body: Vec<Statement>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Statement {
    If {
        arms: Vec<(Condition, Vec<Statement>)>,
        otherwise: Vec<Statement>,
        span: Span,
    },
    /// `targets outcome [if condition [else outcome]]`
    Presence {
        targets: Vec<Target>,
        outcome: Outcome,
        condition: Option<(Condition, Option<Outcome>)>,
        span: Span,
    },
    /// `for each <group> ... end`
    ForEach {
        group: Reference,
        body: Vec<Statement>,
        span: Span,
    },
    /// `in message CC007C, CC044C ... end`: statements for those message types only.
    InMessage {
        messages: Vec<Name>,
        body: Vec<Statement>,
        span: Span,
    },
    /// `subject must check`
    Must {
        subject: Reference,
        check: Check,
        span: Span,
    },
    /// `complete as in CC015C`: what that message's model marks R inside the
    /// context is present.
    Complete { message: Name, span: Span },
}

#[derive(Debug, Clone)]
pub struct Target {
    /// "at least one iteration of": one instance suffices.
    pub at_least_one: bool,
    pub reference: Reference,
}

#[derive(Debug, Clone)]
pub enum Check {
    Unique {
        throughout: bool,
    },
    /// `must not all be equal`: at least one instance differs from the others.
    NotAllEqual,
    Sequential {
        from: i64,
        throughout: bool,
    },
    Format(Name),
    /// `match an..3 followed by n..4 followed by optional a1`: (optional, format).
    Sequence(Vec<(bool, Name)>),
    Shape(Name),
    /// `match regex '...'`: the pattern as written (the span is its text, inside the quotes).
    Regex(Name),
    Satisfy(Condition),
    In {
        negated: bool,
        set: SetExpr,
    },
    Compare(CompareOp, Operand),
}

#[derive(Debug, Clone)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Quantified {
        quantifier: Quantifier,
        /// `any other G`: the instances of G beside the one holding the context.
        others: bool,
        reference: Reference,
        body: QuantifiedBody,
        span: Span,
    },
    Predicate {
        subject: Operand,
        test: Test,
        span: Span,
    },
    /// `A, B unchanged from CC015C except C`: no elements means every data
    /// group of the message.
    Unchanged {
        elements: Vec<Reference>,
        message: Name,
        except: Vec<Reference>,
        span: Span,
    },
}

#[derive(Debug, Clone)]
pub enum QuantifiedBody {
    /// `any House satisfies (<condition>)`: the condition is evaluated on each instance.
    Satisfies(Box<Condition>),
    /// `any X.y = 'T2'`: the test applies to each value.
    Test(Test),
}

#[derive(Debug, Clone)]
pub enum Test {
    Present(bool),
    External {
        negated: bool,
        hook: Name,
    },
    In {
        negated: bool,
        set: SetExpr,
    },
    Compare(CompareOp, Operand),
    /// `matches regex '...'`: the pattern as written, as [`Check::Regex`].
    Regex(Name),
    /// `is sequential from N`: every instance, in order, numbered from N.
    Sequential(i64),
}

#[derive(Debug, Clone)]
pub enum SetExpr {
    Literal(Vec<Name>),
    CodeList(Name),
}

#[derive(Debug, Clone)]
pub enum Operand {
    Ref(Reference),
    Literal(Literal, Span),
    /// `first N characters of X` (X a data item, `this` one or `trim(...)`).
    FirstChars(u32, Box<Operand>, Span),
    /// `character N of X`: the N-th character (1-based).
    Character(u32, Box<Operand>, Span),
    /// `trim(X)`: the text without the characters up to U+0020 at either end.
    Trim(Box<Operand>, Span),
    /// `raw(X)`: X's text as sent, before its type's `whiteSpace` facet (X a
    /// data item or `this` one).
    Raw(Box<Operand>, Span),
    /// `number(X)`: X as a number, "not a number" when absent or not numeric.
    NumberOf(Box<Operand>, Span),
    /// `integer(X, 0)`: X as Java's `int`, the default when absent or not one.
    IntegerOf(Box<Operand>, i32, Span),
    /// `concat(A, ' ', B)`: the texts of the parts one after the other.
    Concat(Vec<Operand>, Span),
    /// `this X`: X seen from the statement's context, not from a quantifier's instance.
    This(Reference, Span),
    /// `count(A, B, ...)`: instances of all the references together.
    Count(Vec<Reference>, Span),
    /// `count(distinct X)`, `count(distinct trim(X))`: different values;
    /// `count(distinct children of G)`: different numbers of elements.
    CountDistinct(Distinct, Span),
    /// `count(G satisfies (...))`, `count(X in <...>)`: the instances that pass.
    CountWhere(Reference, Box<QuantifiedBody>, Span),
    Sum(Reference, Span),
    /// `sum(number(X))`: NaN when one of the values is not a number.
    SumNumbers(Reference, Span),
    /// `max(X)`: the greatest value of X over its instances.
    Max(Reference, Span),
    /// `iteration`: position of the current `for each` instance.
    Iteration(Span),
    /// `A + B`, `A - B` (left to right: `a - b + c` is `(a - b) + c`).
    Arith(Box<Operand>, ArithOp, Box<Operand>, Span),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Ref(r) => r.span,
            Operand::Literal(_, s)
            | Operand::FirstChars(_, _, s)
            | Operand::Character(_, _, s)
            | Operand::Trim(_, s)
            | Operand::Raw(_, s)
            | Operand::NumberOf(_, s)
            | Operand::IntegerOf(_, _, s)
            | Operand::Concat(_, s)
            | Operand::This(_, s)
            | Operand::Count(_, s)
            | Operand::CountWhere(_, _, s)
            | Operand::CountDistinct(_, s)
            | Operand::Iteration(s)
            | Operand::Sum(_, s)
            | Operand::SumNumbers(_, s)
            | Operand::Max(_, s)
            | Operand::Arith(_, _, _, s) => *s,
        }
    }
}

/// What `count(distinct ...)` tells apart.
#[derive(Debug, Clone)]
pub enum Distinct {
    /// The values of a data item, as written, `raw(...)` or `trim(...)`.
    Values(Box<Operand>),
    /// The number of elements each instance of a data group holds.
    Children(Reference),
}

#[derive(Debug, Clone)]
pub enum Literal {
    Text(String),
    Number(String),
    Date(String),
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: ReferenceKind,
    /// As written (without the `CC015C:` of [`Reference::message`]), for messages.
    pub text: String,
    pub span: Span,
    /// `CC015C: TransitOperation.security`: the element is read in another
    /// message of the movement (see `docs/rules.md`, "Other messages of the
    /// movement").
    pub message: Option<Box<ContextMessage>>,
}

/// The `CC015C:` before a reference: the message of the movement it reads.
#[derive(Debug, Clone)]
pub struct ContextMessage {
    pub id: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ReferenceKind {
    /// EUCDM number normalised to four groups (`19 03 000 000`).
    DataElement(String),
    /// Element names from the root (or from the scope, see resolve).
    Path(Vec<String>),
    /// `/CC015C/...` or `/*/...`: message id (None for `*`) and names.
    Absolute(Option<String>, Vec<String>),
    /// `**.name`: every element called `name`.
    Wildcard(String),
    /// `../../HEAHEA/mode`: up `levels` from the context, then down by the names.
    Relative { levels: u16, parts: Vec<String> },
}

impl Statement {
    pub fn span(&self) -> Span {
        match self {
            Statement::If { span, .. }
            | Statement::Presence { span, .. }
            | Statement::ForEach { span, .. }
            | Statement::InMessage { span, .. }
            | Statement::Must { span, .. }
            | Statement::Complete { span, .. } => *span,
        }
    }
}

impl Condition {
    /// The text a condition spans (from its first to its last predicate).
    pub fn span(&self) -> Option<Span> {
        match self {
            Condition::Predicate { span, .. }
            | Condition::Quantified { span, .. }
            | Condition::Unchanged { span, .. } => Some(*span),
            Condition::Not(x) => x.span(),
            Condition::And(v) | Condition::Or(v) => {
                let first = v.first().and_then(Condition::span)?;
                let last = v.last().and_then(Condition::span)?;
                Some(Span {
                    end: last.end,
                    ..first
                })
            }
        }
    }
}

impl SetExpr {
    /// Where each member of a literal set is written, or the code list's id.
    pub fn spans(&self) -> Vec<Span> {
        match self {
            SetExpr::Literal(members) => members.iter().map(|m| m.span).collect(),
            SetExpr::CodeList(id) => vec![id.span],
        }
    }
}
