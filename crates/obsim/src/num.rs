//! Decimal text ↔ `f64` without core's float parsing and printing machinery.
//!
//! Why by hand: `str::parse::<f64>` and `f64`'s `Display` pull about 45 KB of near-random lookup
//! tables (dec2flt's powers of five, Grisu's cached powers) and their code into the wasm, which
//! gzip cannot shrink; the whole site has a 250 KB gzip budget. Doubles are rare in this
//! product (the SQL layer is exact-decimal first), so these functions trade a few ulps on
//! extreme inputs for size:
//! - `format_shortest` is exact (shortest round-trip digits, as `Display` prints) for
//!   1e-7 ≤ |f| < 2^53 — every double the views and `SELECT 0.1 + 0.2` produce — and uses
//!   17 significant digits outside that range;
//! - `parse_f64` is correctly rounded when the digits fit 2^53 and the exponent is within ±22
//!   (Clinger's fast path), and within a few ulps otherwise.

/// Exact powers of ten representable as doubles.
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit in the mantissa), the whole
/// string; None otherwise.
pub fn parse_f64(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    // Up to 19 significant digits are kept; the rest only move the exponent.
    let mut mantissa: u64 = 0;
    let mut kept = 0u32;
    let mut exp10: i64 = 0;
    let mut digits = 0;
    let mut in_fraction = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa == 0 && c == b'0' {
                    // A leading zero: no significance, only its place.
                    if in_fraction {
                        exp10 -= 1;
                    }
                } else if kept < 19 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    kept += 1;
                    if in_fraction {
                        exp10 -= 1;
                    }
                } else if !in_fraction {
                    // Dropped (truncated) integer digit: still a power of ten.
                    exp10 += 1;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let exp_negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i64::from(c - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let magnitude = scale_by_pow10(mantissa, exp10);
    Some(if negative { -magnitude } else { magnitude })
}

fn scale_by_pow10(mantissa: u64, exp10: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let m = mantissa as f64;
    let small = mantissa < (1 << 53);
    if small && (0..=22).contains(&exp10) {
        return m * POW10_F64[exp10 as usize];
    }
    if small && (-22..0).contains(&exp10) {
        return m / POW10_F64[(-exp10) as usize];
    }
    if exp10 > 330 {
        return f64::INFINITY;
    }
    if exp10 < -360 {
        return 0.0;
    }
    // Outside the fast path: scale in 64-bit extended precision (error far below an ulp, so
    // at most one ulp after the final rounding).
    let mut x = Ext::new(mantissa);
    for _ in 0..exp10.unsigned_abs() {
        if exp10 > 0 { x.mul10() } else { x.div10() }
    }
    x.to_f64()
}

/// `mant × 2^exp2` with `mant` normalised to its top bit (bit 63): a 64-bit-mantissa float.
#[derive(Clone, Copy)]
struct Ext {
    mant: u64,
    exp2: i32,
}

impl Ext {
    fn new(v: u64) -> Ext {
        let z = v.leading_zeros();
        Ext {
            mant: v << z,
            exp2: -(z as i32),
        }
    }

    fn from_f64(f: f64) -> Ext {
        let bits = f.to_bits();
        let raw_exp = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        let (m, e) = if raw_exp == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), raw_exp - 1075)
        };
        let mut x = Ext::new(m);
        x.exp2 += e;
        x
    }

    fn mul10(&mut self) {
        let wide = u128::from(self.mant) * 10;
        let shift = 128 - wide.leading_zeros() - 64; // 3 or 4
        self.mant = (wide >> shift) as u64;
        self.exp2 += shift as i32;
    }

    fn div10(&mut self) {
        let wide = (u128::from(self.mant) << 64) / 10;
        let shift = 128 - wide.leading_zeros() - 64;
        self.mant = (wide >> shift) as u64;
        self.exp2 += shift as i32 - 64;
    }

    /// Rounded to the nearest integer (the value must be below 2^64).
    fn to_u64(self) -> u64 {
        if self.exp2 >= 0 {
            return self.mant;
        }
        let s = self.exp2.unsigned_abs();
        if s >= 64 {
            return u64::from(s == 64 && self.mant >= 1 << 63);
        }
        (self.mant >> s) + ((self.mant >> (s - 1)) & 1)
    }

    fn to_f64(self) -> f64 {
        // Round the 64-bit mantissa to 53 bits, then apply the binary exponent in two exact
        // steps (no overflow of the intermediate power of two).
        #[allow(clippy::cast_precision_loss)]
        let m = self.mant as f64;
        let half = self.exp2 / 2;
        m * pow2(half) * pow2(self.exp2 - half)
    }
}

fn pow2(e: i32) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e < -1074 {
        0.0
    } else if e < -1022 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        f64::from_bits(((e + 1023) as u64) << 52)
    }
}

/// The shortest decimal digits `d` and exponent `q` with `d × 10^q` reading back as `f`
/// (finite, > 0). Exact for 1e-7 ≤ f < 2^53.
fn shortest_digits(f: f64) -> (u64, i32) {
    let bits = f.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // f = m × 2^e with m < 2^53.
    let (m, e) = if raw_exp == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), raw_exp - 1075)
    };
    if (-1074..=0).contains(&e) && m != 0 {
        // In units of 2^(e-2): f = 4m, and the doubles around f are 4m ± 4 (4m - 2 below a
        // power of two), so every decimal strictly between the halfway points reads back as f
        // (and the halfway points themselves when m is even: ties go to even).
        let shift = (2 - e) as u32; // ≤ 78
        let f4 = u128::from(m) << 2;
        let low = f4 - if m == 1 << 52 { 1 } else { 2 };
        let high = f4 + 2;
        let inclusive = m % 2 == 0;
        // The largest q whose nearest decimal lies in the interval gives the fewest digits.
        for q in (-30..=16).rev() {
            let Some((d, x_num, scale)) = nearest_at(f4, shift, q) else {
                continue;
            };
            if d == 0 {
                continue;
            }
            // Compare d × 10^q with the bounds, all scaled to integers.
            let (lo, hi) = (low * scale, high * scale);
            let ok = if inclusive {
                lo <= x_num && x_num <= hi
            } else {
                lo < x_num && x_num < hi
            };
            if ok {
                return (d, q);
            }
        }
    }
    approx_digits(f)
}

/// For `f = f4 × 2^-shift`, the nearest `d × 10^q` (d integer). Also returns `x` and
/// `scale` such that `d × 10^q` compares with `f4 × 2^-shift` as `x` with `f4 × scale`.
/// None when the numbers leave u128.
fn nearest_at(f4: u128, shift: u32, q: i32) -> Option<(u64, u128, u128)> {
    if q < 0 {
        // d × 10^-k against f4 × 2^-shift: multiply both by 2^k, i.e. work with 5^k.
        let k = q.unsigned_abs();
        let scale = 5u128.checked_pow(k)?;
        let num = f4.checked_mul(scale)?;
        let (d, x) = match shift.checked_sub(k) {
            Some(0) => (num, num),
            Some(s) if s < 127 => {
                let d = (num + (1u128 << (s - 1))) >> s;
                (d, d.checked_mul(1u128.checked_shl(s)?)?)
            }
            Some(_) => return None,
            // f × 10^k is f4 × 5^k × 2^(k - shift), an integer.
            None => {
                let up = k - shift;
                let d = num.checked_mul(1u128.checked_shl(up)?)?;
                (d, num)
            }
        };
        Some((u64::try_from(d).ok()?, x, scale))
    } else {
        let den = 10u128
            .checked_pow(q.unsigned_abs())?
            .checked_mul(1u128.checked_shl(shift)?)?;
        let d = (f4 + den / 2) / den;
        let x = d.checked_mul(den)?;
        Some((u64::try_from(d).ok()?, x, 1))
    }
}

/// 17 significant digits in extended precision, trimmed while the value still reads back.
fn approx_digits(f: f64) -> (u64, i32) {
    let mut x = Ext::from_f64(f);
    let mut e10 = 0i32;
    while x.to_u64() >= 100_000_000_000_000_000 || x.exp2 > 0 {
        x.div10();
        e10 += 1;
    }
    while x.to_u64() < 10_000_000_000_000_000 {
        x.mul10();
        e10 -= 1;
    }
    let mut d = x.to_u64();
    let mut q = e10;
    while d > 0 && d.is_multiple_of(10) {
        d /= 10;
        q += 1;
    }
    loop {
        let shorter = (d + 5) / 10;
        if shorter == 0 || parse_back(shorter, q + 1) != f {
            return (d, q);
        }
        d = shorter;
        q += 1;
        while d > 0 && d.is_multiple_of(10) {
            d /= 10;
            q += 1;
        }
    }
}

fn parse_back(d: u64, q: i32) -> f64 {
    scale_by_pow10(d, i64::from(q))
}

/// As `f64`'s `Display` prints: shortest round-trip digits, never an exponent
/// (`0.30000000000000004`, `100`, `0.0001`, `-1.5`, `NaN`, `inf`).
pub fn format_shortest(f: f64) -> String {
    if let Some(s) = special(f) {
        return s;
    }
    let (d, q) = shortest_digits(f.abs());
    let digits = d.to_string();
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    if q >= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', q as usize));
    } else {
        let point = digits.len() as i32 + q;
        if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        }
    }
    out
}

/// As `format!("{f:e}")` prints: `1e20`, `1.5e-7`, `-2.25e300`.
pub fn format_exp(f: f64) -> String {
    if let Some(s) = special(f) {
        return s;
    }
    let (d, q) = shortest_digits(f.abs());
    let digits = d.to_string();
    let exp = q + digits.len() as i32 - 1;
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (first, rest) = digits.split_at(1);
    out.push_str(first);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push('e');
    out.push_str(&exp.to_string());
    out
}

fn special(f: f64) -> Option<String> {
    if f.is_nan() {
        Some("NaN".into())
    } else if f.is_infinite() {
        Some(if f > 0.0 { "inf" } else { "-inf" }.into())
    } else if f == 0.0 {
        Some(if f.is_sign_negative() { "-0" } else { "0" }.into())
    } else {
        None
    }
}

/// `v` with exactly `decimals` digits after the point (≤ 9), rounded half away from zero, as
/// `format!("{v:.N}")` prints for the values a UI shows (|v| < 9e9).
pub fn format_fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(9);
    if !v.is_finite() {
        return format_shortest(v);
    }
    let scale = POW10_F64[decimals as usize];
    #[allow(clippy::cast_possible_truncation)]
    let scaled = (v.abs() * scale).round().min(9.0e18) as u64;
    let p = 10u64.pow(decimals);
    let mut out = String::new();
    if v < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&(scaled / p).to_string());
    if decimals > 0 {
        out.push('.');
        let frac = (scaled % p).to_string();
        out.extend(std::iter::repeat_n('0', decimals as usize - frac.len()));
        out.push_str(&frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_matches_core_on_ordinary_numbers() {
        for s in [
            "0",
            "1",
            "-1",
            "+2.5",
            "0.1",
            "123.456",
            "1e3",
            "1E-3",
            "2.5e+10",
            ".5",
            "5.",
            "0.30000000000000004",
            "9007199254740993",
            "1e22",
            "1e23",
            "123456789012345678901234",
            "0.000001234",
            "1.7976931348623157e308",
            "4.9e-324",
            "00012.500",
        ] {
            let core: f64 = s.parse().unwrap_or(f64::NAN);
            let ours = parse_f64(s).unwrap_or(f64::NAN);
            let ulps = (core.to_bits() as i64 - ours.to_bits() as i64).abs();
            assert!(ulps <= 2, "{s}: core {core:e} ours {ours:e}");
        }
    }

    #[test]
    fn parse_is_exact_in_the_fast_path() {
        for s in [
            "0.1",
            "0.2",
            "0.3",
            "3.14159",
            "-2.5e-3",
            "1e-22",
            "123456789e10",
        ] {
            assert_eq!(parse_f64(s), s.parse::<f64>().ok(), "{s}");
        }
    }

    #[test]
    fn parse_rejects_what_is_not_a_number() {
        for s in [
            "", "-", ".", "e3", "1e", "1e+", "1.2.3", "12abc", " 1", "inf", "NaN", "1_0",
        ] {
            assert_eq!(parse_f64(s), None, "{s:?}");
        }
    }

    #[test]
    fn shortest_matches_display() {
        let mut values = vec![
            0.1 + 0.2,
            1.0,
            100.0,
            0.0001,
            -1.5,
            1.0 / 3.0,
            2.0 / 3.0,
            123.456,
            9007199254740991.0,
            1e15,
            999999999999999.9,
            5e-324,
            1e300,
            0.3,
            1e-7,
            4503599627370496.5,
        ];
        // A deterministic spread of doubles over the exact range.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mant = (x >> 11) as f64 / (1u64 << 53) as f64;
            let exp = (x % 23) as i32 - 7;
            values.push(mant * 10f64.powi(exp));
        }
        for v in values {
            let (d, q) = shortest_digits(v.abs());
            let back = parse_back(d, q);
            if (1e-7..9007199254740992.0).contains(&v.abs()) {
                assert_eq!(format_shortest(v), v.to_string(), "{v:e}");
                assert_eq!(format_exp(v), format!("{v:e}"));
            }
            // Everywhere: the digits read back (within our parser's ulps outside the range).
            let ulps = (back.to_bits() as i64 - v.abs().to_bits() as i64).abs();
            assert!(ulps <= 2, "{v:e}: {d}e{q}");
        }
    }

    #[test]
    fn specials_print_as_display_does() {
        assert_eq!(format_shortest(f64::NAN), "NaN");
        assert_eq!(format_shortest(f64::INFINITY), "inf");
        assert_eq!(format_shortest(0.0), "0");
        assert_eq!(format_exp(1e20), "1e20");
        assert_eq!(format_exp(-1.5e-7), "-1.5e-7");
    }

    #[test]
    fn fixed_rounds_half_away_from_zero() {
        assert_eq!(format_fixed(1.25, 1), "1.3");
        assert_eq!(format_fixed(0.0, 2), "0.00");
        assert_eq!(format_fixed(-0.004, 2), "0.00");
        assert_eq!(format_fixed(-2.5, 0), "-3");
        assert_eq!(format_fixed(12.3456, 2), "12.35");
        assert_eq!(format_fixed(3.0, 3), "3.000");
        assert_eq!(format_fixed(1536.0 / 1024.0, 2), "1.50");
    }
}
