//! The restore drill's challenge (issue 14): "a minute ago someone ran DELETE FROM shop.orders;
//! get the rows back". Its setup is the `deleted` scenario; the page shows the goal, a hint per
//! request and, only when asked, the solution; `solved` checks the cluster.
//!
//! Invariant: solved exactly when some restored tenant of mysql_tenant, its data built, holds
//! shop.orders with the rows the source had just before its last DELETE on that table: not
//! before the restore has built the rows, not for a restore to a moment after the DELETE or
//! before the last INSERT.

use crate::cluster::Cluster;
use crate::userdata::{DataOp, UserData};

pub struct Challenge {
    pub id: &'static str,
    pub title: &'static str,
    /// What the page shows as the goal.
    pub goal: &'static str,
    /// The scenario the challenge's session starts from.
    pub scenario: &'static str,
    /// Shown one at a time, on request.
    pub hints: &'static [&'static str],
    /// The statements, shown only when asked for.
    pub solution: &'static str,
    check: fn(&Cluster) -> bool,
}

impl Challenge {
    pub fn solved(&self, c: &Cluster) -> bool {
        (self.check)(c)
    }
}

const SOURCE: &str = "mysql_tenant";
const DB: &str = "shop";
const TABLE: &str = "orders";

pub static DELETED_ORDERS: Challenge = Challenge {
    id: "deleted-orders",
    title: "Get the orders back",
    goal: "A minute ago someone ran DELETE FROM shop.orders in mysql_tenant. Get every row back, as it was just before the DELETE, in a restored tenant.",
    scenario: "deleted",
    hints: &[
        "The rows are in the full backup and the archive log of mysql_tenant: a restore into a new tenant brings them back, to any moment of the restorable window.",
        "Pick a moment on the timeline after the last INSERT and before the DELETE (the transcript shows both with SELECT NOW()). A moment after the DELETE restores an empty table.",
        "A restore needs an unused resource pool: CREATE RESOURCE UNIT, then CREATE RESOURCE POOL. If RESTORE says 4018, the archive has not reached the moment yet: wait a minute.",
    ],
    solution: "CREATE RESOURCE UNIT restore_unit MAX_CPU 2, MEMORY_SIZE = '5G';\n\
CREATE RESOURCE POOL restore_pool UNIT = 'restore_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');\n\
ALTER SYSTEM RESTORE orders_back FROM 'file:///data/backup/data/mysql_tenant,file:///data/backup/archive/mysql_tenant' UNTIL TIME = '2024-05-09 17:53:40' WITH 'pool_list=restore_pool';",
    check: orders_back,
};

pub static CHALLENGES: [&Challenge; 1] = [&DELETED_ORDERS];

/// Whether a restored tenant of mysql_tenant holds shop.orders as it was just before the last
/// DELETE on it.
fn orders_back(c: &Cluster) -> bool {
    let Some(src) = c.tenant_by_name(SOURCE) else {
        return false;
    };
    let Some(data) = c.user_data.get(&src.id) else {
        return false;
    };
    let deleted_at = data.log.iter().rev().find_map(|(scn, op)| match op {
        DataOp::Delete { db, table, .. }
            if db.eq_ignore_ascii_case(DB) && table.eq_ignore_ascii_case(TABLE) =>
        {
            Some(*scn)
        }
        _ => None,
    });
    let Some(deleted_at) = deleted_at else {
        return false;
    };
    let before = data.as_of(deleted_at - 1, &UserData::for_mode(src.mode));
    let Some(want) = before.table(DB, TABLE).filter(|t| !t.rows.is_empty()) else {
        return false;
    };
    c.restore
        .recovering
        .iter()
        .filter(|r| r.data_built && r.backup_tenant_id == src.id)
        .filter_map(|r| c.user_data.get(&r.tenant_id))
        .filter_map(|d| d.table(DB, TABLE))
        .any(|t| t.rows == want.rows)
}

#[cfg(test)]
mod tests;
