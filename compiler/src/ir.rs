//! The intermediate representation shared by the code generator and the
//! interpreter: every name resolved to a message-model node, every navigation
//! a relative move (`up` levels, then `down` through child nodes).

use eucdm_runtime::SchemaId;

use crate::codelist::CodeList;
use crate::diagnostics::Span;
pub use crate::lang::{ArithOp, CompareOp, Outcome, Quantifier, RuleKind, Unchecked};
use crate::model::MessageModel;
pub use crate::model::NodeId;

/// A whole compiled rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub name: String,
    pub rules: Vec<RuleMeta>,
    pub codelists: Vec<CodeList>,
    pub externals: Vec<External>,
    pub messages: Vec<MessageIr>,
}

impl RuleSet {
    /// The rule a check applies.
    pub fn rule(&self, id: RuleIndex) -> &RuleMeta {
        &self.rules[id.index()]
    }
}

/// A rule of a rule set: its index in [`RuleSet::rules`] (the rule's own
/// id, `C0001`, is the runtime's `RuleId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleIndex(pub usize);

impl RuleIndex {
    pub fn index(self) -> usize {
        self.0
    }
}

/// What is known about one rule, whether or not it compiled into checks.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: RuleKind,
    pub title: String,
    /// The rule as written, for `eucdm explain`.
    pub source: String,
    /// `file:line`.
    pub location: String,
    pub in_force_from: Option<String>,
    pub in_force_until: Option<String>,
    /// Recorded without checks (`advice`, `not expressible`), and why.
    pub unchecked: Option<Unchecked>,
    /// Ids of rules not applied while this rule is in force (`disables`).
    pub disables: Vec<String>,
    /// `partial "..."`: the checks cover only part of the rule's text; this
    /// says what is not checked. No effect on validation; listed by coverage.
    pub partial: Option<String>,
    /// `error 8623 cites C584`: the code and reason its violations report
    /// instead of NCTS's codes and the rule's id.
    pub error: Option<crate::syntax::ast::ErrorNumber>,
}

impl RuleMeta {
    /// The reason its violations and notes give: the id `error ... cites`
    /// names, else the rule's own.
    pub fn reported_id(&self) -> &str {
        self.error
            .as_ref()
            .and_then(|e| e.cites.as_deref())
            .unwrap_or(&self.id)
    }
}

/// An `external` check: a question a rule asks a registry (EOS, TARIC, ...)
/// through the validator's hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    pub name: String,
    pub description: String,
}

/// An item the model binds to a code list: checked against it when the list
/// is complete, or when reference data given at run time has the list
/// (`eucdm_runtime::refdata`); otherwise not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodelistCheck {
    pub node: NodeId,
    /// Index into [`RuleSet::codelists`].
    pub codelist: usize,
}

/// The checks of one message type.
#[derive(Debug, Clone)]
pub struct MessageIr {
    pub model: MessageModel,
    pub checks: Vec<Check>,
    pub codelist_checks: Vec<CodelistCheck>,
    /// Node of `preparationDateAndTime`, which dates the message.
    pub date_node: Option<NodeId>,
}

/// One rule applied to one message; its body runs with the root as context.
#[derive(Debug, Clone)]
pub struct Check {
    pub rule: RuleIndex,
    pub body: Vec<Stmt>,
}

/// From a context node: go `up` levels, then down through `down` model nodes
/// (as the runtime's schema ids: a model node's index is its schema id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nav {
    pub up: u16,
    pub down: Vec<SchemaId>,
}

impl Nav {
    pub fn here() -> Nav {
        Nav {
            up: 0,
            down: vec![],
        }
    }

    /// The model node it reaches from `from` (through the first instance of
    /// each repeating node on the way down).
    pub fn target(&self, model: &MessageModel, from: NodeId) -> NodeId {
        let mut n = from;
        for _ in 0..self.up {
            n = model.node(n).parent;
        }
        self.down.last().map_or(n, |&d| NodeId::of_schema(d))
    }
}

#[derive(Debug, Clone)]
pub enum Stmt {
    /// First arm whose condition holds runs; an undecided condition stops the chain.
    If {
        arms: Vec<Arm>,
        otherwise: Vec<Stmt>,
        /// Where the first statement of a written `else` is (none for the
        /// `else` of `X mandatory if ... else forbidden`), for the checks.
        else_span: Option<Span>,
    },
    /// Run `body` with each instance reached by `nav` as context.
    ForEach { nav: Nav, body: Vec<Stmt> },
    /// For each instance of the target's parent (reached by `parent`), the
    /// `target` child must be present (R), may be (O), must not be (N).
    Presence {
        parent: Nav,
        target: NodeId,
        outcome: Outcome,
        /// R is satisfied when any one parent instance has the target.
        at_least_one: bool,
        /// The target as written, for the checks.
        span: Span,
    },
    /// For each instance reached by `subject`, `test` (with that instance as
    /// context) must hold; else a rule violation at the instance.
    Assert { subject: Nav, test: Cond },
    /// Within each `outer` instance, the k-th instance of `group` (counted from
    /// `from`) must have `item` equal to k.
    Sequential {
        outer: Nav,
        group: Vec<SchemaId>,
        item: Vec<SchemaId>,
        from: i64,
    },
    /// Within each `outer` instance, the values reached by `down` are unique.
    Unique { outer: Nav, down: Vec<SchemaId> },
    /// The instances reached by `subject` are not all equal (same text, or
    /// for data groups the same content); fewer than two are never "all equal"
    /// since there are no others to differ from.
    NotAllEqual { subject: Nav },
}

/// One arm of [`Stmt::If`]: `body` runs when `cond` holds.
#[derive(Debug, Clone)]
pub struct Arm {
    pub cond: Cond,
    pub body: Vec<Stmt>,
    /// The condition as written, for the checks.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpType {
    Text,
    Number,
    Date,
    /// Numbers as Java compares doubles, one side read with `number(X)`: a
    /// side with no number is NaN, so every comparison is false but `!=`,
    /// which is true (HMRC's `number(x) != 0` of an absent x).
    Ieee,
}

#[derive(Debug, Clone)]
pub enum Cond {
    Const(bool),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
    /// The body is evaluated with each instance as context.
    ///
    /// `others` (`any other ConsignmentItem satisfies (...)`): the instance that
    /// is the context or contains it is skipped, so the body sees only the
    /// *other* instances. The resolver then makes `nav` go up to the parent of
    /// that repeating group and down into it: the sibling instances in the
    /// same parent instance. With no other instance, `any` is false, `all`
    /// and `none` are true.
    Quantified {
        quantifier: Quantifier,
        nav: Nav,
        body: Box<Cond>,
        others: bool,
    },
    Exists(Nav),
    /// `CC015C: TransitOperation.security in <1,2,3>`: `body` evaluated in
    /// another message of the movement, with its root as context: the last
    /// message of type `message` (index into [`RuleSet::messages`]) in
    /// `Options::movement`, or one with no elements when the movement holds
    /// none (`eucdm_runtime::movement::sent`). Unknown when the validation
    /// is given no movement. `this X` in `body` is read from the context where
    /// the test is entered: the statement's anchor, or inside a quantifier of
    /// the message validated its instance (`all ConsignmentItem satisfies
    /// (none CC015C: ... satisfies (declarationGoodsItemNumber = this
    /// declarationGoodsItemNumber))` compares each item with the other's).
    Context {
        message: usize,
        body: Box<Cond>,
    },
    /// `A unchanged from CC015C`: under the roots of the message validated
    /// and of the last message of type `message` of the movement, each pair
    /// of elements has as many instances on both sides, and the k-th
    /// instances match: a data item's values are the same (numbers by value,
    /// dates as dates: `Alike`), a data group's shared children match. Unknown without a movement, as [`Cond::Context`].
    Unchanged {
        message: usize,
        elements: Vec<Same>,
    },
    /// False when either side has no value; unknown when a date side is not
    /// a real date (`value::cmp_date`).
    Compare {
        lhs: Value,
        op: CompareOp,
        rhs: Value,
        ty: CmpType,
        /// Where the sides are written, for the checks.
        spans: Sides,
    },
    InSet {
        value: Value,
        set: SetRef,
        /// Where the set is written, for the checks: each member of a
        /// literal set, or the code list's id.
        set_spans: Vec<Span>,
    },
    External {
        hook: String,
        value: Value,
    },
    /// `must match an..35`: the format, parsed at compile time.
    Format {
        value: Value,
        format: eucdm_runtime::format::Format,
    },
    Shape {
        value: Value,
        shape: eucdm_runtime::format::Shape,
    },
    /// `must match an..3 followed by n..4 followed by optional a1`: the value
    /// is the parts one after the other (`eucdm_runtime::format::matches_sequence`:
    /// some split gives each part `min..=max` characters of its class — `a`
    /// ASCII letters, `n` ASCII digits, `an` anything — or nothing for an
    /// optional part). Like `Format`, true when the value is absent.
    Sequence {
        value: Value,
        parts: Vec<eucdm_runtime::format::Part>,
    },
    /// `X is sequential from N`: the instances reached, in document order,
    /// have the values N, N+1, ... each read as Java reads an `int` (HMRC's
    /// `areIndices`: trimmed, `+` allowed, no decimals); true when none.
    Sequential {
        nav: Nav,
        from: i64,
    },
    /// `must match regex '...'`, `X matches regex '...'`: the whole value
    /// matches the Java pattern (`eucdm_runtime::pattern`, checked and
    /// translated at compile time). False when the value is absent (HMRC's
    /// `applyRegex` of an absent element); unknown when the matcher gives up.
    Regex {
        value: Value,
        pattern: eucdm_runtime::pattern::Pattern,
    },
}

impl Cond {
    /// Calls `f` with the navigation of every `this X` in the condition.
    pub fn each_this(&self, f: &mut impl FnMut(&Nav)) {
        match self {
            Cond::And(v) | Cond::Or(v) => v.iter().for_each(|c| c.each_this(f)),
            Cond::Not(c) | Cond::Quantified { body: c, .. } | Cond::Context { body: c, .. } => {
                c.each_this(f)
            }
            Cond::Compare { lhs, rhs, .. } => {
                lhs.each_this(f);
                rhs.each_this(f);
            }
            Cond::InSet { value: v, .. }
            | Cond::External { value: v, .. }
            | Cond::Format { value: v, .. }
            | Cond::Shape { value: v, .. }
            | Cond::Sequence { value: v, .. }
            | Cond::Regex { value: v, .. } => v.each_this(f),
            Cond::Const(_) | Cond::Exists(_) | Cond::Unchanged { .. } | Cond::Sequential { .. } => {
            }
        }
    }
}

impl Value {
    /// A number the language computes (`count`, `sum`, `max`, `iteration`,
    /// arithmetic): never a code, its text is not compared.
    pub fn is_computed(&self) -> bool {
        matches!(
            self,
            Value::Count(_)
                | Value::CountWhere { .. }
                | Value::Distinct { .. }
                | Value::Sum(_)
                | Value::SumNumbers(_)
                | Value::Max(_)
                | Value::Iteration
                | Value::Arith(..)
                | Value::NumberOf(_)
                | Value::IntegerOf(..)
        )
    }

    /// Whether the value is, or is computed from, a `number(X)`: then it
    /// compares as a double ([`CmpType::Ieee`]).
    pub fn reads_number_of(&self) -> bool {
        match self {
            Value::NumberOf(_) | Value::SumNumbers(_) => true,
            Value::Arith(a, _, b) => a.reads_number_of() || b.reads_number_of(),
            _ => false,
        }
    }

    /// Calls `f` with the navigation of every `this X` in the value.
    pub fn each_this(&self, f: &mut impl FnMut(&Nav)) {
        match self {
            Value::This(nav) | Value::RawThis(nav) => f(nav),
            Value::Prefix(_, v)
            | Value::Char(_, v)
            | Value::Trim(v)
            | Value::NumberOf(v)
            | Value::IntegerOf(v, _) => v.each_this(f),
            Value::Concat(parts) => parts.iter().for_each(|p| p.each_this(f)),
            Value::CountWhere { body, .. } => body.each_this(f),
            Value::Arith(a, _, b) => {
                a.each_this(f);
                b.each_this(f);
            }
            _ => {}
        }
    }
}

/// Where the two sides of a comparison are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sides {
    pub lhs: Span,
    pub rhs: Span,
}

/// An element of the message validated paired with the other message's
/// element at the same path ([`Cond::Unchanged`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Same {
    pub mine: SchemaId,
    pub theirs: SchemaId,
    /// How the instances' values are compared (a data group: `None`).
    pub value: eucdm_runtime::checks::Alike,
    /// The children the two models share, compared in each pair of instances.
    pub within: Vec<Same>,
}

/// What [`Value::Distinct`] tells the instances apart by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistinctKey {
    /// The text as it is (HMRC's `countDistinct(path, false)`).
    Text,
    /// The text after Java's `trim` (`countDistinct(path, true)`).
    Trimmed,
    /// The text as sent, before the type's `whiteSpace` facet (`raw(X)`).
    Raw,
    /// The text as sent, after Java's `trim`: what HMRC's
    /// `countDistinct(path, true)` compares (`trim(raw(X))`).
    RawTrimmed,
    /// The number of elements the instance holds (`countDistinctChildCount`).
    Children,
}

#[derive(Debug, Clone)]
pub enum SetRef {
    Literal(Vec<String>),
    /// Index into [`RuleSet::codelists`]. A partial list answers "unknown"
    /// for codes it does not know, so it never rejects a value it cannot judge.
    CodeList {
        index: usize,
        partial: bool,
    },
}

#[derive(Debug, Clone)]
pub enum Value {
    /// Text of the first instance reached.
    Text(Nav),
    /// `raw(X)`: [`Value::Text`] as the message sent it, before the type's
    /// `whiteSpace` facet (`eucdm_runtime::Document::raw_text`).
    RawText(Nav),
    /// `raw(this X)`: [`Value::This`] as sent.
    RawThis(Nav),
    Prefix(u32, Box<Value>),
    /// `character N of X`: the N-th character (1-based, counted in characters,
    /// not bytes) of the inner text; no value when the text is absent or has
    /// fewer than N characters.
    Char(u32, Box<Value>),
    /// `trim(X)`: the text without the characters up to U+0020 at either end
    /// (Java's `String.trim`, `eucdm_runtime::value::java_trim`).
    Trim(Box<Value>),
    /// `number(X)`: the text read as Java's `Double.parseDouble` reads the
    /// trimmed text (`eucdm_runtime::value::java_number`); no value (NaN, see
    /// [`CmpType::Ieee`]) when absent or not a number.
    NumberOf(Box<Value>),
    /// `integer(X, D)`: the text read as Java's `Integer.parseInt` reads the
    /// trimmed text (`eucdm_runtime::value::java_int`), else `D` (HMRC's
    /// `intOrElse`): always a value, compared as a number.
    IntegerOf(Box<Value>, i32),
    /// `concat(A, ' ', B)`: the texts of the parts one after the other; no value
    /// when any part has none.
    Concat(Vec<Value>),
    /// `this X`: text of the first instance reached by the navigation from the
    /// statement's *anchor* instead of the current context. The anchor is the
    /// context of the statement whose condition or check contains the value:
    /// for the conditions of `Stmt::If` the `If`'s context, for the test of
    /// `Stmt::Assert` the subject instance. Quantifiers inside the condition
    /// move the context, never the anchor, so `this X` names the statement's
    /// own X from inside `any other ... satisfies (...)`. In a test of
    /// another message, the anchor is where that test is entered
    /// ([`Cond::Context`]).
    This(Nav),
    /// Instances reached by all the navigations together.
    Count(Vec<Nav>),
    /// `count(distinct X)`: how many different keys the instances reached by
    /// `nav` have (a value, trimmed or not, or a number of elements).
    Distinct {
        nav: Nav,
        key: DistinctKey,
    },
    /// `count(G satisfies (...))`: the instances reached by `nav` for which
    /// `body` (with the instance as context) holds; no value when it is
    /// undecided for one of them.
    CountWhere {
        nav: Nav,
        body: Box<Cond>,
    },
    Sum(Nav),
    /// `sum(number(X))`: the values read as [`Value::NumberOf`] reads one,
    /// added up; no value (NaN, [`CmpType::Ieee`]) when one is not a number.
    SumNumbers(Nav),
    /// `max(X)`: the greatest number among the instances (those that are not
    /// numbers are skipped, as by `Sum`); no value when there is none.
    Max(Nav),
    /// `A + B`, `A - B`: no value when either side has none.
    Arith(Box<Value>, ArithOp, Box<Value>),
    /// 1-based position of the context instance among its siblings.
    Iteration,
    /// A text or code literal.
    LitText(String),
    /// A date literal (`2025-01-21`, unquoted): compared as a date.
    LitDate(String),
    /// A number literal, as written.
    LitNumber(String),
}
