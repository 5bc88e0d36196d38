//! Aggregates: COUNT, SUM, AVG, MIN and MAX (with DISTINCT), their running accumulators,
//! and the group a row is added to.
//!
//! Invariant: an accumulator sees each row of its group once, in scan order; NULL arguments
//! are skipped (`COUNT(*)` counts rows); SUM and AVG stay exact while every input is exact,
//! as MySQL's DECIMAL sums do.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::arith::{Operand, dec_arith, dec_div, operand};
use super::compare::{Key, key_of, sort_cmp};
use super::eval::{Env, Rt};
use super::functions::len_i64;
use super::node::{ArithOp, Node};
use super::number::{exact_f64, float_value};
use crate::error::ObError;
use crate::value::Value;

/// The aggregate functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AggFunc {
    Count,
    Sum,
    Avg,
    Min,
    Max,
}

/// The aggregate function of an upper-case name; None for a scalar function.
pub(super) fn aggregate_function(name: &str) -> Option<AggFunc> {
    Some(match name {
        "COUNT" => AggFunc::Count,
        "SUM" => AggFunc::Sum,
        "AVG" => AggFunc::Avg,
        "MIN" => AggFunc::Min,
        "MAX" => AggFunc::Max,
        _ => return None,
    })
}

/// One aggregate call of the statement; expressions refer to its result as `Node::Agg(slot)`.
#[derive(Clone, Debug)]
pub(super) struct AggSpec {
    pub(super) func: AggFunc,
    pub(super) distinct: bool,
    /// `COUNT(*)`
    pub(super) star: bool,
    pub(super) args: Vec<Node>,
}

/// One group of GROUP BY (or the single group of an aggregate query without it).
pub(super) struct Group<'r> {
    /// The group's first row: non-aggregated columns read from it (MySQL without
    /// ONLY_FULL_GROUP_BY, OceanBase's default).
    pub(super) first: &'r [Value],
    /// The GROUP BY values, by which groups are returned in order.
    pub(super) keys: Vec<Value>,
    /// One accumulator per aggregate call of the statement, by slot.
    pub(super) accs: Vec<Acc>,
}

/// A running SUM: exact while every input is exact, a double once a string (or an i128
/// overflow) is met — MySQL's SUM of strings is a DOUBLE.
#[derive(Clone, Copy, Debug)]
pub(super) enum SumAcc {
    Empty,
    Exact(i128, u8),
    Float(f64),
}

impl SumAcc {
    fn add(&mut self, v: &Value) {
        let Some(x) = operand(v) else {
            return;
        };
        *self = match (*self, x) {
            (SumAcc::Empty, Operand::Float(f)) => SumAcc::Float(f),
            (SumAcc::Empty, x) => {
                let (m, s) = x.exact();
                SumAcc::Exact(m, s)
            }
            (SumAcc::Exact(m, s), Operand::Float(f)) => SumAcc::Float(exact_f64(m, s) + f),
            (SumAcc::Exact(m, s), x) => match dec_arith(ArithOp::Add, (m, s), x.exact()) {
                Some(Value::Decimal { mantissa, scale }) => SumAcc::Exact(mantissa, scale),
                _ => SumAcc::Float(exact_f64(m, s) + x.to_f64()),
            },
            (SumAcc::Float(f), x) => SumAcc::Float(f + x.to_f64()),
        };
    }

    fn sum(self) -> Value {
        match self {
            SumAcc::Empty => Value::Null,
            // SUM of integers is a DECIMAL with scale 0 in MySQL; it prints like an integer.
            SumAcc::Exact(m, s) => Value::decimal(m, s),
            SumAcc::Float(f) => float_value(f),
        }
    }

    /// AVG: the exact sum divided at scale + 4 (AVG of integers has 4 decimals).
    fn average(self, count: i64) -> Value {
        match self {
            _ if count == 0 => Value::Null,
            SumAcc::Empty => Value::Null,
            SumAcc::Exact(m, s) => match dec_div((m, s), (i128::from(count), 0)) {
                Some((q, scale)) => Value::decimal(q, scale),
                None => float_value(exact_f64(m, s) / exact_f64(i128::from(count), 0)),
            },
            SumAcc::Float(f) => float_value(f / exact_f64(i128::from(count), 0)),
        }
    }
}

/// The running state of one aggregate call for one group.
#[derive(Clone, Debug)]
pub(super) enum Acc {
    Count(i64),
    Sum(SumAcc),
    Avg(SumAcc, i64),
    Min(Option<Value>),
    Max(Option<Value>),
    /// DISTINCT aggregates collect distinct argument tuples (keeping the first argument's
    /// value) and fold them at the end.
    Distinct(BTreeMap<Vec<Key>, Value>),
}

impl Acc {
    pub(super) fn new(spec: &AggSpec) -> Acc {
        if spec.distinct {
            Acc::Distinct(BTreeMap::new())
        } else {
            Acc::plain(spec.func)
        }
    }

    fn plain(func: AggFunc) -> Acc {
        match func {
            AggFunc::Count => Acc::Count(0),
            AggFunc::Sum => Acc::Sum(SumAcc::Empty),
            AggFunc::Avg => Acc::Avg(SumAcc::Empty, 0),
            AggFunc::Min => Acc::Min(None),
            AggFunc::Max => Acc::Max(None),
        }
    }

    /// Adds one row of the group.
    pub(super) fn feed(
        &mut self,
        spec: &AggSpec,
        env: &Env<'_>,
        rt: &mut Rt<'_>,
    ) -> Result<(), ObError> {
        if spec.star {
            if let Acc::Count(n) = self {
                *n = n.saturating_add(1);
            }
            return Ok(());
        }
        if let Acc::Distinct(seen) = self {
            let mut key = Vec::with_capacity(spec.args.len());
            let mut first = None;
            for arg in &spec.args {
                let v = arg.eval(env, rt)?;
                // A tuple with a NULL is not counted, as in MySQL.
                if v.is_null() {
                    return Ok(());
                }
                key.push(key_of(&v));
                if first.is_none() {
                    first = Some(v.into_owned());
                }
            }
            if let Some(first) = first {
                seen.entry(key).or_insert(first);
            }
            return Ok(());
        }
        if let Some(arg) = spec.args.first() {
            let v = arg.eval(env, rt)?;
            self.add(&v);
        }
        Ok(())
    }

    fn add(&mut self, v: &Value) {
        if v.is_null() {
            return;
        }
        match self {
            Acc::Count(n) => *n = n.saturating_add(1),
            Acc::Sum(sum) => sum.add(v),
            Acc::Avg(sum, n) => {
                sum.add(v);
                *n = n.saturating_add(1);
            }
            Acc::Min(current) => {
                if current
                    .as_ref()
                    .is_none_or(|c| sort_cmp(v, c) == Ordering::Less)
                {
                    *current = Some(v.clone());
                }
            }
            Acc::Max(current) => {
                if current
                    .as_ref()
                    .is_none_or(|c| sort_cmp(v, c) == Ordering::Greater)
                {
                    *current = Some(v.clone());
                }
            }
            Acc::Distinct(_) => {}
        }
    }

    /// The aggregate's value once every row of the group is fed.
    pub(super) fn finish(self, spec: &AggSpec) -> Value {
        match self {
            Acc::Count(n) => Value::Int(n),
            Acc::Sum(sum) => sum.sum(),
            Acc::Avg(sum, n) => sum.average(n),
            Acc::Min(v) | Acc::Max(v) => v.unwrap_or(Value::Null),
            Acc::Distinct(seen) => {
                if spec.func == AggFunc::Count {
                    return Value::Int(len_i64(seen.len()));
                }
                let mut inner = Acc::plain(spec.func);
                for v in seen.values() {
                    inner.add(v);
                }
                inner.finish(spec)
            }
        }
    }
}
