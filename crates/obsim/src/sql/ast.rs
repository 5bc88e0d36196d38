//! The SQL AST: one enum per statement family, as sqlparser-rs does. The parser produces it,
//! the executor consumes it; it carries what was typed, not what it means (name resolution,
//! privilege rules and OceanBase's checks happen in the executor).

/// One statement. Client-side commands (`connect`, the `obclient ...` login line) never reach
/// the parser: the session handles them.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    AlterSystem(AlterSystem),
    /// `SET ENCRYPTION ON IDENTIFIED BY 'pwd' ONLY`
    SetEncryption {
        password: String,
    },
    /// `SET DECRYPTION IDENTIFIED BY 'p1'[, 'p2' ...]`
    SetDecryption {
        passwords: Vec<String>,
    },
    Select(Box<Select>),
    Show(Show),
    /// `DESC name` / `DESCRIBE name` / `EXPLAIN name` is not supported (only DESC/DESCRIBE).
    Describe {
        name: ObjectName,
    },
    Use {
        database: String,
    },
    CreateDatabase {
        name: String,
        if_not_exists: bool,
    },
    DropDatabase {
        name: String,
        if_exists: bool,
    },
    CreateTable(CreateTable),
    DropTable {
        names: Vec<ObjectName>,
        if_exists: bool,
    },
    TruncateTable {
        name: ObjectName,
    },
    Insert(Insert),
    Update(Update),
    Delete(Delete),
}

/// `TENANT [=] a, b` as typed. Names keep their spelling; quoting is removed.
pub type TenantNames = Vec<String>;

#[derive(Clone, Debug, PartialEq)]
pub enum AlterSystem {
    /// `BACKUP ...`: see [`Backup`].
    Backup(Backup),
    /// `CANCEL BACKUP [TENANT [=] list]`; `tenants` is None when no TENANT clause was given.
    CancelBackup { tenants: Option<TenantNames> },
    /// `ARCHIVELOG | NOARCHIVELOG [TENANT [=] list] [DESCRIPTION [=] 'text']`
    ArchiveLog {
        enable: bool,
        tenants: Option<TenantNames>,
        description: Option<String>,
    },
    /// `[SET] name = value [...] [, name = value ...]`
    SetParameters { actions: Vec<SetParameter> },
    /// `ADD DELETE BACKUP POLICY [=] 'name' [RECOVERY_WINDOW [=] '7d'] [REDUNDANCY [=] n]
    /// [BACKUP_COPIES [=] n] [TENANT [=] list]`
    AddDeletePolicy {
        name: Option<String>,
        recovery_window: Option<String>,
        redundancy: Option<i64>,
        backup_copies: Option<i64>,
        tenants: Option<TenantNames>,
    },
    /// `DROP DELETE BACKUP POLICY [=] 'name' [TENANT [=] list]`
    DropDeletePolicy {
        name: Option<String>,
        tenants: Option<TenantNames>,
    },
    /// `CANCEL DELETE BACKUP [TENANT [=] list] [DESCRIPTION [=] 'text']`
    CancelDeleteBackup {
        tenants: Option<TenantNames>,
        description: Option<String>,
    },
    /// `RESTORE ...`: see [`Restore`].
    Restore(Restore),
    /// `CANCEL RESTORE name`
    CancelRestore { tenant: String },
    /// `ACTIVATE STANDBY TENANT [=] name`
    ActivateStandby { tenant: String },
    /// A statement that is in OceanBase's grammar but rejected by its resolver (legacy 3.x
    /// forms, `DELETE BACKUPSET`, `VALIDATE ...`, `BACKUP KEY`, ...). The executor turns it
    /// into the documented error.
    Rejected(RejectedForm),
}

/// `BACKUP [INCREMENTAL] DATABASE | [TENANT [=] list] [TO [=] 'path'] [PLUS ARCHIVELOG]
/// [DESCRIPTION [=] 'text']`
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub incremental: bool,
    /// true for the `DATABASE` forms (the parse node's `with_tenant` = 0).
    pub database: bool,
    /// The TENANT list; empty for the DATABASE forms and for a bare `ALTER SYSTEM BACKUP`.
    pub tenants: TenantNames,
    pub to: Option<String>,
    pub plus_archivelog: bool,
    pub description: Option<String>,
}

/// `RESTORE name [FROM 'uris'] [UNTIL TIME = '...' | UNTIL SCN = n] WITH 'opts'
/// [ENCRYPTED BY 'x'] [DESCRIPTION [=] 'text']` and the `RESTORE FROM ... PREVIEW` form
/// (`tenant` None).
#[derive(Clone, Debug, PartialEq)]
pub struct Restore {
    pub tenant: Option<RestoreTenantName>,
    pub from: Option<String>,
    pub until: Option<RestoreUntil>,
    pub with: Option<String>,
    pub encrypted_by: Option<String>,
    pub description: Option<String>,
    pub preview: bool,
}

/// The name after `RESTORE`: how it was written matters for the reserved-name checks.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTenantName {
    pub name: String,
    /// true when written with backquotes or quotes.
    pub quoted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RestoreUntil {
    /// `UNTIL TIME = 'YYYY-MM-DD HH:MM:SS[.ffffff]'` (the string as typed)
    Time(String),
    /// `UNTIL SCN = n` (as typed; may be 0 or negative, which the executor rejects)
    Scn(i128),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectedForm {
    /// DELETE BACKUPSET / DELETE BACKUPPIECE / DELETE OBSOLETE BACKUP → 1235 `function is not supported`
    DeleteBackup,
    /// BACKUP KEY ... → 1064 `Parse error` in the CE build
    BackupKey,
    /// VALIDATE ..., BACKUP BACKUPSET/BACKUPPIECE, START|STOP BACKUP ARCHIVELOG,
    /// SUSPEND|RESUME BACKUP, CANCEL BACKUP BACKUPSET|BACKUPPIECE, CANCEL VALIDATE n → 1235
    Legacy,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetParameter {
    /// As typed (case is not significant; the executor lower-cases).
    pub name: String,
    pub value: Literal,
    pub comment: Option<String>,
    pub scope: Option<String>,
    pub server_or_zone: Option<ServerOrZone>,
    pub tenant: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ServerOrZone {
    Server(String),
    Zone(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null,
    /// Integer or decimal number exactly as typed (e.g. `5`, `-1`, `1.50`).
    Number(String),
    String(String),
    Bool(bool),
}

/// `schema.name` or `name`, as typed (unquoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectName(pub Vec<String>);

impl ObjectName {
    /// The last part: the table or view name.
    pub fn name(&self) -> &str {
        self.0.last().map(String::as_str).unwrap_or("")
    }

    /// The schema part, if one was given.
    pub fn schema(&self) -> Option<&str> {
        if self.0.len() > 1 {
            Some(self.0[self.0.len() - 2].as_str())
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    pub distinct: bool,
    pub projection: Vec<SelectItem>,
    pub from: Option<ObjectName>,
    pub selection: Option<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Option<Expr>,
    pub order_by: Vec<OrderByExpr>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SelectItem {
    /// `*`
    Wildcard,
    /// `expr [[AS] alias]`; `text` is the expression as typed (obclient's column header when
    /// there is no alias, e.g. `COUNT(*)`).
    Expr {
        expr: Expr,
        alias: Option<String>,
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrderByExpr {
    pub expr: Expr,
    pub asc: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Literal(Literal),
    /// A column name, possibly qualified (`t.c`): the last part is the column.
    Column(Vec<String>),
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        left: Box<Expr>,
        op: BinaryOp,
        right: Box<Expr>,
    },
    Between {
        expr: Box<Expr>,
        negated: bool,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    InList {
        expr: Box<Expr>,
        negated: bool,
        list: Vec<Expr>,
    },
    Like {
        expr: Box<Expr>,
        negated: bool,
        pattern: Box<Expr>,
    },
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
    /// `name(args)`; `COUNT(*)` has `star` set and no args.
    Function {
        name: String,
        args: Vec<Expr>,
        star: bool,
        distinct: bool,
    },
    /// `(expr)` is not kept: parentheses only group.
    Nested(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Minus,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Plus,
    Minus,
    Multiply,
    Divide,
    Modulo,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Show {
    /// `SHOW PARAMETERS [LIKE 'pattern'] [TENANT = name]`
    Parameters {
        like: Option<String>,
        tenant: Option<String>,
    },
    /// `SHOW TENANTS`
    Tenants,
    /// `SHOW DATABASES`
    Databases,
    /// `SHOW TABLES [FROM db]`
    Tables { database: Option<String> },
    /// `SHOW CREATE TABLE name`
    CreateTable { name: ObjectName },
}

#[derive(Clone, Debug, PartialEq)]
pub struct CreateTable {
    pub name: ObjectName,
    pub if_not_exists: bool,
    pub columns: Vec<ColumnDef>,
    /// Columns of a `PRIMARY KEY (a, b)` table constraint or of an inline `PRIMARY KEY`.
    pub primary_key: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDef {
    pub name: String,
    pub data_type: DataType,
    pub not_null: bool,
    pub default: Option<Literal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataType {
    Int,
    BigInt,
    /// DECIMAL(precision, scale); `DECIMAL` alone is (10, 0).
    Decimal(u8, u8),
    /// VARCHAR(n) / VARCHAR2(n) / CHAR(n)
    Varchar(u32),
    DateTime,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Insert {
    pub table: ObjectName,
    /// Empty when no column list was given.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Expr>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub table: ObjectName,
    pub assignments: Vec<(String, Expr)>,
    pub selection: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Delete {
    pub table: ObjectName,
    pub selection: Option<Expr>,
}
