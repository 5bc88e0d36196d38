//! Fuzzes parse + execute, and the client around them: generated and mutated statements run
//! against a prepared cluster.
//!
//! ```sh
//! cargo run -p obsim --release --example fuzz -- 1000000 [SEED]
//! ```
//! Checks, for every input: no panic; a failing statement prints an `ERROR`/`ORA-` line; and
//! (sampled every 64th failing input, and for every failing ALTER SYSTEM) the engine state is
//! unchanged apart from the RootService event log, which OceanBase writes on every start attempt,
//! and the two things a failing RESTORE changes in OceanBase too (`allowed_after_failure`).
//! Every 4th input goes through the whole client instead (`Shell::run`: splitting, login lines,
//! several statements per line, text after the last terminator), wrapped in what users paste:
//! prompts, login lines, multi-byte UTF-8, an `-- obsim:` options header; and the same text also
//! through the script splitter, the console's highlighting and completion (at every caret), the
//! script-options reader and the share-link decoder.
//! Exits 1 with the offending input on the first violation. (cargo-fuzz needs a nightly
//! toolchain, which this project's machines do not have; this harness runs on stable.)

use obsim::obclient::format_outcome;
use obsim::sql::exec::{Session, execute};
use obsim::sql::outcome::Outcome;
use obsim::{Cluster, ClusterOptions};
use std::panic::{AssertUnwindSafe, catch_unwind};

const CORPUS: &[&str] = &[
    "ALTER SYSTEM BACKUP DATABASE",
    "ALTER SYSTEM BACKUP INCREMENTAL DATABASE PLUS ARCHIVELOG DESCRIPTION = 'x'",
    "ALTER SYSTEM BACKUP TENANT = mysql_tenant, oracle_tenant",
    "ALTER SYSTEM BACKUP INCREMENTAL TENANT mysql_tenant",
    "ALTER SYSTEM BACKUP TENANT = 'sys'",
    "ALTER SYSTEM BACKUP DATABASE TO = 'file:///x'",
    "ALTER SYSTEM CANCEL BACKUP",
    "ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant",
    "ALTER SYSTEM ARCHIVELOG TENANT = all",
    "ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant DESCRIPTION 'd'",
    "ALTER SYSTEM SET ha_low_thread_score = 7 TENANT = all_user",
    "ALTER SYSTEM SET ha_low_thread_score = '101'",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/x' TENANT = mysql_tenant",
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a BINDING=MANDATORY PIECE_SWITCH_INTERVAL=2d' TENANT = oracle_tenant",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///a', LOG_ARCHIVE_DEST = 'LOCATION=oss://b'",
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE = 'DEFER' TENANT = mysql_tenant",
    "ALTER SYSTEM SET backup_data_file_size = '512M' SCOPE = BOTH SERVER = '10.0.0.1:2882' TENANT = mysql_tenant",
    "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT = mysql_tenant",
    "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT mysql_tenant",
    "ALTER SYSTEM CANCEL DELETE BACKUP TENANT = mysql_tenant",
    "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'default' REDUNDANCY = 1 TENANT = oracle_tenant",
    "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '0d' TENANT = mysql_tenant",
    "ALTER SYSTEM CANCEL DELETE BACKUP DESCRIPTION 'x'",
    "ALTER SYSTEM DELETE BACKUPPIECE 1 COPY 1 TENANT = mysql_tenant DESCRIPTION 'x'",
    "ALTER SYSTEM DELETE OBSOLETE BACKUP",
    "SELECT TASK_TYPE, ID, ROUND_ID, STATUS FROM CDB_OB_BACKUP_DELETE_TASKS",
    "SELECT JOB_ID, PARAMETER, STATUS FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY",
    "ALTER SYSTEM RESTORE r1 FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL SCN = 1715248598352783000 WITH 'pool_list=p1&primary_zone=zone1'",
    "ALTER SYSTEM RESTORE r2 FROM 'file:///d' UNTIL TIME = '2024-05-09 18:00:00' WITH 'pool_list=p'",
    "ALTER SYSTEM RESTORE FROM 'file:///d' UNTIL TIME = '2024-05-09 18:00:00' PREVIEW",
    "ALTER SYSTEM RESTORE r3 FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=p1&locality=F@zone1,F@zone2&concurrency=4&method=quick' WITH KEY FROM 'file:///k' ENCRYPTED BY 'x' DESCRIPTION = 'd'",
    "ALTER SYSTEM RESTORE r4 WITH 'pool_list=p1'",
    "ALTER SYSTEM CANCEL RESTORE r1",
    "ALTER SYSTEM RECOVER TABLE test.t1 TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=p1' REMAP TABLE test.t1:t1_back",
    "ALTER SYSTEM RECOVER TABLE *.* TO TENANT = mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL SCN = 1715248598352783000 WITH 'pool_list=p1&primary_zone=zone1' DESCRIPTION 'x'",
    "ALTER SYSTEM RECOVER TABLE test.*, fz.t PARTITION (p0) TO oracle_tenant UNTIL TIME = '2024-05-09 18:00:00' WITH 'pool_list=p1' ENCRYPTED BY 'x' REMAP TABLE test.`*`:fz.`*`, fz.t:test.t2 REMAP TABLEGROUP a:b REMAP TABLESPACE c:d",
    "ALTER SYSTEM RECOVER TABLE fz.t, fz.u TO mysql_tenant WITH 'pool_list=p1' REMAP TABLE fz.t:fz2.t, fz.t:u",
    "ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant",
    "SELECT TENANT_ID, JOB_ID, STATUS, AUX_TENANT_NAME, RESULT FROM CDB_OB_RECOVER_TABLE_JOBS",
    "SELECT * FROM CDB_OB_RECOVER_TABLE_JOB_HISTORY",
    "SELECT JOB_ID, STATUS, TOTAL_TABLE_COUNT FROM DBA_OB_IMPORT_TABLE_JOBS UNION SELECT * FROM DBA_OB_IMPORT_TABLE_JOB_HISTORY",
    "SELECT TASK_ID, STATUS, RESULT, COMMENT FROM CDB_OB_IMPORT_TABLE_TASKS, CDB_OB_IMPORT_TABLE_TASK_HISTORY",
    "DESC oceanbase.DBA_OB_IMPORT_TABLE_TASK_HISTORY",
    "ALTER SYSTEM ACTIVATE STANDBY TENANT = r1",
    "ALTER SYSTEM ACTIVATE STANDBY VERIFY",
    "ALTER SYSTEM RECOVER STANDBY TENANT = r1 UNTIL TIME = '2024-05-09 18:00:00'",
    "ALTER SYSTEM RECOVER STANDBY TENANT r1 UNTIL SCN = 1715248598352783000",
    "ALTER SYSTEM RECOVER STANDBY UNTIL UNLIMITED",
    "ALTER SYSTEM RECOVER STANDBY TENANT r1 CANCEL",
    "ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/data/backup_set_1_full,file:///data/nfs/backup/archive/piece_d1001r1p1'",
    "ALTER SYSTEM CLEAR RESTORE SOURCE",
    "SHOW RESTORE PREVIEW",
    "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///data/nfs/backup/archive' TENANT = r1",
    "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'SERVICE=10.0.0.1:2881;10.0.0.2:2881 USER=rep@mysql_tenant PASSWORD=pw' TENANT = oracle_tenant",
    "CREATE RESOURCE UNIT IF NOT EXISTS u2 MAX_CPU 1.5, MIN_CPU = 1, MEMORY_SIZE = '6G', LOG_DISK_SIZE 21474836480, MAX_IOPS 10240, MIN_IOPS = 10240, IOPS_WEIGHT 2",
    "CREATE RESOURCE POOL IF NOT EXISTS p2 UNIT = 'u2', UNIT_NUM = 1, ZONE_LIST = ('zone1' 'zone2', 'zone3'), REPLICA_TYPE = 'FULL'",
    "ALTER RESOURCE UNIT u2 MAX_CPU 2, MEMORY_SIZE '8G'",
    "ALTER RESOURCE POOL p2 UNIT_NUM 1 DELETE UNIT = (1001, 1002)",
    "ALTER RESOURCE POOL p2 ZONE_LIST = ('zone1')",
    "DROP RESOURCE POOL IF EXISTS p2",
    "DROP RESOURCE UNIT u2",
    "SELECT * FROM DBA_OB_UNIT_CONFIGS, DBA_OB_RESOURCE_POOLS",
    "SELECT TENANT_ID, STATUS, RECOVER_PROGRESS FROM CDB_OB_RESTORE_PROGRESS",
    "SELECT * FROM CDB_OB_LOG_RESTORE_SOURCE",
    "ALTER SYSTEM DELETE BACKUPSET 1",
    "ALTER SYSTEM BACKUP KEY TO 'file:///k' ENCRYPTED BY 'x'",
    "SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY",
    "SET DECRYPTION IDENTIFIED BY 'a', 'b'",
    "SELECT * FROM DBA_OB_BACKUP_JOBS",
    "SELECT JOB_ID, STATUS FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE RESULT <> 0 ORDER BY 1 DESC LIMIT 3",
    "SELECT TENANT_ID, COUNT(*), SUM(MACRO_BLOCK_COUNT) FROM CDB_OB_BACKUP_SET_FILES GROUP BY TENANT_ID HAVING COUNT(*) > 0",
    "SELECT NAME, VALUE FROM GV$OB_PARAMETERS WHERE NAME LIKE 'ha\\_%' AND TENANT_ID IN (1002, 1004)",
    "SELECT NOW(), USEC_TO_TIME(1), SCN_TO_TIMESTAMP(1715248462749288000), 1 + 2 * 3 - -4 / 0",
    "SELECT SLEEP(0.5)",
    "SELECT CONCAT('a', NULL), IFNULL(NULL, 'x'), SUBSTR('hello', 2, 3), ROUND(2.555, 2)",
    "SHOW PARAMETERS LIKE '%thread_score%'",
    "SHOW TENANTS",
    "SHOW DATABASES",
    "DESC oceanbase.DBA_OB_ARCHIVELOG",
    "CREATE DATABASE IF NOT EXISTS fz",
    "USE fz",
    "CREATE TABLE fz.t (id INT PRIMARY KEY, v VARCHAR(8), d DECIMAL(6,2), t DATETIME)",
    "INSERT INTO fz.t VALUES (1, 'a', 1.5, '2024-01-01 00:00:00'), (2, 'bb', -3, NULL)",
    "UPDATE fz.t SET v = CONCAT(v, 'x'), d = d * 2 WHERE id BETWEEN 1 AND 5",
    "DELETE FROM fz.t WHERE v LIKE '%x' OR d IS NULL",
    "TRUNCATE TABLE fz.t",
    "DROP TABLE IF EXISTS fz.t, fz.u",
    "DROP DATABASE fz",
    "SELECT * FROM fz.t WHERE NOT (id IN (1, 2)) AND v NOT LIKE 'a%'",
];

const WORDS: &[&str] = &[
    "ALTER",
    "SYSTEM",
    "BACKUP",
    "INCREMENTAL",
    "DATABASE",
    "TENANT",
    "=",
    ",",
    "PLUS",
    "ARCHIVELOG",
    "NOARCHIVELOG",
    "CANCEL",
    "SET",
    "RESTORE",
    "FROM",
    "UNTIL",
    "SCN",
    "TIME",
    "WITH",
    "PREVIEW",
    "DELETE",
    "POLICY",
    "'default'",
    "RECOVERY_WINDOW",
    "REDUNDANCY",
    "OBSOLETE",
    "BACKUPSET",
    "BACKUPPIECE",
    "SELECT",
    "*",
    "WHERE",
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "'x'",
    "\"y\"",
    "`z`",
    "1",
    "-1",
    "0.5",
    "NULL",
    "all",
    "all_user",
    "sys",
    "mysql_tenant",
    "oracle_tenant",
    "DBA_OB_BACKUP_JOBS",
    "LIKE",
    "IN",
    "BETWEEN",
    "IS",
    "ORDER",
    "BY",
    "GROUP",
    "LIMIT",
    "COUNT",
    "SUM",
    "/*",
    "*/",
    "--",
    "#",
    "\\G",
    ";",
    "'",
    "\n",
    "é",
    "\u{0}",
    "DESCRIPTION",
    "RESOURCE",
    "UNIT",
    "POOL",
    "UNIT_NUM",
    "ZONE_LIST",
    "MAX_CPU",
    "MEMORY_SIZE",
    "'5G'",
    "('zone1')",
    "RECOVER",
    "STANDBY",
    "ACTIVATE",
    "VERIFY",
    "UNLIMITED",
    "SOURCE",
    "ADD",
    "CLEAR",
    "SHOW",
    "LOG_RESTORE_SOURCE",
    "'pool_list=p1'",
    "TABLE",
    "TO",
    "REMAP",
    ":",
    "TABLEGROUP",
    "TABLESPACE",
    "PARTITION",
    "test.t1",
    "`*`",
    "KEY",
    "ENCRYPTION",
    "ON",
    "IDENTIFIED",
    "ONLY",
    "中文",
    "日本語",
    "🦀",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "；",
    "ß",
    "\u{10ffff}",
];

/// What users paste around statements: prompts copied from docs, login lines, option headers.
const WRAPPERS: &[&str] = &[
    "obclient [(none)]> ",
    "obclient> ",
    "mysql> ",
    "obclient(root@sys)[oceanbase]> ",
    "    -> ",
    "connect root@mysql_tenant\n",
    "connect SYS@oracle_tenant\n",
    "connect root@nosuch\n",
    "obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p\n",
    "obclient -h127.0.0.1 -P2881 -uroot@sys -p -A\n",
    "-- obsim: workload=0 blocks=100\n",
    "-- obsim: workload=4000000000 blocks=99999999999\n",
    "-- obsim: blocks=é\n",
    "\u{feff}",
    "é",
    "中文；",
];

/// SplitMix64: small and deterministic, enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut s: Vec<u8> = base.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(7) {
            0 if !s.is_empty() => {
                let i = rng.below(s.len());
                s[i] ^= 1 << rng.below(8);
            }
            1 if !s.is_empty() => {
                let i = rng.below(s.len());
                let j = (i + rng.below(12)).min(s.len());
                s.drain(i..j);
            }
            2 => {
                let i = rng.below(s.len() + 1);
                let w = WORDS[rng.below(WORDS.len())];
                let mut ins = format!(" {w} ").into_bytes();
                let tail = s.split_off(i);
                s.append(&mut ins);
                s.extend(tail);
            }
            3 if !s.is_empty() => {
                let i = rng.below(s.len());
                let j = (i + rng.below(20)).min(s.len());
                let dup = s[i..j].to_vec();
                let k = rng.below(s.len() + 1);
                let tail = s.split_off(k);
                s.extend(dup);
                s.extend(tail);
            }
            4 => {
                let other = CORPUS[rng.below(CORPUS.len())].as_bytes();
                let cut = rng.below(s.len() + 1);
                let from = rng.below(other.len() + 1);
                s.truncate(cut);
                s.extend_from_slice(&other[from..]);
            }
            5 if !s.is_empty() => {
                let i = rng.below(s.len());
                s.truncate(i);
            }
            _ => {
                let n = rng.below(12);
                s = (0..n)
                    .flat_map(|_| format!("{} ", WORDS[rng.below(WORDS.len())]).into_bytes())
                    .collect();
            }
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

/// The state a failing statement must not change: everything but the RS event log.
fn fingerprint(c: &Cluster, s: &Session) -> u64 {
    let mut c = c.clone();
    c.rs_events.clear();
    c.state_hash()
        ^ format!("{s:?}")
            .bytes()
            .fold(0u64, |h, b| h.rotate_left(5) ^ u64::from(b))
}

/// The two changes OceanBase makes although the statement fails (R§3.4): a RESTORE (or a
/// RECOVER TABLE, whose aux tenant is restored alike, R§12.1) that reached the RPC drops the
/// session's ADD RESTORE SOURCE list, and a RESTORE whose job failed while
/// creating the tenant (9099) has run that job. The first is allowed by comparing with the list
/// emptied; after the second, nothing is compared.
fn allowed_after_failure(input: &str, text: &str, c: &Cluster, s: &Session, before: u64) -> bool {
    if text.starts_with("ERROR 9099 ") {
        return true;
    }
    let mut cleared = s.clone();
    cleared.restore_source.clear();
    let upper = input.to_ascii_uppercase();
    (upper.contains("RESTORE") || upper.contains("RECOVER")) && fingerprint(c, &cleared) == before
}

fn prepared_cluster() -> (Cluster, Session) {
    let mut shell = obsim::shell::Shell::with_cluster(Cluster::with_options(
        3,
        ClusterOptions {
            macro_blocks_per_tenant: 256,
            workload_rate: 5,
        },
    ));
    let setup = "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive' TENANT = mysql_tenant;\n\
         ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data' TENANT = mysql_tenant;\n\
         ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;\nSELECT SLEEP(15);\nALTER SYSTEM BACKUP DATABASE;\nSELECT SLEEP(200);\n\
         CREATE RESOURCE UNIT u MAX_CPU 2, MEMORY_SIZE '5G';\n\
         CREATE RESOURCE POOL p1 UNIT = 'u', ZONE_LIST = ('zone1');\n";
    shell.run(setup);
    (shell.cluster, shell.session)
}

/// A text as a user might type or paste it: pieces of statements, wrapped and joined.
fn client_text(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..=rng.below(3) {
        if rng.below(2) == 0 {
            out.push_str(WRAPPERS[rng.below(WRAPPERS.len())]);
        }
        let base = CORPUS[rng.below(CORPUS.len())];
        out.push_str(&if rng.below(3) == 0 {
            base.to_string()
        } else {
            mutate(rng, base)
        });
        out.push_str(match rng.below(6) {
            0 => ";",
            1 => "\\G",
            2 => ";\n",
            3 => "; ",
            4 => "",
            _ => ";é",
        });
        if rng.below(3) == 0 {
            out.push_str(WORDS[rng.below(WORDS.len())]);
        }
    }
    out
}

/// The whole client on `text`: no panic, every failing statement prints an error line, and
/// the helpers that see the same text never panic either.
fn client_checks(shell: &mut obsim::shell::Shell, text: &str) -> Result<(), String> {
    let (entries, rest) = shell.run(text);
    for e in &entries {
        if e.is_error && !(e.output.starts_with("ERROR") || e.output.starts_with("ORA-")) {
            return Err(format!("error without an ERROR line: {:?}", e.output));
        }
    }
    // The unfinished rest is the input's tail (line-end spaces inside it may be dropped, and a
    // pasted continuation prompt `->` at the start of one of its lines is taken off).
    let bare = |t: &str| t.split_whitespace().collect::<String>().replace("->", "");
    if !bare(text).ends_with(&bare(&rest)) {
        return Err(format!("the rest {rest:?} is not the input's tail"));
    }
    let _ = obsim::shell::script_steps(text);
    let _ = obsim::shell::script_options(text);
    let _ = obsim::shell::Shell::for_script(1, text);
    let _ = obsim::assist::highlight(text);
    let mut caret = 0;
    while caret <= text.len() {
        let _ = obsim::assist::complete(text, caret, &shell.cluster, &shell.session);
        caret += 1 + caret / 3;
    }
    let _ = obsim::share::decode(text);
    let _ = obsim::share::decode(&obsim::share::base64url(text.as_bytes()));
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let total: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = Rng(seed);
    let (base_cluster, base_session) = prepared_cluster();
    let (mut cluster, mut session) = (base_cluster.clone(), base_session.clone());
    let mut errors = 0u64;
    let mut checked = 0u64;
    let new_shell = || {
        let mut sh = obsim::shell::Shell::with_cluster(base_cluster.clone());
        sh.session = base_session.clone();
        sh
    };
    let mut shell = new_shell();
    let mut client_inputs = 0u64;
    for i in 0..total {
        // Start over now and then so state does not drift far from the prepared one.
        if i.is_multiple_of(5000) {
            cluster = base_cluster.clone();
            session = base_session.clone();
            shell = new_shell();
        }
        if i % 4 == 3 {
            let text = client_text(&mut rng);
            client_inputs += 1;
            let result = catch_unwind(AssertUnwindSafe(|| client_checks(&mut shell, &text)));
            match result {
                Ok(Ok(())) => {}
                Ok(Err(why)) => {
                    eprintln!("client check failed after {i} inputs on {text:?}: {why}");
                    std::process::exit(1);
                }
                Err(_) => {
                    eprintln!("PANIC in the client after {i} inputs on: {text:?}");
                    std::process::exit(1);
                }
            }
            continue;
        }
        let base = CORPUS[rng.below(CORPUS.len())];
        let input = if rng.below(8) == 0 {
            base.to_string()
        } else {
            mutate(&mut rng, base)
        };
        let check_state = input.to_ascii_uppercase().contains("ALTER") || errors.is_multiple_of(64);
        let before = check_state.then(|| fingerprint(&cluster, &session));
        // The same state with the ADD RESTORE SOURCE list emptied (see `allowed_after_failure`).
        let before_cleared = check_state.then(|| {
            let mut cleared = session.clone();
            cleared.restore_source.clear();
            fingerprint(&cluster, &cleared)
        });
        let result = catch_unwind(AssertUnwindSafe(|| {
            let ex = execute(&mut cluster, &mut session, &input, false);
            let text = format_outcome(&ex.outcome, 1000, session.mode);
            (matches!(ex.outcome, Outcome::Error(_)), text)
        }));
        let (failed, text) = match result {
            Ok(r) => r,
            Err(_) => {
                eprintln!("PANIC after {i} inputs on: {input:?}");
                std::process::exit(1);
            }
        };
        if failed {
            errors += 1;
            if !(text.starts_with("ERROR ") || text.starts_with("ORA-")) {
                eprintln!("error without an ERROR line for {input:?}: {text:?}");
                std::process::exit(1);
            }
            if let (Some(before), Some(cleared)) = (before, before_cleared) {
                checked += 1;
                if fingerprint(&cluster, &session) != before
                    && !allowed_after_failure(&input, &text, &cluster, &session, cleared)
                {
                    eprintln!("failing statement changed state: {input:?}\n{text}");
                    std::process::exit(1);
                }
            }
        }
        if (i + 1).is_multiple_of(100_000) {
            println!(
                "{} inputs, {errors} errors, {checked} state checks, no panic",
                i + 1
            );
        }
    }
    println!(
        "fuzz: {total} inputs ({client_inputs} through the whole client), {errors} errors, {checked} state checks: no panic, no state change on error"
    );
}
