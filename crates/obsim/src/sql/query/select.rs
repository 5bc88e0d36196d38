//! The single-table SELECT pipeline. The clauses are resolved first, in OceanBase's order
//! (the select list first, so its errors win), then the rows run through WHERE, GROUP BY and
//! the aggregates, HAVING, DISTINCT, ORDER BY and LIMIT/OFFSET, in MySQL's order.
//!
//! Invariant: every clause is compiled before the first row is read, and the output order
//! is deterministic: groups come sorted by their GROUP BY values (as MySQL 5.7 returns them)
//! and ORDER BY is a stable sort.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::aggregate::{Acc, Group};
use super::compare::{Key, cmp_rows, key_of};
use super::compile::Compiler;
use super::eval::{Env, Rt};
use super::node::{Node, final_kind};
use super::project::{Output, Sink};
use super::{Clause, EvalContext};
use crate::error::ObError;
use crate::sql::ast::{Expr, Literal, Select, SelectItem};
use crate::value::{Column, ResultSet, Value};

/// Runs a single-table SELECT over `source` (`None`: no FROM, which yields one empty row, as
/// `SELECT NOW()` needs). The order of work is MySQL's: WHERE, GROUP BY and aggregates,
/// HAVING, DISTINCT, ORDER BY, LIMIT/OFFSET.
pub fn run_select<R: AsRef<[Value]>>(
    select: &Select,
    source: Option<(&[Column], &[R])>,
    ctx: &mut dyn EvalContext,
) -> Result<ResultSet, ObError> {
    // Rows are borrowed, not copied: a table's rows are scanned in place.
    let unit_row: [&[Value]; 1] = [&[]];
    let rows: Vec<&[Value]> = match source {
        Some((_, rows)) => rows.iter().map(AsRef::as_ref).collect(),
        None => unit_row.to_vec(),
    };
    let columns: &[Column] = source.map_or(&[], |(c, _)| c);
    let rows: &[&[Value]] = &rows;
    let mut compiler = Compiler::new(columns, select.from.as_ref(), ctx.current_database());

    // The select list is resolved first, as OceanBase's resolver does: its errors win.
    let mut outputs: Vec<Output> = Vec::new();
    // Columns HAVING may name outside an aggregate: select-list and GROUP BY columns.
    let mut having_names: Vec<String> = Vec::new();
    compiler.clause = Clause::FieldList;
    compiler.allow_aggs = true;
    for item in &select.projection {
        match item {
            SelectItem::Wildcard => {
                if source.is_none() {
                    return Err(ObError::no_tables_used());
                }
                for (i, col) in columns.iter().enumerate() {
                    outputs.push(Output {
                        node: Node::Col(i),
                        ty: Some(col.kind),
                        name: col.name.clone(),
                    });
                    having_names.push(col.name.clone());
                }
            }
            SelectItem::Expr { expr, alias, text } => {
                let (node, ty) = compiler.compile(expr)?;
                let index = outputs.len();
                match alias {
                    Some(alias) => compiler.aliases.push((alias.clone(), index)),
                    None => compiler.item_names.push((text.clone(), index)),
                }
                if let Expr::Column(parts) = expr
                    && let Some(last) = parts.last()
                {
                    having_names.push(last.clone());
                }
                outputs.push(Output {
                    node,
                    ty,
                    name: alias.clone().unwrap_or_else(|| header(expr, text)),
                });
            }
        }
    }
    compiler.out_kinds = outputs.iter().map(|o| o.ty).collect();

    compiler.clause = Clause::Where;
    compiler.allow_aggs = false;
    let filter = match &select.selection {
        Some(expr) => Some(compiler.compile(expr)?.0),
        None => None,
    };

    compiler.clause = Clause::GroupBy;
    let mut group_nodes = Vec::with_capacity(select.group_by.len());
    for expr in &select.group_by {
        group_nodes.push(compile_group_item(&mut compiler, &outputs, expr)?);
        if let Expr::Column(parts) = expr
            && let Some(last) = parts.last()
        {
            having_names.push(last.clone());
        }
    }

    compiler.clause = Clause::Having;
    compiler.allow_aggs = true;
    compiler.use_aliases = true;
    compiler.having_names = Some(having_names);
    let having = match &select.having {
        Some(expr) => Some(compiler.compile(expr)?.0),
        None => None,
    };
    compiler.having_names = None;

    compiler.clause = Clause::OrderBy;
    let mut order = Vec::with_capacity(select.order_by.len());
    for item in &select.order_by {
        let node = match position(&item.expr) {
            Some((pos, text)) => match position_index(pos, outputs.len()) {
                Some(i) => Node::Out(i),
                None => return Err(ObError::unknown_column(text, Clause::OrderBy.place())),
            },
            None => compiler.compile(&item.expr)?.0,
        };
        order.push((node, item.asc));
    }
    let aggs = std::mem::take(&mut compiler.aggs);
    let aggregated = !group_nodes.is_empty() || !aggs.is_empty();

    let mut rt = Rt::new(ctx);
    let limit = select.limit.map(to_usize);
    let offset = select.offset.map_or(0, to_usize);
    let mut sink = Sink {
        outputs: &outputs,
        having: having.as_ref(),
        order: &order,
        distinct: select.distinct,
        seen: BTreeSet::new(),
        rows: Vec::new(),
        // Without ORDER BY the first offset+limit rows are final: stop early, as MySQL does
        // (it also means `SELECT SLEEP(1) FROM t LIMIT 1` sleeps once).
        needed: if order.is_empty() {
            limit.map(|l| l.saturating_add(offset))
        } else {
            None
        },
    };

    if aggregated {
        let null_row = vec![Value::Null; columns.len()];
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut index: BTreeMap<Vec<Key>, usize> = BTreeMap::new();
        for row in rows {
            let env = Env::row(row);
            if let Some(f) = &filter
                && f.truth(&env, &mut rt)? != Some(true)
            {
                continue;
            }
            let mut values = Vec::with_capacity(group_nodes.len());
            for node in &group_nodes {
                values.push(node.eval(&env, &mut rt)?);
            }
            let key: Vec<Key> = values.iter().map(|v| key_of(v)).collect();
            let slot = match index.get(&key) {
                Some(&slot) => slot,
                None => {
                    let slot = groups.len();
                    index.insert(key, slot);
                    groups.push(Group {
                        first: row,
                        keys: values.into_iter().map(Cow::into_owned).collect(),
                        accs: aggs.iter().map(Acc::new).collect(),
                    });
                    slot
                }
            };
            if let Some(group) = groups.get_mut(slot) {
                for (spec, acc) in aggs.iter().zip(group.accs.iter_mut()) {
                    acc.feed(spec, &env, &mut rt)?;
                }
            }
        }
        // Aggregates without GROUP BY make one row even from no rows (COUNT 0, SUM NULL);
        // its non-aggregated columns read as NULL.
        if group_nodes.is_empty() && groups.is_empty() {
            groups.push(Group {
                first: &null_row,
                keys: Vec::new(),
                accs: aggs.iter().map(Acc::new).collect(),
            });
        }
        // MySQL 5.7 returns groups sorted by the GROUP BY columns; doing the same keeps the
        // output deterministic and familiar (ORDER BY, being a stable sort, keeps it for ties).
        crate::order::sort_by(&mut groups, |a, b| cmp_rows(&a.keys, &b.keys, None));
        for group in groups {
            let values: Vec<Value> = group
                .accs
                .into_iter()
                .zip(&aggs)
                .map(|(acc, spec)| acc.finish(spec))
                .collect();
            if !sink.push(group.first, &values, &mut rt)? {
                break;
            }
        }
    } else {
        for row in rows {
            let env = Env::row(row);
            if let Some(f) = &filter
                && f.truth(&env, &mut rt)? != Some(true)
            {
                continue;
            }
            if !sink.push(row, &[], &mut rt)? {
                break;
            }
        }
    }

    let mut produced = sink.rows;
    if !order.is_empty() {
        let directions: Vec<bool> = order.iter().map(|(_, asc)| *asc).collect();
        let cmp = |a: &(Vec<Value>, Vec<Value>), b: &(Vec<Value>, Vec<Value>)| {
            cmp_rows(&a.1, &b.1, Some(&directions))
        };
        // ORDER BY … LIMIT k only needs the first k rows in order.
        match limit.map(|l| l.saturating_add(offset)) {
            Some(k) if k <= 1024 && k < produced.len() => {
                produced = crate::order::smallest_k(produced, k, cmp);
            }
            _ => crate::order::sort_by(&mut produced, cmp),
        }
    }
    let rows = produced
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .map(|(values, _)| values)
        .collect();
    let columns = outputs
        .iter()
        .map(|o| Column::new(o.name.clone(), final_kind(o.ty)))
        .collect();
    Ok(ResultSet { columns, rows })
}

/// The header of an unaliased select item: the text as typed, except that MySQL names a
/// column reference by its column part (`t.job_id` → `job_id`, backquotes removed) and a
/// string literal by its value (`SELECT 'abc'` → `abc`).
fn header(expr: &Expr, text: &str) -> String {
    match expr {
        Expr::Column(parts) => parts.last().cloned().unwrap_or_default(),
        Expr::Literal(Literal::String(s)) => s.clone(),
        _ => text.to_string(),
    }
}

/// A GROUP BY item: a 1-based select-list position, a select-list alias (when no source
/// column has that name: MySQL prefers the column in GROUP BY), or an expression.
fn compile_group_item(
    compiler: &mut Compiler<'_>,
    outputs: &[Output],
    expr: &Expr,
) -> Result<Node, ObError> {
    let by_output = |index: usize| -> Result<Node, ObError> {
        let output = outputs
            .get(index)
            .ok_or_else(|| ObError::unknown_column(&index.to_string(), Clause::GroupBy.place()))?;
        if output.node.has_agg() {
            Err(ObError::cant_group_on(&output.name))
        } else {
            Ok(output.node.clone())
        }
    };
    if let Some((pos, text)) = position(expr) {
        return match position_index(pos, outputs.len()) {
            Some(index) => by_output(index),
            None => Err(ObError::unknown_column(text, Clause::GroupBy.place())),
        };
    }
    if let Expr::Column(parts) = expr
        && let [name] = parts.as_slice()
        && compiler.column_index(name).is_none()
        && let Some(&(_, index)) = compiler
            .aliases
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
    {
        return by_output(index);
    }
    Ok(compiler.compile(expr)?.0)
}

/// `ORDER BY 2` / `GROUP BY 2`: a bare unsigned integer literal is a select-list position.
fn position(expr: &Expr) -> Option<(u64, &str)> {
    match expr {
        Expr::Literal(Literal::Number(text))
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some((text.parse().unwrap_or(u64::MAX), text.as_str()))
        }
        _ => None,
    }
}

fn position_index(pos: u64, count: usize) -> Option<usize> {
    let index = usize::try_from(pos.checked_sub(1)?).ok()?;
    (index < count).then_some(index)
}

fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}
