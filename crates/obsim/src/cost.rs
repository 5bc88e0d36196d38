//! What a statement costs in simulated time: a plausible, deterministic duration per kind of
//! work (and per row), picked by a salt of the statement's text and position. The shell asks
//! here after a statement ran, advances the clock by it, and hands the figure to the printer;
//! nothing that prints decides a duration.

use crate::sim::{Micros, mix64};

/// What kind of work a statement does, for its simulated duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    /// Answered by the session alone: `SET`, `USE`, `SET ENCRYPTION` (0.5–2 ms).
    Session,
    /// `ALTER SYSTEM ...`: an RPC to RootService and inner-table writes (10–60 ms; §10 shows
    /// 0.008–0.052 sec).
    AlterSystem,
    /// `SELECT`, `SHOW`, `DESC`: 2–8 ms plus 0.15 ms per row (§10 shows 0.003–0.006 sec).
    Query,
    /// `INSERT`, `UPDATE`, `DELETE`: 2–10 ms plus 0.3 ms per row.
    Dml,
    /// `CREATE` / `DROP` / `TRUNCATE`: schema changes in OceanBase take 40–250 ms.
    Ddl,
}

/// The duration of a statement of `work` that returned `rows` rows, the `seq`th statement of
/// its session: the kind's base range picked by a salt of `text` and `seq` (the same statement
/// typed twice takes different but reproducible times), plus a per-row cost. No clock and no
/// OS randomness, so a replayed session prints the same times.
pub fn statement_time(work: Work, rows: usize, text: &str, seq: u64) -> Micros {
    time_for(work, rows, salt(text, seq))
}

fn time_for(work: Work, rows: usize, salt: u64) -> Micros {
    let (min, max, per_row) = match work {
        Work::Session => (500, 2_000, 0),
        Work::AlterSystem => (10_000, 60_000, 0),
        Work::Query => (2_000, 8_000, 150),
        Work::Dml => (2_000, 10_000, 300),
        Work::Ddl => (40_000, 250_000, 0),
    };
    let base = min + mix64(salt) % (max - min + 1);
    let rows = u64::try_from(rows).unwrap_or(u64::MAX);
    base.saturating_add(rows.saturating_mul(per_row))
}

/// FNV-1a of the statement text combined with its sequence number in the session.
fn salt(text: &str, seq: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h ^ seq.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_times_are_deterministic_and_in_range() {
        for seq in 0..200 {
            let t = |work, rows| statement_time(work, rows, "ALTER SYSTEM ARCHIVELOG", seq);
            assert_eq!(t(Work::AlterSystem, 0), t(Work::AlterSystem, 0));
            assert!((10_000..=60_000).contains(&t(Work::AlterSystem, 0)));
            assert!((2_000..=8_000).contains(&t(Work::Query, 0)));
            assert!((500..=2_000).contains(&t(Work::Session, 0)));
            assert!((40_000..=250_000).contains(&t(Work::Ddl, 0)));
            assert!((5_000..=13_000).contains(&t(Work::Dml, 10)));
        }
        // Rows add cost; the same statement at another position gets another time.
        let q = |rows| statement_time(Work::Query, rows, "SELECT * FROM DBA_OB_ARCHIVELOG", 1);
        assert_eq!(q(100), q(0) + 15_000);
        let times: std::collections::BTreeSet<u64> = (0..20)
            .map(|seq| statement_time(Work::AlterSystem, 0, "x", seq))
            .collect();
        assert!(times.len() > 15, "salts should spread: {times:?}");
        assert_eq!(time_for(Work::Dml, usize::MAX, 0), u64::MAX);
    }
}
