//! The obclient side of a session: what the client prints for one statement, its prompt and
//! welcome banner, and how it cuts typed text into statements.
//!
//! Everything here mirrors `obclient:client/mysql.cc` (reference §4.4): `com_go` for the
//! summaries, `print_table_data` / `print_table_data_vertically` for result sets, `put_info`
//! for errors, `construct_prompt` for the prompt and `add_line` for statement splitting.
//! Nothing here reads a clock or decides anything: it prints the SQL layer's outcome and the
//! elapsed time the shell got from `cost`.

use crate::compat::CompatMode;
use crate::error::ObError;
use crate::sql::outcome::Outcome;
use crate::value::ResultSet;

// ---------------------------------------------------------------------------------------------
// Statement output
// ---------------------------------------------------------------------------------------------

/// obclient leaves room for `NULL` in every column (`if (length < 4) length=4;` in
/// `print_table_data`; unlike stock MySQL it does not exempt NOT NULL columns).
const MIN_COLUMN_WIDTH: usize = 4;

/// Exactly what obclient prints for one statement in an interactive session.
///
/// * Success and result sets end with the summary line and then an empty line
///   (`put_info("", INFO_RESULT)` in `com_go`), so the text ends in `"\n\n"`.
/// * Errors are a single line and **no** blank line follows: `put_info(..., INFO_ERROR)` prints
///   the line and returns before `com_go` reaches the empty-row print. Reference §4.4 only
///   promises the blank line after result summaries; the transcript in §10 shows one after
///   errors too, but it is "assembled", and the obclient source is unambiguous. (The terminal
///   bell obclient writes before an error is left out.)
/// * MySQL mode: `ERROR <errno> (<sqlstate>): <message>` (§4.1, §4.4).
/// * Oracle mode: the server sends `ORA-xxxxx: ...` texts (see [`oracle_error_text`]) and
///   obclient prints such a message raw, with no `ERROR` prefix (`trim_oracle_errmsg` in
///   `put_info`). This is the documented assumption of §1.11; it was not checked against a live
///   Oracle-mode tenant.
/// * Elapsed time is printed like `nice_time(sec, 1)`: `(0.004 sec)`, three decimals.
pub fn format_outcome(outcome: &Outcome, elapsed_micros: u64, mode: CompatMode) -> String {
    let time = format_elapsed(elapsed_micros);
    match outcome {
        Outcome::Ok { affected, warnings } => {
            let mut s = format!("Query OK, {}", count_of(*affected, "row"));
            s.push_str(" affected");
            push_warnings(&mut s, *warnings);
            format!("{s} ({time})\n\n")
        }
        Outcome::Rows { set, .. } if set.rows.is_empty() => format!("Empty set ({time})\n\n"),
        Outcome::Rows { set, vertical } => {
            let body = if *vertical {
                render_vertical(set)
            } else {
                render_table(set)
            };
            let n = u64::try_from(set.rows.len()).unwrap_or(u64::MAX);
            format!("{body}{} in set ({time})\n\n", count_of(n, "row"))
        }
        Outcome::Error(err) => format!("{}\n", error_text(err, mode)),
    }
}

/// `1 row` / `0 rows` / `2 rows`: obclient uses the singular only for exactly one.
fn count_of(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn push_warnings(s: &mut String, warnings: u32) {
    if warnings > 0 {
        s.push_str(", ");
        s.push_str(&count_of(u64::from(warnings), "warning"));
    }
}

/// The error line without its newline, as obclient shows it in `mode`.
pub fn error_text(err: &ObError, mode: CompatMode) -> String {
    match mode {
        CompatMode::MySql => {
            if err.errno == 0 {
                format!("ERROR: {}", err.message)
            } else if err.sqlstate.is_empty() {
                format!("ERROR {}: {}", err.errno, err.message)
            } else {
                format!("ERROR {} ({}): {}", err.errno, err.sqlstate, err.message)
            }
        }
        CompatMode::Oracle => {
            let text = oracle_error_text(err);
            if looks_like_oracle_message(&text) {
                text
            } else {
                // obclient's fallback for a message without an `ORA-` style prefix (its test
                // also wants more than 11 bytes, so only an ORA-00900 with an empty message
                // lands here).
                format!("ERROR-{:05}: {}", err.errno, text)
            }
        }
    }
}

/// The text an Oracle-mode tenant sends for `err` (reference §1.11 and §4.3, the
/// `DEFINE_ORACLE_ERROR` entries): a parse error keeps its user text under ORA-00900, the
/// privilege error is ORA-01031, and every OB code without an Oracle equivalent is wrapped in
/// ORA-00600 with the (negative) OB code. A message that already carries an `ORA-` style prefix
/// (an executor chose a specific Oracle error) is passed through.
pub fn oracle_error_text(err: &ObError) -> String {
    if looks_like_oracle_message(&err.message) {
        return err.message.clone();
    }
    match err.errno {
        1064 => format!("ORA-00900: {}", err.message),
        1227 => "ORA-01031: insufficient privileges".to_string(),
        _ => format!(
            "ORA-00600: internal error code, arguments: {}, {}",
            err.ob_code, err.message
        ),
    }
}

/// obclient's `trim_oracle_errmsg` test: a prefix of at most five bytes, `-`, five digits,
/// `: `, and more than eleven bytes overall (`ORA-00600: x`, `OBE-00001: x`, `PLS-00201: x`).
fn looks_like_oracle_message(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(dash) = b.iter().position(|&c| c == b'-') else {
        return false;
    };
    b.len() > 11
        && dash <= 5
        && b.len() - dash > 8
        && b.get(dash + 1..dash + 6)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(dash + 6..dash + 8) == Some(b": ".as_slice())
}

/// Seconds as obclient's `nice_time(sec, buff, 1)` writes them: `0.004 sec`,
/// `1 min 2.345 sec`, `1 hour 0.500 sec` (a zero unit is left out), `2 days 3 hours 1 min
/// 0.000 sec`. The microseconds are rounded to milliseconds first (the
/// C code rounds with `%.3f` on a double; the difference never shows below a minute).
pub fn format_elapsed(micros: u64) -> String {
    const MS_PER_MIN: u64 = 60_000;
    const MS_PER_HOUR: u64 = 60 * MS_PER_MIN;
    const MS_PER_DAY: u64 = 24 * MS_PER_HOUR;
    let mut ms = micros.saturating_add(500) / 1_000;
    let mut s = String::new();
    if ms >= MS_PER_DAY {
        let days = ms / MS_PER_DAY;
        ms %= MS_PER_DAY;
        s.push_str(&format!(
            "{days} {} ",
            if days > 1 { "days" } else { "day" }
        ));
    }
    if ms >= MS_PER_HOUR {
        let hours = ms / MS_PER_HOUR;
        ms %= MS_PER_HOUR;
        s.push_str(&format!(
            "{hours} {} ",
            if hours > 1 { "hours" } else { "hour" }
        ));
    }
    if ms >= MS_PER_MIN {
        let mins = ms / MS_PER_MIN;
        ms %= MS_PER_MIN;
        s.push_str(&format!("{mins} min "));
    }
    s.push_str(&format!("{}.{:03} sec", ms / 1_000, ms % 1_000));
    s
}

/// Every cell rendered once, one row per result row, fitted to the column count (a short row
/// shows NULL in the missing cells rather than panicking). obclient prints NUL bytes as
/// spaces so they cannot break the grid; the same is done here.
fn rendered_cells(set: &ResultSet) -> Vec<Vec<String>> {
    set.rows
        .iter()
        .map(|row| {
            (0..set.columns.len())
                .map(|i| match row.get(i) {
                    Some(v) => v.render().replace('\0', " "),
                    None => "NULL".to_string(),
                })
                .collect()
        })
        .collect()
}

/// Character count: widths are counted in characters so multibyte text stays aligned in the
/// web console's monospace font. (Real obclient sizes a column by the *byte* length the
/// server reports and pads by terminal cells, so its columns holding non-ASCII text come out
/// wider than this; the simulator prefers an aligned grid.)
fn width_of(s: &str) -> usize {
    s.chars().count()
}

fn pad_to(out: &mut String, text: &str, width: usize, right: bool) {
    let fill = width.saturating_sub(width_of(text));
    if right {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    } else {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    }
}

/// The bordered table of `print_table_data`, without the summary line:
///
/// ```text
/// +---------+----------+--------+
/// | DEST_ID | ROUND_ID | STATUS |
/// +---------+----------+--------+
/// |    1001 |        1 | DOING  |
/// +---------+----------+--------+
/// ```
///
/// Each column is as wide as its widest value or header (a nullable column at least 4, room for
/// `NULL`, as mysql.cc does with `!IS_NOT_NULL(field->flags)`), with
/// one space of padding each side. Headers are always left-aligned (`" %-*s |"`); values of
/// numeric columns (by the column's kind, NULL included) are right-aligned, all others
/// left-aligned.
pub fn render_table(set: &ResultSet) -> String {
    let cells = rendered_cells(set);
    let widths: Vec<usize> = set
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            cells
                .iter()
                .filter_map(|row| row.get(i))
                .map(|c| width_of(c))
                .fold(
                    if col.nullable {
                        width_of(&col.name).max(MIN_COLUMN_WIDTH)
                    } else {
                        width_of(&col.name)
                    },
                    usize::max,
                )
        })
        .collect();

    let mut border = String::from("+");
    for w in &widths {
        border.extend(std::iter::repeat_n('-', w + 2));
        border.push('+');
    }
    border.push('\n');

    let mut out = border.clone();
    out.push('|');
    for (col, w) in set.columns.iter().zip(&widths) {
        out.push(' ');
        pad_to(&mut out, &col.name, *w, false);
        out.push_str(" |");
    }
    out.push('\n');
    out.push_str(&border);
    for row in &cells {
        out.push('|');
        for ((cell, col), w) in row.iter().zip(&set.columns).zip(&widths) {
            out.push(' ');
            pad_to(&mut out, cell, *w, col.kind.is_numeric());
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push_str(&border);
    out
}

/// The `\G` layout of `print_table_data_vertically`, without the summary line: a star banner
/// per row, then `NAME: value` with names right-aligned to the longest one. An empty string
/// leaves the line as `NAME: ` (the separator's space stays); NULL prints `NULL`.
pub fn render_vertical(set: &ResultSet) -> String {
    let cells = rendered_cells(set);
    let name_width = set
        .columns
        .iter()
        .map(|c| width_of(&c.name))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (n, row) in cells.iter().enumerate() {
        out.push_str(&format!(
            "*************************** {}. row ***************************\n",
            n + 1
        ));
        for (col, cell) in set.columns.iter().zip(row) {
            pad_to(&mut out, &col.name, name_width, true);
            out.push_str(": ");
            out.push_str(cell);
            out.push('\n');
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Prompt and banner
// ---------------------------------------------------------------------------------------------

/// The obclient ≥ 2.2.7 prompt `obclient(<user>@<tenant>)[<database>]> `, trailing space
/// included (reference §4.4). MySQL mode shows `(none)` without a current database. In
/// Oracle mode the bracket holds the current schema, which obclient reads with
/// `SYS_CONTEXT('USERENV','CURRENT_SCHEMA')` and which defaults to the login user's own schema,
/// so `None` shows the user: `obclient(SYS@oracle_tenant)[SYS]> `. Names are shown as given:
/// pass them as the server reports them (Oracle upper-cases unquoted user names).
pub fn prompt(user: &str, tenant: &str, database: Option<&str>, mode: CompatMode) -> String {
    let db = match (database, mode) {
        (Some(db), _) => db,
        (None, CompatMode::MySql) => "(none)",
        (None, CompatMode::Oracle) => user,
    };
    format!("obclient({user}@{tenant})[{db}]> ")
}

/// The prompt for the next line of an incomplete statement, from the pending text
/// ([`Split::rest`]), as `read_and_execute` in mysql.cc chooses it: `   /*> ` inside a block
/// comment, `    '> ` / `    "> ` / ``    `> `` inside an open quote, `    -> ` otherwise.
pub fn continuation_prompt(rest: &str, mode: CompatMode) -> &'static str {
    match split_with_open(rest, mode).1 {
        Open::None => "    -> ",
        Open::Quote('\'') => "    '> ",
        Open::Quote('"') => "    \"> ",
        Open::Quote(_) => "    `> ",
        Open::Comment => "   /*> ",
    }
}

/// A fixed `@@version_comment` for the simulated observer: the real shape
/// (`OceanBase_CE <version> (r<build>-<commit>) (Built <date>)`) with an obviously synthetic
/// build number and commit, and the date of the 4.3.3 branch the reference was read from.
pub fn server_version_comment(version: &str) -> String {
    format!(
        "OceanBase_CE {version} (r100000000000000000-0000000000000000000000000000000000000000) \
         (Built Oct 28 2024 00:00:00)"
    )
}

/// What obclient prints on connect (`main` in mysql.cc): three `put_info` calls, each adding a
/// newline, so the server version and the copyright are followed by an empty line, then the
/// help hint and another empty line. The copyright years are `OB_WELCOME_COPYRIGHT_NOTICE("2000")`
/// with `COPYRIGHT_NOTICE_CURRENT_YEAR` 2022 (`obclient:include/welcome_copyright_notice.h`).
/// `server_version` is the server's `@@version_comment` (see [`server_version_comment`]).
pub fn welcome_banner(connection_id: u64, server_version: &str) -> String {
    format!(
        "Welcome to the OceanBase.  Commands end with ; or \\g.\n\
         Your OceanBase connection id is {connection_id}\n\
         Server version: {server_version}\n\
         \n\
         Copyright (c) 2000, 2022, OceanBase and/or its affiliates. All rights reserved.\n\
         \n\
         Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\
         \n"
    )
}

// ---------------------------------------------------------------------------------------------
// Input splitting
// ---------------------------------------------------------------------------------------------

/// One statement cut from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputStatement {
    /// The statement without its terminator, comments removed (optimizer hints `/*+ */` and
    /// `/*! */` kept), trimmed.
    pub text: String,
    /// Ended with `\G`.
    pub vertical: bool,
    /// 1-based line of the input where the statement's first character is.
    pub first_line: usize,
}

/// The result of [`split_statements`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub statements: Vec<InputStatement>,
    /// The raw text of an unfinished statement (comments inside it kept, so it can be fed back
    /// with the next line), from its first character; trailing whitespace is trimmed except
    /// inside an open quote, where it is data. Empty when only whitespace and complete comments
    /// follow the last terminator.
    pub rest: String,
}

/// What unfinished text is still inside of (for the continuation prompt).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    None,
    Quote(char),
    Comment,
}

/// Splits typed text the way obclient's `add_line` does in MySQL mode. See
/// [`split_statements_in`].
pub fn split_statements(input: &str) -> Split {
    split_statements_in(input, CompatMode::MySql)
}

/// Splits typed text into statements like obclient's `add_line` (reference §4.4):
///
/// * `;` ends a statement, `\g` too, `\G` ends it for vertical output; only outside quotes and
///   comments. Empty statements (`;;`) are skipped (obclient would print `No query specified`).
/// * Quotes: `'…'`, `"…"`, `` `…` ``; a doubled quote (`'it''s'`) simply closes and reopens.
///   In MySQL mode a backslash escapes the next character inside `'` and `"` strings, never
///   inside backticks; Oracle mode has no backslash escapes.
/// * Comments: `/* … */`; `#` to end of line (MySQL mode only); `--` to end of line when
///   followed by whitespace or the end of input, or when it starts a statement (MySQL mode; in
///   Oracle mode any `--`). Comments are dropped from the statement text (a block comment
///   becomes one space, or its newlines, so line numbers in parse errors stay right);
///   `/*+ … */`, `/*! … */` and `/*M! … */` are server-side and kept verbatim.
/// * Other backslash commands (`\c`, `\q`, …) are not interpreted: `\x` outside a string is kept
///   as two literal characters and, as in obclient, the `x` never opens a quote.
pub fn split_statements_in(input: &str, mode: CompatMode) -> Split {
    split_with_open(input, mode).0
}

fn split_with_open(input: &str, mode: CompatMode) -> (Split, Open) {
    let mut s = Splitter {
        chars: input.char_indices().collect(),
        input,
        mode,
        out: Split::default(),
        buf: String::new(),
        first_line: 1,
        line: 1,
        cur: 0,
        rest_from: 0,
        stmt_from: 0,
    };
    let open = s.run();
    (s.out, open)
}

/// True when the input holds at least one statement and nothing unfinished follows the last
/// terminator: the web console sends the text on Enter only then, otherwise it opens a
/// continuation line like obclient's `    -> `.
pub fn is_complete(input: &str) -> bool {
    is_complete_in(input, CompatMode::MySql)
}

/// [`is_complete`] with the quoting and comment rules of `mode`.
pub fn is_complete_in(input: &str, mode: CompatMode) -> bool {
    let split = split_statements_in(input, mode);
    split.rest.is_empty() && !split.statements.is_empty()
}

struct Splitter<'a> {
    chars: Vec<(usize, char)>,
    input: &'a str,
    mode: CompatMode,
    out: Split,
    /// The statement being collected (comments already removed).
    buf: String,
    /// The line of `buf`'s first character (valid while `buf` is not empty).
    first_line: usize,
    /// The current line, 1-based.
    line: usize,
    /// Index (in `chars`) of the character being processed.
    cur: usize,
    /// Byte offset just after the last terminator.
    rest_from: usize,
    /// Byte offset of `buf`'s first character in the input (valid while `buf` is not empty).
    stmt_from: usize,
}

impl Splitter<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn byte_offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.input.len(), |&(b, _)| b)
    }

    /// Adds a character to the statement, skipping whitespace before its first character.
    fn push(&mut self, c: char) {
        if self.buf.is_empty() {
            if c.is_whitespace() {
                self.count_line(c);
                return;
            }
            self.first_line = self.line;
            self.stmt_from = self.byte_offset(self.cur);
        }
        self.buf.push(c);
        self.count_line(c);
    }

    fn count_line(&mut self, c: char) {
        if c == '\n' {
            self.line += 1;
        }
    }

    /// Ends the statement at a terminator; `next` is the index after the terminator.
    fn finish(&mut self, vertical: bool, next: usize) {
        let text = self.buf.trim();
        if !text.is_empty() {
            self.out.statements.push(InputStatement {
                text: text.to_string(),
                vertical,
                first_line: self.first_line,
            });
        }
        self.buf.clear();
        self.rest_from = self.byte_offset(next);
    }

    /// Splits the whole input; returns what the unfinished rest is still inside of.
    fn run(&mut self) -> Open {
        let mut i = 0;
        let mut open = Open::None;
        while let Some(c) = self.at(i) {
            self.cur = i;
            if let Open::Quote(q) = open {
                self.push(c);
                let escapes = self.mode == CompatMode::MySql && q != '`';
                if c == '\\' && escapes {
                    if let Some(next) = self.at(i + 1) {
                        self.push(next);
                        i += 2;
                        continue;
                    }
                } else if c == q {
                    open = Open::None;
                }
                i += 1;
                continue;
            }
            let next = self.at(i + 1);
            match c {
                ';' => {
                    self.finish(false, i + 1);
                    i += 1;
                }
                '\\' => match next {
                    Some('G') => {
                        self.finish(true, i + 2);
                        i += 2;
                    }
                    Some('g') => {
                        self.finish(false, i + 2);
                        i += 2;
                    }
                    Some(other) => {
                        self.push('\\');
                        self.push(other);
                        i += 2;
                    }
                    None => {
                        self.push('\\');
                        i += 1;
                    }
                },
                '\'' | '"' | '`' => {
                    self.push(c);
                    open = Open::Quote(c);
                    i += 1;
                }
                '#' if self.mode == CompatMode::MySql => i = self.skip_line_comment(i),
                '-' if next == Some('-') && self.dash_comment_starts(i) => {
                    i = self.skip_line_comment(i);
                }
                '/' if next == Some('*') => {
                    let (end, closed) = self.block_comment(i);
                    if !closed {
                        open = Open::Comment;
                    }
                    i = end;
                }
                _ => {
                    self.push(c);
                    i += 1;
                }
            }
        }
        if !self.buf.is_empty() || open != Open::None {
            // An open comment before any statement text keeps the rest from the terminator on.
            let from = if self.buf.is_empty() {
                self.rest_from
            } else {
                self.stmt_from
            };
            let rest = self.input.get(from..).unwrap_or_default().trim_start();
            self.out.rest = match open {
                Open::Quote(_) => rest.to_string(),
                _ => rest.trim_end().to_string(),
            };
        }
        open
    }

    /// Whether `--` at `i` opens a comment: always in Oracle mode; in MySQL mode when a space
    /// (or the end of input) follows, or when it is the first thing of a statement.
    fn dash_comment_starts(&self, i: usize) -> bool {
        self.mode == CompatMode::Oracle
            || self.at(i + 2).is_none_or(char::is_whitespace)
            || self.buf.is_empty()
    }

    /// Skips to the end of the line (the newline itself is kept for the line count and as a
    /// token separator); returns the index of that newline or the end.
    fn skip_line_comment(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(|c| c != '\n') {
            i += 1;
        }
        i
    }

    /// Handles the `/*` at `i`; returns the index after the comment and whether it was closed.
    fn block_comment(&mut self, i: usize) -> (usize, bool) {
        let kept = matches!(self.at(i + 2), Some('!' | '+'))
            || (self.at(i + 2) == Some('M') && self.at(i + 3) == Some('!'));
        let mut j = i + 2;
        let mut closed = false;
        while let Some(c) = self.at(j) {
            if c == '*' && self.at(j + 1) == Some('/') {
                closed = true;
                break;
            }
            j += 1;
        }
        let end = if closed { j + 2 } else { j };
        if kept {
            for k in i..end {
                if let Some(c) = self.at(k) {
                    self.push(c);
                }
            }
        } else {
            let newlines = (i..end).filter(|&k| self.at(k) == Some('\n')).count();
            if newlines == 0 {
                self.push(' ');
            }
            for _ in 0..newlines {
                self.push('\n');
            }
        }
        (end, closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Column, ColumnKind, Value};

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
        let ok = |affected, warnings| Outcome::Ok { affected, warnings };
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
        let specific = ObError::mysql(942, "42S02", "ORA-00942: table or view does not exist");
        assert_eq!(
            error_text(&specific, CompatMode::Oracle),
            "ORA-00942: table or view does not exist"
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
                 Copyright (c) 2000, 2022, OceanBase and/or its affiliates. All rights reserved.\n\
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
        let input = "\n  ALTER SYSTEM\n    SET ha_low_thread_score = 5;\n\nSELECT *\nFROM DBA_OB_TENANTS\n;";
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
        let input =
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///a;b'; SELECT \"x;y\", `c;d` FROM t;";
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
        let input = "SELECT 1 -- not; a terminator\n, 2; # also; not\nSELECT /* ; */ 3;\n/* a;\nb */ SELECT 4;";
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
}
