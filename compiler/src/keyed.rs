//! Which quantifiers are answered by a key lookup
//! ([`eucdm_runtime::keyed::KeyIndex`]) instead of a scan of the instances:
//! decided here, from the shape of the IR, for the generated code and the
//! interpreter alike.
//!
//! The shape: `any`/`none` (with or without `other`) whose test is one
//! equality, `K = V` (either way round), of a number or a text, where `K` is
//! read from each instance only and `V` from the anchor (`this X`, at least
//! one) and literals only. Then the test is the same for every instance with the same
//! key, true for none without a value (a comparison with an absent value is
//! false, also `number(X)` of no number, NaN: `ir::CmpType::Ieee`), and never
//! undecided, so "some instance has the key V" answers it; also inside a
//! test of another message (`CC043C: ...`), which reads the same message of
//! the movement all through one validation. Dates (a
//! comparison of a non-date is undecided), `all` and every other test keep
//! the scan.

use crate::ir::{CmpType, CompareOp, Cond, Nav, Quantifier, Value};

/// A quantifier answered by a lookup.
#[derive(Debug, Clone, Copy)]
pub struct KeyedQuantifier<'a> {
    /// `none`: the lookup's answer negated.
    pub none: bool,
    /// The instances.
    pub nav: &'a Nav,
    /// `any other`: the instance holding the context does not count.
    pub others: bool,
    /// The key of each instance, from the instance.
    pub key: &'a Value,
    /// The value looked up, from the anchor.
    pub probe: &'a Value,
    /// Keys compared as numbers (`Decimal`), else as texts.
    pub numeric: bool,
}

/// `c` as a keyed quantifier, when it has the shape.
pub fn keyed(c: &Cond) -> Option<KeyedQuantifier<'_>> {
    let Cond::Quantified {
        quantifier,
        nav,
        body,
        others,
    } = c
    else {
        return None;
    };
    let none = match quantifier {
        Quantifier::Any => false,
        Quantifier::None => true,
        Quantifier::All => return None,
    };
    let Cond::Compare {
        lhs,
        op: CompareOp::Eq,
        rhs,
        ty,
        ..
    } = &**body
    else {
        return None;
    };
    let numeric = match ty {
        CmpType::Number | CmpType::Ieee => true,
        CmpType::Text => false,
        CmpType::Date => return None,
    };
    let (key, probe) = instance_and_anchor(lhs, rhs)?;
    Some(KeyedQuantifier {
        none,
        nav,
        others: *others,
        key,
        probe,
        numeric,
    })
}

/// `(K, V)` of a test `K op V` or `V op K`: `K` read from each instance only,
/// `V` from the anchor (`this X`, at least one: against literals alone each
/// anchor usually quantifies instances of its own, looked up once) and
/// literals only.
pub(crate) fn instance_and_anchor<'a>(
    lhs: &'a Value,
    rhs: &'a Value,
) -> Option<(&'a Value, &'a Value)> {
    let of_this = |v: &Value| {
        let mut this = false;
        v.each_this(&mut |_| this = true);
        this && of_anchor(v)
    };
    if of_instance(lhs) && of_this(rhs) {
        Some((lhs, rhs))
    } else if of_instance(rhs) && of_this(lhs) {
        Some((rhs, lhs))
    } else {
        None
    }
}

/// A value read from the instance alone: its data items, literals, and what
/// is computed from them without another walk.
fn of_instance(v: &Value) -> bool {
    match v {
        Value::Text(_) | Value::LitText(_) | Value::LitDate(_) | Value::LitNumber(_) => true,
        _ => computed_from(v, of_instance),
    }
}

/// A value read from the anchor alone: `this X` and literals.
fn of_anchor(v: &Value) -> bool {
    match v {
        Value::This(_) | Value::LitText(_) | Value::LitDate(_) | Value::LitNumber(_) => true,
        _ => computed_from(v, of_anchor),
    }
}

/// Whether `v` is a function of values that all pass `part`.
fn computed_from(v: &Value, part: fn(&Value) -> bool) -> bool {
    match v {
        Value::Prefix(_, x)
        | Value::Char(_, x)
        | Value::Trim(x)
        | Value::NumberOf(x)
        | Value::IntegerOf(x, _) => part(x),
        Value::Concat(parts) => parts.iter().all(part),
        Value::Arith(a, _, b) => part(a) && part(b),
        _ => false,
    }
}
