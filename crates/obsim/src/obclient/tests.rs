//! The obclient printer, prompts and splitter, checked against obclient's own output.

use super::print::looks_like_oracle_message;
use super::*;
use crate::compat::CompatMode;
use crate::error::ObError;
use crate::sql::outcome::Outcome;
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// `is_complete_in` in MySQL mode, which most splitter tests use.
fn is_complete(input: &str) -> bool {
    is_complete_in(input, CompatMode::MySql)
}

fn set(columns: &[(&str, ColumnKind)], rows: Vec<Vec<Value>>) -> ResultSet {
    let mut set = ResultSet::new(columns.iter().map(|(n, k)| Column::new(*n, *k)).collect());
    for r in rows {
        set.push_row(r);
    }
    set
}

fn rows(set: ResultSet) -> Outcome {
    Outcome::Rows {
        set,
        vertical: false,
    }
}

fn vertical(set: ResultSet) -> Outcome {
    Outcome::Rows {
        set,
        vertical: true,
    }
}

fn mysql(outcome: &Outcome, micros: u64) -> String {
    format_outcome(outcome, micros, CompatMode::MySql)
}

// --- summaries ---------------------------------------------------------------------------

#[test]
fn query_ok_singular_plural_and_blank_line() {
    let ok = |affected, warnings| Outcome::Ok {
        affected,
        warnings,
        info: None,
    };
    assert_eq!(
        mysql(&ok(0, 0), 4_000),
        "Query OK, 0 rows affected (0.004 sec)\n\n"
    );
    assert_eq!(
        mysql(&ok(1, 0), 12_000),
        "Query OK, 1 row affected (0.012 sec)\n\n"
    );
    assert_eq!(
        mysql(&ok(2, 0), 52_000),
        "Query OK, 2 rows affected (0.052 sec)\n\n"
    );
    assert_eq!(
        mysql(&ok(0, 1), 2_000),
        "Query OK, 0 rows affected, 1 warning (0.002 sec)\n\n"
    );
    assert_eq!(
        mysql(&ok(3, 2), 2_000),
        "Query OK, 3 rows affected, 2 warnings (0.002 sec)\n\n"
    );
    // Oracle mode prints the same feedback.
    assert_eq!(
        format_outcome(&ok(0, 0), 4_000, CompatMode::Oracle),
        "Query OK, 0 rows affected (0.004 sec)\n\n"
    );
}

#[test]
fn elapsed_prints_three_decimals_and_larger_units() {
    assert_eq!(format_elapsed(0), "0.000 sec");
    assert_eq!(format_elapsed(499), "0.000 sec");
    assert_eq!(format_elapsed(500), "0.001 sec");
    assert_eq!(format_elapsed(4_321), "0.004 sec");
    assert_eq!(format_elapsed(1_234_567), "1.235 sec");
    assert_eq!(format_elapsed(62_345_000), "1 min 2.345 sec");
    assert_eq!(format_elapsed(3_600_500_000), "1 hour 0.500 sec");
    assert_eq!(
        format_elapsed(2 * 3_600_000_000 + 60_000_000),
        "2 hours 1 min 0.000 sec"
    );
    assert_eq!(format_elapsed(86_400_000_000), "1 day 0.000 sec");
    assert_eq!(
        format_elapsed(2 * 86_400_000_000 + 3 * 3_600_000_000 + 60_000_000),
        "2 days 3 hours 1 min 0.000 sec"
    );
    assert!(format_elapsed(u64::MAX).ends_with(" sec"));
}

#[test]
fn empty_result_is_empty_set_in_both_layouts() {
    let empty = set(&[("JOB_ID", ColumnKind::Int)], vec![]);
    assert_eq!(
        mysql(&rows(empty.clone()), 3_000),
        "Empty set (0.003 sec)\n\n"
    );
    assert_eq!(mysql(&vertical(empty), 2_000), "Empty set (0.002 sec)\n\n");
}

// --- tables --------------------------------------------------------------------------------

#[test]
fn reproduces_the_archivelog_table_of_reference_section_10() {
    let archivelog = set(
        &[
            ("DEST_ID", ColumnKind::Int),
            ("ROUND_ID", ColumnKind::Int),
            ("STATUS", ColumnKind::Text),
        ],
        vec![vec![Value::Int(1001), Value::Int(1), Value::str("DOING")]],
    );
    assert_eq!(
        mysql(&rows(archivelog), 4_000),
        "+---------+----------+--------+\n\
         | DEST_ID | ROUND_ID | STATUS |\n\
         +---------+----------+--------+\n\
         |    1001 |        1 | DOING  |\n\
         +---------+----------+--------+\n\
         1 row in set (0.004 sec)\n\
         \n"
    );
}

#[test]
fn reproduces_the_backup_jobs_table_of_reference_section_10() {
    let jobs = set(
        &[
            ("JOB_ID", ColumnKind::Int),
            ("BACKUP_SET_ID", ColumnKind::Int),
            ("BACKUP_TYPE", ColumnKind::Text),
            ("JOB_LEVEL", ColumnKind::Text),
            ("STATUS", ColumnKind::Text),
            ("RESULT", ColumnKind::Int),
        ],
        vec![vec![
            Value::Int(1),
            Value::Int(1),
            Value::str("FULL"),
            Value::str("USER_TENANT"),
            Value::str("DOING"),
            Value::Int(0),
        ]],
    );
    assert_eq!(
        mysql(&rows(jobs), 5_000),
        "+--------+---------------+-------------+-------------+--------+--------+\n\
         | JOB_ID | BACKUP_SET_ID | BACKUP_TYPE | JOB_LEVEL   | STATUS | RESULT |\n\
         +--------+---------------+-------------+-------------+--------+--------+\n\
         |      1 |             1 | FULL        | USER_TENANT | DOING  |      0 |\n\
         +--------+---------------+-------------+-------------+--------+--------+\n\
         1 row in set (0.005 sec)\n\n"
    );
}

#[test]
fn numeric_columns_right_align_values_but_not_headers() {
    let t = set(
        &[
            ("ID", ColumnKind::UInt),
            ("SIZE", ColumnKind::Decimal),
            ("NAME", ColumnKind::Text),
        ],
        vec![
            vec![Value::UInt(7), Value::decimal(-5, 2), Value::str("a")],
            vec![Value::UInt(12345), Value::Null, Value::Null],
        ],
    );
    assert_eq!(
        mysql(&rows(t), 3_000),
        "+-------+-------+------+\n\
         | ID    | SIZE  | NAME |\n\
         +-------+-------+------+\n\
         |     7 | -0.05 | a    |\n\
         | 12345 |  NULL | NULL |\n\
         +-------+-------+------+\n\
         2 rows in set (0.003 sec)\n\n"
    );
}

#[test]
fn columns_are_at_least_four_wide_for_null() {
    let t = set(
        &[("X", ColumnKind::Int), ("Y", ColumnKind::Text)],
        vec![vec![Value::Int(1), Value::str("a")]],
    );
    assert_eq!(
        render_table(&t),
        "+------+------+\n\
         | X    | Y    |\n\
         +------+------+\n\
         |    1 | a    |\n\
         +------+------+\n"
    );
}

#[test]
fn widths_count_characters_not_bytes() {
    let t = set(
        &[("名前", ColumnKind::Text), ("N", ColumnKind::Int)],
        vec![
            vec![Value::str("ünïcødé"), Value::Int(1)],
            vec![Value::str("日本語テキスト"), Value::Int(22)],
        ],
    );
    let table = render_table(&t);
    assert_eq!(
        table,
        "+---------+------+\n\
         | 名前      | N    |\n\
         +---------+------+\n\
         | ünïcødé |    1 |\n\
         | 日本語テキスト |   22 |\n\
         +---------+------+\n"
    );
    // Every line has the same number of characters.
    let widths: Vec<usize> = table.lines().map(|l| l.chars().count()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}");
}

#[test]
fn header_wider_than_values_and_empty_strings() {
    let t = set(
        &[("DESCRIPTION", ColumnKind::Text)],
        vec![vec![Value::str("")], vec![Value::str("x\0y")]],
    );
    assert_eq!(
        render_table(&t),
        "+-------------+\n\
         | DESCRIPTION |\n\
         +-------------+\n\
         |             |\n\
         | x y         |\n\
         +-------------+\n"
    );
}

#[test]
fn short_rows_built_by_hand_show_null_instead_of_panicking() {
    let mut t = set(&[("A", ColumnKind::Int), ("B", ColumnKind::Text)], vec![]);
    t.rows.push(vec![Value::Int(1)]);
    t.rows.push(vec![]);
    assert_eq!(
        render_table(&t),
        "+------+------+\n\
         | A    | B    |\n\
         +------+------+\n\
         |    1 | NULL |\n\
         | NULL | NULL |\n\
         +------+------+\n"
    );
    assert!(render_vertical(&t).contains("B: NULL\n"));
    // No columns at all still prints something sane.
    let none = ResultSet {
        columns: vec![],
        rows: vec![vec![]],
    };
    assert_eq!(render_table(&none), "+\n|\n+\n|\n+\n");
}

#[test]
fn datetimes_render_in_tables() {
    let t = set(
        &[("START_TIMESTAMP", ColumnKind::DateTime)],
        vec![vec![Value::datetime(0)]],
    );
    assert!(render_table(&t).contains("| 1970-01-01 08:00:00.000000 |\n"));
}

// --- vertical ------------------------------------------------------------------------------

#[test]
fn vertical_layout_aligns_names_and_keeps_the_space_after_colon() {
    let t = set(
        &[
            ("JOB_ID", ColumnKind::Int),
            ("DESCRIPTION", ColumnKind::Text),
            ("COMMENT", ColumnKind::Text),
        ],
        vec![
            vec![Value::Int(1), Value::str(""), Value::Null],
            vec![Value::Int(2), Value::str("weekly"), Value::str("ok")],
        ],
    );
    assert_eq!(
        mysql(&vertical(t), 6_000),
        "*************************** 1. row ***************************\n\
         \x20    JOB_ID: 1\n\
         DESCRIPTION: \n\
         \x20   COMMENT: NULL\n\
         *************************** 2. row ***************************\n\
         \x20    JOB_ID: 2\n\
         DESCRIPTION: weekly\n\
         \x20   COMMENT: ok\n\
         2 rows in set (0.006 sec)\n\n"
    );
}

#[test]
fn vertical_single_row_is_singular() {
    let t = set(
        &[("名", ColumnKind::Text), ("AB", ColumnKind::Text)],
        vec![vec![Value::str("v"), Value::str("w")]],
    );
    assert_eq!(
        mysql(&vertical(t), 1_000),
        "*************************** 1. row ***************************\n\
         \x20名: v\n\
         AB: w\n\
         1 row in set (0.001 sec)\n\n"
    );
}

// --- errors --------------------------------------------------------------------------------

#[test]
fn mysql_errors_are_one_line_without_blank_line() {
    assert_eq!(
        mysql(&Outcome::Error(ObError::backup_in_progress()), 1_000),
        "ERROR 9036 (HY000): Backup is in progress\n"
    );
    assert_eq!(
        mysql(&Outcome::Error(ObError::access_denied()), 1_000),
        "ERROR 1227 (42501): Access denied\n"
    );
    let mut no_state = ObError::internal();
    no_state.sqlstate = "";
    assert_eq!(
        error_text(&no_state, CompatMode::MySql),
        "ERROR 4016: Internal error"
    );
    let mut no_errno = ObError::internal();
    no_errno.errno = 0;
    assert_eq!(
        error_text(&no_errno, CompatMode::MySql),
        "ERROR: Internal error"
    );
}

#[test]
fn oracle_parse_error_is_ora_00900_with_the_same_text() {
    let err = ObError::parse("BACKUP", 1);
    assert_eq!(
        format_outcome(&Outcome::Error(err.clone()), 1_000, CompatMode::Oracle),
        format!("ORA-00900: {}\n", err.message)
    );
    assert!(
        err.message
            .starts_with("You have an error in your SQL syntax")
    );
}

#[test]
fn oracle_privilege_error_is_ora_01031() {
    assert_eq!(
        format_outcome(
            &Outcome::Error(ObError::access_denied()),
            1_000,
            CompatMode::Oracle
        ),
        "ORA-01031: insufficient privileges\n"
    );
}

#[test]
fn oracle_other_errors_are_ora_00600_with_the_ob_code() {
    let out = |e: ObError| format_outcome(&Outcome::Error(e), 1_000, CompatMode::Oracle);
    assert_eq!(
        out(ObError::backup_in_progress()),
        "ORA-00600: internal error code, arguments: -9036, Backup is in progress\n"
    );
    assert_eq!(
        out(ObError::backup_can_not_start_because(
            "log archive status is not doing."
        )),
        "ORA-00600: internal error code, arguments: -9040, backup can not start, because \
         log archive status is not doing.\n"
    );
    assert_eq!(
        out(ObError::not_supported()),
        "ORA-00600: internal error code, arguments: -4007, Not supported feature or function\n"
    );
}

#[test]
fn oracle_messages_with_a_prefix_pass_through() {
    // The executor chose the Oracle error itself: obclient prints it as sent.
    let specific = ObError::table_not_exist_oracle("SYS", "NOSUCH");
    assert_eq!(
        error_text(&specific, CompatMode::Oracle),
        "ORA-00942: table or view 'SYS.NOSUCH' does not exist"
    );
    assert!(looks_like_oracle_message("OBE-00001: x y"));
    assert!(!looks_like_oracle_message("ORA-00600"));
    assert!(!looks_like_oracle_message("ORA-0060x: internal error"));
    assert!(!looks_like_oracle_message("TOOLONG-00600: internal error"));
    assert!(!looks_like_oracle_message("ÄÄÄ-"));
    assert!(!looks_like_oracle_message(""));
}

// --- prompt and banner ---------------------------------------------------------------------

#[test]
fn prompt_variants() {
    assert_eq!(
        prompt("root", "sys", Some("oceanbase"), CompatMode::MySql),
        "obclient(root@sys)[oceanbase]> "
    );
    assert_eq!(
        prompt("root", "mysql_tenant", None, CompatMode::MySql),
        "obclient(root@mysql_tenant)[(none)]> "
    );
    assert_eq!(
        prompt("SYS", "oracle_tenant", Some("SYS"), CompatMode::Oracle),
        "obclient(SYS@oracle_tenant)[SYS]> "
    );
    assert_eq!(
        prompt("SYS", "oracle_tenant", None, CompatMode::Oracle),
        "obclient(SYS@oracle_tenant)[SYS]> "
    );
}

#[test]
fn continuation_prompts_follow_what_is_open() {
    assert_eq!(
        continuation_prompt("SELECT 1", CompatMode::MySql),
        "    -> "
    );
    assert_eq!(
        continuation_prompt("SELECT 'a", CompatMode::MySql),
        "    '> "
    );
    assert_eq!(
        continuation_prompt("SELECT \"a", CompatMode::MySql),
        "    \"> "
    );
    assert_eq!(
        continuation_prompt("SELECT `a", CompatMode::MySql),
        "    `> "
    );
    assert_eq!(
        continuation_prompt("SELECT /* a", CompatMode::MySql),
        "   /*> "
    );
}

#[test]
fn welcome_banner_matches_obclient() {
    let version = server_version_comment("4.3.3.0");
    assert!(version.starts_with("OceanBase_CE 4.3.3.0 (r"));
    assert!(version.ends_with(")"));
    assert_eq!(
        welcome_banner(3_221_487_638, &version),
        format!(
            "Welcome to the OceanBase.  Commands end with ; or \\g.\n\
             Your OceanBase connection id is 3221487638\n\
             Server version: {version}\n\
             \n\
             Copyright (c) 2000, 2018, OceanBase and/or its affiliates. All rights reserved.\n\
             \n\
             Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\
             \n"
        )
    );
}

// --- splitting -----------------------------------------------------------------------------

fn texts(split: &Split) -> Vec<&str> {
    split.statements.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn splits_multiple_statements_on_one_line() {
    let s = split_statements("SELECT 1; SELECT 2 ;SELECT 3;");
    assert_eq!(texts(&s), ["SELECT 1", "SELECT 2", "SELECT 3"]);
    assert!(
        s.statements
            .iter()
            .all(|st| !st.vertical && st.first_line == 1)
    );
    assert_eq!(s.rest, "");
}

#[test]
fn multi_line_statements_keep_their_first_line() {
    let input =
        "\n  ALTER SYSTEM\n    SET ha_low_thread_score = 5;\n\nSELECT *\nFROM DBA_OB_TENANTS\n;";
    let s = split_statements(input);
    assert_eq!(
        texts(&s),
        [
            "ALTER SYSTEM\n    SET ha_low_thread_score = 5",
            "SELECT *\nFROM DBA_OB_TENANTS"
        ]
    );
    assert_eq!(s.statements[0].first_line, 2);
    assert_eq!(s.statements[1].first_line, 5);
}

#[test]
fn backslash_g_terminators() {
    let s = split_statements("SELECT * FROM DBA_OB_BACKUP_JOBS\\G SELECT 1\\g\nSELECT 2\\G");
    assert_eq!(
        texts(&s),
        ["SELECT * FROM DBA_OB_BACKUP_JOBS", "SELECT 1", "SELECT 2"]
    );
    assert_eq!(
        s.statements
            .iter()
            .map(|st| st.vertical)
            .collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(s.statements[2].first_line, 2);
    // `\G` inside a string is data.
    let s = split_statements("SELECT 'a\\G';");
    assert_eq!(texts(&s), ["SELECT 'a\\G'"]);
    assert!(!s.statements[0].vertical);
}

#[test]
fn empty_statements_are_skipped() {
    let s = split_statements(";;  ; SELECT 1;;\n;");
    assert_eq!(texts(&s), ["SELECT 1"]);
    assert!(is_complete(";;SELECT 1;;"));
    assert!(!is_complete(";;"));
    assert!(!is_complete(""));
    assert!(!is_complete("   \n  "));
}

#[test]
fn semicolons_inside_quotes_do_not_split() {
    let input = "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///a;b'; SELECT \"x;y\", `c;d` FROM t;";
    let s = split_statements(input);
    assert_eq!(
        texts(&s),
        [
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///a;b'",
            "SELECT \"x;y\", `c;d` FROM t"
        ]
    );
}

#[test]
fn escapes_and_doubled_quotes() {
    let s = split_statements(r"SELECT 'it''s;', 'a\';b', `x\`; SELECT 2;");
    // `\` does not escape inside backticks, so the backtick string closes after `x\`.
    assert_eq!(texts(&s), [r"SELECT 'it''s;', 'a\';b', `x\`", "SELECT 2"]);
    let s = split_statements("SELECT \"say \"\"hi;\"\"\";");
    assert_eq!(texts(&s), ["SELECT \"say \"\"hi;\"\"\""]);
}

#[test]
fn oracle_mode_has_no_backslash_escapes_and_no_hash_comments() {
    let s = split_statements_in(
        r"SELECT 'a\'; SELECT 2 # x; SELECT 3 -- y",
        CompatMode::Oracle,
    );
    assert_eq!(texts(&s), [r"SELECT 'a\'", "SELECT 2 # x"]);
    assert_eq!(s.rest, "SELECT 3 -- y");
    // Any `--` starts a comment in Oracle mode, so the first `;` is commented out.
    let s = split_statements_in("SELECT 1--x;\nFROM DUAL;", CompatMode::Oracle);
    assert_eq!(texts(&s), ["SELECT 1\nFROM DUAL"]);
    assert!(is_complete_in("SELECT 'a\\';", CompatMode::Oracle));
    assert!(!is_complete_in("SELECT 'a\\';", CompatMode::MySql));
}

#[test]
fn semicolons_inside_comments_do_not_split() {
    let input =
        "SELECT 1 -- not; a terminator\n, 2; # also; not\nSELECT /* ; */ 3;\n/* a;\nb */ SELECT 4;";
    let s = split_statements(input);
    assert_eq!(texts(&s), ["SELECT 1 \n, 2", "SELECT   3", "SELECT 4"]);
    assert_eq!(s.statements[1].first_line, 3);
    // The statement starts on line 5, after the two-line comment.
    assert_eq!(s.statements[2].first_line, 5);
}

#[test]
fn block_comments_keep_line_numbers() {
    let s = split_statements("SELECT /* one\ntwo */ 1\nFROM x;");
    assert_eq!(texts(&s), ["SELECT \n 1\nFROM x"]);
}

#[test]
fn double_dash_needs_whitespace_in_mysql_mode() {
    let s = split_statements("SELECT 1--2;\nSELECT 3 --\n;");
    assert_eq!(texts(&s), ["SELECT 1--2", "SELECT 3"]);
    // At the start of a statement `--x` is a comment too.
    let s = split_statements("--comment;\nSELECT 4;");
    assert_eq!(texts(&s), ["SELECT 4"]);
    assert_eq!(s.statements[0].first_line, 2);
}

#[test]
fn hints_are_kept() {
    let s = split_statements("SELECT /*+ PARALLEL(2) */ 1; /*!40101 SET x = 1 */;");
    assert_eq!(
        texts(&s),
        ["SELECT /*+ PARALLEL(2) */ 1", "/*!40101 SET x = 1 */"]
    );
}

#[test]
fn trailing_comment_after_terminator_is_complete() {
    let input = "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;      -- no full yet: becomes FULL";
    let s = split_statements(input);
    assert_eq!(texts(&s), ["ALTER SYSTEM BACKUP INCREMENTAL DATABASE"]);
    assert_eq!(s.rest, "");
    assert!(is_complete(input));
    assert!(is_complete("SELECT 1; /* closed */ # and more\n"));
}

#[test]
fn incomplete_trailing_text_is_returned_raw() {
    let s = split_statements("SELECT 1; SELECT\n  2 /* c */");
    assert_eq!(texts(&s), ["SELECT 1"]);
    assert_eq!(s.rest, "SELECT\n  2 /* c */");
    assert!(!is_complete("SELECT 1; SELECT"));
    assert!(!is_complete("SELECT 1"));

    // An open quote or comment keeps the statement open even with `;` inside.
    let s = split_statements("  SELECT 'abc; \n");
    assert!(s.statements.is_empty());
    // Inside an open quote trailing whitespace is data and stays.
    assert_eq!(s.rest, "SELECT 'abc; \n");
    assert!(!is_complete("SELECT 1; /* open ;"));
    assert_eq!(split_statements("SELECT 1; /* open ;").rest, "/* open ;");
    assert!(!is_complete("SELECT /*+ open"));

    // Feeding the rest back with more text completes it.
    let more = format!("{}'; \n", s.rest);
    let done = split_statements(&more);
    assert_eq!(texts(&done), ["SELECT 'abc; \n'"]);
    assert!(is_complete(&more));
}

#[test]
fn other_backslash_commands_stay_literal() {
    let s = split_statements("SELECT \\'x; SELECT 1\\");
    assert_eq!(texts(&s), ["SELECT \\'x"]);
    assert_eq!(s.rest, "SELECT 1\\");
}

#[test]
fn multibyte_input_splits_safely() {
    let s = split_statements("SELECT '日本;語'; SELECT ünï\\G -- ☃;\n SELECT 'é");
    assert_eq!(texts(&s), ["SELECT '日本;語'", "SELECT ünï"]);
    assert!(s.statements[1].vertical);
    // The rest starts at the unfinished statement, after the complete comment.
    assert_eq!(s.rest, "SELECT 'é");
}

#[test]
fn splitter_never_panics_on_awkward_input() {
    let samples = [
        "",
        "\\",
        "\\G",
        ";",
        "'",
        "\"",
        "`",
        "/*",
        "*/",
        "/*/",
        "--",
        "#",
        "-",
        "/",
        "'\\",
        "a\\",
        "/*+",
        "/*M",
        "/*M!",
        "é\\é",
        "\u{0}",
        "\r\n;\r\n",
        "''';",
    ];
    for a in samples {
        for b in samples {
            let input = format!("{a}{b}");
            let s = split_statements(&input);
            let _ = split_statements_in(&input, CompatMode::Oracle);
            let _ = continuation_prompt(&input, CompatMode::MySql);
            assert!(s.rest.len() <= input.len());
        }
    }
}
