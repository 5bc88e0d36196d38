//! Name resolution: turns an AST [`Expr`] into a [`Node`] against a row layout, for one
//! clause of one statement (which decides what a name may mean and whether aggregates are
//! allowed).
//!
//! Invariant: every error that does not depend on a row's values (unknown columns and
//! functions, wrong argument counts, misplaced aggregates, an expression too deep) is raised
//! here, before any row is read, as MySQL's resolver does; recursion never goes deeper than
//! the parser's own bound ([`MAX_DEPTH`]).

use super::aggregate::{AggFunc, AggSpec, aggregate_function};
use super::collate::compile_like;
use super::eval::value_str;
use super::functions::{func_ty, resolve_scalar};
use super::node::{ArithOp, CmpOp, INT_TY, Node, Ty, arith_ty, value_ty};
use super::{Clause, literal_value};
use crate::calendar::parse_datetime;
use crate::error::ObError;
use crate::sql::ast::{BinaryOp, Expr, Literal, ObjectName, UnaryOp};
use crate::sql::parser::MAX_EXPRESSION_DEPTH;
use crate::value::{Column, ColumnKind, Value};

/// Compile-time recursion bound: the parser's own bound on a tree's height, so every parsed
/// expression compiles, while hand-built trees cannot recurse deeper than parsed ones.
pub(super) const MAX_DEPTH: usize = MAX_EXPRESSION_DEPTH;

/// Name resolution state for one statement.
pub(super) struct Compiler<'s> {
    columns: &'s [Column],
    /// The FROM table, against which qualified names (`t.c`, `db.t.c`) are checked.
    table: Option<&'s ObjectName>,
    current_db: Option<String>,
    pub(super) clause: Clause,
    pub(super) allow_aggs: bool,
    in_agg: bool,
    pub(super) aggs: Vec<AggSpec>,
    /// Explicit select-list aliases (ORDER BY and HAVING may use them).
    pub(super) aliases: Vec<(String, usize)>,
    /// Select items without alias by their text, a fallback after source columns.
    pub(super) item_names: Vec<(String, usize)>,
    pub(super) out_kinds: Vec<Ty>,
    pub(super) use_aliases: bool,
    /// In HAVING: the source columns it may name outside an aggregate.
    pub(super) having_names: Option<Vec<String>>,
    depth: usize,
}

impl<'s> Compiler<'s> {
    pub(super) fn new(
        columns: &'s [Column],
        table: Option<&'s ObjectName>,
        current_db: Option<String>,
    ) -> Compiler<'s> {
        Compiler {
            columns,
            table,
            current_db,
            clause: Clause::FieldList,
            allow_aggs: false,
            in_agg: false,
            aggs: Vec::new(),
            aliases: Vec::new(),
            item_names: Vec::new(),
            out_kinds: Vec::new(),
            use_aliases: false,
            having_names: None,
            depth: 0,
        }
    }

    pub(super) fn compile(&mut self, expr: &Expr) -> Result<(Node, Ty), ObError> {
        if self.depth >= MAX_DEPTH {
            return Err(ObError::size_overflow());
        }
        self.depth += 1;
        let result = self.compile_inner(expr);
        self.depth -= 1;
        result
    }

    /// Dispatches on the expression kind. Each arm lives in its own small function so that
    /// the frames on the recursion path stay small (deep expressions recurse through here;
    /// debug builds and wasm have small stacks). Parentheses and unary plus are peeled in a
    /// loop: they only group.
    fn compile_inner(&mut self, mut expr: &Expr) -> Result<(Node, Ty), ObError> {
        while let Expr::Nested(inner)
        | Expr::Unary {
            op: UnaryOp::Plus,
            expr: inner,
        } = expr
        {
            expr = inner;
        }
        match expr {
            Expr::Literal(lit) => Ok(compile_literal(lit)),
            Expr::Column(parts) => self.column(parts),
            Expr::Unary { op, expr: inner } => self.unary(expr, *op, inner),
            Expr::Binary { left, op, right } => self.binary(expr, left, *op, right),
            Expr::Between {
                expr: inner,
                negated,
                low,
                high,
            } => self.between(inner, *negated, low, high),
            Expr::InList {
                expr: inner,
                negated,
                list,
            } => self.in_list(inner, *negated, list),
            Expr::Like {
                expr: inner,
                negated,
                pattern,
            } => self.like(inner, *negated, pattern),
            Expr::IsNull {
                expr: inner,
                negated,
            } => self.is_null(inner, *negated),
            Expr::Function {
                name,
                args,
                star,
                distinct,
            } => self.function(expr, name, args, *star, *distinct),
            // Peeled above.
            Expr::Nested(inner) => self.compile(inner),
        }
    }

    #[inline(never)]
    fn unary(&mut self, whole: &Expr, op: UnaryOp, inner: &Expr) -> Result<(Node, Ty), ObError> {
        let inner = self.compile(inner)?;
        Ok(build_unary(whole, op, inner))
    }

    #[inline(never)]
    fn is_null(&mut self, inner: &Expr, negated: bool) -> Result<(Node, Ty), ObError> {
        let (e, _) = self.compile(inner)?;
        let node = Node::IsNull {
            expr: Box::new(e),
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn binary(
        &mut self,
        whole: &Expr,
        left: &Expr,
        op: BinaryOp,
        right: &Expr,
    ) -> Result<(Node, Ty), ObError> {
        let l = self.compile(left)?;
        let r = self.compile(right)?;
        Ok(build_binary(whole, op, l, r))
    }

    #[inline(never)]
    fn between(
        &mut self,
        inner: &Expr,
        negated: bool,
        low: &Expr,
        high: &Expr,
    ) -> Result<(Node, Ty), ObError> {
        let (e, et) = self.compile(inner)?;
        let (lo, _) = self.compile(low)?;
        let (hi, _) = self.compile(high)?;
        let node = Node::Between {
            expr: Box::new(e),
            low: Box::new(coerce_const(lo, et)),
            high: Box::new(coerce_const(hi, et)),
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn in_list(
        &mut self,
        inner: &Expr,
        negated: bool,
        list: &[Expr],
    ) -> Result<(Node, Ty), ObError> {
        let (e, et) = self.compile(inner)?;
        let mut items = Vec::with_capacity(list.len());
        for item in list {
            items.push(coerce_const(self.compile(item)?.0, et));
        }
        let node = Node::In {
            expr: Box::new(e),
            list: items,
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn like(&mut self, inner: &Expr, negated: bool, pattern: &Expr) -> Result<(Node, Ty), ObError> {
        let (e, _) = self.compile(inner)?;
        let (p, _) = self.compile(pattern)?;
        let fixed = match &p {
            Node::Const(v) if !v.is_null() => Some(compile_like(&value_str(v))),
            _ => None,
        };
        let node = Node::Like {
            expr: Box::new(e),
            pattern: Box::new(p),
            fixed,
            negated,
        };
        Ok((node, INT_TY))
    }

    /// Resolves a column name: select-list aliases first where they are visible (ORDER BY,
    /// HAVING — MySQL prefers the alias there), then the source's columns, then the text of
    /// unaliased select items (`ORDER BY `COUNT(*)``).
    fn column(&mut self, parts: &[String]) -> Result<(Node, Ty), ObError> {
        let full = parts.join(".");
        let Some(name) = parts.last() else {
            return Err(ObError::unknown_column(&full, self.clause.place()));
        };
        let outputs_visible = self.use_aliases && !self.in_agg && parts.len() == 1;
        if outputs_visible
            && let Some(&(_, index)) = self
                .aliases
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        {
            return Ok((Node::Out(index), self.out_kind(index)));
        }
        let found = if self.qualifier_matches(parts) {
            self.column_index(name)
        } else {
            None
        };
        if let Some(index) = found {
            if !self.in_agg
                && let Some(allowed) = &self.having_names
                && !allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
            {
                return Err(ObError::unknown_column(&full, self.clause.place()));
            }
            let ty = self.columns.get(index).map(|c| c.kind);
            return Ok((Node::Col(index), ty));
        }
        if outputs_visible
            && let Some(&(_, index)) = self
                .item_names
                .iter()
                .find(|(text, _)| text.eq_ignore_ascii_case(name))
        {
            return Ok((Node::Out(index), self.out_kind(index)));
        }
        Err(ObError::unknown_column(&full, self.clause.place()))
    }

    pub(super) fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    fn out_kind(&self, index: usize) -> Ty {
        self.out_kinds.get(index).copied().flatten()
    }

    /// `t.c` must name the FROM table and `db.t.c` also its database (table and database
    /// names compare case-insensitively: OceanBase's default lower_case_table_names is 1).
    /// Without a known table (UPDATE/INSERT expressions) any qualifier is accepted.
    fn qualifier_matches(&self, parts: &[String]) -> bool {
        let Some(table) = self.table else {
            return parts.len() <= 3;
        };
        match parts {
            [_] => true,
            [t, _] => t.eq_ignore_ascii_case(table.name()),
            [db, t, _] => {
                let schema = table
                    .schema()
                    .map(str::to_string)
                    .or_else(|| self.current_db.clone());
                t.eq_ignore_ascii_case(table.name())
                    && schema.is_none_or(|s| s.eq_ignore_ascii_case(db))
            }
            _ => false,
        }
    }

    fn function(
        &mut self,
        whole: &Expr,
        name: &str,
        args: &[Expr],
        star: bool,
        distinct: bool,
    ) -> Result<(Node, Ty), ObError> {
        if let Some(func) = aggregate_function(&name.to_ascii_uppercase()) {
            return self.aggregate(func, name, args, star, distinct);
        }
        let (func, args, text) = resolve_scalar(whole, name, args, star, distinct)?;
        let mut nodes = Vec::with_capacity(args.len());
        let mut tys = Vec::with_capacity(args.len());
        for arg in args {
            let (node, ty) = self.compile(arg)?;
            nodes.push(node);
            tys.push(ty);
        }
        let ty = func_ty(func, &tys);
        let node = Node::Func {
            func,
            args: nodes,
            text,
        };
        Ok((node, ty))
    }

    fn aggregate(
        &mut self,
        func: AggFunc,
        name: &str,
        args: &[Expr],
        star: bool,
        distinct: bool,
    ) -> Result<(Node, Ty), ObError> {
        // Aggregates belong to the select list, HAVING and ORDER BY; never nested.
        if !self.allow_aggs || self.in_agg {
            return Err(ObError::invalid_group_function());
        }
        let arity_ok = match func {
            AggFunc::Count if star => args.is_empty(),
            AggFunc::Count => args.len() == 1 || (distinct && !args.is_empty()),
            _ => !star && args.len() == 1,
        };
        if !arity_ok {
            return Err(ObError::wrong_param_count(name));
        }
        self.in_agg = true;
        let mut nodes = Vec::with_capacity(args.len());
        let mut first_ty = None;
        for (i, arg) in args.iter().enumerate() {
            match self.compile(arg) {
                Ok((node, ty)) => {
                    if i == 0 {
                        first_ty = ty;
                    }
                    nodes.push(node);
                }
                Err(e) => {
                    self.in_agg = false;
                    return Err(e);
                }
            }
        }
        self.in_agg = false;
        let ty = match func {
            AggFunc::Count => Some(ColumnKind::Int),
            AggFunc::Sum | AggFunc::Avg => Some(ColumnKind::Decimal),
            AggFunc::Min | AggFunc::Max => first_ty,
        };
        let slot = self.aggs.len();
        self.aggs.push(AggSpec {
            func,
            distinct,
            star,
            args: nodes,
        });
        Ok((Node::Agg(slot), ty))
    }
}

#[inline(never)]
fn compile_literal(lit: &Literal) -> (Node, Ty) {
    let value = literal_value(lit);
    let ty = value_ty(&value);
    (Node::Const(value), ty)
}

#[inline(never)]
fn build_unary(whole: &Expr, op: UnaryOp, (node, ty): (Node, Ty)) -> (Node, Ty) {
    match op {
        UnaryOp::Plus => (node, ty),
        UnaryOp::Not => (Node::Not(Box::new(node)), INT_TY),
        UnaryOp::Minus => {
            let ty = match ty {
                Some(ColumnKind::Int | ColumnKind::UInt) | None => INT_TY,
                _ => Some(ColumnKind::Decimal),
            };
            (Node::Neg(Box::new(node), whole.to_sql().into()), ty)
        }
    }
}

#[inline(never)]
fn build_binary(
    whole: &Expr,
    op: BinaryOp,
    (l, lt): (Node, Ty),
    (r, rt): (Node, Ty),
) -> (Node, Ty) {
    let cmp_op = match op {
        BinaryOp::Eq => Some(CmpOp::Eq),
        BinaryOp::NotEq => Some(CmpOp::NotEq),
        BinaryOp::Lt => Some(CmpOp::Lt),
        BinaryOp::LtEq => Some(CmpOp::LtEq),
        BinaryOp::Gt => Some(CmpOp::Gt),
        BinaryOp::GtEq => Some(CmpOp::GtEq),
        _ => None,
    };
    let arith_op = match op {
        BinaryOp::Plus => Some(ArithOp::Add),
        BinaryOp::Minus => Some(ArithOp::Sub),
        BinaryOp::Multiply => Some(ArithOp::Mul),
        BinaryOp::Divide => Some(ArithOp::Div),
        BinaryOp::Modulo => Some(ArithOp::Mod),
        _ => None,
    };
    if let Some(cmp) = cmp_op {
        let (l, r) = (coerce_const(l, rt), coerce_const(r, lt));
        let node = match (l, r) {
            (Node::Col(i), Node::Const(v)) => Node::CmpColConst(cmp, i, v),
            (Node::Const(v), Node::Col(i)) => Node::CmpColConst(cmp.flipped(), i, v),
            (l, r) => Node::Cmp(cmp, Box::new(l), Box::new(r)),
        };
        (node, INT_TY)
    } else if let Some(arith) = arith_op {
        let text = whole.to_sql().into();
        (
            Node::Arith(arith, Box::new(l), Box::new(r), text),
            arith_ty(arith, lt, rt),
        )
    } else if op == BinaryOp::And {
        (Node::And(Box::new(l), Box::new(r)), INT_TY)
    } else {
        (Node::Or(Box::new(l), Box::new(r)), INT_TY)
    }
}

/// A string constant compared with a DATETIME operand is converted once, at compile time,
/// instead of being parsed again on every row (the result is the same either way).
fn coerce_const(node: Node, other: Ty) -> Node {
    if other == Some(ColumnKind::DateTime)
        && let Node::Const(Value::Str(s)) = &node
        && let Some(micros) = parse_datetime(s)
    {
        return Node::Const(Value::DateTime { micros, frac: true });
    }
    node
}
