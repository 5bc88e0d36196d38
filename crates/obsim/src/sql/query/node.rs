//! The compiled form of an expression: the [`Node`] tree the evaluator walks, its operators,
//! and the static type ([`Ty`]) the compiler gives it, by MySQL's result-type rules.
//!
//! Invariant: a node holds no names. Columns, select-list outputs and aggregates are indexes
//! resolved at compile time, so evaluating a node never looks anything up; the static type
//! only decides a result column's kind (how obclient aligns it), never a value.

use std::cmp::Ordering;

use super::collate::PatTok;
use super::functions::Func;
use crate::value::{ColumnKind, Value};

/// A value's static type; None is the type of the NULL literal.
pub(super) type Ty = Option<ColumnKind>;

/// The type of comparisons and logical operators (MySQL's booleans are integers).
pub(super) const INT_TY: Ty = Some(ColumnKind::Int);

/// The kind of a result column of static type `ty`.
pub(super) fn final_kind(ty: Ty) -> ColumnKind {
    // The mysql client treats the NULL type as numeric (IS_NUM), so a NULL-typed column
    // aligns like an integer one.
    ty.unwrap_or(ColumnKind::Int)
}

/// A comparison operator (`=`, `<>`, `<`, `<=`, `>`, `>=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
}

impl CmpOp {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    pub(super) fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::LtEq => CmpOp::GtEq,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::GtEq => CmpOp::LtEq,
            other => other,
        }
    }

    /// Whether `a op b` holds when `a` compares to `b` as `o`.
    pub(super) fn holds(self, o: Ordering) -> bool {
        match self {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::NotEq => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtEq => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::GtEq => o != Ordering::Less,
        }
    }
}

/// An arithmetic operator (`+`, `-`, `*`, `/`, `%` and MOD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// A compiled expression. Operators that can fail keep the expression's SQL text, which
/// MySQL quotes in the error (`BIGINT value is out of range in '(a + 1)'`).
#[derive(Clone, Debug)]
pub(super) enum Node {
    Const(Value),
    /// A source column by index.
    Col(usize),
    /// A select-list output by index (aliases and positions in ORDER BY and HAVING).
    Out(usize),
    /// An aggregate result by slot.
    Agg(usize),
    Not(Box<Node>),
    /// Unary minus; the text names the expression in error 1690.
    Neg(Box<Node>, Box<str>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cmp(CmpOp, Box<Node>, Box<Node>),
    /// `column op constant` (or the mirror image, with the operator flipped): the common
    /// WHERE shape, compared without evaluating two sub-nodes per row.
    CmpColConst(CmpOp, usize, Value),
    Arith(ArithOp, Box<Node>, Box<Node>, Box<str>),
    Between {
        expr: Box<Node>,
        low: Box<Node>,
        high: Box<Node>,
        negated: bool,
    },
    In {
        expr: Box<Node>,
        list: Vec<Node>,
        negated: bool,
    },
    Like {
        expr: Box<Node>,
        pattern: Box<Node>,
        /// The compiled pattern when it is a constant, so rows do not recompile it.
        fixed: Option<Vec<PatTok>>,
        negated: bool,
    },
    IsNull {
        expr: Box<Node>,
        negated: bool,
    },
    Func {
        func: Func,
        args: Vec<Node>,
        text: Box<str>,
    },
}

impl Node {
    /// Whether the node reads an aggregate (a select item that does cannot be grouped on).
    pub(super) fn has_agg(&self) -> bool {
        match self {
            Node::Agg(_) => true,
            Node::Const(_) | Node::Col(_) | Node::Out(_) | Node::CmpColConst(..) => false,
            Node::Not(e) | Node::Neg(e, _) | Node::IsNull { expr: e, .. } => e.has_agg(),
            Node::And(a, b) | Node::Or(a, b) | Node::Cmp(_, a, b) | Node::Arith(_, a, b, _) => {
                a.has_agg() || b.has_agg()
            }
            Node::Between {
                expr, low, high, ..
            } => expr.has_agg() || low.has_agg() || high.has_agg(),
            Node::In { expr, list, .. } => expr.has_agg() || list.iter().any(Node::has_agg),
            Node::Like { expr, pattern, .. } => expr.has_agg() || pattern.has_agg(),
            Node::Func { args, .. } => args.iter().any(Node::has_agg),
        }
    }
}

/// The static type of a constant.
pub(super) fn value_ty(v: &Value) -> Ty {
    match v {
        Value::Null => None,
        Value::Int(_) => Some(ColumnKind::Int),
        Value::UInt(_) => Some(ColumnKind::UInt),
        Value::Decimal { .. } => Some(ColumnKind::Decimal),
        Value::Str(_) => Some(ColumnKind::Text),
        Value::DateTime { .. } => Some(ColumnKind::DateTime),
    }
}

/// The result type of `a op b`: integers stay integers (UNSIGNED if either is), `/` is always
/// DECIMAL, anything else numeric is DECIMAL (strings and date-times convert to numbers).
pub(super) fn arith_ty(op: ArithOp, a: Ty, b: Ty) -> Ty {
    use ColumnKind::{Decimal, Int, UInt};
    if op == ArithOp::Div {
        return Some(Decimal);
    }
    Some(match (a.unwrap_or(Int), b.unwrap_or(Int)) {
        (Int, Int) => Int,
        (Int | UInt, Int | UInt) => UInt,
        _ => Decimal,
    })
}

/// The type of a value chosen among several (IFNULL, COALESCE, IF, GREATEST).
pub(super) fn merge_ty(a: Ty, b: Ty) -> Ty {
    match (a, b) {
        (None, t) | (t, None) => t,
        (Some(x), Some(y)) if x == y => Some(x),
        (Some(x), Some(y)) if x.is_numeric() && y.is_numeric() => Some(ColumnKind::Decimal),
        _ => Some(ColumnKind::Text),
    }
}
