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
mod tests {
    use super::*;

    fn parse(sql: &str) -> Statement {
        match parse_statement(sql) {
            Ok(statement) => statement,
            Err(error) => panic!("{sql:?} should parse: {error}"),
        }
    }

    fn alter(sql: &str) -> AlterSystem {
        match parse(sql) {
            Statement::AlterSystem(alter) => alter,
            other => panic!("{sql:?} is not ALTER SYSTEM: {other:?}"),
        }
    }

    fn select(sql: &str) -> Select {
        match parse(sql) {
            Statement::Select(select) => *select,
            other => panic!("{sql:?} is not SELECT: {other:?}"),
        }
    }

    /// The single expression of `SELECT <expr>`.
    fn expr(text: &str) -> Expr {
        match select(&format!("SELECT {text}"))
            .projection
            .into_iter()
            .next()
        {
            Some(SelectItem::Expr { expr, .. }) => expr,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn assert_syntax_error(sql: &str, near: &str, line: usize) {
        assert_eq!(
            parse_statement(sql),
            Err(ObError::parse(near, line)),
            "for {sql:?}"
        );
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    fn some_string(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    fn column(name: &str) -> Expr {
        Expr::Column(vec![name.to_string()])
    }

    fn number(text: &str) -> Expr {
        Expr::Literal(Literal::Number(text.to_string()))
    }

    fn string(text: &str) -> Expr {
        Expr::Literal(Literal::String(text.to_string()))
    }

    fn binary(left: Expr, op: BinaryOp, right: Expr) -> Expr {
        Expr::Binary {
            left: Box::new(left),
            op,
            right: Box::new(right),
        }
    }

    fn backup(
        incremental: bool,
        database: bool,
        tenants: &[&str],
        to: Option<&str>,
        plus_archivelog: bool,
        description: Option<&str>,
    ) -> AlterSystem {
        AlterSystem::Backup(Backup {
            incremental,
            database,
            tenants: names(tenants),
            to: to.map(str::to_string),
            plus_archivelog,
            description: description.map(str::to_string),
        })
    }

    // ----- BACKUP -------------------------------------------------------------------------

    #[test]
    fn backup_database_forms() {
        assert_eq!(
            alter("ALTER SYSTEM BACKUP DATABASE"),
            backup(false, true, &[], None, false, None)
        );
        assert_eq!(
            alter("alter system backup incremental database"),
            backup(true, true, &[], None, false, None)
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP DATABASE TO 'file:///x' PLUS ARCHIVELOG DESCRIPTION 'd'"),
            backup(false, true, &[], Some("file:///x"), true, Some("d"))
        );
        assert_eq!(
            alter(
                "ALTER SYSTEM BACKUP INCREMENTAL DATABASE TO = 'p' PLUS ARCHIVELOG DESCRIPTION = 'd'"
            ),
            backup(true, true, &[], Some("p"), true, Some("d"))
        );
    }

    #[test]
    fn backup_tenant_forms() {
        assert_eq!(
            alter("ALTER SYSTEM BACKUP"),
            backup(false, false, &[], None, false, None)
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP INCREMENTAL"),
            backup(true, false, &[], None, false, None)
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP TENANT = t1, t2"),
            backup(false, false, &["t1", "t2"], None, false, None)
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP TENANT t1,t2"),
            backup(false, false, &["t1", "t2"], None, false, None)
        );
        assert_eq!(
            alter(
                "ALTER SYSTEM BACKUP INCREMENTAL TENANT = `T1`, 'x y', \"z\", ALL, all_user PLUS ARCHIVELOG DESCRIPTION 'n'"
            ),
            backup(
                true,
                false,
                &["T1", "x y", "z", "all", "all_user"],
                None,
                true,
                Some("n")
            )
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP PLUS ARCHIVELOG"),
            backup(false, false, &[], None, true, None)
        );
        assert_eq!(
            alter("ALTER SYSTEM BACKUP TO 'p' DESCRIPTION 'd'"),
            backup(false, false, &[], Some("p"), false, Some("d"))
        );
    }

    #[test]
    fn all_eight_backup_productions_parse() {
        for incremental in ["", " INCREMENTAL"] {
            for target in [" DATABASE", " TENANT = t1"] {
                for plus in ["", " PLUS ARCHIVELOG"] {
                    let sql = format!(
                        "ALTER SYSTEM BACKUP{incremental}{target} TO 'p'{plus} DESCRIPTION 'd'"
                    );
                    match alter(&sql) {
                        AlterSystem::Backup(Backup {
                            incremental: inc,
                            database,
                            plus_archivelog,
                            ..
                        }) => {
                            assert_eq!(inc, !incremental.is_empty(), "{sql}");
                            assert_eq!(database, target == " DATABASE", "{sql}");
                            assert_eq!(plus_archivelog, !plus.is_empty(), "{sql}");
                        }
                        other => panic!("{sql}: {other:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn hints_comments_and_a_trailing_semicolon_are_ignored() {
        assert_eq!(
            alter("ALTER /*+ query_timeout(100) */ SYSTEM BACKUP DATABASE; "),
            backup(false, true, &[], None, false, None)
        );
        assert_eq!(
            alter("-- leading\nALTER SYSTEM # hash\n BACKUP /* x */ DATABASE ;"),
            backup(false, true, &[], None, false, None)
        );
    }

    #[test]
    fn backup_word_order_is_fixed() {
        assert_syntax_error("ALTER SYSTEM BACKUP DATABASE INCREMENTAL", "INCREMENTAL", 1);
        assert_syntax_error(
            "ALTER SYSTEM BACKUP PLUS ARCHIVELOG DATABASE",
            "DATABASE",
            1,
        );
        assert_syntax_error("ALTER SYSTEM BACKUP PLUS ARCHIVELOG TO 'p'", "TO 'p'", 1);
        assert_syntax_error(
            "ALTER SYSTEM BACKUP DESCRIPTION 'd' PLUS ARCHIVELOG",
            "PLUS ARCHIVELOG",
            1,
        );
        assert_syntax_error("ALTER SYSTEM BACKUP DATABASE TENANT = t1", "TENANT = t1", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP TENANT", "", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP TENANT = t1 t2", "t2", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP TO 'p' TO 'q'", "TO 'q'", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP PLUS", "", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP TO p", "p", 1);
    }

    // ----- CANCEL BACKUP / ARCHIVELOG -----------------------------------------------------

    #[test]
    fn cancel_backup() {
        assert_eq!(
            alter("ALTER SYSTEM CANCEL BACKUP"),
            AlterSystem::CancelBackup { tenants: None }
        );
        assert_eq!(
            alter("ALTER SYSTEM CANCEL BACKUP TENANT = t1, 't2'"),
            AlterSystem::CancelBackup {
                tenants: Some(names(&["t1", "t2"]))
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM CANCEL BACKUP TENANT t1"),
            AlterSystem::CancelBackup {
                tenants: Some(names(&["t1"]))
            }
        );
        assert_syntax_error("ALTER SYSTEM CANCEL BACKUP DATABASE", "DATABASE", 1);
        assert_syntax_error("ALTER SYSTEM CANCEL", "", 1);
        assert_syntax_error("ALTER SYSTEM CANCEL EVERYTHING", "EVERYTHING", 1);
    }

    #[test]
    fn archivelog_and_noarchivelog() {
        assert_eq!(
            alter("ALTER SYSTEM ARCHIVELOG"),
            AlterSystem::ArchiveLog {
                enable: true,
                tenants: None,
                description: None
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM NOARCHIVELOG TENANT = all DESCRIPTION = 'stop'"),
            AlterSystem::ArchiveLog {
                enable: false,
                tenants: Some(names(&["all"])),
                description: some_string("stop")
            }
        );
        assert_eq!(
            alter("alter system archivelog tenant t1, t2 description 'x'"),
            AlterSystem::ArchiveLog {
                enable: true,
                tenants: Some(names(&["t1", "t2"])),
                description: some_string("x")
            }
        );
        assert_syntax_error("ALTER SYSTEM ARCHIVELOG TO 'x'", "TO 'x'", 1);
    }

    // ----- ALTER SYSTEM SET ---------------------------------------------------------------

    fn parameter(name: &str, value: Literal) -> SetParameter {
        SetParameter {
            name: name.to_string(),
            value,
            comment: None,
            scope: None,
            server_or_zone: None,
            tenant: None,
        }
    }

    fn set_parameters(sql: &str) -> Vec<SetParameter> {
        match alter(sql) {
            AlterSystem::SetParameters { actions } => actions,
            other => panic!("{sql}: {other:?}"),
        }
    }

    #[test]
    fn set_parameter_values() {
        let cases = [
            ("ha_low_thread_score = 5", Literal::Number("5".into())),
            ("ha_low_thread_score = -1", Literal::Number("-1".into())),
            ("x = - 1.50", Literal::Number("-1.50".into())),
            ("x = 'file:///a'", Literal::String("file:///a".into())),
            ("x = \"dq\"", Literal::String("dq".into())),
            ("x = TRUE", Literal::Bool(true)),
            ("x = false", Literal::Bool(false)),
            ("x = NULL", Literal::Null),
            ("x = enable", Literal::String("enable".into())),
        ];
        for (text, value) in cases {
            let name = text.split(' ').next().unwrap_or_default();
            assert_eq!(
                set_parameters(&format!("ALTER SYSTEM SET {text}")),
                vec![parameter(name, value)],
                "{text}"
            );
        }
    }

    #[test]
    fn set_keyword_is_optional() {
        assert_eq!(
            set_parameters("ALTER SYSTEM DATA_BACKUP_DEST = 'file:///d'"),
            vec![parameter(
                "DATA_BACKUP_DEST",
                Literal::String("file:///d".into())
            )]
        );
    }

    #[test]
    fn set_parameter_clauses_and_several_actions() {
        let actions = set_parameters(
            "ALTER SYSTEM SET a = 1 COMMENT 'why' SCOPE = memory SERVER = '127.0.0.1:2882' TENANT = all_user, \
             b = 'x' ZONE z1 TENANT 't2', c = 2 ZONE = 'zone 2', d = 3 SERVER '1.1.1.1:1' TENANT = ALL, e = 4 SCOPE = SPFILE",
        );
        assert_eq!(
            actions,
            vec![
                SetParameter {
                    comment: some_string("why"),
                    scope: some_string("MEMORY"),
                    server_or_zone: Some(ServerOrZone::Server("127.0.0.1:2882".into())),
                    tenant: some_string("all_user"),
                    ..parameter("a", Literal::Number("1".into()))
                },
                SetParameter {
                    server_or_zone: Some(ServerOrZone::Zone("z1".into())),
                    tenant: some_string("t2"),
                    ..parameter("b", Literal::String("x".into()))
                },
                SetParameter {
                    server_or_zone: Some(ServerOrZone::Zone("zone 2".into())),
                    ..parameter("c", Literal::Number("2".into()))
                },
                SetParameter {
                    server_or_zone: Some(ServerOrZone::Server("1.1.1.1:1".into())),
                    tenant: some_string("all"),
                    ..parameter("d", Literal::Number("3".into()))
                },
                SetParameter {
                    scope: some_string("SPFILE"),
                    ..parameter("e", Literal::Number("4".into()))
                },
            ]
        );
    }

    #[test]
    fn log_archive_dest_statement_from_the_docs() {
        assert_eq!(
            set_parameters(
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive BINDING=OPTIONAL' TENANT = t1"
            ),
            vec![SetParameter {
                tenant: some_string("t1"),
                ..parameter(
                    "LOG_ARCHIVE_DEST",
                    Literal::String(
                        "LOCATION=file:///data/nfs/backup/archive BINDING=OPTIONAL".into()
                    )
                )
            }]
        );
    }

    #[test]
    fn set_parameter_syntax_errors() {
        assert_syntax_error("ALTER SYSTEM SET ha_low_thread_score 5", "5", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a, b", "", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a, b = 2 c", "c", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 SCOPE MEMORY", "MEMORY", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 SCOPE = DISK", "DISK", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a ZONE = z", "ZONE = z", 1);
        assert_syntax_error("ALTER SYSTEM SET x =", "", 1);
        assert_syntax_error("ALTER SYSTEM SET x = -'a'", "'a'", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 SERVER = z", "z", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 1 COMMENT c", "c", 1);
        assert_syntax_error("ALTER SYSTEM SET", "", 1);
        assert_syntax_error("ALTER SYSTEM", "", 1);
        assert_syntax_error("ALTER TABLE t", "TABLE t", 1);
    }

    // ----- delete policy / cleanup --------------------------------------------------------

    #[test]
    fn add_and_drop_delete_policy() {
        assert_eq!(
            alter("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d'"),
            AlterSystem::AddDeletePolicy {
                name: some_string("default"),
                recovery_window: some_string("7d"),
                redundancy: None,
                backup_copies: None,
                tenants: None
            }
        );
        assert_eq!(
            alter(
                "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'p' RECOVERY_WINDOW = '1d' REDUNDANCY = 1 BACKUP_COPIES 2 TENANT = t1"
            ),
            AlterSystem::AddDeletePolicy {
                name: some_string("p"),
                recovery_window: some_string("1d"),
                redundancy: Some(1),
                backup_copies: Some(2),
                tenants: Some(names(&["t1"]))
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' TENANT t1, t2"),
            AlterSystem::AddDeletePolicy {
                name: some_string("default"),
                recovery_window: None,
                redundancy: None,
                backup_copies: None,
                tenants: Some(names(&["t1", "t2"]))
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM DROP DELETE BACKUP POLICY = 'default' TENANT = t1"),
            AlterSystem::DropDeletePolicy {
                name: some_string("default"),
                tenants: Some(names(&["t1"]))
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'"),
            AlterSystem::DropDeletePolicy {
                name: some_string("default"),
                tenants: None
            }
        );
        assert_syntax_error("ALTER SYSTEM ADD DELETE BACKUP POLICY", "", 1);
        assert_syntax_error(
            "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY -1",
            "-1",
            1,
        );
        assert_syntax_error(
            "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 1 RECOVERY_WINDOW '1d'",
            "RECOVERY_WINDOW '1d'",
            1,
        );
        assert_syntax_error(
            "ALTER SYSTEM ADD RESTORE SOURCE 'x'",
            "RESTORE SOURCE 'x'",
            1,
        );
    }

    #[test]
    fn cancel_delete_backup() {
        assert_eq!(
            alter("ALTER SYSTEM CANCEL DELETE BACKUP"),
            AlterSystem::CancelDeleteBackup {
                tenants: None,
                description: None
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM CANCEL DELETE BACKUP TENANT = t1, t2 DESCRIPTION 'x'"),
            AlterSystem::CancelDeleteBackup {
                tenants: Some(names(&["t1", "t2"])),
                description: some_string("x")
            }
        );
    }

    #[test]
    fn rejected_and_legacy_forms() {
        let cases = [
            (
                "ALTER SYSTEM DELETE BACKUPSET 1",
                RejectedForm::DeleteBackup,
            ),
            (
                "ALTER SYSTEM DELETE BACKUPPIECE 3 COPY 1 TENANT = t1 DESCRIPTION 'x'",
                RejectedForm::DeleteBackup,
            ),
            (
                "ALTER SYSTEM DELETE OBSOLETE BACKUP",
                RejectedForm::DeleteBackup,
            ),
            ("ALTER SYSTEM BACKUP KEY", RejectedForm::BackupKey),
            (
                "ALTER SYSTEM BACKUP KEY TENANT = t1 TO 'x' ENCRYPTED BY 'p'",
                RejectedForm::BackupKey,
            ),
            ("ALTER SYSTEM VALIDATE DATABASE", RejectedForm::Legacy),
            (
                "ALTER SYSTEM VALIDATE BACKUPSET 5 COPY 2",
                RejectedForm::Legacy,
            ),
            ("ALTER SYSTEM BACKUP BACKUPSET ALL", RejectedForm::Legacy),
            (
                "ALTER SYSTEM BACKUP BACKUPPIECE = 3 WITH ACTIVE",
                RejectedForm::Legacy,
            ),
            ("ALTER SYSTEM START BACKUP ARCHIVELOG", RejectedForm::Legacy),
            ("alter system stop backup archivelog", RejectedForm::Legacy),
            ("ALTER SYSTEM SUSPEND BACKUP", RejectedForm::Legacy),
            ("ALTER SYSTEM RESUME BACKUP", RejectedForm::Legacy),
            ("ALTER SYSTEM CANCEL BACKUP BACKUPSET", RejectedForm::Legacy),
            (
                "ALTER SYSTEM CANCEL BACKUP BACKUPPIECE",
                RejectedForm::Legacy,
            ),
            ("ALTER SYSTEM CANCEL VALIDATE 7", RejectedForm::Legacy),
        ];
        for (sql, form) in cases {
            assert_eq!(alter(sql), AlterSystem::Rejected(form), "{sql}");
        }
        assert_syntax_error("ALTER SYSTEM DELETE TENANT t1", "TENANT t1", 1);
        assert_syntax_error("ALTER SYSTEM START MERGE", "MERGE", 1);
        assert_syntax_error("ALTER SYSTEM CANCEL VALIDATE x", "x", 1);
        assert_syntax_error("ALTER SYSTEM VALIDATE", "", 1);
        assert_syntax_error("ALTER SYSTEM DELETE BACKUPSET 1 @", "@", 1);
        assert_syntax_error("ALTER SYSTEM BACKUP INCREMENTAL KEY", "KEY", 1);
    }

    // ----- RESTORE ------------------------------------------------------------------------

    fn restore_tenant(name: &str, quoted: bool) -> Option<RestoreTenantName> {
        Some(RestoreTenantName {
            name: name.to_string(),
            quoted,
        })
    }

    #[test]
    fn restore_with_every_clause() {
        assert_eq!(
            alter(
                "ALTER SYSTEM RESTORE mysql_r FROM 'file:///d,file:///a' UNTIL TIME = '2024-05-09 18:00:00' \
                 WITH 'pool_list=p&primary_zone=z1' ENCRYPTED BY 'k' DESCRIPTION = 'r'"
            ),
            AlterSystem::Restore(Restore {
                tenant: restore_tenant("mysql_r", false),
                from: some_string("file:///d,file:///a"),
                until: Some(RestoreUntil::Time("2024-05-09 18:00:00".into())),
                with: some_string("pool_list=p&primary_zone=z1"),
                encrypted_by: some_string("k"),
                description: some_string("r"),
                preview: false,
            })
        );
    }

    #[test]
    fn restore_until_scn_and_minimal_forms() {
        assert_eq!(
            alter(
                "ALTER SYSTEM RESTORE r FROM 'x' UNTIL SCN = 1715248598352783000 WITH 'pool_list=p'"
            ),
            AlterSystem::Restore(Restore {
                tenant: restore_tenant("r", false),
                from: some_string("x"),
                until: Some(RestoreUntil::Scn(1_715_248_598_352_783_000)),
                with: some_string("pool_list=p"),
                encrypted_by: None,
                description: None,
                preview: false,
            })
        );
        assert_eq!(
            alter("ALTER SYSTEM RESTORE r UNTIL SCN=0"),
            AlterSystem::Restore(Restore {
                tenant: restore_tenant("r", false),
                from: None,
                until: Some(RestoreUntil::Scn(0)),
                with: None,
                encrypted_by: None,
                description: None,
                preview: false,
            })
        );
    }

    #[test]
    fn restore_tenant_name_quoting() {
        for (sql, name, quoted) in [
            ("ALTER SYSTEM RESTORE `all` WITH 'p'", "all", true),
            ("ALTER SYSTEM RESTORE 'all_user' WITH 'p'", "all_user", true),
            ("ALTER SYSTEM RESTORE \"t$1\" WITH 'p'", "t$1", true),
            ("ALTER SYSTEM RESTORE All_Meta WITH 'p'", "All_Meta", false),
            ("ALTER SYSTEM RESTORE t$1 WITH 'p'", "t$1", false),
        ] {
            match alter(sql) {
                AlterSystem::Restore(Restore { tenant, .. }) => {
                    assert_eq!(tenant, restore_tenant(name, quoted), "{sql}")
                }
                other => panic!("{sql}: {other:?}"),
            }
        }
    }

    #[test]
    fn restore_preview() {
        assert_eq!(
            alter(
                "ALTER SYSTEM RESTORE FROM 'file:///d' UNTIL TIME = '2024-01-01 00:00:00' PREVIEW"
            ),
            AlterSystem::Restore(Restore {
                tenant: None,
                from: some_string("file:///d"),
                until: Some(RestoreUntil::Time("2024-01-01 00:00:00".into())),
                with: None,
                encrypted_by: None,
                description: None,
                preview: true,
            })
        );
        assert_eq!(
            alter("ALTER SYSTEM RESTORE FROM 'file:///d' PREVIEW"),
            AlterSystem::Restore(Restore {
                tenant: None,
                from: some_string("file:///d"),
                until: None,
                with: None,
                encrypted_by: None,
                description: None,
                preview: true,
            })
        );
        assert_syntax_error("ALTER SYSTEM RESTORE FROM 'x' WITH 'p'", "WITH 'p'", 1);
    }

    #[test]
    fn restore_of_unquoted_all_is_the_reference_syntax_error() {
        let sql = "ALTER SYSTEM RESTORE all FROM 'file:///log,file:///data' UNTIL TIME='2023-11-11 15:04:23.825558' with 'pool_list=pool_1&primary_zone=z1'";
        let near =
            "all FROM 'file:///log,file:///data' UNTIL TIME='2023-11-11 15:04:23.825558' with";
        assert_eq!(near.len(), 80);
        assert_syntax_error(sql, near, 1);
        assert_eq!(
            parse_statement(sql).map_err(|error| error.to_string()),
            Err(format!(
                "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '{near}' at line 1"
            ))
        );
        assert_syntax_error("ALTER SYSTEM RESTORE ALL WITH 'p'", "ALL WITH 'p'", 1);
        assert_syntax_error("ALTER SYSTEM RESTORE AlL WITH 'p'", "AlL WITH 'p'", 1);
    }

    #[test]
    fn restore_syntax_errors() {
        assert_syntax_error(
            "ALTER SYSTEM RESTORE r FROM 'x' UNTIL TIME '2024-01-01 00:00:00' WITH 'pool_list=p'",
            "'2024-01-01 00:00:00' WITH 'pool_list=p'",
            1,
        );
        assert_syntax_error(
            "ALTER SYSTEM RESTORE r UNTIL SCN 5 WITH 'p'",
            "5 WITH 'p'",
            1,
        );
        assert_syntax_error(
            "ALTER SYSTEM RESTORE r UNTIL SCN = -5 WITH 'p'",
            "-5 WITH 'p'",
            1,
        );
        assert_syntax_error("ALTER SYSTEM RESTORE r UNTIL SCN = 1.5", "1.5", 1);
        assert_syntax_error("ALTER SYSTEM RESTORE r UNTIL NOW", "NOW", 1);
        assert_syntax_error(
            "ALTER SYSTEM RESTORE r WITH 'p' WITH KEY FROM 'k'",
            "WITH KEY FROM 'k'",
            1,
        );
        assert_syntax_error("ALTER SYSTEM RESTORE r WITH 'p' PREVIEW", "PREVIEW", 1);
        assert_syntax_error("ALTER SYSTEM RESTORE", "", 1);
    }

    #[test]
    fn cancel_restore_and_activate_standby() {
        assert_eq!(
            alter("ALTER SYSTEM CANCEL RESTORE mysql_r"),
            AlterSystem::CancelRestore {
                tenant: "mysql_r".into()
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM CANCEL RESTORE `x`"),
            AlterSystem::CancelRestore { tenant: "x".into() }
        );
        assert_syntax_error("ALTER SYSTEM CANCEL RESTORE 'x'", "'x'", 1);
        assert_eq!(
            alter("ALTER SYSTEM ACTIVATE STANDBY TENANT = standby1"),
            AlterSystem::ActivateStandby {
                tenant: "standby1".into()
            }
        );
        assert_eq!(
            alter("ALTER SYSTEM ACTIVATE STANDBY TENANT 's'"),
            AlterSystem::ActivateStandby { tenant: "s".into() }
        );
        assert_syntax_error("ALTER SYSTEM ACTIVATE STANDBY", "", 1);
    }

    // ----- SET ENCRYPTION / DECRYPTION ------------------------------------------------------

    #[test]
    fn set_encryption_and_decryption() {
        assert_eq!(
            parse("SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY"),
            Statement::SetEncryption {
                password: "pw".into()
            }
        );
        assert_eq!(
            parse("set decryption identified by 'a', 'b'"),
            Statement::SetDecryption {
                passwords: names(&["a", "b"])
            }
        );
        assert_eq!(
            parse("SET DECRYPTION IDENTIFIED BY 'only'"),
            Statement::SetDecryption {
                passwords: names(&["only"])
            }
        );
        assert_syntax_error("SET ENCRYPTION ON IDENTIFIED BY 'pw'", "", 1);
        assert_syntax_error("SET ENCRYPTION OFF", "OFF", 1);
        assert_syntax_error("SET ENCRYPTION ON IDENTIFIED BY pw ONLY", "pw ONLY", 1);
        assert_syntax_error("SET DECRYPTION IDENTIFIED BY 'a',", "", 1);
        assert_syntax_error("SET NAMES utf8mb4", "NAMES utf8mb4", 1);
        assert_syntax_error("SET autocommit = 1", "autocommit = 1", 1);
    }

    // ----- SELECT ---------------------------------------------------------------------------

    #[test]
    fn select_star_from_system_views() {
        for (sql, parts) in [
            (
                "SELECT * FROM oceanbase.DBA_OB_BACKUP_JOBS",
                vec!["oceanbase", "DBA_OB_BACKUP_JOBS"],
            ),
            (
                "select * from SYS.DBA_OB_BACKUP_JOBS",
                vec!["SYS", "DBA_OB_BACKUP_JOBS"],
            ),
            (
                "SELECT * FROM oceanbase.GV$OB_PARAMETERS",
                vec!["oceanbase", "GV$OB_PARAMETERS"],
            ),
            (
                "SELECT * FROM __all_virtual_backup_task",
                vec!["__all_virtual_backup_task"],
            ),
            ("SELECT * FROM `db`.`t`", vec!["db", "t"]),
        ] {
            assert_eq!(
                select(sql),
                Select {
                    distinct: false,
                    projection: vec![SelectItem::Wildcard],
                    from: Some(ObjectName(names(&parts))),
                    selection: None,
                    group_by: Vec::new(),
                    having: None,
                    order_by: Vec::new(),
                    limit: None,
                    offset: None,
                },
                "{sql}"
            );
        }
    }

    #[test]
    fn select_with_every_clause() {
        let query = select(
            "SELECT DISTINCT tenant_id, COUNT(*) AS n FROM oceanbase.DBA_OB_BACKUP_JOBS \
             WHERE status = 'DOING' AND job_id > 1 GROUP BY tenant_id HAVING COUNT(*) >= 1 \
             ORDER BY tenant_id DESC, n LIMIT 10 OFFSET 5",
        );
        let count_star = Expr::Function {
            name: "COUNT".into(),
            args: Vec::new(),
            star: true,
            distinct: false,
        };
        assert_eq!(
            query,
            Select {
                distinct: true,
                projection: vec![
                    SelectItem::Expr {
                        expr: column("tenant_id"),
                        alias: None,
                        text: "tenant_id".into()
                    },
                    SelectItem::Expr {
                        expr: count_star.clone(),
                        alias: some_string("n"),
                        text: "COUNT(*)".into()
                    },
                ],
                from: Some(ObjectName(names(&["oceanbase", "DBA_OB_BACKUP_JOBS"]))),
                selection: Some(binary(
                    binary(column("status"), BinaryOp::Eq, string("DOING")),
                    BinaryOp::And,
                    binary(column("job_id"), BinaryOp::Gt, number("1"))
                )),
                group_by: vec![column("tenant_id")],
                having: Some(binary(count_star, BinaryOp::GtEq, number("1"))),
                order_by: vec![
                    OrderByExpr {
                        expr: column("tenant_id"),
                        asc: false
                    },
                    OrderByExpr {
                        expr: column("n"),
                        asc: true
                    },
                ],
                limit: Some(10),
                offset: Some(5),
            }
        );
    }

    #[test]
    fn limit_forms() {
        let limits = |sql: &str| {
            let query = select(sql);
            (query.limit, query.offset)
        };
        assert_eq!(limits("SELECT 1 LIMIT 3"), (Some(3), None));
        assert_eq!(limits("SELECT 1 LIMIT 3 OFFSET 4"), (Some(3), Some(4)));
        assert_eq!(limits("SELECT 1 LIMIT 4, 3"), (Some(3), Some(4)));
        assert_syntax_error("SELECT 1 LIMIT -1", "-1", 1);
        assert_syntax_error("SELECT 1 LIMIT 1.5", "1.5", 1);
        assert_syntax_error(
            "SELECT 1 LIMIT 99999999999999999999",
            "99999999999999999999",
            1,
        );
    }

    #[test]
    fn select_item_texts_and_aliases() {
        let query = select(
            "SELECT COUNT(*), NOW(), 1+1, 1 + 1 AS two, max( job_id ) m, 'a' \"b\", x `y`, a.b, \
             COUNT(DISTINCT tenant_id), - 5, (1) 'p'",
        );
        let texts: Vec<(String, Option<String>)> = query
            .projection
            .into_iter()
            .map(|item| match item {
                SelectItem::Expr { text, alias, .. } => (text, alias),
                SelectItem::Wildcard => ("*".to_string(), None),
            })
            .collect();
        let expected: Vec<(String, Option<String>)> = [
            ("COUNT(*)", None),
            ("NOW()", None),
            ("1+1", None),
            ("1 + 1", Some("two")),
            ("max( job_id )", Some("m")),
            ("'a'", Some("b")),
            ("x", Some("y")),
            ("a.b", None),
            ("COUNT(DISTINCT tenant_id)", None),
            ("- 5", None),
            ("(1)", Some("p")),
        ]
        .into_iter()
        .map(|(text, alias)| (text.to_string(), alias.map(str::to_string)))
        .collect();
        assert_eq!(texts, expected);
    }

    #[test]
    fn wildcard_only_comes_first() {
        assert_eq!(
            select("SELECT *, 1").projection.first(),
            Some(&SelectItem::Wildcard)
        );
        assert_syntax_error("SELECT 1, *", "*", 1);
        assert_syntax_error("SELECT", "", 1);
        assert_syntax_error("SELECT 1 +", "", 1);
        assert_syntax_error("SELECT 1 AS", "", 1);
        assert_syntax_error("SELECT 1 AS FROM", "FROM", 1);
        assert_syntax_error("SELECT * FROM t x", "x", 1);
        assert_syntax_error("SELECT * FROM", "", 1);
        assert_syntax_error("SELECT * FROM t WHERE", "", 1);
        assert_syntax_error("SELECT FROM t", "FROM t", 1);
        assert_syntax_error("SELECT t.* FROM t", "* FROM t", 1);
        assert_syntax_error("SELECT 1; SELECT 2", "; SELECT 2", 1);
    }

    #[test]
    fn functions() {
        assert_eq!(
            expr("COUNT(DISTINCT a, b)"),
            Expr::Function {
                name: "COUNT".into(),
                args: vec![column("a"), column("b")],
                star: false,
                distinct: true
            }
        );
        assert_eq!(
            expr("now()"),
            Expr::Function {
                name: "now".into(),
                args: Vec::new(),
                star: false,
                distinct: false
            }
        );
        assert_eq!(
            expr("database()"),
            Expr::Function {
                name: "database".into(),
                args: Vec::new(),
                star: false,
                distinct: false
            }
        );
        assert_eq!(
            expr("CURRENT_TIMESTAMP"),
            Expr::Function {
                name: "CURRENT_TIMESTAMP".into(),
                args: Vec::new(),
                star: false,
                distinct: false
            }
        );
        assert_eq!(
            expr("IF(a, 1, 2)"),
            Expr::Function {
                name: "IF".into(),
                args: vec![column("a"), number("1"), number("2")],
                star: false,
                distinct: false
            }
        );
        assert_syntax_error("SELECT COUNT(*, a)", ", a)", 1);
        assert_syntax_error("SELECT f(a,)", ")", 1);
    }

    #[test]
    fn arithmetic_precedence_and_associativity() {
        assert_eq!(
            expr("1 + 2 * 3 - 4"),
            binary(
                binary(
                    number("1"),
                    BinaryOp::Plus,
                    binary(number("2"), BinaryOp::Multiply, number("3"))
                ),
                BinaryOp::Minus,
                number("4")
            )
        );
        assert_eq!(
            expr("8 / 4 % 3 MOD 2"),
            binary(
                binary(
                    binary(number("8"), BinaryOp::Divide, number("4")),
                    BinaryOp::Modulo,
                    number("3")
                ),
                BinaryOp::Modulo,
                number("2")
            )
        );
        assert_eq!(
            expr("-a * +2"),
            binary(
                Expr::Unary {
                    op: UnaryOp::Minus,
                    expr: Box::new(column("a"))
                },
                BinaryOp::Multiply,
                Expr::Unary {
                    op: UnaryOp::Plus,
                    expr: Box::new(number("2"))
                }
            )
        );
        assert_eq!(
            expr("(1 + 2) * 3"),
            binary(
                Expr::Nested(Box::new(binary(number("1"), BinaryOp::Plus, number("2")))),
                BinaryOp::Multiply,
                number("3")
            )
        );
        assert_eq!(
            expr("1--1"),
            binary(
                number("1"),
                BinaryOp::Minus,
                Expr::Unary {
                    op: UnaryOp::Minus,
                    expr: Box::new(number("1"))
                }
            )
        );
    }

    #[test]
    fn logical_precedence() {
        let not = |inner: Expr| Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(inner),
        };
        assert_eq!(
            expr("a OR b AND c"),
            binary(
                column("a"),
                BinaryOp::Or,
                binary(column("b"), BinaryOp::And, column("c"))
            )
        );
        assert_eq!(
            expr("NOT a = 1 AND b"),
            binary(
                not(binary(column("a"), BinaryOp::Eq, number("1"))),
                BinaryOp::And,
                column("b")
            )
        );
        assert_eq!(
            expr("a AND NOT NOT b"),
            binary(column("a"), BinaryOp::And, not(not(column("b"))))
        );
        assert_eq!(
            expr("a = 1 + 2"),
            binary(
                column("a"),
                BinaryOp::Eq,
                binary(number("1"), BinaryOp::Plus, number("2"))
            )
        );
        assert_eq!(
            expr("a <> 1 OR b != 2 OR c < 3 OR d <= 4 OR e >= 5"),
            binary(
                binary(
                    binary(
                        binary(
                            binary(column("a"), BinaryOp::NotEq, number("1")),
                            BinaryOp::Or,
                            binary(column("b"), BinaryOp::NotEq, number("2"))
                        ),
                        BinaryOp::Or,
                        binary(column("c"), BinaryOp::Lt, number("3"))
                    ),
                    BinaryOp::Or,
                    binary(column("d"), BinaryOp::LtEq, number("4"))
                ),
                BinaryOp::Or,
                binary(column("e"), BinaryOp::GtEq, number("5"))
            )
        );
        assert_syntax_error("SELECT 1 + NOT 0", "NOT 0", 1);
        assert_syntax_error("SELECT a NOT 5", "5", 1);
    }

    #[test]
    fn predicates() {
        assert_eq!(
            expr("a IS NULL"),
            Expr::IsNull {
                expr: Box::new(column("a")),
                negated: false
            }
        );
        assert_eq!(
            expr("a IS NOT NULL AND b"),
            binary(
                Expr::IsNull {
                    expr: Box::new(column("a")),
                    negated: true
                },
                BinaryOp::And,
                column("b")
            )
        );
        assert_eq!(
            expr("status NOT IN ('A', 'B')"),
            Expr::InList {
                expr: Box::new(column("status")),
                negated: true,
                list: vec![string("A"), string("B")]
            }
        );
        assert_eq!(
            expr("name LIKE 'ha\\_%'"),
            Expr::Like {
                expr: Box::new(column("name")),
                negated: false,
                pattern: Box::new(string("ha\\_%"))
            }
        );
        assert_eq!(
            expr("a NOT LIKE 'x'"),
            Expr::Like {
                expr: Box::new(column("a")),
                negated: true,
                pattern: Box::new(string("x"))
            }
        );
        assert_eq!(
            expr("a BETWEEN 1 AND 2 + 1 AND b"),
            binary(
                Expr::Between {
                    expr: Box::new(column("a")),
                    negated: false,
                    low: Box::new(number("1")),
                    high: Box::new(binary(number("2"), BinaryOp::Plus, number("1")))
                },
                BinaryOp::And,
                column("b")
            )
        );
        assert_eq!(
            expr("a NOT BETWEEN 1 AND 2"),
            Expr::Between {
                expr: Box::new(column("a")),
                negated: true,
                low: Box::new(number("1")),
                high: Box::new(number("2"))
            }
        );
        assert_syntax_error("SELECT a IS 5", "5", 1);
        assert_syntax_error("SELECT a IN ()", ")", 1);
        assert_syntax_error("SELECT a BETWEEN 1", "", 1);
    }

    #[test]
    fn literals_and_columns() {
        assert_eq!(expr("NULL"), Expr::Literal(Literal::Null));
        assert_eq!(expr("true"), Expr::Literal(Literal::Bool(true)));
        assert_eq!(expr("FALSE"), Expr::Literal(Literal::Bool(false)));
        assert_eq!(expr("1.50"), number("1.50"));
        assert_eq!(expr("'it''s'"), string("it's"));
        assert_eq!(expr("db.t.`c`"), Expr::Column(names(&["db", "t", "c"])));
        assert_eq!(expr("t.`order`"), Expr::Column(names(&["t", "order"])));
        assert_eq!(expr("t.order"), Expr::Column(names(&["t", "order"])));
        assert_syntax_error("SELECT a.b.c.d", ".d", 1);
        assert_syntax_error("SELECT order", "order", 1);
    }

    // ----- SHOW / DESC / USE ----------------------------------------------------------------

    #[test]
    fn show_statements() {
        assert_eq!(
            parse("SHOW PARAMETERS"),
            Statement::Show(Show::Parameters {
                like: None,
                tenant: None
            })
        );
        assert_eq!(
            parse("SHOW PARAMETERS LIKE 'ha_%' TENANT = t1"),
            Statement::Show(Show::Parameters {
                like: some_string("ha_%"),
                tenant: some_string("t1")
            })
        );
        assert_eq!(
            parse("show parameters tenant all_user"),
            Statement::Show(Show::Parameters {
                like: None,
                tenant: some_string("all_user")
            })
        );
        assert_eq!(parse("SHOW TENANTS"), Statement::Show(Show::Tenants));
        assert_eq!(parse("show databases"), Statement::Show(Show::Databases));
        assert_eq!(
            parse("SHOW TABLES"),
            Statement::Show(Show::Tables { database: None })
        );
        assert_eq!(
            parse("SHOW TABLES FROM oceanbase"),
            Statement::Show(Show::Tables {
                database: some_string("oceanbase")
            })
        );
        assert_eq!(
            parse("SHOW CREATE TABLE test.t1"),
            Statement::Show(Show::CreateTable {
                name: ObjectName(names(&["test", "t1"]))
            })
        );
        assert_syntax_error("SHOW PARAMETERS LIKE ha", "ha", 1);
        assert_syntax_error("SHOW PARAMETERS WHERE a = 1", "WHERE a = 1", 1);
        assert_syntax_error("SHOW STATUS", "STATUS", 1);
        assert_syntax_error("SHOW", "", 1);
    }

    #[test]
    fn describe_and_use() {
        assert_eq!(
            parse("DESC oceanbase.DBA_OB_BACKUP_JOBS"),
            Statement::Describe {
                name: ObjectName(names(&["oceanbase", "DBA_OB_BACKUP_JOBS"]))
            }
        );
        assert_eq!(
            parse("describe t1"),
            Statement::Describe {
                name: ObjectName(names(&["t1"]))
            }
        );
        assert_eq!(
            parse("USE oceanbase"),
            Statement::Use {
                database: "oceanbase".into()
            }
        );
        assert_eq!(
            parse("use `my db`;"),
            Statement::Use {
                database: "my db".into()
            }
        );
        assert_syntax_error("EXPLAIN t1", "EXPLAIN t1", 1);
        assert_syntax_error("USE", "", 1);
    }

    // ----- DDL ----------------------------------------------------------------------------

    #[test]
    fn create_and_drop_database() {
        assert_eq!(
            parse("CREATE DATABASE test"),
            Statement::CreateDatabase {
                name: "test".into(),
                if_not_exists: false
            }
        );
        assert_eq!(
            parse("create database if not exists test default charset = utf8mb4"),
            Statement::CreateDatabase {
                name: "test".into(),
                if_not_exists: true
            }
        );
        assert_eq!(
            parse("DROP DATABASE test"),
            Statement::DropDatabase {
                name: "test".into(),
                if_exists: false
            }
        );
        assert_eq!(
            parse("DROP DATABASE IF EXISTS `test`"),
            Statement::DropDatabase {
                name: "test".into(),
                if_exists: true
            }
        );
        assert_syntax_error("CREATE DATABASE IF EXISTS t", "EXISTS t", 1);
        assert_syntax_error("DROP DATABASE IF NOT EXISTS t", "NOT EXISTS t", 1);
        assert_syntax_error("CREATE USER u", "USER u", 1);
    }

    #[test]
    fn create_table_with_every_column_form() {
        let statement = parse(
            "CREATE TABLE IF NOT EXISTS test.t1 (
                id INT NOT NULL PRIMARY KEY,
                big BIGINT(20) DEFAULT -1,
                price DECIMAL(12, 2) NULL,
                plain DECIMAL,
                num NUMBER(5),
                name VARCHAR(64) NOT NULL DEFAULT 'x' COMMENT 'the name',
                name2 VARCHAR2(10),
                code CHAR(3),
                flag CHAR,
                created DATETIME(6) DEFAULT NULL,
                day DATE,
                ts TIMESTAMP,
                n INTEGER DEFAULT 5
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT 'c', REPLICA_NUM = 1",
        );
        let column_def =
            |name: &str, data_type: DataType, not_null: bool, default: Option<Literal>| ColumnDef {
                name: name.to_string(),
                data_type,
                not_null,
                default,
            };
        assert_eq!(
            statement,
            Statement::CreateTable(CreateTable {
                name: ObjectName(names(&["test", "t1"])),
                if_not_exists: true,
                columns: vec![
                    column_def("id", DataType::Int, true, None),
                    column_def(
                        "big",
                        DataType::BigInt,
                        false,
                        Some(Literal::Number("-1".into()))
                    ),
                    column_def("price", DataType::Decimal(12, 2), false, None),
                    column_def("plain", DataType::Decimal(10, 0), false, None),
                    column_def("num", DataType::Decimal(5, 0), false, None),
                    column_def(
                        "name",
                        DataType::Varchar(64),
                        true,
                        Some(Literal::String("x".into()))
                    ),
                    column_def("name2", DataType::Varchar(10), false, None),
                    column_def("code", DataType::Varchar(3), false, None),
                    column_def("flag", DataType::Varchar(1), false, None),
                    column_def("created", DataType::DateTime, false, Some(Literal::Null)),
                    column_def("day", DataType::DateTime, false, None),
                    column_def("ts", DataType::DateTime, false, None),
                    column_def("n", DataType::Int, false, Some(Literal::Number("5".into()))),
                ],
                primary_key: names(&["id"]),
            })
        );
    }

    #[test]
    fn create_table_with_a_primary_key_constraint() {
        assert_eq!(
            parse("create table t (a int, b varchar(10), primary key (a, b))"),
            Statement::CreateTable(CreateTable {
                name: ObjectName(names(&["t"])),
                if_not_exists: false,
                columns: vec![
                    ColumnDef {
                        name: "a".into(),
                        data_type: DataType::Int,
                        not_null: false,
                        default: None
                    },
                    ColumnDef {
                        name: "b".into(),
                        data_type: DataType::Varchar(10),
                        not_null: false,
                        default: None
                    },
                ],
                primary_key: names(&["a", "b"]),
            })
        );
    }

    #[test]
    fn create_table_syntax_errors() {
        assert_syntax_error("CREATE TABLE t (a BLOB)", "BLOB)", 1);
        assert_syntax_error("CREATE TABLE t (a VARCHAR)", ")", 1);
        assert_syntax_error("CREATE TABLE t (a DECIMAL(300, 2))", "300, 2))", 1);
        assert_syntax_error(
            "CREATE TABLE t (a INT DEFAULT CURRENT_TIMESTAMP)",
            "CURRENT_TIMESTAMP)",
            1,
        );
        assert_syntax_error("CREATE TABLE t (a INT", "", 1);
        assert_syntax_error("CREATE TABLE t ()", ")", 1);
        assert_syntax_error("CREATE TABLE t (a INT) ENGINE=", "", 1);
        assert_syntax_error("CREATE TABLE t (a INT) PARTITION BY HASH(a)", "(a)", 1);
        assert_syntax_error(
            "CREATE TABLE t (a INT AUTO_INCREMENT)",
            "AUTO_INCREMENT)",
            1,
        );
        assert_syntax_error("CREATE TABLE t (a INT) ENGINE", "", 1);
    }

    #[test]
    fn drop_and_truncate_table() {
        assert_eq!(
            parse("DROP TABLE t1"),
            Statement::DropTable {
                names: vec![ObjectName(names(&["t1"]))],
                if_exists: false
            }
        );
        assert_eq!(
            parse("DROP TABLE IF EXISTS t1, test.t2"),
            Statement::DropTable {
                names: vec![
                    ObjectName(names(&["t1"])),
                    ObjectName(names(&["test", "t2"]))
                ],
                if_exists: true
            }
        );
        assert_eq!(
            parse("TRUNCATE TABLE t1"),
            Statement::TruncateTable {
                name: ObjectName(names(&["t1"]))
            }
        );
        assert_eq!(
            parse("truncate test.t1"),
            Statement::TruncateTable {
                name: ObjectName(names(&["test", "t1"]))
            }
        );
        assert_syntax_error("DROP TABLE", "", 1);
        assert_syntax_error("DROP VIEW v", "VIEW v", 1);
    }

    // ----- DML ----------------------------------------------------------------------------

    #[test]
    fn insert_forms() {
        assert_eq!(
            parse("INSERT INTO t1 (a, b) VALUES (1, 'x'), (-2, NULL)"),
            Statement::Insert(Insert {
                table: ObjectName(names(&["t1"])),
                columns: names(&["a", "b"]),
                rows: vec![
                    vec![number("1"), string("x")],
                    vec![
                        Expr::Unary {
                            op: UnaryOp::Minus,
                            expr: Box::new(number("2"))
                        },
                        Expr::Literal(Literal::Null)
                    ],
                ],
            })
        );
        assert_eq!(
            parse("insert into test.t1 values (1+1)"),
            Statement::Insert(Insert {
                table: ObjectName(names(&["test", "t1"])),
                columns: Vec::new(),
                rows: vec![vec![binary(number("1"), BinaryOp::Plus, number("1"))]],
            })
        );
        assert_eq!(
            parse("INSERT INTO t1 () VALUES ()"),
            Statement::Insert(Insert {
                table: ObjectName(names(&["t1"])),
                columns: Vec::new(),
                rows: vec![Vec::new()],
            })
        );
        assert_syntax_error("INSERT INTO t1 VALUES", "", 1);
        assert_syntax_error("INSERT INTO t1 VALUES (1),", "", 1);
        assert_syntax_error("INSERT INTO t1 SELECT 1", "SELECT 1", 1);
    }

    #[test]
    fn update_and_delete() {
        assert_eq!(
            parse("UPDATE t1 SET a = a + 1, b = 'y' WHERE id = 3"),
            Statement::Update(Update {
                table: ObjectName(names(&["t1"])),
                assignments: vec![
                    ("a".into(), binary(column("a"), BinaryOp::Plus, number("1"))),
                    ("b".into(), string("y")),
                ],
                selection: Some(binary(column("id"), BinaryOp::Eq, number("3"))),
            })
        );
        assert_eq!(
            parse("update test.t1 set a = 1"),
            Statement::Update(Update {
                table: ObjectName(names(&["test", "t1"])),
                assignments: vec![("a".into(), number("1"))],
                selection: None,
            })
        );
        assert_eq!(
            parse("DELETE FROM t1 WHERE a IS NULL"),
            Statement::Delete(Delete {
                table: ObjectName(names(&["t1"])),
                selection: Some(Expr::IsNull {
                    expr: Box::new(column("a")),
                    negated: false
                }),
            })
        );
        assert_eq!(
            parse("delete from t1"),
            Statement::Delete(Delete {
                table: ObjectName(names(&["t1"])),
                selection: None,
            })
        );
        assert_syntax_error("UPDATE t1 SET a 1", "1", 1);
        assert_syntax_error("DELETE t1", "t1", 1);
        assert_syntax_error("DELETE FROM t1 LIMIT 1", "LIMIT 1", 1);
    }

    // ----- the 1064 text ------------------------------------------------------------------

    #[test]
    fn empty_input_is_a_syntax_error_at_the_end() {
        assert_syntax_error("", "", 1);
        assert_syntax_error("   ", "", 1);
        assert_syntax_error(";", "", 1);
        assert_syntax_error("-- only a comment", "", 1);
        assert_syntax_error("\n\n", "", 1);
    }

    #[test]
    fn unterminated_strings_and_comments_report_from_the_opening_quote() {
        assert_syntax_error("SELECT 'abc", "'abc", 1);
        assert_syntax_error("SELECT \"abc;", "\"abc;", 1);
        assert_syntax_error("ALTER SYSTEM SET x = 'a\\'", "'a\\'", 1);
        assert_syntax_error("SELECT `abc", "`abc", 1);
        assert_syntax_error("SELECT 1 /* never closed", "/* never closed", 1);
        assert_syntax_error("ALTER /*+ hint SYSTEM BACKUP", "/*+ hint SYSTEM BACKUP", 1);
        assert_syntax_error("SELECT @x", "@x", 1);
        assert_syntax_error("SELECT 1 FROM t WHERE a = ?", "?", 1);
    }

    #[test]
    fn an_earlier_error_wins_over_a_later_lexing_problem() {
        assert_syntax_error("ALTER SYSTEM SET a 5 'unterminated", "5 'unterminated", 1);
    }

    #[test]
    fn multi_line_statements_report_the_line_of_the_token() {
        assert_syntax_error(
            "ALTER SYSTEM\n  BACKUP DATABASE\n  INCREMENTAL",
            "INCREMENTAL",
            3,
        );
        assert_syntax_error("SELECT a,\n       b\n  FROM t\n WHERE a = = 1;", "= 1", 4);
        assert_syntax_error(
            "ALTER SYSTEM RESTORE r FROM 'x'\nUNTIL TIME\n'2024-01-01' WITH 'p'",
            "'2024-01-01' WITH 'p'",
            3,
        );
        // A newline inside a string counts.
        assert_syntax_error("SELECT 'a\nb' c d", "d", 2);
        // At the end of input the line is that of the statement's end.
        assert_syntax_error("ALTER SYSTEM SET x = 1 TENANT = a,\n  b", "", 2);
        // ... not counting the blank lines before the `;`.
        assert_syntax_error("SELECT 1 +\n\n  ;\n", "", 1);
        // near keeps the newlines as typed.
        assert_syntax_error("SELECT 1\nFROM t\nx\ny", "x\ny", 3);
    }

    #[test]
    fn near_text_is_cut_to_80_bytes_without_splitting_a_character() {
        let tail = "é".repeat(60);
        let sql = format!("SELECT 1 2 {tail}");
        let near = parse_statement(&sql).err().map(|error| error.message);
        let expected_near = format!("2 {}", "é".repeat(39));
        assert_eq!(expected_near.len(), 80);
        assert_eq!(near, Some(ObError::parse(&expected_near, 1).message));

        let sql = format!("SELECT 1 22 {tail}");
        let expected_near = format!("22 {}", "é".repeat(38));
        assert_eq!(expected_near.len(), 79);
        assert_syntax_error(&sql, &expected_near, 1);
    }

    #[test]
    fn near_text_excludes_the_trailing_semicolon() {
        assert_syntax_error("ALTER SYSTEM SET a 5 ;", "5", 1);
        assert_syntax_error("ALTER SYSTEM SET a 5;  -- done", "5", 1);
    }

    // ----- robustness ---------------------------------------------------------------------

    #[test]
    fn nesting_is_limited_with_a_syntax_error() {
        let depth_ok = MAX_EXPRESSION_DEPTH - 1;
        let sql = format!("SELECT {}1{}", "(".repeat(depth_ok), ")".repeat(depth_ok));
        assert!(parse_statement(&sql).is_ok());

        let too_deep = MAX_EXPRESSION_DEPTH;
        let sql = format!("SELECT {}1{}", "(".repeat(too_deep), ")".repeat(too_deep));
        let near = format!("1{}", ")".repeat(79));
        assert_syntax_error(&sql, &near, 1);

        let sql = format!("SELECT {}1", "-".repeat(MAX_EXPRESSION_DEPTH));
        assert_syntax_error(&sql, "1", 1);
        let sql = format!("SELECT {}1", "NOT ".repeat(MAX_EXPRESSION_DEPTH));
        assert_syntax_error(&sql, "1", 1);
        let sql = format!("SELECT {}1{}", "f(".repeat(too_deep), ")".repeat(too_deep));
        assert_syntax_error(&sql, &near, 1);
    }

    #[test]
    fn long_operator_chains_are_limited_too() {
        // Each `+` adds a level to the (left-deep) tree.
        let terms_ok = vec!["1"; MAX_EXPRESSION_DEPTH].join("+");
        assert!(parse_statement(&format!("SELECT {terms_ok}")).is_ok());
        let too_many = format!("SELECT {terms_ok}+1+2");
        assert_syntax_error(&too_many, "+2", 1);
        // Lists are wide, not deep.
        let list = vec!["1"; 10_000].join(", ");
        assert!(parse_statement(&format!("SELECT a IN ({list}), f({list})")).is_ok());
    }

    #[test]
    fn huge_inputs_fail_without_exhausting_the_stack() {
        for sql in [
            format!("SELECT {}", "(".repeat(100_000)),
            format!("SELECT {}", "f(".repeat(100_000)),
            format!("SELECT {}1", "- ".repeat(100_000)),
            format!("SELECT {}1", "NOT ".repeat(100_000)),
            format!("SELECT 1 IN ({}", "1 IN (".repeat(100_000)),
            format!("SELECT {}", "1 + ".repeat(100_000)),
            format!("SELECT {}1", "a BETWEEN ".repeat(100_000)),
        ] {
            assert!(parse_statement(&sql).is_err());
        }
    }

    #[test]
    fn the_tallest_accepted_expressions_need_little_stack() {
        // wasm has 1 MiB of stack for everything; the expression parser is iterative, so even
        // an unoptimised build needs only a few frames whatever the nesting.
        let depth = MAX_EXPRESSION_DEPTH - 2;
        let statements = [
            format!("SELECT {}1{}", "(".repeat(depth), ")".repeat(depth)),
            format!("SELECT {}1{}", "f(".repeat(depth), ")".repeat(depth)),
            format!("SELECT {}1", "- ".repeat(depth)),
            format!(
                "SELECT {}1{}",
                "(NOT ".repeat(depth / 2),
                ")".repeat(depth / 2)
            ),
            format!("SELECT {}", vec!["a"; depth].join(" OR ")),
            format!("SELECT 1 {}", "= 1 ".repeat(depth)),
        ];
        let outcome = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || statements.iter().all(|sql| parse_statement(sql).is_ok()))
            .map(|handle| handle.join());
        assert!(matches!(outcome, Ok(Ok(true))));
    }

    /// A tiny deterministic generator (xorshift64*), so the test needs no extra crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, bound: usize) -> usize {
            if bound == 0 {
                0
            } else {
                (self.next() % bound as u64) as usize
            }
        }
    }

    const CORPUS: &[&str] = &[
        "ALTER SYSTEM BACKUP INCREMENTAL TENANT = t1, `t2`, 'x', ALL TO = 'file:///p' PLUS ARCHIVELOG DESCRIPTION = 'd'",
        "ALTER SYSTEM BACKUP DATABASE",
        "ALTER /*+ hint */ SYSTEM CANCEL BACKUP TENANT t1",
        "ALTER SYSTEM NOARCHIVELOG TENANT = all DESCRIPTION 'x';",
        "ALTER SYSTEM SET a = -1 COMMENT 'c' SCOPE = BOTH ZONE = z1 TENANT = t1, b = 'x' SERVER '1:2'",
        "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'default' RECOVERY_WINDOW = '7d' REDUNDANCY 1 BACKUP_COPIES 2 TENANT t1",
        "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'",
        "ALTER SYSTEM CANCEL DELETE BACKUP TENANT t1 DESCRIPTION 'x'",
        "ALTER SYSTEM RESTORE `r` FROM 'file:///a,file:///b' UNTIL TIME = '2024-01-01 00:00:00' WITH 'pool_list=p' ENCRYPTED BY 'k' DESCRIPTION 'd'",
        "ALTER SYSTEM RESTORE FROM 'x' UNTIL SCN = 12345 PREVIEW",
        "ALTER SYSTEM CANCEL RESTORE r",
        "ALTER SYSTEM ACTIVATE STANDBY TENANT = s",
        "ALTER SYSTEM DELETE BACKUPSET 1 COPY 1",
        "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY",
        "SET DECRYPTION IDENTIFIED BY 'a', 'b'",
        "SELECT DISTINCT a, COUNT(*) AS n, COUNT(DISTINCT b) 'm', NOW(), 1+2*3 FROM oceanbase.GV$OB_PARAMETERS WHERE (a = 'x' OR NOT b <> 2) AND c BETWEEN 1 AND 2 AND d NOT IN (1, 2) AND e LIKE 'p%' AND f IS NOT NULL GROUP BY a HAVING n > 1 ORDER BY a DESC, b LIMIT 1, 2",
        "SELECT * FROM t LIMIT 5 OFFSET 6",
        "SHOW PARAMETERS LIKE 'ha%' TENANT = t1",
        "SHOW TABLES FROM db",
        "SHOW CREATE TABLE db.t",
        "DESCRIBE oceanbase.DBA_OB_BACKUP_JOBS",
        "USE `db`",
        "CREATE TABLE IF NOT EXISTS db.t (id INT NOT NULL PRIMARY KEY, d DECIMAL(10,2) DEFAULT -1.5, s VARCHAR(10) COMMENT 'x', PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        "DROP TABLE IF EXISTS a, b.c",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, \"y\\n\")",
        "UPDATE t SET a = a + 1 WHERE b = 2",
        "DELETE FROM t WHERE a IS NULL",
        "SELECT 'é租户', `列` FROM t -- comment\n WHERE x = 1 # more\n",
    ];

    /// Bytes that stress the lexer: quotes, escapes, comment starters, operators, and the
    /// first byte of a multibyte character.
    const INTERESTING_BYTES: &[u8] = b"'\"`\\/*-#;()=<>!@?.,+%0123456789aZ_$ \n\t\xc3\xa9\xe7";

    fn check_outcome(sql: &str) {
        if let Err(error) = parse_statement(sql) {
            assert_eq!(error.errno, 1064, "{sql:?}: {error}");
            let near = error
                .message
                .split("near '")
                .nth(1)
                .and_then(|rest| rest.rsplit_once("' at line "))
                .map(|(near, _)| near.len());
            assert!(
                near.is_some_and(|len| len <= NEAR_TEXT_LIMIT),
                "{sql:?}: {error}"
            );
        }
    }

    #[test]
    fn corpus_statements_parse() {
        for sql in CORPUS {
            parse(sql);
        }
    }

    #[test]
    fn truncations_and_mutations_never_panic() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for sql in CORPUS {
            for (cut, _) in sql.char_indices() {
                check_outcome(sql.get(..cut).unwrap_or_default());
                check_outcome(sql.get(cut..).unwrap_or_default());
            }
            for _ in 0..300 {
                let mut bytes = sql.as_bytes().to_vec();
                for _ in 0..=rng.below(4) {
                    let position = rng.below(bytes.len() + 1);
                    let byte = INTERESTING_BYTES
                        .get(rng.below(INTERESTING_BYTES.len()))
                        .copied()
                        .unwrap_or(b' ');
                    match rng.below(3) {
                        0 => bytes.insert(position, byte),
                        1 if position < bytes.len() => {
                            bytes.remove(position);
                        }
                        _ if position < bytes.len() => {
                            if let Some(slot) = bytes.get_mut(position) {
                                *slot = byte;
                            }
                        }
                        _ => bytes.push(byte),
                    }
                }
                check_outcome(&String::from_utf8_lossy(&bytes));
            }
        }
    }

    #[test]
    fn random_token_soup_never_panics() {
        const WORDS: &[&str] = &[
            "ALTER",
            "SYSTEM",
            "BACKUP",
            "SET",
            "SELECT",
            "FROM",
            "WHERE",
            "TENANT",
            "=",
            ",",
            "(",
            ")",
            "'s'",
            "1",
            "-",
            "NOT",
            "IN",
            "BETWEEN",
            "AND",
            "OR",
            "IS",
            "NULL",
            "*",
            "RESTORE",
            "UNTIL",
            "TIME",
            "SCN",
            "WITH",
            "PLUS",
            "ARCHIVELOG",
            "DATABASE",
            "CREATE",
            "TABLE",
            "INT",
            "VARCHAR",
            "INSERT",
            "INTO",
            "VALUES",
            "LIMIT",
            "ALL",
            "`q`",
            ";",
            "/*",
            "*/",
            "--",
            "\n",
            "COUNT",
            "DISTINCT",
            ".",
            "LIKE",
            "SHOW",
            "x",
        ];
        let mut rng = Rng(42);
        for _ in 0..20_000 {
            let length = rng.below(14);
            let sql: Vec<&str> = (0..length)
                .map(|_| WORDS.get(rng.below(WORDS.len())).copied().unwrap_or("x"))
                .collect();
            check_outcome(&sql.join(" "));
        }
    }
}
