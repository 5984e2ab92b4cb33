//! Type checks of comparisons: a code compared with a number, a date with a
//! decimal, two elements of different kinds.

use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{CompareOp, Value};
use crate::model::{ElementType, NodeId};

use super::Checker;

/// One side of a comparison: its value, the model node it reads (when it
/// is an element's own value) and where it is written.
pub struct Side<'v> {
    pub value: &'v Value,
    pub node: Option<NodeId>,
    pub span: Span,
}

impl Checker<'_> {
    /// Type errors of a comparison (a code with a number, a date with a
    /// decimal, ...) and a literal that is not a code of the list the element
    /// on the other side is bound to. Reported; the comparison still compiles
    /// when only warnings are found.
    pub fn comparison(&mut self, lhs: Side, rhs: Side, op: CompareOp) {
        let kind = |side: &Side| -> Kind {
            let v = side.value;
            match (v, side.node) {
                (Value::LitDate(s), _) => Kind::DateLiteral(s.clone()),
                (Value::LitText(s), _) => Kind::TextLiteral(s.clone()),
                (Value::LitNumber(s), _) => Kind::NumberLiteral(s.clone()),
                (v, _) if v.is_computed() => Kind::Computed(computed_name(v)),
                (Value::Text(_) | Value::RawText(_), Some(n)) => Kind::Element(n),
                _ => Kind::Other,
            }
        };
        let (a, b) = (kind(&lhs), kind(&rhs));
        // The caret goes under the side that does not fit the other.
        for (x, y, at) in [(&a, &b, rhs.span), (&b, &a, lhs.span)] {
            if let Some((what, help)) = self.incompatible(x, y) {
                let d = Diagnostic::error(
                    at,
                    format!("cannot compare {} with {what}", self.describe_kind(x)),
                    format!("cannot be compared with {}", self.kind_type(x)),
                )
                .with_help(help);
                self.out.push(d);
                return;
            }
        }
        if matches!(op, CompareOp::Eq | CompareOp::Ne) {
            for (x, y, at) in [(&a, &b, rhs.span), (&b, &a, lhs.span)] {
                if let (Kind::Element(n), Kind::TextLiteral(l) | Kind::NumberLiteral(l)) = (x, y) {
                    self.literal_in_bound_list(*n, l, at);
                }
            }
            for (x, y, at) in [
                (lhs.value, rhs.value, rhs.span),
                (rhs.value, lhs.value, lhs.span),
            ] {
                if let (
                    Value::Prefix(n, _),
                    Value::LitText(l) | Value::LitDate(l) | Value::LitNumber(l),
                ) = (x, y)
                {
                    self.prefix_literal(*n, l, at);
                }
            }
        }
    }

    /// `Some((what b is, help))` when `a` cannot be compared with `b`.
    fn incompatible(&self, a: &Kind, b: &Kind) -> Option<(String, String)> {
        let ty = |k: &Kind| match k {
            Kind::Element(n) => Some(self.model.node(*n).ty),
            _ => None,
        };
        let textual =
            |t: Option<ElementType>| matches!(t, Some(ElementType::Code | ElementType::Text));
        let dated =
            |t: Option<ElementType>| matches!(t, Some(ElementType::Date | ElementType::DateTime));
        let number = |t: Option<ElementType>| t == Some(ElementType::Number);
        Some(match b {
            Kind::NumberLiteral(s) if textual(ty(a)) && (s.contains('.') || s.starts_with('-')) => {
                (
                    format!("the number {s}"),
                    "a code or text is compared as text: quote the code, e.g. `'1'`".to_string(),
                )
            }
            Kind::NumberLiteral(s) if dated(ty(a)) => (
                format!("the number {s}"),
                "compare a date with a date: `2025-01-21`".to_string(),
            ),
            Kind::Computed(c) if textual(ty(a)) || dated(ty(a)) => (
                format!("{c}, a number"),
                "compare a count, sum or iteration with a number or a number element".to_string(),
            ),
            Kind::TextLiteral(s)
                if (number(ty(a)) || matches!(a, Kind::Computed(_)))
                    && s.parse::<f64>().is_err() =>
            {
                (
                    format!("the text '{s}'"),
                    "compare a number with a number: `> 0`".to_string(),
                )
            }
            Kind::TextLiteral(s)
                if dated(ty(a)) && !crate::codelist::is_iso_date(s.get(..10).unwrap_or(s)) =>
            {
                (
                    format!("the text '{s}'"),
                    "write a date without quotes: `2025-01-21`".to_string(),
                )
            }
            Kind::DateLiteral(s) if number(ty(a)) || textual(ty(a)) => (
                format!("the date {s}"),
                "compare a date with a date or date-time element".to_string(),
            ),
            Kind::Element(n) => {
                let (ta, tb) = (ty(a)?, self.model.node(*n).ty);
                let clash = (textual(Some(ta)) && (number(Some(tb)) || dated(Some(tb))))
                    || (number(Some(ta)) && dated(Some(tb)));
                if !clash {
                    return None;
                }
                (
                    format!("`{}`, a {}", self.model.dotted(*n), tb.describe()),
                    "compare elements of the same kind".to_string(),
                )
            }
            _ => return None,
        })
    }

    /// "a code", "a number", ... for a label.
    fn kind_type(&self, k: &Kind) -> String {
        match k {
            Kind::Element(n) => format!("a {}", self.model.node(*n).ty.describe()),
            Kind::Computed(_) | Kind::NumberLiteral(_) => "a number".to_string(),
            Kind::TextLiteral(_) => "a text".to_string(),
            Kind::DateLiteral(_) => "a date".to_string(),
            Kind::Other => "this value".to_string(),
        }
    }

    fn describe_kind(&self, k: &Kind) -> String {
        match k {
            Kind::Element(n) => format!(
                "`{}`, a {},",
                self.model.dotted(*n),
                self.model.node(*n).ty.describe()
            ),
            Kind::Computed(c) => format!("{c}, a number,"),
            Kind::TextLiteral(s) => format!("the text '{s}'"),
            Kind::NumberLiteral(s) => format!("the number {s}"),
            Kind::DateLiteral(s) => format!("the date {s}"),
            Kind::Other => "this value".to_string(),
        }
    }
}

/// One side of a comparison, for type checks.
enum Kind {
    Element(NodeId),
    Computed(&'static str),
    TextLiteral(String),
    NumberLiteral(String),
    DateLiteral(String),
    Other,
}

pub fn computed_name(v: &Value) -> &'static str {
    match v {
        Value::Count(_) | Value::CountWhere { .. } | Value::Distinct { .. } => "`count(...)`",
        Value::Sum(_) | Value::SumNumbers(_) => "`sum(...)`",
        Value::Max(_) => "`max(...)`",
        Value::Arith(..) => "a sum or difference",
        Value::Iteration => "`iteration`",
        Value::NumberOf(_) => "`number(...)`",
        Value::IntegerOf(..) => "`integer(...)`",
        _ => "this value",
    }
}
