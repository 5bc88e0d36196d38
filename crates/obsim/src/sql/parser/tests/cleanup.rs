//! The cleanup statements (R§14.1): the policy forms the resolver then judges, CANCEL DELETE
//! BACKUP, and where their syntax errors point.

use super::*;

#[test]
fn a_redundancy_only_policy_parses_without_a_window() {
    assert_eq!(
        alter("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 1"),
        AlterSystem::AddDeletePolicy {
            name: some_string("default"),
            recovery_window: None,
            redundancy: Some(1),
            backup_copies: None,
            tenants: None
        }
    );
    assert_eq!(
        alter(
            "alter system add delete backup policy 'default' recovery_window '' tenant = 'mysql_tenant'"
        ),
        AlterSystem::AddDeletePolicy {
            name: some_string("default"),
            recovery_window: some_string(""),
            redundancy: None,
            backup_copies: None,
            tenants: Some(names(&["mysql_tenant"]))
        }
    );
}

#[test]
fn cancel_delete_backup_with_a_description_only() {
    assert_eq!(
        alter("ALTER SYSTEM CANCEL DELETE BACKUP DESCRIPTION = 'stop'"),
        AlterSystem::CancelDeleteBackup {
            tenants: None,
            description: some_string("stop")
        }
    );
}

#[test]
fn cleanup_syntax_errors_point_at_the_token() {
    assert_syntax_error("ALTER SYSTEM CANCEL DELETE", "", 1);
    assert_syntax_error("ALTER SYSTEM CANCEL DELETE POLICY", "POLICY", 1);
    assert_syntax_error("ALTER SYSTEM CANCEL DELETE BACKUP TENANT", "", 1);
    assert_syntax_error("ALTER SYSTEM DROP DELETE BACKUP POLICY", "", 1);
    assert_syntax_error(
        "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d'",
        "RECOVERY_WINDOW '1d'",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW 7",
        "7",
        1,
    );
    assert_syntax_error("ALTER SYSTEM DELETE BACKUP", "BACKUP", 1);
}
