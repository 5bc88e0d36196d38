//! Every restore tour walked to its end on several seeds, as the page walks it, with what the
//! learner should see at the end.

use super::super::tests::{SEEDS, walk};
use super::*;
use crate::shell::Entry;

fn errors(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e.is_error)
        .map(|e| e.output.trim().to_string())
        .collect()
}

fn history_ok(sh: &crate::shell::Shell, name: &str) -> bool {
    sh.cluster
        .restore
        .history
        .iter()
        .any(|j| j.is_sys() && j.restore_tenant_name == name && j.succeeded)
}

#[test]
fn the_simplified_experience_ends_with_an_activated_primary() {
    for seed in SEEDS {
        let (sh, entries) = walk(&SIMPLE, seed);
        assert!(errors(&entries).is_empty());
        assert!(history_ok(&sh, "mysql_backup"), "seed {seed}");
        let t = sh.cluster.tenant_by_name("mysql_backup").unwrap();
        assert_eq!((t.status.as_str(), t.role.as_str()), ("NORMAL", "PRIMARY"));
        let out = &entries.last().unwrap().output;
        assert!(
            out.contains("| mysql_backup | NORMAL | PRIMARY     |"),
            "{out}"
        );
    }
}

#[test]
fn the_pools_tour_grants_the_new_pool_to_the_new_tenant() {
    for seed in SEEDS {
        let (sh, _) = walk(&PREPARE_POOLS, seed);
        let id = sh.cluster.tenant_by_name("mysql_copy").unwrap().id;
        assert_eq!(
            sh.cluster.resources.pool("restore_pool").unwrap().tenant_id,
            Some(id)
        );
        assert!(history_ok(&sh, "mysql_copy"), "seed {seed}");
    }
}

#[test]
fn the_point_in_time_tour_brings_back_the_four_orders_of_1755() {
    for seed in SEEDS {
        let (sh, entries) = walk(&POINT_IN_TIME, seed);
        let out = &entries.last().unwrap().output;
        for row in [
            "|    1 | Ada      |  10.00 |",
            "|    2 | Grace    |  20.00 |",
            "|    3 | Linus    |  30.00 |",
            "|    4 | Barbara  |  40.00 |",
        ] {
            assert!(out.contains(row), "seed {seed}: {out}");
        }
        assert!(out.contains("4 rows in set"), "{out}");
        let id = sh.cluster.tenant_by_name("mysql_pitr").unwrap().id;
        let c = sh.cluster.compare_with_source(id).unwrap();
        assert!(c.equal, "seed {seed}");
        // The source lost two of them.
        let src = sh.cluster.user_data[&1002].table("shop", "orders").unwrap();
        assert_eq!(src.rows.len(), 2);
    }
}

#[test]
fn the_outside_tour_shows_4018_twice_and_creates_no_job() {
    for seed in SEEDS {
        let (sh, entries) = walk(&OUTSIDE, seed);
        assert_eq!(
            errors(&entries),
            [
                "ERROR 4018 (HY000): No enough log for restore",
                "ERROR 4018 (HY000): No enough log for restore"
            ],
            "seed {seed}"
        );
        assert!(sh.cluster.restore.jobs.is_empty() && sh.cluster.restore.history.is_empty());
        assert!(entries.last().unwrap().output.contains("Empty set"));
    }
}

#[test]
fn the_encrypted_tour_fails_with_9047_then_restores_with_the_password() {
    for seed in SEEDS {
        let (sh, entries) = walk(&ENCRYPTED, seed);
        assert_eq!(
            errors(&entries),
            ["ERROR 9047 (HY000): invalid password for backup"],
            "seed {seed}"
        );
        assert!(history_ok(&sh, "mysql_enc"), "seed {seed}");
    }
}

#[test]
fn steps_that_show_an_error_are_marked() {
    let marked: Vec<(&str, &str)> = crate::tours::TOURS
        .iter()
        .flat_map(|t| {
            t.steps
                .iter()
                .filter(|s| s.expects_error)
                .map(|s| (t.id, s.title))
        })
        .collect();
    assert_eq!(
        marked,
        [
            ("restore-outside", "Too early"),
            ("restore-outside", "Too late"),
            ("restore-encrypted", "Restore without it")
        ]
    );
}
