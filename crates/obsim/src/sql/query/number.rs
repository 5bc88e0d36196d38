//! Values as numbers: MySQL's numeric conversions (strings by their numeric prefix, a
//! DATETIME as `YYYYMMDDHHMMSS`), exact decimal comparison, and how a double result becomes
//! a value.
//!
//! Invariant: an exact value stays exact (an i128 mantissa with a scale of at most
//! [`MAX_SCALE`]) wherever it fits; doubles appear only where MySQL has them (strings in
//! numeric context, exponents) or where i128 runs out. Nothing here panics or wraps.

use std::cmp::Ordering;

use crate::calendar::format_datetime;
use crate::value::Value;

/// MySQL's largest DECIMAL scale.
pub(super) const MAX_SCALE: u8 = 30;

/// A number for comparison: exact (`mantissa / 10^scale`) when it can be, else a double.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Num {
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

pub(super) fn pow10(n: u32) -> Option<i128> {
    POW10.get(n as usize).copied()
}

pub(super) fn exact_f64(m: i128, s: u8) -> f64 {
    // Both conversions round to nearest; exact for the magnitudes that occur in practice.
    #[allow(clippy::cast_precision_loss)]
    let m = m as f64;
    m / 10f64.powi(i32::from(s))
}

pub(super) fn num_f64(n: Num) -> f64 {
    match n {
        Num::Exact(m, s) => exact_f64(m, s),
        Num::Float(f) => f,
    }
}

/// Rounds a number to an integer, half away from zero (MySQL's rule for exact values),
/// saturating at the i64 range.
pub(super) fn num_to_i64(n: Num) -> i64 {
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

pub(super) fn to_num(v: &Value) -> Option<Num> {
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

pub(super) fn to_i64(v: &Value) -> Option<i64> {
    to_num(v).map(num_to_i64)
}

pub(super) fn to_f64(v: &Value) -> Option<f64> {
    to_num(v).map(num_f64)
}

/// A DATETIME in numeric context is `YYYYMMDDHHMMSS[.ffffff]` (MySQL: `NOW() + 0`).
pub(super) fn datetime_number(micros: i64, frac: bool) -> (i128, u8) {
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

pub(super) fn number_literal(text: &str) -> Value {
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
pub(super) fn str_to_num(s: &str) -> Num {
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
pub(super) fn float_value(f: f64) -> Value {
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
pub(super) fn round_div(n: i128, d: i128) -> Option<i128> {
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

pub(super) fn rescale(m: i128, from: u8, to: u8) -> Option<i128> {
    if m == 0 {
        return Some(0);
    }
    m.checked_mul(pow10(u32::from(to.checked_sub(from)?))?)
}

/// Exact comparison of two decimals; total (no overflow case is left undecided).
pub(super) fn cmp_exact(m1: i128, s1: u8, m2: i128, s2: u8) -> Ordering {
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

pub(super) fn cmp_num(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Exact(m1, s1), Num::Exact(m2, s2)) => Some(cmp_exact(m1, s1, m2, s2)),
        _ => num_f64(a).partial_cmp(&num_f64(b)),
    }
}
