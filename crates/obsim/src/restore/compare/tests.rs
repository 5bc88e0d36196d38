//! Compare with source from known states: equal right after a restore to a moment between two
//! writes, unequal (with the keys listed) once a row differs, and the DBA's SQL giving the very
//! counts and checksums the comparison shows.

use super::*;
use crate::restore::drill::RestorePick;
use crate::shell::Shell;
use crate::sim::SECOND;

const MYSQL: u64 = 1002;

fn run(sh: &mut Shell, text: &str) -> String {
    sh.run_to_end(text)
        .iter()
        .map(|e| e.output.clone())
        .collect::<Vec<_>>()
        .join("")
}

/// Rows, a full backup, a fourth row, then (after the picked moment) a DELETE; the restore to
/// the moment between the two writes has run and the tenant is a STANDBY. Returns its id and
/// name.
fn restored() -> (Shell, u64, String) {
    let mut sh = Shell::new(11);
    run(
        &mut sh,
        "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///d/archive' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/data' TENANT = mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
connect root@mysql_tenant
CREATE DATABASE shop;
CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2), note VARCHAR(10));
INSERT INTO shop.orders VALUES (1, 'Ada', 10.00, NULL), (2, 'Grace', 20.00, 'gift'), (3, 'Linus', 30.00, NULL);
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(300);
INSERT INTO shop.orders VALUES (4, 'Barbara', 40.00, NULL);
SELECT SLEEP(60);
",
    );
    let moment = sh.cluster.current_scn();
    run(
        &mut sh,
        "SELECT SLEEP(60);\nDELETE FROM shop.orders;\nSELECT SLEEP(200);\nconnect root@sys\n",
    );
    let Some(RestorePick::Ok(ok)) = sh.cluster.pick_restore_target(MYSQL, moment) else {
        panic!("the moment is restorable");
    };
    let out = run(
        &mut sh,
        &format!("{}\n{}", ok.prepare.join("\n"), ok.statement),
    );
    assert!(!out.contains("ERROR"), "{out}");
    let id = sh.cluster.tenant_by_name(&ok.tenant_name).unwrap().id;
    assert!(
        sh.cluster.compare_with_source(id).is_none(),
        "not built yet"
    );
    for _ in 0..600 {
        if sh.cluster.restore.jobs.is_empty() {
            break;
        }
        sh.cluster.advance(SECOND);
    }
    (sh, id, ok.tenant_name)
}

fn orders(c: &Comparison) -> &TableComparison {
    c.tables
        .iter()
        .find(|t| t.database == "shop" && t.table == "orders")
        .unwrap()
}

#[test]
fn a_restore_compares_equal_to_its_source_as_of_the_moment() {
    let (sh, id, name) = restored();
    let c = sh.cluster.compare_with_source(id).unwrap();
    assert_eq!(
        (
            c.restored_tenant_name.as_str(),
            c.source_tenant_name.as_str()
        ),
        (name.as_str(), "mysql_tenant")
    );
    assert_eq!(c.as_of_scn, c.restore_scn);
    assert!(c.equal, "{c:?}");
    let t = orders(&c);
    // The four rows of the moment, though the source has none left now.
    assert_eq!((t.restored_rows, t.source_rows), (Some(4), Some(4)));
    assert!(t.restored_checksum.is_some());
    assert_eq!(t.restored_checksum, t.source_checksum);
    assert!(t.missing.is_empty() && t.extra.is_empty() && t.changed.is_empty());
    assert_eq!(
        t.sql,
        "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', id, customer, amount, note))) FROM shop.orders;"
    );
    assert!(
        sh.cluster.compare_with_source(MYSQL).is_none(),
        "not a restored tenant"
    );
}

#[test]
fn the_dba_sql_gives_the_counts_and_checksums_the_comparison_shows() {
    let (mut sh, id, name) = restored();
    let c = sh.cluster.compare_with_source(id).unwrap();
    let t = orders(&c).clone();
    let out = run(&mut sh, &format!("connect root@{name}\n{}", t.sql));
    let row = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("|  ") && !l.contains("COUNT"))
            .map(|l| {
                l.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        row(&out),
        ["4".to_string(), t.restored_checksum.unwrap().to_string()],
        "{out}"
    );
    // The source now: its rows were deleted after the moment, so SUM is NULL.
    let out = run(&mut sh, &format!("connect root@mysql_tenant\n{}", t.sql));
    assert_eq!(row(&out), ["0", "NULL"], "{out}");
}

#[test]
fn a_row_that_differs_after_activation_makes_it_unequal_and_is_listed() {
    let (mut sh, id, name) = restored();
    let out = run(
        &mut sh,
        &format!(
            "ALTER SYSTEM ACTIVATE STANDBY TENANT = {name};\nconnect root@{name}\n\
             UPDATE shop.orders SET amount = 21.00 WHERE id = 2;\n\
             DELETE FROM shop.orders WHERE id = 3;\n\
             INSERT INTO shop.orders VALUES (9, 'Edsger', 90.00, NULL);\n"
        ),
    );
    assert!(!out.contains("ERROR"), "{out}");
    let c = sh.cluster.compare_with_source(id).unwrap();
    assert!(!c.equal);
    let t = orders(&c);
    assert!(!t.equal);
    assert_eq!((t.restored_rows, t.source_rows), (Some(4), Some(4)));
    assert_ne!(t.restored_checksum, t.source_checksum);
    assert_eq!(
        (t.changed.clone(), t.missing.clone(), t.extra.clone()),
        (
            vec!["2".to_string()],
            vec!["3".to_string()],
            vec!["9".to_string()]
        )
    );
    // A table only one side has is unequal too.
    run(&mut sh, "CREATE TABLE shop.extra (id INT PRIMARY KEY);\n");
    let c = sh.cluster.compare_with_source(id).unwrap();
    let extra = c.tables.iter().find(|t| t.table == "extra").unwrap();
    assert_eq!(
        (extra.restored_rows, extra.source_rows, extra.equal),
        (Some(0), None, false)
    );
}
