//! The calendar of every simulated session: Unix microseconds ↔ `YYYY-MM-DD HH:MM:SS[.ffffff]`
//! in OceanBase's default session time zone (+08:00, fixed), and the `YYYYMMDDThhmmss` tags of
//! backup file names. Pure functions: no clock, no host time zone.

/// The session time zone of every simulated session: OceanBase's default `+08:00`, fixed (no
/// DST), so rendering never depends on the host (reference §1.11: `1970-01-01 08:00:00`).
const SESSION_TZ_OFFSET_MICROS: i128 = 8 * 3_600 * 1_000_000;
const MICROS_PER_DAY: i128 = 86_400 * 1_000_000;

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
/// Howard Hinnant's `civil_from_days`; exact for every `i64` day count the callers can produce
/// (|days| < 2^40), including dates before 1970 and before year 0.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based month
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in small ranges by construction, so the conversions cannot fail.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// (year, month, day) → days since 1970-01-01; the inverse of [`civil_from_days`].
/// `month` must be 1..=12 and `day` 1..=31 (callers validate first).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11]
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Renders Unix microseconds in the session time zone (+08:00) as `YYYY-MM-DD HH:MM:SS.ffffff`
/// (`frac`) or `YYYY-MM-DD HH:MM:SS`. Total over `i64`: the arithmetic runs in `i128`, so the
/// extremes (about ±292,000 years) render instead of overflowing; years before 1 print with a
/// leading `-` (astronomical numbering), which no real OceanBase value reaches.
pub fn format_datetime(micros: i64, frac: bool) -> String {
    let local = i128::from(micros) + SESSION_TZ_OFFSET_MICROS;
    let days = local.div_euclid(MICROS_PER_DAY);
    let in_day = local.rem_euclid(MICROS_PER_DAY); // [0, MICROS_PER_DAY)
    // |days| <= 2^63 / 8.64e10 < 2^37, so it always fits.
    let (year, month, day) = civil_from_days(i64::try_from(days).unwrap_or(0));
    let secs_of_day = in_day / 1_000_000;
    let (hour, minute, second) = (secs_of_day / 3_600, secs_of_day / 60 % 60, secs_of_day % 60);
    let fraction = in_day % 1_000_000;
    let date = if year < 0 {
        format!("-{:04}-{month:02}-{day:02}", year.unsigned_abs())
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    };
    if frac {
        format!("{date} {hour:02}:{minute:02}:{second:02}.{fraction:06}")
    } else {
        format!("{date} {hour:02}:{minute:02}:{second:02}")
    }
}

/// Parses `YYYY-MM-DD HH:MM:SS[.f{1,6}]` or `YYYY-MM-DD` (surrounding ASCII whitespace
/// ignored) as a time in the session zone (+08:00) and returns Unix microseconds. Every field
/// is range-checked (month 1-12, day within the month including 29 February of leap years,
/// hour 0-23, minute and second 0-59); anything else is `None`. A fraction shorter than six
/// digits is scaled (`.5` is 500000 µs), as MySQL reads it.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    // Reads `len` ASCII digits at `at` as a number; None if any byte is not a digit.
    let digits = |at: usize, len: usize| -> Option<u32> {
        let field = b.get(at..at.checked_add(len)?)?;
        field.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let sep = |at: usize, want: u8| b.get(at) == Some(&want);

    let year = i64::from(digits(0, 4)?);
    if !(sep(4, b'-') && sep(7, b'-')) {
        return None;
    }
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (hour, minute, second, micros) = match b.len() {
        10 => (0, 0, 0, 0),
        _ => {
            if !(sep(10, b' ') && sep(13, b':') && sep(16, b':')) {
                return None;
            }
            let (h, mi, se) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
            let frac = match b.len() {
                19 => 0,
                n if (21..=26).contains(&n) && sep(19, b'.') => {
                    let len = n - 20;
                    // len is 1..=6, so the scale factor is at most 10^5.
                    digits(20, len)? * 10u32.pow(u32::try_from(6 - len).ok()?)
                }
                _ => return None,
            };
            (h, mi, se, frac)
        }
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second);
    // Years 0..=9999 keep this far inside i64, so plain arithmetic cannot overflow.
    Some(secs * 1_000_000 + i64::from(micros) - 8 * 3_600 * 1_000_000)
}

/// `YYYYMMDDThhmmss` in the session time zone (+08:00), as backup file names use.
pub fn time_tag(micros: u64) -> String {
    let s = format_datetime(i64::try_from(micros).unwrap_or(i64::MAX), false);
    // "2024-05-09 17:50:00" -> "20240509T175000"
    s.chars()
        .filter_map(|c| match c {
            '-' | ':' => None,
            ' ' => Some('T'),
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2024-02-29 00:00:00 +08:00 (a leap day), computed independently:
    /// 19782 days from 1970-01-01 to 2024-02-29, minus the 8 h zone offset.
    const LEAP_DAY_2024: i64 = (19_782 * 86_400 - 8 * 3_600) * 1_000_000;

    #[test]
    fn epoch_renders_in_plus_eight() {
        assert_eq!(format_datetime(0, false), "1970-01-01 08:00:00");
        assert_eq!(format_datetime(0, true), "1970-01-01 08:00:00.000000");
        assert_eq!(format_datetime(1, true), "1970-01-01 08:00:00.000001");
    }

    #[test]
    fn known_instants_render() {
        assert_eq!(format_datetime(LEAP_DAY_2024, false), "2024-02-29 00:00:00");
        assert_eq!(
            format_datetime(LEAP_DAY_2024 - 1, true),
            "2024-02-28 23:59:59.999999"
        );
        // 2023-11-11 15:04:23.825558 +08:00 = 1699686263.825558 UTC seconds.
        assert_eq!(
            format_datetime(1_699_686_263_825_558, true),
            "2023-11-11 15:04:23.825558"
        );
    }

    #[test]
    fn values_before_1970_render() {
        // One microsecond before the epoch is still 07:59:59.999999 on 1 January in +08:00.
        assert_eq!(format_datetime(-1, true), "1970-01-01 07:59:59.999999");
        // 8 h 1 µs before the epoch crosses into the previous day and year.
        assert_eq!(
            format_datetime(-28_800_000_001, true),
            "1969-12-31 23:59:59.999999"
        );
        // 1900-03-01 00:00:00 +08:00: 1900 is not a leap year.
        let t = parse_datetime("1900-03-01 00:00:00").unwrap();
        assert_eq!(
            format_datetime(t - 86_400_000_000, false),
            "1900-02-28 00:00:00"
        );
    }

    #[test]
    fn extremes_never_panic() {
        for v in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            let s = format_datetime(v, true);
            assert!(s.len() >= 26, "{s}");
        }
        assert!(format_datetime(i64::MAX, false).starts_with("294247-01-10 12:00:54"));
        assert!(format_datetime(i64::MIN, false).starts_with("-290308-12-22"));
    }

    #[test]
    fn parse_round_trips() {
        for s in [
            "1970-01-01 08:00:00.000000",
            "2000-02-29 12:34:56.000001",
            "2024-02-29 23:59:59.999999",
            "1969-12-31 23:59:59.500000",
            "1900-01-01 00:00:00.000000",
            "0001-01-01 00:00:00.000000",
            "9999-12-31 23:59:59.999999",
        ] {
            let micros = parse_datetime(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(format_datetime(micros, true), s);
        }
        assert_eq!(parse_datetime("2024-02-29 00:00:00"), Some(LEAP_DAY_2024));
        assert_eq!(parse_datetime("2024-02-29"), Some(LEAP_DAY_2024));
        assert_eq!(parse_datetime("  2024-02-29  "), Some(LEAP_DAY_2024));
        assert_eq!(parse_datetime("1970-01-01 08:00:00"), Some(0));
        assert_eq!(parse_datetime("1970-01-01 07:59:59.999999"), Some(-1));
    }

    #[test]
    fn parse_scales_short_fractions() {
        let base = parse_datetime("2023-11-11 15:04:23").unwrap();
        assert_eq!(
            parse_datetime("2023-11-11 15:04:23.5"),
            Some(base + 500_000)
        );
        assert_eq!(
            parse_datetime("2023-11-11 15:04:23.82"),
            Some(base + 820_000)
        );
        assert_eq!(
            parse_datetime("2023-11-11 15:04:23.825558"),
            Some(base + 825_558)
        );
    }

    #[test]
    fn parse_rejects_invalid_input() {
        for s in [
            "",
            "2024",
            "2023-02-29",
            "1900-02-29",
            "2024-02-30",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-01-01 24:00:00",
            "2024-01-01 23:60:00",
            "2024-01-01 23:59:60",
            "2024-01-01 23:59:59.",
            "2024-01-01 23:59:59.1234567",
            "2024-01-01T23:59:59",
            "2024/01/01",
            "2024-1-01",
            "2024-01-01 1:00:00",
            "+024-01-01",
            "２０２４-01-01",
            "2024-01-01 12:00:00.12ä",
            "2024-01-01 12:00:00 x",
        ] {
            assert_eq!(parse_datetime(s), None, "{s:?}");
        }
        assert!(
            parse_datetime("2000-02-29").is_some(),
            "2000 is a leap year"
        );
    }

    #[test]
    fn time_tags_are_compact_local_times() {
        assert_eq!(time_tag(crate::sim::EPOCH_MICROS), "20240509T175000");
    }
}
