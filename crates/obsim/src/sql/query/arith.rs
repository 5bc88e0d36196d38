//! Arithmetic and the numeric functions (ABS, ROUND, FLOOR, CEIL) with MySQL's result types:
//! BIGINT (UNSIGNED if an operand is) with range errors, exact DECIMAL at MySQL's scales,
//! doubles for strings.
//!
//! Invariant: no operation panics or silently wraps: a BIGINT result out of range is error
//! 1690, an exact result beyond i128 degrades to a double, division and MOD by zero are
//! NULL.

use super::node::ArithOp;
use super::number::{
    MAX_SCALE, datetime_number, exact_f64, float_value, num_f64, pow10, rescale, round_div,
    str_to_num,
};
use crate::error::ObError;
use crate::value::Value;

/// MySQL's `div_precision_increment` default: `/` adds 4 fraction digits.
const DIV_INCREMENT: u8 = 4;

/// An arithmetic operand: integers (with MySQL's UNSIGNED flag), exact decimals, or doubles
/// (strings in arithmetic are doubles in MySQL).
#[derive(Clone, Copy, Debug)]
pub(super) enum Operand {
    Int(i128, bool),
    Dec(i128, u8),
    Float(f64),
}

impl Operand {
    pub(super) fn exact(self) -> (i128, u8) {
        match self {
            Operand::Int(i, _) => (i, 0),
            Operand::Dec(m, s) => (m, s),
            Operand::Float(_) => (0, 0),
        }
    }

    pub(super) fn to_f64(self) -> f64 {
        match self {
            Operand::Int(i, _) => exact_f64(i, 0),
            Operand::Dec(m, s) => exact_f64(m, s),
            Operand::Float(f) => f,
        }
    }
}

pub(super) fn operand(v: &Value) -> Option<Operand> {
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

pub(super) fn arith(op: ArithOp, a: &Value, b: &Value, text: &str) -> Result<Value, ObError> {
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
        return Err(ObError::value_out_of_range(type_name, text));
    };
    if unsigned {
        u64::try_from(r)
            .map(Value::UInt)
            .map_err(|_| ObError::value_out_of_range(type_name, text))
    } else {
        i64::try_from(r)
            .map(Value::Int)
            .map_err(|_| ObError::value_out_of_range(type_name, text))
    }
}

/// Exact DECIMAL arithmetic: + and - at the larger scale, * at the sum of scales (rounded to
/// 30), / at the dividend's scale + 4 (rounded half away from zero), % at the larger scale.
/// Division or MOD by zero is NULL. None when i128 overflows.
pub(super) fn dec_arith(op: ArithOp, (m1, s1): (i128, u8), (m2, s2): (i128, u8)) -> Option<Value> {
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
pub(super) fn dec_div((m1, s1): (i128, u8), (m2, s2): (i128, u8)) -> Option<(i128, u8)> {
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

pub(super) fn negate(v: &Value, text: &str) -> Result<Value, ObError> {
    Ok(match operand(v) {
        None => Value::Null,
        Some(Operand::Int(i, unsigned)) => match i64::try_from(-i) {
            Ok(n) => Value::Int(n),
            // -(UNSIGNED above 2^63) leaves BIGINT; MySQL gives a DECIMAL.
            Err(_) if unsigned => Value::decimal(-i, 0),
            Err(_) => return Err(ObError::value_out_of_range("BIGINT", text)),
        },
        Some(Operand::Dec(m, s)) => match m.checked_neg() {
            Some(n) => Value::decimal(n, s),
            None => float_value(-exact_f64(m, s)),
        },
        Some(Operand::Float(f)) => float_value(-f),
    })
}

pub(super) fn abs(v: &Value, text: &str) -> Result<Value, ObError> {
    Ok(match (v, operand(v)) {
        (_, None) => Value::Null,
        (Value::Int(i), _) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => return Err(ObError::value_out_of_range("BIGINT", text)),
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
pub(super) fn round(v: &Value, digits: i64) -> Value {
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

pub(super) fn floor_ceil(v: &Value, up: bool) -> Value {
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
