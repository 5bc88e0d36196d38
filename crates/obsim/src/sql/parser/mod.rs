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

use super::ast::{
    AlterSystem, Backup, BinaryOp, ColumnDef, CreateTable, DataType, Delete, Expr, Insert, Literal,
    ObjectName, OrderByExpr, RejectedForm, Restore, RestoreTenantName, RestoreUntil, Select,
    SelectItem, ServerOrZone, SetParameter, Show, Statement, TenantNames, UnaryOp, Update,
};
use super::lexer::{Symbol, Token, TokenKind, is_blank, tokenize};
use crate::error::ObError;

/// Expressions taller than this are refused with a 1064: evaluating and dropping a tree
/// recurse, and the stack is small in wasm.
pub const MAX_EXPRESSION_DEPTH: usize = 256;

/// OceanBase cuts the `near '...'` text to this many bytes.
const NEAR_TEXT_LIMIT: usize = 80;

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

/// Reserved words that are nevertheless function names when followed by `(`.
const RESERVED_FUNCTION_NAMES: &str = "\
    CHAR CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE IF INSERT LEFT \
    LOCALTIME LOCALTIMESTAMP MOD REPLACE RIGHT SCHEMA UTC_DATE UTC_TIME UTC_TIMESTAMP";

/// Functions MySQL also accepts without parentheses (`SELECT CURRENT_TIMESTAMP`).
const NILADIC_FUNCTIONS: &str = "\
    CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER LOCALTIME LOCALTIMESTAMP UTC_DATE \
    UTC_TIME UTC_TIMESTAMP";

fn is_reserved(word: &str) -> bool {
    is_one_of(word, RESERVED_WORDS)
}

/// `list` is a whitespace-separated word list.
fn is_one_of(word: &str, list: &str) -> bool {
    list.split_ascii_whitespace()
        .any(|entry| entry.eq_ignore_ascii_case(word))
}

// Binding powers, loosest first (MySQL's order for the operators supported here).
const PREC_OR: u8 = 1;
const PREC_AND: u8 = 2;
const PREC_NOT: u8 = 3;
const PREC_COMPARISON: u8 = 4;
const PREC_ADDITIVE: u8 = 5;
const PREC_MULTIPLICATIVE: u8 = 6;
/// Above every infix operator.
const PREC_SIGN_OPERAND: u8 = 7;

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

/// An expression with the height of its tree (a literal is 1).
struct Node {
    expr: Expr,
    height: usize,
}

impl Node {
    fn leaf(expr: Expr) -> Node {
        Node { expr, height: 1 }
    }

    fn wrap(self, outer: impl FnOnce(Box<Expr>) -> Expr) -> Node {
        Node {
            expr: outer(Box::new(self.expr)),
            height: self.height + 1,
        }
    }
}

/// An operator or bracket whose (next) operand is being parsed.
enum Pending {
    Binary {
        left: Node,
        op: BinaryOp,
        precedence: u8,
    },
    Not,
    Sign(UnaryOp),
    Parenthesis,
    /// `height` is that of the tallest argument so far.
    Call {
        name: String,
        distinct: bool,
        args: Vec<Expr>,
        height: usize,
    },
    /// `height` covers the tested expression and the list so far.
    InList {
        expr: Expr,
        negated: bool,
        list: Vec<Expr>,
        height: usize,
    },
    Like {
        expr: Node,
        negated: bool,
    },
    BetweenLow {
        expr: Node,
        negated: bool,
    },
    BetweenHigh {
        expr: Node,
        negated: bool,
        low: Node,
    },
}

impl Pending {
    /// The loosest infix operator that may appear in the operand being parsed.
    fn operand_precedence(&self) -> u8 {
        match self {
            // Left associative: the right operand takes only tighter operators.
            Pending::Binary { precedence, .. } => precedence.saturating_add(1),
            Pending::Not => PREC_NOT,
            // A sign applies to the primary right after it.
            Pending::Sign(_) => PREC_SIGN_OPERAND,
            Pending::Parenthesis | Pending::Call { .. } | Pending::InList { .. } => PREC_OR,
            // LIKE patterns and BETWEEN bounds take only arithmetic, so the AND between the
            // bounds is not a logical AND.
            Pending::Like { .. } | Pending::BetweenLow { .. } | Pending::BetweenHigh { .. } => {
                PREC_ADDITIVE
            }
        }
    }
}

enum OperandStart {
    Complete(Expr),
    Opens(Pending),
}

enum InfixStart {
    Complete(Node),
    Opens(Pending),
}

enum Completion {
    Done(Node),
    /// More operands follow (another argument, the upper BETWEEN bound).
    NeedsOperand(Pending),
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

    /// An identifier: a word that is not reserved, or a backquoted name.
    fn parse_identifier(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    /// After a `.` MySQL accepts any word, reserved or not (`t.order`).
    fn parse_qualified_part(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(name) | TokenKind::QuotedIdent(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

    fn parse_identifier_list(&mut self) -> ParseResult<Vec<String>> {
        let mut names = vec![self.parse_identifier()?];
        while self.eat_symbol(Symbol::Comma) {
            names.push(self.parse_identifier()?);
        }
        Ok(names)
    }

    /// `name` or `schema.name`.
    fn parse_object_name(&mut self) -> ParseResult<ObjectName> {
        let mut parts = vec![self.parse_identifier()?];
        if self.eat_symbol(Symbol::Dot) {
            parts.push(self.parse_qualified_part()?);
        }
        Ok(ObjectName(parts))
    }

    /// OceanBase's `relation_name_or_string`: an identifier, a quoted string, or the reserved
    /// word ALL, which the grammar turns into the name "all".
    fn parse_name_or_string(&mut self) -> ParseResult<String> {
        let name = match self.kind() {
            Some(TokenKind::Word(word)) if word.eq_ignore_ascii_case("ALL") => "all".to_string(),
            Some(TokenKind::Word(word)) if !is_reserved(word) => word.clone(),
            Some(TokenKind::QuotedIdent(name) | TokenKind::String(name)) => name.clone(),
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(name)
    }

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
    fn parse_optional_single_tenant(&mut self) -> ParseResult<Option<String>> {
        if !self.eat_keyword("TENANT") {
            return Ok(None);
        }
        self.skip_optional_equals();
        self.parse_name_or_string().map(Some)
    }

    /// `opt_description`: `DESCRIPTION [=] 'text'`.
    fn parse_optional_description(&mut self) -> ParseResult<Option<String>> {
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

    // ----- ALTER SYSTEM -------------------------------------------------------------------

    fn parse_alter_system(&mut self) -> ParseResult<AlterSystem> {
        let word = self.word_upper().unwrap_or_default();
        let parse_rest: fn(&mut Self) -> ParseResult<AlterSystem> = match word.as_str() {
            "BACKUP" => Self::parse_backup,
            "CANCEL" => Self::parse_cancel,
            "ARCHIVELOG" => |parser| parser.parse_archive_log(true),
            "NOARCHIVELOG" => |parser| parser.parse_archive_log(false),
            "SET" => Self::parse_set_parameters,
            "ADD" => Self::parse_add_delete_policy,
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

    /// `ACTIVATE STANDBY TENANT [=] name`.
    fn parse_activate_standby(&mut self) -> ParseResult<AlterSystem> {
        self.expect_keywords(&["STANDBY", "TENANT"])?;
        self.skip_optional_equals();
        let tenant = self.parse_name_or_string()?;
        Ok(AlterSystem::ActivateStandby { tenant })
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
    /// [WITH 'opts'] [ENCRYPTED BY 'x'] [DESCRIPTION [=] 'text']`. WITH is mandatory in the
    /// grammar but kept optional here so that the executor can say what is missing.
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
        let with = if self.eat_keyword("WITH") {
            Some(self.expect_string()?)
        } else {
            None
        };
        let encrypted_by = if self.eat_keyword("ENCRYPTED") {
            self.expect_keyword("BY")?;
            Some(self.expect_string()?)
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
            description,
            preview: false,
        }))
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
    fn parse_optional_until(&mut self) -> ParseResult<Option<RestoreUntil>> {
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

    // ----- SET ENCRYPTION / DECRYPTION ------------------------------------------------------

    fn parse_set_password(&mut self) -> ParseResult<Statement> {
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

    // ----- SELECT ---------------------------------------------------------------------------

    fn parse_select(&mut self) -> ParseResult<Select> {
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

    // ----- expressions ----------------------------------------------------------------------

    fn parse_expr_list(&mut self) -> ParseResult<Vec<Expr>> {
        let mut exprs = vec![self.parse_expr()?];
        while self.eat_symbol(Symbol::Comma) {
            exprs.push(self.parse_expr()?);
        }
        Ok(exprs)
    }

    /// Operator-precedence parsing with an explicit stack of unfinished operators instead of
    /// recursion, so that nesting costs heap, not stack: a recursive parser needs kilobytes of
    /// stack per level in a debug build, and wasm has 1 MiB in all.
    ///
    /// The parser alternates between expecting an operand (prefix operators, `(`, `f(` push a
    /// [`Pending`]) and holding one (an infix operator that binds at least as tightly as the
    /// innermost pending one extends it; otherwise the innermost pending one is completed).
    fn parse_expr(&mut self) -> ParseResult<Expr> {
        let mut pending: Vec<Pending> = Vec::new();
        'operand: loop {
            if pending.len() >= MAX_EXPRESSION_DEPTH {
                return Err(self.error());
            }
            let required = pending.last().map_or(PREC_OR, Pending::operand_precedence);
            let mut operand = match self.parse_operand_start(required)? {
                OperandStart::Opens(context) => {
                    pending.push(context);
                    continue 'operand;
                }
                OperandStart::Complete(expr) => Node::leaf(expr),
            };
            loop {
                let required = pending.last().map_or(PREC_OR, Pending::operand_precedence);
                if let Some(precedence) = self.infix_precedence().filter(|&p| p >= required) {
                    match self.parse_infix_start(operand, precedence)? {
                        InfixStart::Opens(context) => {
                            pending.push(context);
                            continue 'operand;
                        }
                        InfixStart::Complete(node) => {
                            operand = self.checked(node)?;
                            continue;
                        }
                    }
                }
                let Some(context) = pending.pop() else {
                    return Ok(operand.expr);
                };
                match self.complete_pending(context, operand)? {
                    Completion::Done(node) => operand = self.checked(node)?,
                    Completion::NeedsOperand(context) => {
                        pending.push(context);
                        continue 'operand;
                    }
                }
            }
        }
    }

    /// Keeps every tree within [`MAX_EXPRESSION_DEPTH`] levels: dropping and evaluating an
    /// expression recurse, and a flat chain like `1+1+1...` would otherwise grow without limit.
    fn checked(&self, node: Node) -> ParseResult<Node> {
        if node.height > MAX_EXPRESSION_DEPTH {
            Err(self.error())
        } else {
            Ok(node)
        }
    }

    fn parse_operand_start(&mut self, required: u8) -> ParseResult<OperandStart> {
        let start = match self.kind() {
            Some(TokenKind::Number(text)) => Expr::Literal(Literal::Number(text.clone())),
            Some(TokenKind::String(text)) => Expr::Literal(Literal::String(text.clone())),
            Some(TokenKind::Symbol(Symbol::LeftParen)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Parenthesis));
            }
            Some(TokenKind::Symbol(Symbol::Minus)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Sign(UnaryOp::Minus)));
            }
            Some(TokenKind::Symbol(Symbol::Plus)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Sign(UnaryOp::Plus)));
            }
            Some(TokenKind::QuotedIdent(_)) => {
                return self.parse_column().map(OperandStart::Complete);
            }
            Some(TokenKind::Word(word)) => {
                if word.eq_ignore_ascii_case("NOT") {
                    // MySQL's NOT binds loosely: `NOT a = b` is `NOT (a = b)` and `1 + NOT 0`
                    // is a syntax error.
                    if required > PREC_NOT {
                        return Err(self.error());
                    }
                    self.advance();
                    return Ok(OperandStart::Opens(Pending::Not));
                } else if word.eq_ignore_ascii_case("NULL") {
                    Expr::Literal(Literal::Null)
                } else if word.eq_ignore_ascii_case("TRUE") {
                    Expr::Literal(Literal::Bool(true))
                } else if word.eq_ignore_ascii_case("FALSE") {
                    Expr::Literal(Literal::Bool(false))
                } else if self.kind_at(1) == Some(&TokenKind::Symbol(Symbol::LeftParen))
                    && (!is_reserved(word) || is_one_of(word, RESERVED_FUNCTION_NAMES))
                {
                    let name = word.clone();
                    return self.parse_call_start(name);
                } else if is_one_of(word, NILADIC_FUNCTIONS) {
                    Expr::Function {
                        name: word.clone(),
                        args: Vec::new(),
                        star: false,
                        distinct: false,
                    }
                } else if !is_reserved(word) {
                    return self.parse_column().map(OperandStart::Complete);
                } else {
                    return Err(self.error());
                }
            }
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(OperandStart::Complete(start))
    }

    /// `name(*)`, `name()`, or `name([DISTINCT] ` followed by arguments still to be parsed.
    fn parse_call_start(&mut self, name: String) -> ParseResult<OperandStart> {
        self.advance();
        self.expect_symbol(Symbol::LeftParen)?;
        let complete = |star| {
            OperandStart::Complete(Expr::Function {
                name: name.clone(),
                args: Vec::new(),
                star,
                distinct: false,
            })
        };
        if self.eat_symbol(Symbol::Star) {
            self.expect_symbol(Symbol::RightParen)?;
            return Ok(complete(true));
        }
        if self.eat_symbol(Symbol::RightParen) {
            return Ok(complete(false));
        }
        let distinct = self.eat_keyword("DISTINCT");
        Ok(OperandStart::Opens(Pending::Call {
            name,
            distinct,
            args: Vec::new(),
            height: 0,
        }))
    }

    /// `c`, `t.c` or `db.t.c`.
    fn parse_column(&mut self) -> ParseResult<Expr> {
        let mut parts = vec![self.parse_identifier()?];
        while parts.len() < 3 && self.eat_symbol(Symbol::Dot) {
            parts.push(self.parse_qualified_part()?);
        }
        Ok(Expr::Column(parts))
    }

    fn infix_precedence(&self) -> Option<u8> {
        match self.kind()? {
            TokenKind::Symbol(symbol) => match symbol {
                Symbol::Eq
                | Symbol::NotEq
                | Symbol::Lt
                | Symbol::LtEq
                | Symbol::Gt
                | Symbol::GtEq => Some(PREC_COMPARISON),
                Symbol::Plus | Symbol::Minus => Some(PREC_ADDITIVE),
                Symbol::Star | Symbol::Slash | Symbol::Percent => Some(PREC_MULTIPLICATIVE),
                _ => None,
            },
            TokenKind::Word(word) => match word.to_ascii_uppercase().as_str() {
                "OR" => Some(PREC_OR),
                "AND" => Some(PREC_AND),
                // NOT after an operand can only start NOT IN / NOT LIKE / NOT BETWEEN.
                "IS" | "IN" | "LIKE" | "BETWEEN" | "NOT" => Some(PREC_COMPARISON),
                "MOD" => Some(PREC_MULTIPLICATIVE),
                _ => None,
            },
            _ => None,
        }
    }

    fn binary_operator(&self) -> Option<BinaryOp> {
        match self.kind()? {
            TokenKind::Symbol(symbol) => match symbol {
                Symbol::Eq => Some(BinaryOp::Eq),
                Symbol::NotEq => Some(BinaryOp::NotEq),
                Symbol::Lt => Some(BinaryOp::Lt),
                Symbol::LtEq => Some(BinaryOp::LtEq),
                Symbol::Gt => Some(BinaryOp::Gt),
                Symbol::GtEq => Some(BinaryOp::GtEq),
                Symbol::Plus => Some(BinaryOp::Plus),
                Symbol::Minus => Some(BinaryOp::Minus),
                Symbol::Star => Some(BinaryOp::Multiply),
                Symbol::Slash => Some(BinaryOp::Divide),
                Symbol::Percent => Some(BinaryOp::Modulo),
                _ => None,
            },
            TokenKind::Word(word) => match word.to_ascii_uppercase().as_str() {
                "OR" => Some(BinaryOp::Or),
                "AND" => Some(BinaryOp::And),
                "MOD" => Some(BinaryOp::Modulo),
                _ => None,
            },
            _ => None,
        }
    }

    /// Consumes the operator after `left`: IS [NOT] NULL completes at once, the others wait
    /// for their right-hand side.
    fn parse_infix_start(&mut self, left: Node, precedence: u8) -> ParseResult<InfixStart> {
        if let Some(op) = self.binary_operator() {
            self.advance();
            return Ok(InfixStart::Opens(Pending::Binary {
                left,
                op,
                precedence,
            }));
        }
        if self.eat_keyword("IS") {
            let negated = self.eat_keyword("NOT");
            self.expect_keyword("NULL")?;
            let height = left.height + 1;
            let expr = Expr::IsNull {
                expr: Box::new(left.expr),
                negated,
            };
            return Ok(InfixStart::Complete(Node { expr, height }));
        }
        let negated = self.eat_keyword("NOT");
        let context = if self.eat_keyword("IN") {
            self.expect_symbol(Symbol::LeftParen)?;
            Pending::InList {
                height: left.height,
                expr: left.expr,
                negated,
                list: Vec::new(),
            }
        } else if self.eat_keyword("LIKE") {
            Pending::Like {
                expr: left,
                negated,
            }
        } else if self.eat_keyword("BETWEEN") {
            Pending::BetweenLow {
                expr: left,
                negated,
            }
        } else {
            return Err(self.error());
        };
        Ok(InfixStart::Opens(context))
    }

    /// Applies the innermost pending operator to the operand just parsed.
    fn complete_pending(&mut self, context: Pending, operand: Node) -> ParseResult<Completion> {
        let node = match context {
            Pending::Binary { left, op, .. } => Node {
                height: left.height.max(operand.height) + 1,
                expr: Expr::Binary {
                    left: Box::new(left.expr),
                    op,
                    right: Box::new(operand.expr),
                },
            },
            Pending::Not => operand.wrap(|expr| Expr::Unary {
                op: UnaryOp::Not,
                expr,
            }),
            Pending::Sign(op) => operand.wrap(|expr| Expr::Unary { op, expr }),
            Pending::Parenthesis => {
                self.expect_symbol(Symbol::RightParen)?;
                operand.wrap(Expr::Nested)
            }
            Pending::Call {
                name,
                distinct,
                mut args,
                height,
            } => {
                let height = height.max(operand.height);
                args.push(operand.expr);
                if self.eat_symbol(Symbol::Comma) {
                    return Ok(Completion::NeedsOperand(Pending::Call {
                        name,
                        distinct,
                        args,
                        height,
                    }));
                }
                self.expect_symbol(Symbol::RightParen)?;
                Node {
                    expr: Expr::Function {
                        name,
                        args,
                        star: false,
                        distinct,
                    },
                    height: height + 1,
                }
            }
            Pending::InList {
                expr,
                negated,
                mut list,
                height,
            } => {
                let height = height.max(operand.height);
                list.push(operand.expr);
                if self.eat_symbol(Symbol::Comma) {
                    return Ok(Completion::NeedsOperand(Pending::InList {
                        expr,
                        negated,
                        list,
                        height,
                    }));
                }
                self.expect_symbol(Symbol::RightParen)?;
                Node {
                    expr: Expr::InList {
                        expr: Box::new(expr),
                        negated,
                        list,
                    },
                    height: height + 1,
                }
            }
            Pending::Like { expr, negated } => Node {
                height: expr.height.max(operand.height) + 1,
                expr: Expr::Like {
                    expr: Box::new(expr.expr),
                    negated,
                    pattern: Box::new(operand.expr),
                },
            },
            Pending::BetweenLow { expr, negated } => {
                self.expect_keyword("AND")?;
                return Ok(Completion::NeedsOperand(Pending::BetweenHigh {
                    expr,
                    negated,
                    low: operand,
                }));
            }
            Pending::BetweenHigh { expr, negated, low } => Node {
                height: expr.height.max(low.height).max(operand.height) + 1,
                expr: Expr::Between {
                    expr: Box::new(expr.expr),
                    negated,
                    low: Box::new(low.expr),
                    high: Box::new(operand.expr),
                },
            },
        };
        Ok(Completion::Done(node))
    }

    // ----- SHOW ---------------------------------------------------------------------------

    fn parse_show(&mut self) -> ParseResult<Show> {
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

    // ----- DDL ----------------------------------------------------------------------------

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

    fn parse_create(&mut self) -> ParseResult<Statement> {
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

    fn parse_data_type(&mut self) -> ParseResult<DataType> {
        let type_index = self.pos;
        let Some(word) = self.word_upper() else {
            return Err(self.error());
        };
        self.advance();
        match word.as_str() {
            "INT" | "INTEGER" => {
                self.skip_optional_width()?;
                Ok(DataType::Int)
            }
            "BIGINT" => {
                self.skip_optional_width()?;
                Ok(DataType::BigInt)
            }
            "DECIMAL" | "NUMBER" | "NUMERIC" => {
                if !self.eat_symbol(Symbol::LeftParen) {
                    return Ok(DataType::Decimal(10, 0));
                }
                let precision = self.expect_integer::<u8>()?;
                let scale = if self.eat_symbol(Symbol::Comma) {
                    self.expect_integer::<u8>()?
                } else {
                    0
                };
                self.expect_symbol(Symbol::RightParen)?;
                Ok(DataType::Decimal(precision, scale))
            }
            "VARCHAR" | "VARCHAR2" => {
                self.expect_symbol(Symbol::LeftParen)?;
                let length = self.expect_integer::<u32>()?;
                self.expect_symbol(Symbol::RightParen)?;
                Ok(DataType::Varchar(length))
            }
            "CHAR" => {
                let length = if self.eat_symbol(Symbol::LeftParen) {
                    let length = self.expect_integer::<u32>()?;
                    self.expect_symbol(Symbol::RightParen)?;
                    length
                } else {
                    1
                };
                Ok(DataType::Varchar(length))
            }
            "DATETIME" | "TIMESTAMP" => {
                self.skip_optional_width()?;
                Ok(DataType::DateTime)
            }
            "DATE" => Ok(DataType::DateTime),
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

    fn parse_drop(&mut self) -> ParseResult<Statement> {
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

    // ----- DML ----------------------------------------------------------------------------

    fn parse_insert(&mut self) -> ParseResult<Insert> {
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

    fn parse_update(&mut self) -> ParseResult<Update> {
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

    fn parse_delete(&mut self) -> ParseResult<Delete> {
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

#[cfg(test)]
mod tests;
