//! CREATE / DROP / ALTER RESOURCE UNIT and RESOURCE POOL (`create_resource_stmt`,
//! `drop_resource_stmt`, `alter_resource_stmt`, R§2.1): options separated by commas, `=`
//! optional, zone names quoted with an optional comma between them.
//!
//! Invariant: an option the grammar does not know is a 1064 at that option (so `MIN_MEMORY='1G'`
//! reads `near 'MIN_MEMORY='1G''`, as R§2.2 shows); values are kept as typed for the resolver.

use super::names::is_reserved;
use super::{ParseResult, Parser};
use crate::sql::ast::{Literal, PoolOption, ResourceStmt, Statement};
use crate::sql::lexer::{Symbol, TokenKind};

/// The options of a resource unit (`unit_option`).
const UNIT_OPTIONS: [&str; 10] = [
    "MAX_CPU",
    "MIN_CPU",
    "MEMORY_SIZE",
    "LOG_DISK_SIZE",
    "DATA_DISK_SIZE",
    "MAX_IOPS",
    "MIN_IOPS",
    "IOPS_WEIGHT",
    "MAX_NET_BANDWIDTH",
    "NET_BANDWIDTH_WEIGHT",
];

impl Parser<'_> {
    /// After `CREATE RESOURCE`.
    pub(super) fn parse_create_resource(&mut self) -> ParseResult<Statement> {
        let unit = if self.eat_keyword("UNIT") {
            true
        } else {
            self.expect_keyword("POOL")?;
            false
        };
        let if_not_exists = if self.eat_keyword("IF") {
            self.expect_keywords(&["NOT", "EXISTS"])?;
            true
        } else {
            false
        };
        let name = self.parse_resource_name()?;
        let stmt = if unit {
            let mut options = vec![self.parse_unit_option()?];
            while self.eat_symbol(Symbol::Comma) {
                options.push(self.parse_unit_option()?);
            }
            ResourceStmt::CreateUnit {
                name,
                if_not_exists,
                options,
            }
        } else {
            let mut options = vec![self.parse_pool_option()?];
            while self.eat_symbol(Symbol::Comma) {
                options.push(self.parse_pool_option()?);
            }
            ResourceStmt::CreatePool {
                name,
                if_not_exists,
                options,
            }
        };
        Ok(Statement::Resource(stmt))
    }

    /// After `DROP RESOURCE`.
    pub(super) fn parse_drop_resource(&mut self) -> ParseResult<Statement> {
        let unit = if self.eat_keyword("UNIT") {
            true
        } else {
            self.expect_keyword("POOL")?;
            false
        };
        let if_exists = if self.eat_keyword("IF") {
            self.expect_keyword("EXISTS")?;
            true
        } else {
            false
        };
        let name = self.parse_resource_name()?;
        Ok(Statement::Resource(if unit {
            ResourceStmt::DropUnit { name, if_exists }
        } else {
            ResourceStmt::DropPool { name, if_exists }
        }))
    }

    /// After `ALTER RESOURCE`: `UNIT relation_name [option [, option ...]]` (the grammar allows
    /// no option at all) or `POOL relation_name option [, option ...]`, whose options are
    /// UNIT, UNIT_NUM (with an optional `DELETE UNIT = (id, ...)`) and ZONE_LIST.
    pub(super) fn parse_alter_resource(&mut self) -> ParseResult<Statement> {
        let unit = if self.eat_keyword("UNIT") {
            true
        } else {
            self.expect_keyword("POOL")?;
            false
        };
        let name = self.parse_relation_name()?;
        if unit {
            let mut options = Vec::new();
            if self.kind().is_some() {
                options.push(self.parse_unit_option()?);
                while self.eat_symbol(Symbol::Comma) {
                    options.push(self.parse_unit_option()?);
                }
            }
            return Ok(Statement::Resource(ResourceStmt::AlterUnit {
                name,
                options,
            }));
        }
        let mut options = vec![self.parse_alter_pool_option()?];
        while self.eat_symbol(Symbol::Comma) {
            options.push(self.parse_alter_pool_option()?);
        }
        Ok(Statement::Resource(ResourceStmt::AlterPool {
            name,
            options,
        }))
    }

    fn parse_alter_pool_option(&mut self) -> ParseResult<PoolOption> {
        match self.word_upper().as_deref() {
            Some("UNIT" | "ZONE_LIST") => self.parse_pool_option(),
            Some("UNIT_NUM") => {
                let option = self.parse_pool_option()?;
                // `DELETE UNIT = (id, ...)`: which units go when the count shrinks; the
                // simulator has one unit per zone and pool, so the list changes nothing.
                if self.eat_keyword("DELETE") {
                    self.expect_keyword("UNIT")?;
                    self.skip_optional_equals();
                    self.expect_symbol(Symbol::LeftParen)?;
                    self.expect_integer::<u64>()?;
                    while self.eat_symbol(Symbol::Comma) {
                        self.expect_integer::<u64>()?;
                    }
                    self.expect_symbol(Symbol::RightParen)?;
                }
                Ok(option)
            }
            _ => Err(self.error()),
        }
    }

    /// `relation_name`: an identifier, not a string (ALTER's names).
    fn parse_relation_name(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    /// `relation_name_or_string`: a unit or pool name.
    fn parse_resource_name(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name) | TokenKind::String(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    fn parse_unit_option(&mut self) -> ParseResult<(String, Literal)> {
        let option = match self.word_upper() {
            Some(word) if UNIT_OPTIONS.contains(&word.as_str()) => word,
            _ => return Err(self.error()),
        };
        self.advance();
        self.skip_optional_equals();
        let value = match self.kind() {
            Some(TokenKind::Number(text)) => Literal::Number(text.clone()),
            Some(TokenKind::String(text)) => Literal::String(text.clone()),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok((option, value))
    }

    fn parse_pool_option(&mut self) -> ParseResult<PoolOption> {
        let word = self.word_upper();
        match word.as_deref() {
            Some("UNIT") => {
                self.advance();
                self.skip_optional_equals();
                self.parse_resource_name().map(PoolOption::Unit)
            }
            Some("UNIT_NUM") => {
                self.advance();
                self.skip_optional_equals();
                self.expect_integer::<u64>().map(PoolOption::UnitNum)
            }
            Some("ZONE_LIST") => {
                self.advance();
                self.skip_optional_equals();
                self.expect_symbol(Symbol::LeftParen)?;
                let mut zones = vec![self.expect_string()?];
                loop {
                    self.eat_symbol(Symbol::Comma);
                    if matches!(self.kind(), Some(TokenKind::String(_))) {
                        zones.push(self.expect_string()?);
                    } else {
                        break;
                    }
                }
                self.expect_symbol(Symbol::RightParen)?;
                Ok(PoolOption::ZoneList(zones))
            }
            Some("REPLICA_TYPE") => {
                self.advance();
                self.skip_optional_equals();
                let kind = match self.kind() {
                    Some(TokenKind::String(text) | TokenKind::Word(text)) => text.clone(),
                    _ => return Err(self.error()),
                };
                self.advance();
                Ok(PoolOption::ReplicaType(kind))
            }
            _ => Err(self.error()),
        }
    }
}
