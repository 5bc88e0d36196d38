//! Root service events: DBA_OB_ROOTSERVICE_EVENT_HISTORY (sys tenant only). Invariant: one value
//! per column of `EVENT_COLS`, in order; every row belongs to sys.

use super::{ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, int, text, ts};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::value::Value;

/// The backup, archive and restore events of the root service.
pub(super) const ROOTSERVICE_EVENT_HISTORY: ViewDef = ViewDef {
    base: "DBA_OB_ROOTSERVICE_EVENT_HISTORY",
    columns: EVENT_COLS,
    prefixed: false,
    sys_only: true,
    rows: event_rows,
};

const EVENT_COLS: &[ColDef] = &[
    col("TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("MODULE", "varchar(256)", NO, NULL),
    col("EVENT", "varchar(256)", NO, NULL),
    col("NAME1", "varchar(256)", YES, EMPTY),
    col("VALUE1", "varchar(4096)", YES, EMPTY),
    col("NAME2", "varchar(256)", YES, EMPTY),
    col("VALUE2", "longtext", YES, EMPTY),
    col("NAME3", "varchar(256)", YES, EMPTY),
    col("VALUE3", "varchar(4096)", YES, EMPTY),
    col("RS_SVR_IP", "varchar(46)", YES, EMPTY),
    col("RS_SVR_PORT", "bigint(20)", YES, EMPTY),
];

fn event_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    let rs = c.servers.first();
    c.rs_events
        .iter()
        .map(|e| {
            (
                SYS_TENANT_ID,
                vec![
                    ts(e.timestamp),
                    text(&e.module),
                    text(&e.event),
                    text("tenant_id"),
                    text(&e.tenant_id.to_string()),
                    text("result"),
                    text(&e.result.to_string()),
                    text(if e.info.is_empty() { "" } else { "info" }),
                    text(&e.info),
                    rs.map_or(Value::Null, |s| text(&s.ip)),
                    rs.map_or(Value::Null, |s| int(u64::from(s.rpc_port))),
                ],
            )
        })
        .collect()
}
