//! ALTER SYSTEM: BACKUP, CANCEL, ARCHIVELOG / NOARCHIVELOG, SET of parameters, ADD / DROP DELETE
//! BACKUP POLICY, RESTORE (and its PREVIEW), ADD / CLEAR RESTORE SOURCE, RECOVER STANDBY,
//! ACTIVATE STANDBY, and the legacy or refused forms
//! (`START BACKUP`, `DELETE BACKUPSET`, `VALIDATE` ...), following `sql_parser_mysql_mode.y`.
//!
//! Invariant: each form's clauses are taken in the grammar's fixed order, so a clause out of
//! place is a 1064 at that clause, as in OceanBase; what the grammar accepts but OceanBase
//! refuses later parses to [`AlterSystem::Rejected`] for the executor to answer.

use super::names::is_reserved;
use super::{ParseResult, Parser};
use crate::sql::ast::{
    AlterSystem, Backup, Literal, RecoverTarget, RejectedForm, Restore, RestoreTenantName,
    RestoreUntil, ServerOrZone, SetParameter, TenantNames,
};
use crate::sql::lexer::{Symbol, TokenKind};

impl Parser<'_> {
    // ----- clauses several forms share --------------------------------------------------

    /// `opt_backup_tenant_list`: `TENANT [=] name[, name ...]`.
    fn parse_optional_tenant_list(&mut self) -> ParseResult<Option<TenantNames>> {
        if !self.eat_keyword("TENANT") {
            return Ok(None);
        }
        self.skip_optional_equals();
        let mut names = vec![self.parse_name_or_string()?];
        while self.eat_symbol(Symbol::Comma) {
            names.push(self.parse_name_or_string()?);
        }
        Ok(Some(names))
    }

    /// `tenant_name`: `TENANT [=] name` with exactly one name.
    pub(super) fn parse_optional_single_tenant(&mut self) -> ParseResult<Option<String>> {
        if !self.eat_keyword("TENANT") {
            return Ok(None);
        }
        self.skip_optional_equals();
        self.parse_name_or_string().map(Some)
    }

    /// `opt_description`: `DESCRIPTION [=] 'text'`.
    pub(super) fn parse_optional_description(&mut self) -> ParseResult<Option<String>> {
        if !self.eat_keyword("DESCRIPTION") {
            return Ok(None);
        }
        self.skip_optional_equals();
        self.expect_string().map(Some)
    }

    /// The legacy and rejected forms only need to be recognised: the executor refuses them
    /// whatever follows, so the rest is taken as long as it lexes.
    fn skip_rest_loosely(&mut self) -> ParseResult<()> {
        while let Some(kind) = self.kind() {
            if matches!(
                kind,
                TokenKind::Invalid | TokenKind::Symbol(Symbol::Semicolon)
            ) {
                return Err(self.error());
            }
            self.advance();
        }
        Ok(())
    }

    fn rejected(&mut self, form: RejectedForm) -> ParseResult<AlterSystem> {
        self.skip_rest_loosely()?;
        Ok(AlterSystem::Rejected(form))
    }

    // ----- the forms ----------------------------------------------------------------------

    pub(super) fn parse_alter_system(&mut self) -> ParseResult<AlterSystem> {
        let word = self.word_upper().unwrap_or_default();
        let parse_rest: fn(&mut Self) -> ParseResult<AlterSystem> = match word.as_str() {
            "BACKUP" => Self::parse_backup,
            "CANCEL" => Self::parse_cancel,
            "ARCHIVELOG" => |parser| parser.parse_archive_log(true),
            "NOARCHIVELOG" => |parser| parser.parse_archive_log(false),
            "SET" => Self::parse_set_parameters,
            "ADD" => Self::parse_add,
            "CLEAR" => |parser| {
                parser.expect_keywords(&["RESTORE", "SOURCE"])?;
                Ok(AlterSystem::ClearRestoreSource)
            },
            "RECOVER" => |parser| {
                if parser.at_keyword("TABLE") {
                    parser.parse_recover_table()
                } else {
                    parser.parse_recover_standby()
                }
            },
            "DROP" => Self::parse_drop_delete_policy,
            "DELETE" => Self::parse_delete_backup,
            "VALIDATE" => Self::parse_validate,
            "START" | "STOP" => |parser| {
                parser.expect_keywords(&["BACKUP", "ARCHIVELOG"])?;
                parser.rejected(RejectedForm::Legacy)
            },
            "SUSPEND" | "RESUME" => |parser| {
                parser.expect_keyword("BACKUP")?;
                parser.rejected(RejectedForm::Legacy)
            },
            "RESTORE" => Self::parse_restore,
            "ACTIVATE" => Self::parse_activate_standby,
            // `opt_set`: `ALTER SYSTEM name = value` is the SET form without the keyword.
            _ => return self.parse_set_parameters(),
        };
        self.advance();
        parse_rest(self)
    }

    /// `DELETE BACKUPSET ... | BACKUPPIECE ... | OBSOLETE ...`: in the grammar, refused by the
    /// resolver.
    fn parse_delete_backup(&mut self) -> ParseResult<AlterSystem> {
        if self.eat_keyword("BACKUPSET")
            || self.eat_keyword("BACKUPPIECE")
            || self.eat_keyword("OBSOLETE")
        {
            self.rejected(RejectedForm::DeleteBackup)
        } else {
            Err(self.error())
        }
    }

    fn parse_validate(&mut self) -> ParseResult<AlterSystem> {
        if self.eat_keyword("DATABASE") || self.eat_keyword("BACKUPSET") {
            self.rejected(RejectedForm::Legacy)
        } else {
            Err(self.error())
        }
    }

    /// `ACTIVATE STANDBY [TENANT [=] name] [VERIFY]`.
    fn parse_activate_standby(&mut self) -> ParseResult<AlterSystem> {
        self.expect_keyword("STANDBY")?;
        let tenant = self.parse_optional_single_tenant()?;
        let verify = self.eat_keyword("VERIFY");
        Ok(AlterSystem::ActivateStandby { tenant, verify })
    }

    /// `RECOVER STANDBY [TENANT [=] name] [UNTIL {TIME = 'ts' | SCN = n | UNLIMITED} | CANCEL]`;
    /// the tail may be missing (the resolver then asks for a restore until point).
    fn parse_recover_standby(&mut self) -> ParseResult<AlterSystem> {
        self.expect_keyword("STANDBY")?;
        let tenant = self.parse_optional_single_tenant()?;
        let until = if self.eat_keyword("CANCEL") {
            Some(RecoverTarget::Cancel)
        } else if self.eat_keyword("UNTIL") {
            if self.eat_keyword("UNLIMITED") {
                Some(RecoverTarget::Unlimited)
            } else if self.eat_keyword("TIME") {
                self.expect_symbol(Symbol::Eq)?;
                Some(RecoverTarget::Time(self.expect_string()?))
            } else if self.eat_keyword("SCN") {
                self.expect_symbol(Symbol::Eq)?;
                Some(RecoverTarget::Scn(self.expect_integer::<i128>()?))
            } else {
                return Err(self.error());
            }
        } else {
            None
        };
        Ok(AlterSystem::RecoverStandby { tenant, until })
    }

    /// `ADD RESTORE SOURCE 'paths'` or `ADD DELETE BACKUP POLICY ...`.
    fn parse_add(&mut self) -> ParseResult<AlterSystem> {
        if self.eat_keyword("RESTORE") {
            self.expect_keyword("SOURCE")?;
            let paths = self.expect_string()?;
            return Ok(AlterSystem::AddRestoreSource { paths });
        }
        self.parse_add_delete_policy()
    }

    /// The eight BACKUP productions share one fixed order:
    /// `BACKUP [INCREMENTAL] (DATABASE | [TENANT list]) [TO 'path'] [PLUS ARCHIVELOG]
    /// [DESCRIPTION 'text']`.
    fn parse_backup(&mut self) -> ParseResult<AlterSystem> {
        let incremental = self.eat_keyword("INCREMENTAL");
        if !incremental {
            if self.eat_keyword("KEY") {
                return self.rejected(RejectedForm::BackupKey);
            }
            if self.eat_keyword("BACKUPSET") || self.eat_keyword("BACKUPPIECE") {
                return self.rejected(RejectedForm::Legacy);
            }
        }
        let database = self.eat_keyword("DATABASE");
        let tenants = if database {
            Vec::new()
        } else {
            self.parse_optional_tenant_list()?.unwrap_or_default()
        };
        let to = if self.eat_keyword("TO") {
            self.skip_optional_equals();
            Some(self.expect_string()?)
        } else {
            None
        };
        let plus_archivelog = if self.eat_keyword("PLUS") {
            self.expect_keyword("ARCHIVELOG")?;
            true
        } else {
            false
        };
        let description = self.parse_optional_description()?;
        Ok(AlterSystem::Backup(Backup {
            incremental,
            database,
            tenants,
            to,
            plus_archivelog,
            description,
        }))
    }

    fn parse_cancel(&mut self) -> ParseResult<AlterSystem> {
        let word = self.word_upper();
        match word.as_deref() {
            Some("BACKUP") => {
                self.advance();
                if self.eat_keyword("BACKUPSET") || self.eat_keyword("BACKUPPIECE") {
                    return self.rejected(RejectedForm::Legacy);
                }
                let tenants = self.parse_optional_tenant_list()?;
                Ok(AlterSystem::CancelBackup { tenants })
            }
            Some("DELETE") => {
                self.advance();
                self.expect_keyword("BACKUP")?;
                let tenants = self.parse_optional_tenant_list()?;
                let description = self.parse_optional_description()?;
                Ok(AlterSystem::CancelDeleteBackup {
                    tenants,
                    description,
                })
            }
            Some("RESTORE") => {
                self.advance();
                let tenant = self.parse_identifier()?;
                Ok(AlterSystem::CancelRestore { tenant })
            }
            Some("RECOVER") => {
                self.advance();
                self.expect_keyword("TABLE")?;
                let tenant = self.parse_name_or_string()?;
                Ok(AlterSystem::CancelRecoverTable { tenant })
            }
            Some("VALIDATE") => {
                self.advance();
                self.expect_integer::<u64>()?;
                self.rejected(RejectedForm::Legacy)
            }
            _ => Err(self.error()),
        }
    }

    fn parse_archive_log(&mut self, enable: bool) -> ParseResult<AlterSystem> {
        let tenants = self.parse_optional_tenant_list()?;
        let description = self.parse_optional_description()?;
        Ok(AlterSystem::ArchiveLog {
            enable,
            tenants,
            description,
        })
    }

    fn parse_set_parameters(&mut self) -> ParseResult<AlterSystem> {
        let mut actions = vec![self.parse_set_parameter()?];
        while self.eat_symbol(Symbol::Comma) {
            actions.push(self.parse_set_parameter()?);
        }
        Ok(AlterSystem::SetParameters { actions })
    }

    /// `name = value [COMMENT 'x'] [SCOPE = ...] [SERVER [=] 'ip:port' | ZONE [=] z]
    /// [TENANT [=] name]`; the `=` after the name is mandatory (COMP_EQ).
    fn parse_set_parameter(&mut self) -> ParseResult<SetParameter> {
        let name = self.parse_identifier()?;
        self.expect_symbol(Symbol::Eq)?;
        let value = self.parse_config_value()?;
        let comment = if self.eat_keyword("COMMENT") {
            Some(self.expect_string()?)
        } else {
            None
        };
        let scope = if self.eat_keyword("SCOPE") {
            self.expect_symbol(Symbol::Eq)?;
            match self.word_upper() {
                Some(scope) if matches!(scope.as_str(), "MEMORY" | "SPFILE" | "BOTH") => {
                    self.advance();
                    Some(scope)
                }
                _ => return Err(self.error()),
            }
        } else {
            None
        };
        let server_or_zone = if self.eat_keyword("SERVER") {
            self.skip_optional_equals();
            Some(ServerOrZone::Server(self.expect_string()?))
        } else if self.eat_keyword("ZONE") {
            self.skip_optional_equals();
            Some(ServerOrZone::Zone(self.parse_name_or_string()?))
        } else {
            None
        };
        let tenant = self.parse_optional_single_tenant()?;
        Ok(SetParameter {
            name,
            value,
            comment,
            scope,
            server_or_zone,
            tenant,
        })
    }

    /// `conf_const`: a string, a number with an optional `-`, TRUE/FALSE, NULL, or a bare word
    /// taken as a string.
    fn parse_config_value(&mut self) -> ParseResult<Literal> {
        let value = match self.kind() {
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
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("TRUE") => Literal::Bool(true),
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("FALSE") => {
                Literal::Bool(false)
            }
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("NULL") => Literal::Null,
            Some(TokenKind::Word(word)) if !is_reserved(word) => Literal::String(word.clone()),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(value)
    }

    /// `ADD DELETE BACKUP POLICY [=] 'name' [RECOVERY_WINDOW [=] 'w'] [REDUNDANCY [=] n]
    /// [BACKUP_COPIES [=] n] [TENANT [=] list]`; the grammar requires the name.
    fn parse_add_delete_policy(&mut self) -> ParseResult<AlterSystem> {
        let name = Some(self.parse_policy_name()?);
        let recovery_window = if self.eat_keyword("RECOVERY_WINDOW") {
            self.skip_optional_equals();
            Some(self.expect_string()?)
        } else {
            None
        };
        let redundancy = if self.eat_keyword("REDUNDANCY") {
            self.skip_optional_equals();
            Some(self.expect_integer::<i64>()?)
        } else {
            None
        };
        let backup_copies = if self.eat_keyword("BACKUP_COPIES") {
            self.skip_optional_equals();
            Some(self.expect_integer::<i64>()?)
        } else {
            None
        };
        let tenants = self.parse_optional_tenant_list()?;
        Ok(AlterSystem::AddDeletePolicy {
            name,
            recovery_window,
            redundancy,
            backup_copies,
            tenants,
        })
    }

    fn parse_drop_delete_policy(&mut self) -> ParseResult<AlterSystem> {
        let name = Some(self.parse_policy_name()?);
        let tenants = self.parse_optional_tenant_list()?;
        Ok(AlterSystem::DropDeletePolicy { name, tenants })
    }

    /// `DELETE BACKUP POLICY [=] 'name'` (after ADD or DROP).
    fn parse_policy_name(&mut self) -> ParseResult<String> {
        self.expect_keywords(&["DELETE", "BACKUP", "POLICY"])?;
        self.skip_optional_equals();
        self.expect_string()
    }

    /// `RESTORE FROM 'uris' [UNTIL ...] PREVIEW` or `RESTORE name [FROM 'uris'] [UNTIL ...]
    /// WITH 'opts' [ENCRYPTED BY 'x'] [WITH KEY FROM 'path' [ENCRYPTED BY 'x']]
    /// [DESCRIPTION [=] 'text']`: WITH is mandatory (R§3.1), so its absence is a 1064 at the
    /// token found in its place.
    fn parse_restore(&mut self) -> ParseResult<AlterSystem> {
        if self.eat_keyword("FROM") {
            let from = Some(self.expect_string()?);
            let until = self.parse_optional_until()?;
            self.expect_keyword("PREVIEW")?;
            return Ok(AlterSystem::Restore(Restore {
                tenant: None,
                from,
                until,
                with: None,
                encrypted_by: None,
                key_from: None,
                description: None,
                preview: true,
            }));
        }
        let tenant = Some(self.parse_restore_tenant_name()?);
        let from = if self.eat_keyword("FROM") {
            Some(self.expect_string()?)
        } else {
            None
        };
        let until = self.parse_optional_until()?;
        self.expect_keyword("WITH")?;
        let with = Some(self.expect_string()?);
        let encrypted_by = self.parse_optional_encrypted_by()?;
        let key_from = if self.at_keyword("WITH") {
            self.advance();
            self.expect_keywords(&["KEY", "FROM"])?;
            let path = self.expect_string()?;
            Some((path, self.parse_optional_encrypted_by()?))
        } else {
            None
        };
        let description = self.parse_optional_description()?;
        Ok(AlterSystem::Restore(Restore {
            tenant,
            from,
            until,
            with,
            encrypted_by,
            key_from,
            description,
            preview: false,
        }))
    }

    /// `ENCRYPTED BY 'x'`.
    pub(super) fn parse_optional_encrypted_by(&mut self) -> ParseResult<Option<String>> {
        if !self.eat_keyword("ENCRYPTED") {
            return Ok(None);
        }
        self.expect_keyword("BY")?;
        self.expect_string().map(Some)
    }

    /// Unquoted reserved words (notably `all`, in any case) cannot name the new tenant; quoted
    /// names can, and the executor applies the reserved-name rules to them.
    fn parse_restore_tenant_name(&mut self) -> ParseResult<RestoreTenantName> {
        let tenant = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => RestoreTenantName {
                name: word.clone(),
                quoted: false,
            },
            Some(TokenKind::QuotedIdent(name) | TokenKind::String(name)) => RestoreTenantName {
                name: name.clone(),
                quoted: true,
            },
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(tenant)
    }

    /// `UNTIL TIME = 'ts' | UNTIL SCN = n`: the `=` is mandatory and the SCN is an unsigned
    /// INTNUM in the grammar.
    pub(super) fn parse_optional_until(&mut self) -> ParseResult<Option<RestoreUntil>> {
        if !self.eat_keyword("UNTIL") {
            return Ok(None);
        }
        if self.eat_keyword("TIME") {
            self.expect_symbol(Symbol::Eq)?;
            Ok(Some(RestoreUntil::Time(self.expect_string()?)))
        } else if self.eat_keyword("SCN") {
            self.expect_symbol(Symbol::Eq)?;
            Ok(Some(RestoreUntil::Scn(self.expect_integer::<i128>()?)))
        } else {
            Err(self.error())
        }
    }
}
