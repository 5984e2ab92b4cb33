//! `all G satisfies (K < this V)`: a quantifier whose test orders a number of
//! each instance against a number of the statement's anchor. Scanning the
//! instances for each anchor is quadratic when the anchors are as many as the
//! instances (R0055 and its kin in CC044C: each sequence number is above every
//! one of the CC043C). The instances reached from one start node are summed
//! up once (their least and greatest number, whether one has none); each test
//! is then a comparison with the bound. The compiler decides from the shape of
//! the condition (`eucdm_compiler::bounded`); the generated code and the
//! interpreter share this summary.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;

use crate::document::NodeId;
use crate::value::Decimal;

/// How each instance's number must stand to the anchor's: `K < V` is `Lt`
/// (a test written `V > K` is the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `K < V`.
    Lt,
    /// `K <= V`.
    Le,
    /// `K > V`.
    Gt,
    /// `K >= V`.
    Ge,
}

impl Order {
    fn holds(self, key: Decimal, probe: Decimal) -> bool {
        match self {
            Order::Lt => key < probe,
            Order::Le => key <= probe,
            Order::Gt => key > probe,
            Order::Ge => key >= probe,
        }
    }
}

/// The numbers of the instances reached from one start node.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    /// Some instance has no number (absent, not a number, NaN): a
    /// comparison with it is false.
    pub unnumbered: bool,
    /// The least and the greatest number, when one has a number.
    pub range: Option<(Decimal, Decimal)>,
}

impl Bounds {
    fn add(&mut self, key: Option<Decimal>) {
        match key {
            None => self.unnumbered = true,
            Some(k) => {
                self.range = Some(match self.range {
                    None => (k, k),
                    Some((lo, hi)) => (lo.min(k), hi.max(k)),
                })
            }
        }
    }

    /// The bound an order is decided by for every instance: the greatest
    /// for `<`/`<=` (all below iff the greatest is), else the least.
    fn extreme(&self, order: Order, all: bool) -> Option<Decimal> {
        let (lo, hi) = self.range?;
        let below = matches!(order, Order::Lt | Order::Le);
        Some(if below == all { hi } else { lo })
    }

    /// `any`: some instance's number stands in `order` to `probe`; none
    /// does to no number.
    pub fn any(&self, order: Order, probe: Option<Decimal>) -> bool {
        match (probe, self.extreme(order, false)) {
            (Some(p), Some(k)) => order.holds(k, p),
            _ => false,
        }
    }

    /// `all`: every instance has a number standing in `order` to `probe`
    /// (true when there is no instance, false for a probe of no number
    /// when there is one).
    pub fn all(&self, order: Order, probe: Option<Decimal>) -> bool {
        if self.unnumbered {
            return false;
        }
        match (self.extreme(order, true), probe) {
            (None, _) => true,
            (Some(k), Some(p)) => order.holds(k, p),
            (Some(_), None) => false,
        }
    }
}

/// The bounds of one quantifier's instances, per node the walk starts from,
/// for one document: built on the first test from a start node (a walk of
/// all instances, as a scan of `all` that holds is).
#[derive(Debug, Default)]
pub struct BoundsIndex {
    by_start: RefCell<HashMap<NodeId, Bounds>>,
}

/// Each instance's number (none when it has none), given to a function that
/// lets the walk go on.
pub type Numbers<'f> = &'f mut dyn FnMut(Option<Decimal>) -> ControlFlow<()>;

impl BoundsIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bounds of the instances reached from `start`; `instances` walks
    /// them, giving each one's number.
    pub fn of(&self, start: NodeId, instances: impl FnOnce(Numbers<'_>)) -> Bounds {
        if let Some(b) = self.by_start.borrow().get(&start) {
            return *b;
        }
        let mut bounds = Bounds::default();
        instances(&mut |k| {
            bounds.add(k);
            ControlFlow::Continue(())
        });
        self.by_start.borrow_mut().insert(start, bounds);
        bounds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(keys: &[Option<i64>]) -> Bounds {
        let mut b = Bounds::default();
        keys.iter().for_each(|k| b.add(k.map(Decimal::from_int)));
        b
    }

    /// What a scan answers: each instance compared in turn.
    fn scan(keys: &[Option<i64>], order: Order, probe: Option<i64>, all: bool) -> bool {
        let t = |k: &Option<i64>| match (k, probe) {
            (Some(k), Some(p)) => order.holds(Decimal::from_int(*k), Decimal::from_int(p)),
            _ => false,
        };
        if all {
            keys.iter().all(t)
        } else {
            keys.iter().any(t)
        }
    }

    #[test]
    fn bounds_answer_as_a_scan_does() {
        let groups: &[&[Option<i64>]] = &[
            &[],
            &[Some(2)],
            &[None],
            &[Some(1), Some(3), Some(3)],
            &[Some(2), None, Some(5)],
            &[Some(-1), Some(4)],
        ];
        let orders = [Order::Lt, Order::Le, Order::Gt, Order::Ge];
        for keys in groups {
            let b = bounds(keys);
            for order in orders {
                for probe in [
                    None,
                    Some(-2),
                    Some(-1),
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(4),
                    Some(6),
                ] {
                    let case = format!("{keys:?} {order:?} {probe:?}");
                    let p = probe.map(Decimal::from_int);
                    assert_eq!(
                        b.any(order, p),
                        scan(keys, order, probe, false),
                        "any {case}"
                    );
                    assert_eq!(
                        b.all(order, p),
                        scan(keys, order, probe, true),
                        "all {case}"
                    );
                }
            }
        }
    }
}
