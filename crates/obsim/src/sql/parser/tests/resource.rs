//! CREATE / DROP / ALTER RESOURCE UNIT and POOL (R§2.1), SHOW RESTORE PREVIEW (R§4) and
//! SET LOG_RESTORE_SOURCE (R§10.3).

use super::*;
use crate::sql::ast::{PoolOption, ResourceStmt, Show};

fn resource(sql: &str) -> ResourceStmt {
    match parse(sql) {
        Statement::Resource(r) => r,
        other => panic!("{sql:?} is not a resource statement: {other:?}"),
    }
}

fn number_option(name: &str, value: &str) -> (String, Literal) {
    (name.to_string(), Literal::Number(value.to_string()))
}

fn string_option(name: &str, value: &str) -> (String, Literal) {
    (name.to_string(), Literal::String(value.to_string()))
}

#[test]
fn create_resource_unit_as_the_tutorial_types_it() {
    assert_eq!(
        resource(
            "CREATE RESOURCE UNIT unit_backup MAX_CPU 8, MEMORY_SIZE = '16G', MAX_IOPS 10240, MIN_IOPS=10240"
        ),
        ResourceStmt::CreateUnit {
            name: "unit_backup".into(),
            if_not_exists: false,
            options: vec![
                number_option("MAX_CPU", "8"),
                string_option("MEMORY_SIZE", "16G"),
                number_option("MAX_IOPS", "10240"),
                number_option("MIN_IOPS", "10240"),
            ],
        }
    );
    assert_eq!(
        resource("create resource unit if not exists 'u1' max_cpu = 0.5, log_disk_size 2147483648"),
        ResourceStmt::CreateUnit {
            name: "u1".into(),
            if_not_exists: true,
            options: vec![
                number_option("MAX_CPU", "0.5"),
                number_option("LOG_DISK_SIZE", "2147483648"),
            ],
        }
    );
    // Unknown options (MIN_MEMORY of 3.x) are a 1064 at the option (R§2.2).
    assert_syntax_error(
        "CREATE RESOURCE UNIT u MAX_CPU 1, MIN_MEMORY='1G'",
        "MIN_MEMORY='1G'",
        1,
    );
    assert_syntax_error("CREATE RESOURCE UNIT u", "", 1);
    assert_syntax_error("CREATE RESOURCE UNIT u MAX_CPU", "", 1);
    assert_syntax_error(
        "CREATE RESOURCE UNIT u MAX_CPU 1 MEMORY_SIZE '5G'",
        "MEMORY_SIZE '5G'",
        1,
    );
    assert_syntax_error("CREATE RESOURCE TENANT u", "TENANT u", 1);
}

#[test]
fn create_resource_pool_zone_lists_take_an_optional_comma() {
    assert_eq!(
        resource(
            "CREATE RESOURCE POOL restore_pool UNIT = 'unit_backup', UNIT_NUM = 1, ZONE_LIST = ('z1' 'z2', 'z3')"
        ),
        ResourceStmt::CreatePool {
            name: "restore_pool".into(),
            if_not_exists: false,
            options: vec![
                PoolOption::Unit("unit_backup".into()),
                PoolOption::UnitNum(1),
                PoolOption::ZoneList(names(&["z1", "z2", "z3"])),
            ],
        }
    );
    assert_eq!(
        resource("CREATE RESOURCE POOL IF NOT EXISTS p UNIT u, REPLICA_TYPE 'FULL'"),
        ResourceStmt::CreatePool {
            name: "p".into(),
            if_not_exists: true,
            options: vec![
                PoolOption::Unit("u".into()),
                PoolOption::ReplicaType("FULL".into()),
            ],
        }
    );
    // Zones are strings; UNIT_NUM an unsigned integer.
    assert_syntax_error("CREATE RESOURCE POOL p ZONE_LIST = (z1)", "z1)", 1);
    assert_syntax_error("CREATE RESOURCE POOL p UNIT_NUM = -1", "-1", 1);
    assert_syntax_error("CREATE RESOURCE POOL p ZONE_LIST = ()", ")", 1);
}

#[test]
fn drop_resource_unit_and_pool() {
    assert_eq!(
        resource("DROP RESOURCE UNIT u"),
        ResourceStmt::DropUnit {
            name: "u".into(),
            if_exists: false
        }
    );
    assert_eq!(
        resource("drop resource pool if exists 'p'"),
        ResourceStmt::DropPool {
            name: "p".into(),
            if_exists: true
        }
    );
    assert_syntax_error("DROP RESOURCE POOL", "", 1);
    assert_syntax_error("DROP RESOURCE POOL p q", "q", 1);
}

#[test]
fn alter_resource_unit_and_pool() {
    assert_eq!(
        resource("ALTER RESOURCE UNIT u MAX_CPU 4, MEMORY_SIZE = '8G'"),
        ResourceStmt::AlterUnit {
            name: "u".into(),
            options: vec![
                number_option("MAX_CPU", "4"),
                string_option("MEMORY_SIZE", "8G"),
            ],
        }
    );
    // The grammar allows no option at all.
    assert_eq!(
        resource("ALTER RESOURCE UNIT u"),
        ResourceStmt::AlterUnit {
            name: "u".into(),
            options: Vec::new(),
        }
    );
    assert_eq!(
        resource(
            "ALTER RESOURCE POOL p UNIT_NUM = 1 DELETE UNIT = (1001, 1002), ZONE_LIST ('zone1')"
        ),
        ResourceStmt::AlterPool {
            name: "p".into(),
            options: vec![
                PoolOption::UnitNum(1),
                PoolOption::ZoneList(names(&["zone1"])),
            ],
        }
    );
    assert_eq!(
        resource("alter resource pool p unit = 'u2'"),
        ResourceStmt::AlterPool {
            name: "p".into(),
            options: vec![PoolOption::Unit("u2".into())],
        }
    );
    // ALTER names are identifiers, not strings; REPLICA_TYPE cannot change.
    assert_syntax_error("ALTER RESOURCE UNIT 'u' MAX_CPU 1", "'u' MAX_CPU 1", 1);
    assert_syntax_error(
        "ALTER RESOURCE POOL p REPLICA_TYPE = 'FULL'",
        "REPLICA_TYPE = 'FULL'",
        1,
    );
    assert_syntax_error("ALTER RESOURCE POOL p", "", 1);
    assert_syntax_error("ALTER RESOURCE POOL p UNIT_NUM 1 DELETE UNIT ()", ")", 1);
    assert_syntax_error("ALTER RESOURCE TABLE t", "TABLE t", 1);
    // Without RESOURCE, ALTER still means ALTER SYSTEM.
    assert_syntax_error("ALTER TABLE t", "TABLE t", 1);
}

#[test]
fn show_restore_preview() {
    assert_eq!(
        parse("SHOW RESTORE PREVIEW"),
        Statement::Show(Show::RestorePreview)
    );
    assert_eq!(
        parse("show restore preview;"),
        Statement::Show(Show::RestorePreview)
    );
    assert_syntax_error("SHOW RESTORE", "", 1);
    assert_syntax_error("SHOW RESTORE PREVIEW x", "x", 1);
}

#[test]
fn set_log_restore_source_is_a_parameter_with_a_tenant() {
    let sql = "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///data/nfs/backup/archive' TENANT = mysql_r";
    match alter(sql) {
        AlterSystem::SetParameters { actions } => {
            assert_eq!(actions.len(), 1);
            assert_eq!(actions[0].name, "LOG_RESTORE_SOURCE");
            assert_eq!(
                actions[0].value,
                Literal::String("LOCATION=file:///data/nfs/backup/archive".into())
            );
            assert_eq!(actions[0].tenant.as_deref(), Some("mysql_r"));
        }
        other => panic!("{other:?}"),
    }
}
