//! How obclient cuts typed text into statements (`add_line` in mysql.cc, reference §4.4):
//! terminators, quotes, comments and backslash escapes by compatibility mode.
//!
//! Invariant: splitting never panics on any input (it walks characters and slices only at their
//! boundaries); a statement ends only at a terminator outside quotes and comments, and `rest` is a
//! slice of the input, so feeding it back with the next line splits the same way.

use crate::compat::CompatMode;

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
pub(super) enum Open {
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

pub(super) fn split_with_open(input: &str, mode: CompatMode) -> (Split, Open) {
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
/// terminator, with the quoting and comment rules of `mode`: the web console sends the text on
/// Enter only then, otherwise it opens a continuation line like obclient's `    -> `.
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
