//! The query evaluator: expressions, predicates and single-table `SELECT` over rows that the
//! executor provides (a system view or a user table), with the semantics OceanBase's MySQL mode
//! shows: NULL propagation and three-valued logic, `utf8mb4_general_ci` string comparison,
//! exact DECIMAL arithmetic and MySQL's error texts.
//!
//! Every expression is compiled once per statement into a [`Node`] tree whose column
//! references are already resolved to indexes (and whose errors — unknown columns, unknown
//! functions, misplaced aggregates — are raised before any row is read, as MySQL's resolver
//! does). The row loop then does no name lookup and borrows cells instead of cloning them.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use super::ast::{BinaryOp, Expr, Literal, ObjectName, Select, SelectItem, UnaryOp};
use super::parser::MAX_EXPRESSION_DEPTH;
use crate::calendar::{format_datetime, parse_datetime};
use crate::error::ObError;
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// What an expression may ask of the session that runs it. The executor implements it; the
/// evaluator never reads a clock of its own, so results follow from the simulation alone.
pub trait EvalContext {
    /// The simulated clock, microseconds since the Unix epoch.
    fn now_micros(&self) -> i64;
    /// `SLEEP(n)` advances the simulated clock by `seconds`: always finite and positive
    /// (SLEEP of NULL, zero or a negative number does not call it), but possibly huge.
    fn sleep(&mut self, seconds: f64);
    fn current_database(&self) -> Option<String>;
    /// e.g. `root@sys`
    fn current_user(&self) -> String;
    /// e.g. `5.7.25-OceanBase_CE-v4.3.3.0`
    fn version(&self) -> String;
}

/// The clause an expression belongs to: it names the place in error 1054 and decides what the
/// expression may contain (aggregates, select-list aliases).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    FieldList,
    Where,
    GroupBy,
    Having,
    OrderBy,
}

impl Clause {
    /// The place as MySQL's `Unknown column 'x' in '<place>'` prints it.
    pub fn place(self) -> &'static str {
        match self {
            Clause::FieldList => "field list",
            Clause::Where => "where clause",
            Clause::GroupBy => "group statement",
            Clause::Having => "having clause",
            Clause::OrderBy => "order clause",
        }
    }
}

/// An expression compiled against a row layout, for executors that evaluate the same
/// expression on many rows (`UPDATE ... SET c = c + 1 WHERE ...`): names are resolved once.
#[derive(Clone, Debug)]
pub struct CompiledExpr {
    node: Node,
    kind: ColumnKind,
}

impl CompiledExpr {
    /// The type of the values the expression produces (how obclient aligns them).
    pub fn kind(&self) -> ColumnKind {
        self.kind
    }

    /// The expression's value on `row` (laid out as the columns it was compiled against).
    pub fn eval(&self, row: &[Value], ctx: &mut dyn EvalContext) -> Result<Value, ObError> {
        let mut rt = Rt::new(ctx);
        let env = Env::row(row);
        Ok(self.node.eval(&env, &mut rt)?.into_owned())
    }

    /// Whether the expression holds on `row`; NULL (unknown) does not hold, as in WHERE.
    pub fn matches(&self, row: &[Value], ctx: &mut dyn EvalContext) -> Result<bool, ObError> {
        let mut rt = Rt::new(ctx);
        let env = Env::row(row);
        Ok(self.node.truth(&env, &mut rt)? == Some(true))
    }
}

/// Compiles `expr` against `columns`. Aggregates are rejected (1111) and select-list aliases
/// are unknown: this is for expressions outside a SELECT (UPDATE's SET and WHERE, INSERT's
/// VALUES). Qualified names (`t.c`) resolve by their column part.
pub fn compile_expr(
    expr: &Expr,
    columns: &[Column],
    clause: Clause,
) -> Result<CompiledExpr, ObError> {
    let mut compiler = Compiler::new(columns, None, None);
    compiler.clause = clause;
    let (node, ty) = compiler.compile(expr)?;
    Ok(CompiledExpr {
        node,
        kind: final_kind(ty),
    })
}

/// Evaluates one expression, optionally against one row (`columns`, `values`). Unknown
/// columns are reported in the 'field list' (as UPDATE's SET does).
pub fn eval_expr(
    expr: &Expr,
    row: Option<(&[Column], &[Value])>,
    ctx: &mut dyn EvalContext,
) -> Result<Value, ObError> {
    let (columns, values) = row.unwrap_or((&[], &[]));
    compile_expr(expr, columns, Clause::FieldList)?.eval(values, ctx)
}

/// Evaluates a condition as WHERE does: NULL counts as false. Unknown columns are reported in
/// the 'where clause'.
pub fn eval_predicate(
    expr: &Expr,
    row: Option<(&[Column], &[Value])>,
    ctx: &mut dyn EvalContext,
) -> Result<bool, ObError> {
    let (columns, values) = row.unwrap_or((&[], &[]));
    compile_expr(expr, columns, Clause::Where)?.matches(values, ctx)
}

/// The value of a literal as typed: integers as BIGINT (or BIGINT UNSIGNED, or DECIMAL when
/// too large), numbers with a point as exact DECIMAL with the typed scale, TRUE/FALSE as 1/0.
pub fn literal_value(lit: &Literal) -> Value {
    match lit {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Int(i64::from(*b)),
        Literal::String(s) => Value::Str(s.clone()),
        Literal::Number(text) => number_literal(text),
    }
}

/// SQL comparison as `<`/`=` do it: None when either side is NULL. Strings compare
/// case-insensitively with trailing spaces ignored (`utf8mb4_general_ci`), numbers and numeric
/// strings numerically, date-times with strings by parsing the string.
pub fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    compare(a, b)
}

/// `text LIKE pattern` (case-insensitive, `%`, `_` and `\` escapes), for SHOW ... LIKE.
pub fn sql_like(text: &str, pattern: &str) -> bool {
    like_match(text, &compile_like(pattern))
}

/// Runs a single-table SELECT over `source` (`None`: no FROM, which yields one empty row, as
/// `SELECT NOW()` needs). The order of work is MySQL's: WHERE, GROUP BY and aggregates,
/// HAVING, DISTINCT, ORDER BY, LIMIT/OFFSET.
pub fn run_select<R: AsRef<[Value]>>(
    select: &Select,
    source: Option<(&[Column], &[R])>,
    ctx: &mut dyn EvalContext,
) -> Result<ResultSet, ObError> {
    // Rows are borrowed, not copied: a table's rows are scanned in place.
    let unit_row: [&[Value]; 1] = [&[]];
    let rows: Vec<&[Value]> = match source {
        Some((_, rows)) => rows.iter().map(AsRef::as_ref).collect(),
        None => unit_row.to_vec(),
    };
    let columns: &[Column] = source.map_or(&[], |(c, _)| c);
    let rows: &[&[Value]] = &rows;
    let mut compiler = Compiler::new(columns, select.from.as_ref(), ctx.current_database());

    // The select list is resolved first, as OceanBase's resolver does: its errors win.
    let mut outputs: Vec<Output> = Vec::new();
    // Columns HAVING may name outside an aggregate: select-list and GROUP BY columns.
    let mut having_names: Vec<String> = Vec::new();
    compiler.clause = Clause::FieldList;
    compiler.allow_aggs = true;
    for item in &select.projection {
        match item {
            SelectItem::Wildcard => {
                if source.is_none() {
                    return Err(no_tables_used());
                }
                for (i, col) in columns.iter().enumerate() {
                    outputs.push(Output {
                        node: Node::Col(i),
                        ty: Some(col.kind),
                        name: col.name.clone(),
                    });
                    having_names.push(col.name.clone());
                }
            }
            SelectItem::Expr { expr, alias, text } => {
                let (node, ty) = compiler.compile(expr)?;
                let index = outputs.len();
                match alias {
                    Some(alias) => compiler.aliases.push((alias.clone(), index)),
                    None => compiler.item_names.push((text.clone(), index)),
                }
                if let Expr::Column(parts) = expr
                    && let Some(last) = parts.last()
                {
                    having_names.push(last.clone());
                }
                outputs.push(Output {
                    node,
                    ty,
                    name: alias.clone().unwrap_or_else(|| header(expr, text)),
                });
            }
        }
    }
    compiler.out_kinds = outputs.iter().map(|o| o.ty).collect();

    compiler.clause = Clause::Where;
    compiler.allow_aggs = false;
    let filter = match &select.selection {
        Some(expr) => Some(compiler.compile(expr)?.0),
        None => None,
    };

    compiler.clause = Clause::GroupBy;
    let mut group_nodes = Vec::with_capacity(select.group_by.len());
    for expr in &select.group_by {
        group_nodes.push(compile_group_item(&mut compiler, &outputs, expr)?);
        if let Expr::Column(parts) = expr
            && let Some(last) = parts.last()
        {
            having_names.push(last.clone());
        }
    }

    compiler.clause = Clause::Having;
    compiler.allow_aggs = true;
    compiler.use_aliases = true;
    compiler.having_names = Some(having_names);
    let having = match &select.having {
        Some(expr) => Some(compiler.compile(expr)?.0),
        None => None,
    };
    compiler.having_names = None;

    compiler.clause = Clause::OrderBy;
    let mut order = Vec::with_capacity(select.order_by.len());
    for item in &select.order_by {
        let node = match position(&item.expr) {
            Some((pos, text)) => match position_index(pos, outputs.len()) {
                Some(i) => Node::Out(i),
                None => return Err(unknown_column(text, Clause::OrderBy)),
            },
            None => compiler.compile(&item.expr)?.0,
        };
        order.push((node, item.asc));
    }
    let aggs = std::mem::take(&mut compiler.aggs);
    let aggregated = !group_nodes.is_empty() || !aggs.is_empty();

    let mut rt = Rt::new(ctx);
    let limit = select.limit.map(to_usize);
    let offset = select.offset.map_or(0, to_usize);
    let mut sink = Sink {
        outputs: &outputs,
        having: having.as_ref(),
        order: &order,
        distinct: select.distinct,
        seen: BTreeSet::new(),
        rows: Vec::new(),
        // Without ORDER BY the first offset+limit rows are final: stop early, as MySQL does
        // (it also means `SELECT SLEEP(1) FROM t LIMIT 1` sleeps once).
        needed: if order.is_empty() {
            limit.map(|l| l.saturating_add(offset))
        } else {
            None
        },
    };

    if aggregated {
        let null_row = vec![Value::Null; columns.len()];
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut index: BTreeMap<Vec<Key>, usize> = BTreeMap::new();
        for row in rows {
            let env = Env::row(row);
            if let Some(f) = &filter
                && f.truth(&env, &mut rt)? != Some(true)
            {
                continue;
            }
            let mut values = Vec::with_capacity(group_nodes.len());
            for node in &group_nodes {
                values.push(node.eval(&env, &mut rt)?);
            }
            let key: Vec<Key> = values.iter().map(|v| key_of(v)).collect();
            let slot = match index.get(&key) {
                Some(&slot) => slot,
                None => {
                    let slot = groups.len();
                    index.insert(key, slot);
                    groups.push(Group {
                        first: row,
                        keys: values.into_iter().map(Cow::into_owned).collect(),
                        accs: aggs.iter().map(Acc::new).collect(),
                    });
                    slot
                }
            };
            if let Some(group) = groups.get_mut(slot) {
                for (spec, acc) in aggs.iter().zip(group.accs.iter_mut()) {
                    acc.feed(spec, &env, &mut rt)?;
                }
            }
        }
        // Aggregates without GROUP BY make one row even from no rows (COUNT 0, SUM NULL);
        // its non-aggregated columns read as NULL.
        if group_nodes.is_empty() && groups.is_empty() {
            groups.push(Group {
                first: &null_row,
                keys: Vec::new(),
                accs: aggs.iter().map(Acc::new).collect(),
            });
        }
        // MySQL 5.7 returns groups sorted by the GROUP BY columns; doing the same keeps the
        // output deterministic and familiar (ORDER BY, being a stable sort, keeps it for ties).
        crate::order::sort_by(&mut groups, |a, b| cmp_rows(&a.keys, &b.keys, None));
        for group in groups {
            let values: Vec<Value> = group
                .accs
                .into_iter()
                .zip(&aggs)
                .map(|(acc, spec)| acc.finish(spec))
                .collect();
            if !sink.push(group.first, &values, &mut rt)? {
                break;
            }
        }
    } else {
        for row in rows {
            let env = Env::row(row);
            if let Some(f) = &filter
                && f.truth(&env, &mut rt)? != Some(true)
            {
                continue;
            }
            if !sink.push(row, &[], &mut rt)? {
                break;
            }
        }
    }

    let mut produced = sink.rows;
    if !order.is_empty() {
        let directions: Vec<bool> = order.iter().map(|(_, asc)| *asc).collect();
        let cmp = |a: &(Vec<Value>, Vec<Value>), b: &(Vec<Value>, Vec<Value>)| {
            cmp_rows(&a.1, &b.1, Some(&directions))
        };
        // ORDER BY … LIMIT k only needs the first k rows in order.
        match limit.map(|l| l.saturating_add(offset)) {
            Some(k) if k <= 1024 && k < produced.len() => {
                produced = crate::order::smallest_k(produced, k, cmp);
            }
            _ => crate::order::sort_by(&mut produced, cmp),
        }
    }
    let rows = produced
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .map(|(values, _)| values)
        .collect();
    let columns = outputs
        .iter()
        .map(|o| Column::new(o.name.clone(), final_kind(o.ty)))
        .collect();
    Ok(ResultSet { columns, rows })
}

/// The header of an unaliased select item: the text as typed, except that MySQL names a
/// column reference by its column part (`t.job_id` → `job_id`, backquotes removed) and a
/// string literal by its value (`SELECT 'abc'` → `abc`).
fn header(expr: &Expr, text: &str) -> String {
    match expr {
        Expr::Column(parts) => parts.last().cloned().unwrap_or_default(),
        Expr::Literal(Literal::String(s)) => s.clone(),
        _ => text.to_string(),
    }
}

// ----- errors ---------------------------------------------------------------------------------

fn unknown_column(name: &str, clause: Clause) -> ObError {
    ObError::mysql(
        1054,
        "42S22",
        format!("Unknown column '{name}' in '{}'", clause.place()),
    )
}

fn invalid_group_function() -> ObError {
    ObError::mysql(1111, "HY000", "Invalid use of group function")
}

fn unknown_function(name: &str) -> ObError {
    ObError::mysql(
        1305,
        "42000",
        format!("FUNCTION {} does not exist", name.to_ascii_lowercase()),
    )
}

fn wrong_param_count(name: &str) -> ObError {
    ObError::mysql(
        1582,
        "42000",
        format!(
            "Incorrect parameter count in the call to native function '{}'",
            name.to_ascii_lowercase()
        ),
    )
}

fn out_of_range(type_name: &str, text: &str) -> ObError {
    ObError::mysql(
        1690,
        "22003",
        format!("{type_name} value is out of range in '{text}'"),
    )
}

fn cant_group_on(name: &str) -> ObError {
    ObError::mysql(1056, "42000", format!("Can't group on '{name}'"))
}

fn no_tables_used() -> ObError {
    ObError::mysql(1096, "HY000", "No tables used")
}

fn too_big_precision(precision: &str, name: &str) -> ObError {
    ObError::mysql(
        1426,
        "42000",
        format!(
            "Too-big precision {precision} specified for '{}'. Maximum is 6.",
            name.to_ascii_lowercase()
        ),
    )
}

/// Hand-built ASTs are not depth-limited by the parser; OceanBase answers an expression too
/// deep for its stack with OB_SIZE_OVERFLOW.
fn too_deep() -> ObError {
    ObError::ob(-4019, "Size overflow")
}

// ----- compiled expressions -------------------------------------------------------------------

/// Compile-time recursion bound: the parser's own bound on a tree's height, so every parsed
/// expression compiles, while hand-built trees cannot recurse deeper than parsed ones.
const MAX_DEPTH: usize = MAX_EXPRESSION_DEPTH;

/// MySQL's largest DECIMAL scale.
const MAX_SCALE: u8 = 30;
/// MySQL's `div_precision_increment` default: `/` adds 4 fraction digits.
const DIV_INCREMENT: u8 = 4;

/// A value's static type; None is the type of the NULL literal.
type Ty = Option<ColumnKind>;

/// The type of comparisons and logical operators (MySQL's booleans are integers).
const INT_TY: Ty = Some(ColumnKind::Int);

fn final_kind(ty: Ty) -> ColumnKind {
    // The mysql client treats the NULL type as numeric (IS_NUM), so a NULL-typed column
    // aligns like an integer one.
    ty.unwrap_or(ColumnKind::Int)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
}

impl CmpOp {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::LtEq => CmpOp::GtEq,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::GtEq => CmpOp::LtEq,
            other => other,
        }
    }

    fn holds(self, o: Ordering) -> bool {
        match self {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::NotEq => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtEq => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::GtEq => o != Ordering::Less,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimeUnit {
    Microsecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// Scalar functions. The `u8` of the clock functions is the fractional-second precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Func {
    Now(u8),
    SysDate(u8),
    UtcTimestamp(u8),
    CurDate,
    Sleep,
    Database,
    User,
    Version,
    Concat,
    ConcatWs,
    Upper,
    Lower,
    Length,
    CharLength,
    Substr,
    Coalesce,
    NullIf,
    If,
    Abs,
    Round,
    Floor,
    Ceil,
    Mod,
    Greatest,
    Least,
    UsecToTime,
    TimeToUsec,
    ScnToTimestamp,
    TimestampDiff(TimeUnit),
    UnixTimestamp,
}

/// (function, minimum and maximum argument count) by upper-case name.
fn scalar_function(name: &str) -> Option<(Func, usize, usize)> {
    const ANY: usize = usize::MAX;
    Some(match name {
        "NOW" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP" => (Func::Now(0), 0, 1),
        "SYSDATE" => (Func::SysDate(0), 0, 1),
        "UTC_TIMESTAMP" => (Func::UtcTimestamp(0), 0, 1),
        "CURDATE" | "CURRENT_DATE" => (Func::CurDate, 0, 0),
        "SLEEP" => (Func::Sleep, 1, 1),
        "DATABASE" | "SCHEMA" => (Func::Database, 0, 0),
        "USER" | "CURRENT_USER" | "SESSION_USER" | "SYSTEM_USER" => (Func::User, 0, 0),
        "VERSION" => (Func::Version, 0, 0),
        "CONCAT" => (Func::Concat, 1, ANY),
        "CONCAT_WS" => (Func::ConcatWs, 2, ANY),
        "UPPER" | "UCASE" => (Func::Upper, 1, 1),
        "LOWER" | "LCASE" => (Func::Lower, 1, 1),
        "LENGTH" | "OCTET_LENGTH" => (Func::Length, 1, 1),
        "CHAR_LENGTH" | "CHARACTER_LENGTH" => (Func::CharLength, 1, 1),
        "SUBSTR" | "SUBSTRING" => (Func::Substr, 2, 3),
        "IFNULL" => (Func::Coalesce, 2, 2),
        "COALESCE" => (Func::Coalesce, 1, ANY),
        "NULLIF" => (Func::NullIf, 2, 2),
        "IF" => (Func::If, 3, 3),
        "ABS" => (Func::Abs, 1, 1),
        "ROUND" => (Func::Round, 1, 2),
        "FLOOR" => (Func::Floor, 1, 1),
        "CEIL" | "CEILING" => (Func::Ceil, 1, 1),
        "MOD" => (Func::Mod, 2, 2),
        "GREATEST" => (Func::Greatest, 2, ANY),
        "LEAST" => (Func::Least, 2, ANY),
        "USEC_TO_TIME" => (Func::UsecToTime, 1, 1),
        "TIME_TO_USEC" => (Func::TimeToUsec, 1, 1),
        "SCN_TO_TIMESTAMP" => (Func::ScnToTimestamp, 1, 1),
        "TIMESTAMPDIFF" => (Func::TimestampDiff(TimeUnit::Second), 3, 3),
        "UNIX_TIMESTAMP" => (Func::UnixTimestamp, 0, 1),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AggFunc {
    Count,
    Sum,
    Avg,
    Min,
    Max,
}

fn aggregate_function(name: &str) -> Option<AggFunc> {
    Some(match name {
        "COUNT" => AggFunc::Count,
        "SUM" => AggFunc::Sum,
        "AVG" => AggFunc::Avg,
        "MIN" => AggFunc::Min,
        "MAX" => AggFunc::Max,
        _ => return None,
    })
}

/// One aggregate call of the statement; expressions refer to its result as `Node::Agg(slot)`.
#[derive(Clone, Debug)]
struct AggSpec {
    func: AggFunc,
    distinct: bool,
    /// `COUNT(*)`
    star: bool,
    args: Vec<Node>,
}

/// A `LIKE` pattern, pre-split so matching never re-parses escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PatTok {
    /// A literal character's collation weight.
    Lit(u32),
    /// `_`
    One,
    /// `%` (runs of `%` are collapsed into one)
    Many,
}

#[derive(Clone, Debug)]
enum Node {
    Const(Value),
    /// A source column by index.
    Col(usize),
    /// A select-list output by index (aliases and positions in ORDER BY and HAVING).
    Out(usize),
    /// An aggregate result by slot.
    Agg(usize),
    Not(Box<Node>),
    /// Unary minus; the text names the expression in error 1690.
    Neg(Box<Node>, Box<str>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cmp(CmpOp, Box<Node>, Box<Node>),
    /// `column op constant` (or the mirror image, with the operator flipped): the common
    /// WHERE shape, compared without evaluating two sub-nodes per row.
    CmpColConst(CmpOp, usize, Value),
    Arith(ArithOp, Box<Node>, Box<Node>, Box<str>),
    Between {
        expr: Box<Node>,
        low: Box<Node>,
        high: Box<Node>,
        negated: bool,
    },
    In {
        expr: Box<Node>,
        list: Vec<Node>,
        negated: bool,
    },
    Like {
        expr: Box<Node>,
        pattern: Box<Node>,
        /// The compiled pattern when it is a constant, so rows do not recompile it.
        fixed: Option<Vec<PatTok>>,
        negated: bool,
    },
    IsNull {
        expr: Box<Node>,
        negated: bool,
    },
    Func {
        func: Func,
        args: Vec<Node>,
        text: Box<str>,
    },
}

impl Node {
    fn has_agg(&self) -> bool {
        match self {
            Node::Agg(_) => true,
            Node::Const(_) | Node::Col(_) | Node::Out(_) | Node::CmpColConst(..) => false,
            Node::Not(e) | Node::Neg(e, _) | Node::IsNull { expr: e, .. } => e.has_agg(),
            Node::And(a, b) | Node::Or(a, b) | Node::Cmp(_, a, b) | Node::Arith(_, a, b, _) => {
                a.has_agg() || b.has_agg()
            }
            Node::Between {
                expr, low, high, ..
            } => expr.has_agg() || low.has_agg() || high.has_agg(),
            Node::In { expr, list, .. } => expr.has_agg() || list.iter().any(Node::has_agg),
            Node::Like { expr, pattern, .. } => expr.has_agg() || pattern.has_agg(),
            Node::Func { args, .. } => args.iter().any(Node::has_agg),
        }
    }
}

/// One select-list column.
struct Output {
    node: Node,
    ty: Ty,
    name: String,
}

/// Name resolution state for one statement.
struct Compiler<'s> {
    columns: &'s [Column],
    /// The FROM table, against which qualified names (`t.c`, `db.t.c`) are checked.
    table: Option<&'s ObjectName>,
    current_db: Option<String>,
    clause: Clause,
    allow_aggs: bool,
    in_agg: bool,
    aggs: Vec<AggSpec>,
    /// Explicit select-list aliases (ORDER BY and HAVING may use them).
    aliases: Vec<(String, usize)>,
    /// Select items without alias by their text, a fallback after source columns.
    item_names: Vec<(String, usize)>,
    out_kinds: Vec<Ty>,
    use_aliases: bool,
    /// In HAVING: the source columns it may name outside an aggregate.
    having_names: Option<Vec<String>>,
    depth: usize,
}

impl<'s> Compiler<'s> {
    fn new(
        columns: &'s [Column],
        table: Option<&'s ObjectName>,
        current_db: Option<String>,
    ) -> Compiler<'s> {
        Compiler {
            columns,
            table,
            current_db,
            clause: Clause::FieldList,
            allow_aggs: false,
            in_agg: false,
            aggs: Vec::new(),
            aliases: Vec::new(),
            item_names: Vec::new(),
            out_kinds: Vec::new(),
            use_aliases: false,
            having_names: None,
            depth: 0,
        }
    }

    fn compile(&mut self, expr: &Expr) -> Result<(Node, Ty), ObError> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deep());
        }
        self.depth += 1;
        let result = self.compile_inner(expr);
        self.depth -= 1;
        result
    }

    /// Dispatches on the expression kind. Each arm lives in its own small function so that
    /// the frames on the recursion path stay small (deep expressions recurse through here;
    /// debug builds and wasm have small stacks). Parentheses and unary plus are peeled in a
    /// loop: they only group.
    fn compile_inner(&mut self, mut expr: &Expr) -> Result<(Node, Ty), ObError> {
        while let Expr::Nested(inner)
        | Expr::Unary {
            op: UnaryOp::Plus,
            expr: inner,
        } = expr
        {
            expr = inner;
        }
        match expr {
            Expr::Literal(lit) => Ok(compile_literal(lit)),
            Expr::Column(parts) => self.column(parts),
            Expr::Unary { op, expr: inner } => self.unary(expr, *op, inner),
            Expr::Binary { left, op, right } => self.binary(expr, left, *op, right),
            Expr::Between {
                expr: inner,
                negated,
                low,
                high,
            } => self.between(inner, *negated, low, high),
            Expr::InList {
                expr: inner,
                negated,
                list,
            } => self.in_list(inner, *negated, list),
            Expr::Like {
                expr: inner,
                negated,
                pattern,
            } => self.like(inner, *negated, pattern),
            Expr::IsNull {
                expr: inner,
                negated,
            } => self.is_null(inner, *negated),
            Expr::Function {
                name,
                args,
                star,
                distinct,
            } => self.function(expr, name, args, *star, *distinct),
            // Peeled above.
            Expr::Nested(inner) => self.compile(inner),
        }
    }

    #[inline(never)]
    fn unary(&mut self, whole: &Expr, op: UnaryOp, inner: &Expr) -> Result<(Node, Ty), ObError> {
        let inner = self.compile(inner)?;
        Ok(build_unary(whole, op, inner))
    }

    #[inline(never)]
    fn is_null(&mut self, inner: &Expr, negated: bool) -> Result<(Node, Ty), ObError> {
        let (e, _) = self.compile(inner)?;
        let node = Node::IsNull {
            expr: Box::new(e),
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn binary(
        &mut self,
        whole: &Expr,
        left: &Expr,
        op: BinaryOp,
        right: &Expr,
    ) -> Result<(Node, Ty), ObError> {
        let l = self.compile(left)?;
        let r = self.compile(right)?;
        Ok(build_binary(whole, op, l, r))
    }

    #[inline(never)]
    fn between(
        &mut self,
        inner: &Expr,
        negated: bool,
        low: &Expr,
        high: &Expr,
    ) -> Result<(Node, Ty), ObError> {
        let (e, et) = self.compile(inner)?;
        let (lo, _) = self.compile(low)?;
        let (hi, _) = self.compile(high)?;
        let node = Node::Between {
            expr: Box::new(e),
            low: Box::new(coerce_const(lo, et)),
            high: Box::new(coerce_const(hi, et)),
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn in_list(
        &mut self,
        inner: &Expr,
        negated: bool,
        list: &[Expr],
    ) -> Result<(Node, Ty), ObError> {
        let (e, et) = self.compile(inner)?;
        let mut items = Vec::with_capacity(list.len());
        for item in list {
            items.push(coerce_const(self.compile(item)?.0, et));
        }
        let node = Node::In {
            expr: Box::new(e),
            list: items,
            negated,
        };
        Ok((node, INT_TY))
    }

    #[inline(never)]
    fn like(&mut self, inner: &Expr, negated: bool, pattern: &Expr) -> Result<(Node, Ty), ObError> {
        let (e, _) = self.compile(inner)?;
        let (p, _) = self.compile(pattern)?;
        let fixed = match &p {
            Node::Const(v) if !v.is_null() => Some(compile_like(&value_str(v))),
            _ => None,
        };
        let node = Node::Like {
            expr: Box::new(e),
            pattern: Box::new(p),
            fixed,
            negated,
        };
        Ok((node, INT_TY))
    }

    /// Resolves a column name: select-list aliases first where they are visible (ORDER BY,
    /// HAVING — MySQL prefers the alias there), then the source's columns, then the text of
    /// unaliased select items (`ORDER BY `COUNT(*)``).
    fn column(&mut self, parts: &[String]) -> Result<(Node, Ty), ObError> {
        let full = parts.join(".");
        let Some(name) = parts.last() else {
            return Err(unknown_column(&full, self.clause));
        };
        let outputs_visible = self.use_aliases && !self.in_agg && parts.len() == 1;
        if outputs_visible
            && let Some(&(_, index)) = self
                .aliases
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        {
            return Ok((Node::Out(index), self.out_kind(index)));
        }
        let found = if self.qualifier_matches(parts) {
            self.column_index(name)
        } else {
            None
        };
        if let Some(index) = found {
            if !self.in_agg
                && let Some(allowed) = &self.having_names
                && !allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
            {
                return Err(unknown_column(&full, self.clause));
            }
            let ty = self.columns.get(index).map(|c| c.kind);
            return Ok((Node::Col(index), ty));
        }
        if outputs_visible
            && let Some(&(_, index)) = self
                .item_names
                .iter()
                .find(|(text, _)| text.eq_ignore_ascii_case(name))
        {
            return Ok((Node::Out(index), self.out_kind(index)));
        }
        Err(unknown_column(&full, self.clause))
    }

    fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    fn out_kind(&self, index: usize) -> Ty {
        self.out_kinds.get(index).copied().flatten()
    }

    /// `t.c` must name the FROM table and `db.t.c` also its database (table and database
    /// names compare case-insensitively: OceanBase's default lower_case_table_names is 1).
    /// Without a known table (UPDATE/INSERT expressions) any qualifier is accepted.
    fn qualifier_matches(&self, parts: &[String]) -> bool {
        let Some(table) = self.table else {
            return parts.len() <= 3;
        };
        match parts {
            [_] => true,
            [t, _] => t.eq_ignore_ascii_case(table.name()),
            [db, t, _] => {
                let schema = table
                    .schema()
                    .map(str::to_string)
                    .or_else(|| self.current_db.clone());
                t.eq_ignore_ascii_case(table.name())
                    && schema.is_none_or(|s| s.eq_ignore_ascii_case(db))
            }
            _ => false,
        }
    }

    fn function(
        &mut self,
        whole: &Expr,
        name: &str,
        args: &[Expr],
        star: bool,
        distinct: bool,
    ) -> Result<(Node, Ty), ObError> {
        if let Some(func) = aggregate_function(&name.to_ascii_uppercase()) {
            return self.aggregate(func, name, args, star, distinct);
        }
        let (func, args, text) = resolve_scalar(whole, name, args, star, distinct)?;
        let mut nodes = Vec::with_capacity(args.len());
        let mut tys = Vec::with_capacity(args.len());
        for arg in args {
            let (node, ty) = self.compile(arg)?;
            nodes.push(node);
            tys.push(ty);
        }
        let ty = func_ty(func, &tys);
        let node = Node::Func {
            func,
            args: nodes,
            text,
        };
        Ok((node, ty))
    }

    fn aggregate(
        &mut self,
        func: AggFunc,
        name: &str,
        args: &[Expr],
        star: bool,
        distinct: bool,
    ) -> Result<(Node, Ty), ObError> {
        // Aggregates belong to the select list, HAVING and ORDER BY; never nested.
        if !self.allow_aggs || self.in_agg {
            return Err(invalid_group_function());
        }
        let arity_ok = match func {
            AggFunc::Count if star => args.is_empty(),
            AggFunc::Count => args.len() == 1 || (distinct && !args.is_empty()),
            _ => !star && args.len() == 1,
        };
        if !arity_ok {
            return Err(wrong_param_count(name));
        }
        self.in_agg = true;
        let mut nodes = Vec::with_capacity(args.len());
        let mut first_ty = None;
        for (i, arg) in args.iter().enumerate() {
            match self.compile(arg) {
                Ok((node, ty)) => {
                    if i == 0 {
                        first_ty = ty;
                    }
                    nodes.push(node);
                }
                Err(e) => {
                    self.in_agg = false;
                    return Err(e);
                }
            }
        }
        self.in_agg = false;
        let ty = match func {
            AggFunc::Count => Some(ColumnKind::Int),
            AggFunc::Sum | AggFunc::Avg => Some(ColumnKind::Decimal),
            AggFunc::Min | AggFunc::Max => first_ty,
        };
        let slot = self.aggs.len();
        self.aggs.push(AggSpec {
            func,
            distinct,
            star,
            args: nodes,
        });
        Ok((Node::Agg(slot), ty))
    }
}

#[inline(never)]
fn compile_literal(lit: &Literal) -> (Node, Ty) {
    let value = literal_value(lit);
    let ty = value_ty(&value);
    (Node::Const(value), ty)
}

#[inline(never)]
fn build_unary(whole: &Expr, op: UnaryOp, (node, ty): (Node, Ty)) -> (Node, Ty) {
    match op {
        UnaryOp::Plus => (node, ty),
        UnaryOp::Not => (Node::Not(Box::new(node)), INT_TY),
        UnaryOp::Minus => {
            let ty = match ty {
                Some(ColumnKind::Int | ColumnKind::UInt) | None => INT_TY,
                _ => Some(ColumnKind::Decimal),
            };
            (Node::Neg(Box::new(node), whole.to_sql().into()), ty)
        }
    }
}

#[inline(never)]
fn build_binary(
    whole: &Expr,
    op: BinaryOp,
    (l, lt): (Node, Ty),
    (r, rt): (Node, Ty),
) -> (Node, Ty) {
    let cmp_op = match op {
        BinaryOp::Eq => Some(CmpOp::Eq),
        BinaryOp::NotEq => Some(CmpOp::NotEq),
        BinaryOp::Lt => Some(CmpOp::Lt),
        BinaryOp::LtEq => Some(CmpOp::LtEq),
        BinaryOp::Gt => Some(CmpOp::Gt),
        BinaryOp::GtEq => Some(CmpOp::GtEq),
        _ => None,
    };
    let arith_op = match op {
        BinaryOp::Plus => Some(ArithOp::Add),
        BinaryOp::Minus => Some(ArithOp::Sub),
        BinaryOp::Multiply => Some(ArithOp::Mul),
        BinaryOp::Divide => Some(ArithOp::Div),
        BinaryOp::Modulo => Some(ArithOp::Mod),
        _ => None,
    };
    if let Some(cmp) = cmp_op {
        let (l, r) = (coerce_const(l, rt), coerce_const(r, lt));
        let node = match (l, r) {
            (Node::Col(i), Node::Const(v)) => Node::CmpColConst(cmp, i, v),
            (Node::Const(v), Node::Col(i)) => Node::CmpColConst(cmp.flipped(), i, v),
            (l, r) => Node::Cmp(cmp, Box::new(l), Box::new(r)),
        };
        (node, INT_TY)
    } else if let Some(arith) = arith_op {
        let text = whole.to_sql().into();
        (
            Node::Arith(arith, Box::new(l), Box::new(r), text),
            arith_ty(arith, lt, rt),
        )
    } else if op == BinaryOp::And {
        (Node::And(Box::new(l), Box::new(r)), INT_TY)
    } else {
        (Node::Or(Box::new(l), Box::new(r)), INT_TY)
    }
}

/// Resolves a scalar function call: its [`Func`], the arguments left to compile (NOW's
/// precision and TIMESTAMPDIFF's unit are consumed here) and its text for error messages.
#[inline(never)]
fn resolve_scalar<'e>(
    whole: &Expr,
    name: &str,
    args: &'e [Expr],
    star: bool,
    distinct: bool,
) -> Result<(Func, &'e [Expr], Box<str>), ObError> {
    let Some((func, min, max)) = scalar_function(&name.to_ascii_uppercase()) else {
        return Err(unknown_function(name));
    };
    if star || distinct || args.len() < min || args.len() > max {
        return Err(wrong_param_count(name));
    }
    // Only ABS and MOD can fail with a message naming the call.
    let text: Box<str> = match func {
        Func::Abs | Func::Mod => whole.to_sql().into(),
        _ => "".into(),
    };
    Ok(match func {
        Func::Now(_) | Func::SysDate(_) | Func::UtcTimestamp(_) => {
            let p = match args.first() {
                Some(arg) => precision(arg, name)?,
                None => 0,
            };
            let func = match func {
                Func::SysDate(_) => Func::SysDate(p),
                Func::UtcTimestamp(_) => Func::UtcTimestamp(p),
                _ => Func::Now(p),
            };
            (func, &[][..], text)
        }
        Func::TimestampDiff(_) => {
            let Some(unit) = args.first().and_then(time_unit) else {
                let typed = args.first().map(Expr::to_sql).unwrap_or_default();
                return Err(ObError::parse(&typed, 1));
            };
            (
                Func::TimestampDiff(unit),
                args.get(1..).unwrap_or(&[]),
                text,
            )
        }
        other => (other, args, text),
    })
}

/// A GROUP BY item: a 1-based select-list position, a select-list alias (when no source
/// column has that name: MySQL prefers the column in GROUP BY), or an expression.
fn compile_group_item(
    compiler: &mut Compiler<'_>,
    outputs: &[Output],
    expr: &Expr,
) -> Result<Node, ObError> {
    let by_output = |index: usize| -> Result<Node, ObError> {
        let output = outputs
            .get(index)
            .ok_or_else(|| unknown_column(&index.to_string(), Clause::GroupBy))?;
        if output.node.has_agg() {
            Err(cant_group_on(&output.name))
        } else {
            Ok(output.node.clone())
        }
    };
    if let Some((pos, text)) = position(expr) {
        return match position_index(pos, outputs.len()) {
            Some(index) => by_output(index),
            None => Err(unknown_column(text, Clause::GroupBy)),
        };
    }
    if let Expr::Column(parts) = expr
        && let [name] = parts.as_slice()
        && compiler.column_index(name).is_none()
        && let Some(&(_, index)) = compiler
            .aliases
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
    {
        return by_output(index);
    }
    Ok(compiler.compile(expr)?.0)
}

/// `ORDER BY 2` / `GROUP BY 2`: a bare unsigned integer literal is a select-list position.
fn position(expr: &Expr) -> Option<(u64, &str)> {
    match expr {
        Expr::Literal(Literal::Number(text))
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some((text.parse().unwrap_or(u64::MAX), text.as_str()))
        }
        _ => None,
    }
}

fn position_index(pos: u64, count: usize) -> Option<usize> {
    let index = usize::try_from(pos.checked_sub(1)?).ok()?;
    (index < count).then_some(index)
}

/// The fractional-seconds precision argument of NOW(p): a constant 0..=6.
fn precision(arg: &Expr, name: &str) -> Result<u8, ObError> {
    match arg {
        Expr::Literal(Literal::Number(text)) => match text.parse::<u64>() {
            Ok(p) if p <= 6 => Ok(u8::try_from(p).unwrap_or(6)),
            _ => Err(too_big_precision(text, name)),
        },
        _ => Err(ObError::invalid_argument(&name.to_ascii_lowercase())),
    }
}

fn time_unit(arg: &Expr) -> Option<TimeUnit> {
    let Expr::Column(parts) = arg else {
        return None;
    };
    let [word] = parts.as_slice() else {
        return None;
    };
    Some(match word.to_ascii_uppercase().as_str() {
        "MICROSECOND" => TimeUnit::Microsecond,
        "SECOND" => TimeUnit::Second,
        "MINUTE" => TimeUnit::Minute,
        "HOUR" => TimeUnit::Hour,
        "DAY" => TimeUnit::Day,
        "WEEK" => TimeUnit::Week,
        "MONTH" => TimeUnit::Month,
        "QUARTER" => TimeUnit::Quarter,
        "YEAR" => TimeUnit::Year,
        _ => return None,
    })
}

/// A string constant compared with a DATETIME operand is converted once, at compile time,
/// instead of being parsed again on every row (the result is the same either way).
fn coerce_const(node: Node, other: Ty) -> Node {
    if other == Some(ColumnKind::DateTime)
        && let Node::Const(Value::Str(s)) = &node
        && let Some(micros) = parse_datetime(s)
    {
        return Node::Const(Value::DateTime { micros, frac: true });
    }
    node
}

fn value_ty(v: &Value) -> Ty {
    match v {
        Value::Null => None,
        Value::Int(_) => Some(ColumnKind::Int),
        Value::UInt(_) => Some(ColumnKind::UInt),
        Value::Decimal { .. } => Some(ColumnKind::Decimal),
        Value::Str(_) => Some(ColumnKind::Text),
        Value::DateTime { .. } => Some(ColumnKind::DateTime),
    }
}

/// The result type of `a op b`: integers stay integers (UNSIGNED if either is), `/` is always
/// DECIMAL, anything else numeric is DECIMAL (strings and date-times convert to numbers).
fn arith_ty(op: ArithOp, a: Ty, b: Ty) -> Ty {
    use ColumnKind::{Decimal, Int, UInt};
    if op == ArithOp::Div {
        return Some(Decimal);
    }
    Some(match (a.unwrap_or(Int), b.unwrap_or(Int)) {
        (Int, Int) => Int,
        (Int | UInt, Int | UInt) => UInt,
        _ => Decimal,
    })
}

/// The type of a value chosen among several (IFNULL, COALESCE, IF, GREATEST).
fn merge_ty(a: Ty, b: Ty) -> Ty {
    match (a, b) {
        (None, t) | (t, None) => t,
        (Some(x), Some(y)) if x == y => Some(x),
        (Some(x), Some(y)) if x.is_numeric() && y.is_numeric() => Some(ColumnKind::Decimal),
        _ => Some(ColumnKind::Text),
    }
}

fn func_ty(func: Func, args: &[Ty]) -> Ty {
    use ColumnKind::{DateTime, Decimal, Int, Text};
    let first = args.first().copied().flatten();
    let numeric_first = || match first {
        Some(k) if k.is_numeric() => Some(k),
        None => Some(Int),
        _ => Some(Decimal),
    };
    match func {
        Func::Now(_)
        | Func::SysDate(_)
        | Func::UtcTimestamp(_)
        | Func::CurDate
        | Func::UsecToTime
        | Func::ScnToTimestamp => Some(DateTime),
        Func::Sleep
        | Func::Length
        | Func::CharLength
        | Func::TimeToUsec
        | Func::TimestampDiff(_)
        | Func::UnixTimestamp => Some(Int),
        Func::Database
        | Func::User
        | Func::Version
        | Func::Concat
        | Func::ConcatWs
        | Func::Upper
        | Func::Lower
        | Func::Substr => Some(Text),
        Func::Coalesce | Func::Greatest | Func::Least => args.iter().copied().fold(None, merge_ty),
        Func::If => merge_ty(
            args.get(1).copied().flatten(),
            args.get(2).copied().flatten(),
        ),
        Func::NullIf => first,
        Func::Abs | Func::Round => numeric_first(),
        Func::Floor | Func::Ceil => match first {
            Some(ColumnKind::UInt) => Some(ColumnKind::UInt),
            Some(k) if k.is_numeric() => Some(Int),
            None => Some(Int),
            _ => Some(Decimal),
        },
        Func::Mod => arith_ty(ArithOp::Mod, first, args.get(1).copied().flatten()),
    }
}

// ----- evaluation -----------------------------------------------------------------------------

/// What the expression being evaluated can see: the source row, the aggregates of its group
/// and the select-list outputs already computed for it.
struct Env<'a> {
    row: &'a [Value],
    aggs: &'a [Value],
    outs: &'a [Value],
}

impl<'a> Env<'a> {
    fn row(row: &'a [Value]) -> Env<'a> {
        Env {
            row,
            aggs: &[],
            outs: &[],
        }
    }
}

/// The session, plus the statement's start time: NOW() is constant within a statement (as in
/// MySQL, even across SLEEP); SYSDATE() reads the clock each time.
struct Rt<'c> {
    ctx: &'c mut dyn EvalContext,
    now: i64,
}

impl<'c> Rt<'c> {
    fn new(ctx: &'c mut dyn EvalContext) -> Rt<'c> {
        let now = ctx.now_micros();
        Rt { ctx, now }
    }
}

static NULL: Value = Value::Null;

fn cell<'a>(values: &'a [Value], index: usize) -> Cow<'a, Value> {
    Cow::Borrowed(values.get(index).unwrap_or(&NULL))
}

fn bool_value(b: Option<bool>) -> Value {
    b.map_or(Value::Null, |b| Value::Int(i64::from(b)))
}

impl Node {
    /// The node's value. Leaves borrow (constants, cells); computed values are owned.
    /// Every arm that recurses delegates to a small function of its own, so that each level
    /// of a deep expression costs little stack (debug builds keep every temporary of a
    /// function in its frame).
    fn eval<'a>(&'a self, env: &Env<'a>, rt: &mut Rt<'_>) -> Result<Cow<'a, Value>, ObError> {
        Ok(match self {
            Node::Const(v) => Cow::Borrowed(v),
            Node::Col(i) => cell(env.row, *i),
            Node::Out(i) => cell(env.outs, *i),
            Node::Agg(i) => cell(env.aggs, *i),
            Node::Neg(inner, text) => Cow::Owned(eval_neg(inner, text, env, rt)?),
            Node::Arith(op, l, r, text) => Cow::Owned(eval_arith(*op, l, r, text, env, rt)?),
            Node::Func { func, args, text } => Cow::Owned(eval_func(*func, args, text, env, rt)?),
            Node::Not(_)
            | Node::And(..)
            | Node::Or(..)
            | Node::Cmp(..)
            | Node::CmpColConst(..)
            | Node::Between { .. }
            | Node::In { .. }
            | Node::Like { .. }
            | Node::IsNull { .. } => Cow::Owned(bool_value(self.truth(env, rt)?)),
        })
    }

    /// Three-valued truth: Some(true), Some(false) or None (NULL). Boolean nodes answer
    /// directly, without building an intermediate value.
    fn truth(&self, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
        match self {
            Node::Not(inner) => Ok(inner.truth(env, rt)?.map(|b| !b)),
            Node::And(l, r) => truth_and(l, r, env, rt),
            Node::Or(l, r) => truth_or(l, r, env, rt),
            Node::Cmp(op, l, r) => truth_cmp(*op, l, r, env, rt),
            Node::CmpColConst(op, col, constant) => Ok(match env.row.get(*col) {
                None | Some(Value::Null) => None,
                Some(v) => compare(v, constant).map(|o| op.holds(o)),
            }),
            Node::Between {
                expr,
                low,
                high,
                negated,
            } => truth_between(expr, low, high, *negated, env, rt),
            Node::In {
                expr,
                list,
                negated,
            } => truth_in(expr, list, *negated, env, rt),
            Node::Like {
                expr,
                pattern,
                fixed,
                negated,
            } => truth_like(expr, pattern, fixed.as_deref(), *negated, env, rt),
            Node::IsNull { expr, negated } => Ok(Some(expr.eval(env, rt)?.is_null() != *negated)),
            _ => truth_of_node(self, env, rt),
        }
    }
}

#[inline(never)]
fn truth_of_node(node: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(truth_of(&*node.eval(env, rt)?))
}

#[inline(never)]
fn eval_neg(inner: &Node, text: &str, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Value, ObError> {
    let v = inner.eval(env, rt)?;
    negate(&v, text)
}

#[inline(never)]
fn eval_arith(
    op: ArithOp,
    l: &Node,
    r: &Node,
    text: &str,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Value, ObError> {
    // MySQL does not evaluate the right operand once the left one is NULL.
    let a = l.eval(env, rt)?;
    if a.is_null() {
        return Ok(Value::Null);
    }
    let b = r.eval(env, rt)?;
    arith(op, &a, &b, text)
}

#[inline(never)]
fn truth_and(l: &Node, r: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(match l.truth(env, rt)? {
        Some(false) => Some(false),
        left => match r.truth(env, rt)? {
            Some(false) => Some(false),
            Some(true) => left,
            None => None,
        },
    })
}

#[inline(never)]
fn truth_or(l: &Node, r: &Node, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<Option<bool>, ObError> {
    Ok(match l.truth(env, rt)? {
        Some(true) => Some(true),
        left => match r.truth(env, rt)? {
            Some(true) => Some(true),
            Some(false) => left,
            None => None,
        },
    })
}

#[inline(never)]
fn truth_cmp(
    op: CmpOp,
    l: &Node,
    r: &Node,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let a = l.eval(env, rt)?;
    if a.is_null() {
        return Ok(None);
    }
    let b = r.eval(env, rt)?;
    Ok(compare(&a, &b).map(|o| op.holds(o)))
}

#[inline(never)]
fn truth_between(
    expr: &Node,
    low: &Node,
    high: &Node,
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let lo = low.eval(env, rt)?;
    let hi = high.eval(env, rt)?;
    let ge = compare(&v, &lo).map(|o| o != Ordering::Less);
    let le = compare(&v, &hi).map(|o| o != Ordering::Greater);
    let inside = match (ge, le) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    Ok(inside.map(|b| b != negated))
}

#[inline(never)]
fn truth_in(
    expr: &Node,
    list: &[Node],
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let mut saw_null = false;
    for item in list {
        let x = item.eval(env, rt)?;
        match compare(&v, &x) {
            Some(Ordering::Equal) => return Ok(Some(!negated)),
            Some(_) => {}
            None => saw_null = true,
        }
    }
    // `x IN (..., NULL)` without a match is unknown, not false.
    Ok(if saw_null { None } else { Some(negated) })
}

#[inline(never)]
fn truth_like(
    expr: &Node,
    pattern: &Node,
    fixed: Option<&[PatTok]>,
    negated: bool,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Option<bool>, ObError> {
    let v = expr.eval(env, rt)?;
    if v.is_null() {
        return Ok(None);
    }
    let text = value_str(&v);
    let matched = match fixed {
        Some(tokens) => like_match(&text, tokens),
        None => {
            let p = pattern.eval(env, rt)?;
            if p.is_null() {
                return Ok(None);
            }
            like_match(&text, &compile_like(&value_str(&p)))
        }
    };
    Ok(Some(matched != negated))
}

/// MySQL's truth of a value: non-zero numbers are true, strings by their numeric prefix
/// (`'abc'` is 0, so false), NULL is unknown.
fn truth_of(v: &Value) -> Option<bool> {
    Some(match v {
        Value::Null => return None,
        Value::Int(i) => *i != 0,
        Value::UInt(u) => *u != 0,
        Value::Decimal { mantissa, .. } => *mantissa != 0,
        Value::Str(s) => match str_to_num(s) {
            Num::Exact(m, _) => m != 0,
            Num::Float(f) => f != 0.0,
        },
        Value::DateTime { .. } => true,
    })
}

/// A value's text as string functions see it.
fn value_str(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Str(s) => Cow::Borrowed(s.as_str()),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.render()),
    }
}

#[inline(never)]
fn eval_func(
    func: Func,
    args: &[Node],
    text: &str,
    env: &Env<'_>,
    rt: &mut Rt<'_>,
) -> Result<Value, ObError> {
    // Functions that do not evaluate all their arguments.
    match func {
        Func::Coalesce => {
            for arg in args {
                let v = arg.eval(env, rt)?;
                if !v.is_null() {
                    return Ok(v.into_owned());
                }
            }
            return Ok(Value::Null);
        }
        Func::If => {
            let cond = match args.first() {
                Some(c) => c.truth(env, rt)?,
                None => None,
            };
            let pick = if cond == Some(true) { 1 } else { 2 };
            return match args.get(pick) {
                Some(arg) => Ok(arg.eval(env, rt)?.into_owned()),
                None => Ok(Value::Null),
            };
        }
        _ => {}
    }
    let mut vals: Vec<Cow<'_, Value>> = Vec::with_capacity(args.len());
    for arg in args {
        vals.push(arg.eval(env, rt)?);
    }
    apply_func(func, &vals, text, rt)
}

/// A function on its evaluated arguments (kept out of the recursion path of [`eval_func`]).
#[inline(never)]
fn apply_func(
    func: Func,
    vals: &[Cow<'_, Value>],
    text: &str,
    rt: &mut Rt<'_>,
) -> Result<Value, ObError> {
    match func {
        Func::Now(p) => return Ok(time_value(rt.now, p)),
        Func::SysDate(p) => return Ok(time_value(rt.ctx.now_micros(), p)),
        Func::UtcTimestamp(p) => {
            // Values render in the session zone (+08:00); UTC is 8 hours earlier.
            return Ok(time_value(rt.now.saturating_sub(8 * 3_600 * 1_000_000), p));
        }
        Func::CurDate => {
            let day = format_datetime(rt.now, false);
            let date = day.get(..day.len().saturating_sub(9)).unwrap_or("");
            return Ok(Value::Str(date.to_string()));
        }
        Func::Database => return Ok(rt.ctx.current_database().map_or(Value::Null, Value::Str)),
        Func::User => return Ok(Value::Str(rt.ctx.current_user())),
        Func::Version => return Ok(Value::Str(rt.ctx.version())),
        Func::UnixTimestamp if vals.is_empty() => {
            return Ok(Value::Int(rt.now.div_euclid(1_000_000)));
        }
        _ => {}
    }
    let v = |i: usize| -> &Value { vals.get(i).map_or(&NULL, |c| &**c) };
    let any_null = vals.iter().any(|x| x.is_null());
    Ok(match func {
        Func::Sleep => {
            if let Some(seconds) = to_f64(v(0))
                && seconds > 0.0
                && seconds.is_finite()
            {
                rt.ctx.sleep(seconds);
            }
            Value::Int(0)
        }
        Func::Concat => {
            if any_null {
                return Ok(Value::Null);
            }
            let mut out = String::new();
            for x in vals {
                out.push_str(&value_str(x));
            }
            Value::Str(out)
        }
        Func::ConcatWs => {
            if v(0).is_null() {
                return Ok(Value::Null);
            }
            let sep = value_str(v(0));
            let parts: Vec<Cow<'_, str>> = vals
                .iter()
                .skip(1)
                .filter(|x| !x.is_null())
                .map(|x| value_str(x))
                .collect();
            Value::Str(parts.join(&sep))
        }
        _ if any_null && !matches!(func, Func::NullIf) => Value::Null,
        Func::Upper => Value::Str(value_str(v(0)).to_uppercase()),
        Func::Lower => Value::Str(value_str(v(0)).to_lowercase()),
        Func::Length => Value::Int(len_i64(value_str(v(0)).len())),
        Func::CharLength => Value::Int(len_i64(value_str(v(0)).chars().count())),
        Func::Substr => {
            let len = if vals.len() > 2 { to_i64(v(2)) } else { None };
            Value::Str(substr(&value_str(v(0)), to_i64(v(1)).unwrap_or(0), len))
        }
        Func::NullIf => {
            if compare(v(0), v(1)) == Some(Ordering::Equal) {
                Value::Null
            } else {
                v(0).clone()
            }
        }
        Func::Abs => abs(v(0), text)?,
        Func::Round => {
            let digits = if vals.len() > 1 {
                to_i64(v(1)).unwrap_or(0)
            } else {
                0
            };
            round(v(0), digits)
        }
        Func::Floor => floor_ceil(v(0), false),
        Func::Ceil => floor_ceil(v(0), true),
        Func::Mod => arith(ArithOp::Mod, v(0), v(1), text)?,
        Func::Greatest => extreme(vals, Ordering::Greater),
        Func::Least => extreme(vals, Ordering::Less),
        Func::UsecToTime => {
            to_i64(v(0)).map_or(Value::Null, |micros| Value::DateTime { micros, frac: true })
        }
        Func::TimeToUsec => to_micros(v(0)).map_or(Value::Null, Value::Int),
        Func::ScnToTimestamp => match to_num(v(0)) {
            // An SCN is nanoseconds since the epoch.
            Some(n) => Value::datetime(num_to_i64(n).div_euclid(1_000)),
            None => Value::Null,
        },
        Func::TimestampDiff(unit) => match (to_micros(v(0)), to_micros(v(1))) {
            (Some(a), Some(b)) => Value::Int(timestamp_diff(unit, a, b)),
            _ => Value::Null,
        },
        Func::UnixTimestamp => match to_micros(v(0)) {
            Some(micros) if micros % 1_000_000 != 0 => Value::decimal(i128::from(micros), 6),
            Some(micros) => Value::Int(micros.div_euclid(1_000_000)),
            None => Value::Null,
        },
        // Handled above.
        Func::Coalesce
        | Func::If
        | Func::Now(_)
        | Func::SysDate(_)
        | Func::UtcTimestamp(_)
        | Func::CurDate
        | Func::Database
        | Func::User
        | Func::Version => Value::Null,
    })
}

fn len_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// NOW(p): whole seconds for p = 0, microseconds for 6. For 1..=5 the value is cut to p
/// digits and shown with p digits, as `DATETIME(p)` is.
fn time_value(micros: i64, p: u8) -> Value {
    match p {
        0 => Value::DateTime {
            micros: micros.saturating_sub(micros.rem_euclid(1_000_000)),
            frac: false,
        },
        1..=5 => {
            let drop = 6 - usize::from(p);
            let unit = 10i64.pow(u32::try_from(drop).unwrap_or(0));
            let text = format_datetime(micros.saturating_sub(micros.rem_euclid(unit)), true);
            Value::Str(
                text.get(..text.len().saturating_sub(drop))
                    .unwrap_or("")
                    .to_string(),
            )
        }
        _ => Value::datetime(micros),
    }
}

/// SUBSTRING(s, pos[, len]) on characters: pos is 1-based, negative counts from the end, 0
/// gives ''; a len below 1 gives ''.
fn substr(s: &str, pos: i64, len: Option<i64>) -> String {
    let count = len_i64(s.chars().count());
    let start = match pos {
        0 => return String::new(),
        p if p > 0 => p - 1,
        p => count.saturating_add(p),
    };
    if start < 0 || start >= count {
        return String::new();
    }
    let take = match len {
        Some(l) if l < 1 => return String::new(),
        Some(l) => usize::try_from(l).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    s.chars()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(take)
        .collect()
}

/// GREATEST / LEAST: all-numeric arguments compare numerically; a mix of strings and numbers
/// compares as strings; otherwise the ordinary comparison (date-times with strings).
fn extreme(vals: &[Cow<'_, Value>], want: Ordering) -> Value {
    if vals.iter().any(|v| v.is_null()) {
        return Value::Null;
    }
    let numeric = |v: &Value| matches!(v, Value::Int(_) | Value::UInt(_) | Value::Decimal { .. });
    let all_numeric = vals.iter().all(|v| numeric(v));
    let as_strings =
        vals.iter().any(|v| matches!(**v, Value::Str(_))) && vals.iter().any(|v| numeric(v));
    let mut best: Option<&Value> = None;
    for v in vals {
        let v: &Value = v;
        let better = match best {
            None => true,
            Some(b) => {
                let o = if all_numeric {
                    sort_cmp(v, b)
                } else if as_strings {
                    collate_cmp(&value_str(v), &value_str(b))
                } else {
                    compare(v, b).unwrap_or(Ordering::Equal)
                };
                o == want
            }
        };
        if better {
            best = Some(v);
        }
    }
    best.cloned().unwrap_or(Value::Null)
}

fn to_micros(v: &Value) -> Option<i64> {
    match v {
        Value::DateTime { micros, .. } => Some(*micros),
        Value::Str(s) => parse_datetime(s),
        _ => None,
    }
}

fn timestamp_diff(unit: TimeUnit, a: i64, b: i64) -> i64 {
    let micros_per = match unit {
        TimeUnit::Microsecond => 1,
        TimeUnit::Second => 1_000_000,
        TimeUnit::Minute => 60_000_000,
        TimeUnit::Hour => 3_600_000_000,
        TimeUnit::Day => 86_400_000_000,
        TimeUnit::Week => 604_800_000_000,
        TimeUnit::Month => return months_between(a, b),
        TimeUnit::Quarter => return months_between(a, b) / 3,
        TimeUnit::Year => return months_between(a, b) / 12,
    };
    let diff = i128::from(b) - i128::from(a);
    i64::try_from(diff / micros_per).unwrap_or(0)
}

/// Whole calendar months from `a` to `b` (truncated toward zero), read off the rendered
/// local times: the fixed-width `DD HH:MM:SS.ffffff` tails compare as strings.
fn months_between(a: i64, b: i64) -> i64 {
    fn split(s: &str) -> Option<(i64, i64, &str)> {
        let (sign, body) = match s.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, s),
        };
        let (year, rest) = body.split_once('-')?;
        let month = rest.get(..2)?.parse::<i64>().ok()?;
        Some((sign * year.parse::<i64>().ok()?, month, rest.get(3..)?))
    }
    let (sa, sb) = (format_datetime(a, true), format_datetime(b, true));
    let (Some((ya, ma, ta)), Some((yb, mb, tb))) = (split(&sa), split(&sb)) else {
        return 0;
    };
    let mut months = (yb - ya) * 12 + (mb - ma);
    if months > 0 && tb < ta {
        months -= 1;
    } else if months < 0 && tb > ta {
        months += 1;
    }
    months
}

// ----- numbers --------------------------------------------------------------------------------

/// A number for comparison: exact (`mantissa / 10^scale`) when it can be, else a double.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    Exact(i128, u8),
    Float(f64),
}

/// 10^n for every n that fits an i128 (0..=38), precomputed: decimal comparisons run per row.
const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

fn pow10(n: u32) -> Option<i128> {
    POW10.get(n as usize).copied()
}

fn exact_f64(m: i128, s: u8) -> f64 {
    // Both conversions round to nearest; exact for the magnitudes that occur in practice.
    #[allow(clippy::cast_precision_loss)]
    let m = m as f64;
    m / 10f64.powi(i32::from(s))
}

fn num_f64(n: Num) -> f64 {
    match n {
        Num::Exact(m, s) => exact_f64(m, s),
        Num::Float(f) => f,
    }
}

/// Rounds a number to an integer, half away from zero (MySQL's rule for exact values),
/// saturating at the i64 range.
fn num_to_i64(n: Num) -> i64 {
    match n {
        Num::Exact(m, 0) => clamp_i64(m),
        Num::Exact(m, s) => match pow10(u32::from(s)) {
            Some(p) => round_div(m, p).map_or(0, clamp_i64),
            // |m| < 2^127 < 10^39 / 2: rounds to zero.
            None => 0,
        },
        // `as` saturates (and maps NaN to 0), which is the clamp wanted here.
        #[allow(clippy::cast_possible_truncation)]
        Num::Float(f) => f.round() as i64,
    }
}

fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

fn to_num(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Null => return None,
        Value::Int(i) => Num::Exact(i128::from(*i), 0),
        Value::UInt(u) => Num::Exact(i128::from(*u), 0),
        Value::Decimal { mantissa, scale } => Num::Exact(*mantissa, *scale),
        Value::Str(s) => str_to_num(s),
        Value::DateTime { micros, frac } => {
            let (m, s) = datetime_number(*micros, *frac);
            Num::Exact(m, s)
        }
    })
}

fn to_i64(v: &Value) -> Option<i64> {
    to_num(v).map(num_to_i64)
}

fn to_f64(v: &Value) -> Option<f64> {
    to_num(v).map(num_f64)
}

/// A DATETIME in numeric context is `YYYYMMDDHHMMSS[.ffffff]` (MySQL: `NOW() + 0`).
fn datetime_number(micros: i64, frac: bool) -> (i128, u8) {
    let text = format_datetime(micros, frac);
    let mut m: i128 = 0;
    for b in text.bytes().filter(u8::is_ascii_digit) {
        m = m.saturating_mul(10).saturating_add(i128::from(b - b'0'));
    }
    let m = if text.starts_with('-') { -m } else { m };
    (m, if frac { 6 } else { 0 })
}

/// `[+-]digits[.digits]` exactly (at least one digit, scale at most 30, mantissa within
/// i128); None otherwise.
fn parse_exact(text: &str) -> Option<(i128, u8)> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let scale = u8::try_from(frac_part.len())
        .ok()
        .filter(|s| *s <= MAX_SCALE)?;
    let mut m: i128 = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some((if negative { -m } else { m }, scale))
}

fn number_literal(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::Int(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::UInt(u);
    }
    if let Some((m, s)) = parse_exact(text) {
        return Value::decimal(m, s);
    }
    crate::num::parse_f64(text).map_or(Value::Int(0), float_value)
}

/// A string in numeric context, as MySQL converts it: leading spaces skipped, then the longest
/// numeric prefix (`'12abc'` is 12, `'abc'` is 0, `'1e3'` is 1000).
fn str_to_num(s: &str) -> Num {
    let b = s.as_bytes();
    let mut i = 0;
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let start = i;
    if matches!(b.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        let mut j = i + 1;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > i + 1 {
            digits += j - i - 1;
            i = j;
        }
    }
    if digits == 0 {
        return Num::Exact(0, 0);
    }
    let mantissa_end = i;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_start = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > exp_start {
            let f = s
                .get(start..j)
                .and_then(crate::num::parse_f64)
                .unwrap_or(0.0);
            return Num::Float(f);
        }
    }
    let text = s.get(start..mantissa_end).unwrap_or("0");
    match parse_exact(text) {
        Some((m, scale)) => Num::Exact(m, scale),
        None => Num::Float(crate::num::parse_f64(text).unwrap_or(0.0)),
    }
}

/// A double result. Value has no double variant, so it becomes the DECIMAL that prints as
/// MySQL prints the double (shortest round-trip digits: `0.1 + 0.2` → 0.30000000000000004),
/// or, outside fixed notation's range, MySQL's exponent form (`1e20`). Infinities are NULL.
fn float_value(f: f64) -> Value {
    if !f.is_finite() {
        return Value::Null;
    }
    if f == 0.0 {
        return Value::decimal(0, 0);
    }
    if (1e-4..1e15).contains(&f.abs())
        && let Some((m, s)) = parse_exact(&crate::num::format_shortest(f))
    {
        return Value::decimal(m, s);
    }
    Value::Str(crate::num::format_exp(f))
}

/// `n / d` rounded half away from zero (MySQL's DECIMAL rounding); None on overflow or d = 0.
fn round_div(n: i128, d: i128) -> Option<i128> {
    let q = n.checked_div(d)?;
    let r = n.checked_rem(d)?;
    let (r_abs, d_abs) = (r.unsigned_abs(), d.unsigned_abs());
    if r_abs >= d_abs - r_abs {
        if (n < 0) != (d < 0) {
            q.checked_sub(1)
        } else {
            q.checked_add(1)
        }
    } else {
        Some(q)
    }
}

fn rescale(m: i128, from: u8, to: u8) -> Option<i128> {
    if m == 0 {
        return Some(0);
    }
    m.checked_mul(pow10(u32::from(to.checked_sub(from)?))?)
}

/// Exact comparison of two decimals; total (no overflow case is left undecided).
fn cmp_exact(m1: i128, s1: u8, m2: i128, s2: u8) -> Ordering {
    match s1.cmp(&s2) {
        Ordering::Equal => m1.cmp(&m2),
        Ordering::Less => match rescale(m1, s1, s2) {
            Some(scaled) => scaled.cmp(&m2),
            // Scaling overflowed: |m1 * 10^k| exceeds every i128, so m1's sign decides.
            None => {
                if m1 > 0 {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
        },
        Ordering::Greater => cmp_exact(m2, s2, m1, s1).reverse(),
    }
}

fn cmp_num(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Exact(m1, s1), Num::Exact(m2, s2)) => Some(cmp_exact(m1, s1, m2, s2)),
        _ => num_f64(a).partial_cmp(&num_f64(b)),
    }
}

/// An arithmetic operand: integers (with MySQL's UNSIGNED flag), exact decimals, or doubles
/// (strings in arithmetic are doubles in MySQL).
#[derive(Clone, Copy, Debug)]
enum Operand {
    Int(i128, bool),
    Dec(i128, u8),
    Float(f64),
}

impl Operand {
    fn exact(self) -> (i128, u8) {
        match self {
            Operand::Int(i, _) => (i, 0),
            Operand::Dec(m, s) => (m, s),
            Operand::Float(_) => (0, 0),
        }
    }

    fn to_f64(self) -> f64 {
        match self {
            Operand::Int(i, _) => exact_f64(i, 0),
            Operand::Dec(m, s) => exact_f64(m, s),
            Operand::Float(f) => f,
        }
    }
}

fn operand(v: &Value) -> Option<Operand> {
    Some(match v {
        Value::Null => return None,
        Value::Int(i) => Operand::Int(i128::from(*i), false),
        Value::UInt(u) => Operand::Int(i128::from(*u), true),
        Value::Decimal { mantissa, scale } => Operand::Dec(*mantissa, *scale),
        Value::Str(s) => Operand::Float(num_f64(str_to_num(s))),
        Value::DateTime { micros, frac } => match datetime_number(*micros, *frac) {
            (m, 0) => Operand::Int(m, false),
            (m, s) => Operand::Dec(m, s),
        },
    })
}

fn arith(op: ArithOp, a: &Value, b: &Value, text: &str) -> Result<Value, ObError> {
    let (Some(x), Some(y)) = (operand(a), operand(b)) else {
        return Ok(Value::Null);
    };
    match (x, y) {
        (Operand::Int(i, ui), Operand::Int(j, uj)) if op != ArithOp::Div => {
            int_arith(op, (i, ui), (j, uj), text)
        }
        (Operand::Float(_), _) | (_, Operand::Float(_)) => {
            Ok(float_arith(op, x.to_f64(), y.to_f64()))
        }
        _ => {
            let ((m1, s1), (m2, s2)) = (x.exact(), y.exact());
            // Beyond i128 (38 digits) the exact result is out of reach; MySQL's DECIMAL would
            // hold 65 digits, so degrade to a double rather than fail.
            Ok(dec_arith(op, (m1, s1), (m2, s2))
                .unwrap_or_else(|| float_arith(op, x.to_f64(), y.to_f64())))
        }
    }
}

/// BIGINT arithmetic with MySQL's range errors; UNSIGNED if either operand is.
fn int_arith(
    op: ArithOp,
    (i, i_unsigned): (i128, bool),
    (j, j_unsigned): (i128, bool),
    text: &str,
) -> Result<Value, ObError> {
    let unsigned = i_unsigned || j_unsigned;
    let result = match op {
        ArithOp::Add => i.checked_add(j),
        ArithOp::Sub => i.checked_sub(j),
        ArithOp::Mul => i.checked_mul(j),
        ArithOp::Mod => {
            // The remainder takes the dividend's sign and type; MOD by 0 is NULL.
            let Some(r) = i.checked_rem(j) else {
                return Ok(Value::Null);
            };
            return Ok(if i_unsigned {
                u64::try_from(r).map_or(Value::Null, Value::UInt)
            } else {
                i64::try_from(r).map_or(Value::Null, Value::Int)
            });
        }
        ArithOp::Div => return Ok(dec_arith(op, (i, 0), (j, 0)).unwrap_or(Value::Null)),
    };
    let type_name = if unsigned {
        "BIGINT UNSIGNED"
    } else {
        "BIGINT"
    };
    let Some(r) = result else {
        return Err(out_of_range(type_name, text));
    };
    if unsigned {
        u64::try_from(r)
            .map(Value::UInt)
            .map_err(|_| out_of_range(type_name, text))
    } else {
        i64::try_from(r)
            .map(Value::Int)
            .map_err(|_| out_of_range(type_name, text))
    }
}

/// Exact DECIMAL arithmetic: + and - at the larger scale, * at the sum of scales (rounded to
/// 30), / at the dividend's scale + 4 (rounded half away from zero), % at the larger scale.
/// Division or MOD by zero is NULL. None when i128 overflows.
fn dec_arith(op: ArithOp, (m1, s1): (i128, u8), (m2, s2): (i128, u8)) -> Option<Value> {
    let common = s1.max(s2);
    Some(match op {
        ArithOp::Add | ArithOp::Sub => {
            let (a, b) = (rescale(m1, s1, common)?, rescale(m2, s2, common)?);
            let m = if op == ArithOp::Add {
                a.checked_add(b)?
            } else {
                a.checked_sub(b)?
            };
            Value::decimal(m, common)
        }
        ArithOp::Mul => {
            let m = m1.checked_mul(m2)?;
            let scale = u16::from(s1) + u16::from(s2);
            match u8::try_from(scale).ok().filter(|s| *s <= MAX_SCALE) {
                Some(s) => Value::decimal(m, s),
                None => {
                    let cut = u32::from(scale - u16::from(MAX_SCALE));
                    let m = match pow10(cut) {
                        Some(p) => round_div(m, p)?,
                        None => 0,
                    };
                    Value::decimal(m, MAX_SCALE)
                }
            }
        }
        ArithOp::Div => {
            if m2 == 0 {
                return Some(Value::Null);
            }
            let (m, s) = dec_div((m1, s1), (m2, s2))?;
            Value::decimal(m, s)
        }
        ArithOp::Mod => {
            if m2 == 0 {
                return Some(Value::Null);
            }
            let (a, b) = (rescale(m1, s1, common)?, rescale(m2, s2, common)?);
            Value::decimal(a.checked_rem(b)?, common)
        }
    })
}

/// `(m1 / 10^s1) / (m2 / 10^s2)` at scale min(s1 + 4, 30), rounded half away from zero.
fn dec_div((m1, s1): (i128, u8), (m2, s2): (i128, u8)) -> Option<(i128, u8)> {
    let scale = s1.saturating_add(DIV_INCREMENT).min(MAX_SCALE);
    let shift = i32::from(scale) + i32::from(s2) - i32::from(s1);
    let (num, den) = if shift >= 0 {
        (m1.checked_mul(pow10(shift.unsigned_abs())?)?, m2)
    } else {
        (m1, m2.checked_mul(pow10(shift.unsigned_abs())?)?)
    };
    Some((round_div(num, den)?, scale))
}

fn float_arith(op: ArithOp, a: f64, b: f64) -> Value {
    match op {
        ArithOp::Add => float_value(a + b),
        ArithOp::Sub => float_value(a - b),
        ArithOp::Mul => float_value(a * b),
        ArithOp::Div if b == 0.0 => Value::Null,
        ArithOp::Div => float_value(a / b),
        ArithOp::Mod if b == 0.0 => Value::Null,
        // Rust's % on doubles is C's fmod: the result takes the dividend's sign, as in MySQL.
        ArithOp::Mod => float_value(a % b),
    }
}

fn negate(v: &Value, text: &str) -> Result<Value, ObError> {
    Ok(match operand(v) {
        None => Value::Null,
        Some(Operand::Int(i, unsigned)) => match i64::try_from(-i) {
            Ok(n) => Value::Int(n),
            // -(UNSIGNED above 2^63) leaves BIGINT; MySQL gives a DECIMAL.
            Err(_) if unsigned => Value::decimal(-i, 0),
            Err(_) => return Err(out_of_range("BIGINT", text)),
        },
        Some(Operand::Dec(m, s)) => match m.checked_neg() {
            Some(n) => Value::decimal(n, s),
            None => float_value(-exact_f64(m, s)),
        },
        Some(Operand::Float(f)) => float_value(-f),
    })
}

fn abs(v: &Value, text: &str) -> Result<Value, ObError> {
    Ok(match (v, operand(v)) {
        (_, None) => Value::Null,
        (Value::Int(i), _) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => return Err(out_of_range("BIGINT", text)),
        },
        (Value::UInt(u), _) => Value::UInt(*u),
        // A date-time's number (YYYYMMDDHHMMSS) is far inside i128.
        (_, Some(Operand::Int(i, _))) => int_or_decimal(i.saturating_abs(), false),
        (_, Some(Operand::Dec(m, s))) => match m.checked_abs() {
            Some(a) => Value::decimal(a, s),
            None => float_value(exact_f64(m, s).abs()),
        },
        (_, Some(Operand::Float(f))) => float_value(f.abs()),
    })
}

fn int_or_decimal(m: i128, unsigned: bool) -> Value {
    if unsigned && let Ok(u) = u64::try_from(m) {
        return Value::UInt(u);
    }
    i64::try_from(m).map_or(Value::decimal(m, 0), Value::Int)
}

/// ROUND(x, d): exact values round half away from zero to scale d (DECIMALs show exactly d
/// digits, capped at 30, as MySQL types the result); doubles round half to even (MySQL uses
/// rint()).
fn round(v: &Value, digits: i64) -> Value {
    let d = digits.clamp(-100, i64::from(MAX_SCALE));
    let Some(x) = operand(v) else {
        return Value::Null;
    };
    match x {
        Operand::Int(i, unsigned) => {
            if d >= 0 {
                return int_or_decimal(i, unsigned);
            }
            let r = pow10(u32::try_from(-d).unwrap_or(u32::MAX))
                .and_then(|p| round_div(i, p)?.checked_mul(p))
                .unwrap_or(0);
            int_or_decimal(r, unsigned)
        }
        Operand::Dec(m, s) => {
            let target = u8::try_from(d.max(0)).unwrap_or(MAX_SCALE);
            if d >= i64::from(s) {
                return match rescale(m, s, target) {
                    Some(scaled) => Value::decimal(scaled, target),
                    None => Value::decimal(m, s),
                };
            }
            // Digits to drop: s - d (> 0 here, and d may be negative).
            let cut = u32::try_from(i64::from(s) - d).unwrap_or(u32::MAX);
            let q = pow10(cut).and_then(|p| round_div(m, p)).unwrap_or(0);
            if d >= 0 {
                Value::decimal(q, target)
            } else {
                let back = pow10(u32::try_from(-d).unwrap_or(u32::MAX));
                Value::decimal(back.and_then(|p| q.checked_mul(p)).unwrap_or(0), 0)
            }
        }
        Operand::Float(f) => {
            let p = 10f64.powi(i32::try_from(d).unwrap_or(0));
            float_value((f * p).round_ties_even() / p)
        }
    }
}

fn floor_ceil(v: &Value, up: bool) -> Value {
    match operand(v) {
        None => Value::Null,
        Some(Operand::Int(i, unsigned)) => int_or_decimal(i, unsigned),
        Some(Operand::Dec(m, s)) => {
            let q = match pow10(u32::from(s)) {
                // The quotient is at most |m| / 10, so adding one cannot overflow.
                Some(p) if up => m.div_euclid(p) + i128::from(m.rem_euclid(p) != 0),
                Some(p) => m.div_euclid(p),
                // |m| < 10^s: the value is in (-1, 1).
                None => match (up, m.signum()) {
                    (true, 1) => 1,
                    (false, -1) => -1,
                    _ => 0,
                },
            };
            int_or_decimal(q, false)
        }
        Some(Operand::Float(f)) => float_value(if up { f.ceil() } else { f.floor() }),
    }
}

// ----- comparison and collation ---------------------------------------------------------------

/// MySQL's `utf8mb4_general_ci` weights for U+00C0..=U+00FF: accents fold to the base letter
/// (`é` = `e`), `ß` = `s`; Æ, Ð, ×, Ø, Þ, ÷ keep their own (upper-case) weight.
const LATIN1_WEIGHTS: [u8; 64] = [
    b'A', b'A', b'A', b'A', b'A', b'A', 0xC6, b'C', b'E', b'E', b'E', b'E', b'I', b'I', b'I', b'I',
    0xD0, b'N', b'O', b'O', b'O', b'O', b'O', 0xD7, 0xD8, b'U', b'U', b'U', b'U', b'Y', 0xDE, b'S',
    b'A', b'A', b'A', b'A', b'A', b'A', 0xC6, b'C', b'E', b'E', b'E', b'E', b'I', b'I', b'I', b'I',
    0xD0, b'N', b'O', b'O', b'O', b'O', b'O', 0xF7, 0xD8, b'U', b'U', b'U', b'U', b'Y', 0xDE, b'Y',
];

/// A character's weight under `utf8mb4_general_ci`: the simple upper case, Latin-1 accents
/// folded, and every character outside the BMP equal (general_ci weighs them all as U+FFFD).
fn fold_char(c: char) -> u32 {
    let u = u32::from(c);
    if c.is_ascii() {
        return u32::from(c.to_ascii_uppercase());
    }
    if (0xC0..=0xFF).contains(&u) {
        let index = usize::try_from(u - 0xC0).unwrap_or(0);
        return LATIN1_WEIGHTS.get(index).map_or(u, |w| u32::from(*w));
    }
    if u > 0xFFFF {
        return 0xFFFD;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(one), None) => u32::from(one),
        _ => u,
    }
}

/// Compares weight sequences with PAD SPACE: the shorter side continues with spaces, so
/// `'a' = 'a  '` (general_ci is a PAD SPACE collation).
fn pad_cmp(mut a: impl Iterator<Item = u32>, mut b: impl Iterator<Item = u32>) -> Ordering {
    const SPACE: u32 = 0x20;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (x, y) => {
                let o = x.unwrap_or(SPACE).cmp(&y.unwrap_or(SPACE));
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// `utf8mb4_general_ci` order: case- and accent-insensitive, trailing spaces ignored.
fn collate_cmp(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    // Fast path over the ASCII prefix, byte by byte; the first non-ASCII byte hands the rest
    // (from a character boundary, as everything before it is ASCII) to the general path.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    for i in 0..x.len().max(y.len()) {
        let p = x.get(i).copied().unwrap_or(b' ');
        let q = y.get(i).copied().unwrap_or(b' ');
        if !p.is_ascii() || !q.is_ascii() {
            let (ra, rb) = (a.get(i..).unwrap_or(""), b.get(i..).unwrap_or(""));
            return pad_cmp(ra.chars().map(fold_char), rb.chars().map(fold_char));
        }
        let (p, q) = (p.to_ascii_uppercase(), q.to_ascii_uppercase());
        if p != q {
            return p.cmp(&q);
        }
    }
    Ordering::Equal
}

/// SQL comparison (None when either side is NULL): strings by collation, numbers exactly,
/// numbers with strings numerically, date-times with strings by parsing the string (falling
/// back to comparing text when it is not a date-time), date-times with numbers as
/// `YYYYMMDDHHMMSS`.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Str(x), Value::Str(y)) => Some(collate_cmp(x, y)),
        (Value::DateTime { micros: x, .. }, Value::DateTime { micros: y, .. }) => Some(x.cmp(y)),
        (
            Value::Decimal {
                mantissa: m1,
                scale: s1,
            },
            Value::Decimal {
                mantissa: m2,
                scale: s2,
            },
        ) => Some(cmp_exact(*m1, *s1, *m2, *s2)),
        (Value::DateTime { micros, .. }, Value::Str(s)) => Some(match parse_datetime(s) {
            Some(t) => micros.cmp(&t),
            None => collate_cmp(&a.render(), s),
        }),
        (Value::Str(_), Value::DateTime { .. }) => compare(b, a).map(Ordering::reverse),
        _ => cmp_num(to_num(a)?, to_num(b)?),
    }
}

/// A total order for sorting (ORDER BY, MIN/MAX, group order): NULL first, then numbers,
/// date-times, strings. Within a class it agrees with [`compare`]; across classes (which only
/// mixed-type expressions produce) the class decides, so `sort_by` always sees a total order.
fn sort_cmp(a: &Value, b: &Value) -> Ordering {
    fn class(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Int(_) | Value::UInt(_) | Value::Decimal { .. } => 1,
            Value::DateTime { .. } => 2,
            Value::Str(_) => 3,
        }
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => collate_cmp(x, y),
        (Value::DateTime { micros: x, .. }, Value::DateTime { micros: y, .. }) => x.cmp(y),
        _ => match class(a).cmp(&class(b)) {
            Ordering::Equal => match (to_num(a), to_num(b)) {
                // Both are exact here (class 1), so the order is total.
                (Some(x), Some(y)) => cmp_num(x, y).unwrap_or(Ordering::Equal),
                _ => Ordering::Equal,
            },
            other => other,
        },
    }
}

/// Lexicographic row order; `directions` gives ASC (true) / DESC per key, all ASC if None.
/// NULL sorts first ascending and last descending, as in MySQL.
fn cmp_rows(a: &[Value], b: &[Value], directions: Option<&[bool]>) -> Ordering {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let o = sort_cmp(x, y);
        let asc = directions.and_then(|d| d.get(i)).copied().unwrap_or(true);
        let o = if asc { o } else { o.reverse() };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// A value's identity for GROUP BY, DISTINCT and COUNT(DISTINCT): equal keys exactly when the
/// values compare equal (`1` = `1.00`, `'a'` = `'A '`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Null,
    Num(i128, u8),
    Time(i64),
    Str(String),
}

fn key_of(v: &Value) -> Key {
    match v {
        Value::Null => Key::Null,
        Value::Int(i) => Key::Num(i128::from(*i), 0),
        Value::UInt(u) => Key::Num(i128::from(*u), 0),
        Value::Decimal { mantissa, scale } => {
            let (mut m, mut s) = (*mantissa, *scale);
            while s > 0 && m % 10 == 0 {
                m /= 10;
                s -= 1;
            }
            Key::Num(m, s)
        }
        Value::DateTime { micros, .. } => Key::Time(*micros),
        Value::Str(text) => {
            let mut folded: String = text
                .chars()
                .map(|c| char::from_u32(fold_char(c)).unwrap_or(c))
                .collect();
            folded.truncate(folded.trim_end_matches(' ').len());
            Key::Str(folded)
        }
    }
}

// ----- LIKE -----------------------------------------------------------------------------------

/// Splits a LIKE pattern: `%`, `_`, and `\` escaping the next character (a trailing `\` is a
/// literal backslash, as in MySQL).
fn compile_like(pattern: &str) -> Vec<PatTok> {
    let mut tokens = Vec::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        let token = match c {
            '%' => {
                if tokens.last() == Some(&PatTok::Many) {
                    continue;
                }
                PatTok::Many
            }
            '_' => PatTok::One,
            '\\' => PatTok::Lit(fold_char(chars.next().unwrap_or('\\'))),
            other => PatTok::Lit(fold_char(other)),
        };
        tokens.push(token);
    }
    tokens
}

/// The classic two-pointer wildcard match: on a mismatch, retry from the last `%` with one
/// more character absorbed. O(text × pattern) at worst, never exponential, no recursion.
/// LIKE compares characters by collation weight without PAD SPACE (`'a ' LIKE 'a'` is false).
fn like_match(text: &str, pattern: &[PatTok]) -> bool {
    let next = |pos: usize| -> Option<(u32, usize)> {
        let c = text.get(pos..)?.chars().next()?;
        Some((fold_char(c), pos + c.len_utf8()))
    };
    let (mut p, mut t) = (0usize, 0usize);
    // (pattern index after the last `%`, text position that `%` has absorbed up to)
    let mut star: Option<(usize, usize)> = None;
    while let Some((weight, after)) = next(t) {
        match pattern.get(p) {
            Some(PatTok::Many) => {
                p += 1;
                if p == pattern.len() {
                    // A trailing `%` matches whatever is left: no need to walk it.
                    return true;
                }
                star = Some((p, t));
                continue;
            }
            Some(PatTok::One) => {
                p += 1;
                t = after;
                continue;
            }
            Some(PatTok::Lit(w)) if *w == weight => {
                p += 1;
                t = after;
                continue;
            }
            _ => {}
        }
        let Some((star_p, star_t)) = star else {
            return false;
        };
        let Some((_, absorbed)) = next(star_t) else {
            return false;
        };
        star = Some((star_p, absorbed));
        p = star_p;
        t = absorbed;
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|tok| *tok == PatTok::Many))
}

// ----- aggregation ----------------------------------------------------------------------------

struct Group<'r> {
    /// The group's first row: non-aggregated columns read from it (MySQL without
    /// ONLY_FULL_GROUP_BY, OceanBase's default).
    first: &'r [Value],
    keys: Vec<Value>,
    accs: Vec<Acc>,
}

/// A running SUM: exact while every input is exact, a double once a string (or an i128
/// overflow) is met — MySQL's SUM of strings is a DOUBLE.
#[derive(Clone, Copy, Debug)]
enum SumAcc {
    Empty,
    Exact(i128, u8),
    Float(f64),
}

impl SumAcc {
    fn add(&mut self, v: &Value) {
        let Some(x) = operand(v) else {
            return;
        };
        *self = match (*self, x) {
            (SumAcc::Empty, Operand::Float(f)) => SumAcc::Float(f),
            (SumAcc::Empty, x) => {
                let (m, s) = x.exact();
                SumAcc::Exact(m, s)
            }
            (SumAcc::Exact(m, s), Operand::Float(f)) => SumAcc::Float(exact_f64(m, s) + f),
            (SumAcc::Exact(m, s), x) => match dec_arith(ArithOp::Add, (m, s), x.exact()) {
                Some(Value::Decimal { mantissa, scale }) => SumAcc::Exact(mantissa, scale),
                _ => SumAcc::Float(exact_f64(m, s) + x.to_f64()),
            },
            (SumAcc::Float(f), x) => SumAcc::Float(f + x.to_f64()),
        };
    }

    fn sum(self) -> Value {
        match self {
            SumAcc::Empty => Value::Null,
            // SUM of integers is a DECIMAL with scale 0 in MySQL; it prints like an integer.
            SumAcc::Exact(m, s) => Value::decimal(m, s),
            SumAcc::Float(f) => float_value(f),
        }
    }

    /// AVG: the exact sum divided at scale + 4 (AVG of integers has 4 decimals).
    fn average(self, count: i64) -> Value {
        match self {
            _ if count == 0 => Value::Null,
            SumAcc::Empty => Value::Null,
            SumAcc::Exact(m, s) => match dec_div((m, s), (i128::from(count), 0)) {
                Some((q, scale)) => Value::decimal(q, scale),
                None => float_value(exact_f64(m, s) / exact_f64(i128::from(count), 0)),
            },
            SumAcc::Float(f) => float_value(f / exact_f64(i128::from(count), 0)),
        }
    }
}

#[derive(Clone, Debug)]
enum Acc {
    Count(i64),
    Sum(SumAcc),
    Avg(SumAcc, i64),
    Min(Option<Value>),
    Max(Option<Value>),
    /// DISTINCT aggregates collect distinct argument tuples (keeping the first argument's
    /// value) and fold them at the end.
    Distinct(BTreeMap<Vec<Key>, Value>),
}

impl Acc {
    fn new(spec: &AggSpec) -> Acc {
        if spec.distinct {
            Acc::Distinct(BTreeMap::new())
        } else {
            Acc::plain(spec.func)
        }
    }

    fn plain(func: AggFunc) -> Acc {
        match func {
            AggFunc::Count => Acc::Count(0),
            AggFunc::Sum => Acc::Sum(SumAcc::Empty),
            AggFunc::Avg => Acc::Avg(SumAcc::Empty, 0),
            AggFunc::Min => Acc::Min(None),
            AggFunc::Max => Acc::Max(None),
        }
    }

    fn feed(&mut self, spec: &AggSpec, env: &Env<'_>, rt: &mut Rt<'_>) -> Result<(), ObError> {
        if spec.star {
            if let Acc::Count(n) = self {
                *n = n.saturating_add(1);
            }
            return Ok(());
        }
        if let Acc::Distinct(seen) = self {
            let mut key = Vec::with_capacity(spec.args.len());
            let mut first = None;
            for arg in &spec.args {
                let v = arg.eval(env, rt)?;
                // A tuple with a NULL is not counted, as in MySQL.
                if v.is_null() {
                    return Ok(());
                }
                key.push(key_of(&v));
                if first.is_none() {
                    first = Some(v.into_owned());
                }
            }
            if let Some(first) = first {
                seen.entry(key).or_insert(first);
            }
            return Ok(());
        }
        if let Some(arg) = spec.args.first() {
            let v = arg.eval(env, rt)?;
            self.add(&v);
        }
        Ok(())
    }

    fn add(&mut self, v: &Value) {
        if v.is_null() {
            return;
        }
        match self {
            Acc::Count(n) => *n = n.saturating_add(1),
            Acc::Sum(sum) => sum.add(v),
            Acc::Avg(sum, n) => {
                sum.add(v);
                *n = n.saturating_add(1);
            }
            Acc::Min(current) => {
                if current
                    .as_ref()
                    .is_none_or(|c| sort_cmp(v, c) == Ordering::Less)
                {
                    *current = Some(v.clone());
                }
            }
            Acc::Max(current) => {
                if current
                    .as_ref()
                    .is_none_or(|c| sort_cmp(v, c) == Ordering::Greater)
                {
                    *current = Some(v.clone());
                }
            }
            Acc::Distinct(_) => {}
        }
    }

    fn finish(self, spec: &AggSpec) -> Value {
        match self {
            Acc::Count(n) => Value::Int(n),
            Acc::Sum(sum) => sum.sum(),
            Acc::Avg(sum, n) => sum.average(n),
            Acc::Min(v) | Acc::Max(v) => v.unwrap_or(Value::Null),
            Acc::Distinct(seen) => {
                if spec.func == AggFunc::Count {
                    return Value::Int(len_i64(seen.len()));
                }
                let mut inner = Acc::plain(spec.func);
                for v in seen.values() {
                    inner.add(v);
                }
                inner.finish(spec)
            }
        }
    }
}

// ----- projection -----------------------------------------------------------------------------

/// Collects result rows: projects, applies HAVING and DISTINCT, computes sort keys.
struct Sink<'q> {
    outputs: &'q [Output],
    having: Option<&'q Node>,
    order: &'q [(Node, bool)],
    distinct: bool,
    seen: BTreeSet<Vec<Key>>,
    /// (output values, ORDER BY keys)
    rows: Vec<(Vec<Value>, Vec<Value>)>,
    /// Stop after this many rows (no ORDER BY: later rows cannot displace them).
    needed: Option<usize>,
}

impl Sink<'_> {
    /// Adds the row (or group) `row` with aggregate values `aggs`; false once enough rows are
    /// collected.
    fn push(&mut self, row: &[Value], aggs: &[Value], rt: &mut Rt<'_>) -> Result<bool, ObError> {
        if self.needed.is_some_and(|n| self.rows.len() >= n) {
            return Ok(false);
        }
        let env = Env {
            row,
            aggs,
            outs: &[],
        };
        let mut outs = Vec::with_capacity(self.outputs.len());
        for output in self.outputs {
            outs.push(output.node.eval(&env, rt)?.into_owned());
        }
        let env = Env {
            row,
            aggs,
            outs: &outs,
        };
        if let Some(having) = self.having
            && having.truth(&env, rt)? != Some(true)
        {
            return Ok(true);
        }
        if self.distinct && !self.seen.insert(outs.iter().map(key_of).collect()) {
            return Ok(true);
        }
        let mut keys = Vec::with_capacity(self.order.len());
        for (node, _) in self.order {
            keys.push(node.eval(&env, rt)?.into_owned());
        }
        self.rows.push((outs, keys));
        Ok(self.needed.is_none_or(|n| self.rows.len() < n))
    }
}

fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::ast::Statement;
    use crate::sql::parser::parse_statement;

    /// 2024-05-01 12:00:00.123456 +08:00
    fn start() -> i64 {
        parse_datetime("2024-05-01 12:00:00.123456").unwrap()
    }

    struct Ctx {
        now: i64,
        slept: Vec<f64>,
        db: Option<String>,
    }

    impl EvalContext for Ctx {
        fn now_micros(&self) -> i64 {
            self.now
        }
        fn sleep(&mut self, seconds: f64) {
            self.slept.push(seconds);
            #[allow(clippy::cast_possible_truncation)]
            let micros = (seconds * 1e6) as i64;
            self.now = self.now.saturating_add(micros);
        }
        fn current_database(&self) -> Option<String> {
            self.db.clone()
        }
        fn current_user(&self) -> String {
            "root@sys".to_string()
        }
        fn version(&self) -> String {
            "5.7.25-OceanBase_CE-v4.3.3.0".to_string()
        }
    }

    fn ctx() -> Ctx {
        Ctx {
            now: start(),
            slept: Vec::new(),
            db: Some("oceanbase".to_string()),
        }
    }

    fn dt(s: &str) -> Value {
        Value::DateTime {
            micros: parse_datetime(s).unwrap(),
            frac: false,
        }
    }

    fn dec(m: i128, s: u8) -> Value {
        Value::decimal(m, s)
    }

    /// The sample table `jobs`.
    fn jobs() -> (Vec<Column>, Vec<Vec<Value>>) {
        let columns = vec![
            Column::new("job_id", ColumnKind::Int),
            Column::new("tenant_id", ColumnKind::Int),
            Column::new("status", ColumnKind::Text),
            Column::new("start_time", ColumnKind::DateTime),
            Column::new("size", ColumnKind::Decimal),
            Column::new("comment", ColumnKind::Text),
        ];
        let rows = vec![
            vec![
                Value::Int(1),
                Value::Int(1002),
                "DOING".into(),
                dt("2024-05-01 10:00:00"),
                dec(1250, 2),
                "first".into(),
            ],
            vec![
                Value::Int(2),
                Value::Int(1002),
                "completed".into(),
                dt("2024-05-01 11:00:00"),
                dec(725, 2),
                Value::Null,
            ],
            vec![
                Value::Int(3),
                Value::Int(1004),
                "Doing".into(),
                dt("2024-05-01 09:30:00"),
                Value::Null,
                "x".into(),
            ],
            vec![
                Value::Int(4),
                Value::Int(1004),
                "FAILED".into(),
                Value::Null,
                dec(75, 2),
                "y".into(),
            ],
            vec![
                Value::Int(5),
                Value::Int(1006),
                "COMPLETED".into(),
                dt("2024-04-30 23:00:00"),
                dec(10000, 2),
                Value::Null,
            ],
        ];
        (columns, rows)
    }

    fn parse_select(sql: &str) -> Select {
        match parse_statement(sql) {
            Ok(Statement::Select(select)) => *select,
            other => panic!("{sql}: {other:?}"),
        }
    }

    /// Runs `sql` with a fresh context; FROM (any name) reads `jobs`.
    fn run_with(sql: &str, ctx: &mut Ctx) -> Result<ResultSet, ObError> {
        let select = parse_select(sql);
        let (columns, rows) = jobs();
        let source = select.from.as_ref().map(|_| (&columns[..], &rows[..]));
        run_select(&select, source, ctx)
    }

    fn run(sql: &str) -> Result<ResultSet, ObError> {
        run_with(sql, &mut ctx())
    }

    /// Header line, then one line per row: cells rendered and joined by `|`.
    fn show(rs: &ResultSet) -> Vec<String> {
        let mut lines = vec![
            rs.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        ];
        for row in &rs.rows {
            lines.push(row.iter().map(Value::render).collect::<Vec<_>>().join("|"));
        }
        lines
    }

    fn q(sql: &str) -> Vec<String> {
        match run(sql) {
            Ok(rs) => show(&rs),
            Err(e) => panic!("{sql}: {e}"),
        }
    }

    fn err(sql: &str) -> String {
        match run(sql) {
            Ok(rs) => panic!("{sql}: expected an error, got {rs:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn kinds(sql: &str) -> Vec<ColumnKind> {
        run(sql).unwrap().columns.iter().map(|c| c.kind).collect()
    }

    /// The single row of a FROM-less select, rendered.
    fn row(sql: &str) -> Vec<String> {
        let rs = run(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        assert_eq!(rs.rows.len(), 1, "{sql}");
        rs.rows[0].iter().map(Value::render).collect()
    }

    // ----- SELECT without FROM --------------------------------------------------------------

    #[test]
    fn select_without_from_yields_one_row() {
        assert_eq!(q("SELECT 1+1"), ["1+1", "2"]);
        assert_eq!(kinds("SELECT 1+1"), [ColumnKind::Int]);
        assert_eq!(
            q("SELECT 1 + 1 AS two, 'abc', NULL"),
            ["two|abc|NULL", "2|abc|NULL"]
        );
        assert_eq!(
            run("SELECT 1, 2.50, 'x', NOW()").unwrap().rows[0],
            vec![
                Value::Int(1),
                dec(250, 2),
                "x".into(),
                dt("2024-05-01 12:00:00")
            ]
        );
        assert_eq!(
            kinds("SELECT 1, 2.50, 'x', NOW(), 18446744073709551615"),
            [
                ColumnKind::Int,
                ColumnKind::Decimal,
                ColumnKind::Text,
                ColumnKind::DateTime,
                ColumnKind::UInt
            ]
        );
    }

    #[test]
    fn clock_functions() {
        assert_eq!(
            q("SELECT NOW(), CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP, sysdate(), NOW(6), NOW(3)"),
            [
                "NOW()|CURRENT_TIMESTAMP()|CURRENT_TIMESTAMP|sysdate()|NOW(6)|NOW(3)",
                "2024-05-01 12:00:00|2024-05-01 12:00:00|2024-05-01 12:00:00|\
                 2024-05-01 12:00:00|2024-05-01 12:00:00.123456|2024-05-01 12:00:00.123"
            ]
        );
        assert_eq!(
            row("SELECT UTC_TIMESTAMP(), CURDATE(), UNIX_TIMESTAMP()"),
            ["2024-05-01 04:00:00", "2024-05-01", "1714536000"]
        );
        assert_eq!(
            err("SELECT NOW(7)"),
            "ERROR 1426 (42000): Too-big precision 7 specified for 'now'. Maximum is 6."
        );
    }

    #[test]
    fn sleep_advances_the_clock_and_now_stays_at_statement_start() {
        let mut c = ctx();
        let rs = run_with("SELECT SLEEP(2)", &mut c).unwrap();
        assert_eq!(show(&rs), ["SLEEP(2)", "0"]);
        assert_eq!(rs.rows[0], vec![Value::Int(0)]);
        assert_eq!(c.slept, vec![2.0]);
        assert_eq!(c.now, start() + 2_000_000);

        let mut c = ctx();
        let rs = run_with("SELECT NOW(), SLEEP(1.5), NOW(), SYSDATE()", &mut c).unwrap();
        assert_eq!(
            show(&rs)[1],
            "2024-05-01 12:00:00|0|2024-05-01 12:00:00|2024-05-01 12:00:01"
        );

        // Once per produced row, and LIMIT stops early.
        let mut c = ctx();
        run_with("SELECT SLEEP(1) FROM jobs LIMIT 2", &mut c).unwrap();
        assert_eq!(c.slept, vec![1.0, 1.0]);
        let mut c = ctx();
        run_with("SELECT SLEEP(NULL), SLEEP(-1), SLEEP(0)", &mut c).unwrap();
        assert!(c.slept.is_empty());
    }

    #[test]
    fn session_functions() {
        assert_eq!(
            q("SELECT DATABASE(), USER(), CURRENT_USER(), current_user, VERSION()"),
            [
                "DATABASE()|USER()|CURRENT_USER()|current_user|VERSION()",
                "oceanbase|root@sys|root@sys|root@sys|5.7.25-OceanBase_CE-v4.3.3.0"
            ]
        );
        let mut c = ctx();
        c.db = None;
        let rs = run_with("SELECT DATABASE()", &mut c).unwrap();
        assert_eq!(rs.rows[0], vec![Value::Null]);
    }

    #[test]
    fn star_without_from_is_no_tables_used() {
        assert_eq!(err("SELECT *"), "ERROR 1096 (HY000): No tables used");
    }

    // ----- projection, WHERE ----------------------------------------------------------------

    #[test]
    fn star_keeps_source_names_and_types() {
        let rs = run("SELECT * FROM jobs WHERE job_id = 1").unwrap();
        assert_eq!(rs.columns, jobs().0);
        assert_eq!(rs.rows, vec![jobs().1[0].clone()]);
        assert_eq!(
            show(&rs),
            [
                "job_id|tenant_id|status|start_time|size|comment",
                "1|1002|DOING|2024-05-01 10:00:00|12.50|first"
            ]
        );
    }

    #[test]
    fn column_lists_expressions_and_aliases() {
        assert_eq!(
            q(
                "select JOB_ID, jobs.status, `size` AS s, job_id * 10 j10, size + 1 \
               from jobs where job_id <= 2"
            ),
            [
                "JOB_ID|status|s|j10|size + 1",
                "1|DOING|12.50|10|13.50",
                "2|completed|7.25|20|8.25"
            ]
        );
        assert_eq!(
            kinds("SELECT job_id, status, start_time, size, job_id + 1, size * 2 FROM jobs"),
            [
                ColumnKind::Int,
                ColumnKind::Text,
                ColumnKind::DateTime,
                ColumnKind::Decimal,
                ColumnKind::Int,
                ColumnKind::Decimal
            ]
        );
        assert_eq!(
            q("SELECT oceanbase.jobs.job_id FROM jobs WHERE job_id = 5"),
            ["job_id", "5"]
        );
    }

    #[test]
    fn string_comparison_is_case_insensitive() {
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE status = 'doing'"),
            ["job_id", "1", "3"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE status IN ('Completed', 'nothing')"),
            ["job_id", "2", "5"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE status <> 'DOING' AND status < 'e'"),
            ["job_id", "2", "5"]
        );
        // PAD SPACE: trailing spaces do not matter for `=`; accents fold in general_ci.
        assert_eq!(
            row("SELECT 'abc' = 'ABC  ', 'a' < 'B', 'é' = 'E', 'ß' = 's', 'a ' LIKE 'a'"),
            ["1", "1", "1", "1", "0"]
        );
    }

    #[test]
    fn null_semantics_and_three_valued_logic() {
        assert_eq!(
            row(
                "SELECT NULL = NULL, NULL IS NULL, NULL IS NOT NULL, 1 IN (2, NULL), \
                 1 IN (1, NULL), 1 NOT IN (2, NULL), NULL AND 0, NULL AND 1, NULL OR 1, \
                 NULL OR 0, NOT NULL, NULL + 1, -NULL, 2 BETWEEN NULL AND 1"
            ),
            [
                "NULL", "1", "0", "NULL", "1", "NULL", "0", "NULL", "1", "NULL", "NULL", "NULL",
                "NULL", "0"
            ]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE comment = NULL"),
            ["job_id"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE comment IS NULL"),
            ["job_id", "2", "5"]
        );
        // NOT of unknown is unknown: the NULL comments are in neither result.
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE NOT (comment = 'x')"),
            ["job_id", "1", "4"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE comment <> 'x' OR size > 50"),
            ["job_id", "1", "4", "5"]
        );
    }

    #[test]
    fn numbers_and_numeric_strings_compare_numerically() {
        assert_eq!(
            row(
                "SELECT '10' = 10, '10' > 9, '10' > '9', 'abc' = 0, '1.50' = 1.5, \
                 ' 12abc' = 12, 1 = 1.0, 2.5 > 2, 18446744073709551615 > 1"
            ),
            ["1", "1", "0", "1", "1", "1", "1", "1", "1"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE job_id = '3'"),
            ["job_id", "3"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE size >= '12.5'"),
            ["job_id", "1", "5"]
        );
    }

    #[test]
    fn datetime_compares_with_strings_as_datetime() {
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE start_time > '2024-05-01 09:45:00'"),
            ["job_id", "1", "2"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE start_time = '2024-05-01 10:00:00'"),
            ["job_id", "1"]
        );
        assert_eq!(
            q(
                "SELECT job_id FROM jobs WHERE start_time BETWEEN '2024-05-01' AND '2024-05-01 10:00:00'"
            ),
            ["job_id", "1", "3"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE start_time IN ('2024-04-30 23:00:00')"),
            ["job_id", "5"]
        );
        assert_eq!(
            row("SELECT NOW() > '2024-05-01', NOW() < '2024-05-01 11:59:59'"),
            ["1", "0"]
        );
    }

    #[test]
    fn between_and_in() {
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE job_id BETWEEN 2 AND 4"),
            ["job_id", "2", "3", "4"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE job_id NOT BETWEEN 2 AND 4"),
            ["job_id", "1", "5"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE tenant_id NOT IN (1002, 1006)"),
            ["job_id", "3", "4"]
        );
        assert_eq!(
            row("SELECT 'b' BETWEEN 'A' AND 'C', 5 BETWEEN 6 AND 1"),
            ["1", "0"]
        );
    }

    // ----- LIKE -----------------------------------------------------------------------------

    #[test]
    fn like_wildcards_and_escapes() {
        let cases: &[(&str, &str, bool)] = &[
            ("abc", "abc", true),
            ("abc", "ABC", true),
            ("abc", "a%", true),
            ("abc", "%c", true),
            ("abc", "%b%", true),
            ("abc", "a_c", true),
            ("abc", "a_", false),
            ("abc", "___", true),
            ("abc", "____", false),
            ("", "", true),
            ("a", "", false),
            ("", "%", true),
            ("", "_", false),
            ("ab", "abc", false),
            ("ab", "ab%%%", true),
            ("a%b", "a\\%b", true),
            ("axb", "a\\%b", false),
            ("a_b", "a\\_b", true),
            ("axb", "a\\_b", false),
            ("a\\b", "a\\\\b", true),
            ("ab\\", "ab\\", true),
            ("abx", "ab\\x", true),
            ("mississippi", "%iss%ipp%", true),
            ("mississippi", "m%s_s%p_", true),
            ("mississippi", "m%s_s%x_", false),
            ("mississippi", "m%s_s%p%i", true),
            ("日本語", "日_語", true),
            ("日本語", "%語", true),
            ("Éte", "ete", true),
            ("a ", "a", false),
        ];
        for (text, pattern, want) in cases {
            assert_eq!(sql_like(text, pattern), *want, "{text:?} LIKE {pattern:?}");
        }
    }

    #[test]
    fn like_handles_adversarial_patterns() {
        // Timing lives in the benchmarks; this checks the answers on inputs that make
        // backtracking matchers explode.
        let text = "a".repeat(5_000);
        let pattern = format!("{}b", "a%".repeat(500));
        assert!(!sql_like(&text, &pattern));
        assert!(sql_like(&text, &"%".repeat(1_000)));
    }

    #[test]
    fn like_in_queries() {
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE status LIKE 'do%'"),
            ["job_id", "1", "3"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE status NOT LIKE '%ED'"),
            ["job_id", "1", "3"]
        );
        // NULL on either side is unknown; a pattern may come from a column.
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE comment LIKE '%' OR comment NOT LIKE '%'"),
            ["job_id", "1", "3", "4"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs WHERE 'X' LIKE comment"),
            ["job_id", "3"]
        );
        assert_eq!(
            row("SELECT NULL LIKE 'a', 'a' LIKE NULL, 12 LIKE '1_'"),
            ["NULL", "NULL", "1"]
        );
    }

    // ----- arithmetic -----------------------------------------------------------------------

    #[test]
    fn integer_and_decimal_arithmetic_is_exact() {
        assert_eq!(
            row(
                "SELECT 1 + 2 * 3, 7 / 2, 1 / 3, 2 / 3, -2 / 3, 10 % 3, -7 % 3, 7 MOD -3, \
                 1 / 0, 5 % 0, 0.0 / 0"
            ),
            [
                "7", "3.5000", "0.3333", "0.6667", "-0.6667", "1", "-1", "1", "NULL", "NULL",
                "NULL"
            ]
        );
        assert_eq!(
            row(
                "SELECT 1.10 + 2.205, 1.5 * 2.25, 0.1 + 0.2, 0.1 + 0.2 = 0.3, 10.00 / 4, \
                 1.000 * 3, 100 * 1.1, 5.5 % 2, -(-5), - 2.50, 3 - 5.25"
            ),
            [
                "3.305", "3.375", "0.3", "1", "2.500000", "3.000", "110.0", "1.5", "5", "-2.50",
                "-2.25"
            ]
        );
        assert_eq!(
            run("SELECT 7 / 2, 1.10 + 2.205").unwrap().rows[0],
            vec![dec(35_000, 4), dec(3_305, 3)]
        );
        assert_eq!(
            kinds("SELECT 1 + 1, 7 / 2, 1.5 + 1, 18446744073709551615 - 1"),
            [
                ColumnKind::Int,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::UInt
            ]
        );
    }

    #[test]
    fn string_arithmetic_is_double() {
        assert_eq!(
            row("SELECT '2' + 3, '1.5' * 2, '0.1' + '0.2', 'abc' + 1, '1e3' + 0"),
            ["5", "3", "0.30000000000000004", "1", "1000"]
        );
    }

    #[test]
    fn bigint_overflow_is_error_1690() {
        assert_eq!(
            err("SELECT 9223372036854775807 + 1"),
            "ERROR 1690 (22003): BIGINT value is out of range in '(9223372036854775807 + 1)'"
        );
        assert_eq!(
            err("SELECT job_id * 9223372036854775807 FROM jobs"),
            "ERROR 1690 (22003): BIGINT value is out of range in '(`job_id` * 9223372036854775807)'"
        );
        assert_eq!(
            err("SELECT 18446744073709551615 + 1"),
            "ERROR 1690 (22003): BIGINT UNSIGNED value is out of range in \
             '(18446744073709551615 + 1)'"
        );
        assert_eq!(
            err("SELECT - -9223372036854775808"),
            "ERROR 1690 (22003): BIGINT value is out of range in '-(-(9223372036854775808))'"
        );
        assert_eq!(
            row("SELECT -9223372036854775808, 9223372036854775807 + 0"),
            ["-9223372036854775808", "9223372036854775807"]
        );
        // Past BIGINT UNSIGNED a literal is an exact DECIMAL.
        assert_eq!(
            row("SELECT 99999999999999999999 + 1"),
            ["100000000000000000000"]
        );
    }

    // ----- functions ------------------------------------------------------------------------

    #[test]
    fn string_functions() {
        assert_eq!(
            row(
                "SELECT CONCAT('a', 1, 2.50), CONCAT('a', NULL), CONCAT_WS('-', 'a', NULL, 'b'), \
                 UPPER('abç'), ucase('x'), LOWER('ABC'), LCASE('Q'), LENGTH('日本'), \
                 CHAR_LENGTH('日本'), LENGTH(NULL)"
            ),
            [
                "a12.50", "NULL", "a-b", "ABÇ", "X", "abc", "q", "6", "2", "NULL"
            ]
        );
        assert_eq!(
            row(
                "SELECT SUBSTR('hello', 2), SUBSTRING('hello', 2, 3), SUBSTR('hello', -3, 2), \
                 SUBSTR('hello', 0), SUBSTR('hello', 9), SUBSTR('hello', 2, 0), \
                 SUBSTRING('日本語', 2, 1), SUBSTR('hello', -9), SUBSTR(NULL, 1)"
            ),
            ["ello", "ell", "ll", "", "", "", "本", "", "NULL"]
        );
    }

    #[test]
    fn null_handling_functions() {
        assert_eq!(
            row(
                "SELECT IFNULL(NULL, 'x'), IFNULL(1, 2), COALESCE(NULL, NULL, 3), \
                 COALESCE(NULL), NULLIF(1, 1), NULLIF(1, 2), NULLIF(NULL, 1), \
                 IF(1 > 2, 'a', 'b'), IF(NULL, 'a', 'b'), IF('1', 'a', 'b')"
            ),
            ["x", "1", "3", "NULL", "NULL", "1", "NULL", "b", "b", "a"]
        );
        // Only the chosen branch runs.
        let mut c = ctx();
        run_with("SELECT IF(1, 0, SLEEP(5)), IFNULL(1, SLEEP(5))", &mut c).unwrap();
        assert!(c.slept.is_empty());
    }

    #[test]
    fn numeric_functions() {
        assert_eq!(
            row(
                "SELECT ABS(-5), ABS(-1.25), ABS(NULL), ROUND(2.5), ROUND(-2.5), \
                 ROUND(1.2345, 2), ROUND(1.5, 2), ROUND(15, -1), ROUND(1234.5, -2), \
                 ROUND('2.5'), ROUND(7)"
            ),
            [
                "5", "1.25", "NULL", "3", "-3", "1.23", "1.50", "20", "1200", "2", "7"
            ]
        );
        assert_eq!(
            row(
                "SELECT FLOOR(-1.5), FLOOR(1.5), CEIL(1.2), CEILING(-1.2), FLOOR(3), \
                 MOD(10, 3), MOD(10, 0), GREATEST(1, 3, 2), LEAST(2.5, 1, 3), \
                 GREATEST(1, NULL), LEAST('b', 'A', 'c'), GREATEST('2024-01-02', NOW())"
            ),
            [
                "-2",
                "1",
                "2",
                "-1",
                "3",
                "1",
                "NULL",
                "3",
                "1",
                "NULL",
                "A",
                "2024-05-01 12:00:00"
            ]
        );
        assert_eq!(
            err("SELECT ABS(-9223372036854775808)"),
            "ERROR 1690 (22003): BIGINT value is out of range in 'abs(-(9223372036854775808))'"
        );
    }

    #[test]
    fn oceanbase_time_functions() {
        assert_eq!(
            row("SELECT USEC_TO_TIME(0), usec_to_time(1699686263825558), \
                 TIME_TO_USEC('1970-01-01 08:00:01'), TIME_TO_USEC(USEC_TO_TIME(42)), \
                 SCN_TO_TIMESTAMP(1000000000), TIME_TO_USEC('junk')"),
            [
                "1970-01-01 08:00:00.000000",
                "2023-11-11 15:04:23.825558",
                "1000000",
                "42",
                "1970-01-01 08:00:01.000000",
                "NULL"
            ]
        );
        assert_eq!(
            kinds("SELECT USEC_TO_TIME(0), TIME_TO_USEC(NOW()), SCN_TO_TIMESTAMP(1)"),
            [ColumnKind::DateTime, ColumnKind::Int, ColumnKind::DateTime]
        );
        assert_eq!(
            row(
                "SELECT TIMESTAMPDIFF(SECOND, '2024-01-01 00:00:00', '2024-01-01 00:01:30'), \
                 TIMESTAMPDIFF(MINUTE, '2024-01-01 00:00:00', '2024-01-01 00:01:30'), \
                 TIMESTAMPDIFF(HOUR, NOW(), '2024-05-01 09:00:00'), \
                 TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29'), \
                 TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-03-31'), \
                 TIMESTAMPDIFF(YEAR, '2020-02-29', '2024-02-28'), \
                 TIMESTAMPDIFF(DAY, '2024-01-01', NULL)"
            ),
            ["90", "1", "-3", "0", "2", "3", "NULL"]
        );
    }

    #[test]
    fn function_errors() {
        assert_eq!(
            err("SELECT nosuch(1)"),
            "ERROR 1305 (42000): FUNCTION nosuch does not exist"
        );
        assert_eq!(
            err("SELECT NoSuch()"),
            "ERROR 1305 (42000): FUNCTION nosuch does not exist"
        );
        assert_eq!(
            err("SELECT ABS(1, 2)"),
            "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'abs'"
        );
        assert_eq!(
            err("SELECT substr('a')"),
            "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'substr'"
        );
        assert_eq!(
            err("SELECT SUM(job_id, 1) FROM jobs"),
            "ERROR 1582 (42000): Incorrect parameter count in the call to native function 'sum'"
        );
    }

    // ----- aggregates -----------------------------------------------------------------------

    #[test]
    fn aggregates_without_group_by() {
        let rs = run(
            "SELECT COUNT(*), COUNT(comment), COUNT(DISTINCT status), SUM(size), \
                      MIN(size), MAX(size), AVG(job_id), AVG(size), SUM(job_id), MAX(status), \
                      MIN(start_time) FROM jobs",
        )
        .unwrap();
        assert_eq!(
            show(&rs),
            [
                "COUNT(*)|COUNT(comment)|COUNT(DISTINCT status)|SUM(size)|MIN(size)|MAX(size)|\
                 AVG(job_id)|AVG(size)|SUM(job_id)|MAX(status)|MIN(start_time)",
                "5|3|3|120.50|0.75|100.00|3.0000|30.125000|15|FAILED|2024-04-30 23:00:00"
            ]
        );
        assert_eq!(
            rs.columns.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [
                ColumnKind::Int,
                ColumnKind::Int,
                ColumnKind::Int,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::Decimal,
                ColumnKind::Text,
                ColumnKind::DateTime
            ]
        );
    }

    #[test]
    fn aggregates_over_no_rows_give_one_row() {
        assert_eq!(
            q(
                "SELECT COUNT(*), COUNT(size), COUNT(DISTINCT size), SUM(size), MIN(size), \
               MAX(size), AVG(size), job_id FROM jobs WHERE job_id > 100"
            ),
            [
                "COUNT(*)|COUNT(size)|COUNT(DISTINCT size)|SUM(size)|MIN(size)|MAX(size)|\
                 AVG(size)|job_id",
                "0|0|0|NULL|NULL|NULL|NULL|NULL"
            ]
        );
        // With GROUP BY, no rows make no groups.
        assert_eq!(
            q("SELECT tenant_id, COUNT(*) FROM jobs WHERE job_id > 100 GROUP BY tenant_id"),
            ["tenant_id|COUNT(*)"]
        );
        // HAVING can still remove the single row.
        assert_eq!(
            q("SELECT COUNT(*) FROM jobs WHERE 1 = 0 HAVING COUNT(*) > 0"),
            ["COUNT(*)"]
        );
    }

    #[test]
    fn distinct_aggregates() {
        assert_eq!(
            row(
                "SELECT COUNT(DISTINCT tenant_id), SUM(DISTINCT tenant_id), \
                 AVG(DISTINCT tenant_id), COUNT(DISTINCT tenant_id, comment) FROM jobs"
            ),
            ["3", "3012", "1004.0000", "3"]
        );
    }

    #[test]
    fn group_by_order_by_limit_together() {
        assert_eq!(
            q(
                "SELECT tenant_id, COUNT(*) AS c, SUM(size) FROM jobs GROUP BY tenant_id \
               ORDER BY c DESC, tenant_id LIMIT 2"
            ),
            ["tenant_id|c|SUM(size)", "1002|2|19.75", "1004|2|0.75"]
        );
        assert_eq!(
            q(
                "SELECT tenant_id, COUNT(*) FROM jobs GROUP BY tenant_id ORDER BY 2, 1 DESC \
               LIMIT 1 OFFSET 1"
            ),
            ["tenant_id|COUNT(*)", "1004|2"]
        );
        assert_eq!(
            q("SELECT tenant_id FROM jobs GROUP BY tenant_id ORDER BY SUM(size) DESC"),
            ["tenant_id", "1006", "1002", "1004"]
        );
    }

    #[test]
    fn group_by_is_case_insensitive_and_sorted() {
        assert_eq!(
            q("SELECT status, COUNT(*) FROM jobs GROUP BY status"),
            ["status|COUNT(*)", "completed|2", "DOING|2", "FAILED|1"]
        );
        assert_eq!(
            q("SELECT comment, COUNT(*) FROM jobs GROUP BY comment"),
            ["comment|COUNT(*)", "NULL|2", "first|1", "x|1", "y|1"]
        );
    }

    #[test]
    fn group_by_alias_position_and_expression() {
        let want = ["t|COUNT(*)", "1002|2", "1004|2", "1006|1"];
        assert_eq!(
            q("SELECT tenant_id AS t, COUNT(*) FROM jobs GROUP BY t"),
            want
        );
        assert_eq!(
            q("SELECT tenant_id AS t, COUNT(*) FROM jobs GROUP BY 1"),
            want
        );
        assert_eq!(
            q("SELECT job_id % 2 AS odd, SUM(job_id) FROM jobs GROUP BY job_id % 2"),
            ["odd|SUM(job_id)", "0|6", "1|9"]
        );
        assert_eq!(
            err("SELECT COUNT(*) AS c FROM jobs GROUP BY c"),
            "ERROR 1056 (42000): Can't group on 'c'"
        );
    }

    #[test]
    fn having_filters_groups() {
        assert_eq!(
            q("SELECT tenant_id, COUNT(*) FROM jobs GROUP BY tenant_id HAVING COUNT(*) > 1"),
            ["tenant_id|COUNT(*)", "1002|2", "1004|2"]
        );
        assert_eq!(
            q(
                "SELECT tenant_id, COUNT(*) AS c FROM jobs GROUP BY tenant_id \
               HAVING c = 1 OR tenant_id = 1002"
            ),
            ["tenant_id|c", "1002|2", "1006|1"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs HAVING job_id > 3"),
            ["job_id", "4", "5"]
        );
    }

    #[test]
    fn distinct_rows() {
        assert_eq!(
            q("SELECT DISTINCT tenant_id FROM jobs"),
            ["tenant_id", "1002", "1004", "1006"]
        );
        assert_eq!(
            q("SELECT DISTINCT status FROM jobs"),
            ["status", "DOING", "completed", "FAILED"]
        );
        assert_eq!(
            q("SELECT DISTINCT tenant_id FROM jobs ORDER BY tenant_id DESC LIMIT 2"),
            ["tenant_id", "1006", "1004"]
        );
        assert_eq!(
            q("SELECT DISTINCT tenant_id FROM jobs LIMIT 2"),
            ["tenant_id", "1002", "1004"]
        );
    }

    // ----- ORDER BY, LIMIT ------------------------------------------------------------------

    #[test]
    fn order_by_nulls_first_ascending_last_descending() {
        assert_eq!(
            q("SELECT job_id, size FROM jobs ORDER BY size"),
            [
                "job_id|size",
                "3|NULL",
                "4|0.75",
                "2|7.25",
                "1|12.50",
                "5|100.00"
            ]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs ORDER BY size DESC"),
            ["job_id", "5", "1", "2", "4", "3"]
        );
    }

    #[test]
    fn order_by_alias_position_expression_and_hidden_column() {
        assert_eq!(
            q("SELECT job_id AS j FROM jobs ORDER BY j DESC"),
            ["j", "5", "4", "3", "2", "1"]
        );
        assert_eq!(
            q("SELECT status, job_id FROM jobs ORDER BY 1, 2 DESC"),
            [
                "status|job_id",
                "COMPLETED|5",
                "completed|2",
                "Doing|3",
                "DOING|1",
                "FAILED|4"
            ]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs ORDER BY tenant_id DESC, job_id % 2, job_id"),
            ["job_id", "5", "4", "3", "2", "1"]
        );
        // Equal keys keep their input order (stable sort).
        assert_eq!(
            q("SELECT status FROM jobs ORDER BY status"),
            [
                "status",
                "completed",
                "COMPLETED",
                "DOING",
                "Doing",
                "FAILED"
            ]
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM jobs ORDER BY `COUNT(*)`"),
            ["COUNT(*)", "5"]
        );
    }

    #[test]
    fn limit_and_offset() {
        assert_eq!(q("SELECT job_id FROM jobs LIMIT 2"), ["job_id", "1", "2"]);
        assert_eq!(
            q("SELECT job_id FROM jobs LIMIT 2 OFFSET 1"),
            ["job_id", "2", "3"]
        );
        assert_eq!(
            q("SELECT job_id FROM jobs LIMIT 3, 5"),
            ["job_id", "4", "5"]
        );
        assert_eq!(q("SELECT job_id FROM jobs LIMIT 0"), ["job_id"]);
        assert_eq!(q("SELECT job_id FROM jobs LIMIT 10 OFFSET 10"), ["job_id"]);
        assert_eq!(
            q("SELECT job_id FROM jobs ORDER BY job_id DESC LIMIT 1, 2"),
            ["job_id", "4", "3"]
        );
        assert_eq!(q("SELECT 1 LIMIT 0"), ["1"]);
    }

    // ----- errors ---------------------------------------------------------------------------

    #[test]
    fn unknown_column_names_its_clause() {
        let cases = [
            (
                "SELECT nosuch FROM jobs",
                "Unknown column 'nosuch' in 'field list'",
            ),
            (
                "SELECT job_id FROM jobs WHERE nosuch = 1",
                "Unknown column 'nosuch' in 'where clause'",
            ),
            (
                "SELECT job_id FROM jobs ORDER BY nosuch",
                "Unknown column 'nosuch' in 'order clause'",
            ),
            (
                "SELECT COUNT(*) FROM jobs GROUP BY nosuch",
                "Unknown column 'nosuch' in 'group statement'",
            ),
            (
                "SELECT COUNT(*) FROM jobs HAVING nosuch > 1",
                "Unknown column 'nosuch' in 'having clause'",
            ),
            (
                "SELECT tenant_id FROM jobs GROUP BY tenant_id HAVING status = 'x'",
                "Unknown column 'status' in 'having clause'",
            ),
            (
                "SELECT t.x FROM jobs",
                "Unknown column 't.x' in 'field list'",
            ),
            (
                "SELECT other.job_id FROM jobs",
                "Unknown column 'other.job_id' in 'field list'",
            ),
            (
                "SELECT job_id FROM jobs WHERE db.jobs.job_id = 1",
                "Unknown column 'db.jobs.job_id' in 'where clause'",
            ),
            ("SELECT x", "Unknown column 'x' in 'field list'"),
            (
                "SELECT job_id AS j FROM jobs WHERE j = 1",
                "Unknown column 'j' in 'where clause'",
            ),
            (
                "SELECT job_id FROM jobs ORDER BY 9",
                "Unknown column '9' in 'order clause'",
            ),
            (
                "SELECT job_id FROM jobs ORDER BY 0",
                "Unknown column '0' in 'order clause'",
            ),
            (
                "SELECT job_id FROM jobs GROUP BY 2",
                "Unknown column '2' in 'group statement'",
            ),
        ];
        for (sql, message) in cases {
            assert_eq!(err(sql), format!("ERROR 1054 (42S22): {message}"), "{sql}");
        }
        // The select list is resolved first.
        assert_eq!(
            err("SELECT a FROM jobs WHERE b = 1"),
            "ERROR 1054 (42S22): Unknown column 'a' in 'field list'"
        );
    }

    #[test]
    fn misplaced_aggregates_are_error_1111() {
        for sql in [
            "SELECT job_id FROM jobs WHERE COUNT(*) > 1",
            "SELECT SUM(COUNT(*)) FROM jobs",
            "SELECT COUNT(*) FROM jobs GROUP BY MAX(job_id)",
        ] {
            assert_eq!(
                err(sql),
                "ERROR 1111 (HY000): Invalid use of group function",
                "{sql}"
            );
        }
    }

    // ----- the executor API -----------------------------------------------------------------

    #[test]
    fn eval_expr_and_predicate_for_dml() {
        let (columns, rows) = jobs();
        let row = Some((&columns[..], &rows[0][..]));
        let expr = |sql: &str| match parse_select(&format!("SELECT {sql}")).projection.remove(0) {
            SelectItem::Expr { expr, .. } => expr,
            SelectItem::Wildcard => unreachable!(),
        };
        let mut c = ctx();
        assert_eq!(
            eval_expr(&expr("job_id + 1"), row, &mut c).unwrap(),
            Value::Int(2)
        );
        assert_eq!(
            eval_expr(&expr("size * 2"), row, &mut c).unwrap(),
            dec(2500, 2)
        );
        assert_eq!(
            eval_expr(&expr("1 + 1"), None, &mut c).unwrap(),
            Value::Int(2)
        );
        assert!(eval_predicate(&expr("status = 'doing'"), row, &mut c).unwrap());
        assert!(!eval_predicate(&expr("size > NULL"), row, &mut c).unwrap());
        assert_eq!(
            eval_expr(&expr("nosuch + 1"), row, &mut c)
                .unwrap_err()
                .to_string(),
            "ERROR 1054 (42S22): Unknown column 'nosuch' in 'field list'"
        );
        assert_eq!(
            eval_predicate(&expr("nosuch = 1"), row, &mut c)
                .unwrap_err()
                .to_string(),
            "ERROR 1054 (42S22): Unknown column 'nosuch' in 'where clause'"
        );
        assert_eq!(
            eval_expr(&expr("COUNT(*)"), row, &mut c)
                .unwrap_err()
                .to_string(),
            "ERROR 1111 (HY000): Invalid use of group function"
        );

        let compiled = compile_expr(&expr("tenant_id = 1004"), &columns, Clause::Where).unwrap();
        let matching: Vec<i64> = rows
            .iter()
            .filter(|r| compiled.matches(r, &mut c).unwrap())
            .filter_map(|r| match r[0] {
                Value::Int(i) => Some(i),
                _ => None,
            })
            .collect();
        assert_eq!(matching, [3, 4]);
        assert_eq!(compiled.kind(), ColumnKind::Int);
    }

    #[test]
    fn literals_and_comparison_helpers() {
        assert_eq!(literal_value(&Literal::Number("1.50".into())), dec(150, 2));
        assert_eq!(literal_value(&Literal::Number("-7".into())), Value::Int(-7));
        assert_eq!(
            literal_value(&Literal::Number("18446744073709551615".into())),
            Value::UInt(u64::MAX)
        );
        assert_eq!(literal_value(&Literal::Bool(true)), Value::Int(1));
        assert_eq!(
            compare_values(&"abc".into(), &"ABD".into()),
            Some(Ordering::Less)
        );
        assert_eq!(compare_values(&Value::Null, &Value::Int(1)), None);
        assert_eq!(
            compare_values(&dec(100, 2), &Value::Int(1)),
            Some(Ordering::Equal)
        );
    }

    #[test]
    fn decimal_sums_are_exact() {
        let columns = vec![Column::new("d", ColumnKind::Decimal)];
        let rows: Vec<Vec<Value>> = (0..10).map(|_| vec![dec(1, 1)]).collect();
        let select = parse_select("SELECT SUM(d), AVG(d), SUM(d) = 1 FROM t");
        let rs = run_select(&select, Some((&columns, &rows)), &mut ctx()).unwrap();
        assert_eq!(rs.rows[0], vec![dec(10, 1), dec(10_000, 5), Value::Int(1)]);
    }

    // ----- robustness -----------------------------------------------------------------------

    #[test]
    fn deep_expressions_evaluate_or_fail_cleanly() {
        let sql = format!("SELECT {}1{}", "(".repeat(250), ")".repeat(250));
        assert_eq!(row(&sql), ["1"]);
        let sql = format!("SELECT {}1", "- ".repeat(200));
        assert_eq!(row(&sql), ["1"]);

        let sql = format!("SELECT {}-1{}", "ABS(".repeat(250), ")".repeat(250));
        assert_eq!(row(&sql), ["1"]);
        let sql = format!("SELECT {}", vec!["1"; 200].join(" + "));
        assert_eq!(row(&sql), ["200"]);
        let sql = format!("SELECT {}", vec!["1 = 1"; 200].join(" AND "));
        assert_eq!(row(&sql), ["1"]);

        // Just under the bound, every recursion path fits the default test-thread stack even
        // in a debug build.
        let mut sum = Expr::Literal(Literal::Number("1".into()));
        let mut not = sum.clone();
        let mut abs = sum.clone();
        for _ in 1..MAX_DEPTH {
            sum = Expr::Binary {
                left: Box::new(sum),
                op: BinaryOp::Plus,
                right: Box::new(Expr::Literal(Literal::Number("1".into()))),
            };
            not = Expr::Unary {
                op: UnaryOp::Not,
                expr: Box::new(not),
            };
            abs = Expr::Function {
                name: "ABS".into(),
                args: vec![abs],
                star: false,
                distinct: false,
            };
        }
        assert_eq!(
            eval_expr(&sum, None, &mut ctx()).unwrap(),
            Value::Int(i64::try_from(MAX_DEPTH).unwrap())
        );
        assert_eq!(eval_expr(&not, None, &mut ctx()).unwrap(), Value::Int(0));
        assert_eq!(eval_expr(&abs, None, &mut ctx()).unwrap(), Value::Int(1));

        // A hand-built AST deeper than any parsed one is refused, not a stack overflow.
        let mut expr = Expr::Literal(Literal::Number("1".into()));
        for _ in 0..1_000 {
            expr = Expr::Unary {
                op: UnaryOp::Not,
                expr: Box::new(expr),
            };
        }
        let e = eval_expr(&expr, None, &mut ctx()).unwrap_err();
        assert_eq!(e.to_string(), "ERROR 4019 (HY000): Size overflow");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for sql in [
            "SELECT SUBSTR('abc', 9223372036854775807, 9223372036854775807)",
            "SELECT SUBSTR('abc', -9223372036854775808)",
            "SELECT ROUND(1.5, 9223372036854775807), ROUND(1.5, -9223372036854775808)",
            "SELECT ROUND(123, -99), FLOOR(0.000000000000000000000000000001)",
            "SELECT 99999999999999999999999999999999999999 * 99999999999999999999",
            "SELECT 0.000000000000000000000000000001 / 99999999999999999999999999999999999999",
            "SELECT '1e308' * 10, '-' + 1, '.' + 1, 'e5' + 1, '1e' + 1",
            "SELECT USEC_TO_TIME(9223372036854775807), SCN_TO_TIMESTAMP(-1)",
            "SELECT TIMESTAMPDIFF(YEAR, USEC_TO_TIME(-9223372036854775808), \
             USEC_TO_TIME(9223372036854775807))",
            "SELECT 'x' LIKE '\\\\', '' LIKE '\\\\', 1 % 0.0, -(-(0.5))",
            "SELECT GREATEST('a', 1), LEAST(NOW(), 'junk'), NULLIF('a', 'A')",
        ] {
            run(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
    }

    #[test]
    fn extreme_values_do_not_panic() {
        let mut c = ctx();
        let columns = vec![
            Column::new("d", ColumnKind::Decimal),
            Column::new("t", ColumnKind::DateTime),
        ];
        let row = vec![dec(i128::MIN, 0), Value::datetime(i64::MIN)];
        let select = parse_select(
            "SELECT ABS(d), -d, FLOOR(d), CEIL(d), ROUND(d, -1), d + d, d * d, d / 3, d % 7, \
             d = d, t + 0, t = '2024-01-01', TIME_TO_USEC(t), MIN(d), SUM(d), AVG(d) FROM t",
        );
        run_select(&select, Some((&columns, &[row.clone(), row])), &mut c).unwrap();
        c.now = i64::MIN;
        run_select::<Vec<Value>>(
            &parse_select("SELECT NOW(), NOW(3), UTC_TIMESTAMP(), CURDATE()"),
            None,
            &mut c,
        )
        .unwrap();
        c.now = i64::MAX;
        run_select::<Vec<Value>>(
            &parse_select("SELECT NOW(), NOW(3), UNIX_TIMESTAMP()"),
            None,
            &mut c,
        )
        .unwrap();
        assert_eq!(
            row_of(
                &mut c,
                "SELECT ABS(-2.50), FLOOR(-0.5), CEIL(-0.5), CEIL(0.5)"
            ),
            ["2.50", "-1", "0", "1"]
        );
    }

    /// Random statements from a small grammar (a fixed-seed LCG, so failures reproduce):
    /// whatever parses must evaluate to a result or an error, never a panic.
    #[test]
    fn random_statements_never_panic() {
        const ATOMS: &[&str] = &[
            "job_id",
            "size",
            "status",
            "start_time",
            "comment",
            "NULL",
            "0",
            "-1",
            "1.5",
            "9223372036854775807",
            "18446744073709551615",
            "99999999999999999999999999999999999",
            "0.000000000000000000000000000001",
            "'abc'",
            "''",
            "'%'",
            "'\\'",
            "'2024-05-01'",
            "'1e308'",
            "NOW()",
            "NOW(6)",
            "COUNT(*)",
            "TRUE",
        ];
        const UNARY: &[&str] = &[
            "-",
            "NOT ",
            "ABS",
            "ROUND",
            "FLOOR",
            "CEIL",
            "UPPER",
            "LENGTH",
            "USEC_TO_TIME",
            "TIME_TO_USEC",
            "SCN_TO_TIMESTAMP",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "COUNT",
            "SLEEP",
        ];
        const BINARY: &[&str] = &[
            "+", "-", "*", "/", "%", "=", "<>", "<", ">=", "AND", "OR", "LIKE", "NOT LIKE",
        ];
        const CALLS: &[&str] = &[
            "ROUND", "MOD", "IFNULL", "NULLIF", "GREATEST", "LEAST", "CONCAT", "SUBSTR",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| -> usize {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        fn expr(next: &mut dyn FnMut(usize) -> usize, depth: u32) -> String {
            if depth == 0 {
                return ATOMS[next(ATOMS.len())].to_string();
            }
            let sub = |next: &mut dyn FnMut(usize) -> usize| expr(next, depth - 1);
            match next(6) {
                0 => ATOMS[next(ATOMS.len())].to_string(),
                1 => {
                    let op = UNARY[next(UNARY.len())];
                    format!("{op}({})", sub(next))
                }
                2 | 3 => {
                    let (a, b) = (sub(next), sub(next));
                    format!("({a} {} {b})", BINARY[next(BINARY.len())])
                }
                4 => {
                    let (a, b) = (sub(next), sub(next));
                    format!("{}({a}, {b})", CALLS[next(CALLS.len())])
                }
                _ => {
                    let (a, b, c) = (sub(next), sub(next), sub(next));
                    format!("({a} BETWEEN {b} AND {c})")
                }
            }
        }
        let (columns, rows) = jobs();
        let mut parsed = 0;
        for _ in 0..3_000 {
            let (a, b, c) = (expr(&mut next, 3), expr(&mut next, 2), expr(&mut next, 2));
            let sql = match next(3) {
                0 => format!("SELECT {a}, {b} FROM jobs WHERE {c} ORDER BY 1 DESC LIMIT 3"),
                1 => format!("SELECT {a} FROM jobs GROUP BY {b} HAVING {c} ORDER BY {b}"),
                _ => format!("SELECT DISTINCT {a} FROM jobs ORDER BY {b}, {c}"),
            };
            let Ok(Statement::Select(select)) = parse_statement(&sql) else {
                continue;
            };
            parsed += 1;
            let _ = run_select(&select, Some((&columns, &rows)), &mut ctx());
        }
        assert!(parsed > 1_000, "only {parsed} statements parsed");
    }

    fn row_of(c: &mut Ctx, sql: &str) -> Vec<String> {
        let rs = run_select::<Vec<Value>>(&parse_select(sql), None, c).unwrap();
        rs.rows[0].iter().map(Value::render).collect()
    }

    #[test]
    fn where_over_100k_rows_filters_exactly() {
        let columns = vec![
            Column::new("id", ColumnKind::Int),
            Column::new("tenant_id", ColumnKind::Int),
            Column::new("status", ColumnKind::Text),
            Column::new("start_time", ColumnKind::DateTime),
            Column::new("size", ColumnKind::Decimal),
            Column::new("comment", ColumnKind::Text),
        ];
        let statuses = ["DOING", "COMPLETED", "FAILED", "CANCELED"];
        let rows: Vec<Vec<Value>> = (0..100_000i64)
            .map(|i| {
                vec![
                    Value::Int(i),
                    Value::Int(1000 + i % 7),
                    statuses[usize::try_from(i % 4).unwrap()].into(),
                    Value::datetime(1_700_000_000_000_000 + i * 1_000_000),
                    dec(i128::from(i) * 25, 2),
                    format!("job {i}").into(),
                ]
            })
            .collect();
        let select = parse_select(
            "SELECT id, status FROM t WHERE status = 'doing' AND tenant_id = 1003 \
             AND start_time > '2023-11-15 00:00:00' AND size >= 100.5",
        );
        let mut c = ctx();
        let rs = run_select(&select, Some((&columns, &rows)), &mut c).unwrap();
        // status 'doing' (case-insensitive) is i % 4 == 0; tenant 1003 is i % 7 == 3; then the
        // time and size bounds. (Timing lives in the criterion benchmark.)
        let bound = parse_datetime("2023-11-15 00:00:00").unwrap();
        let want: Vec<i64> = (0..100_000i64)
            .filter(|i| i % 4 == 0 && i % 7 == 3)
            .filter(|i| 1_700_000_000_000_000 + i * 1_000_000 > bound && i * 25 >= 10_050)
            .collect();
        let got: Vec<i64> = rs
            .rows
            .iter()
            .filter_map(|r| match r[0] {
                Value::Int(v) => Some(v),
                _ => None,
            })
            .collect();
        assert!(!want.is_empty());
        assert!(
            got == want,
            "got {} rows (first {:?}), want {} (first {:?})",
            got.len(),
            got.first(),
            want.len(),
            want.first()
        );
    }
}
