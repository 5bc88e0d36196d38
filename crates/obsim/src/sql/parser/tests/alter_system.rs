//! ALTER SYSTEM: BACKUP, CANCEL, ARCHIVELOG, SET of parameters, delete policies, the rejected
//! and legacy forms, RESTORE and ACTIVATE STANDBY.

use super::*;
use crate::sql::ast::{
    Backup, RecoverTarget, RejectedForm, Restore, RestoreTenantName, RestoreUntil, ServerOrZone,
    SetParameter,
};

fn backup(
    incremental: bool,
    database: bool,
    tenants: &[&str],
    to: Option<&str>,
    plus_archivelog: bool,
    description: Option<&str>,
) -> AlterSystem {
    AlterSystem::Backup(Backup {
        incremental,
        database,
        tenants: names(tenants),
        to: to.map(str::to_string),
        plus_archivelog,
        description: description.map(str::to_string),
    })
}

// ----- BACKUP -------------------------------------------------------------------------

#[test]
fn backup_database_forms() {
    assert_eq!(
        alter("ALTER SYSTEM BACKUP DATABASE"),
        backup(false, true, &[], None, false, None)
    );
    assert_eq!(
        alter("alter system backup incremental database"),
        backup(true, true, &[], None, false, None)
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP DATABASE TO 'file:///x' PLUS ARCHIVELOG DESCRIPTION 'd'"),
        backup(false, true, &[], Some("file:///x"), true, Some("d"))
    );
    assert_eq!(
        alter(
            "ALTER SYSTEM BACKUP INCREMENTAL DATABASE TO = 'p' PLUS ARCHIVELOG DESCRIPTION = 'd'"
        ),
        backup(true, true, &[], Some("p"), true, Some("d"))
    );
}

#[test]
fn backup_tenant_forms() {
    assert_eq!(
        alter("ALTER SYSTEM BACKUP"),
        backup(false, false, &[], None, false, None)
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP INCREMENTAL"),
        backup(true, false, &[], None, false, None)
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP TENANT = t1, t2"),
        backup(false, false, &["t1", "t2"], None, false, None)
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP TENANT t1,t2"),
        backup(false, false, &["t1", "t2"], None, false, None)
    );
    assert_eq!(
        alter(
            "ALTER SYSTEM BACKUP INCREMENTAL TENANT = `T1`, 'x y', \"z\", ALL, all_user PLUS ARCHIVELOG DESCRIPTION 'n'"
        ),
        backup(
            true,
            false,
            &["T1", "x y", "z", "all", "all_user"],
            None,
            true,
            Some("n")
        )
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP PLUS ARCHIVELOG"),
        backup(false, false, &[], None, true, None)
    );
    assert_eq!(
        alter("ALTER SYSTEM BACKUP TO 'p' DESCRIPTION 'd'"),
        backup(false, false, &[], Some("p"), false, Some("d"))
    );
}

#[test]
fn all_eight_backup_productions_parse() {
    for incremental in ["", " INCREMENTAL"] {
        for target in [" DATABASE", " TENANT = t1"] {
            for plus in ["", " PLUS ARCHIVELOG"] {
                let sql = format!(
                    "ALTER SYSTEM BACKUP{incremental}{target} TO 'p'{plus} DESCRIPTION 'd'"
                );
                match alter(&sql) {
                    AlterSystem::Backup(Backup {
                        incremental: inc,
                        database,
                        plus_archivelog,
                        ..
                    }) => {
                        assert_eq!(inc, !incremental.is_empty(), "{sql}");
                        assert_eq!(database, target == " DATABASE", "{sql}");
                        assert_eq!(plus_archivelog, !plus.is_empty(), "{sql}");
                    }
                    other => panic!("{sql}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn hints_comments_and_a_trailing_semicolon_are_ignored() {
    assert_eq!(
        alter("ALTER /*+ query_timeout(100) */ SYSTEM BACKUP DATABASE; "),
        backup(false, true, &[], None, false, None)
    );
    assert_eq!(
        alter("-- leading\nALTER SYSTEM # hash\n BACKUP /* x */ DATABASE ;"),
        backup(false, true, &[], None, false, None)
    );
}

#[test]
fn backup_word_order_is_fixed() {
    assert_syntax_error("ALTER SYSTEM BACKUP DATABASE INCREMENTAL", "INCREMENTAL", 1);
    assert_syntax_error(
        "ALTER SYSTEM BACKUP PLUS ARCHIVELOG DATABASE",
        "DATABASE",
        1,
    );
    assert_syntax_error("ALTER SYSTEM BACKUP PLUS ARCHIVELOG TO 'p'", "TO 'p'", 1);
    assert_syntax_error(
        "ALTER SYSTEM BACKUP DESCRIPTION 'd' PLUS ARCHIVELOG",
        "PLUS ARCHIVELOG",
        1,
    );
    assert_syntax_error("ALTER SYSTEM BACKUP DATABASE TENANT = t1", "TENANT = t1", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP TENANT", "", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP TENANT = t1 t2", "t2", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP TO 'p' TO 'q'", "TO 'q'", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP PLUS", "", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP TO p", "p", 1);
}

// ----- CANCEL BACKUP / ARCHIVELOG -----------------------------------------------------

#[test]
fn cancel_backup() {
    assert_eq!(
        alter("ALTER SYSTEM CANCEL BACKUP"),
        AlterSystem::CancelBackup { tenants: None }
    );
    assert_eq!(
        alter("ALTER SYSTEM CANCEL BACKUP TENANT = t1, 't2'"),
        AlterSystem::CancelBackup {
            tenants: Some(names(&["t1", "t2"]))
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM CANCEL BACKUP TENANT t1"),
        AlterSystem::CancelBackup {
            tenants: Some(names(&["t1"]))
        }
    );
    assert_syntax_error("ALTER SYSTEM CANCEL BACKUP DATABASE", "DATABASE", 1);
    assert_syntax_error("ALTER SYSTEM CANCEL", "", 1);
    assert_syntax_error("ALTER SYSTEM CANCEL EVERYTHING", "EVERYTHING", 1);
}

#[test]
fn archivelog_and_noarchivelog() {
    assert_eq!(
        alter("ALTER SYSTEM ARCHIVELOG"),
        AlterSystem::ArchiveLog {
            enable: true,
            tenants: None,
            description: None
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM NOARCHIVELOG TENANT = all DESCRIPTION = 'stop'"),
        AlterSystem::ArchiveLog {
            enable: false,
            tenants: Some(names(&["all"])),
            description: some_string("stop")
        }
    );
    assert_eq!(
        alter("alter system archivelog tenant t1, t2 description 'x'"),
        AlterSystem::ArchiveLog {
            enable: true,
            tenants: Some(names(&["t1", "t2"])),
            description: some_string("x")
        }
    );
    assert_syntax_error("ALTER SYSTEM ARCHIVELOG TO 'x'", "TO 'x'", 1);
}

// ----- ALTER SYSTEM SET ---------------------------------------------------------------

fn parameter(name: &str, value: Literal) -> SetParameter {
    SetParameter {
        name: name.to_string(),
        value,
        comment: None,
        scope: None,
        server_or_zone: None,
        tenant: None,
    }
}

fn set_parameters(sql: &str) -> Vec<SetParameter> {
    match alter(sql) {
        AlterSystem::SetParameters { actions } => actions,
        other => panic!("{sql}: {other:?}"),
    }
}

#[test]
fn set_parameter_values() {
    let cases = [
        ("ha_low_thread_score = 5", Literal::Number("5".into())),
        ("ha_low_thread_score = -1", Literal::Number("-1".into())),
        ("x = - 1.50", Literal::Number("-1.50".into())),
        ("x = 'file:///a'", Literal::String("file:///a".into())),
        ("x = \"dq\"", Literal::String("dq".into())),
        ("x = TRUE", Literal::Bool(true)),
        ("x = false", Literal::Bool(false)),
        ("x = NULL", Literal::Null),
        ("x = enable", Literal::String("enable".into())),
    ];
    for (text, value) in cases {
        let name = text.split(' ').next().unwrap_or_default();
        assert_eq!(
            set_parameters(&format!("ALTER SYSTEM SET {text}")),
            vec![parameter(name, value)],
            "{text}"
        );
    }
}

#[test]
fn set_keyword_is_optional() {
    assert_eq!(
        set_parameters("ALTER SYSTEM DATA_BACKUP_DEST = 'file:///d'"),
        vec![parameter(
            "DATA_BACKUP_DEST",
            Literal::String("file:///d".into())
        )]
    );
}

#[test]
fn set_parameter_clauses_and_several_actions() {
    let actions = set_parameters(
        "ALTER SYSTEM SET a = 1 COMMENT 'why' SCOPE = memory SERVER = '127.0.0.1:2882' TENANT = all_user, \
         b = 'x' ZONE z1 TENANT 't2', c = 2 ZONE = 'zone 2', d = 3 SERVER '1.1.1.1:1' TENANT = ALL, e = 4 SCOPE = SPFILE",
    );
    assert_eq!(
        actions,
        vec![
            SetParameter {
                comment: some_string("why"),
                scope: some_string("MEMORY"),
                server_or_zone: Some(ServerOrZone::Server("127.0.0.1:2882".into())),
                tenant: some_string("all_user"),
                ..parameter("a", Literal::Number("1".into()))
            },
            SetParameter {
                server_or_zone: Some(ServerOrZone::Zone("z1".into())),
                tenant: some_string("t2"),
                ..parameter("b", Literal::String("x".into()))
            },
            SetParameter {
                server_or_zone: Some(ServerOrZone::Zone("zone 2".into())),
                ..parameter("c", Literal::Number("2".into()))
            },
            SetParameter {
                server_or_zone: Some(ServerOrZone::Server("1.1.1.1:1".into())),
                tenant: some_string("all"),
                ..parameter("d", Literal::Number("3".into()))
            },
            SetParameter {
                scope: some_string("SPFILE"),
                ..parameter("e", Literal::Number("4".into()))
            },
        ]
    );
}

#[test]
fn log_archive_dest_statement_from_the_docs() {
    assert_eq!(
        set_parameters(
            "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive BINDING=OPTIONAL' TENANT = t1"
        ),
        vec![SetParameter {
            tenant: some_string("t1"),
            ..parameter(
                "LOG_ARCHIVE_DEST",
                Literal::String("LOCATION=file:///data/nfs/backup/archive BINDING=OPTIONAL".into())
            )
        }]
    );
}

#[test]
fn set_parameter_syntax_errors() {
    assert_syntax_error("ALTER SYSTEM SET ha_low_thread_score 5", "5", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a, b", "", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a, b = 2 c", "c", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 SCOPE MEMORY", "MEMORY", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 SCOPE = DISK", "DISK", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a ZONE = z", "ZONE = z", 1);
    assert_syntax_error("ALTER SYSTEM SET x =", "", 1);
    assert_syntax_error("ALTER SYSTEM SET x = -'a'", "'a'", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 SERVER = z", "z", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 1 COMMENT c", "c", 1);
    assert_syntax_error("ALTER SYSTEM SET", "", 1);
    assert_syntax_error("ALTER SYSTEM", "", 1);
    assert_syntax_error("ALTER TABLE t", "TABLE t", 1);
}

// ----- delete policy / cleanup --------------------------------------------------------

#[test]
fn add_and_drop_delete_policy() {
    assert_eq!(
        alter("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d'"),
        AlterSystem::AddDeletePolicy {
            name: some_string("default"),
            recovery_window: some_string("7d"),
            redundancy: None,
            backup_copies: None,
            tenants: None
        }
    );
    assert_eq!(
        alter(
            "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'p' RECOVERY_WINDOW = '1d' REDUNDANCY = 1 BACKUP_COPIES 2 TENANT = t1"
        ),
        AlterSystem::AddDeletePolicy {
            name: some_string("p"),
            recovery_window: some_string("1d"),
            redundancy: Some(1),
            backup_copies: Some(2),
            tenants: Some(names(&["t1"]))
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' TENANT t1, t2"),
        AlterSystem::AddDeletePolicy {
            name: some_string("default"),
            recovery_window: None,
            redundancy: None,
            backup_copies: None,
            tenants: Some(names(&["t1", "t2"]))
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM DROP DELETE BACKUP POLICY = 'default' TENANT = t1"),
        AlterSystem::DropDeletePolicy {
            name: some_string("default"),
            tenants: Some(names(&["t1"]))
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'"),
        AlterSystem::DropDeletePolicy {
            name: some_string("default"),
            tenants: None
        }
    );
    assert_syntax_error("ALTER SYSTEM ADD DELETE BACKUP POLICY", "", 1);
    assert_syntax_error(
        "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY -1",
        "-1",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 1 RECOVERY_WINDOW '1d'",
        "RECOVERY_WINDOW '1d'",
        1,
    );
    assert_eq!(
        alter(
            "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/backup_set_1_full,file:///a/piece_d1001r1p1'"
        ),
        AlterSystem::AddRestoreSource {
            paths: "file:///d/backup_set_1_full,file:///a/piece_d1001r1p1".into()
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM CLEAR RESTORE SOURCE"),
        AlterSystem::ClearRestoreSource
    );
    assert_syntax_error("ALTER SYSTEM ADD RESTORE SOURCE x", "x", 1);
    assert_syntax_error("ALTER SYSTEM CLEAR RESTORE", "", 1);
}

#[test]
fn cancel_delete_backup() {
    assert_eq!(
        alter("ALTER SYSTEM CANCEL DELETE BACKUP"),
        AlterSystem::CancelDeleteBackup {
            tenants: None,
            description: None
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM CANCEL DELETE BACKUP TENANT = t1, t2 DESCRIPTION 'x'"),
        AlterSystem::CancelDeleteBackup {
            tenants: Some(names(&["t1", "t2"])),
            description: some_string("x")
        }
    );
}

#[test]
fn rejected_and_legacy_forms() {
    let cases = [
        (
            "ALTER SYSTEM DELETE BACKUPSET 1",
            RejectedForm::DeleteBackup,
        ),
        (
            "ALTER SYSTEM DELETE BACKUPPIECE 3 COPY 1 TENANT = t1 DESCRIPTION 'x'",
            RejectedForm::DeleteBackup,
        ),
        (
            "ALTER SYSTEM DELETE OBSOLETE BACKUP",
            RejectedForm::DeleteBackup,
        ),
        ("ALTER SYSTEM BACKUP KEY", RejectedForm::BackupKey),
        (
            "ALTER SYSTEM BACKUP KEY TENANT = t1 TO 'x' ENCRYPTED BY 'p'",
            RejectedForm::BackupKey,
        ),
        ("ALTER SYSTEM VALIDATE DATABASE", RejectedForm::Legacy),
        (
            "ALTER SYSTEM VALIDATE BACKUPSET 5 COPY 2",
            RejectedForm::Legacy,
        ),
        ("ALTER SYSTEM BACKUP BACKUPSET ALL", RejectedForm::Legacy),
        (
            "ALTER SYSTEM BACKUP BACKUPPIECE = 3 WITH ACTIVE",
            RejectedForm::Legacy,
        ),
        ("ALTER SYSTEM START BACKUP ARCHIVELOG", RejectedForm::Legacy),
        ("alter system stop backup archivelog", RejectedForm::Legacy),
        ("ALTER SYSTEM SUSPEND BACKUP", RejectedForm::Legacy),
        ("ALTER SYSTEM RESUME BACKUP", RejectedForm::Legacy),
        ("ALTER SYSTEM CANCEL BACKUP BACKUPSET", RejectedForm::Legacy),
        (
            "ALTER SYSTEM CANCEL BACKUP BACKUPPIECE",
            RejectedForm::Legacy,
        ),
        ("ALTER SYSTEM CANCEL VALIDATE 7", RejectedForm::Legacy),
    ];
    for (sql, form) in cases {
        assert_eq!(alter(sql), AlterSystem::Rejected(form), "{sql}");
    }
    assert_syntax_error("ALTER SYSTEM DELETE TENANT t1", "TENANT t1", 1);
    assert_syntax_error("ALTER SYSTEM START MERGE", "MERGE", 1);
    assert_syntax_error("ALTER SYSTEM CANCEL VALIDATE x", "x", 1);
    assert_syntax_error("ALTER SYSTEM VALIDATE", "", 1);
    assert_syntax_error("ALTER SYSTEM DELETE BACKUPSET 1 @", "@", 1);
    assert_syntax_error("ALTER SYSTEM BACKUP INCREMENTAL KEY", "KEY", 1);
}

// ----- RESTORE ------------------------------------------------------------------------

fn restore_tenant(name: &str, quoted: bool) -> Option<RestoreTenantName> {
    Some(RestoreTenantName {
        name: name.to_string(),
        quoted,
    })
}

#[test]
fn restore_with_every_clause() {
    assert_eq!(
        alter(
            "ALTER SYSTEM RESTORE mysql_r FROM 'file:///d,file:///a' UNTIL TIME = '2024-05-09 18:00:00' \
             WITH 'pool_list=p&primary_zone=z1' ENCRYPTED BY 'k' DESCRIPTION = 'r'"
        ),
        AlterSystem::Restore(Restore {
            tenant: restore_tenant("mysql_r", false),
            from: some_string("file:///d,file:///a"),
            until: Some(RestoreUntil::Time("2024-05-09 18:00:00".into())),
            with: some_string("pool_list=p&primary_zone=z1"),
            encrypted_by: some_string("k"),
            key_from: None,
            description: some_string("r"),
            preview: false,
        })
    );
    // WITH KEY FROM is parsed (and ignored, as in the CE build).
    assert_eq!(
        alter(
            "ALTER SYSTEM RESTORE r WITH 'pool_list=p' WITH KEY FROM 'file:///k' ENCRYPTED BY 'x'"
        ),
        AlterSystem::Restore(Restore {
            tenant: restore_tenant("r", false),
            from: None,
            until: None,
            with: some_string("pool_list=p"),
            encrypted_by: None,
            key_from: Some(("file:///k".into(), some_string("x"))),
            description: None,
            preview: false,
        })
    );
}

#[test]
fn restore_until_scn_and_minimal_forms() {
    assert_eq!(
        alter("ALTER SYSTEM RESTORE r FROM 'x' UNTIL SCN = 1715248598352783000 WITH 'pool_list=p'"),
        AlterSystem::Restore(Restore {
            tenant: restore_tenant("r", false),
            from: some_string("x"),
            until: Some(RestoreUntil::Scn(1_715_248_598_352_783_000)),
            with: some_string("pool_list=p"),
            encrypted_by: None,
            key_from: None,
            description: None,
            preview: false,
        })
    );
    assert_eq!(
        alter("ALTER SYSTEM RESTORE r UNTIL SCN=0 WITH ''"),
        AlterSystem::Restore(Restore {
            tenant: restore_tenant("r", false),
            from: None,
            until: Some(RestoreUntil::Scn(0)),
            with: some_string(""),
            encrypted_by: None,
            key_from: None,
            description: None,
            preview: false,
        })
    );
    // WITH is mandatory: its absence is a 1064 where it was expected (R§3.1).
    assert_syntax_error("ALTER SYSTEM RESTORE r UNTIL SCN=0", "", 1);
    assert_syntax_error(
        "ALTER SYSTEM RESTORE r FROM 'x' DESCRIPTION 'y'",
        "DESCRIPTION 'y'",
        1,
    );
}

#[test]
fn restore_tenant_name_quoting() {
    for (sql, name, quoted) in [
        ("ALTER SYSTEM RESTORE `all` WITH 'p'", "all", true),
        ("ALTER SYSTEM RESTORE 'all_user' WITH 'p'", "all_user", true),
        ("ALTER SYSTEM RESTORE \"t$1\" WITH 'p'", "t$1", true),
        ("ALTER SYSTEM RESTORE All_Meta WITH 'p'", "All_Meta", false),
        ("ALTER SYSTEM RESTORE t$1 WITH 'p'", "t$1", false),
    ] {
        match alter(sql) {
            AlterSystem::Restore(Restore { tenant, .. }) => {
                assert_eq!(tenant, restore_tenant(name, quoted), "{sql}")
            }
            other => panic!("{sql}: {other:?}"),
        }
    }
}

#[test]
fn restore_preview() {
    assert_eq!(
        alter("ALTER SYSTEM RESTORE FROM 'file:///d' UNTIL TIME = '2024-01-01 00:00:00' PREVIEW"),
        AlterSystem::Restore(Restore {
            tenant: None,
            from: some_string("file:///d"),
            until: Some(RestoreUntil::Time("2024-01-01 00:00:00".into())),
            with: None,
            encrypted_by: None,
            key_from: None,
            description: None,
            preview: true,
        })
    );
    assert_eq!(
        alter("ALTER SYSTEM RESTORE FROM 'file:///d' PREVIEW"),
        AlterSystem::Restore(Restore {
            tenant: None,
            from: some_string("file:///d"),
            until: None,
            with: None,
            encrypted_by: None,
            key_from: None,
            description: None,
            preview: true,
        })
    );
    assert_syntax_error("ALTER SYSTEM RESTORE FROM 'x' WITH 'p'", "WITH 'p'", 1);
}

#[test]
fn restore_of_unquoted_all_is_the_reference_syntax_error() {
    let sql = "ALTER SYSTEM RESTORE all FROM 'file:///log,file:///data' UNTIL TIME='2023-11-11 15:04:23.825558' with 'pool_list=pool_1&primary_zone=z1'";
    let near = "all FROM 'file:///log,file:///data' UNTIL TIME='2023-11-11 15:04:23.825558' with";
    assert_eq!(near.len(), 80);
    assert_syntax_error(sql, near, 1);
    assert_eq!(
        parse_statement(sql).map_err(|error| error.to_string()),
        Err(format!(
            "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '{near}' at line 1"
        ))
    );
    assert_syntax_error("ALTER SYSTEM RESTORE ALL WITH 'p'", "ALL WITH 'p'", 1);
    assert_syntax_error("ALTER SYSTEM RESTORE AlL WITH 'p'", "AlL WITH 'p'", 1);
}

#[test]
fn restore_syntax_errors() {
    assert_syntax_error(
        "ALTER SYSTEM RESTORE r FROM 'x' UNTIL TIME '2024-01-01 00:00:00' WITH 'pool_list=p'",
        "'2024-01-01 00:00:00' WITH 'pool_list=p'",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM RESTORE r UNTIL SCN 5 WITH 'p'",
        "5 WITH 'p'",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM RESTORE r UNTIL SCN = -5 WITH 'p'",
        "-5 WITH 'p'",
        1,
    );
    assert_syntax_error("ALTER SYSTEM RESTORE r UNTIL SCN = 1.5", "1.5", 1);
    assert_syntax_error("ALTER SYSTEM RESTORE r UNTIL NOW", "NOW", 1);
    assert_syntax_error("ALTER SYSTEM RESTORE r WITH 'p' WITH KEY 'k'", "'k'", 1);
    assert_syntax_error("ALTER SYSTEM RESTORE r WITH 'p' PREVIEW", "PREVIEW", 1);
    assert_syntax_error("ALTER SYSTEM RESTORE", "", 1);
}

#[test]
fn cancel_restore_and_activate_standby() {
    assert_eq!(
        alter("ALTER SYSTEM CANCEL RESTORE mysql_r"),
        AlterSystem::CancelRestore {
            tenant: "mysql_r".into()
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM CANCEL RESTORE `x`"),
        AlterSystem::CancelRestore { tenant: "x".into() }
    );
    assert_syntax_error("ALTER SYSTEM CANCEL RESTORE 'x'", "'x'", 1);
    assert_eq!(
        alter("ALTER SYSTEM ACTIVATE STANDBY TENANT = standby1"),
        AlterSystem::ActivateStandby {
            tenant: Some("standby1".into()),
            verify: false,
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM ACTIVATE STANDBY TENANT 's' VERIFY"),
        AlterSystem::ActivateStandby {
            tenant: Some("s".into()),
            verify: true,
        }
    );
    assert_eq!(
        alter("ALTER SYSTEM ACTIVATE STANDBY"),
        AlterSystem::ActivateStandby {
            tenant: None,
            verify: false,
        }
    );
    assert_syntax_error("ALTER SYSTEM ACTIVATE STANDBY TENANT", "", 1);
    assert_syntax_error("ALTER SYSTEM ACTIVATE TENANT x", "TENANT x", 1);
}

#[test]
fn recover_standby() {
    let recover =
        |tenant: Option<&str>, until: Option<RecoverTarget>| AlterSystem::RecoverStandby {
            tenant: tenant.map(String::from),
            until,
        };
    assert_eq!(
        alter("ALTER SYSTEM RECOVER STANDBY TENANT = r UNTIL UNLIMITED"),
        recover(Some("r"), Some(RecoverTarget::Unlimited))
    );
    assert_eq!(
        alter("ALTER SYSTEM RECOVER STANDBY UNTIL TIME = '2024-05-09 18:00:00'"),
        recover(
            None,
            Some(RecoverTarget::Time("2024-05-09 18:00:00".into()))
        )
    );
    assert_eq!(
        alter("ALTER SYSTEM RECOVER STANDBY TENANT r UNTIL SCN = 5"),
        recover(Some("r"), Some(RecoverTarget::Scn(5)))
    );
    assert_eq!(
        alter("ALTER SYSTEM RECOVER STANDBY TENANT r CANCEL"),
        recover(Some("r"), Some(RecoverTarget::Cancel))
    );
    assert_eq!(
        alter("ALTER SYSTEM RECOVER STANDBY TENANT r"),
        recover(Some("r"), None)
    );
    assert_syntax_error("ALTER SYSTEM RECOVER STANDBY UNTIL SCN 5", "5", 1);
    assert_syntax_error("ALTER SYSTEM RECOVER STANDBY UNTIL NOW", "NOW", 1);
    // RECOVER TABLE is its own statement: WITH is mandatory (R§12.1).
    assert_syntax_error("ALTER SYSTEM RECOVER TABLE t.x TO r", "", 1);
}
