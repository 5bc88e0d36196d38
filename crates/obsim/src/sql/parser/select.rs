//! SELECT: the select list with aliases, FROM, WHERE, GROUP BY, HAVING, ORDER BY and LIMIT
//! (the expressions themselves are parsed in `expr`).
//!
//! Invariant: the clauses come in MySQL's fixed order, each at most once; every select item
//! keeps its text as typed, which is obclient's column header when there is no alias.

use super::names::is_reserved;
use super::{ParseResult, Parser};
use crate::sql::ast::{OrderByExpr, Select, SelectItem};
use crate::sql::lexer::{Symbol, TokenKind};

impl Parser<'_> {
    pub(super) fn parse_select(&mut self) -> ParseResult<Select> {
        let distinct = self.eat_keyword("DISTINCT");
        if !distinct {
            self.eat_keyword("ALL");
        }
        let projection = self.parse_projection()?;
        let from = if self.eat_keyword("FROM") {
            Some(self.parse_object_name()?)
        } else {
            None
        };
        let selection = if self.eat_keyword("WHERE") {
            Some(self.parse_expr()?)
        } else {
            None
        };
        let group_by = if self.eat_keyword("GROUP") {
            self.expect_keyword("BY")?;
            self.parse_expr_list()?
        } else {
            Vec::new()
        };
        let having = if self.eat_keyword("HAVING") {
            Some(self.parse_expr()?)
        } else {
            None
        };
        let order_by = if self.eat_keyword("ORDER") {
            self.expect_keyword("BY")?;
            self.parse_order_by_list()?
        } else {
            Vec::new()
        };
        let (limit, offset) = if self.eat_keyword("LIMIT") {
            let first = self.expect_integer::<u64>()?;
            if self.eat_symbol(Symbol::Comma) {
                // `LIMIT offset, count`
                let count = self.expect_integer::<u64>()?;
                (Some(count), Some(first))
            } else if self.eat_keyword("OFFSET") {
                (Some(first), Some(self.expect_integer::<u64>()?))
            } else {
                (Some(first), None)
            }
        } else {
            (None, None)
        };
        Ok(Select {
            distinct,
            projection,
            from,
            selection,
            group_by,
            having,
            order_by,
            limit,
            offset,
        })
    }

    /// MySQL accepts a bare `*` only as the first item (`SELECT *, a` but not `SELECT a, *`).
    fn parse_projection(&mut self) -> ParseResult<Vec<SelectItem>> {
        let mut items = Vec::new();
        loop {
            if items.is_empty() && self.eat_symbol(Symbol::Star) {
                items.push(SelectItem::Wildcard);
            } else {
                items.push(self.parse_select_item()?);
            }
            if !self.eat_symbol(Symbol::Comma) {
                return Ok(items);
            }
        }
    }

    fn parse_select_item(&mut self) -> ParseResult<SelectItem> {
        let first = self.pos;
        let expr = self.parse_expr()?;
        let text = self.source_text(first, self.pos);
        let alias = if self.eat_keyword("AS") || self.at_alias() {
            Some(self.parse_alias()?)
        } else {
            None
        };
        Ok(SelectItem::Expr { expr, alias, text })
    }

    fn at_alias(&self) -> bool {
        match self.kind() {
            Some(TokenKind::Word(word)) => !is_reserved(word),
            Some(TokenKind::QuotedIdent(_) | TokenKind::String(_)) => true,
            _ => false,
        }
    }

    fn parse_alias(&mut self) -> ParseResult<String> {
        let alias = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(alias) | TokenKind::String(alias)) => alias.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(alias)
    }

    fn parse_order_by_list(&mut self) -> ParseResult<Vec<OrderByExpr>> {
        let mut items = Vec::new();
        loop {
            let expr = self.parse_expr()?;
            let asc = if self.eat_keyword("DESC") {
                false
            } else {
                self.eat_keyword("ASC");
                true
            };
            items.push(OrderByExpr { expr, asc });
            if !self.eat_symbol(Symbol::Comma) {
                return Ok(items);
            }
        }
    }
}
