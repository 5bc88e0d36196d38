//! The SQL AST: one enum per statement family, as sqlparser-rs does. The parser produces it,
//! the executor consumes it; it carries what was typed, not what it means (name resolution,
//! privilege rules and OceanBase's checks happen in the executor).

use crate::value::ColType;

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
    /// CREATE / DROP RESOURCE UNIT | POOL (sys tenant, R§2).
    Resource(ResourceStmt),
}

/// `CREATE RESOURCE UNIT [IF NOT EXISTS] name option [, option ...]`, `DROP RESOURCE UNIT
/// [IF EXISTS] name`, `ALTER RESOURCE UNIT name …`, and the same for POOL.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceStmt {
    CreateUnit {
        name: String,
        if_not_exists: bool,
        /// (option name upper-cased, value as typed: a number or a quoted string)
        options: Vec<(String, Literal)>,
    },
    DropUnit {
        name: String,
        if_exists: bool,
    },
    CreatePool {
        name: String,
        if_not_exists: bool,
        options: Vec<PoolOption>,
    },
    DropPool {
        name: String,
        if_exists: bool,
    },
    /// `ALTER RESOURCE UNIT name [option [, option ...]]`: the options to change.
    AlterUnit {
        name: String,
        options: Vec<(String, Literal)>,
    },
    /// `ALTER RESOURCE POOL name option [, option ...]` (UNIT, UNIT_NUM [DELETE UNIT = (ids)],
    /// ZONE_LIST; never REPLICA_TYPE).
    AlterPool {
        name: String,
        options: Vec<PoolOption>,
    },
}

/// One option of CREATE (or ALTER) RESOURCE POOL.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolOption {
    Unit(String),
    /// As typed (the grammar's INTNUM; 0 is refused by the resolver).
    UnitNum(u64),
    ZoneList(Vec<String>),
    ReplicaType(String),
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
    /// `ACTIVATE STANDBY [TENANT [=] name] [VERIFY]`
    ActivateStandby {
        tenant: Option<String>,
        verify: bool,
    },
    /// `RECOVER STANDBY [TENANT [=] name] [UNTIL {TIME = 'ts' | SCN = n | UNLIMITED} | CANCEL]`
    /// (`until` None when neither was given: the resolver refuses it).
    RecoverStandby {
        tenant: Option<String>,
        until: Option<RecoverTarget>,
    },
    /// `RECOVER TABLE ...`: see [`RecoverTable`].
    RecoverTable(RecoverTable),
    /// `CANCEL RECOVER TABLE name`
    CancelRecoverTable { tenant: String },
    /// `ADD RESTORE SOURCE 'path[,path...]'`
    AddRestoreSource { paths: String },
    /// `CLEAR RESTORE SOURCE`
    ClearRestoreSource,
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
/// [ENCRYPTED BY 'x'] [WITH KEY FROM 'path' [ENCRYPTED BY 'x']] [DESCRIPTION [=] 'text']` and
/// the `RESTORE FROM ... PREVIEW` form (`tenant` None, `with` None).
#[derive(Clone, Debug, PartialEq)]
pub struct Restore {
    pub tenant: Option<RestoreTenantName>,
    pub from: Option<String>,
    pub until: Option<RestoreUntil>,
    pub with: Option<String>,
    pub encrypted_by: Option<String>,
    /// `WITH KEY FROM 'path' [ENCRYPTED BY 'x']`: parsed, and ignored as in the CE build.
    pub key_from: Option<(String, Option<String>)>,
    pub description: Option<String>,
    pub preview: bool,
}

/// `RECOVER TABLE item[, item ...] TO [TENANT [=]] name [FROM 'uris'] [UNTIL ...] WITH 'opts'
/// [ENCRYPTED BY 'x'] [WITH KEY FROM 'path' [ENCRYPTED BY 'x']] [REMAP TABLE a:b[, ...]]
/// [REMAP TABLEGROUP a:b[, ...]] [REMAP TABLESPACE a:b[, ...]] [DESCRIPTION [=] 'text']` (R§12.1).
#[derive(Clone, Debug, PartialEq)]
pub struct RecoverTable {
    pub items: Vec<RecoverItem>,
    pub tenant: String,
    pub from: Option<String>,
    pub until: Option<RestoreUntil>,
    pub with: String,
    pub encrypted_by: Option<String>,
    pub key_from: Option<(String, Option<String>)>,
    pub remap_tables: Vec<RemapItem>,
    pub remap_tablegroups: Vec<(String, String)>,
    pub remap_tablespaces: Vec<(String, String)>,
    pub description: Option<String>,
}

/// `db.t`, `db.*` or `*.*` (None = `*`), with a PARTITION list if one was given.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoverItem {
    pub db: Option<String>,
    pub table: Option<String>,
    pub partitions: Vec<String>,
}

/// `db.t:t2` (`dst_db` None), `db.t:db2.t2`, `` db.`*`:db2.`*` `` (tables None = `*`).
#[derive(Clone, Debug, PartialEq)]
pub struct RemapItem {
    pub src_db: String,
    pub src_table: Option<String>,
    pub dst_db: Option<String>,
    pub dst_table: Option<String>,
}

/// The tail of RECOVER STANDBY.
#[derive(Clone, Debug, PartialEq)]
pub enum RecoverTarget {
    Time(String),
    Scn(i128),
    Unlimited,
    Cancel,
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
    /// `SHOW RESTORE PREVIEW`
    RestorePreview,
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
    pub data_type: ColType,
    pub not_null: bool,
    pub default: Option<Literal>,
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

impl Expr {
    /// The expression as MySQL prints it in error texts (`BIGINT value is out of range in
    /// '(a + b)'`): fully parenthesized, operators and function names in lower case, column
    /// names backquoted: `(a + b)`, `-(x)`, `` `t`.`c` ``, `abs(-(1))`.
    pub fn to_sql(&self) -> String {
        let mut out = String::new();
        self.write_sql(&mut out);
        out
    }

    /// [`Expr::to_sql`] into an accumulator: no temporaries per level, so deep expressions
    /// cost little stack.
    fn write_sql(&self, out: &mut String) {
        let not = |negated: bool| if negated { "not " } else { "" };
        match self {
            Expr::Literal(Literal::Null) => out.push_str("NULL"),
            Expr::Literal(Literal::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            Expr::Literal(Literal::Number(text)) => out.push_str(text),
            Expr::Literal(Literal::String(s)) => {
                out.push('\'');
                out.push_str(s);
                out.push('\'');
            }
            Expr::Column(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push('`');
                    out.push_str(part);
                    out.push('`');
                }
            }
            Expr::Nested(inner) => inner.write_sql(out),
            Expr::Unary { op, expr } => match op {
                UnaryOp::Plus => expr.write_sql(out),
                UnaryOp::Minus => {
                    out.push_str("-(");
                    expr.write_sql(out);
                    out.push(')');
                }
                UnaryOp::Not => {
                    out.push_str("(not(");
                    expr.write_sql(out);
                    out.push_str("))");
                }
            },
            Expr::Binary { left, op, right } => {
                let op = match op {
                    BinaryOp::Or => " or ",
                    BinaryOp::And => " and ",
                    BinaryOp::Eq => " = ",
                    BinaryOp::NotEq => " <> ",
                    BinaryOp::Lt => " < ",
                    BinaryOp::LtEq => " <= ",
                    BinaryOp::Gt => " > ",
                    BinaryOp::GtEq => " >= ",
                    BinaryOp::Plus => " + ",
                    BinaryOp::Minus => " - ",
                    BinaryOp::Multiply => " * ",
                    BinaryOp::Divide => " / ",
                    BinaryOp::Modulo => " % ",
                };
                out.push('(');
                left.write_sql(out);
                out.push_str(op);
                right.write_sql(out);
                out.push(')');
            }
            Expr::Between {
                expr,
                negated,
                low,
                high,
            } => {
                out.push('(');
                expr.write_sql(out);
                out.push(' ');
                out.push_str(not(*negated));
                out.push_str("between ");
                low.write_sql(out);
                out.push_str(" and ");
                high.write_sql(out);
                out.push(')');
            }
            Expr::InList {
                expr,
                negated,
                list,
            } => {
                out.push('(');
                expr.write_sql(out);
                out.push(' ');
                out.push_str(not(*negated));
                out.push_str("in (");
                write_list(list, out);
                out.push_str("))");
            }
            Expr::Like {
                expr,
                negated,
                pattern,
            } => {
                out.push('(');
                expr.write_sql(out);
                out.push(' ');
                out.push_str(not(*negated));
                out.push_str("like ");
                pattern.write_sql(out);
                out.push(')');
            }
            Expr::IsNull { expr, negated } => {
                out.push('(');
                expr.write_sql(out);
                out.push_str(" is ");
                out.push_str(not(*negated));
                out.push_str("null)");
            }
            Expr::Function {
                name,
                args,
                star,
                distinct,
            } => {
                out.push_str(&name.to_ascii_lowercase());
                out.push('(');
                if *distinct {
                    out.push_str("distinct ");
                }
                if *star {
                    out.push('*');
                } else {
                    write_list(args, out);
                }
                out.push(')');
            }
        }
    }
}

fn write_list(list: &[Expr], out: &mut String) {
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write_sql(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::parser::parse_statement;

    /// The select items of `SELECT <items>`, rendered with [`Expr::to_sql`].
    fn rendered(items: &str) -> Vec<String> {
        let Ok(Statement::Select(select)) = parse_statement(&format!("SELECT {items}")) else {
            panic!("{items}: not a SELECT");
        };
        select
            .projection
            .iter()
            .map(|item| match item {
                SelectItem::Expr { expr, .. } => expr.to_sql(),
                SelectItem::Wildcard => "*".to_string(),
            })
            .collect()
    }

    #[test]
    fn to_sql_prints_expressions_as_mysql_quotes_them() {
        assert_eq!(
            rendered(
                "db.t.c + 1, -x, +y, NOT z, (w), a BETWEEN 1 AND 2.50, b NOT IN (1, 'x'), \
                 c LIKE 'p%', d NOT LIKE NULL, e IS NOT NULL, f IS NULL, COUNT(*), \
                 Count(DISTINCT g, h), ABS(-1), TRUE, FALSE, NULL, 1 % 2 * 3 <> 4 OR k AND l"
            ),
            [
                "(`db`.`t`.`c` + 1)",
                "-(`x`)",
                "`y`",
                "(not(`z`))",
                "`w`",
                "(`a` between 1 and 2.50)",
                "(`b` not in (1,'x'))",
                "(`c` like 'p%')",
                "(`d` not like NULL)",
                "(`e` is not null)",
                "(`f` is null)",
                "count(*)",
                "count(distinct `g`,`h`)",
                "abs(-(1))",
                "true",
                "false",
                "NULL",
                "((((1 % 2) * 3) <> 4) or (`k` and `l`))",
            ]
        );
    }
}
