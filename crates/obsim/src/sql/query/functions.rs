//! Scalar functions: the table of names and argument counts, how a call is resolved at
//! compile time, its result type, and its evaluation.
//!
//! Invariant: a scalar function is described in this file only (its `Func` variant, its row
//! in [`scalar_function`], its type in [`func_ty`], its arm in [`apply_func`]); the compiler
//! and the evaluator handle every function alike. Clock functions read the session's
//! simulated clock (through `Rt`), never a real one.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::arith::{abs, arith, floor_ceil, round};
use super::collate::collate_cmp;
use super::compare::{compare, sort_cmp};
use super::eval::{Env, NULL, Rt, value_str};
use super::node::{ArithOp, Node, Ty, arith_ty, merge_ty};
use super::number::{num_to_i64, to_f64, to_i64, to_num};
use crate::calendar::{format_datetime, parse_datetime};
use crate::error::ObError;
use crate::sql::ast::{Expr, Literal};
use crate::value::{ColumnKind, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TimeUnit {
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
pub(super) enum Func {
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
    Crc32,
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
        "CRC32" => (Func::Crc32, 1, 1),
        _ => return None,
    })
}

/// Resolves a scalar function call: its [`Func`], the arguments left to compile (NOW's
/// precision and TIMESTAMPDIFF's unit are consumed here) and its text for error messages.
#[inline(never)]
pub(super) fn resolve_scalar<'e>(
    whole: &Expr,
    name: &str,
    args: &'e [Expr],
    star: bool,
    distinct: bool,
) -> Result<(Func, &'e [Expr], Box<str>), ObError> {
    let Some((func, min, max)) = scalar_function(&name.to_ascii_uppercase()) else {
        return Err(ObError::unknown_function(name));
    };
    if star || distinct || args.len() < min || args.len() > max {
        return Err(ObError::wrong_param_count(name));
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

/// The fractional-seconds precision argument of NOW(p): a constant 0..=6.
fn precision(arg: &Expr, name: &str) -> Result<u8, ObError> {
    match arg {
        Expr::Literal(Literal::Number(text)) => match text.parse::<u64>() {
            Ok(p) if p <= 6 => Ok(u8::try_from(p).unwrap_or(6)),
            _ => Err(ObError::time_precision_too_big(text, name)),
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

pub(super) fn func_ty(func: Func, args: &[Ty]) -> Ty {
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
        Func::Crc32 => Some(ColumnKind::UInt),
    }
}

#[inline(never)]
pub(super) fn eval_func(
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
        Func::Crc32 => Value::UInt(u64::from(crate::checksum::crc32(
            value_str(v(0)).as_bytes(),
        ))),
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

pub(super) fn len_i64(n: usize) -> i64 {
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
