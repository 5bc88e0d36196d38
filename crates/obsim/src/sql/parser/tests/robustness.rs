//! No input panics or exhausts the stack: depth limits, huge inputs, and fuzzing from a corpus.

use super::*;

#[test]
fn nesting_is_limited_with_a_syntax_error() {
    let depth_ok = MAX_EXPRESSION_DEPTH - 1;
    let sql = format!("SELECT {}1{}", "(".repeat(depth_ok), ")".repeat(depth_ok));
    assert!(parse_statement(&sql).is_ok());

    let too_deep = MAX_EXPRESSION_DEPTH;
    let sql = format!("SELECT {}1{}", "(".repeat(too_deep), ")".repeat(too_deep));
    let near = format!("1{}", ")".repeat(79));
    assert_syntax_error(&sql, &near, 1);

    let sql = format!("SELECT {}1", "-".repeat(MAX_EXPRESSION_DEPTH));
    assert_syntax_error(&sql, "1", 1);
    let sql = format!("SELECT {}1", "NOT ".repeat(MAX_EXPRESSION_DEPTH));
    assert_syntax_error(&sql, "1", 1);
    let sql = format!("SELECT {}1{}", "f(".repeat(too_deep), ")".repeat(too_deep));
    assert_syntax_error(&sql, &near, 1);
}

#[test]
fn long_operator_chains_are_limited_too() {
    // Each `+` adds a level to the (left-deep) tree.
    let terms_ok = vec!["1"; MAX_EXPRESSION_DEPTH].join("+");
    assert!(parse_statement(&format!("SELECT {terms_ok}")).is_ok());
    let too_many = format!("SELECT {terms_ok}+1+2");
    assert_syntax_error(&too_many, "+2", 1);
    // Lists are wide, not deep.
    let list = vec!["1"; 10_000].join(", ");
    assert!(parse_statement(&format!("SELECT a IN ({list}), f({list})")).is_ok());
}

#[test]
fn huge_inputs_fail_without_exhausting_the_stack() {
    for sql in [
        format!("SELECT {}", "(".repeat(100_000)),
        format!("SELECT {}", "f(".repeat(100_000)),
        format!("SELECT {}1", "- ".repeat(100_000)),
        format!("SELECT {}1", "NOT ".repeat(100_000)),
        format!("SELECT 1 IN ({}", "1 IN (".repeat(100_000)),
        format!("SELECT {}", "1 + ".repeat(100_000)),
        format!("SELECT {}1", "a BETWEEN ".repeat(100_000)),
    ] {
        assert!(parse_statement(&sql).is_err());
    }
}

#[test]
fn the_tallest_accepted_expressions_need_little_stack() {
    // wasm has 1 MiB of stack for everything; the expression parser is iterative, so even
    // an unoptimised build needs only a few frames whatever the nesting.
    let depth = MAX_EXPRESSION_DEPTH - 2;
    let statements = [
        format!("SELECT {}1{}", "(".repeat(depth), ")".repeat(depth)),
        format!("SELECT {}1{}", "f(".repeat(depth), ")".repeat(depth)),
        format!("SELECT {}1", "- ".repeat(depth)),
        format!(
            "SELECT {}1{}",
            "(NOT ".repeat(depth / 2),
            ")".repeat(depth / 2)
        ),
        format!("SELECT {}", vec!["a"; depth].join(" OR ")),
        format!("SELECT 1 {}", "= 1 ".repeat(depth)),
    ];
    let outcome = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || statements.iter().all(|sql| parse_statement(sql).is_ok()))
        .map(|handle| handle.join());
    assert!(matches!(outcome, Ok(Ok(true))));
}

/// A tiny deterministic generator (xorshift64*), so the test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }
}

const CORPUS: &[&str] = &[
    "ALTER SYSTEM BACKUP INCREMENTAL TENANT = t1, `t2`, 'x', ALL TO = 'file:///p' PLUS ARCHIVELOG DESCRIPTION = 'd'",
    "ALTER SYSTEM BACKUP DATABASE",
    "ALTER /*+ hint */ SYSTEM CANCEL BACKUP TENANT t1",
    "ALTER SYSTEM NOARCHIVELOG TENANT = all DESCRIPTION 'x';",
    "ALTER SYSTEM SET a = -1 COMMENT 'c' SCOPE = BOTH ZONE = z1 TENANT = t1, b = 'x' SERVER '1:2'",
    "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'default' RECOVERY_WINDOW = '7d' REDUNDANCY 1 BACKUP_COPIES 2 TENANT t1",
    "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'",
    "ALTER SYSTEM CANCEL DELETE BACKUP TENANT t1 DESCRIPTION 'x'",
    "ALTER SYSTEM RESTORE `r` FROM 'file:///a,file:///b' UNTIL TIME = '2024-01-01 00:00:00' WITH 'pool_list=p' ENCRYPTED BY 'k' DESCRIPTION 'd'",
    "ALTER SYSTEM RESTORE FROM 'x' UNTIL SCN = 12345 PREVIEW",
    "ALTER SYSTEM CANCEL RESTORE r",
    "ALTER SYSTEM ACTIVATE STANDBY TENANT = s",
    "ALTER SYSTEM DELETE BACKUPSET 1 COPY 1",
    "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY",
    "SET DECRYPTION IDENTIFIED BY 'a', 'b'",
    "SELECT DISTINCT a, COUNT(*) AS n, COUNT(DISTINCT b) 'm', NOW(), 1+2*3 FROM oceanbase.GV$OB_PARAMETERS WHERE (a = 'x' OR NOT b <> 2) AND c BETWEEN 1 AND 2 AND d NOT IN (1, 2) AND e LIKE 'p%' AND f IS NOT NULL GROUP BY a HAVING n > 1 ORDER BY a DESC, b LIMIT 1, 2",
    "SELECT * FROM t LIMIT 5 OFFSET 6",
    "SHOW PARAMETERS LIKE 'ha%' TENANT = t1",
    "SHOW TABLES FROM db",
    "SHOW CREATE TABLE db.t",
    "DESCRIBE oceanbase.DBA_OB_BACKUP_JOBS",
    "USE `db`",
    "CREATE TABLE IF NOT EXISTS db.t (id INT NOT NULL PRIMARY KEY, d DECIMAL(10,2) DEFAULT -1.5, s VARCHAR(10) COMMENT 'x', PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    "DROP TABLE IF EXISTS a, b.c",
    "INSERT INTO t (a, b) VALUES (1, 'x'), (2, \"y\\n\")",
    "UPDATE t SET a = a + 1 WHERE b = 2",
    "DELETE FROM t WHERE a IS NULL",
    "SELECT 'é租户', `列` FROM t -- comment\n WHERE x = 1 # more\n",
];

/// Bytes that stress the lexer: quotes, escapes, comment starters, operators, and the
/// first byte of a multibyte character.
const INTERESTING_BYTES: &[u8] = b"'\"`\\/*-#;()=<>!@?.,+%0123456789aZ_$ \n\t\xc3\xa9\xe7";

fn check_outcome(sql: &str) {
    if let Err(error) = parse_statement(sql) {
        assert_eq!(error.errno, 1064, "{sql:?}: {error}");
        let near = error
            .message
            .split("near '")
            .nth(1)
            .and_then(|rest| rest.rsplit_once("' at line "))
            .map(|(near, _)| near.len());
        assert!(
            near.is_some_and(|len| len <= NEAR_TEXT_LIMIT),
            "{sql:?}: {error}"
        );
    }
}

#[test]
fn corpus_statements_parse() {
    for sql in CORPUS {
        parse(sql);
    }
}

#[test]
fn truncations_and_mutations_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for sql in CORPUS {
        for (cut, _) in sql.char_indices() {
            check_outcome(sql.get(..cut).unwrap_or_default());
            check_outcome(sql.get(cut..).unwrap_or_default());
        }
        for _ in 0..300 {
            let mut bytes = sql.as_bytes().to_vec();
            for _ in 0..=rng.below(4) {
                let position = rng.below(bytes.len() + 1);
                let byte = INTERESTING_BYTES
                    .get(rng.below(INTERESTING_BYTES.len()))
                    .copied()
                    .unwrap_or(b' ');
                match rng.below(3) {
                    0 => bytes.insert(position, byte),
                    1 if position < bytes.len() => {
                        bytes.remove(position);
                    }
                    _ if position < bytes.len() => {
                        if let Some(slot) = bytes.get_mut(position) {
                            *slot = byte;
                        }
                    }
                    _ => bytes.push(byte),
                }
            }
            check_outcome(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn random_token_soup_never_panics() {
    const WORDS: &[&str] = &[
        "ALTER",
        "SYSTEM",
        "BACKUP",
        "SET",
        "SELECT",
        "FROM",
        "WHERE",
        "TENANT",
        "=",
        ",",
        "(",
        ")",
        "'s'",
        "1",
        "-",
        "NOT",
        "IN",
        "BETWEEN",
        "AND",
        "OR",
        "IS",
        "NULL",
        "*",
        "RESTORE",
        "UNTIL",
        "TIME",
        "SCN",
        "WITH",
        "PLUS",
        "ARCHIVELOG",
        "DATABASE",
        "CREATE",
        "TABLE",
        "INT",
        "VARCHAR",
        "INSERT",
        "INTO",
        "VALUES",
        "LIMIT",
        "ALL",
        "`q`",
        ";",
        "/*",
        "*/",
        "--",
        "\n",
        "COUNT",
        "DISTINCT",
        ".",
        "LIKE",
        "SHOW",
        "x",
    ];
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let length = rng.below(14);
        let sql: Vec<&str> = (0..length)
            .map(|_| WORDS.get(rng.below(WORDS.len())).copied().unwrap_or("x"))
            .collect();
        check_outcome(&sql.join(" "));
    }
}
