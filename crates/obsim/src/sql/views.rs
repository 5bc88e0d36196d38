//! System views (reference §3): column lists in definition order with their DESC types, and
//! the rows each view shows, read straight from engine state. The dashboards read the same rows,
//! so a card and a `SELECT` can never disagree.
//!
//! `DBA_*` views show the current tenant's rows; `CDB_*` twins exist only in the sys tenant and
//! show every tenant's rows with a leading TENANT_ID.

use crate::archive::{ArchiveRound, TenantArchive};
use crate::backup::{BackupJob, BackupSet, BackupTask};
use crate::cluster::{Cluster, SYS_TENANT_ID, Tenant};
use crate::params::{PARAMS, ParamScope};
use crate::restore::RestoreJob;
use crate::sim::{DAY, micros_of_scn};
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// (name, DESC type, nullable)
type ColDef = (&'static str, &'static str, bool);

/// Which tenants' rows a view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// DBA_ view: only this tenant's rows.
    Tenant(u64),
    /// CDB_ view (sys only): every tenant's rows, with TENANT_ID first.
    Cluster,
}

type RowFn = fn(&Cluster, Scope) -> Vec<(u64, Vec<Value>)>;

pub struct ViewDef {
    /// The name after `DBA_` / `CDB_` (or the full name when `prefixed` is false).
    pub base: &'static str,
    pub columns: &'static [ColDef],
    /// Whether the view exists as DBA_ and CDB_ twins.
    pub prefixed: bool,
    /// Only the sys tenant can see it (restore views, DBA_OB_TENANTS' full list is separate).
    pub sys_only: bool,
    rows: RowFn,
}

const JOB_COLS: &[ColDef] = &[
    ("JOB_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("BACKUP_SET_ID", "bigint(20)", true),
    ("INITIATOR_TENANT_ID", "bigint(20)", false),
    ("INITIATOR_JOB_ID", "bigint(20)", false),
    ("EXECUTOR_TENANT_ID", "varchar(65536)", false),
    ("PLUS_ARCHIVELOG", "varchar(4096)", false),
    ("BACKUP_TYPE", "varchar(4096)", false),
    ("JOB_LEVEL", "varchar(4096)", false),
    ("ENCRYPTION_MODE", "varchar(4096)", true),
    ("PASSWD", "varchar(4096)", true),
    ("START_TIMESTAMP", "timestamp(6)", false),
    ("END_TIMESTAMP", "timestamp(6)", false),
    ("STATUS", "varchar(4096)", false),
    ("RESULT", "bigint(20)", false),
    ("COMMENT", "varchar(4096)", true),
    ("DESCRIPTION", "varchar(4096)", true),
    ("PATH", "varchar(4096)", true),
];

const TASK_COLS: &[ColDef] = &[
    ("TASK_ID", "bigint(20)", false),
    ("JOB_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("BACKUP_SET_ID", "bigint(20)", false),
    ("START_TIMESTAMP", "timestamp(6)", false),
    ("END_TIMESTAMP", "timestamp(6)", false),
    ("STATUS", "varchar(4096)", false),
    ("START_SCN", "bigint(20) unsigned", false),
    ("END_SCN", "bigint(20) unsigned", false),
    ("USER_LS_START_SCN", "bigint(20) unsigned", false),
    ("ENCRYPTION_MODE", "varchar(4096)", true),
    ("PASSWD", "varchar(4096)", true),
    ("INPUT_BYTES", "bigint(20)", true),
    ("OUTPUT_BYTES", "bigint(20)", true),
    ("OUTPUT_RATE_BYTES", "decimal(32,4)", false),
    ("EXTRA_META_BYTES", "bigint(20)", true),
    ("TABLET_COUNT", "bigint(20)", true),
    ("FINISH_TABLET_COUNT", "bigint(20)", true),
    ("MACRO_BLOCK_COUNT", "bigint(20)", true),
    ("FINISH_MACRO_BLOCK_COUNT", "bigint(20)", true),
    ("FILE_COUNT", "bigint(20)", true),
    ("META_TURN_ID", "bigint(20)", true),
    ("DATA_TURN_ID", "bigint(20)", true),
    ("RESULT", "bigint(20)", true),
    ("COMMENT", "varchar(4096)", true),
    ("PATH", "varchar(4096)", true),
    ("MINOR_TURN_ID", "bigint(20)", false),
    ("MAJOR_TURN_ID", "bigint(20)", false),
    ("DATA_PROGRESS", "decimal(26,2)", false),
    ("LOG_FILE_COUNT", "bigint(20)", false),
    ("FINISH_LOG_FILE_COUNT", "bigint(20)", false),
    ("LOG_PROGRESS", "decimal(26,2)", false),
];

const SET_COLS: &[ColDef] = &[
    ("BACKUP_SET_ID", "bigint(20)", false),
    ("DEST_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("BACKUP_TYPE", "varchar(64)", false),
    ("PREV_FULL_BACKUP_SET_ID", "bigint(20)", false),
    ("PREV_INC_BACKUP_SET_ID", "bigint(20)", false),
    ("START_TIMESTAMP", "timestamp(6)", false),
    ("END_TIMESTAMP", "timestamp(6)", false),
    ("STATUS", "varchar(64)", false),
    ("FILE_STATUS", "varchar(64)", false),
    ("ELAPSED_SECONDES", "decimal(22,0)", false),
    ("PLUS_ARCHIVELOG", "varchar(4096)", false),
    ("START_REPLAY_SCN", "bigint(20) unsigned", false),
    ("START_REPLAY_SCN_DISPLAY", "datetime(6)", false),
    ("MIN_RESTORE_SCN", "bigint(20) unsigned", false),
    ("MIN_RESTORE_SCN_DISPLAY", "varchar(4096)", false),
    ("INPUT_BYTES", "bigint(20)", true),
    ("OUTPUT_BYTES", "bigint(20)", true),
    ("OUTPUT_RATE_BYTES", "decimal(32,4)", false),
    ("EXTRA_META_BYTES", "bigint(20)", true),
    ("TABLET_COUNT", "bigint(20)", true),
    ("FINISH_TABLET_COUNT", "bigint(20)", true),
    ("MACRO_BLOCK_COUNT", "bigint(20)", true),
    ("FINISH_MACRO_BLOCK_COUNT", "bigint(20)", true),
    ("FILE_COUNT", "bigint(20)", true),
    ("META_TURN_ID", "bigint(20)", true),
    ("DATA_TURN_ID", "bigint(20)", true),
    ("RESULT", "bigint(20)", false),
    ("COMMENT", "varchar(4096)", true),
    ("ENCRYPTION_MODE", "varchar(64)", true),
    ("PASSWD", "varchar(128)", true),
    ("TENANT_COMPATIBLE", "varchar(4096)", false),
    ("BACKUP_COMPATIBLE", "bigint(20)", false),
    ("PATH", "varchar(4096)", true),
    ("CLUSTER_VERSION", "varchar(4096)", false),
    ("CONSISTENT_SCN", "bigint(20) unsigned", false),
    ("MINOR_TURN_ID", "bigint(20)", false),
    ("MAJOR_TURN_ID", "bigint(20)", false),
];

const ARCHIVELOG_COLS: &[ColDef] = &[
    ("DEST_ID", "bigint(20)", false),
    ("ROUND_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("DEST_NO", "bigint(20)", false),
    ("STATUS", "varchar(64)", false),
    ("START_SCN", "bigint(20) unsigned", false),
    ("START_SCN_DISPLAY", "datetime(6)", false),
    ("CHECKPOINT_SCN", "bigint(20) unsigned", false),
    ("CHECKPOINT_SCN_DISPLAY", "datetime(6)", false),
    ("COMPATIBLE", "bigint(20)", false),
    ("BASE_PIECE_ID", "bigint(20)", false),
    ("USED_PIECE_ID", "bigint(20)", false),
    ("PIECE_SWITCH_INTERVAL", "bigint(20)", false),
    ("UNIT_SIZE", "bigint(20)", false),
    ("COMPRESSION", "varchar(128)", false),
    ("INPUT_BYTES", "bigint(21)", false),
    ("INPUT_BYTES_DISPLAY", "varchar(28)", false),
    ("OUTPUT_BYTES", "bigint(21)", false),
    ("OUTPUT_BYTES_DISPLAY", "varchar(28)", false),
    ("COMPRESSION_RATIO", "decimal(24,2)", false),
    ("DELETED_INPUT_BYTES", "bigint(20)", false),
    ("DELETED_INPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("DELETED_OUTPUT_BYTES", "bigint(20)", false),
    ("DELETED_OUTPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("COMMENT", "varchar(262144)", false),
    ("PATH", "varchar(2048)", false),
];

/// DBA_OB_ARCHIVELOG_SUMMARY: the same columns with PATH before COMMENT.
const ARCHIVELOG_SUMMARY_COLS: &[ColDef] = &[
    ("DEST_ID", "bigint(20)", false),
    ("ROUND_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("DEST_NO", "bigint(20)", false),
    ("STATUS", "varchar(64)", false),
    ("START_SCN", "bigint(20) unsigned", false),
    ("START_SCN_DISPLAY", "datetime(6)", false),
    ("CHECKPOINT_SCN", "bigint(20) unsigned", false),
    ("CHECKPOINT_SCN_DISPLAY", "datetime(6)", false),
    ("COMPATIBLE", "bigint(20)", false),
    ("BASE_PIECE_ID", "bigint(20)", false),
    ("USED_PIECE_ID", "bigint(20)", false),
    ("PIECE_SWITCH_INTERVAL", "bigint(20)", false),
    ("UNIT_SIZE", "bigint(20)", false),
    ("COMPRESSION", "varchar(128)", false),
    ("INPUT_BYTES", "bigint(21)", false),
    ("INPUT_BYTES_DISPLAY", "varchar(28)", false),
    ("OUTPUT_BYTES", "bigint(21)", false),
    ("OUTPUT_BYTES_DISPLAY", "varchar(28)", false),
    ("COMPRESSION_RATIO", "decimal(24,2)", false),
    ("DELETED_INPUT_BYTES", "bigint(20)", false),
    ("DELETED_INPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("DELETED_OUTPUT_BYTES", "bigint(20)", false),
    ("DELETED_OUTPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("PATH", "varchar(2048)", false),
    ("COMMENT", "varchar(262144)", false),
];

const PIECE_COLS: &[ColDef] = &[
    ("DEST_ID", "bigint(20)", false),
    ("ROUND_ID", "bigint(20)", false),
    ("PIECE_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("DEST_NO", "bigint(20)", false),
    ("STATUS", "varchar(64)", false),
    ("START_SCN", "bigint(20) unsigned", false),
    ("START_SCN_DISPLAY", "datetime(6)", false),
    ("CHECKPOINT_SCN", "bigint(20) unsigned", false),
    ("CHECKPOINT_SCN_DISPLAY", "datetime(6)", false),
    ("MAX_SCN", "bigint(20) unsigned", false),
    ("END_SCN", "bigint(20) unsigned", false),
    ("END_SCN_DISPLAY", "datetime(6)", false),
    ("COMPATIBLE", "bigint(20)", false),
    ("UNIT_SIZE", "bigint(20)", false),
    ("COMPRESSION", "varchar(128)", false),
    ("INPUT_BYTES", "bigint(20)", false),
    ("INPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("OUTPUT_BYTES", "bigint(20)", false),
    ("OUTPUT_BYTES_DISPLAY", "varchar(27)", false),
    ("COMPRESSION_RATIO", "decimal(23,2)", false),
    ("FILE_STATUS", "varchar(64)", false),
    ("PATH", "varchar(2048)", false),
];

const ARCHIVE_DEST_COLS: &[ColDef] = &[
    ("DEST_NO", "bigint(20)", false),
    ("NAME", "varchar(1024)", false),
    ("VALUE", "varchar(4096)", false),
];

const BACKUP_PARAMETER_COLS: &[ColDef] = &[
    ("NAME", "varchar(1024)", false),
    ("VALUE", "longtext", false),
];

const DELETE_POLICY_COLS: &[ColDef] = &[
    ("POLICY_NAME", "varchar(256)", false),
    ("RECOVERY_WINDOW", "varchar(64)", false),
];

const DELETE_JOB_COLS: &[ColDef] = &[
    ("JOB_ID", "bigint(20)", false),
    ("INCARNATION", "bigint(20)", false),
    ("INITIATOR_TENANT_ID", "bigint(20)", false),
    ("INITIATOR_JOB_ID", "bigint(20)", false),
    ("EXECUTOR_TENANT_ID", "varchar(65536)", false),
    ("TYPE", "varchar(4096)", false),
    ("PARAMETER", "varchar(4096)", false),
    ("JOB_LEVEL", "varchar(4096)", false),
    ("START_TIMESTAMP", "timestamp(6)", false),
    ("END_TIMESTAMP", "timestamp(6)", false),
    ("STATUS", "varchar(4096)", false),
    ("TASK_COUNT", "bigint(20)", false),
    ("SUCCESS_TASK_COUNT", "bigint(20)", false),
    ("RESULT", "bigint(20)", false),
    ("COMMENT", "varchar(4096)", true),
];

const STORAGE_INFO_COLS: &[ColDef] = &[
    ("TENANT_ID", "bigint(20)", false),
    ("PATH", "varchar(4096)", false),
    ("ENDPOINT", "varchar(256)", false),
    ("DEST_ID", "bigint(20)", false),
    ("DEST_TYPE", "varchar(64)", false),
    ("AUTHORIZATION", "varchar(4096)", false),
    ("EXTENSION", "varchar(4096)", false),
    ("CHECK_FILE_NAME", "varchar(4096)", true),
    ("LAST_CHECK_TIMESTAMP", "timestamp(6)", true),
];

const TENANT_COLS: &[ColDef] = &[
    ("TENANT_ID", "bigint(20)", false),
    ("TENANT_NAME", "varchar(128)", false),
    ("TENANT_TYPE", "varchar(4)", false),
    ("CREATE_TIME", "timestamp(6)", true),
    ("MODIFY_TIME", "timestamp(6)", true),
    ("PRIMARY_ZONE", "varchar(128)", true),
    ("LOCALITY", "varchar(4096)", false),
    ("PREVIOUS_LOCALITY", "varchar(4096)", false),
    ("COMPATIBILITY_MODE", "varchar(6)", false),
    ("STATUS", "varchar(64)", false),
    ("IN_RECYCLEBIN", "varchar(3)", false),
    ("LOCKED", "varchar(3)", false),
    ("TENANT_ROLE", "varchar(100)", false),
    ("SWITCHOVER_STATUS", "varchar(100)", false),
    ("SWITCHOVER_EPOCH", "bigint(20)", false),
    ("SYNC_SCN", "bigint(20) unsigned", false),
    ("REPLAYABLE_SCN", "bigint(20) unsigned", false),
    ("READABLE_SCN", "bigint(20) unsigned", false),
    ("RECOVERY_UNTIL_SCN", "bigint(20) unsigned", false),
    ("LOG_MODE", "varchar(100)", false),
    ("ARBITRATION_SERVICE_STATUS", "varchar(64)", false),
    ("UNIT_NUM", "bigint(20)", false),
    ("COMPATIBLE", "varchar(65536)", false),
    ("MAX_LS_ID", "bigint(20)", false),
    ("RESTORE_DATA_MODE", "varchar(128)", false),
];

const PARAMETER_COLS: &[ColDef] = &[
    ("SVR_IP", "varchar(46)", false),
    ("SVR_PORT", "bigint(20)", false),
    ("ZONE", "varchar(128)", false),
    ("SCOPE", "varchar(64)", false),
    ("TENANT_ID", "bigint(20)", true),
    ("NAME", "varchar(128)", false),
    ("DATA_TYPE", "varchar(128)", true),
    ("VALUE", "varchar(65536)", false),
    ("INFO", "varchar(4096)", false),
    ("SECTION", "varchar(128)", false),
    ("EDIT_LEVEL", "varchar(128)", false),
    ("DEFAULT_VALUE", "varchar(65536)", false),
    ("ISDEFAULT", "varchar(3)", false),
];

const RESTORE_PROGRESS_COLS: &[ColDef] = &[
    ("JOB_ID", "bigint(20)", false),
    ("RESTORE_TENANT_NAME", "longtext", true),
    ("RESTORE_TENANT_ID", "longtext", true),
    ("BACKUP_TENANT_NAME", "longtext", true),
    ("BACKUP_TENANT_ID", "longtext", true),
    ("BACKUP_CLUSTER_NAME", "longtext", true),
    ("BACKUP_DEST", "longtext", true),
    ("RESTORE_OPTION", "longtext", true),
    ("RESTORE_TYPE", "longtext", true),
    ("RESTORE_SCN", "longtext", true),
    ("RESTORE_SCN_DISPLAY", "datetime(6)", true),
    ("STATUS", "longtext", true),
    ("START_TIMESTAMP", "timestamp(6)", true),
    ("BACKUP_SET_LIST", "longtext", true),
    ("BACKUP_PIECE_LIST", "longtext", true),
    ("RECOVER_SCN", "bigint(20) unsigned", true),
    ("RECOVER_SCN_DISPLAY", "datetime(6)", true),
    ("RECOVER_PROGRESS", "decimal(6,2)", true),
    ("TABLET_COUNT", "bigint(20)", true),
    ("FINISH_TABLET_COUNT", "bigint(20)", true),
    ("RESTORE_PROGRESS", "decimal(6,2)", true),
    ("TOTAL_BYTES", "bigint(20)", true),
    ("TOTAL_BYTES_DISPLAY", "varchar(27)", true),
    ("FINISH_BYTES", "bigint(20)", true),
    ("FINISH_BYTES_DISPLAY", "varchar(27)", true),
    ("DESCRIPTION", "longtext", true),
];

const RESTORE_HISTORY_COLS: &[ColDef] = &[
    ("JOB_ID", "bigint(20)", false),
    ("RESTORE_TENANT_NAME", "varchar(128)", false),
    ("RESTORE_TENANT_ID", "bigint(20)", false),
    ("BACKUP_TENANT_NAME", "varchar(128)", false),
    ("BACKUP_TENANT_ID", "bigint(20)", false),
    ("BACKUP_CLUSTER_NAME", "varchar(128)", false),
    ("BACKUP_DEST", "longtext", true),
    ("RESTORE_SCN", "bigint(20) unsigned", false),
    ("RESTORE_SCN_DISPLAY", "datetime(6)", true),
    ("RESTORE_OPTION", "varchar(4096)", true),
    ("RESTORE_TYPE", "varchar(4096)", true),
    ("START_TIMESTAMP", "timestamp(6)", true),
    ("FINISH_TIMESTAMP", "timestamp(6)", true),
    ("STATUS", "varchar(64)", true),
    ("BACKUP_PIECE_LIST", "longtext", true),
    ("BACKUP_SET_LIST", "longtext", true),
    ("BACKUP_CLUSTER_VERSION", "bigint(20)", true),
    ("LS_COUNT", "bigint(20)", true),
    ("FINISH_LS_COUNT", "bigint(20)", true),
    ("TABLET_COUNT", "bigint(20)", true),
    ("FINISH_TABLET_COUNT", "bigint(20)", true),
    ("TOTAL_BYTES", "bigint(20)", true),
    ("TOTAL_BYTES_DISPLAY", "varchar(27)", true),
    ("FINISH_BYTES", "bigint(20)", true),
    ("FINISH_BYTES_DISPLAY", "varchar(27)", true),
    ("DESCRIPTION", "varchar(1024)", true),
    ("COMMENT", "varchar(1024)", true),
];

const EVENT_COLS: &[ColDef] = &[
    ("TIMESTAMP", "timestamp(6)", false),
    ("MODULE", "varchar(256)", false),
    ("EVENT", "varchar(256)", false),
    ("NAME1", "varchar(256)", true),
    ("VALUE1", "varchar(4096)", true),
    ("NAME2", "varchar(256)", true),
    ("VALUE2", "longtext", true),
    ("NAME3", "varchar(256)", true),
    ("VALUE3", "varchar(4096)", true),
    ("RS_SVR_IP", "varchar(46)", true),
    ("RS_SVR_PORT", "bigint(20)", true),
];

/// Every view the simulator knows.
pub static VIEWS: &[ViewDef] = &[
    ViewDef {
        base: "OB_BACKUP_JOBS",
        columns: JOB_COLS,
        prefixed: true,
        sys_only: false,
        rows: jobs_rows,
    },
    ViewDef {
        base: "OB_BACKUP_JOB_HISTORY",
        columns: JOB_COLS,
        prefixed: true,
        sys_only: false,
        rows: job_history_rows,
    },
    ViewDef {
        base: "OB_BACKUP_TASKS",
        columns: TASK_COLS,
        prefixed: true,
        sys_only: false,
        rows: tasks_rows,
    },
    ViewDef {
        base: "OB_BACKUP_TASK_HISTORY",
        columns: TASK_HISTORY_COLS,
        prefixed: true,
        sys_only: false,
        rows: task_history_rows,
    },
    ViewDef {
        base: "OB_BACKUP_SET_FILES",
        columns: SET_COLS,
        prefixed: true,
        sys_only: false,
        rows: set_rows,
    },
    ViewDef {
        base: "OB_ARCHIVELOG",
        columns: ARCHIVELOG_COLS,
        prefixed: true,
        sys_only: false,
        rows: archivelog_rows,
    },
    ViewDef {
        base: "OB_ARCHIVELOG_SUMMARY",
        columns: ARCHIVELOG_SUMMARY_COLS,
        prefixed: true,
        sys_only: false,
        rows: archivelog_summary_rows,
    },
    ViewDef {
        base: "OB_ARCHIVELOG_PIECE_FILES",
        columns: PIECE_COLS,
        prefixed: true,
        sys_only: false,
        rows: piece_rows,
    },
    ViewDef {
        base: "OB_ARCHIVE_DEST",
        columns: ARCHIVE_DEST_COLS,
        prefixed: true,
        sys_only: false,
        rows: archive_dest_rows,
    },
    ViewDef {
        base: "OB_BACKUP_PARAMETER",
        columns: BACKUP_PARAMETER_COLS,
        prefixed: true,
        sys_only: false,
        rows: backup_parameter_rows,
    },
    ViewDef {
        base: "OB_BACKUP_DELETE_POLICY",
        columns: DELETE_POLICY_COLS,
        prefixed: true,
        sys_only: false,
        rows: delete_policy_rows,
    },
    ViewDef {
        base: "OB_BACKUP_DELETE_JOBS",
        columns: DELETE_JOB_COLS,
        prefixed: true,
        sys_only: false,
        rows: delete_job_rows,
    },
    ViewDef {
        base: "OB_BACKUP_DELETE_JOB_HISTORY",
        columns: DELETE_JOB_COLS,
        prefixed: true,
        sys_only: false,
        rows: delete_job_history_rows,
    },
    ViewDef {
        base: "OB_BACKUP_STORAGE_INFO",
        columns: STORAGE_INFO_COLS,
        prefixed: false,
        sys_only: false,
        rows: storage_info_rows,
    },
    ViewDef {
        base: "OB_RESTORE_PROGRESS",
        columns: RESTORE_PROGRESS_COLS,
        prefixed: true,
        sys_only: true,
        rows: restore_progress_rows,
    },
    ViewDef {
        base: "OB_RESTORE_HISTORY",
        columns: RESTORE_HISTORY_COLS,
        prefixed: true,
        sys_only: true,
        rows: restore_history_rows,
    },
    ViewDef {
        base: "DBA_OB_TENANTS",
        columns: TENANT_COLS,
        prefixed: false,
        sys_only: false,
        rows: tenant_rows,
    },
    ViewDef {
        base: "GV$OB_PARAMETERS",
        columns: PARAMETER_COLS,
        prefixed: false,
        sys_only: false,
        rows: parameter_rows,
    },
    ViewDef {
        base: "DBA_OB_ROOTSERVICE_EVENT_HISTORY",
        columns: EVENT_COLS,
        prefixed: false,
        sys_only: true,
        rows: event_rows,
    },
];

/// DBA_OB_BACKUP_TASK_HISTORY has only columns 1–28 (§3.2).
const TASK_HISTORY_COLS: &[ColDef] = TASK_COLS.split_at(28).0;

/// A view resolved for one session: its columns and rows.
pub struct ResolvedView {
    pub name: String,
    pub cdb: bool,
    pub def: &'static ViewDef,
}

/// Finds a view by the name typed (case-insensitive, without schema). `is_sys` decides whether
/// CDB_ twins and sys-only views exist for the caller.
pub fn resolve(name: &str, is_sys: bool) -> Option<ResolvedView> {
    let upper = name.to_ascii_uppercase();
    for def in VIEWS {
        if def.sys_only && !is_sys {
            continue;
        }
        if def.prefixed {
            if upper == format!("DBA_{}", def.base) {
                return Some(ResolvedView {
                    name: upper,
                    cdb: false,
                    def,
                });
            }
            if is_sys && upper == format!("CDB_{}", def.base) {
                return Some(ResolvedView {
                    name: upper,
                    cdb: true,
                    def,
                });
            }
        } else if upper == def.base {
            return Some(ResolvedView {
                name: upper,
                cdb: false,
                def,
            });
        }
    }
    None
}

/// All view names visible to a tenant (for completion and SHOW TABLES in `oceanbase`).
pub fn names(is_sys: bool) -> Vec<String> {
    let mut out = Vec::new();
    for def in VIEWS {
        if def.sys_only && !is_sys {
            continue;
        }
        if def.prefixed {
            out.push(format!("DBA_{}", def.base));
            if is_sys {
                out.push(format!("CDB_{}", def.base));
            }
        } else {
            out.push(def.base.to_string());
        }
    }
    crate::order::sort(&mut out);
    out
}

pub fn kind_of(ty: &str) -> ColumnKind {
    if ty.ends_with("unsigned") {
        ColumnKind::UInt
    } else if ty.starts_with("bigint") {
        ColumnKind::Int
    } else if ty.starts_with("decimal") {
        ColumnKind::Decimal
    } else if ty.starts_with("timestamp") || ty.starts_with("datetime") {
        ColumnKind::DateTime
    } else {
        ColumnKind::Text
    }
}

impl ResolvedView {
    pub fn column_defs(&self) -> Vec<ColDef> {
        let mut cols = Vec::new();
        if self.cdb {
            cols.push(("TENANT_ID", "bigint(20)", false));
        }
        cols.extend_from_slice(self.def.columns);
        cols
    }

    pub fn columns(&self) -> Vec<Column> {
        self.column_defs()
            .into_iter()
            .map(|(n, ty, nullable)| Column {
                name: n.to_string(),
                kind: kind_of(ty),
                nullable,
            })
            .collect()
    }

    /// The rows this view shows to `tenant_id`.
    pub fn rows(&self, cluster: &Cluster, tenant_id: u64) -> Vec<Vec<Value>> {
        let scope = if self.cdb {
            Scope::Cluster
        } else {
            Scope::Tenant(tenant_id)
        };
        (self.def.rows)(cluster, scope)
            .into_iter()
            .map(|(t, mut row)| {
                if self.cdb {
                    row.insert(0, Value::Int(t as i64));
                }
                row
            })
            .collect()
    }

    pub fn result_set(&self, cluster: &Cluster, tenant_id: u64) -> ResultSet {
        ResultSet {
            columns: self.columns(),
            rows: self.rows(cluster, tenant_id),
        }
    }
}

// --- cell helpers ---------------------------------------------------------------------------

fn int(v: u64) -> Value {
    Value::Int(v as i64)
}

fn text(s: &str) -> Value {
    Value::Str(s.to_string())
}

fn ts(micros: u64) -> Value {
    Value::DateTime {
        micros: micros as i64,
        frac: true,
    }
}

/// END_TIMESTAMP and the like: NULL while 0.
fn ts_or_null(micros: u64) -> Value {
    if micros == 0 { Value::Null } else { ts(micros) }
}

fn scn_display(scn: u64) -> Value {
    if scn == 0 {
        Value::Null
    } else {
        ts(micros_of_scn(scn))
    }
}

/// decimal(N,scale) from a float, rounded half away from zero.
fn decimal(v: f64, scale: u8) -> Value {
    let m = (v * 10f64.powi(i32::from(scale))).round();
    Value::Decimal {
        mantissa: m as i128,
        scale,
    }
}

/// `ROUND(FINISH/COUNT*100, 2)`; 0.00 if COUNT = 0; 99.99 if FINISH > COUNT (§3.2).
fn progress(finish: u64, count: u64) -> Value {
    if count == 0 {
        return Value::Decimal {
            mantissa: 0,
            scale: 2,
        };
    }
    if finish > count {
        return Value::Decimal {
            mantissa: 9999,
            scale: 2,
        };
    }
    decimal(finish as f64 / count as f64 * 100.0, 2)
}

fn rate(bytes: u64, start: u64, end: u64) -> Value {
    if end == 0 || end <= start {
        return Value::Decimal {
            mantissa: 0,
            scale: 4,
        };
    }
    decimal(bytes as f64 / ((end - start) as f64 / 1e6), 4)
}

/// `x.xxMB` below 1 GB, then GB / TB / PB (§3.4).
pub fn bytes_display(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    let (v, unit) = if b < 1024.0 * MB {
        (b / MB, "MB")
    } else if b < 1024.0 * 1024.0 * MB {
        (b / (1024.0 * MB), "GB")
    } else if b < 1024.0 * 1024.0 * 1024.0 * MB {
        (b / (1024.0 * 1024.0 * MB), "TB")
    } else {
        (b / (1024.0 * 1024.0 * 1024.0 * MB), "PB")
    };
    crate::num::format_fixed(v, 2) + unit
}

fn in_scope(scope: Scope, tenant: u64) -> bool {
    match scope {
        Scope::Tenant(t) => t == tenant,
        Scope::Cluster => true,
    }
}

// --- row producers --------------------------------------------------------------------------

pub fn job_row(j: &BackupJob) -> Vec<Value> {
    vec![
        int(j.job_id),
        int(j.incarnation),
        int(j.backup_set_id),
        int(j.initiator_tenant_id),
        int(j.initiator_job_id),
        text(&j.executor_text()),
        text(if j.plus_archivelog { "ON" } else { "OFF" }),
        text(j.backup_type.as_str()),
        text(j.job_level.as_str()),
        text(j.encryption.mode()),
        text(j.encryption.passwd()),
        ts(j.start_ts),
        ts_or_null(j.end_ts),
        text(j.status.as_str()),
        Value::Int(i64::from(j.result)),
        text(&j.comment),
        text(&j.description),
        text(&j.path),
    ]
}

fn jobs_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.jobs.iter().map(move |j| (*t, job_row(j))))
        .collect()
}

fn job_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.job_history.iter().map(move |j| (*t, job_row(j))))
        .collect()
}

pub fn task_row(t: &BackupTask) -> Vec<Value> {
    vec![
        int(t.task_id),
        int(t.job_id),
        int(t.incarnation),
        int(t.backup_set_id),
        ts(t.start_ts),
        ts_or_null(t.end_ts),
        text(t.status.as_str()),
        Value::UInt(t.start_scn),
        Value::UInt(t.end_scn),
        Value::UInt(t.user_ls_start_scn),
        text(t.encryption.mode()),
        text(t.encryption.passwd()),
        int(t.input_bytes),
        int(t.output_bytes),
        rate(t.output_bytes, t.start_ts, t.end_ts),
        int(t.extra_meta_bytes),
        int(t.tablet_count),
        int(t.finish_tablet_count),
        int(t.macro_block_count),
        int(t.finish_macro_block_count),
        int(t.file_count),
        int(t.meta_turn_id),
        int(t.data_turn_id),
        Value::Int(i64::from(t.result)),
        text(&t.comment),
        text(&t.path),
        int(t.minor_turn_id),
        int(t.major_turn_id),
        progress(t.finish_macro_block_count, t.macro_block_count),
        int(t.log_file_count),
        int(t.finish_log_file_count),
        progress(t.finish_log_file_count, t.log_file_count),
    ]
}

fn tasks_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.tasks.iter().map(move |x| (*t, task_row(x))))
        .collect()
}

fn task_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.task_history.iter().map(move |x| {
                let mut row = task_row(x);
                row.truncate(28);
                (*t, row)
            })
        })
        .collect()
}

pub fn set_row(s: &BackupSet, running: Option<&BackupTask>) -> Vec<Value> {
    // While the set is being written, its counters follow the running task.
    let (input, output, extra, fin_tablets, blocks, fin_blocks, files) = match running {
        Some(t) => (
            t.input_bytes,
            t.output_bytes,
            t.extra_meta_bytes,
            t.finish_tablet_count,
            t.macro_block_count,
            t.finish_macro_block_count,
            t.file_count,
        ),
        None => (
            s.input_bytes,
            s.output_bytes,
            s.extra_meta_bytes,
            s.finish_tablet_count,
            s.macro_block_count,
            s.finish_macro_block_count,
            s.file_count,
        ),
    };
    let elapsed = if s.end_ts > s.start_ts {
        ((s.end_ts - s.start_ts) as f64 / 1e6).round()
    } else {
        0.0
    };
    vec![
        int(s.backup_set_id),
        int(s.dest_id),
        int(s.incarnation),
        text(s.backup_type.as_str()),
        int(s.prev_full_backup_set_id),
        int(s.prev_inc_backup_set_id),
        ts(s.start_ts),
        ts_or_null(s.end_ts),
        text(s.status.as_str()),
        text(s.file_status.as_str()),
        decimal(elapsed, 0),
        text(if s.plus_archivelog { "ON" } else { "OFF" }),
        Value::UInt(s.start_replay_scn),
        scn_display(s.start_replay_scn),
        Value::UInt(s.min_restore_scn),
        match scn_display(s.min_restore_scn) {
            Value::DateTime { micros, .. } => {
                Value::Str(crate::calendar::format_datetime(micros, true))
            }
            other => other,
        },
        int(input),
        int(output),
        rate(output, s.start_ts, s.end_ts),
        int(extra),
        int(s.tablet_count),
        int(fin_tablets),
        int(blocks),
        int(fin_blocks),
        int(files),
        int(s.meta_turn_id),
        int(s.data_turn_id),
        Value::Int(i64::from(s.result)),
        text(&s.comment),
        text(s.encryption.mode()),
        text(s.encryption.passwd()),
        text(&s.tenant_compatible),
        int(s.backup_compatible),
        text(&s.path),
        text(&s.cluster_version),
        Value::UInt(s.consistent_scn),
        int(s.minor_turn_id),
        int(s.major_turn_id),
    ]
}

fn set_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.sets.iter().map(move |s| {
                let running = b.tasks.iter().find(|x| x.backup_set_id == s.backup_set_id);
                (*t, set_row(s, running))
            })
        })
        .collect()
}

pub fn archivelog_row(r: &ArchiveRound, summary: bool) -> Vec<Value> {
    let ratio = if r.input_bytes == 0 {
        0.0
    } else {
        r.output_bytes as f64 / r.input_bytes as f64
    };
    let mut row = vec![
        int(r.dest_id),
        int(r.round_id),
        int(1),
        int(r.dest_no),
        text(r.state.as_str()),
        Value::UInt(r.start_scn),
        scn_display(r.start_scn),
        Value::UInt(r.checkpoint_scn),
        scn_display(r.checkpoint_scn),
        int(1),
        int(r.base_piece_id),
        int(r.used_piece_id),
        int(r.piece_switch_interval),
        int(1),
        text("none"),
        int(r.input_bytes),
        text(&bytes_display(r.input_bytes)),
        int(r.output_bytes),
        text(&bytes_display(r.output_bytes)),
        decimal(ratio, 2),
        int(0),
        text(&bytes_display(0)),
        int(0),
        text(&bytes_display(0)),
    ];
    if summary {
        row.push(text(&r.path));
        row.push(text(&r.comment));
    } else {
        row.push(text(&r.comment));
        row.push(text(&r.path));
    }
    row
}

fn archive_tenants(c: &Cluster, scope: Scope) -> impl Iterator<Item = (&u64, &TenantArchive)> {
    c.archive.iter().filter(move |(t, _)| in_scope(scope, **t))
}

fn archivelog_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    archive_tenants(c, scope)
        .filter_map(|(t, a)| a.round.as_ref().map(|r| (*t, archivelog_row(r, false))))
        .collect()
}

fn archivelog_summary_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    archive_tenants(c, scope)
        .flat_map(|(t, a)| a.all_rounds().map(move |r| (*t, archivelog_row(r, true))))
        .collect()
}

fn piece_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, a) in archive_tenants(c, scope) {
        for r in a.all_rounds().filter(|r| r.start_scn > 0) {
            let interval_ns = r.piece_switch_interval.max(1) * 1000;
            for p in r.base_piece_id..=r.used_piece_id {
                let start = r.start_scn + (p - r.base_piece_id) * interval_ns;
                let end = start + interval_ns;
                let active = p == r.used_piece_id && r.state != crate::archive::RoundState::Stop;
                let checkpoint = r.checkpoint_scn.min(end);
                let share = if r.used_piece_id > r.base_piece_id {
                    r.used_piece_id - r.base_piece_id + 1
                } else {
                    1
                };
                let bytes = r.input_bytes / share;
                out.push((
                    *t,
                    vec![
                        int(r.dest_id),
                        int(r.round_id),
                        int(p),
                        int(1),
                        int(r.dest_no),
                        text(if active { "ACTIVE" } else { "FROZEN" }),
                        Value::UInt(start),
                        scn_display(start),
                        Value::UInt(checkpoint),
                        scn_display(checkpoint),
                        Value::UInt(checkpoint),
                        Value::UInt(end),
                        scn_display(end),
                        int(1),
                        int(1),
                        text("none"),
                        int(bytes),
                        text(&bytes_display(bytes)),
                        int(bytes),
                        text(&bytes_display(bytes)),
                        decimal(if bytes == 0 { 0.0 } else { 1.0 }, 2),
                        text("AVAILABLE"),
                        text(&format!(
                            "{}/piece_d{}r{}p{}",
                            r.path, r.dest_id, r.round_id, p
                        )),
                    ],
                ));
            }
        }
    }
    out
}

fn archive_dest_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, a) in archive_tenants(c, scope) {
        if let Some(d) = &a.dest {
            for (name, value) in [
                ("binding", d.binding.clone()),
                ("dest_id", d.dest_id.to_string()),
                ("path", d.path.clone()),
                (
                    "piece_switch_interval",
                    d.piece_switch_interval_text.clone(),
                ),
                ("state", d.state.as_str().to_string()),
            ] {
                out.push((*t, vec![int(0), text(name), Value::Str(value)]));
            }
        }
    }
    out
}

fn backup_parameter_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .filter_map(|(t, b)| {
            b.data_dest
                .as_ref()
                .map(|d| (*t, vec![text("data_backup_dest"), text(&d.path)]))
        })
        .collect()
}

fn delete_policy_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .filter_map(|(t, b)| {
            b.delete_policy
                .as_ref()
                .map(|p| (*t, vec![text(&p.name), text(&p.recovery_window)]))
        })
        .collect()
}

fn delete_job_row(j: &crate::backup::cleanup::DeleteJob) -> Vec<Value> {
    vec![
        int(j.job_id),
        int(1),
        int(j.tenant_id),
        int(0),
        text(&j.tenant_id.to_string()),
        text("DELETE_OBSOLETE_BACKUP"),
        text(&j.parameter),
        text("USER_TENANT"),
        ts(j.start_ts),
        ts_or_null(j.end_ts),
        text(&j.status),
        int(j.task_count),
        int(j.success_task_count),
        int(0),
        text(""),
    ]
}

fn delete_job_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.delete_jobs.iter().map(move |j| (*t, delete_job_row(j))))
        .collect()
}

fn delete_job_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.delete_job_history
                .iter()
                .map(move |j| (*t, delete_job_row(j)))
        })
        .collect()
}

fn storage_info_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, b) in c.backup.iter().filter(|(t, _)| in_scope(scope, **t)) {
        for (path, dest_id) in &b.dest_ids {
            let is_archive = c
                .archive
                .get(t)
                .and_then(|a| a.dest.as_ref())
                .is_some_and(|d| &d.path == path);
            let (endpoint, dest_path) = match path.split_once("?host=") {
                Some((p, h)) => (format!("host={h}"), p.to_string()),
                None => (String::new(), path.clone()),
            };
            out.push((
                *t,
                vec![
                    int(*t),
                    text(&dest_path),
                    text(&endpoint),
                    int(*dest_id),
                    text(if is_archive {
                        "archive_log"
                    } else {
                        "backup_data"
                    }),
                    text(""),
                    text(""),
                    Value::Null,
                    Value::Null,
                ],
            ));
        }
    }
    out
}

fn restore_progress_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .jobs
        .iter()
        .map(|j| (SYS_TENANT_ID, restore_progress_row(j)))
        .collect()
}

fn restore_progress_row(j: &RestoreJob) -> Vec<Value> {
    let recover = if j.recover_scn == 0 || j.restore_scn <= j.consistent_scn {
        0.0
    } else {
        ((j.recover_scn.saturating_sub(j.consistent_scn)) as f64
            / (j.restore_scn - j.consistent_scn) as f64
            * 100.0)
            .min(100.0)
    };
    let restore = if j.tablet_count == 0 {
        0.0
    } else {
        j.finish_tablet_count as f64 / j.tablet_count as f64 * 100.0
    };
    let trunc2 = |v: f64| Value::Decimal {
        mantissa: (v * 100.0).floor() as i128,
        scale: 2,
    };
    vec![
        int(j.job_id),
        text(&j.restore_tenant_name),
        text(&j.restore_tenant_id.to_string()),
        text(&j.backup_tenant_name),
        text(&j.backup_tenant_id.to_string()),
        text(&j.backup_cluster_name),
        text(&j.backup_dest),
        text(&j.restore_option),
        text(&j.restore_type),
        text(&j.restore_scn.to_string()),
        scn_display(j.restore_scn),
        text(j.status.progress_str()),
        ts(j.start_ts),
        text(&j.backup_set_list),
        text(&j.backup_piece_list),
        Value::UInt(j.recover_scn),
        scn_display(j.recover_scn),
        trunc2(recover),
        int(j.tablet_count),
        int(j.finish_tablet_count),
        trunc2(restore),
        int(j.total_bytes),
        text(&bytes_display(j.total_bytes)),
        int(j.finish_bytes),
        text(&bytes_display(j.finish_bytes)),
        text(&j.description),
    ]
}

fn restore_history_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .history
        .iter()
        .map(|j| {
            (
                SYS_TENANT_ID,
                vec![
                    int(j.job_id),
                    text(&j.restore_tenant_name),
                    int(j.restore_tenant_id),
                    text(&j.backup_tenant_name),
                    int(j.backup_tenant_id),
                    text(&j.backup_cluster_name),
                    text(&j.backup_dest),
                    Value::UInt(j.restore_scn),
                    scn_display(j.restore_scn),
                    text(&j.restore_option),
                    text(&j.restore_type),
                    ts(j.start_ts),
                    ts_or_null(j.finish_ts),
                    text(if j.succeeded { "SUCCESS" } else { "FAIL" }),
                    text(&j.backup_piece_list),
                    text(&j.backup_set_list),
                    int(j.backup_cluster_version),
                    int(j.ls_count),
                    int(j.finish_ls_count),
                    int(j.tablet_count),
                    int(j.finish_tablet_count),
                    int(j.total_bytes),
                    text(&bytes_display(j.total_bytes)),
                    int(j.finish_bytes),
                    text(&bytes_display(j.finish_bytes)),
                    text(&j.description),
                    text(&j.comment),
                ],
            )
        })
        .collect()
}

fn tenant_row(c: &Cluster, t: &Tenant) -> Vec<Value> {
    let user = t.is_user();
    let scn = c.current_scn();
    let log_mode = if user {
        c.archive
            .get(&t.id)
            .map_or("NOARCHIVELOG", |a| a.log_mode.as_str())
    } else {
        "NOARCHIVELOG"
    };
    let max_ls = if user {
        c.storage
            .get(&t.id)
            .and_then(|s| s.log_streams.last())
            .map_or(1, |l| l.ls_id)
    } else {
        1
    };
    let user_scn = |v: u64| if user { Value::UInt(v) } else { Value::Null };
    let zones: Vec<String> = c
        .zones
        .iter()
        .map(|z| format!("FULL{{1}}@{}", z.name))
        .collect();
    vec![
        int(t.id),
        text(&t.name),
        text(t.tenant_type.as_str()),
        ts(t.create_time),
        ts(t.create_time),
        text("RANDOM"),
        text(&zones.join(", ")),
        text(""),
        text(t.mode.as_str()),
        text(t.status.as_str()),
        text("NO"),
        text("NO"),
        text(&t.role),
        text("NORMAL"),
        int(0),
        user_scn(scn),
        user_scn(scn),
        user_scn(scn),
        user_scn(4_611_686_018_427_387_903),
        text(log_mode),
        text("DISABLE"),
        int(1),
        text(&t.data_version),
        int(max_ls),
        text("NORMAL"),
    ]
}

fn tenant_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    // From sys every tenant; from a user tenant only its own row (§3.7).
    let sees_all = matches!(scope, Scope::Tenant(SYS_TENANT_ID) | Scope::Cluster);
    c.tenants
        .iter()
        .filter(|t| sees_all || Scope::Tenant(t.id) == scope)
        .map(|t| (t.id, tenant_row(c, t)))
        .collect()
}

/// Rows of GV$OB_PARAMETERS: one per server per parameter (per tenant for tenant parameters).
pub fn parameter_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let tenants: Vec<u64> = match scope {
        Scope::Tenant(SYS_TENANT_ID) | Scope::Cluster => c
            .tenants
            .iter()
            .filter(|t| t.id == SYS_TENANT_ID || t.is_user())
            .map(|t| t.id)
            .collect(),
        Scope::Tenant(t) => vec![t],
    };
    let mut out = Vec::new();
    for s in &c.servers {
        for def in PARAMS {
            let owners: Vec<Option<u64>> = match def.scope {
                ParamScope::Cluster => vec![None],
                ParamScope::Tenant => tenants.iter().map(|&t| Some(t)).collect(),
            };
            for owner in owners {
                let value = c.params.get(owner.unwrap_or(SYS_TENANT_ID), def);
                let is_default = value == def.default;
                out.push((
                    owner.unwrap_or(SYS_TENANT_ID),
                    vec![
                        text(&s.ip),
                        int(u64::from(s.rpc_port)),
                        text(&s.zone),
                        text(def.scope.as_str()),
                        owner.map_or(Value::Null, int),
                        text(def.name),
                        text(def.ty.name()),
                        Value::Str(value),
                        text(def.info),
                        text(def.section),
                        text(def.edit_level),
                        text(def.default),
                        text(if is_default { "YES" } else { "NO" }),
                    ],
                ));
            }
        }
    }
    out
}

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

/// One day in µs: the default PIECE_SWITCH_INTERVAL (kept for readers of the view code).
pub const DEFAULT_PIECE_SWITCH_INTERVAL: u64 = DAY;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dba_and_cdb_twins_resolve_and_cdb_only_from_sys() {
        let v = resolve("dba_ob_backup_jobs", false).unwrap();
        assert_eq!(
            (v.name.as_str(), v.cdb, v.columns().len()),
            ("DBA_OB_BACKUP_JOBS", false, 18)
        );
        assert!(resolve("CDB_OB_BACKUP_JOBS", false).is_none());
        let cdb = resolve("CDB_OB_BACKUP_JOBS", true).unwrap();
        assert_eq!(cdb.columns()[0].name, "TENANT_ID");
        assert_eq!(cdb.columns().len(), 19);
        assert!(resolve("DBA_OB_RESTORE_PROGRESS", false).is_none());
        assert!(resolve("gv$ob_parameters", false).is_some());
    }

    #[test]
    fn column_counts_match_the_reference() {
        let n = |name: &str| resolve(name, true).unwrap().columns().len();
        assert_eq!(n("DBA_OB_BACKUP_TASKS"), 32);
        assert_eq!(n("DBA_OB_BACKUP_TASK_HISTORY"), 28);
        assert_eq!(n("DBA_OB_BACKUP_SET_FILES"), 38);
        assert_eq!(n("DBA_OB_ARCHIVELOG"), 26);
        assert_eq!(n("DBA_OB_TENANTS"), 25);
        assert_eq!(n("GV$OB_PARAMETERS"), 13);
        let summary = resolve("DBA_OB_ARCHIVELOG_SUMMARY", true)
            .unwrap()
            .columns();
        assert_eq!(
            (summary[24].name.as_str(), summary[25].name.as_str()),
            ("PATH", "COMMENT")
        );
    }

    #[test]
    fn tenants_view_shows_all_from_sys_and_own_row_from_a_user_tenant() {
        let c = Cluster::new(1);
        let v = resolve("DBA_OB_TENANTS", true).unwrap();
        assert_eq!(v.rows(&c, SYS_TENANT_ID).len(), 5);
        let own = v.rows(&c, 1002);
        assert_eq!(own.len(), 1);
        assert_eq!(own[0][1], Value::Str("mysql_tenant".into()));
        assert_eq!(own[0][19], Value::Str("NOARCHIVELOG".into()));
        let sys = &v.rows(&c, SYS_TENANT_ID)[0];
        assert_eq!(sys[15], Value::Null, "SYS rows have NULL SCNs");
    }

    #[test]
    fn bytes_display_uses_mb_below_a_gigabyte() {
        assert_eq!(bytes_display(0), "0.00MB");
        assert_eq!(bytes_display(1536 * 1024), "1.50MB");
        assert_eq!(bytes_display(3 << 30), "3.00GB");
    }

    #[test]
    fn progress_follows_the_view_formula() {
        assert_eq!(
            progress(0, 0),
            Value::Decimal {
                mantissa: 0,
                scale: 2
            }
        );
        assert_eq!(
            progress(5, 4),
            Value::Decimal {
                mantissa: 9999,
                scale: 2
            }
        );
        assert_eq!(
            progress(1, 3),
            Value::Decimal {
                mantissa: 3333,
                scale: 2
            }
        );
    }
}
