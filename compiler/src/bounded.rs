//! Which quantifiers are answered from the bounds of their instances
//! ([`eucdm_runtime::bounds::Bounds`]) instead of a scan: decided here, from
//! the shape of the IR, for the generated code and the interpreter alike.
//!
//! The shape: `any`/`all`/`none` (not `other`) whose test is one ordering,
//! `K < V`, `<=`, `>`, `>=` (either way round), of numbers, where `K` is read
//! from each instance only and `V` from the anchor (`this X`, at least one)
//! and literals only. A comparison of numbers with no number on either side
//! (absent, not a number, NaN: `ir::CmpType::Ieee`) is false and never
//! undecided, so the test holds for some instance iff it holds for the least
//! (`>`, `>=`: the greatest) number, and for every one iff there is no
//! instance, or each has a number and the greatest (the least) passes. Texts,
//! dates, `other` and every other test keep the scan.

use eucdm_runtime::bounds::Order;

use crate::ir::{CmpType, CompareOp, Cond, Nav, Quantifier, Value};
use crate::keyed::instance_and_anchor;

/// A quantifier answered by bounds.
#[derive(Debug, Clone, Copy)]
pub struct BoundedQuantifier<'a> {
    /// `any`, `all` or `none` (the answer of `any` negated).
    pub quantifier: Quantifier,
    /// The instances.
    pub nav: &'a Nav,
    /// The number of each instance.
    pub key: &'a Value,
    /// The number compared with, from the anchor.
    pub probe: &'a Value,
    /// How each instance's number must stand to the probe.
    pub order: Order,
}

/// `c` as a bounded quantifier, when it has the shape.
pub fn bounded(c: &Cond) -> Option<BoundedQuantifier<'_>> {
    let Cond::Quantified {
        quantifier,
        nav,
        body,
        others: false,
    } = c
    else {
        return None;
    };
    let Cond::Compare {
        lhs,
        op,
        rhs,
        ty: CmpType::Number | CmpType::Ieee,
        ..
    } = &**body
    else {
        return None;
    };
    let order = match op {
        CompareOp::Lt => Order::Lt,
        CompareOp::Le => Order::Le,
        CompareOp::Gt => Order::Gt,
        CompareOp::Ge => Order::Ge,
        CompareOp::Eq | CompareOp::Ne => return None,
    };
    let (key, probe) = instance_and_anchor(lhs, rhs)?;
    // `this V < K` is `K > this V`.
    let order = if std::ptr::eq(key, lhs) {
        order
    } else {
        match order {
            Order::Lt => Order::Gt,
            Order::Le => Order::Ge,
            Order::Gt => Order::Lt,
            Order::Ge => Order::Le,
        }
    };
    Some(BoundedQuantifier {
        quantifier: *quantifier,
        nav,
        key,
        probe,
        order,
    })
}
