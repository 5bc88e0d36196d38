//! Tests of the query evaluator, through its API: SELECTs parsed from SQL and run over a
//! sample table, and the helpers the executor calls.

use std::cmp::Ordering;

use super::compare::compare;
use super::compile::MAX_DEPTH;
use super::*;
use crate::calendar::parse_datetime;
use crate::error::ObError;
use crate::sql::ast::{BinaryOp, Expr, Literal, Select, SelectItem, Statement, UnaryOp};
use crate::sql::parser::parse_statement;
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// 2024-05-01 12:00:00.123456 +08:00
fn start() -> i64 {
    parse_datetime("2024-05-01 12:00:00.123456").unwrap()
}

struct Ctx {
    now: i64,
    slept: Vec<f64>,
    db: Option<String>,
}

impl EvalContext for Ctx {
    fn now_micros(&self) -> i64 {
        self.now
    }
    fn sleep(&mut self, seconds: f64) {
        self.slept.push(seconds);
        #[allow(clippy::cast_possible_truncation)]
        let micros = (seconds * 1e6) as i64;
        self.now = self.now.saturating_add(micros);
    }
    fn current_database(&self) -> Option<String> {
        self.db.clone()
    }
    fn current_user(&self) -> String {
        "root@sys".to_string()
    }
    fn version(&self) -> String {
        "5.7.25-OceanBase_CE-v4.3.3.0".to_string()
    }
}

fn ctx() -> Ctx {
    Ctx {
        now: start(),
        slept: Vec::new(),
        db: Some("oceanbase".to_string()),
    }
}

fn dt(s: &str) -> Value {
    Value::DateTime {
        micros: parse_datetime(s).unwrap(),
        frac: false,
    }
}

fn dec(m: i128, s: u8) -> Value {
    Value::decimal(m, s)
}

/// The sample table `jobs`.
fn jobs() -> (Vec<Column>, Vec<Vec<Value>>) {
    let columns = vec![
        Column::new("job_id", ColumnKind::Int),
        Column::new("tenant_id", ColumnKind::Int),
        Column::new("status", ColumnKind::Text),
        Column::new("start_time", ColumnKind::DateTime),
        Column::new("size", ColumnKind::Decimal),
        Column::new("comment", ColumnKind::Text),
    ];
    let rows = vec![
        vec![
            Value::Int(1),
            Value::Int(1002),
            "DOING".into(),
            dt("2024-05-01 10:00:00"),
            dec(1250, 2),
            "first".into(),
        ],
        vec![
            Value::Int(2),
            Value::Int(1002),
            "completed".into(),
            dt("2024-05-01 11:00:00"),
            dec(725, 2),
            Value::Null,
        ],
        vec![
            Value::Int(3),
            Value::Int(1004),
            "Doing".into(),
            dt("2024-05-01 09:30:00"),
            Value::Null,
            "x".into(),
        ],
        vec![
            Value::Int(4),
            Value::Int(1004),
            "FAILED".into(),
            Value::Null,
            dec(75, 2),
            "y".into(),
        ],
        vec![
            Value::Int(5),
            Value::Int(1006),
            "COMPLETED".into(),
            dt("2024-04-30 23:00:00"),
            dec(10000, 2),
            Value::Null,
        ],
    ];
    (columns, rows)
}

fn parse_select(sql: &str) -> Select {
    match parse_statement(sql) {
        Ok(Statement::Select(select)) => *select,
        other => panic!("{sql}: {other:?}"),
    }
}

/// Runs `sql` with a fresh context; FROM (any name) reads `jobs`.
fn run_with(sql: &str, ctx: &mut Ctx) -> Result<ResultSet, ObError> {
    let select = parse_select(sql);
    let (columns, rows) = jobs();
    let source = select.from.as_ref().map(|_| (&columns[..], &rows[..]));
    run_select(&select, source, ctx)
}

fn run(sql: &str) -> Result<ResultSet, ObError> {
    run_with(sql, &mut ctx())
}

/// Header line, then one line per row: cells rendered and joined by `|`.
fn show(rs: &ResultSet) -> Vec<String> {
    let mut lines = vec![
        rs.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join("|"),
    ];
    for row in &rs.rows {
        lines.push(row.iter().map(Value::render).collect::<Vec<_>>().join("|"));
    }
    lines
}

fn q(sql: &str) -> Vec<String> {
    match run(sql) {
        Ok(rs) => show(&rs),
        Err(e) => panic!("{sql}: {e}"),
    }
}

fn err(sql: &str) -> String {
    match run(sql) {
        Ok(rs) => panic!("{sql}: expected an error, got {rs:?}"),
        Err(e) => e.to_string(),
    }
}

fn kinds(sql: &str) -> Vec<ColumnKind> {
    run(sql).unwrap().columns.iter().map(|c| c.kind).collect()
}

/// The single row of a FROM-less select, rendered.
fn row(sql: &str) -> Vec<String> {
    let rs = run(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    assert_eq!(rs.rows.len(), 1, "{sql}");
    rs.rows[0].iter().map(Value::render).collect()
}

// ----- SELECT without FROM --------------------------------------------------------------

#[test]
fn select_without_from_yields_one_row() {
    assert_eq!(q("SELECT 1+1"), ["1+1", "2"]);
    assert_eq!(kinds("SELECT 1+1"), [ColumnKind::Int]);
    assert_eq!(
        q("SELECT 1 + 1 AS two, 'abc', NULL"),
        ["two|abc|NULL", "2|abc|NULL"]
    );
    assert_eq!(
        run("SELECT 1, 2.50, 'x', NOW()").unwrap().rows[0],
        vec![
            Value::Int(1),
            dec(250, 2),
            "x".into(),
            dt("2024-05-01 12:00:00")
        ]
    );
    assert_eq!(
        kinds("SELECT 1, 2.50, 'x', NOW(), 18446744073709551615"),
        [
            ColumnKind::Int,
            ColumnKind::Decimal,
            ColumnKind::Text,
            ColumnKind::DateTime,
            ColumnKind::UInt
        ]
    );
}

#[test]
fn clock_functions() {
    assert_eq!(
        q("SELECT NOW(), CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP, sysdate(), NOW(6), NOW(3)"),
        [
            "NOW()|CURRENT_TIMESTAMP()|CURRENT_TIMESTAMP|sysdate()|NOW(6)|NOW(3)",
            "2024-05-01 12:00:00|2024-05-01 12:00:00|2024-05-01 12:00:00|\
             2024-05-01 12:00:00|2024-05-01 12:00:00.123456|2024-05-01 12:00:00.123"
        ]
    );
    assert_eq!(
        row("SELECT UTC_TIMESTAMP(), CURDATE(), UNIX_TIMESTAMP()"),
        ["2024-05-01 04:00:00", "2024-05-01", "1714536000"]
    );
    assert_eq!(
        err("SELECT NOW(7)"),
        "ERROR 1426 (42000): Too-big precision 7 specified for 'now'. Maximum is 6."
    );
}

#[test]
fn sleep_advances_the_clock_and_now_stays_at_statement_start() {
    let mut c = ctx();
    let rs = run_with("SELECT SLEEP(2)", &mut c).unwrap();
    assert_eq!(show(&rs), ["SLEEP(2)", "0"]);
    assert_eq!(rs.rows[0], vec![Value::Int(0)]);
    assert_eq!(c.slept, vec![2.0]);
    assert_eq!(c.now, start() + 2_000_000);

    let mut c = ctx();
    let rs = run_with("SELECT NOW(), SLEEP(1.5), NOW(), SYSDATE()", &mut c).unwrap();
    assert_eq!(
        show(&rs)[1],
        "2024-05-01 12:00:00|0|2024-05-01 12:00:00|2024-05-01 12:00:01"
    );

    // Once per produced row, and LIMIT stops early.
    let mut c = ctx();
    run_with("SELECT SLEEP(1) FROM jobs LIMIT 2", &mut c).unwrap();
    assert_eq!(c.slept, vec![1.0, 1.0]);
    let mut c = ctx();
    run_with("SELECT SLEEP(NULL), SLEEP(-1), SLEEP(0)", &mut c).unwrap();
    assert!(c.slept.is_empty());
}

#[test]
fn session_functions() {
    assert_eq!(
        q("SELECT DATABASE(), USER(), CURRENT_USER(), current_user, VERSION()"),
        [
            "DATABASE()|USER()|CURRENT_USER()|current_user|VERSION()",
            "oceanbase|root@sys|root@sys|root@sys|5.7.25-OceanBase_CE-v4.3.3.0"
        ]
    );
    let mut c = ctx();
    c.db = None;
    let rs = run_with("SELECT DATABASE()", &mut c).unwrap();
    assert_eq!(rs.rows[0], vec![Value::Null]);
}

#[test]
fn star_without_from_is_no_tables_used() {
    assert_eq!(err("SELECT *"), "ERROR 1096 (HY000): No tables used");
}

// ----- projection, WHERE ----------------------------------------------------------------

#[test]
fn star_keeps_source_names_and_types() {
    let rs = run("SELECT * FROM jobs WHERE job_id = 1").unwrap();
    assert_eq!(rs.columns, jobs().0);
    assert_eq!(rs.rows, vec![jobs().1[0].clone()]);
    assert_eq!(
        show(&rs),
        [
            "job_id|tenant_id|status|start_time|size|comment",
            "1|1002|DOING|2024-05-01 10:00:00|12.50|first"
        ]
    );
}

#[test]
fn column_lists_expressions_and_aliases() {
    assert_eq!(
        q(
            "select JOB_ID, jobs.status, `size` AS s, job_id * 10 j10, size + 1 \
           from jobs where job_id <= 2"
        ),
        [
            "JOB_ID|status|s|j10|size + 1",
            "1|DOING|12.50|10|13.50",
            "2|completed|7.25|20|8.25"
        ]
    );
    assert_eq!(
        kinds("SELECT job_id, status, start_time, size, job_id + 1, size * 2 FROM jobs"),
        [
            ColumnKind::Int,
            ColumnKind::Text,
            ColumnKind::DateTime,
            ColumnKind::Decimal,
            ColumnKind::Int,
            ColumnKind::Decimal
        ]
    );
    assert_eq!(
        q("SELECT oceanbase.jobs.job_id FROM jobs WHERE job_id = 5"),
        ["job_id", "5"]
    );
}

#[test]
fn string_comparison_is_case_insensitive() {
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE status = 'doing'"),
        ["job_id", "1", "3"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE status IN ('Completed', 'nothing')"),
        ["job_id", "2", "5"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE status <> 'DOING' AND status < 'e'"),
        ["job_id", "2", "5"]
    );
    // PAD SPACE: trailing spaces do not matter for `=`; accents fold in general_ci.
    assert_eq!(
        row("SELECT 'abc' = 'ABC  ', 'a' < 'B', 'é' = 'E', 'ß' = 's', 'a ' LIKE 'a'"),
        ["1", "1", "1", "1", "0"]
    );
}

#[test]
fn null_semantics_and_three_valued_logic() {
    assert_eq!(
        row(
            "SELECT NULL = NULL, NULL IS NULL, NULL IS NOT NULL, 1 IN (2, NULL), \
             1 IN (1, NULL), 1 NOT IN (2, NULL), NULL AND 0, NULL AND 1, NULL OR 1, \
             NULL OR 0, NOT NULL, NULL + 1, -NULL, 2 BETWEEN NULL AND 1"
        ),
        [
            "NULL", "1", "0", "NULL", "1", "NULL", "0", "NULL", "1", "NULL", "NULL", "NULL",
            "NULL", "0"
        ]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE comment = NULL"),
        ["job_id"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE comment IS NULL"),
        ["job_id", "2", "5"]
    );
    // NOT of unknown is unknown: the NULL comments are in neither result.
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE NOT (comment = 'x')"),
        ["job_id", "1", "4"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE comment <> 'x' OR size > 50"),
        ["job_id", "1", "4", "5"]
    );
}

#[test]
fn numbers_and_numeric_strings_compare_numerically() {
    assert_eq!(
        row(
            "SELECT '10' = 10, '10' > 9, '10' > '9', 'abc' = 0, '1.50' = 1.5, \
             ' 12abc' = 12, 1 = 1.0, 2.5 > 2, 18446744073709551615 > 1"
        ),
        ["1", "1", "0", "1", "1", "1", "1", "1", "1"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE job_id = '3'"),
        ["job_id", "3"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE size >= '12.5'"),
        ["job_id", "1", "5"]
    );
}

#[test]
fn datetime_compares_with_strings_as_datetime() {
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE start_time > '2024-05-01 09:45:00'"),
        ["job_id", "1", "2"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE start_time = '2024-05-01 10:00:00'"),
        ["job_id", "1"]
    );
    assert_eq!(
        q(
            "SELECT job_id FROM jobs WHERE start_time BETWEEN '2024-05-01' AND '2024-05-01 10:00:00'"
        ),
        ["job_id", "1", "3"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE start_time IN ('2024-04-30 23:00:00')"),
        ["job_id", "5"]
    );
    assert_eq!(
        row("SELECT NOW() > '2024-05-01', NOW() < '2024-05-01 11:59:59'"),
        ["1", "0"]
    );
}

#[test]
fn between_and_in() {
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE job_id BETWEEN 2 AND 4"),
        ["job_id", "2", "3", "4"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE job_id NOT BETWEEN 2 AND 4"),
        ["job_id", "1", "5"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE tenant_id NOT IN (1002, 1006)"),
        ["job_id", "3", "4"]
    );
    assert_eq!(
        row("SELECT 'b' BETWEEN 'A' AND 'C', 5 BETWEEN 6 AND 1"),
        ["1", "0"]
    );
}

// ----- LIKE -----------------------------------------------------------------------------

#[test]
fn like_wildcards_and_escapes() {
    let cases: &[(&str, &str, bool)] = &[
        ("abc", "abc", true),
        ("abc", "ABC", true),
        ("abc", "a%", true),
        ("abc", "%c", true),
        ("abc", "%b%", true),
        ("abc", "a_c", true),
        ("abc", "a_", false),
        ("abc", "___", true),
        ("abc", "____", false),
        ("", "", true),
        ("a", "", false),
        ("", "%", true),
        ("", "_", false),
        ("ab", "abc", false),
        ("ab", "ab%%%", true),
        ("a%b", "a\\%b", true),
        ("axb", "a\\%b", false),
        ("a_b", "a\\_b", true),
        ("axb", "a\\_b", false),
        ("a\\b", "a\\\\b", true),
        ("ab\\", "ab\\", true),
        ("abx", "ab\\x", true),
        ("mississippi", "%iss%ipp%", true),
        ("mississippi", "m%s_s%p_", true),
        ("mississippi", "m%s_s%x_", false),
        ("mississippi", "m%s_s%p%i", true),
        ("日本語", "日_語", true),
        ("日本語", "%語", true),
        ("Éte", "ete", true),
        ("a ", "a", false),
    ];
    for (text, pattern, want) in cases {
        assert_eq!(sql_like(text, pattern), *want, "{text:?} LIKE {pattern:?}");
    }
}

#[test]
fn like_handles_adversarial_patterns() {
    // Timing lives in the benchmarks; this checks the answers on inputs that make
    // backtracking matchers explode.
    let text = "a".repeat(5_000);
    let pattern = format!("{}b", "a%".repeat(500));
    assert!(!sql_like(&text, &pattern));
    assert!(sql_like(&text, &"%".repeat(1_000)));
}

#[test]
fn like_in_queries() {
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE status LIKE 'do%'"),
        ["job_id", "1", "3"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE status NOT LIKE '%ED'"),
        ["job_id", "1", "3"]
    );
    // NULL on either side is unknown; a pattern may come from a column.
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE comment LIKE '%' OR comment NOT LIKE '%'"),
        ["job_id", "1", "3", "4"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs WHERE 'X' LIKE comment"),
        ["job_id", "3"]
    );
    assert_eq!(
        row("SELECT NULL LIKE 'a', 'a' LIKE NULL, 12 LIKE '1_'"),
        ["NULL", "NULL", "1"]
    );
}

// ----- arithmetic -----------------------------------------------------------------------

#[test]
fn integer_and_decimal_arithmetic_is_exact() {
    assert_eq!(
        row(
            "SELECT 1 + 2 * 3, 7 / 2, 1 / 3, 2 / 3, -2 / 3, 10 % 3, -7 % 3, 7 MOD -3, \
             1 / 0, 5 % 0, 0.0 / 0"
        ),
        [
            "7", "3.5000", "0.3333", "0.6667", "-0.6667", "1", "-1", "1", "NULL", "NULL", "NULL"
        ]
    );
    assert_eq!(
        row(
            "SELECT 1.10 + 2.205, 1.5 * 2.25, 0.1 + 0.2, 0.1 + 0.2 = 0.3, 10.00 / 4, \
             1.000 * 3, 100 * 1.1, 5.5 % 2, -(-5), - 2.50, 3 - 5.25"
        ),
        [
            "3.305", "3.375", "0.3", "1", "2.500000", "3.000", "110.0", "1.5", "5", "-2.50",
            "-2.25"
        ]
    );
    assert_eq!(
        run("SELECT 7 / 2, 1.10 + 2.205").unwrap().rows[0],
        vec![dec(35_000, 4), dec(3_305, 3)]
    );
    assert_eq!(
        kinds("SELECT 1 + 1, 7 / 2, 1.5 + 1, 18446744073709551615 - 1"),
        [
            ColumnKind::Int,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::UInt
        ]
    );
}

#[test]
fn string_arithmetic_is_double() {
    assert_eq!(
        row("SELECT '2' + 3, '1.5' * 2, '0.1' + '0.2', 'abc' + 1, '1e3' + 0"),
        ["5", "3", "0.30000000000000004", "1", "1000"]
    );
}

#[test]
fn bigint_overflow_is_error_1690() {
    assert_eq!(
        err("SELECT 9223372036854775807 + 1"),
        "ERROR 1690 (22003): BIGINT value is out of range in '(9223372036854775807 + 1)'"
    );
    assert_eq!(
        err("SELECT job_id * 9223372036854775807 FROM jobs"),
        "ERROR 1690 (22003): BIGINT value is out of range in '(`job_id` * 9223372036854775807)'"
    );
    assert_eq!(
        err("SELECT 18446744073709551615 + 1"),
        "ERROR 1690 (22003): BIGINT UNSIGNED value is out of range in \
         '(18446744073709551615 + 1)'"
    );
    assert_eq!(
        err("SELECT - -9223372036854775808"),
        "ERROR 1690 (22003): BIGINT value is out of range in '-(-(9223372036854775808))'"
    );
    assert_eq!(
        row("SELECT -9223372036854775808, 9223372036854775807 + 0"),
        ["-9223372036854775808", "9223372036854775807"]
    );
    // Past BIGINT UNSIGNED a literal is an exact DECIMAL.
    assert_eq!(
        row("SELECT 99999999999999999999 + 1"),
        ["100000000000000000000"]
    );
}

// ----- functions ------------------------------------------------------------------------

#[test]
fn string_functions() {
    assert_eq!(
        row(
            "SELECT CONCAT('a', 1, 2.50), CONCAT('a', NULL), CONCAT_WS('-', 'a', NULL, 'b'), \
             UPPER('abç'), ucase('x'), LOWER('ABC'), LCASE('Q'), LENGTH('日本'), \
             CHAR_LENGTH('日本'), LENGTH(NULL)"
        ),
        [
            "a12.50", "NULL", "a-b", "ABÇ", "X", "abc", "q", "6", "2", "NULL"
        ]
    );
    assert_eq!(
        row(
            "SELECT SUBSTR('hello', 2), SUBSTRING('hello', 2, 3), SUBSTR('hello', -3, 2), \
             SUBSTR('hello', 0), SUBSTR('hello', 9), SUBSTR('hello', 2, 0), \
             SUBSTRING('日本語', 2, 1), SUBSTR('hello', -9), SUBSTR(NULL, 1)"
        ),
        ["ello", "ell", "ll", "", "", "", "本", "", "NULL"]
    );
}

#[test]
fn null_handling_functions() {
    assert_eq!(
        row(
            "SELECT IFNULL(NULL, 'x'), IFNULL(1, 2), COALESCE(NULL, NULL, 3), \
             COALESCE(NULL), NULLIF(1, 1), NULLIF(1, 2), NULLIF(NULL, 1), \
             IF(1 > 2, 'a', 'b'), IF(NULL, 'a', 'b'), IF('1', 'a', 'b')"
        ),
        ["x", "1", "3", "NULL", "NULL", "1", "NULL", "b", "b", "a"]
    );
    // Only the chosen branch runs.
    let mut c = ctx();
    run_with("SELECT IF(1, 0, SLEEP(5)), IFNULL(1, SLEEP(5))", &mut c).unwrap();
    assert!(c.slept.is_empty());
}

#[test]
fn numeric_functions() {
    assert_eq!(
        row(
            "SELECT ABS(-5), ABS(-1.25), ABS(NULL), ROUND(2.5), ROUND(-2.5), \
             ROUND(1.2345, 2), ROUND(1.5, 2), ROUND(15, -1), ROUND(1234.5, -2), \
             ROUND('2.5'), ROUND(7)"
        ),
        [
            "5", "1.25", "NULL", "3", "-3", "1.23", "1.50", "20", "1200", "2", "7"
        ]
    );
    assert_eq!(
        row(
            "SELECT FLOOR(-1.5), FLOOR(1.5), CEIL(1.2), CEILING(-1.2), FLOOR(3), \
             MOD(10, 3), MOD(10, 0), GREATEST(1, 3, 2), LEAST(2.5, 1, 3), \
             GREATEST(1, NULL), LEAST('b', 'A', 'c'), GREATEST('2024-01-02', NOW())"
        ),
        [
            "-2",
            "1",
            "2",
            "-1",
            "3",
            "1",
            "NULL",
            "3",
            "1",
            "NULL",
            "A",
            "2024-05-01 12:00:00"
        ]
    );
    assert_eq!(
        err("SELECT ABS(-9223372036854775808)"),
        "ERROR 1690 (22003): BIGINT value is out of range in 'abs(-(9223372036854775808))'"
    );
}

#[test]
fn oceanbase_time_functions() {
    assert_eq!(
        row("SELECT USEC_TO_TIME(0), usec_to_time(1699686263825558), \
             TIME_TO_USEC('1970-01-01 08:00:01'), TIME_TO_USEC(USEC_TO_TIME(42)), \
             SCN_TO_TIMESTAMP(1000000000), TIME_TO_USEC('junk')"),
        [
            "1970-01-01 08:00:00.000000",
            "2023-11-11 15:04:23.825558",
            "1000000",
            "42",
            "1970-01-01 08:00:01.000000",
            "NULL"
        ]
    );
    assert_eq!(
        kinds("SELECT USEC_TO_TIME(0), TIME_TO_USEC(NOW()), SCN_TO_TIMESTAMP(1)"),
        [ColumnKind::DateTime, ColumnKind::Int, ColumnKind::DateTime]
    );
    assert_eq!(
        row(
            "SELECT TIMESTAMPDIFF(SECOND, '2024-01-01 00:00:00', '2024-01-01 00:01:30'), \
             TIMESTAMPDIFF(MINUTE, '2024-01-01 00:00:00', '2024-01-01 00:01:30'), \
             TIMESTAMPDIFF(HOUR, NOW(), '2024-05-01 09:00:00'), \
             TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29'), \
             TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-03-31'), \
             TIMESTAMPDIFF(YEAR, '2020-02-29', '2024-02-28'), \
             TIMESTAMPDIFF(DAY, '2024-01-01', NULL)"
        ),
        ["90", "1", "-3", "0", "2", "3", "NULL"]
    );
}

#[test]
fn function_errors() {
    assert_eq!(
        err("SELECT nosuch(1)"),
        "ERROR 1305 (42000): FUNCTION nosuch does not exist"
    );
    assert_eq!(
        err("SELECT NoSuch()"),
        "ERROR 1305 (42000): FUNCTION nosuch does not exist"
    );
    assert_eq!(
        err("SELECT ABS(1, 2)"),
        "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'abs'"
    );
    assert_eq!(
        err("SELECT substr('a')"),
        "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'substr'"
    );
    assert_eq!(
        err("SELECT SUM(job_id, 1) FROM jobs"),
        "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'sum'"
    );
}

// ----- aggregates -----------------------------------------------------------------------

#[test]
fn aggregates_without_group_by() {
    let rs = run(
        "SELECT COUNT(*), COUNT(comment), COUNT(DISTINCT status), SUM(size), \
                  MIN(size), MAX(size), AVG(job_id), AVG(size), SUM(job_id), MAX(status), \
                  MIN(start_time) FROM jobs",
    )
    .unwrap();
    assert_eq!(
        show(&rs),
        [
            "COUNT(*)|COUNT(comment)|COUNT(DISTINCT status)|SUM(size)|MIN(size)|MAX(size)|\
             AVG(job_id)|AVG(size)|SUM(job_id)|MAX(status)|MIN(start_time)",
            "5|3|3|120.50|0.75|100.00|3.0000|30.125000|15|FAILED|2024-04-30 23:00:00"
        ]
    );
    assert_eq!(
        rs.columns.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [
            ColumnKind::Int,
            ColumnKind::Int,
            ColumnKind::Int,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::Decimal,
            ColumnKind::Text,
            ColumnKind::DateTime
        ]
    );
}

#[test]
fn aggregates_over_no_rows_give_one_row() {
    assert_eq!(
        q(
            "SELECT COUNT(*), COUNT(size), COUNT(DISTINCT size), SUM(size), MIN(size), \
           MAX(size), AVG(size), job_id FROM jobs WHERE job_id > 100"
        ),
        [
            "COUNT(*)|COUNT(size)|COUNT(DISTINCT size)|SUM(size)|MIN(size)|MAX(size)|\
             AVG(size)|job_id",
            "0|0|0|NULL|NULL|NULL|NULL|NULL"
        ]
    );
    // With GROUP BY, no rows make no groups.
    assert_eq!(
        q("SELECT tenant_id, COUNT(*) FROM jobs WHERE job_id > 100 GROUP BY tenant_id"),
        ["tenant_id|COUNT(*)"]
    );
    // HAVING can still remove the single row.
    assert_eq!(
        q("SELECT COUNT(*) FROM jobs WHERE 1 = 0 HAVING COUNT(*) > 0"),
        ["COUNT(*)"]
    );
}

#[test]
fn distinct_aggregates() {
    assert_eq!(
        row(
            "SELECT COUNT(DISTINCT tenant_id), SUM(DISTINCT tenant_id), \
             AVG(DISTINCT tenant_id), COUNT(DISTINCT tenant_id, comment) FROM jobs"
        ),
        ["3", "3012", "1004.0000", "3"]
    );
}

#[test]
fn group_by_order_by_limit_together() {
    assert_eq!(
        q(
            "SELECT tenant_id, COUNT(*) AS c, SUM(size) FROM jobs GROUP BY tenant_id \
           ORDER BY c DESC, tenant_id LIMIT 2"
        ),
        ["tenant_id|c|SUM(size)", "1002|2|19.75", "1004|2|0.75"]
    );
    assert_eq!(
        q(
            "SELECT tenant_id, COUNT(*) FROM jobs GROUP BY tenant_id ORDER BY 2, 1 DESC \
           LIMIT 1 OFFSET 1"
        ),
        ["tenant_id|COUNT(*)", "1004|2"]
    );
    assert_eq!(
        q("SELECT tenant_id FROM jobs GROUP BY tenant_id ORDER BY SUM(size) DESC"),
        ["tenant_id", "1006", "1002", "1004"]
    );
}

#[test]
fn group_by_is_case_insensitive_and_sorted() {
    assert_eq!(
        q("SELECT status, COUNT(*) FROM jobs GROUP BY status"),
        ["status|COUNT(*)", "completed|2", "DOING|2", "FAILED|1"]
    );
    assert_eq!(
        q("SELECT comment, COUNT(*) FROM jobs GROUP BY comment"),
        ["comment|COUNT(*)", "NULL|2", "first|1", "x|1", "y|1"]
    );
}

#[test]
fn group_by_alias_position_and_expression() {
    let want = ["t|COUNT(*)", "1002|2", "1004|2", "1006|1"];
    assert_eq!(
        q("SELECT tenant_id AS t, COUNT(*) FROM jobs GROUP BY t"),
        want
    );
    assert_eq!(
        q("SELECT tenant_id AS t, COUNT(*) FROM jobs GROUP BY 1"),
        want
    );
    assert_eq!(
        q("SELECT job_id % 2 AS odd, SUM(job_id) FROM jobs GROUP BY job_id % 2"),
        ["odd|SUM(job_id)", "0|6", "1|9"]
    );
    assert_eq!(
        err("SELECT COUNT(*) AS c FROM jobs GROUP BY c"),
        "ERROR 1056 (42000): Can't group on 'c'"
    );
}

#[test]
fn having_filters_groups() {
    assert_eq!(
        q("SELECT tenant_id, COUNT(*) FROM jobs GROUP BY tenant_id HAVING COUNT(*) > 1"),
        ["tenant_id|COUNT(*)", "1002|2", "1004|2"]
    );
    assert_eq!(
        q(
            "SELECT tenant_id, COUNT(*) AS c FROM jobs GROUP BY tenant_id \
           HAVING c = 1 OR tenant_id = 1002"
        ),
        ["tenant_id|c", "1002|2", "1006|1"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs HAVING job_id > 3"),
        ["job_id", "4", "5"]
    );
}

#[test]
fn distinct_rows() {
    assert_eq!(
        q("SELECT DISTINCT tenant_id FROM jobs"),
        ["tenant_id", "1002", "1004", "1006"]
    );
    assert_eq!(
        q("SELECT DISTINCT status FROM jobs"),
        ["status", "DOING", "completed", "FAILED"]
    );
    assert_eq!(
        q("SELECT DISTINCT tenant_id FROM jobs ORDER BY tenant_id DESC LIMIT 2"),
        ["tenant_id", "1006", "1004"]
    );
    assert_eq!(
        q("SELECT DISTINCT tenant_id FROM jobs LIMIT 2"),
        ["tenant_id", "1002", "1004"]
    );
}

// ----- ORDER BY, LIMIT ------------------------------------------------------------------

#[test]
fn order_by_nulls_first_ascending_last_descending() {
    assert_eq!(
        q("SELECT job_id, size FROM jobs ORDER BY size"),
        [
            "job_id|size",
            "3|NULL",
            "4|0.75",
            "2|7.25",
            "1|12.50",
            "5|100.00"
        ]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs ORDER BY size DESC"),
        ["job_id", "5", "1", "2", "4", "3"]
    );
}

#[test]
fn order_by_alias_position_expression_and_hidden_column() {
    assert_eq!(
        q("SELECT job_id AS j FROM jobs ORDER BY j DESC"),
        ["j", "5", "4", "3", "2", "1"]
    );
    assert_eq!(
        q("SELECT status, job_id FROM jobs ORDER BY 1, 2 DESC"),
        [
            "status|job_id",
            "COMPLETED|5",
            "completed|2",
            "Doing|3",
            "DOING|1",
            "FAILED|4"
        ]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs ORDER BY tenant_id DESC, job_id % 2, job_id"),
        ["job_id", "5", "4", "3", "2", "1"]
    );
    // Equal keys keep their input order (stable sort).
    assert_eq!(
        q("SELECT status FROM jobs ORDER BY status"),
        [
            "status",
            "completed",
            "COMPLETED",
            "DOING",
            "Doing",
            "FAILED"
        ]
    );
    assert_eq!(
        q("SELECT COUNT(*) FROM jobs ORDER BY `COUNT(*)`"),
        ["COUNT(*)", "5"]
    );
}

#[test]
fn limit_and_offset() {
    assert_eq!(q("SELECT job_id FROM jobs LIMIT 2"), ["job_id", "1", "2"]);
    assert_eq!(
        q("SELECT job_id FROM jobs LIMIT 2 OFFSET 1"),
        ["job_id", "2", "3"]
    );
    assert_eq!(
        q("SELECT job_id FROM jobs LIMIT 3, 5"),
        ["job_id", "4", "5"]
    );
    assert_eq!(q("SELECT job_id FROM jobs LIMIT 0"), ["job_id"]);
    assert_eq!(q("SELECT job_id FROM jobs LIMIT 10 OFFSET 10"), ["job_id"]);
    assert_eq!(
        q("SELECT job_id FROM jobs ORDER BY job_id DESC LIMIT 1, 2"),
        ["job_id", "4", "3"]
    );
    assert_eq!(q("SELECT 1 LIMIT 0"), ["1"]);
}

// ----- errors ---------------------------------------------------------------------------

#[test]
fn unknown_column_names_its_clause() {
    let cases = [
        (
            "SELECT nosuch FROM jobs",
            "Unknown column 'nosuch' in 'field list'",
        ),
        (
            "SELECT job_id FROM jobs WHERE nosuch = 1",
            "Unknown column 'nosuch' in 'where clause'",
        ),
        (
            "SELECT job_id FROM jobs ORDER BY nosuch",
            "Unknown column 'nosuch' in 'order clause'",
        ),
        (
            "SELECT COUNT(*) FROM jobs GROUP BY nosuch",
            "Unknown column 'nosuch' in 'group statement'",
        ),
        (
            "SELECT COUNT(*) FROM jobs HAVING nosuch > 1",
            "Unknown column 'nosuch' in 'having clause'",
        ),
        (
            "SELECT tenant_id FROM jobs GROUP BY tenant_id HAVING status = 'x'",
            "Unknown column 'status' in 'having clause'",
        ),
        (
            "SELECT t.x FROM jobs",
            "Unknown column 't.x' in 'field list'",
        ),
        (
            "SELECT other.job_id FROM jobs",
            "Unknown column 'other.job_id' in 'field list'",
        ),
        (
            "SELECT job_id FROM jobs WHERE db.jobs.job_id = 1",
            "Unknown column 'db.jobs.job_id' in 'where clause'",
        ),
        ("SELECT x", "Unknown column 'x' in 'field list'"),
        (
            "SELECT job_id AS j FROM jobs WHERE j = 1",
            "Unknown column 'j' in 'where clause'",
        ),
        (
            "SELECT job_id FROM jobs ORDER BY 9",
            "Unknown column '9' in 'order clause'",
        ),
        (
            "SELECT job_id FROM jobs ORDER BY 0",
            "Unknown column '0' in 'order clause'",
        ),
        (
            "SELECT job_id FROM jobs GROUP BY 2",
            "Unknown column '2' in 'group statement'",
        ),
    ];
    for (sql, message) in cases {
        assert_eq!(err(sql), format!("ERROR 1054 (42S22): {message}"), "{sql}");
    }
    // The select list is resolved first.
    assert_eq!(
        err("SELECT a FROM jobs WHERE b = 1"),
        "ERROR 1054 (42S22): Unknown column 'a' in 'field list'"
    );
}

#[test]
fn misplaced_aggregates_are_error_1111() {
    for sql in [
        "SELECT job_id FROM jobs WHERE COUNT(*) > 1",
        "SELECT SUM(COUNT(*)) FROM jobs",
        "SELECT COUNT(*) FROM jobs GROUP BY MAX(job_id)",
    ] {
        assert_eq!(
            err(sql),
            "ERROR 1111 (HY000): Invalid use of group function",
            "{sql}"
        );
    }
}

// ----- the executor API -----------------------------------------------------------------

#[test]
fn eval_expr_and_where_predicates_for_dml() {
    let (columns, rows) = jobs();
    let row = Some((&columns[..], &rows[0][..]));
    let expr = |sql: &str| match parse_select(&format!("SELECT {sql}")).projection.remove(0) {
        SelectItem::Expr { expr, .. } => expr,
        SelectItem::Wildcard => unreachable!(),
    };
    let mut c = ctx();
    assert_eq!(
        eval_expr(&expr("job_id + 1"), row, &mut c).unwrap(),
        Value::Int(2)
    );
    assert_eq!(
        eval_expr(&expr("size * 2"), row, &mut c).unwrap(),
        dec(2500, 2)
    );
    assert_eq!(
        eval_expr(&expr("1 + 1"), None, &mut c).unwrap(),
        Value::Int(2)
    );
    // A condition as WHERE compiles it: NULL counts as false, names are looked up in the
    // 'where clause'.
    let predicate = |sql: &str, c: &mut Ctx| {
        compile_expr(&expr(sql), &columns, Clause::Where)?.matches(&rows[0], c)
    };
    assert!(predicate("status = 'doing'", &mut c).unwrap());
    assert!(!predicate("size > NULL", &mut c).unwrap());
    assert_eq!(
        eval_expr(&expr("nosuch + 1"), row, &mut c)
            .unwrap_err()
            .to_string(),
        "ERROR 1054 (42S22): Unknown column 'nosuch' in 'field list'"
    );
    assert_eq!(
        predicate("nosuch = 1", &mut c).unwrap_err().to_string(),
        "ERROR 1054 (42S22): Unknown column 'nosuch' in 'where clause'"
    );
    assert_eq!(
        eval_expr(&expr("COUNT(*)"), row, &mut c)
            .unwrap_err()
            .to_string(),
        "ERROR 1111 (HY000): Invalid use of group function"
    );

    let compiled = compile_expr(&expr("tenant_id = 1004"), &columns, Clause::Where).unwrap();
    let matching: Vec<i64> = rows
        .iter()
        .filter(|r| compiled.matches(r, &mut c).unwrap())
        .filter_map(|r| match r[0] {
            Value::Int(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(matching, [3, 4]);
}

#[test]
fn literals_and_comparison_helpers() {
    assert_eq!(literal_value(&Literal::Number("1.50".into())), dec(150, 2));
    assert_eq!(literal_value(&Literal::Number("-7".into())), Value::Int(-7));
    assert_eq!(
        literal_value(&Literal::Number("18446744073709551615".into())),
        Value::UInt(u64::MAX)
    );
    assert_eq!(literal_value(&Literal::Bool(true)), Value::Int(1));
    assert_eq!(compare(&"abc".into(), &"ABD".into()), Some(Ordering::Less));
    assert_eq!(compare(&Value::Null, &Value::Int(1)), None);
    assert_eq!(compare(&dec(100, 2), &Value::Int(1)), Some(Ordering::Equal));
}

#[test]
fn decimal_sums_are_exact() {
    let columns = vec![Column::new("d", ColumnKind::Decimal)];
    let rows: Vec<Vec<Value>> = (0..10).map(|_| vec![dec(1, 1)]).collect();
    let select = parse_select("SELECT SUM(d), AVG(d), SUM(d) = 1 FROM t");
    let rs = run_select(&select, Some((&columns, &rows)), &mut ctx()).unwrap();
    assert_eq!(rs.rows[0], vec![dec(10, 1), dec(10_000, 5), Value::Int(1)]);
}

// ----- robustness -----------------------------------------------------------------------

#[test]
fn deep_expressions_evaluate_or_fail_cleanly() {
    let sql = format!("SELECT {}1{}", "(".repeat(250), ")".repeat(250));
    assert_eq!(row(&sql), ["1"]);
    let sql = format!("SELECT {}1", "- ".repeat(200));
    assert_eq!(row(&sql), ["1"]);

    let sql = format!("SELECT {}-1{}", "ABS(".repeat(250), ")".repeat(250));
    assert_eq!(row(&sql), ["1"]);
    let sql = format!("SELECT {}", vec!["1"; 200].join(" + "));
    assert_eq!(row(&sql), ["200"]);
    let sql = format!("SELECT {}", vec!["1 = 1"; 200].join(" AND "));
    assert_eq!(row(&sql), ["1"]);

    // Just under the bound, every recursion path fits the default test-thread stack even
    // in a debug build.
    let mut sum = Expr::Literal(Literal::Number("1".into()));
    let mut not = sum.clone();
    let mut abs = sum.clone();
    for _ in 1..MAX_DEPTH {
        sum = Expr::Binary {
            left: Box::new(sum),
            op: BinaryOp::Plus,
            right: Box::new(Expr::Literal(Literal::Number("1".into()))),
        };
        not = Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(not),
        };
        abs = Expr::Function {
            name: "ABS".into(),
            args: vec![abs],
            star: false,
            distinct: false,
        };
    }
    assert_eq!(
        eval_expr(&sum, None, &mut ctx()).unwrap(),
        Value::Int(i64::try_from(MAX_DEPTH).unwrap())
    );
    assert_eq!(eval_expr(&not, None, &mut ctx()).unwrap(), Value::Int(0));
    assert_eq!(eval_expr(&abs, None, &mut ctx()).unwrap(), Value::Int(1));

    // A hand-built AST deeper than any parsed one is refused, not a stack overflow.
    let mut expr = Expr::Literal(Literal::Number("1".into()));
    for _ in 0..1_000 {
        expr = Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(expr),
        };
    }
    let e = eval_expr(&expr, None, &mut ctx()).unwrap_err();
    assert_eq!(e.to_string(), "ERROR 4019 (HY000): Size overflow");
}

#[test]
fn odd_inputs_do_not_panic() {
    for sql in [
        "SELECT SUBSTR('abc', 9223372036854775807, 9223372036854775807)",
        "SELECT SUBSTR('abc', -9223372036854775808)",
        "SELECT ROUND(1.5, 9223372036854775807), ROUND(1.5, -9223372036854775808)",
        "SELECT ROUND(123, -99), FLOOR(0.000000000000000000000000000001)",
        "SELECT 99999999999999999999999999999999999999 * 99999999999999999999",
        "SELECT 0.000000000000000000000000000001 / 99999999999999999999999999999999999999",
        "SELECT '1e308' * 10, '-' + 1, '.' + 1, 'e5' + 1, '1e' + 1",
        "SELECT USEC_TO_TIME(9223372036854775807), SCN_TO_TIMESTAMP(-1)",
        "SELECT TIMESTAMPDIFF(YEAR, USEC_TO_TIME(-9223372036854775808), \
         USEC_TO_TIME(9223372036854775807))",
        "SELECT 'x' LIKE '\\\\', '' LIKE '\\\\', 1 % 0.0, -(-(0.5))",
        "SELECT GREATEST('a', 1), LEAST(NOW(), 'junk'), NULLIF('a', 'A')",
    ] {
        run(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

#[test]
fn extreme_values_do_not_panic() {
    let mut c = ctx();
    let columns = vec![
        Column::new("d", ColumnKind::Decimal),
        Column::new("t", ColumnKind::DateTime),
    ];
    let row = vec![dec(i128::MIN, 0), Value::datetime(i64::MIN)];
    let select = parse_select(
        "SELECT ABS(d), -d, FLOOR(d), CEIL(d), ROUND(d, -1), d + d, d * d, d / 3, d % 7, \
         d = d, t + 0, t = '2024-01-01', TIME_TO_USEC(t), MIN(d), SUM(d), AVG(d) FROM t",
    );
    run_select(&select, Some((&columns, &[row.clone(), row])), &mut c).unwrap();
    c.now = i64::MIN;
    run_select::<Vec<Value>>(
        &parse_select("SELECT NOW(), NOW(3), UTC_TIMESTAMP(), CURDATE()"),
        None,
        &mut c,
    )
    .unwrap();
    c.now = i64::MAX;
    run_select::<Vec<Value>>(
        &parse_select("SELECT NOW(), NOW(3), UNIX_TIMESTAMP()"),
        None,
        &mut c,
    )
    .unwrap();
    assert_eq!(
        row_of(
            &mut c,
            "SELECT ABS(-2.50), FLOOR(-0.5), CEIL(-0.5), CEIL(0.5)"
        ),
        ["2.50", "-1", "0", "1"]
    );
}

/// Random statements from a small grammar (a fixed-seed LCG, so failures reproduce):
/// whatever parses must evaluate to a result or an error, never a panic.
#[test]
fn random_statements_never_panic() {
    const ATOMS: &[&str] = &[
        "job_id",
        "size",
        "status",
        "start_time",
        "comment",
        "NULL",
        "0",
        "-1",
        "1.5",
        "9223372036854775807",
        "18446744073709551615",
        "99999999999999999999999999999999999",
        "0.000000000000000000000000000001",
        "'abc'",
        "''",
        "'%'",
        "'\\'",
        "'2024-05-01'",
        "'1e308'",
        "NOW()",
        "NOW(6)",
        "COUNT(*)",
        "TRUE",
    ];
    const UNARY: &[&str] = &[
        "-",
        "NOT ",
        "ABS",
        "ROUND",
        "FLOOR",
        "CEIL",
        "UPPER",
        "LENGTH",
        "USEC_TO_TIME",
        "TIME_TO_USEC",
        "SCN_TO_TIMESTAMP",
        "SUM",
        "AVG",
        "MIN",
        "MAX",
        "COUNT",
        "SLEEP",
    ];
    const BINARY: &[&str] = &[
        "+", "-", "*", "/", "%", "=", "<>", "<", ">=", "AND", "OR", "LIKE", "NOT LIKE",
    ];
    const CALLS: &[&str] = &[
        "ROUND", "MOD", "IFNULL", "NULLIF", "GREATEST", "LEAST", "CONCAT", "SUBSTR",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| -> usize {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    fn expr(next: &mut dyn FnMut(usize) -> usize, depth: u32) -> String {
        if depth == 0 {
            return ATOMS[next(ATOMS.len())].to_string();
        }
        let sub = |next: &mut dyn FnMut(usize) -> usize| expr(next, depth - 1);
        match next(6) {
            0 => ATOMS[next(ATOMS.len())].to_string(),
            1 => {
                let op = UNARY[next(UNARY.len())];
                format!("{op}({})", sub(next))
            }
            2 | 3 => {
                let (a, b) = (sub(next), sub(next));
                format!("({a} {} {b})", BINARY[next(BINARY.len())])
            }
            4 => {
                let (a, b) = (sub(next), sub(next));
                format!("{}({a}, {b})", CALLS[next(CALLS.len())])
            }
            _ => {
                let (a, b, c) = (sub(next), sub(next), sub(next));
                format!("({a} BETWEEN {b} AND {c})")
            }
        }
    }
    let (columns, rows) = jobs();
    let mut parsed = 0;
    for _ in 0..3_000 {
        let (a, b, c) = (expr(&mut next, 3), expr(&mut next, 2), expr(&mut next, 2));
        let sql = match next(3) {
            0 => format!("SELECT {a}, {b} FROM jobs WHERE {c} ORDER BY 1 DESC LIMIT 3"),
            1 => format!("SELECT {a} FROM jobs GROUP BY {b} HAVING {c} ORDER BY {b}"),
            _ => format!("SELECT DISTINCT {a} FROM jobs ORDER BY {b}, {c}"),
        };
        let Ok(Statement::Select(select)) = parse_statement(&sql) else {
            continue;
        };
        parsed += 1;
        let _ = run_select(&select, Some((&columns, &rows)), &mut ctx());
    }
    assert!(parsed > 1_000, "only {parsed} statements parsed");
}

fn row_of(c: &mut Ctx, sql: &str) -> Vec<String> {
    let rs = run_select::<Vec<Value>>(&parse_select(sql), None, c).unwrap();
    rs.rows[0].iter().map(Value::render).collect()
}

#[test]
fn where_over_100k_rows_filters_exactly() {
    let columns = vec![
        Column::new("id", ColumnKind::Int),
        Column::new("tenant_id", ColumnKind::Int),
        Column::new("status", ColumnKind::Text),
        Column::new("start_time", ColumnKind::DateTime),
        Column::new("size", ColumnKind::Decimal),
        Column::new("comment", ColumnKind::Text),
    ];
    let statuses = ["DOING", "COMPLETED", "FAILED", "CANCELED"];
    let rows: Vec<Vec<Value>> = (0..100_000i64)
        .map(|i| {
            vec![
                Value::Int(i),
                Value::Int(1000 + i % 7),
                statuses[usize::try_from(i % 4).unwrap()].into(),
                Value::datetime(1_700_000_000_000_000 + i * 1_000_000),
                dec(i128::from(i) * 25, 2),
                format!("job {i}").into(),
            ]
        })
        .collect();
    let select = parse_select(
        "SELECT id, status FROM t WHERE status = 'doing' AND tenant_id = 1003 \
         AND start_time > '2023-11-15 00:00:00' AND size >= 100.5",
    );
    let mut c = ctx();
    let rs = run_select(&select, Some((&columns, &rows)), &mut c).unwrap();
    // status 'doing' (case-insensitive) is i % 4 == 0; tenant 1003 is i % 7 == 3; then the
    // time and size bounds. (Timing lives in the criterion benchmark.)
    let bound = parse_datetime("2023-11-15 00:00:00").unwrap();
    let want: Vec<i64> = (0..100_000i64)
        .filter(|i| i % 4 == 0 && i % 7 == 3)
        .filter(|i| 1_700_000_000_000_000 + i * 1_000_000 > bound && i * 25 >= 10_050)
        .collect();
    let got: Vec<i64> = rs
        .rows
        .iter()
        .filter_map(|r| match r[0] {
            Value::Int(v) => Some(v),
            _ => None,
        })
        .collect();
    assert!(!want.is_empty());
    assert!(
        got == want,
        "got {} rows (first {:?}), want {} (first {:?})",
        got.len(),
        got.first(),
        want.len(),
        want.first()
    );
}
