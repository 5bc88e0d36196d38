//! `ALTER SYSTEM RECOVER TABLE …` (R§12.1): the recover list, the target tenant, the restore
//! clauses RESTORE has (FROM, UNTIL, WITH, ENCRYPTED BY, WITH KEY FROM) and the REMAP lists.
//!
//! Invariant: clauses come in the grammar's order (`TO` and `WITH` mandatory), so a clause out
//! of place is a 1064 at that clause.

use super::{ParseResult, Parser};
use crate::sql::ast::{AlterSystem, RecoverItem, RecoverTable, RemapItem};
use crate::sql::lexer::{Symbol, TokenKind};

impl Parser<'_> {
    /// After `RECOVER`, at `TABLE`.
    pub(super) fn parse_recover_table(&mut self) -> ParseResult<AlterSystem> {
        self.expect_keyword("TABLE")?;
        let mut items = vec![self.parse_recover_item()?];
        while self.eat_symbol(Symbol::Comma) {
            items.push(self.parse_recover_item()?);
        }
        self.expect_keyword("TO")?;
        if self.eat_keyword("TENANT") {
            self.skip_optional_equals();
        }
        let tenant = self.parse_name_or_string()?;
        let from = if self.eat_keyword("FROM") {
            Some(self.expect_string()?)
        } else {
            None
        };
        let until = self.parse_optional_until()?;
        self.expect_keyword("WITH")?;
        let with = self.expect_string()?;
        let encrypted_by = self.parse_optional_encrypted_by()?;
        let key_from = if self.at_keyword("WITH") {
            self.advance();
            self.expect_keywords(&["KEY", "FROM"])?;
            let path = self.expect_string()?;
            Some((path, self.parse_optional_encrypted_by()?))
        } else {
            None
        };
        let (mut remap_tables, mut remap_tablegroups, mut remap_tablespaces) =
            (Vec::new(), Vec::new(), Vec::new());
        // The three REMAP lists, each at most once, in this order.
        let mut stage = 0;
        while self.eat_keyword("REMAP") {
            if stage < 1 && self.eat_keyword("TABLE") {
                remap_tables.push(self.parse_remap_table()?);
                while self.eat_symbol(Symbol::Comma) {
                    remap_tables.push(self.parse_remap_table()?);
                }
                stage = 1;
            } else if stage < 2 && self.eat_keyword("TABLEGROUP") {
                remap_tablegroups = self.parse_remap_pairs()?;
                stage = 2;
            } else if stage < 3 && self.eat_keyword("TABLESPACE") {
                remap_tablespaces = self.parse_remap_pairs()?;
                stage = 3;
            } else {
                return Err(self.error());
            }
        }
        let description = self.parse_optional_description()?;
        Ok(AlterSystem::RecoverTable(RecoverTable {
            items,
            tenant,
            from,
            until,
            with,
            encrypted_by,
            key_from,
            remap_tables,
            remap_tablegroups,
            remap_tablespaces,
            description,
        }))
    }

    /// A name or `*` (bare or backquoted): None for `*`.
    fn parse_name_or_star(&mut self) -> ParseResult<Option<String>> {
        if self.eat_symbol(Symbol::Star) {
            return Ok(None);
        }
        if let Some(TokenKind::QuotedIdent(name)) = self.kind()
            && name == "*"
        {
            self.advance();
            return Ok(None);
        }
        self.parse_qualified_part().map(Some)
    }

    /// `db.t [PARTITION (p[, p ...])]`, `db.*`, `*.*`.
    fn parse_recover_item(&mut self) -> ParseResult<RecoverItem> {
        let db = self.parse_name_or_star()?;
        self.expect_symbol(Symbol::Dot)?;
        let table = self.parse_name_or_star()?;
        let mut partitions = Vec::new();
        if self.eat_keyword("PARTITION") {
            self.expect_symbol(Symbol::LeftParen)?;
            partitions.push(self.parse_identifier()?);
            while self.eat_symbol(Symbol::Comma) {
                partitions.push(self.parse_identifier()?);
            }
            self.expect_symbol(Symbol::RightParen)?;
        }
        Ok(RecoverItem {
            db,
            table,
            partitions,
        })
    }

    /// `db.t:t2`, `db.t:db2.t2`, `` db.`*`:db2.`*` ``.
    fn parse_remap_table(&mut self) -> ParseResult<RemapItem> {
        let src_db = self.parse_qualified_part()?;
        self.expect_symbol(Symbol::Dot)?;
        let src_table = self.parse_name_or_star()?;
        self.expect_symbol(Symbol::Colon)?;
        let first = self.parse_name_or_star()?;
        let (dst_db, dst_table) = if self.eat_symbol(Symbol::Dot) {
            (first, self.parse_name_or_star()?)
        } else {
            (None, first)
        };
        Ok(RemapItem {
            src_db,
            src_table,
            dst_db,
            dst_table,
        })
    }

    /// `a:b[, c:d ...]` (tablegroups, tablespaces).
    fn parse_remap_pairs(&mut self) -> ParseResult<Vec<(String, String)>> {
        let mut pairs = Vec::new();
        loop {
            let a = self.parse_qualified_part()?;
            self.expect_symbol(Symbol::Colon)?;
            let b = self.parse_qualified_part()?;
            pairs.push((a, b));
            if !self.eat_symbol(Symbol::Comma) {
                return Ok(pairs);
            }
        }
    }
}
