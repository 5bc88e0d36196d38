//! Projection: each row (or group) that passed WHERE becomes an output row: its select-list
//! values, then HAVING, DISTINCT, and its ORDER BY keys.
//!
//! Invariant: HAVING and ORDER BY see the select-list values already computed for the row
//! (so aliases read the projected value), and without ORDER BY the sink stops as soon as it
//! holds OFFSET + LIMIT rows (later rows cannot displace them).

use std::collections::BTreeSet;

use super::compare::{Key, key_of};
use super::eval::{Env, Rt};
use super::node::{Node, Ty};
use crate::error::ObError;
use crate::value::Value;

/// One select-list column.
pub(super) struct Output {
    pub(super) node: Node,
    pub(super) ty: Ty,
    pub(super) name: String,
}

/// Collects result rows: projects, applies HAVING and DISTINCT, computes sort keys.
pub(super) struct Sink<'q> {
    pub(super) outputs: &'q [Output],
    pub(super) having: Option<&'q Node>,
    pub(super) order: &'q [(Node, bool)],
    pub(super) distinct: bool,
    pub(super) seen: BTreeSet<Vec<Key>>,
    /// (output values, ORDER BY keys)
    pub(super) rows: Vec<(Vec<Value>, Vec<Value>)>,
    /// Stop after this many rows (no ORDER BY: later rows cannot displace them).
    pub(super) needed: Option<usize>,
}

impl Sink<'_> {
    /// Adds the row (or group) `row` with aggregate values `aggs`; false once enough rows are
    /// collected.
    pub(super) fn push(
        &mut self,
        row: &[Value],
        aggs: &[Value],
        rt: &mut Rt<'_>,
    ) -> Result<bool, ObError> {
        if self.needed.is_some_and(|n| self.rows.len() >= n) {
            return Ok(false);
        }
        let env = Env {
            row,
            aggs,
            outs: &[],
        };
        let mut outs = Vec::with_capacity(self.outputs.len());
        for output in self.outputs {
            outs.push(output.node.eval(&env, rt)?.into_owned());
        }
        let env = Env {
            row,
            aggs,
            outs: &outs,
        };
        if let Some(having) = self.having
            && having.truth(&env, rt)? != Some(true)
        {
            return Ok(true);
        }
        if self.distinct && !self.seen.insert(outs.iter().map(key_of).collect()) {
            return Ok(true);
        }
        let mut keys = Vec::with_capacity(self.order.len());
        for (node, _) in self.order {
            keys.push(node.eval(&env, rt)?.into_owned());
        }
        self.rows.push((outs, keys));
        Ok(self.needed.is_none_or(|n| self.rows.len() < n))
    }
}
