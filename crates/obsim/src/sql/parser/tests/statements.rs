//! The statements around the backup ones: SET ENCRYPTION / DECRYPTION, SHOW, DESC, USE, DDL
//! and DML.

use super::*;
use crate::sql::ast::{ColumnDef, CreateTable, Delete, Insert, ObjectName, Show, UnaryOp, Update};
use crate::value::ColType;

// ----- SET ENCRYPTION / DECRYPTION ------------------------------------------------------

#[test]
fn set_encryption_and_decryption() {
    assert_eq!(
        parse("SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY"),
        Statement::SetEncryption {
            password: "pw".into()
        }
    );
    assert_eq!(
        parse("set decryption identified by 'a', 'b'"),
        Statement::SetDecryption {
            passwords: names(&["a", "b"])
        }
    );
    assert_eq!(
        parse("SET DECRYPTION IDENTIFIED BY 'only'"),
        Statement::SetDecryption {
            passwords: names(&["only"])
        }
    );
    assert_syntax_error("SET ENCRYPTION ON IDENTIFIED BY 'pw'", "", 1);
    assert_syntax_error("SET ENCRYPTION OFF", "OFF", 1);
    assert_syntax_error("SET ENCRYPTION ON IDENTIFIED BY pw ONLY", "pw ONLY", 1);
    assert_syntax_error("SET DECRYPTION IDENTIFIED BY 'a',", "", 1);
    assert_syntax_error("SET NAMES utf8mb4", "NAMES utf8mb4", 1);
    assert_syntax_error("SET autocommit = 1", "autocommit = 1", 1);
}

// ----- SHOW / DESC / USE ----------------------------------------------------------------

#[test]
fn show_statements() {
    assert_eq!(
        parse("SHOW PARAMETERS"),
        Statement::Show(Show::Parameters {
            like: None,
            tenant: None
        })
    );
    assert_eq!(
        parse("SHOW PARAMETERS LIKE 'ha_%' TENANT = t1"),
        Statement::Show(Show::Parameters {
            like: some_string("ha_%"),
            tenant: some_string("t1")
        })
    );
    assert_eq!(
        parse("show parameters tenant all_user"),
        Statement::Show(Show::Parameters {
            like: None,
            tenant: some_string("all_user")
        })
    );
    assert_eq!(parse("SHOW TENANTS"), Statement::Show(Show::Tenants));
    assert_eq!(parse("show databases"), Statement::Show(Show::Databases));
    assert_eq!(
        parse("SHOW TABLES"),
        Statement::Show(Show::Tables { database: None })
    );
    assert_eq!(
        parse("SHOW TABLES FROM oceanbase"),
        Statement::Show(Show::Tables {
            database: some_string("oceanbase")
        })
    );
    assert_eq!(
        parse("SHOW CREATE TABLE test.t1"),
        Statement::Show(Show::CreateTable {
            name: ObjectName(names(&["test", "t1"]))
        })
    );
    assert_syntax_error("SHOW PARAMETERS LIKE ha", "ha", 1);
    assert_syntax_error("SHOW PARAMETERS WHERE a = 1", "WHERE a = 1", 1);
    assert_syntax_error("SHOW STATUS", "STATUS", 1);
    assert_syntax_error("SHOW", "", 1);
}

#[test]
fn describe_and_use() {
    assert_eq!(
        parse("DESC oceanbase.DBA_OB_BACKUP_JOBS"),
        Statement::Describe {
            name: ObjectName(names(&["oceanbase", "DBA_OB_BACKUP_JOBS"]))
        }
    );
    assert_eq!(
        parse("describe t1"),
        Statement::Describe {
            name: ObjectName(names(&["t1"]))
        }
    );
    assert_eq!(
        parse("USE oceanbase"),
        Statement::Use {
            database: "oceanbase".into()
        }
    );
    assert_eq!(
        parse("use `my db`;"),
        Statement::Use {
            database: "my db".into()
        }
    );
    assert_syntax_error("EXPLAIN t1", "EXPLAIN t1", 1);
    assert_syntax_error("USE", "", 1);
}

// ----- DDL ----------------------------------------------------------------------------

#[test]
fn create_and_drop_database() {
    assert_eq!(
        parse("CREATE DATABASE test"),
        Statement::CreateDatabase {
            name: "test".into(),
            if_not_exists: false
        }
    );
    assert_eq!(
        parse("create database if not exists test default charset = utf8mb4"),
        Statement::CreateDatabase {
            name: "test".into(),
            if_not_exists: true
        }
    );
    assert_eq!(
        parse("DROP DATABASE test"),
        Statement::DropDatabase {
            name: "test".into(),
            if_exists: false
        }
    );
    assert_eq!(
        parse("DROP DATABASE IF EXISTS `test`"),
        Statement::DropDatabase {
            name: "test".into(),
            if_exists: true
        }
    );
    assert_syntax_error("CREATE DATABASE IF EXISTS t", "EXISTS t", 1);
    assert_syntax_error("DROP DATABASE IF NOT EXISTS t", "NOT EXISTS t", 1);
    assert_syntax_error("CREATE USER u", "USER u", 1);
}

#[test]
fn create_table_with_every_column_form() {
    let statement = parse(
        "CREATE TABLE IF NOT EXISTS test.t1 (
            id INT NOT NULL PRIMARY KEY,
            big BIGINT(20) DEFAULT -1,
            price DECIMAL(12, 2) NULL,
            plain DECIMAL,
            num NUMBER(5),
            name VARCHAR(64) NOT NULL DEFAULT 'x' COMMENT 'the name',
            name2 VARCHAR2(10),
            code CHAR(3),
            flag CHAR,
            created DATETIME(6) DEFAULT NULL,
            day DATE,
            ts TIMESTAMP,
            n INTEGER DEFAULT 5
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT 'c', REPLICA_NUM = 1",
    );
    let column_def =
        |name: &str, data_type: ColType, not_null: bool, default: Option<Literal>| ColumnDef {
            name: name.to_string(),
            data_type,
            not_null,
            default,
        };
    assert_eq!(
        statement,
        Statement::CreateTable(CreateTable {
            name: ObjectName(names(&["test", "t1"])),
            if_not_exists: true,
            columns: vec![
                column_def("id", ColType::Int, true, None),
                column_def(
                    "big",
                    ColType::BigInt,
                    false,
                    Some(Literal::Number("-1".into()))
                ),
                column_def("price", ColType::Decimal(12, 2), false, None),
                column_def("plain", ColType::Decimal(10, 0), false, None),
                column_def("num", ColType::Decimal(5, 0), false, None),
                column_def(
                    "name",
                    ColType::Varchar(64),
                    true,
                    Some(Literal::String("x".into()))
                ),
                column_def("name2", ColType::Varchar(10), false, None),
                column_def("code", ColType::Varchar(3), false, None),
                column_def("flag", ColType::Varchar(1), false, None),
                column_def("created", ColType::DateTime, false, Some(Literal::Null)),
                column_def("day", ColType::DateTime, false, None),
                column_def("ts", ColType::DateTime, false, None),
                column_def("n", ColType::Int, false, Some(Literal::Number("5".into()))),
            ],
            primary_key: names(&["id"]),
        })
    );
}

#[test]
fn create_table_with_a_primary_key_constraint() {
    assert_eq!(
        parse("create table t (a int, b varchar(10), primary key (a, b))"),
        Statement::CreateTable(CreateTable {
            name: ObjectName(names(&["t"])),
            if_not_exists: false,
            columns: vec![
                ColumnDef {
                    name: "a".into(),
                    data_type: ColType::Int,
                    not_null: false,
                    default: None
                },
                ColumnDef {
                    name: "b".into(),
                    data_type: ColType::Varchar(10),
                    not_null: false,
                    default: None
                },
            ],
            primary_key: names(&["a", "b"]),
        })
    );
}

#[test]
fn create_table_syntax_errors() {
    assert_syntax_error("CREATE TABLE t (a BLOB)", "BLOB)", 1);
    assert_syntax_error("CREATE TABLE t (a VARCHAR)", ")", 1);
    assert_syntax_error("CREATE TABLE t (a DECIMAL(300, 2))", "300, 2))", 1);
    assert_syntax_error(
        "CREATE TABLE t (a INT DEFAULT CURRENT_TIMESTAMP)",
        "CURRENT_TIMESTAMP)",
        1,
    );
    assert_syntax_error("CREATE TABLE t (a INT", "", 1);
    assert_syntax_error("CREATE TABLE t ()", ")", 1);
    assert_syntax_error("CREATE TABLE t (a INT) ENGINE=", "", 1);
    assert_syntax_error("CREATE TABLE t (a INT) PARTITION BY HASH(a)", "(a)", 1);
    assert_syntax_error(
        "CREATE TABLE t (a INT AUTO_INCREMENT)",
        "AUTO_INCREMENT)",
        1,
    );
    assert_syntax_error("CREATE TABLE t (a INT) ENGINE", "", 1);
}

#[test]
fn drop_and_truncate_table() {
    assert_eq!(
        parse("DROP TABLE t1"),
        Statement::DropTable {
            names: vec![ObjectName(names(&["t1"]))],
            if_exists: false
        }
    );
    assert_eq!(
        parse("DROP TABLE IF EXISTS t1, test.t2"),
        Statement::DropTable {
            names: vec![
                ObjectName(names(&["t1"])),
                ObjectName(names(&["test", "t2"]))
            ],
            if_exists: true
        }
    );
    assert_eq!(
        parse("TRUNCATE TABLE t1"),
        Statement::TruncateTable {
            name: ObjectName(names(&["t1"]))
        }
    );
    assert_eq!(
        parse("truncate test.t1"),
        Statement::TruncateTable {
            name: ObjectName(names(&["test", "t1"]))
        }
    );
    assert_syntax_error("DROP TABLE", "", 1);
    assert_syntax_error("DROP VIEW v", "VIEW v", 1);
}

// ----- DML ----------------------------------------------------------------------------

#[test]
fn insert_forms() {
    assert_eq!(
        parse("INSERT INTO t1 (a, b) VALUES (1, 'x'), (-2, NULL)"),
        Statement::Insert(Insert {
            table: ObjectName(names(&["t1"])),
            columns: names(&["a", "b"]),
            rows: vec![
                vec![number("1"), string("x")],
                vec![
                    Expr::Unary {
                        op: UnaryOp::Minus,
                        expr: Box::new(number("2"))
                    },
                    Expr::Literal(Literal::Null)
                ],
            ],
        })
    );
    assert_eq!(
        parse("insert into test.t1 values (1+1)"),
        Statement::Insert(Insert {
            table: ObjectName(names(&["test", "t1"])),
            columns: Vec::new(),
            rows: vec![vec![binary(number("1"), BinaryOp::Plus, number("1"))]],
        })
    );
    assert_eq!(
        parse("INSERT INTO t1 () VALUES ()"),
        Statement::Insert(Insert {
            table: ObjectName(names(&["t1"])),
            columns: Vec::new(),
            rows: vec![Vec::new()],
        })
    );
    assert_syntax_error("INSERT INTO t1 VALUES", "", 1);
    assert_syntax_error("INSERT INTO t1 VALUES (1),", "", 1);
    assert_syntax_error("INSERT INTO t1 SELECT 1", "SELECT 1", 1);
}

#[test]
fn update_and_delete() {
    assert_eq!(
        parse("UPDATE t1 SET a = a + 1, b = 'y' WHERE id = 3"),
        Statement::Update(Update {
            table: ObjectName(names(&["t1"])),
            assignments: vec![
                ("a".into(), binary(column("a"), BinaryOp::Plus, number("1"))),
                ("b".into(), string("y")),
            ],
            selection: Some(binary(column("id"), BinaryOp::Eq, number("3"))),
        })
    );
    assert_eq!(
        parse("update test.t1 set a = 1"),
        Statement::Update(Update {
            table: ObjectName(names(&["test", "t1"])),
            assignments: vec![("a".into(), number("1"))],
            selection: None,
        })
    );
    assert_eq!(
        parse("DELETE FROM t1 WHERE a IS NULL"),
        Statement::Delete(Delete {
            table: ObjectName(names(&["t1"])),
            selection: Some(Expr::IsNull {
                expr: Box::new(column("a")),
                negated: false
            }),
        })
    );
    assert_eq!(
        parse("delete from t1"),
        Statement::Delete(Delete {
            table: ObjectName(names(&["t1"])),
            selection: None,
        })
    );
    assert_syntax_error("UPDATE t1 SET a 1", "1", 1);
    assert_syntax_error("DELETE t1", "t1", 1);
    assert_syntax_error("DELETE FROM t1 LIMIT 1", "LIMIT 1", 1);
}
