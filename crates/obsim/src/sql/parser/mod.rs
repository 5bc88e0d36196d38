//! The SQL parser: one statement's text to the [`ast`](super::ast), following OceanBase's MySQL
//! mode grammar (`sql_parser_mysql_mode.y`, reference §1) for the backup statements and a small
//! MySQL subset for the queries and user-data statements around them.
//!
//! Statements are parsed by recursive descent, expressions by an operator-precedence loop with
//! an explicit stack. Either way a syntax error is reported at the first token that cannot
//! continue a valid statement, which is where bison reports it too, so the 1064 text matches
//! OceanBase's (`near '<rest of statement>' at line <n>`, reference §4.2).
//!
//! Nothing here may panic or exhaust the stack on any input (the parser runs in wasm and is
//! fuzzed): tokens are read with `get`, text with `str::get`, no statement rule recurses, and
//! expression trees are capped in height.
//!
//! This file holds the entry point, the `Parser` cursor every rule reads tokens through, the
//! one place a 1064 is built, and the dispatch on a statement's first word. The rules are
//! methods of `Parser` in one file per family: `alter_system` (ALTER SYSTEM), `select`,
//! `expr` (expressions), `ddl` (CREATE / DROP), `resource` (CREATE / DROP / ALTER RESOURCE UNIT |
//! POOL), `dml` (INSERT / UPDATE / DELETE), `show`, `encryption` (SET ENCRYPTION / DECRYPTION),
//! and `names` (identifiers and reserved words).
//! Invariant: every syntax error comes from `Parser::error` or `Parser::error_at`, so its
//! text is always OceanBase's.

mod alter_system;
mod ddl;
mod dml;
mod encryption;
mod expr;
mod names;
mod recover_table;
mod resource;
mod select;
mod show;
#[cfg(test)]
mod tests;

pub use expr::MAX_EXPRESSION_DEPTH;

use super::ast::Statement;
use super::lexer::{Symbol, Token, TokenKind, is_blank, tokenize};
use crate::error::ObError;

/// OceanBase cuts the `near '...'` text to this many bytes.
const NEAR_TEXT_LIMIT: usize = 80;

type ParseResult<T> = Result<T, ObError>;

/// Parses one statement (the client has already split the input; one trailing `;` is allowed).
pub fn parse_statement(sql: &str) -> Result<Statement, ObError> {
    let mut tokens = tokenize(sql);
    // A DOUBLE literal out of range is refused while lexing, as MySQL does (`1e400`).
    for t in &tokens {
        if let TokenKind::Number(text) = &t.kind
            && text.bytes().any(|b| b == b'e' || b == b'E')
            && crate::num::parse_f64(text).is_none_or(|v| !v.is_finite())
        {
            return Err(ObError::illegal_double(text));
        }
    }
    let mut statement_end = sql.trim_end_matches(is_blank).len();
    if let Some(Token {
        kind: TokenKind::Symbol(Symbol::Semicolon),
        start,
        ..
    }) = tokens.last()
    {
        statement_end = sql
            .get(..*start)
            .unwrap_or_default()
            .trim_end_matches(is_blank)
            .len();
        tokens.pop();
    }
    let mut parser = Parser {
        sql,
        tokens,
        pos: 0,
        statement_end,
    };
    let statement = parser.parse_statement()?;
    parser.expect_end()?;
    Ok(statement)
}

/// The `near` text of a 1064: from `start` to the end of the statement, at most 80 bytes and
/// never ending inside a multibyte character.
fn near_text(sql: &str, start: usize, end: usize) -> &str {
    let text = sql.get(start..end).unwrap_or_default();
    let mut cut = text.len().min(NEAR_TEXT_LIMIT);
    while !text.is_char_boundary(cut) {
        cut = cut.saturating_sub(1);
    }
    text.get(..cut).unwrap_or_default()
}

struct Parser<'a> {
    sql: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    /// Byte offset where the statement ends (before trailing blanks and the `;`).
    statement_end: usize,
}

impl Parser<'_> {
    // ----- token access -------------------------------------------------------------------

    fn kind_at(&self, ahead: usize) -> Option<&TokenKind> {
        self.tokens
            .get(self.pos.saturating_add(ahead))
            .map(|token| &token.kind)
    }

    fn kind(&self) -> Option<&TokenKind> {
        self.kind_at(0)
    }

    fn advance(&mut self) {
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// The current token if it is an unquoted word, upper-cased for matching keywords.
    fn word_upper(&self) -> Option<String> {
        match self.kind() {
            Some(TokenKind::Word(word)) => Some(word.to_ascii_uppercase()),
            _ => None,
        }
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.kind(), Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case(keyword))
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let found = self.at_keyword(keyword);
        if found {
            self.advance();
        }
        found
    }

    fn expect_keyword(&mut self, keyword: &str) -> ParseResult<()> {
        if self.eat_keyword(keyword) {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn expect_keywords(&mut self, keywords: &[&str]) -> ParseResult<()> {
        keywords
            .iter()
            .try_for_each(|keyword| self.expect_keyword(keyword))
    }

    fn at_symbol(&self, symbol: Symbol) -> bool {
        self.kind() == Some(&TokenKind::Symbol(symbol))
    }

    fn eat_symbol(&mut self, symbol: Symbol) -> bool {
        let found = self.at_symbol(symbol);
        if found {
            self.advance();
        }
        found
    }

    fn expect_symbol(&mut self, symbol: Symbol) -> ParseResult<()> {
        if self.eat_symbol(symbol) {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// OceanBase's `opt_equal_mark`.
    fn skip_optional_equals(&mut self) {
        self.eat_symbol(Symbol::Eq);
    }

    fn expect_end(&self) -> ParseResult<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    // ----- errors -------------------------------------------------------------------------

    /// A 1064 at the current token (or at the end of the statement).
    fn error(&self) -> ObError {
        self.error_at(self.pos)
    }

    fn error_at(&self, index: usize) -> ObError {
        match self.tokens.get(index) {
            Some(token) => ObError::parse(
                near_text(self.sql, token.start, self.statement_end),
                token.line,
            ),
            None => ObError::parse("", self.end_line()),
        }
    }

    fn end_line(&self) -> usize {
        let before_end = self.sql.get(..self.statement_end).unwrap_or_default();
        1 + before_end.bytes().filter(|&byte| byte == b'\n').count()
    }

    // ----- small building blocks -----------------------------------------------------------

    fn expect_string(&mut self) -> ParseResult<String> {
        match self.kind() {
            Some(TokenKind::String(value)) => {
                let value = value.clone();
                self.advance();
                Ok(value)
            }
            _ => Err(self.error()),
        }
    }

    /// An unsigned integer literal (OceanBase's INTNUM) that fits `T`.
    fn expect_integer<T: std::str::FromStr>(&mut self) -> ParseResult<T> {
        let parsed = match self.kind() {
            Some(TokenKind::Number(text)) if text.bytes().all(|byte| byte.is_ascii_digit()) => {
                text.parse::<T>().ok()
            }
            _ => None,
        };
        match parsed {
            Some(value) => {
                self.advance();
                Ok(value)
            }
            None => Err(self.error()),
        }
    }

    /// The exact source text of tokens `first..end` (comments between them included).
    fn source_text(&self, first: usize, end: usize) -> String {
        let start = self.tokens.get(first).map(|token| token.start);
        let stop = end
            .checked_sub(1)
            .and_then(|last| self.tokens.get(last))
            .map(|token| token.end);
        match (start, stop) {
            (Some(start), Some(stop)) => self
                .sql
                .get(start..stop)
                .unwrap_or_default()
                .trim()
                .to_string(),
            _ => String::new(),
        }
    }

    // ----- statements ---------------------------------------------------------------------

    fn parse_statement(&mut self) -> ParseResult<Statement> {
        let Some(word) = self.word_upper() else {
            return Err(self.error());
        };
        match word.as_str() {
            "ALTER" => {
                self.advance();
                if self.eat_keyword("RESOURCE") {
                    return self.parse_alter_resource();
                }
                self.expect_keyword("SYSTEM")?;
                self.parse_alter_system().map(Statement::AlterSystem)
            }
            "SET" => {
                self.advance();
                self.parse_set_password()
            }
            "SELECT" => {
                self.advance();
                Ok(Statement::Select(Box::new(self.parse_select()?)))
            }
            "SHOW" => {
                self.advance();
                self.parse_show().map(Statement::Show)
            }
            "DESC" | "DESCRIBE" => {
                self.advance();
                let name = self.parse_object_name()?;
                Ok(Statement::Describe { name })
            }
            "USE" => {
                self.advance();
                let database = self.parse_identifier()?;
                Ok(Statement::Use { database })
            }
            "CREATE" => {
                self.advance();
                self.parse_create()
            }
            "DROP" => {
                self.advance();
                self.parse_drop()
            }
            "TRUNCATE" => {
                self.advance();
                self.eat_keyword("TABLE");
                let name = self.parse_object_name()?;
                Ok(Statement::TruncateTable { name })
            }
            "INSERT" => {
                self.advance();
                self.parse_insert().map(Statement::Insert)
            }
            "UPDATE" => {
                self.advance();
                self.parse_update().map(Statement::Update)
            }
            "DELETE" => {
                self.advance();
                self.parse_delete().map(Statement::Delete)
            }
            _ => Err(self.error()),
        }
    }
}
