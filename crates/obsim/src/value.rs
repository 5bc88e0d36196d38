//! Values and result sets: what a row holds, what a query returns and what obclient formats.
//! Date-times render through `calendar`.

use crate::calendar::format_datetime;
use serde::{Deserialize, Serialize};

/// How a column's values are typed. obclient right-aligns numeric columns (by the column's
/// type, not by each value) and left-aligns everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    Int,
    UInt,
    Decimal,
    Text,
    DateTime,
}

impl ColumnKind {
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnKind::Int | ColumnKind::UInt | ColumnKind::Decimal
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
    /// Whether the column may hold NULL: obclient then reserves room for `NULL` (width ≥ 4).
    pub nullable: bool,
}

impl Column {
    /// A nullable column (what most expressions and view columns are).
    pub fn new(name: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            name: name.into(),
            kind,
            nullable: true,
        }
    }

    /// A NOT NULL column: obclient sizes it by its header and values only.
    pub fn not_null(name: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            nullable: false,
            ..Column::new(name, kind)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// The type of a user table's column, as CREATE TABLE declares it (the parser's and the
/// table's one type).
pub enum ColType {
    Int,
    BigInt,
    /// DECIMAL(precision, scale); `DECIMAL` alone is (10, 0).
    Decimal(u8, u8),
    /// VARCHAR(n) / VARCHAR2(n) / CHAR(n)
    Varchar(u32),
    DateTime,
}

impl ColType {
    /// As `DESC` / `SHOW CREATE TABLE` print it.
    pub fn sql(self) -> String {
        match self {
            ColType::Int => "int(11)".into(),
            ColType::BigInt => "bigint(20)".into(),
            ColType::Decimal(p, s) => format!("decimal({p},{s})"),
            ColType::Varchar(n) => format!("varchar({n})"),
            ColType::DateTime => "datetime".into(),
        }
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Null,
    Int(i64),
    UInt(u64),
    /// A fixed-point decimal: `mantissa / 10^scale` (e.g. 12.50 is (1250, 2)).
    Decimal {
        mantissa: i128,
        scale: u8,
    },
    Str(String),
    /// Microseconds since the Unix epoch, shown in the session time zone (+08:00) as
    /// `YYYY-MM-DD HH:MM:SS.ffffff` (or without fraction when `frac` is false).
    DateTime {
        micros: i64,
        frac: bool,
    },
}

/// A query result: named, typed columns and rows of cells (one cell per column).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSet {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

/// `mantissa / 10^scale` with exactly `scale` fraction digits, e.g. (1250, 2) → `12.50` and
/// (−5, 2) → `-0.05`. Done on the decimal digits, not by dividing, so any `scale` (even above
/// 38, where 10^scale overflows i128) and `i128::MIN` render without overflow.
fn render_decimal(mantissa: i128, scale: u8) -> String {
    let digits = mantissa.unsigned_abs().to_string();
    let scale = usize::from(scale);
    let sign = if mantissa < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    // Left-pad so there is at least one integer digit before the point.
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let split = padded.len() - scale; // >= 1 by the padding; all bytes are ASCII digits
    let (int_part, frac_part) = padded.split_at(split);
    format!("{sign}{int_part}.{frac_part}")
}

impl Value {
    /// A string cell.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    /// A decimal cell `mantissa / 10^scale`.
    pub fn decimal(mantissa: i128, scale: u8) -> Value {
        Value::Decimal { mantissa, scale }
    }

    /// A DATETIME(6) / TIMESTAMP(6) cell (with the six fraction digits the views print).
    pub fn datetime(micros: i64) -> Value {
        Value::DateTime { micros, frac: true }
    }

    /// The cell as obclient shows it: NULL as `NULL`, decimals with exactly `scale` fraction
    /// digits, date-times in the session zone (+08:00).
    pub fn render(&self) -> String {
        match self {
            Value::Null => "NULL".to_string(),
            Value::Int(v) => v.to_string(),
            Value::UInt(v) => v.to_string(),
            Value::Decimal { mantissa, scale } => render_decimal(*mantissa, *scale),
            Value::Str(s) => s.clone(),
            Value::DateTime { micros, frac } => format_datetime(*micros, *frac),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<u64> for Value {
    fn from(v: u64) -> Value {
        Value::UInt(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl ResultSet {
    pub fn new(columns: Vec<Column>) -> ResultSet {
        ResultSet {
            columns,
            rows: Vec::new(),
        }
    }

    /// Appends a row, fitted to the column count: missing cells become NULL and extra cells
    /// are dropped. Fitting (instead of asserting) keeps a view-building slip from ever
    /// panicking in the browser; the formatter would show it as NULLs.
    pub fn push_row(&mut self, mut row: Vec<Value>) {
        row.resize(self.columns.len(), Value::Null);
        self.rows.push(row);
    }

    /// Builder form of [`ResultSet::push_row`].
    pub fn with_row(mut self, row: Vec<Value>) -> ResultSet {
        self.push_row(row);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_formats_each_kind() {
        assert_eq!(Value::Null.render(), "NULL");
        assert_eq!(Value::Int(-42).render(), "-42");
        assert_eq!(Value::UInt(u64::MAX).render(), "18446744073709551615");
        assert_eq!(Value::str("DOING").render(), "DOING");
        assert_eq!(Value::str("").render(), "");
        assert_eq!(Value::datetime(0).render(), "1970-01-01 08:00:00.000000");
        assert_eq!(
            Value::DateTime {
                micros: 0,
                frac: false
            }
            .to_string(),
            "1970-01-01 08:00:00"
        );
    }

    #[test]
    fn decimals_keep_exactly_scale_digits() {
        assert_eq!(Value::decimal(1250, 2).render(), "12.50");
        assert_eq!(Value::decimal(-5, 2).render(), "-0.05");
        assert_eq!(Value::decimal(5, 2).render(), "0.05");
        assert_eq!(Value::decimal(0, 2).render(), "0.00");
        assert_eq!(Value::decimal(0, 0).render(), "0");
        assert_eq!(Value::decimal(-7, 0).render(), "-7");
        assert_eq!(Value::decimal(100, 2).render(), "1.00");
        assert_eq!(Value::decimal(-123_456, 3).render(), "-123.456");
        assert_eq!(
            Value::decimal(i128::MIN, 0).render(),
            "-170141183460469231731687303715884105728"
        );
        let tiny = Value::decimal(1, 40).render();
        assert_eq!(tiny.len(), 42);
        assert!(tiny.starts_with("0.000") && tiny.ends_with('1'));
        assert_eq!(Value::decimal(i128::MAX, 255).render().len(), 257);
    }

    #[test]
    fn result_set_helpers_fit_rows_to_columns() {
        let mut set = ResultSet::new(vec![
            Column::new("A", ColumnKind::Int),
            Column::new("B", ColumnKind::Text),
        ]);
        assert!(set.rows.is_empty());
        set.push_row(vec![Value::Int(1)]);
        set.push_row(vec![Value::Int(2), "x".into(), "extra".into()]);
        assert_eq!(set.rows[0], vec![Value::Int(1), Value::Null]);
        assert_eq!(set.rows[1], vec![Value::Int(2), Value::str("x")]);
        assert_eq!(set.rows.len(), 2);
        assert_eq!(Value::from(None::<i64>), Value::Null);
        assert_eq!(Value::from(Some(3u64)), Value::UInt(3));
    }
}
