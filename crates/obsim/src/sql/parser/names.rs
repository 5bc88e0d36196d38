//! Names: which words are reserved, and the identifier forms built on that (plain and
//! backquoted identifiers, `schema.name`, OceanBase's `relation_name_or_string`).
//!
//! Invariant: an unquoted reserved word is never taken as a name, except right after a `.`
//! (`t.order`, as MySQL allows) and ALL in `relation_name_or_string` (which the grammar itself
//! turns into "all"); that is what lets a clause keyword such as FROM end the list before it.

use super::{ParseResult, Parser};
use crate::sql::ast::ObjectName;
use crate::sql::lexer::{Symbol, TokenKind};

/// MySQL's reserved words that matter here: they can be neither identifiers nor aliases without
/// backquotes, which is what lets `SELECT a FROM t` end the select list at FROM. (`ALL` is
/// reserved in OceanBase too, hence `RESTORE all` being a syntax error.)
const RESERVED_WORDS: &str = "\
    ADD ALL ALTER AND AS ASC BETWEEN BIGINT BINARY BOTH BY CASE CHANGE CHAR CHARACTER CHECK \
    COLLATE COLUMN CONSTRAINT CREATE CROSS CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP \
    CURRENT_USER DATABASE DATABASES DECIMAL DEFAULT DELETE DESC DESCRIBE DISTINCT DIV DROP ELSE \
    EXISTS EXPLAIN FALSE FOR FOREIGN FROM GRANT GROUP HAVING IF IN INDEX INNER INSERT INT \
    INTEGER INTERVAL INTO IS JOIN KEY KEYS LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP MOD NATURAL \
    NOT NULL NUMERIC ON OR ORDER OUTER PARTITION PRIMARY REFERENCES REGEXP RENAME REPLACE RIGHT \
    RLIKE SCHEMA SCHEMAS SELECT SET SHOW TABLE THEN TO TRUE UNION UNIQUE UPDATE USE USING \
    UTC_DATE UTC_TIME UTC_TIMESTAMP VALUES VARCHAR WHEN WHERE WITH XOR";

pub(super) fn is_reserved(word: &str) -> bool {
    is_one_of(word, RESERVED_WORDS)
}

/// `list` is a whitespace-separated word list.
pub(super) fn is_one_of(word: &str, list: &str) -> bool {
    list.split_ascii_whitespace()
        .any(|entry| entry.eq_ignore_ascii_case(word))
}

impl Parser<'_> {
    /// An identifier: a word that is not reserved, or a backquoted name.
    pub(super) fn parse_identifier(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    /// After a `.` MySQL accepts any word, reserved or not (`t.order`).
    pub(super) fn parse_qualified_part(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(name) | TokenKind::QuotedIdent(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    pub(super) fn parse_identifier_list(&mut self) -> ParseResult<Vec<String>> {
        let mut names = vec![self.parse_identifier()?];
        while self.eat_symbol(Symbol::Comma) {
            names.push(self.parse_identifier()?);
        }
        Ok(names)
    }

    /// `name` or `schema.name`.
    pub(super) fn parse_object_name(&mut self) -> ParseResult<ObjectName> {
        let mut parts = vec![self.parse_identifier()?];
        if self.eat_symbol(Symbol::Dot) {
            parts.push(self.parse_qualified_part()?);
        }
        Ok(ObjectName(parts))
    }

    /// OceanBase's `relation_name_or_string`: an identifier, a quoted string, or the reserved
    /// word ALL, which the grammar turns into the name "all".
    pub(super) fn parse_name_or_string(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("ALL") => "all".to_string(),
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name) | TokenKind::String(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }
}
