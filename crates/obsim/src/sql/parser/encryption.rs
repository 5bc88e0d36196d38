//! `SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY` and `SET DECRYPTION IDENTIFIED BY 'pw'[, ...]`,
//! the session statements that give backup and restore their passwords.
//!
//! Invariant: SET is only these two forms here; any other SET (`SET autocommit = 1`) is a 1064
//! at the word after SET. (ALTER SYSTEM SET is parsed in `alter_system`.)

use super::{ParseResult, Parser};
use crate::sql::ast::Statement;
use crate::sql::lexer::Symbol;

impl Parser<'_> {
    pub(super) fn parse_set_password(&mut self) -> ParseResult<Statement> {
        if self.eat_keyword("ENCRYPTION") {
            self.expect_keywords(&["ON", "IDENTIFIED", "BY"])?;
            let password = self.expect_string()?;
            self.expect_keyword("ONLY")?;
            Ok(Statement::SetEncryption { password })
        } else if self.eat_keyword("DECRYPTION") {
            self.expect_keywords(&["IDENTIFIED", "BY"])?;
            let mut passwords = vec![self.expect_string()?];
            while self.eat_symbol(Symbol::Comma) {
                passwords.push(self.expect_string()?);
            }
            Ok(Statement::SetDecryption { passwords })
        } else {
            Err(self.error())
        }
    }
}
