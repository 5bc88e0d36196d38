//! DDL: CREATE DATABASE / SCHEMA, CREATE TABLE with its column definitions and PRIMARY KEY,
//! DROP DATABASE / SCHEMA and DROP TABLE. (TRUNCATE is a single name, taken in the dispatch.)
//!
//! Invariant: only the column types the simulator stores are accepted (a 1064 at the type
//! otherwise); table and database options are accepted and ignored, as they change nothing
//! the simulator models.

use super::{ParseResult, Parser};
use crate::sql::ast::{ColumnDef, CreateTable, Literal, Statement};
use crate::sql::lexer::{Symbol, TokenKind};
use crate::value::ColType;

impl Parser<'_> {
    fn parse_if_not_exists(&mut self) -> ParseResult<bool> {
        if self.eat_keyword("IF") {
            self.expect_keywords(&["NOT", "EXISTS"])?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn parse_if_exists(&mut self) -> ParseResult<bool> {
        if self.eat_keyword("IF") {
            self.expect_keyword("EXISTS")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(super) fn parse_create(&mut self) -> ParseResult<Statement> {
        if self.eat_keyword("RESOURCE") {
            return self.parse_create_resource();
        }
        if self.eat_keyword("DATABASE") || self.eat_keyword("SCHEMA") {
            let if_not_exists = self.parse_if_not_exists()?;
            let name = self.parse_identifier()?;
            self.skip_ignored_options()?;
            return Ok(Statement::CreateDatabase {
                name,
                if_not_exists,
            });
        }
        self.expect_keyword("TABLE")?;
        let if_not_exists = self.parse_if_not_exists()?;
        let name = self.parse_object_name()?;
        self.expect_symbol(Symbol::LeftParen)?;
        let mut columns = Vec::new();
        let mut primary_key = Vec::new();
        loop {
            if self.eat_keyword("PRIMARY") {
                self.expect_keyword("KEY")?;
                self.expect_symbol(Symbol::LeftParen)?;
                primary_key.extend(self.parse_identifier_list()?);
                self.expect_symbol(Symbol::RightParen)?;
            } else {
                let (column, inline_primary_key) = self.parse_column_def()?;
                if inline_primary_key {
                    primary_key.push(column.name.clone());
                }
                columns.push(column);
            }
            if !self.eat_symbol(Symbol::Comma) {
                break;
            }
        }
        self.expect_symbol(Symbol::RightParen)?;
        self.skip_ignored_options()?;
        Ok(Statement::CreateTable(CreateTable {
            name,
            if_not_exists,
            columns,
            primary_key,
        }))
    }

    /// `name type [NOT NULL | NULL] [DEFAULT literal] [PRIMARY KEY] [COMMENT 'x']`, attributes
    /// in any order as MySQL allows; the flag tells whether PRIMARY KEY was given inline.
    fn parse_column_def(&mut self) -> ParseResult<(ColumnDef, bool)> {
        let name = self.parse_identifier()?;
        let data_type = self.parse_data_type()?;
        let mut not_null = false;
        let mut default = None;
        let mut primary_key = false;
        loop {
            if self.eat_keyword("NOT") {
                self.expect_keyword("NULL")?;
                not_null = true;
            } else if self.eat_keyword("NULL") {
                not_null = false;
            } else if self.eat_keyword("DEFAULT") {
                default = Some(self.parse_default_literal()?);
            } else if self.eat_keyword("PRIMARY") {
                self.expect_keyword("KEY")?;
                primary_key = true;
            } else if self.eat_keyword("COMMENT") {
                self.expect_string()?;
            } else {
                break;
            }
        }
        let column = ColumnDef {
            name,
            data_type,
            not_null,
            default,
        };
        Ok((column, primary_key))
    }

    fn parse_default_literal(&mut self) -> ParseResult<Literal> {
        let literal = match self.kind() {
            Some(TokenKind::String(text)) => Literal::String(text.clone()),
            Some(TokenKind::Number(text)) => Literal::Number(text.clone()),
            Some(TokenKind::Symbol(Symbol::Minus)) => {
                self.advance();
                return match self.kind() {
                    Some(TokenKind::Number(text)) => {
                        let negative = format!("-{text}");
                        self.advance();
                        Ok(Literal::Number(negative))
                    }
                    _ => Err(self.error()),
                };
            }
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("NULL") => Literal::Null,
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("TRUE") => Literal::Bool(true),
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("FALSE") => {
                Literal::Bool(false)
            }
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(literal)
    }

    fn parse_data_type(&mut self) -> ParseResult<ColType> {
        let type_index = self.pos;
        let Some(word) = self.word_upper() else {
            return Err(self.error());
        };
        self.advance();
        match word.as_str() {
            "INT" | "INTEGER" => {
                self.skip_optional_width()?;
                Ok(ColType::Int)
            }
            "BIGINT" => {
                self.skip_optional_width()?;
                Ok(ColType::BigInt)
            }
            "DECIMAL" | "NUMBER" | "NUMERIC" => {
                if !self.eat_symbol(Symbol::LeftParen) {
                    return Ok(ColType::Decimal(10, 0));
                }
                let precision = self.expect_integer::<u8>()?;
                let scale = if self.eat_symbol(Symbol::Comma) {
                    self.expect_integer::<u8>()?
                } else {
                    0
                };
                self.expect_symbol(Symbol::RightParen)?;
                Ok(ColType::Decimal(precision, scale))
            }
            "VARCHAR" | "VARCHAR2" => {
                self.expect_symbol(Symbol::LeftParen)?;
                let length = self.expect_integer::<u32>()?;
                self.expect_symbol(Symbol::RightParen)?;
                Ok(ColType::Varchar(length))
            }
            "CHAR" => {
                let length = if self.eat_symbol(Symbol::LeftParen) {
                    let length = self.expect_integer::<u32>()?;
                    self.expect_symbol(Symbol::RightParen)?;
                    length
                } else {
                    1
                };
                Ok(ColType::Varchar(length))
            }
            "DATETIME" | "TIMESTAMP" => {
                self.skip_optional_width()?;
                Ok(ColType::DateTime)
            }
            "DATE" => Ok(ColType::DateTime),
            _ => Err(self.error_at(type_index)),
        }
    }

    /// `INT(11)` display widths and `DATETIME(6)` precisions change nothing here.
    fn skip_optional_width(&mut self) -> ParseResult<()> {
        if self.eat_symbol(Symbol::LeftParen) {
            self.expect_integer::<u32>()?;
            self.expect_symbol(Symbol::RightParen)?;
        }
        Ok(())
    }

    /// Table and database options (`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`, `CHARACTER SET
    /// utf8`, `COMMENT 'x'`, OceanBase's `REPLICA_NUM = 1` ...) are accepted and ignored:
    /// each is one or more words, an optional `=`, and a value.
    fn skip_ignored_options(&mut self) -> ParseResult<()> {
        while !self.at_end() {
            let mut words = 0;
            while matches!(self.kind(), Some(TokenKind::Word(_))) {
                self.advance();
                words += 1;
            }
            if words == 0 {
                return Err(self.error());
            }
            let explicit_value = self.eat_symbol(Symbol::Eq);
            let value_follows = matches!(
                self.kind(),
                Some(
                    TokenKind::Word(_)
                        | TokenKind::String(_)
                        | TokenKind::Number(_)
                        | TokenKind::QuotedIdent(_)
                )
            );
            if value_follows {
                self.advance();
            } else if explicit_value || words < 2 {
                return Err(self.error());
            }
            self.eat_symbol(Symbol::Comma);
        }
        Ok(())
    }

    pub(super) fn parse_drop(&mut self) -> ParseResult<Statement> {
        if self.eat_keyword("RESOURCE") {
            return self.parse_drop_resource();
        }
        if self.eat_keyword("DATABASE") || self.eat_keyword("SCHEMA") {
            let if_exists = self.parse_if_exists()?;
            let name = self.parse_identifier()?;
            return Ok(Statement::DropDatabase { name, if_exists });
        }
        self.expect_keyword("TABLE")?;
        let if_exists = self.parse_if_exists()?;
        let mut names = vec![self.parse_object_name()?];
        while self.eat_symbol(Symbol::Comma) {
            names.push(self.parse_object_name()?);
        }
        Ok(Statement::DropTable { names, if_exists })
    }
}
