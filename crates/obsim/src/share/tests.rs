//! Share links: round trips, damage, limits, the dictionary's stability.
use super::*;
use crate::shell::Shell;
use crate::sim::SECOND;

fn log_of(commands: Vec<Command>) -> SessionLog {
    let end_at = commands.last().map_or(EPOCH_MICROS, |c| c.at) + 5 * SECOND;
    SessionLog {
        version: SESSION_LOG_VERSION,
        seed: 42,
        scenario: "ready".into(),
        commands,
        end_at,
        options: None,
    }
}

fn typed(at_s: u64, text: &str) -> Command {
    Command {
        at: EPOCH_MICROS + at_s * SECOND + 123_457,
        text: text.into(),
        fault: None,
    }
}

#[test]
fn the_dictionary_is_ascii_and_every_word_has_a_code() {
    assert!(WORDS.iter().all(|w| w.is_ascii() && !w.is_empty()));
    assert!(WORDS.len() <= word_codes().count());
    let codes: Vec<u8> = word_codes().collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), codes.len(), "codes are distinct");
    assert!(!codes.contains(&ESCAPE));
    for w in WORDS {
        assert_eq!(WORDS.iter().filter(|x| *x == w).count(), 1, "{w} twice");
    }
}

#[test]
fn text_round_trips_with_quotes_backslashes_newlines_and_non_ascii() {
    for text in [
        "",
        "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup' TENANT = mysql_tenant;",
        "SELECT 'it''s', \"dq\", `bt`, 'a\\'b\\\\c';",
        "SELECT 1;\nSELECT\n  2\\G",
        "INSERT INTO t VALUES ('日本語', 'Ünïcödé', '🦀', 'é');",
        "tab\there\r\nand control \u{1} \u{0} \u{7f} \u{1f} bytes",
        "\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
    ] {
        assert_eq!(unpack(&pack(text)).unwrap(), text, "{text:?}");
    }
}

#[test]
fn base64url_round_trips_every_length() {
    let data: Vec<u8> = (0..=255u8).collect();
    for n in 0..data.len() {
        let s = base64url(&data[..n]);
        assert!(
            s.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_eq!(from_base64url(&s).unwrap(), &data[..n]);
    }
    assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64url(b"\xfb\xff"), "-_8");
}

#[test]
fn a_session_round_trips_with_faults_multi_line_statements_and_quotes() {
    let mut commands = vec![
        typed(1, "connect root@mysql_tenant"),
        typed(
            2,
            "ALTER SYSTEM SET LOG_ARCHIVE_DEST = \"LOCATION=file:///data/1/example_archive\";",
        ),
        typed(
            3,
            "SELECT 'a;b',\n  'it''s \\'quoted\\'',\n  '路径' FROM DUAL;",
        ),
        typed(4, "INSERT INTO shop.t VALUES ('C:\\\\dir\\\\x', 'ça va');"),
    ];
    for (i, fault) in [
        Fault::ServerActive {
            index: 2,
            active: false,
        },
        Fault::DestUnreachable {
            path: "file:///data/backup/data/mysql_tenant".into(),
            on: true,
        },
        Fault::DestFull {
            path: "file:///ü/x".into(),
            on: false,
        },
        Fault::InterruptArchive { tenant_id: 1004 },
    ]
    .into_iter()
    .enumerate()
    {
        commands.push(Command {
            at: EPOCH_MICROS + (10 + i as u64) * SECOND,
            text: String::new(),
            fault: Some(fault),
        });
    }
    commands.push(typed(20, "SELECT * FROM DBA_OB_BACKUP_JOBS\\G"));
    let log = log_of(commands);
    let payload = encode(&log).unwrap();
    assert_eq!(decode(&payload).unwrap(), log);
    assert_eq!(
        from_fragment(&fragment(&log).unwrap()).unwrap().unwrap(),
        log,
        "from the whole fragment"
    );
    assert!(from_fragment("#x=1&y=2").is_none());
    assert_eq!(
        from_fragment(&format!("#x=1&s={payload}"))
            .unwrap()
            .unwrap(),
        log
    );
}

#[test]
fn format_1_is_stable() {
    // A link written before session log version 2 (same dictionary, version byte 1) still opens,
    // as a version 1 log: it replays with version 1's defaults (the busy workload).
    let old = SessionLog {
        version: 1,
        ..log_of(vec![typed(1, "ALTER SYSTEM ARCHIVELOG;")])
    };
    assert_eq!(encode(&old).unwrap(), "AQEqBXJlYWR5AYKSiQEGgYY7gK3iBH6F");
    assert_eq!(decode("AQEqBXJlYWR5AYKSiQEGgYY7gK3iBH6F").unwrap(), old);
    assert_eq!(old.cluster_options().workload_rate, crate::workload::BUSY);
    let log = log_of(vec![typed(1, "ALTER SYSTEM ARCHIVELOG;")]);
    assert_eq!(encode(&log).unwrap(), "AQIqBXJlYWR5AYKSiQEGgYY7gK3iBEXr");
    assert_eq!(log.cluster_options().workload_rate, crate::workload::LIGHT);
}

#[test]
fn a_workload_change_is_carried_by_the_link_and_replayed() {
    let mut sh = Shell::new(42);
    sh.run("SELECT SLEEP(30);\n");
    sh.inject(Fault::Workload {
        rate: crate::workload::BUSY,
    });
    sh.run("SELECT SLEEP(60);\n");
    sh.inject(Fault::Workload { rate: 0 });
    sh.run("SELECT SLEEP(10);\n");
    let log = sh.log();
    assert_eq!(decode(&encode(&log).unwrap()).unwrap(), log);
    let (again, _) = crate::replay::replay(&log).unwrap();
    assert_eq!(again.cluster.state_hash(), sh.cluster.state_hash());
    assert_eq!(again.cluster.workload_rate(), 0);
    // Beyond the limits, refused.
    let mut big = log.clone();
    big.commands[1].fault = Some(Fault::Workload { rate: u32::MAX });
    assert!(decode(&encode(&big).unwrap_or_default()).is_err());
}

/// 30 statements of the seed docs (as `tests/sql` has them), run through a shell so the
/// times are what a real session logs.
#[test]
fn a_30_statement_session_fits_a_2000_character_url() {
    let script = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
SELECT TENANT_ID, DEST_ID, ROUND_ID, STATUS FROM CDB_OB_ARCHIVELOG;
SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY;
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(3);
SELECT TENANT_ID, JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, EXECUTOR_TENANT_ID, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;
SELECT TENANT_ID, TASK_ID, BACKUP_SET_ID, STATUS, MACRO_BLOCK_COUNT FROM CDB_OB_BACKUP_TASKS;
SELECT SLEEP(150);
SELECT * FROM CDB_OB_BACKUP_JOBS;
SELECT TENANT_ID, JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, PASSWD, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID, JOB_ID;
SELECT TENANT_ID, BACKUP_SET_ID, DEST_ID, BACKUP_TYPE, STATUS, FILE_STATUS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, PATH FROM CDB_OB_BACKUP_SET_FILES;
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(120);
SELECT JOB_ID, BACKUP_SET_ID, EXECUTOR_TENANT_ID, JOB_LEVEL, STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY;
obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p
ALTER SYSTEM BACKUP INCREMENTAL DATABASE;
SELECT * FROM DBA_OB_BACKUP_JOBS\\G
SELECT SLEEP(60);
SELECT JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, EXECUTOR_TENANT_ID, PLUS_ARCHIVELOG, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, PASSWD, STATUS, RESULT, COMMENT, DESCRIPTION, PATH FROM DBA_OB_BACKUP_JOB_HISTORY;
SELECT TASK_ID, STATUS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, LOG_FILE_COUNT, FINISH_LOG_FILE_COUNT FROM DBA_OB_BACKUP_TASK_HISTORY;
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM CANCEL BACKUP;
ALTER SYSTEM NOARCHIVELOG;
SELECT TENANT_NAME, LOG_MODE FROM DBA_OB_TENANTS;
";
    let mut shell = Shell::new(42);
    for line in script.lines() {
        shell.run(&format!("{line}\n"));
        shell.cluster.advance(1_234_567);
    }
    let log = shell.log();
    assert_eq!(log.commands.len(), 30);
    let raw: usize = log.commands.iter().map(|c| c.text.len()).sum();
    let url = format!(
        "https://docs.example.com/obplay/{}",
        fragment(&log).unwrap()
    );
    assert!(url.len() < 2000, "{} characters", url.len());
    assert!(
        url.len() * 2 < raw,
        "{} characters for {raw} bytes of SQL",
        url.len()
    );
    assert_eq!(decode(&encode(&log).unwrap()).unwrap(), log);
}

#[test]
fn damaged_payloads_are_errors() {
    let log = log_of(vec![
        typed(1, "ALTER SYSTEM ARCHIVELOG;"),
        typed(9, "SELECT 'x';"),
    ]);
    let good = encode(&log).unwrap();
    let err = |p: &str| decode(p).err().unwrap_or_default();
    assert!(err("").contains("cut off"));
    assert!(err("A").contains("cut off"));
    assert!(err("a b").contains("characters"));
    assert!(
        err(&good[..good.len() - 3]).contains("cut off"),
        "{}",
        err(&good[..good.len() - 3])
    );
    let mut flipped = good.clone().into_bytes();
    flipped[8] = if flipped[8] == b'A' { b'B' } else { b'A' };
    assert!(err(&String::from_utf8(flipped).unwrap()).contains("checksum"));
    let mut v2 = from_base64url(&good).unwrap();
    v2[0] = 2;
    assert!(err(&base64url(&v2)).contains("format 2"));
    // A well-formed payload of an unknown scenario, or outside the limits.
    let raw = |l: &SessionLog| base64url(&write_log(l));
    let mut other = log.clone();
    other.scenario = "nosuch".into();
    assert!(err(&raw(&other)).contains("unknown scenario"));
    let mut long = log.clone();
    long.end_at = crate::limits::horizon() + 1;
    assert!(encode(&long).err().unwrap_or_default().contains("90 days"));
    assert!(err(&raw(&long)).contains("90 days"));
    let mut heavy = log.clone();
    heavy.options = Some(ClusterOptions {
        macro_blocks_per_tenant: 4096,
        workload_rate: 4_000_000_000,
    });
    let link = raw(&heavy);
    assert!(link.len() < 60, "a short link: {link}");
    assert!(err(&link).contains("4000000000 writes a second"));
    let mut backwards = log;
    backwards.commands[1].at = EPOCH_MICROS;
    assert!(err(&raw(&backwards)).contains("out of order"));
}

/// The packer as first written (every word tried at every position): the indexed one must
/// give the same bytes, since links already shared must keep opening.
fn pack_reference(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let best = word_codes()
            .zip(WORDS)
            .filter(|(_, w)| rest.starts_with(**w))
            .max_by_key(|(_, w)| w.len());
        if let Some((code, w)) = best {
            out.push(code);
            rest = &rest[w.len()..];
            continue;
        }
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        if let [b] = bytes
            && (*b == ESCAPE || (*b < 0x80 && word_of(*b).is_some()))
        {
            out.push(ESCAPE);
        }
        out.extend_from_slice(bytes);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn indexed_packing_gives_the_bytes_of_the_reference_packer() {
    let mut texts: Vec<String> = WORDS.iter().map(|w| format!("{w}{w}x")).collect();
    texts.push("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup' TENANT = mysql_tenant;\n\u{1}\u{7f}\0\t日本 é".into());
    texts.push((0u8..=127).map(char::from).collect());
    texts.push("INSERT INTO t VALUES (1, 'a'), (2, 'b');".repeat(50));
    for t in &texts {
        assert_eq!(pack(t), pack_reference(t), "{t:?}");
        assert_eq!(unpack(&pack(t)).as_deref(), Ok(t.as_str()));
    }
}
