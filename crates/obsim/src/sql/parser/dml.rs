//! DML: INSERT [INTO] t [(columns)] VALUES (...)[, ...], UPDATE t SET c = e[, ...] [WHERE ...]
//! and DELETE FROM t [WHERE ...].
//!
//! Invariant: the statements take one table and no other clauses (no LIMIT, ORDER BY or
//! INSERT ... SELECT); anything else is a 1064 where it starts.

use super::{ParseResult, Parser};
use crate::sql::ast::{Delete, Expr, Insert, Update};
use crate::sql::lexer::Symbol;

impl Parser<'_> {
    pub(super) fn parse_insert(&mut self) -> ParseResult<Insert> {
        self.eat_keyword("INTO");
        let table = self.parse_object_name()?;
        let mut columns = Vec::new();
        if self.eat_symbol(Symbol::LeftParen) {
            if !self.at_symbol(Symbol::RightParen) {
                columns = self.parse_identifier_list()?;
            }
            self.expect_symbol(Symbol::RightParen)?;
        }
        if !(self.eat_keyword("VALUES") || self.eat_keyword("VALUE")) {
            return Err(self.error());
        }
        let mut rows = Vec::new();
        loop {
            self.expect_symbol(Symbol::LeftParen)?;
            // `VALUES ()` inserts a row of defaults.
            let row = if self.at_symbol(Symbol::RightParen) {
                Vec::new()
            } else {
                self.parse_expr_list()?
            };
            self.expect_symbol(Symbol::RightParen)?;
            rows.push(row);
            if !self.eat_symbol(Symbol::Comma) {
                break;
            }
        }
        Ok(Insert {
            table,
            columns,
            rows,
        })
    }

    pub(super) fn parse_update(&mut self) -> ParseResult<Update> {
        let table = self.parse_object_name()?;
        self.expect_keyword("SET")?;
        let mut assignments = Vec::new();
        loop {
            let column = self.parse_identifier()?;
            self.expect_symbol(Symbol::Eq)?;
            let value = self.parse_expr()?;
            assignments.push((column, value));
            if !self.eat_symbol(Symbol::Comma) {
                break;
            }
        }
        let selection = self.parse_optional_where()?;
        Ok(Update {
            table,
            assignments,
            selection,
        })
    }

    pub(super) fn parse_delete(&mut self) -> ParseResult<Delete> {
        self.expect_keyword("FROM")?;
        let table = self.parse_object_name()?;
        let selection = self.parse_optional_where()?;
        Ok(Delete { table, selection })
    }

    fn parse_optional_where(&mut self) -> ParseResult<Option<Expr>> {
        if self.eat_keyword("WHERE") {
            self.parse_expr().map(Some)
        } else {
            Ok(None)
        }
    }
}
