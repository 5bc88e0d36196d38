//! Comparing values: [`compare`] as SQL's `<` and `=` do it (None for NULL), [`sort_cmp`], a
//! total order for sorting, and [`Key`], a value's identity for grouping.
//!
//! Invariant: the three agree. Within a class of values (numbers, date-times, strings)
//! `sort_cmp` orders as `compare` does, and two values of a class have equal keys exactly
//! when `compare` finds them equal (`1` = `1.00`, `'a'` = `'A '`).

use std::cmp::Ordering;

use super::collate::{collate_cmp, fold_char};
use super::number::{cmp_exact, cmp_num, to_num};
use crate::calendar::parse_datetime;
use crate::value::Value;

/// SQL comparison (None when either side is NULL): strings by collation, numbers exactly,
/// numbers with strings numerically, date-times with strings by parsing the string (falling
/// back to comparing text when it is not a date-time), date-times with numbers as
/// `YYYYMMDDHHMMSS`.
pub(super) fn compare(a: &Value, b: &Value) -> Option<Ordering> {
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
pub(super) fn sort_cmp(a: &Value, b: &Value) -> Ordering {
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
pub(super) fn cmp_rows(a: &[Value], b: &[Value], directions: Option<&[bool]>) -> Ordering {
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
pub(super) enum Key {
    Null,
    Num(i128, u8),
    Time(i64),
    Str(String),
}

pub(super) fn key_of(v: &Value) -> Key {
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
