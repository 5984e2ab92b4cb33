//! The intermediate representation shared by the code generator and the
//! interpreter: every name resolved to a message-model node, every navigation
//! a relative move (`up` levels, then `down` through child nodes).

use crate::codelist::CodeList;
use crate::model::MessageModel;
use crate::syntax::ast::{CompareOp, Quantifier, RuleKind, Unchecked};

/// A whole compiled rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub name: String,
    pub rules: Vec<RuleMeta>,
    pub codelists: Vec<CodeList>,
    pub externals: Vec<(String, String)>,
    pub messages: Vec<MessageIr>,
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
}

/// The checks of one message type.
#[derive(Debug, Clone)]
pub struct MessageIr {
    pub model: MessageModel,
    pub checks: Vec<Check>,
    /// Items checked against a complete code list: (model node, code-list index).
    pub codelist_checks: Vec<(usize, usize)>,
    /// Node of `preparationDateAndTime`, which dates the message.
    pub date_node: Option<usize>,
}

/// One rule applied to one message; its body runs with the root as context.
#[derive(Debug, Clone)]
pub struct Check {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    pub body: Vec<Stmt>,
}

/// From a context node: go `up` levels, then down through `down` model nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nav {
    pub up: u16,
    pub down: Vec<usize>,
}

impl Nav {
    pub fn here() -> Nav {
        Nav {
            up: 0,
            down: vec![],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Mandatory,
    Optional,
    Forbidden,
}

#[derive(Debug, Clone)]
pub enum Stmt {
    /// First arm whose condition holds runs; an undecided condition stops the chain.
    If {
        arms: Vec<(Cond, Vec<Stmt>)>,
        otherwise: Vec<Stmt>,
    },
    /// Run `body` with each instance reached by `nav` as context.
    ForEach { nav: Nav, body: Vec<Stmt> },
    /// For each instance of the target's parent (reached by `parent`), the
    /// `target` child must be present (R), may be (O), must not be (N).
    Presence {
        parent: Nav,
        target: usize,
        outcome: Outcome,
        /// R is satisfied when any one parent instance has the target.
        at_least_one: bool,
    },
    /// For each instance reached by `subject`, `test` (with that instance as
    /// context) must hold; else a rule violation at the instance.
    Assert { subject: Nav, test: Cond },
    /// Within each `outer` instance, the k-th instance of `group` (counted from
    /// `from`) must have `item` equal to k.
    Sequential {
        outer: Nav,
        group: Vec<usize>,
        item: Vec<usize>,
        from: i64,
    },
    /// Within each `outer` instance, the values reached by `down` are unique.
    Unique { outer: Nav, down: Vec<usize> },
    /// The instances reached by `subject` are not all equal (same text, or
    /// for data groups the same content); fewer than two are never "all equal"
    /// since there are no others to differ from.
    NotAllEqual { subject: Nav },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpType {
    Text,
    Number,
    Date,
}

#[derive(Debug, Clone)]
pub enum Cond {
    Const(bool),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
    /// The body is evaluated with each instance as context.
    Quantified {
        quantifier: Quantifier,
        nav: Nav,
        body: Box<Cond>,
    },
    Exists(Nav),
    /// False when either side has no value.
    Compare {
        lhs: Value,
        op: CompareOp,
        rhs: Value,
        ty: CmpType,
    },
    InSet {
        value: Value,
        set: SetRef,
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
    Prefix(u32, Box<Value>),
    /// Instances reached by all the navigations together.
    Count(Vec<Nav>),
    Sum(Nav),
    /// 1-based position of the context instance among its siblings.
    Iteration,
    /// A text, code or date literal.
    LitText(String),
    /// A number literal, as written.
    LitNumber(String),
}
