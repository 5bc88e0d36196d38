//! RECOVER TABLE and CANCEL RECOVER TABLE (R§12.1): every list and REMAP form, the optional
//! clauses in their order, and the syntax errors at the clause out of place.

use super::*;
use crate::sql::ast::{RecoverItem, RecoverTable, RemapItem, RestoreUntil};

fn recover(sql: &str) -> RecoverTable {
    match alter(sql) {
        AlterSystem::RecoverTable(r) => r,
        other => panic!("{sql:?} is not RECOVER TABLE: {other:?}"),
    }
}

fn item(db: Option<&str>, table: Option<&str>) -> RecoverItem {
    RecoverItem {
        db: db.map(str::to_string),
        table: table.map(str::to_string),
        partitions: Vec::new(),
    }
}

fn remap(src_db: &str, src: Option<&str>, dst_db: Option<&str>, dst: Option<&str>) -> RemapItem {
    RemapItem {
        src_db: src_db.into(),
        src_table: src.map(str::to_string),
        dst_db: dst_db.map(str::to_string),
        dst_table: dst.map(str::to_string),
    }
}

#[test]
fn the_smallest_form_and_every_clause() {
    let r = recover("ALTER SYSTEM RECOVER TABLE shop.orders TO t1 WITH 'pool_list=p'");
    assert_eq!(r.items, [item(Some("shop"), Some("orders"))]);
    assert_eq!(r.tenant, "t1");
    assert_eq!(r.with, "pool_list=p");
    assert!(r.from.is_none() && r.until.is_none() && r.remap_tables.is_empty());
    let r = recover(
        "alter system recover table shop.orders, crm.*, *.* to tenant = t1 \
         from 'file:///a,file:///b' until time = '2024-05-09 18:00:00' with 'pool_list=p' \
         encrypted by 'x' with key from 'file:///k' encrypted by 'y' \
         remap table shop.orders:o2, shop.items:shop2.items, shop.t:shop2.t2, crm.`*`:crm2.`*` \
         remap tablegroup tg1:tg2 remap tablespace ts1:ts2, ts3:ts4 description = 'd'",
    );
    assert_eq!(
        r.items,
        [
            item(Some("shop"), Some("orders")),
            item(Some("crm"), None),
            item(None, None)
        ]
    );
    assert_eq!(r.from.as_deref(), Some("file:///a,file:///b"));
    assert_eq!(
        r.until,
        Some(RestoreUntil::Time("2024-05-09 18:00:00".into()))
    );
    assert_eq!(r.encrypted_by.as_deref(), Some("x"));
    assert_eq!(
        r.key_from,
        Some(("file:///k".to_string(), Some("y".to_string())))
    );
    assert_eq!(
        r.remap_tables,
        [
            remap("shop", Some("orders"), None, Some("o2")),
            remap("shop", Some("items"), Some("shop2"), Some("items")),
            remap("shop", Some("t"), Some("shop2"), Some("t2")),
            remap("crm", None, Some("crm2"), None),
        ]
    );
    assert_eq!(
        r.remap_tablegroups,
        [("tg1".to_string(), "tg2".to_string())]
    );
    assert_eq!(r.remap_tablespaces.len(), 2);
    assert_eq!(r.description.as_deref(), Some("d"));
    // `TO TENANT name` without `=`, a bare `*` in a REMAP, UNTIL SCN, a PARTITION list.
    let r = recover(
        "ALTER SYSTEM RECOVER TABLE db.t PARTITION (p0, p1) TO TENANT t1 UNTIL SCN = 5 \
         WITH 'o' REMAP TABLE db.*:db2.*",
    );
    assert_eq!(r.items[0].partitions, ["p0", "p1"]);
    assert_eq!(r.until, Some(RestoreUntil::Scn(5)));
    assert_eq!(r.remap_tables, [remap("db", None, Some("db2"), None)]);
}

#[test]
fn cancel_names_the_target() {
    assert_eq!(
        alter("ALTER SYSTEM CANCEL RECOVER TABLE t1"),
        AlterSystem::CancelRecoverTable {
            tenant: "t1".into()
        }
    );
    assert_syntax_error("ALTER SYSTEM CANCEL RECOVER t1", "t1", 1);
}

#[test]
fn syntax_errors_point_at_the_clause() {
    // `TO` and `WITH` are mandatory; a table needs its database.
    assert_syntax_error("ALTER SYSTEM RECOVER TABLE t WITH 'o'", "WITH 'o'", 1);
    assert_syntax_error("ALTER SYSTEM RECOVER TABLE db.t WITH 'o'", "WITH 'o'", 1);
    assert_syntax_error("ALTER SYSTEM RECOVER TABLE db.t TO t1", "", 1);
    // Clauses out of order, a REMAP without its kind, a REMAP item without ':'.
    assert_syntax_error(
        "ALTER SYSTEM RECOVER TABLE db.t TO t1 WITH 'o' UNTIL SCN = 5",
        "UNTIL SCN = 5",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM RECOVER TABLE db.t TO t1 WITH 'o' REMAP DESCRIPTION 'd'",
        "DESCRIPTION 'd'",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM RECOVER TABLE db.t TO t1 WITH 'o' REMAP TABLE db.t t2",
        "t2",
        1,
    );
    assert_syntax_error(
        "ALTER SYSTEM RECOVER TABLE db.t TO t1 WITH 'o' REMAP TABLESPACE a:b REMAP TABLE db.t:x",
        "TABLE db.t:x",
        1,
    );
}
