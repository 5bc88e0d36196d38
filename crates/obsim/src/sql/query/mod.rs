//! The query evaluator: expressions, predicates and single-table `SELECT` over rows that the
//! executor provides (a system view or a user table), with the semantics OceanBase's MySQL mode
//! shows: NULL propagation and three-valued logic, `utf8mb4_general_ci` string comparison,
//! exact DECIMAL arithmetic and MySQL's error texts.
//!
//! Every expression is compiled once per statement into a `Node` tree whose column
//! references are already resolved to indexes (and whose errors — unknown columns, unknown
//! functions, misplaced aggregates — are raised before any row is read, as MySQL's resolver
//! does). The row loop then does no name lookup and borrows cells instead of cloning them.
//!
//! This file is the API the executor uses; the work is done in submodules, one per concern:
//! - `select`: the SELECT pipeline ([`run_select`]), `project`: its output rows,
//!   `aggregate`: its aggregates and groups;
//! - `compile`: name resolution into `node::Node` trees, `functions`: the scalar functions;
//! - `eval`: evaluation on a row, with three-valued truth;
//! - `number` and `arith`: numeric conversions and MySQL's arithmetic;
//! - `collate` (`utf8mb4_general_ci` and LIKE) and `compare` (comparison, sorting, grouping
//!   keys).
//!
//! Its errors are named constructors of `crate::error::ObError` (`unknown_column`,
//! `invalid_group_function`, ...), with every other error text of the engine.
//!
//! Invariant: the evaluator never reads a clock or anything else outside its arguments and
//! the [`EvalContext`], so a result follows from the simulation alone.

mod aggregate;
mod arith;
mod collate;
mod compare;
mod compile;
mod eval;
mod functions;
mod node;
mod number;
mod project;
mod select;

use crate::error::ObError;
use crate::sql::ast::{Expr, Literal};
use crate::value::{Column, Value};

use collate::{compile_like, like_match};
use compile::Compiler;
use eval::{Env, Rt};
use node::Node;
use number::number_literal;

pub use select::run_select;

/// What an expression may ask of the session that runs it. The executor implements it; the
/// evaluator never reads a clock of its own, so results follow from the simulation alone.
pub trait EvalContext {
    /// The simulated clock, microseconds since the Unix epoch.
    fn now_micros(&self) -> i64;
    /// `SLEEP(n)` advances the simulated clock by `seconds`: always finite and positive
    /// (SLEEP of NULL, zero or a negative number does not call it), but possibly huge.
    fn sleep(&mut self, seconds: f64);
    fn current_database(&self) -> Option<String>;
    /// e.g. `root@sys`
    fn current_user(&self) -> String;
    /// e.g. `5.7.25-OceanBase_CE-v4.3.3.0`
    fn version(&self) -> String;
}

/// The clause an expression belongs to: it names the place in error 1054 and decides what the
/// expression may contain (aggregates, select-list aliases).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    FieldList,
    Where,
    GroupBy,
    Having,
    OrderBy,
}

impl Clause {
    /// The place as MySQL's `Unknown column 'x' in '<place>'` prints it.
    pub fn place(self) -> &'static str {
        match self {
            Clause::FieldList => "field list",
            Clause::Where => "where clause",
            Clause::GroupBy => "group statement",
            Clause::Having => "having clause",
            Clause::OrderBy => "order clause",
        }
    }
}

/// An expression compiled against a row layout, for executors that evaluate the same
/// expression on many rows (`UPDATE ... SET c = c + 1 WHERE ...`): names are resolved once.
#[derive(Clone, Debug)]
pub struct CompiledExpr {
    node: Node,
}

impl CompiledExpr {
    /// The expression's value on `row` (laid out as the columns it was compiled against).
    pub fn eval(&self, row: &[Value], ctx: &mut dyn EvalContext) -> Result<Value, ObError> {
        let mut rt = Rt::new(ctx);
        let env = Env::row(row);
        Ok(self.node.eval(&env, &mut rt)?.into_owned())
    }

    /// Whether the expression holds on `row`; NULL (unknown) does not hold, as in WHERE.
    pub fn matches(&self, row: &[Value], ctx: &mut dyn EvalContext) -> Result<bool, ObError> {
        let mut rt = Rt::new(ctx);
        let env = Env::row(row);
        Ok(self.node.truth(&env, &mut rt)? == Some(true))
    }
}

/// Compiles `expr` against `columns`. Aggregates are rejected (1111) and select-list aliases
/// are unknown: this is for expressions outside a SELECT (UPDATE's SET and WHERE, INSERT's
/// VALUES). Qualified names (`t.c`) resolve by their column part.
pub fn compile_expr(
    expr: &Expr,
    columns: &[Column],
    clause: Clause,
) -> Result<CompiledExpr, ObError> {
    let mut compiler = Compiler::new(columns, None, None);
    compiler.clause = clause;
    let (node, _) = compiler.compile(expr)?;
    Ok(CompiledExpr { node })
}

/// Evaluates one expression, optionally against one row (`columns`, `values`). Unknown
/// columns are reported in the 'field list' (as UPDATE's SET does).
pub fn eval_expr(
    expr: &Expr,
    row: Option<(&[Column], &[Value])>,
    ctx: &mut dyn EvalContext,
) -> Result<Value, ObError> {
    let (columns, values) = row.unwrap_or((&[], &[]));
    compile_expr(expr, columns, Clause::FieldList)?.eval(values, ctx)
}

/// The value of a literal as typed: integers as BIGINT (or BIGINT UNSIGNED, or DECIMAL when
/// too large), numbers with a point as exact DECIMAL with the typed scale, TRUE/FALSE as 1/0.
pub fn literal_value(lit: &Literal) -> Value {
    match lit {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Int(i64::from(*b)),
        Literal::String(s) => Value::Str(s.clone()),
        Literal::Number(text) => number_literal(text),
    }
}

/// `text LIKE pattern` (case-insensitive, `%`, `_` and `\` escapes), for SHOW ... LIKE.
pub fn sql_like(text: &str, pattern: &str) -> bool {
    like_match(text, &compile_like(pattern))
}

#[cfg(test)]
mod tests;
