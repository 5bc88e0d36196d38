//! Share links over random sessions and random damage: every session log round-trips exactly,
//! and no input makes the decoder panic. Plus one end-to-end check: a shared session replays to
//! the same transcript, jobs and sets.

use obsim::ClusterOptions;
use obsim::CompatMode;
use obsim::limits::{MAX_MACRO_BLOCKS, MAX_SPAN};
use obsim::scenario::SCENARIOS;
use obsim::session_log::{Command, Fault, SESSION_LOG_VERSION, SessionLog};
use obsim::share::{self, WORDS};
use obsim::shell::{Shell, transcript};
use obsim::sim::{EPOCH_MICROS, SECOND};
use proptest::prelude::*;

/// Text that mixes dictionary words, SQL punctuation, quotes, backslashes, newlines, control
/// characters and non-ASCII, and completely arbitrary strings.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(WORDS.to_vec()).prop_map(str::to_string),
        prop::sample::select(vec![
            "'", "''", "\"", "\\", "\\'", "\n", "\r\n", "\t", ";", "\\G", "é", "日本", "🦀",
            "\u{0}", "\u{1}", "\u{7f}", "\u{80}", " ", "mysql", "x",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        (0usize..1000, any::<bool>())
            .prop_map(|(index, active)| Fault::ServerActive { index, active }),
        (text(), any::<bool>()).prop_map(|(path, on)| Fault::DestUnreachable { path, on }),
        (text(), any::<bool>()).prop_map(|(path, on)| Fault::DestFull { path, on }),
        any::<u64>().prop_map(|tenant_id| Fault::InterruptArchive { tenant_id }),
    ]
}

const MAX_COMMANDS: usize = 40;

fn log() -> impl Strategy<Value = SessionLog> {
    let step = MAX_SPAN / (MAX_COMMANDS as u64 + 1);
    let command = (0..step, text(), prop::option::of(fault()));
    (
        any::<u64>(),
        prop::sample::select(SCENARIOS.iter().map(|s| s.name).collect::<Vec<_>>()),
        prop::collection::vec(command, 0..MAX_COMMANDS),
        0..step,
        prop::option::of((1..=MAX_MACRO_BLOCKS, 0u32..1000)),
    )
        .prop_map(|(seed, scenario, cmds, tail, options)| {
            let mut at = EPOCH_MICROS;
            let commands = cmds
                .into_iter()
                .map(|(dt, text, fault)| {
                    at += dt;
                    Command { at, text, fault }
                })
                .collect();
            SessionLog {
                version: SESSION_LOG_VERSION,
                seed,
                scenario: scenario.to_string(),
                commands,
                end_at: at + tail,
                options: options.map(|(blocks, rate)| ClusterOptions {
                    macro_blocks_per_tenant: blocks,
                    workload_rate: rate,
                }),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_session_log_round_trips(log in log()) {
        let payload = share::encode(&log).map_err(TestCaseError::fail)?;
        prop_assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(share::decode(&payload), Ok(log));
    }

    #[test]
    fn packed_text_round_trips(t in text()) {
        prop_assert_eq!(share::unpack(&share::pack(&t)), Ok(t));
    }

    #[test]
    fn garbage_is_an_error_or_a_log_never_a_panic(s in any::<String>()) {
        let _ = share::decode(&s);
        let _ = share::from_fragment(&s);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = share::decode(&share::base64url(&bytes));
        let _ = share::unpack(&bytes);
        // With a valid format byte and a valid checksum the decoder reads further.
        let mut framed = vec![share::FORMAT];
        framed.extend_from_slice(&bytes);
        let _ = share::decode(&share::base64url(&framed));
    }

    #[test]
    fn damaged_links_never_panic(log in log(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), bit in 0u8..8) {
        let payload = share::encode(&log).map_err(TestCaseError::fail)?;
        // A cut link is an error in practice (the checksum is read from the wrong place); the
        // property is only that nothing panics.
        let _ = share::decode(&payload[..cut.index(payload.len() + 1)]);
        let mut bytes = share::from_base64url(&payload).map_err(TestCaseError::fail)?;
        if !bytes.is_empty() {
            let i = flip.index(bytes.len());
            bytes[i] ^= 1 << bit;
            // A single flipped bit is caught by the checksum (or the format byte).
            prop_assert!(share::decode(&share::base64url(&bytes)).is_err());
        }
    }
}

/// What a user would compare: the transcript, every job and every set.
fn observed(shell: &mut Shell, entries: &[obsim::shell::Entry]) -> String {
    let mut out = transcript(entries, CompatMode::MySql);
    let (e, _) = shell.run(
        "connect root@sys\nSELECT TENANT_ID, JOB_ID, BACKUP_TYPE, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID, JOB_ID;\n\
         SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID, JOB_ID;\n\
         SELECT TENANT_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS, MACRO_BLOCK_COUNT FROM CDB_OB_BACKUP_SET_FILES ORDER BY TENANT_ID, BACKUP_SET_ID;\n",
    );
    out.push_str(&transcript(&e, CompatMode::MySql));
    out
}

#[test]
fn a_shared_session_replays_to_the_same_transcript_jobs_and_sets() {
    let (mut shell, mut entries) = obsim::replay::start(5, "ready").expect("scenario");
    entries.extend(
        shell
            .run(
                "ALTER SYSTEM BACKUP DATABASE;\nSELECT SLEEP(200);\n\
                 connect root@mysql_tenant\nCREATE TABLE test.t (a INT, b VARCHAR(20));\n\
                 INSERT INTO test.t VALUES (1, 'it''s'), (2, 'a\\\\b'), (3, '日本');\n",
            )
            .0,
    );
    shell.inject(Fault::DestFull {
        path: "file:///data/backup/data/mysql_tenant".into(),
        on: true,
    });
    entries.extend(
        shell
            .run("ALTER SYSTEM BACKUP INCREMENTAL DATABASE;\nSELECT\n  SLEEP(60);\n")
            .0,
    );
    shell.cluster.advance(7 * SECOND);
    let link = share::fragment(&shell.log()).expect("shareable");
    let log = share::from_fragment(&link)
        .expect("a share fragment")
        .expect("decodes");
    assert_eq!(log, shell.log());
    let (mut again, replayed) = obsim::replay::replay(&log).expect("replays");
    assert_eq!(again.cluster.state_hash(), shell.cluster.state_hash());
    let want = observed(&mut shell, &entries);
    assert!(want.contains("FAILED"), "{want}");
    assert!(want.contains("COMPLETED"), "{want}");
    assert_eq!(observed(&mut again, &replayed), want);
}
