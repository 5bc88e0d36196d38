//! The grid of a tenant being restored, second by second from a known chain: the source's
//! layout, every block waiting at first, the chain's blocks coming back as the job's bytes grow,
//! the log replayed onto them, and at the end exactly the blocks the restore built.

use super::super::{
    AWAITING, CHANGED, COPYING, Counts, REPLAYED, RESTORED, STATE_MASK, block_info, fill_states,
    layout,
};
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

#[test]
fn a_restoring_tenant_fills_from_the_chain_then_the_log_up_to_what_the_restore_builds() {
    let mut sh = Shell::new(13);
    run(
        &mut sh,
        "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///d/archive' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/data' TENANT = mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
SELECT SLEEP(300);
ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;
SELECT SLEEP(300);
",
    );
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    let Some(RestorePick::Ok(ok)) = sh
        .cluster
        .pick_restore_target(MYSQL, t.window.intervals[0].1 - 10 * SECOND * 1000)
    else {
        panic!("restorable");
    };
    assert_eq!(ok.set_ids, [1, 2]);
    let out = run(
        &mut sh,
        &format!("{}\n{}", ok.prepare.join("\n"), ok.statement),
    );
    assert!(!out.contains("ERROR"), "{out}");
    let id = sh.cluster.tenant_by_name(&ok.tenant_name).unwrap().id;
    let c = &sh.cluster;
    let src_layout = layout(c, MYSQL).unwrap();
    assert_eq!(layout(c, id).unwrap(), src_layout, "the source's layout");
    let n = src_layout.block_count as usize;
    let mut buf = vec![0u8; n];
    let first = fill_states(c, id, &mut buf).unwrap();
    assert_eq!(first.get(AWAITING) as usize, n, "{}", first.text());
    let hover = block_info(c, id, 0).unwrap();
    assert!(
        hover.text().ends_with("not restored yet\nfrom no set yet"),
        "{}",
        hover.text()
    );
    // Second by second until the blocks are built.
    let mut frames: Vec<(Counts, Vec<u8>)> = Vec::new();
    let mut inc_checked = false;
    for _ in 0..600 {
        if sh.cluster.storage.contains_key(&id) {
            break;
        }
        let counts = fill_states(&sh.cluster, id, &mut buf).unwrap();
        if counts.get(AWAITING) == 0 && !inc_checked {
            // Every block back: an incremental's own block came back from the incremental.
            let b = sh.cluster.backup[&MYSQL].set(2).unwrap().copied_blocks[0];
            let hover = block_info(&sh.cluster, id, b).unwrap();
            assert!(hover.text().ends_with("from set 2 INC"), "{}", hover.text());
            inc_checked = true;
        }
        frames.push((counts, buf.clone()));
        sh.cluster.advance(SECOND);
    }
    assert!(sh.cluster.storage.contains_key(&id), "built");
    for w in frames.windows(2) {
        let (a, b) = (&w[0].0, &w[1].0);
        assert!(
            b.get(AWAITING) <= a.get(AWAITING),
            "{} -> {}",
            a.text(),
            b.text()
        );
        assert!(
            b.get(REPLAYED) >= a.get(REPLAYED),
            "{} -> {}",
            a.text(),
            b.text()
        );
        // A block never goes back to waiting once it has come back.
        for (x, y) in w[0].1.iter().zip(&w[1].1) {
            assert!(!(*x & STATE_MASK != AWAITING && *y & STATE_MASK == AWAITING));
        }
    }
    assert!(
        frames.iter().any(|(c, _)| c.get(COPYING) > 0),
        "blocks travel"
    );
    assert!(
        frames
            .iter()
            .any(|(c, _)| c.get(RESTORED) > 0 && c.get(AWAITING) > 0),
        "the grid fills over several seconds"
    );
    assert!(inc_checked);
    let (last_counts, last) = frames.last().unwrap();
    assert_eq!(last_counts.get(AWAITING), 0, "{}", last_counts.text());
    // The last frame: every block back, and replayed exactly where the built tenant's blocks
    // carry a write after the chain's START_REPLAY_SCN.
    let replay_from = sh.cluster.backup[&MYSQL].set(2).unwrap().start_replay_scn;
    let built = &sh.cluster.storage[&id].last_write_scn;
    for (b, (&state, &w)) in last.iter().zip(built).enumerate() {
        assert_eq!(
            state & STATE_MASK == REPLAYED,
            w > replay_from,
            "block {b}: state {state}, write {w}"
        );
    }
    assert!(last_counts.get(REPLAYED) > 0, "{}", last_counts.text());
    // Built: nothing has changed since the point it was restored to.
    let counts = fill_states(&sh.cluster, id, &mut buf).unwrap();
    assert_eq!(counts.get(CHANGED), 0, "{}", counts.text());
}
