//! `utf8mb4_general_ci`, OceanBase's default collation: character weights, string order with
//! PAD SPACE, and `LIKE` patterns matched by weight.
//!
//! Invariant: every case- and accent-insensitive comparison of the evaluator (`=` and `<` on
//! strings, ORDER BY, GROUP BY and DISTINCT keys, LIKE) weighs characters with [`fold_char`],
//! so they always agree on which strings are equal. LIKE matching is linear in memory and
//! never exponential in time.

use std::cmp::Ordering;

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
pub(super) fn fold_char(c: char) -> u32 {
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
pub(super) fn collate_cmp(a: &str, b: &str) -> Ordering {
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

/// A `LIKE` pattern, pre-split so matching never re-parses escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PatTok {
    /// A literal character's collation weight.
    Lit(u32),
    /// `_`
    One,
    /// `%` (runs of `%` are collapsed into one)
    Many,
}

/// Splits a LIKE pattern: `%`, `_`, and `\` escaping the next character (a trailing `\` is a
/// literal backslash, as in MySQL).
pub(super) fn compile_like(pattern: &str) -> Vec<PatTok> {
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
pub(super) fn like_match(text: &str, pattern: &[PatTok]) -> bool {
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
