//! Tests of the view registry and the shared cell helpers.

use super::*;
use crate::cluster::SYS_TENANT_ID;

#[test]
fn dba_and_cdb_twins_resolve_and_cdb_only_from_sys() {
    let v = resolve("dba_ob_backup_jobs", false).unwrap();
    assert_eq!(
        (v.def.base, v.cdb, v.columns().len()),
        ("OB_BACKUP_JOBS", false, 18)
    );
    assert!(resolve("CDB_OB_BACKUP_JOBS", false).is_none());
    let cdb = resolve("CDB_OB_BACKUP_JOBS", true).unwrap();
    assert_eq!(cdb.columns()[0].name, "TENANT_ID");
    assert_eq!(cdb.columns().len(), 19);
    // The restore views exist in user tenants too (each sees its own rows); CDB_ only in sys.
    assert!(resolve("DBA_OB_RESTORE_PROGRESS", false).is_some());
    assert!(resolve("CDB_OB_RESTORE_PROGRESS", false).is_none());
    assert!(resolve("DBA_OB_UNIT_CONFIGS", false).is_none());
    assert!(resolve("DBA_OB_RESOURCE_POOLS", true).is_some());
    assert!(resolve("gv$ob_parameters", false).is_some());
    // Views without twins are named in full.
    assert!(resolve("DBA_OB_BACKUP_STORAGE_INFO", false).is_some());
    assert!(resolve("OB_BACKUP_STORAGE_INFO", false).is_none());
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

/// DESC's Default (spec §6.1): NULL only for the columns a view takes straight from its inner
/// table; a CDB_ twin's TENANT_ID is NULL unless the view computes every column.
#[test]
fn desc_defaults_follow_oceanbase() {
    let nulls = |name: &str| -> Vec<&str> {
        let v = resolve(name, true).unwrap();
        let cols = v.column_defs();
        cols.iter()
            .filter(|c| c.default == DescDefault::Null)
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(nulls("DBA_OB_ARCHIVELOG"), ["DEST_NO"]);
    assert_eq!(nulls("CDB_OB_ARCHIVELOG"), ["TENANT_ID", "DEST_NO"]);
    assert!(nulls("CDB_OB_ARCHIVELOG_SUMMARY").is_empty());
    assert!(nulls("CDB_OB_RESTORE_PROGRESS").is_empty());
    assert_eq!(
        nulls("CDB_OB_RESTORE_HISTORY")[..2],
        ["TENANT_ID", "JOB_ID"]
    );
    assert_eq!(
        nulls("DBA_OB_ARCHIVELOG_PIECE_FILES"),
        ["DEST_ID", "ROUND_ID", "PIECE_ID"]
    );
    assert_eq!(
        nulls("DBA_OB_ROOTSERVICE_EVENT_HISTORY"),
        ["MODULE", "EVENT"]
    );
    assert_eq!(nulls("DBA_OB_TENANTS").len(), 10);
    assert_eq!(nulls("GV$OB_PARAMETERS").len(), 12);
    // Job and history views share their lists, so their DESC is the same.
    assert_eq!(
        nulls("DBA_OB_BACKUP_JOBS"),
        nulls("DBA_OB_BACKUP_JOB_HISTORY")
    );
    assert_eq!(
        nulls("DBA_OB_BACKUP_TASK_HISTORY"),
        nulls("DBA_OB_BACKUP_TASKS")
    );
    // Every view's twin has TENANT_ID first, NOT NULL.
    for name in names(true).iter().filter(|n| n.starts_with("CDB_")) {
        let first = resolve(name, true).unwrap().column_defs()[0];
        assert_eq!((first.name, first.nullable), ("TENANT_ID", false), "{name}");
    }
}

/// DESC's Null where OceanBase's differs from a guess: restore views are NOT NULL but for the
/// history's times and texts; delete jobs' counts and the storage info's dest are nullable.
#[test]
fn desc_nullability_follows_oceanbase() {
    let nullable = |name: &str| -> Vec<&str> {
        let v = resolve(name, true).unwrap();
        let cols = v.column_defs();
        cols.iter().filter(|c| c.nullable).map(|c| c.name).collect()
    };
    assert!(nullable("DBA_OB_RESTORE_PROGRESS").is_empty());
    assert_eq!(
        nullable("DBA_OB_RESTORE_HISTORY"),
        [
            "START_TIMESTAMP",
            "FINISH_TIMESTAMP",
            "DESCRIPTION",
            "COMMENT"
        ]
    );
    assert_eq!(
        nullable("DBA_OB_BACKUP_DELETE_JOBS"),
        ["TASK_COUNT", "SUCCESS_TASK_COUNT", "COMMENT"]
    );
    assert_eq!(
        nullable("DBA_OB_BACKUP_STORAGE_INFO"),
        [
            "DEST_ID",
            "DEST_TYPE",
            "CHECK_FILE_NAME",
            "LAST_CHECK_TIMESTAMP"
        ]
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

/// The invariant of the registry: every row a view shows has one value per column of its list,
/// for every view (DBA_, CDB_ and plain), on a cluster where each of them has rows.
#[test]
fn every_row_has_one_value_per_column() {
    // Finished and running backups, archive rounds and pieces, a delete policy, a restore
    // running and one canceled.
    let mut shell = crate::shell::Shell::new(3);
    shell.run_to_end(
        "connect root@mysql_tenant
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/my';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/my';
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(600);
ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d';
connect root@sys
CREATE RESOURCE UNIT u MAX_CPU 2, MEMORY_SIZE '5G';
CREATE RESOURCE POOL p1 UNIT 'u';
CREATE RESOURCE POOL p2 UNIT 'u';
ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p1';
ALTER SYSTEM CANCEL RESTORE r1;
ALTER SYSTEM RESTORE r2 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p2';
connect root@mysql_tenant
ALTER SYSTEM BACKUP INCREMENTAL DATABASE;
SELECT SLEEP(5);
",
    );
    let c = &mut shell.cluster;
    // A delete job only starts once a set falls out of the recovery window (a day or more):
    // one running and one finished are put in place directly.
    let job = crate::backup::cleanup::DeleteJob {
        tenant_id: 1002,
        job_id: 9,
        incarnation: 1,
        initiator_tenant_id: 1002,
        initiator_job_id: 0,
        parameter: c.now() - crate::sim::DAY,
        start_ts: c.now(),
        end_ts: 0,
        status: crate::backup::JobStatus::Doing,
        task_count: 1,
        success_task_count: 0,
        result: 0,
        comment: String::new(),
        next_step_at: c.now() + crate::sim::SECOND,
    };
    let task = crate::backup::cleanup::DeleteTask {
        tenant_id: 1002,
        task_id: 9,
        incarnation: 1,
        job_id: 9,
        task_type: crate::backup::cleanup::DeleteTaskType::BackupSet,
        id: 1,
        round_id: 0,
        dest_id: 1002,
        start_ts: c.now(),
        end_ts: 0,
        status: crate::backup::JobStatus::Doing,
        total_ls_count: 4,
        finish_ls_count: 1,
        result: 0,
        comment: String::new(),
        path: "file:///d/my".into(),
        doing_since: c.now(),
        finish_at: c.now() + crate::sim::SECOND,
    };
    c.tenant_backup_mut(1002).delete_tasks.push(task.clone());
    c.tenant_backup_mut(1002).delete_task_history.push(task);
    let b = c.tenant_backup_mut(1002);
    b.delete_jobs.push(job.clone());
    b.delete_job_history.push(job);
    put_recover_table_rows(c);
    let c = &shell.cluster;
    let r2 = c.tenant_by_name("r2").map_or(0, |t| t.id);
    assert_ne!(r2, 0, "r2 is being restored");
    for name in names(true) {
        let v = resolve(&name, true).unwrap();
        let width = v.columns().len();
        // Seen from a user tenant, the restored tenant and sys: each shows its own rows.
        let rows: Vec<Vec<Value>> = [1002, r2, SYS_TENANT_ID]
            .iter()
            .flat_map(|&t| v.rows(c, t))
            .collect();
        assert!(!rows.is_empty(), "{name} has no rows to check");
        for row in &rows {
            assert_eq!(row.len(), width, "{name}: {row:?}");
        }
    }
}

/// A running and a finished RECOVER TABLE (sys and target rows, import job and task), put in
/// place directly: a real one needs minutes of restore first.
fn put_recover_table_rows(c: &mut crate::Cluster) {
    use crate::restore::recover_table::*;
    let now = c.now();
    let job = RecoverTableJob {
        tenant_id: SYS_TENANT_ID,
        job_id: 7,
        initiator_tenant_id: SYS_TENANT_ID,
        initiator_job_id: 0,
        start_ts: now,
        finish_ts: 0,
        status: RecoverStatus::Recovering,
        aux_tenant_name: "AUX_RECOVER$1".into(),
        target_tenant_name: "mysql_tenant".into(),
        target_tenant_id: 1002,
        lists: ImportLists::default(),
        items: vec![ImportItem::All],
        remaps: Vec::new(),
        restore_scn: 5,
        restore_option: "pool_list=p".into(),
        backup_dest: "file:///d/my".into(),
        backup_set_list: String::new(),
        backup_piece_list: String::new(),
        backup_passwd: String::new(),
        restore_job_id: 7,
        aux_tenant_id: 0,
        failed: false,
        comment: String::new(),
        description: String::new(),
        phase_until: now + crate::sim::SECOND,
        cancel_requested: false,
    };
    let user = RecoverTableJob {
        tenant_id: 1002,
        initiator_job_id: 7,
        status: RecoverStatus::Importing,
        ..job.clone()
    };
    let import = ImportJob {
        tenant_id: 1002,
        job_id: 8,
        initiator_tenant_id: 1002,
        initiator_job_id: 7,
        start_ts: now,
        finish_ts: 0,
        src_tenant_name: "AUX_RECOVER$1".into(),
        src_tenant_id: 1010,
        status: ImportJobStatus::ImportTable,
        lists: ImportLists::default(),
        total_table_count: 1,
        finished_table_count: 0,
        failed_table_count: 0,
        failed: false,
        comment: String::new(),
        description: String::new(),
        phase_until: now + crate::sim::SECOND,
    };
    let task = ImportTask {
        tenant_id: 1002,
        task_id: 9,
        job_id: 8,
        src_tenant_id: 1010,
        src_database: "shop".into(),
        src_table: "t".into(),
        target_database: "shop".into(),
        target_table: "t2".into(),
        table_column: 2,
        status: TaskStatus::Doing,
        start_ts: now,
        completion_ts: 0,
        failed: false,
        comment: String::new(),
        phase_until: now + crate::sim::SECOND,
    };
    let r = &mut c.restore.recover;
    r.jobs.extend([job.clone(), user.clone()]);
    r.job_history.extend([job, user]);
    r.import_jobs.push(import.clone());
    r.import_job_history.push(import);
    r.tasks.push(task.clone());
    r.task_history.push(task);
}
