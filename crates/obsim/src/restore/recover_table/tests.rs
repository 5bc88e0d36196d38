//! The pure parts of RECOVER TABLE: where each REMAP form sends a table, the REMAP checks, the
//! list texts, which tables a recover list names, and the status strings.

use super::names::{check_remaps, expand, target_database, target_of};
use super::*;
use crate::userdata::{DataOp, Table, UserData};

fn table(db: &str, t: &str) -> ImportItem {
    ImportItem::Table {
        db: db.into(),
        table: t.into(),
    }
}

fn remap(src_db: &str, src_table: &str, dst_db: &str, dst_table: &str) -> Remap {
    Remap::Table {
        src_db: src_db.into(),
        src_table: src_table.into(),
        dst_db: dst_db.into(),
        dst_table: dst_table.into(),
    }
}

#[test]
fn each_remap_form_sends_the_table_where_it_says() {
    // db.t:t2 (the parser fills in the source database), db.t:db2.t, db.t:db2.t2, db.*:db2.*.
    let rename = [remap("shop", "orders", "shop", "orders_back")];
    assert_eq!(
        target_of("shop", "orders", &rename),
        ("shop".into(), "orders_back".into())
    );
    let moved = [remap("shop", "orders", "shop2", "orders")];
    assert_eq!(
        target_of("SHOP", "Orders", &moved),
        ("shop2".into(), "orders".into())
    );
    let both = [remap("shop", "orders", "shop2", "o2")];
    assert_eq!(
        target_of("shop", "orders", &both),
        ("shop2".into(), "o2".into())
    );
    let db = [Remap::Database {
        src: "shop".into(),
        dst: "shop2".into(),
    }];
    assert_eq!(
        target_of("shop", "items", &db),
        ("shop2".into(), "items".into())
    );
    assert_eq!(target_database("shop", &db), "shop2");
    // A table REMAP wins over its database's.
    let mixed = [db[0].clone(), both[0].clone()];
    assert_eq!(
        target_of("shop", "orders", &mixed),
        ("shop2".into(), "o2".into())
    );
    // Not remapped: its own name.
    assert_eq!(
        target_of("other", "t", &mixed),
        ("other".into(), "t".into())
    );
}

#[test]
fn a_remap_must_name_something_recovered_and_only_once() {
    let one = [table("shop", "orders")];
    assert!(check_remaps(&one, &[remap("shop", "orders", "shop", "o")]).is_ok());
    let err = check_remaps(&one, &[remap("shop", "items", "shop", "i")]).unwrap_err();
    assert_eq!(err.errno, 1235);
    assert_eq!(err.message, "remap not exist recover table not supported");
    // A database item or *.* covers its tables.
    let db = [ImportItem::Database("shop".into())];
    assert!(check_remaps(&db, &[remap("shop", "items", "shop", "i")]).is_ok());
    assert!(check_remaps(&[ImportItem::All], &[remap("x", "y", "x", "z")]).is_ok());
    // A database REMAP needs the whole database recovered.
    let whole = [Remap::Database {
        src: "shop".into(),
        dst: "shop2".into(),
    }];
    assert!(check_remaps(&db, &whole).is_ok());
    let err = check_remaps(&one, &whole).unwrap_err();
    assert_eq!(
        err.message,
        "remap not exist recover database not supported"
    );
    // The same source twice, whatever the targets.
    assert!(duplicate_remap(&[
        remap("shop", "orders", "shop", "a"),
        remap("SHOP", "ORDERS", "shop2", "b"),
    ]));
    assert!(!duplicate_remap(&[
        remap("shop", "orders", "shop", "a"),
        remap("shop", "items", "shop", "a"),
    ]));
}

#[test]
fn the_lists_are_backquoted_and_comma_joined() {
    let items = [
        table("shop", "orders"),
        ImportItem::Database("crm".into()),
        table("shop", "items"),
    ];
    let remaps = [
        remap("shop", "orders", "shop", "orders_back"),
        Remap::Database {
            src: "crm".into(),
            dst: "crm2".into(),
        },
    ];
    let l = list_texts(&items, &remaps, &[("tg1".into(), "tg2".into())], &[]);
    assert!(!l.import_all);
    assert_eq!(l.db_list, "`crm`");
    assert_eq!(l.table_list, "`shop`.`orders`,`shop`.`items`");
    assert_eq!(l.remap_db_list, "`crm`:`crm2`");
    assert_eq!(l.remap_table_list, "`shop`.`orders`:`shop`.`orders_back`");
    assert_eq!(l.remap_tablegroup_list, "`tg1`:`tg2`");
    assert_eq!(l.remap_tablespace_list, "");
    assert!(list_texts(&[ImportItem::All], &[], &[], &[]).import_all);
}

#[test]
fn a_recover_list_names_user_tables_once_and_keeps_missing_ones() {
    let mut d = UserData::new_mysql();
    d.commit(1, DataOp::CreateDatabase("shop".into()));
    for t in ["orders", "items"] {
        let table = Table::new(t.into(), Vec::new(), Vec::new(), 0);
        d.commit(
            2,
            DataOp::CreateTable {
                db: "shop".into(),
                table,
            },
        );
    }
    let all = expand(&[ImportItem::All, table("shop", "orders")], &d);
    let names: Vec<(String, String)> = all.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect();
    // Built-in databases are not user data; `shop.orders` twice is one task.
    assert_eq!(
        names,
        vec![
            ("shop".into(), "items".into()),
            ("shop".into(), "orders".into())
        ]
    );
    let missing = expand(&[table("shop", "gone")], &d);
    assert_eq!(missing, vec![("shop".into(), "gone".into(), 0)]);
    assert!(expand(&[ImportItem::Database("nosuch".into())], &d).is_empty());
}

#[test]
fn status_strings_are_oceanbases() {
    let recover: Vec<&str> = [
        RecoverStatus::Prepare,
        RecoverStatus::Recovering,
        RecoverStatus::RestoreAuxTenant,
        RecoverStatus::ActiveAuxTenant,
        RecoverStatus::GenImportJob,
        RecoverStatus::Importing,
        RecoverStatus::Canceling,
        RecoverStatus::Completed,
        RecoverStatus::Failed,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    assert_eq!(
        recover,
        [
            "PREPARE",
            "RECOVERING",
            "RESTORE_AUX_TENANT",
            "ACTIVE_AUX_TENANT",
            "GEN_IMPORT_JOB",
            "IMPORTING",
            "CANCELING",
            "COMPLETED",
            "FAILED"
        ]
    );
    assert_eq!(
        ImportJobStatus::ReconstructRefConstraint.as_str(),
        "RECONSTRUCT_REF_CONSTRAINT"
    );
    assert_eq!(ImportJobStatus::ImportFinish.as_str(), "IMPORT_FINISH");
    assert_eq!(TaskStatus::Doing.as_str(), "DOING");
}
