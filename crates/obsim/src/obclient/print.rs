//! What obclient prints for one statement: the summary lines of `com_go`, result sets as the
//! bordered table of `print_table_data` or the `\G` layout of `print_table_data_vertically`,
//! errors as `put_info` shows them (with the Oracle-mode texts), and elapsed time as `nice_time`.
//!
//! Invariant: a printer and nothing else — it reads only the SQL layer's [`Outcome`] and the
//! elapsed time it is given, decides nothing and never panics on a malformed result set.

use crate::compat::CompatMode;
use crate::error::ObError;
use crate::sql::outcome::Outcome;
use crate::value::ResultSet;

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
        Outcome::Ok {
            affected,
            warnings,
            info,
        } => {
            let mut s = format!("Query OK, {}", count_of(*affected, "row"));
            s.push_str(" affected");
            push_warnings(&mut s, *warnings);
            // obclient prints `mysql_info()` on its own line after the OK line, then the blank.
            match info {
                Some(info) => format!("{s} ({time})\n{info}\n\n"),
                None => format!("{s} ({time})\n\n"),
            }
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
pub(super) fn looks_like_oracle_message(s: &str) -> bool {
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
