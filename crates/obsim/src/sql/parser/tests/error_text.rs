//! The 1064 text: where `near '...'` starts, its 80-byte cut, and the line number.

use super::*;

#[test]
fn empty_input_is_a_syntax_error_at_the_end() {
    assert_syntax_error("", "", 1);
    assert_syntax_error("   ", "", 1);
    assert_syntax_error(";", "", 1);
    assert_syntax_error("-- only a comment", "", 1);
    assert_syntax_error("\n\n", "", 1);
}

#[test]
fn unterminated_strings_and_comments_report_from_the_opening_quote() {
    assert_syntax_error("SELECT 'abc", "'abc", 1);
    assert_syntax_error("SELECT \"abc;", "\"abc;", 1);
    assert_syntax_error("ALTER SYSTEM SET x = 'a\\'", "'a\\'", 1);
    assert_syntax_error("SELECT `abc", "`abc", 1);
    assert_syntax_error("SELECT 1 /* never closed", "/* never closed", 1);
    assert_syntax_error("ALTER /*+ hint SYSTEM BACKUP", "/*+ hint SYSTEM BACKUP", 1);
    assert_syntax_error("SELECT @x", "@x", 1);
    assert_syntax_error("SELECT 1 FROM t WHERE a = ?", "?", 1);
}

#[test]
fn an_earlier_error_wins_over_a_later_lexing_problem() {
    assert_syntax_error("ALTER SYSTEM SET a 5 'unterminated", "5 'unterminated", 1);
}

#[test]
fn multi_line_statements_report_the_line_of_the_token() {
    assert_syntax_error(
        "ALTER SYSTEM\n  BACKUP DATABASE\n  INCREMENTAL",
        "INCREMENTAL",
        3,
    );
    assert_syntax_error("SELECT a,\n       b\n  FROM t\n WHERE a = = 1;", "= 1", 4);
    assert_syntax_error(
        "ALTER SYSTEM RESTORE r FROM 'x'\nUNTIL TIME\n'2024-01-01' WITH 'p'",
        "'2024-01-01' WITH 'p'",
        3,
    );
    // A newline inside a string counts.
    assert_syntax_error("SELECT 'a\nb' c d", "d", 2);
    // At the end of input the line is that of the statement's end.
    assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a,\n  b", "", 2);
    // ... not counting the blank lines before the `;`.
    assert_syntax_error("SELECT 1 +\n\n  ;\n", "", 1);
    // near keeps the newlines as typed.
    assert_syntax_error("SELECT 1\nFROM t\nx\ny", "x\ny", 3);
}

#[test]
fn near_text_is_cut_to_80_bytes_without_splitting_a_character() {
    let tail = "é".repeat(60);
    let sql = format!("SELECT 1 2 {tail}");
    let near = parse_statement(&sql).err().map(|error| error.message);
    let expected_near = format!("2 {}", "é".repeat(39));
    assert_eq!(expected_near.len(), 80);
    assert_eq!(near, Some(ObError::parse(&expected_near, 1).message));

    let sql = format!("SELECT 1 22 {tail}");
    let expected_near = format!("22 {}", "é".repeat(38));
    assert_eq!(expected_near.len(), 79);
    assert_syntax_error(&sql, &expected_near, 1);
}

#[test]
fn near_text_excludes_the_trailing_semicolon() {
    assert_syntax_error("ALTER SYSTEM SET a 5 ;", "5", 1);
    assert_syntax_error("ALTER SYSTEM SET a 5;  -- done", "5", 1);
}
