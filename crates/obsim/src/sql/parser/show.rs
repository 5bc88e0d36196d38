//! SHOW PARAMETERS [LIKE 'p'] [TENANT = t], SHOW TENANTS, SHOW DATABASES / SCHEMAS, SHOW TABLES
//! [FROM db], SHOW CREATE TABLE and SHOW RESTORE PREVIEW.
//!
//! Invariant: only these forms parse; any other word after SHOW is a 1064 at that word.

use super::{ParseResult, Parser};
use crate::sql::ast::Show;

impl Parser<'_> {
    pub(super) fn parse_show(&mut self) -> ParseResult<Show> {
        let word = self.word_upper();
        let show = match word.as_deref() {
            Some("PARAMETERS") => {
                self.advance();
                let like = if self.eat_keyword("LIKE") {
                    Some(self.expect_string()?)
                } else {
                    None
                };
                let tenant = self.parse_optional_single_tenant()?;
                return Ok(Show::Parameters { like, tenant });
            }
            Some("TENANTS") => Show::Tenants,
            Some("DATABASES" | "SCHEMAS") => Show::Databases,
            Some("TABLES") => {
                self.advance();
                let database = if self.eat_keyword("FROM") || self.eat_keyword("IN") {
                    Some(self.parse_identifier()?)
                } else {
                    None
                };
                return Ok(Show::Tables { database });
            }
            Some("RESTORE") => {
                self.advance();
                self.expect_keyword("PREVIEW")?;
                return Ok(Show::RestorePreview);
            }
            Some("CREATE") => {
                self.advance();
                self.expect_keyword("TABLE")?;
                let name = self.parse_object_name()?;
                return Ok(Show::CreateTable { name });
            }
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(show)
    }
}
