//! Values: the operands of a test (references, literals, counts, sums,
//! arithmetic, text functions) and the types they compare as.

use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{CmpType, DistinctKey, NodeId, Value};
use crate::model::ElementType;
use crate::syntax::ast::{self, Operand};

use super::{Names, Resolver};

impl Resolver<'_> {
    pub(super) fn value(&mut self, o: &Operand, ctx: NodeId) -> Option<(Value, VType)> {
        Some(match o {
            Operand::Ref(r) => self.reference(r, ctx)?,
            Operand::Literal(l, _) => match l {
                ast::Literal::Text(s) => (Value::LitText(s.clone()), VType::Literal),
                ast::Literal::Date(s) => (Value::LitDate(s.clone()), VType::Date),
                ast::Literal::Number(s) => (Value::LitNumber(s.clone()), VType::Number),
            },
            Operand::FirstChars(n, r, _) => {
                let (v, _) = self.value(r, ctx)?;
                (Value::Prefix(*n, Box::new(v)), VType::Text)
            }
            Operand::Character(n, r, span) => self.character(*n, r, *span, ctx)?,
            Operand::NumberOf(inner, _) => {
                let (v, _) = self.value(inner, ctx)?;
                (Value::NumberOf(Box::new(v)), VType::Number)
            }
            Operand::IntegerOf(inner, default, _) => {
                let (v, _) = self.value(inner, ctx)?;
                (Value::IntegerOf(Box::new(v), *default), VType::Number)
            }
            Operand::Trim(inner, _) => {
                // The same kind of value, trimmed: a code compares as a code.
                let (v, t) = self.value(inner, ctx)?;
                (Value::Trim(Box::new(v)), t)
            }
            Operand::Raw(inner, _) => match self.value(inner, ctx)? {
                (Value::Text(nav), t) => (Value::RawText(nav), t),
                (Value::This(nav), t) => (Value::RawThis(nav), t),
                _ => unreachable!("the grammar gives `raw` a data item or `this` one"),
            },
            Operand::Concat(parts, _) => self.concat(parts, ctx)?,
            Operand::This(r, span) => self.this(r, *span)?,
            Operand::Iteration(span) => self.iteration(*span, ctx)?,
            Operand::Count(refs, _) => self.count(refs, ctx)?,
            Operand::CountDistinct(of, span) => self.count_distinct(of, *span, ctx)?,
            Operand::CountWhere(r, body, _) => self.count_where(r, body, ctx)?,
            Operand::Sum(r, _) => self.sum(r, ctx)?,
            Operand::SumNumbers(r, _) => self.sum_numbers(r, ctx)?,
            Operand::Max(r, _) => self.max(r, ctx)?,
            Operand::Arith(a, op, b, _) => {
                let a = self.number_operand(a, ctx)?;
                let b = self.number_operand(b, ctx)?;
                (Value::Arith(Box::new(a), *op, Box::new(b)), VType::Number)
            }
        })
    }

    /// A data item of the message: one value, from the context.
    fn reference(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<(Value, VType)> {
        let target = self.single(r, ctx)?;
        let (nav, multi) = self.nav_ref(r, ctx, target);
        if multi {
            let g = self.first_repeating(ctx, target);
            self.error(
                Diagnostic::error(
                    r.span,
                    format!("`{}` may have several values here", r.text),
                    format!("{} repeats", self.model.node(g).name),
                )
                .with_help(format!(
                    "say which: `any {0} ...`, `all {0} ...`, `none {0} ...`, or put the statement in `for each`",
                    r.text
                )),
            );
            return None;
        }
        let ty = self.model.node(target).ty;
        if ty == ElementType::Group {
            self.error(
                Diagnostic::error(
                    r.span,
                    format!("`{}` is a data group and has no value", r.text),
                    "data group",
                )
                .with_help("test it with `is present` or `is absent`"),
            );
            return None;
        }
        Some((Value::Text(nav), vtype(ty)))
    }

    /// `character N of X`.
    fn character(
        &mut self,
        n: u32,
        r: &Operand,
        span: Span,
        ctx: NodeId,
    ) -> Option<(Value, VType)> {
        if n == 0 {
            self.error(Diagnostic::error(
                span,
                "characters are counted from 1",
                "`character 0` does not exist",
            ));
            return None;
        }
        let (v, _) = self.value(r, ctx)?;
        Some((Value::Char(n, Box::new(v)), VType::Text))
    }

    /// `concat(A, B, ...)`: texts only, never a computed number.
    fn concat(&mut self, parts: &[Operand], ctx: NodeId) -> Option<(Value, VType)> {
        let mut values = Vec::new();
        for p in parts {
            let (v, _) = self.value(p, ctx)?;
            if v.is_computed() {
                self.error(Diagnostic::error(
                    p.span(),
                    "`concat` joins texts of the message and quoted texts",
                    "a computed number",
                ));
                return None;
            }
            values.push(v);
        }
        Some((Value::Concat(values), VType::Text))
    }

    /// `this X`: X from the statement's context (`anchor`), or in a test of
    /// another message, from the message validated.
    fn this(&mut self, r: &ast::Reference, span: Span) -> Option<(Value, VType)> {
        if let Some((model, anchor)) = self.outer {
            // A test of another message: `this X` is the statement's X
            // in the message validated, resolved in its model.
            let mut own = Resolver::new(
                model,
                &Names {
                    dict: self.dict,
                    codelists: self.codelists,
                    externals: self.externals,
                    models: self.models,
                },
            );
            own.anchor = anchor;
            let v = own.value(&Operand::This(r.clone(), span), NodeId::ROOT);
            self.diagnostics.append(&mut own.diagnostics);
            return v;
        }
        let anchor = self.anchor;
        if anchor == NodeId::ROOT {
            self.error(
                Diagnostic::error(
                    span,
                    "`this` needs a statement context: a `for each` instance or the subject of `must`",
                    "no context here",
                )
                .with_help("put the statement in `for each <data group>`"),
            );
            return None;
        }
        let (v, t) = self.value(&Operand::Ref(r.clone()), anchor)?;
        let Value::Text(nav) = v else {
            unreachable!("a reference resolves to a text value")
        };
        Some((Value::This(nav), t))
    }

    /// `iteration`: needs a repeating group as context.
    fn iteration(&mut self, span: Span, ctx: NodeId) -> Option<(Value, VType)> {
        if !self.model.node(ctx).repeatable() {
            self.error(
                Diagnostic::error(
                    span,
                    "`iteration` needs a repeating data group as context",
                    "no repeating group here",
                )
                .with_help("put the statement in `for each <repeating data group>`"),
            );
            return None;
        }
        Some((Value::Iteration, VType::Number))
    }

    /// `count(A, B, ...)`.
    fn count(&mut self, refs: &[ast::Reference], ctx: NodeId) -> Option<(Value, VType)> {
        let mut navs = Vec::new();
        for r in refs {
            let target = self.single(r, ctx)?;
            navs.push(self.nav_ref(r, ctx, target).0);
        }
        Some((Value::Count(navs), VType::Number))
    }

    /// `count(distinct X)`, `count(distinct trim(X))`, `count(distinct raw(X))`,
    /// `count(distinct trim(raw(X)))`,
    /// `count(distinct children of G)`.
    fn count_distinct(
        &mut self,
        of: &ast::Distinct,
        span: Span,
        ctx: NodeId,
    ) -> Option<(Value, VType)> {
        let (r, key) = match of {
            ast::Distinct::Children(r) => (r, DistinctKey::Children),
            ast::Distinct::Values(o) => match &**o {
                Operand::Ref(r) => (r, DistinctKey::Text),
                Operand::Raw(t, _) if matches!(**t, Operand::Ref(_)) => {
                    let Operand::Ref(r) = &**t else {
                        unreachable!()
                    };
                    (r, DistinctKey::Raw)
                }
                Operand::Trim(t, _) if matches!(**t, Operand::Ref(_)) => {
                    let Operand::Ref(r) = &**t else {
                        unreachable!()
                    };
                    (r, DistinctKey::Trimmed)
                }
                Operand::Trim(t, _) if matches!(&**t, Operand::Raw(r, _) if matches!(**r, Operand::Ref(_))) =>
                {
                    let Operand::Raw(r, _) = &**t else {
                        unreachable!()
                    };
                    let Operand::Ref(r) = &**r else {
                        unreachable!()
                    };
                    (r, DistinctKey::RawTrimmed)
                }
                _ => {
                    self.error(Diagnostic::error(
                        span,
                        "`count(distinct ...)` takes a data item, `raw(<data item>)`, `trim(...)` of one or `children of <data group>`",
                        "not a data item of the message",
                    ));
                    return None;
                }
            },
        };
        let target = self.single(r, ctx)?;
        let is_group = self.model.node(target).ty == ElementType::Group;
        if is_group != (key == DistinctKey::Children) {
            let (label, help) = if is_group {
                ("a data group", format!("count the different numbers of elements its instances hold: `count(distinct children of {})`", r.text))
            } else {
                (
                    "a data item",
                    format!(
                        "`children of` takes a data group; the values: `count(distinct {})`",
                        r.text
                    ),
                )
            };
            self.error(
                Diagnostic::error(r.span, format!("`{}` is {label}", r.text), label)
                    .with_help(help),
            );
            return None;
        }
        let (nav, _) = self.nav_ref(r, ctx, target);
        Some((Value::Distinct { nav, key }, VType::Number))
    }

    /// `count(G satisfies (...))`, `count(X in <...>)`.
    fn count_where(
        &mut self,
        r: &ast::Reference,
        body: &ast::QuantifiedBody,
        ctx: NodeId,
    ) -> Option<(Value, VType)> {
        let target = self.single(r, ctx)?;
        let (nav, _) = self.nav_ref(r, ctx, target);
        let body = self.quantified_body(body, r, target)?;
        Some((
            Value::CountWhere {
                nav,
                body: Box::new(body),
            },
            VType::Number,
        ))
    }

    /// `sum(X)`: X a number element.
    fn sum(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<(Value, VType)> {
        let target = self.single(r, ctx)?;
        let (nav, _) = self.nav_ref(r, ctx, target);
        if self.model.node(target).ty != ElementType::Number {
            self.error(Diagnostic::error(
                r.span,
                format!("cannot sum `{}`: it is not a number", r.text),
                "not a number",
            ));
            return None;
        }
        Some((Value::Sum(nav), VType::Number))
    }

    /// `sum(number(X))`: X any data item.
    fn sum_numbers(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<(Value, VType)> {
        let target = self.single(r, ctx)?;
        if self.model.node(target).ty == ElementType::Group {
            self.error(Diagnostic::error(
                r.span,
                format!("cannot sum `{}`: it is a data group", r.text),
                "data group",
            ));
            return None;
        }
        let (nav, _) = self.nav_ref(r, ctx, target);
        Some((Value::SumNumbers(nav), VType::Number))
    }

    /// `max(X)`: X a number element.
    fn max(&mut self, r: &ast::Reference, ctx: NodeId) -> Option<(Value, VType)> {
        let target = self.single(r, ctx)?;
        let (nav, _) = self.nav_ref(r, ctx, target);
        if self.model.node(target).ty != ElementType::Number {
            self.error(Diagnostic::error(
                r.span,
                format!("cannot take the greatest `{}`: it is not a number", r.text),
                "not a number",
            ));
            return None;
        }
        Some((Value::Max(nav), VType::Number))
    }

    /// A side of `+`, `-` or `*`: a number of the message, a number literal or a
    /// computed number; anything else is an error at it.
    fn number_operand(&mut self, o: &Operand, ctx: NodeId) -> Option<Value> {
        let (v, t) = self.value(o, ctx)?;
        if t == VType::Number {
            return Some(v);
        }
        self.error(
            Diagnostic::error(
                o.span(),
                "`+`, `-` and `*` take numbers",
                "not a number",
            )
            .with_help("add, subtract or multiply number elements (`sequenceNumber`), counts, sums, `max(...)` or number literals"),
        );
        None
    }
}

/// The type of a value, for choosing how to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VType {
    Text,
    Number,
    Date,
    /// A literal whose type follows the other side.
    Literal,
}

pub(super) fn vtype(t: ElementType) -> VType {
    match t {
        ElementType::Number => VType::Number,
        ElementType::Date | ElementType::DateTime => VType::Date,
        _ => VType::Text,
    }
}

/// How two values compare: as [`cmp_type`] says, except that a side read
/// with `number(X)` makes it a comparison of doubles ([`CmpType::Ieee`]).
pub(super) fn compare_type(a: (&Value, VType), b: (&Value, VType)) -> CmpType {
    if a.0.reads_number_of() || b.0.reads_number_of() {
        CmpType::Ieee
    } else {
        cmp_type(a.1, b.1)
    }
}

fn cmp_type(a: VType, b: VType) -> CmpType {
    match (a, b) {
        (VType::Number, VType::Number | VType::Literal) | (VType::Literal, VType::Number) => {
            CmpType::Number
        }
        (VType::Date, _) | (_, VType::Date) => CmpType::Date,
        _ => CmpType::Text,
    }
}
