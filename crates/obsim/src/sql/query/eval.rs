//! Evaluation of compiled nodes on one row: values, MySQL's three-valued truth and NULL
//! propagation.
//!
//! Invariant: leaves borrow (constants and cells are never cloned to be read), and every
//! arm that recurses delegates to a small `#[inline(never)]` function, so each level of a
//! deep expression costs little stack (debug builds and wasm have small stacks). NULL in,
//! NULL (unknown) out, except where MySQL says otherwise (`IS NULL`, `AND`/`OR` short cuts,
//! `IN` with a match).

use std::borrow::Cow;
use std::cmp::Ordering;

use super::EvalContext;
use super::arith::{arith, negate};
use super::collate::{PatTok, compile_like, like_match};
use super::compare::compare;
use super::functions::eval_func;
use super::node::{ArithOp, CmpOp, Node};
use super::number::{Num, str_to_num};
use crate::error::ObError;
use crate::value::Value;

/// What the expression being evaluated can see: the source row, the aggregates of its group
/// and the select-list outputs already computed for it.
pub(super) struct Env<'a> {
    pub(super) row: &'a [Value],
    pub(super) aggs: &'a [Value],
    pub(super) outs: &'a [Value],
}

impl<'a> Env<'a> {
    pub(super) fn row(row: &'a [Value]) -> Env<'a> {
        Env {
            row,
            aggs: &[],
            outs: &[],
        }
    }
}

/// The session, plus the statement's start time: NOW() is constant within a statement (as in
/// MySQL, even across SLEEP); SYSDATE() reads the clock each time.
pub(super) struct Rt<'c> {
    pub(super) ctx: &'c mut dyn EvalContext,
    pub(super) now: i64,
}

impl<'c> Rt<'c> {
    pub(super) fn new(ctx: &'c mut dyn EvalContext) -> Rt<'c> {
        let now = ctx.now_micros();
        Rt { ctx, now }
    }
}

pub(super) static NULL: Value = Value::Null;

fn cell<'a>(values: &'a [Value], index: usize) -> Cow<'a, Value> {
    Cow::Borrowed(values.get(index).unwrap_or(&NULL))
}

fn bool_value(b: Option<bool>) -> Value {
    b.map_or(Value::Null, |b| Value::Int(i64::from(b)))
}

impl Node {
    /// The node's value. Leaves borrow (constants, cells); computed values are owned.
    /// Every arm that recurses delegates to a small function of its own, so that each level
    /// of a deep expression costs little stack (debug builds keep every temporary of a
    /// function in its frame).
    pub(super) fn eval<'a>(
        &'a self,
        env: &Env<'a>,
        rt: &mut Rt<'_>,
    ) -> Result<Cow<'a, Value>, ObError> {
        Ok(match self {
            Node::Const(v) => Cow::Borrowed(v),
            Node::Col(i) => cell(env.row, *i),
            Node::Out(i) => cell(env.outs, *i),
            Node::Agg(i) => cell(env.aggs, *i),
            Node::Neg(inner, text) => Cow::Owned(eval_neg(inner, text, env, rt)?),
            Node::Arith(op, l, r, text) => Cow::Owned(eval_arith(*op, l, r, text, env, rt)?),
            Node::Func { func, args, text } => Cow::Owned(eval_func(*func, args, text, env, rt)?),
            Node::Not(_)
            | Node::And(..)
            | Node::Or(..)
            | Node::Cmp(..)
            | Node::CmpColConst(..)
            | Node::Between { .. }
            | Node::In { .. }
            | Node::Like { .. }
            | Node::IsNull { .. } => Cow::Owned(bool_value(self.truth(env, rt)?)),
        })
    }

    /// Three-valued truth: Some(true), Some(false) or None (NULL). Boolean nodes answer
    /// directly, without building an intermediate value.
    pub(super) fn truth(&self, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
        match self {
            Node::Not(inner) => Ok(inner.truth(env, rt)?.map(|b| !b)),
            Node::And(l, r) => truth_and(l, r, env, rt),
            Node::Or(l, r) => truth_or(l, r, env, rt),
            Node::Cmp(op, l, r) => truth_cmp(*op, l, r, env, rt),
            Node::CmpColConst(op, col, constant) => Ok(match env.row.get(*col) {
                None | Some(Value::Null) => None,
                Some(v) => compare(v, constant).map(|o| op.holds(o)),
            }),
            Node::Between {
                expr,
                low,
                high,
                negated,
            } => truth_between(expr, low, high, *negated, env, rt),
            Node::In {
                expr,
                list,
                negated,
            } => truth_in(expr, list, *negated, env, rt),
            Node::Like {
                expr,
                pattern,
                fixed,
                negated,
            } => truth_like(expr, pattern, fixed.as_deref(), *negated, env, rt),
            Node::IsNull { expr, negated } => Ok(Some(expr.eval(env, rt)?.is_null() != *negated)),
            _ => truth_of_node(self, env, rt),
        }
    }
}

#[inline(never)]
fn truth_of_node(node: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(truth_of(&*node.eval(env, rt)?))
}

#[inline(never)]
fn eval_neg(inner: &Node, text: &str, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Value, ObError> {
    let v = inner.eval(env, rt)?;
    negate(&v, text)
}

#[inline(never)]
fn eval_arith(
    op: ArithOp,
    l: &Node,
    r: &Node,
    text: &str,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Value, ObError> {
    // MySQL does not evaluate the right operand once the left one is NULL.
    let a = l.eval(env, rt)?;
    if a.is_null() {
        return Ok(Value::Null);
    }
    let b = r.eval(env, rt)?;
    arith(op, &a, &b, text)
}

#[inline(never)]
fn truth_and(l: &Node, r: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(match l.truth(env, rt)? {
        Some(false) => Some(false),
        left => match r.truth(env, rt)? {
            Some(false) => Some(false),
            Some(true) => left,
            None => None,
        },
    })
}

#[inline(never)]
fn truth_or(l: &Node, r: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(match l.truth(env, rt)? {
        Some(true) => Some(true),
        left => match r.truth(env, rt)? {
            Some(true) => Some(true),
            Some(false) => left,
            None => None,
        },
    })
}

#[inline(never)]
fn truth_cmp(
    op: CmpOp,
    l: &Node,
    r: &Node,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let a = l.eval(env, rt)?;
    if a.is_null() {
        return Ok(None);
    }
    let b = r.eval(env, rt)?;
    Ok(compare(&a, &b).map(|o| op.holds(o)))
}

#[inline(never)]
fn truth_between(
    expr: &Node,
    low: &Node,
    high: &Node,
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let lo = low.eval(env, rt)?;
    let hi = high.eval(env, rt)?;
    let ge = compare(&v, &lo).map(|o| o != Ordering::Less);
    let le = compare(&v, &hi).map(|o| o != Ordering::Greater);
    let inside = match (ge, le) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    Ok(inside.map(|b| b != negated))
}

#[inline(never)]
fn truth_in(
    expr: &Node,
    list: &[Node],
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let mut saw_null = false;
    for item in list {
        let x = item.eval(env, rt)?;
        match compare(&v, &x) {
            Some(Ordering::Equal) => return Ok(Some(!negated)),
            Some(_) => {}
            None => saw_null = true,
        }
    }
    // `x IN (..., NULL)` without a match is unknown, not false.
    Ok(if saw_null { None } else { Some(negated) })
}

#[inline(never)]
fn truth_like(
    expr: &Node,
    pattern: &Node,
    fixed: Option<&[PatTok]>,
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let text = value_str(&v);
    let matched = match fixed {
        Some(tokens) => like_match(&text, tokens),
        None => {
            let p = pattern.eval(env, rt)?;
            if p.is_null() {
                return Ok(None);
            }
            like_match(&text, &compile_like(&value_str(&p)))
        }
    };
    Ok(Some(matched != negated))
}

/// MySQL's truth of a value: non-zero numbers are true, strings by their numeric prefix
/// (`'abc'` is 0, so false), NULL is unknown.
fn truth_of(v: &Value) -> Option<bool> {
    Some(match v {
        Value::Null => return None,
        Value::Int(i) => *i != 0,
        Value::UInt(u) => *u != 0,
        Value::Decimal { mantissa, .. } => *mantissa != 0,
        Value::Str(s) => match str_to_num(s) {
            Num::Exact(m, _) => m != 0,
            Num::Float(f) => f != 0.0,
        },
        Value::DateTime { .. } => true,
    })
}

/// A value's text as string functions see it.
pub(super) fn value_str(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Str(s) => Cow::Borrowed(s.as_str()),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.render()),
    }
}
