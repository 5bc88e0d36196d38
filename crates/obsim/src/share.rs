//! Share links: a `SessionLog` as compact, URL-fragment-safe text (`#s=<payload>`).
//!
//! No general-purpose compressor: session logs are short SQL texts full of the same OceanBase
//! words, so a fixed dictionary does most of the work and keeps the code (and the wasm) small.
//!
//! Format 1, before base64url (RFC 4648 §5, no padding):
//!
//! ```text
//! u8      format (1)
//! varint  log version
//! varint  seed
//! varint  scenario length, scenario bytes (UTF-8)
//! varint  number of commands, then per command:
//!           varint  zigzag(at − previous at)      (the first relative to sim::EPOCH_MICROS)
//!           varint  packed text length × 2 + (1 if the command is a fault)
//!           bytes   packed text
//!           fault   (only if flagged) u8 kind × 2 + flag, then its fields
//! varint  zigzag(end_at − last at)
//! u16     checksum (CRC-16/CCITT-FALSE of everything before, little endian)
//! ```
//!
//! Packed text is UTF-8 in which some bytes stand for dictionary words ([`WORDS`]): bytes that
//! can never start a UTF-8 character (continuation bytes 0x80–0xBF and the never-used 0xC0,
//! 0xC1, 0xF5–0xFF), then the control bytes other than tab, newline and carriage return. A
//! control byte typed by the user is escaped with 0x00. The dictionary is part of the format:
//! changing it needs a new format number (the test `format_1_is_stable` guards it).
//!
//! Decoding never panics: bad base64, a wrong format, a cut-off payload, a bad checksum,
//! invalid UTF-8, an unknown scenario or a session outside `limits` are errors. Messages say
//! "it", not "the link": the browser's save uses the same encoding, and the caller names which
//! of the two could not be read.

use crate::cluster::ClusterOptions;
use crate::shell::{Command, Fault, SESSION_LOG_VERSION, SessionLog};
use crate::sim::{EPOCH_MICROS, Micros};

/// The format number written first in every payload.
pub const FORMAT: u8 = 1;

/// The key of the share payload in the URL fragment: `#s=<payload>`.
pub const FRAGMENT_KEY: &str = "s";

/// The dictionary of format 1: frequent words of the seed docs' statements and views. Longest
/// match wins when packing, so overlapping words are fine. Never reorder or edit: append only
/// in a new format.
pub const WORDS: &[&str] = &[
    "ALTER SYSTEM SET ",
    "ALTER SYSTEM ",
    "BACKUP ",
    "DATABASE",
    "INCREMENTAL ",
    "PLUS ARCHIVELOG",
    "ARCHIVELOG",
    " TENANT = ",
    "TENANT = ",
    "CANCEL ",
    "LOG_ARCHIVE_DEST",
    "DATA_BACKUP_DEST",
    " = 'LOCATION=file:///",
    "'LOCATION=file:///",
    " = 'file:///",
    "'file:///",
    "file:///",
    "SELECT * FROM ",
    "SELECT ",
    " FROM ",
    " WHERE ",
    " ORDER BY ",
    " LIMIT ",
    "SLEEP(",
    "CDB_OB_",
    "DBA_OB_",
    "BACKUP_JOB",
    "_HISTORY",
    "BACKUP_TASK",
    "BACKUP_SET_FILES",
    "ARCHIVELOG_PIECE_FILES",
    "ARCHIVELOG_SUMMARY",
    "ARCHIVE_DEST",
    "BACKUP_PARAMETER",
    "mysql_tenant",
    "oracle_tenant",
    "connect root@",
    "connect SYS@",
    "obclient -h127.0.0.1 -P2881 -u",
    "TENANT_ID",
    "JOB_ID",
    "BACKUP_SET_ID",
    "TASK_ID",
    "STATUS",
    "RESULT",
    "BACKUP_TYPE",
    "JOB_LEVEL",
    "ENCRYPTION",
    "MACRO_BLOCK_COUNT",
    "FINISH_",
    "_TIMESTAMP",
    "START_",
    "END_",
    "COMMENT",
    "DESCRIPTION",
    "PATH",
    "DEST_ID",
    "ROUND_ID",
    "PIECE_ID",
    "INITIATOR_",
    "EXECUTOR_",
    "PREV_",
    "FULL_",
    "SET ENCRYPTION ON IDENTIFIED BY '",
    "' ONLY",
    "SET DECRYPTION IDENTIFIED BY '",
    "RESTORE ",
    "UNTIL ",
    "ha_low_thread_score",
    "log_archive_",
    "PARAMETER",
    "SHOW ",
    "CREATE TABLE ",
    "CREATE DATABASE ",
    "INSERT INTO ",
    " VALUES (",
    "UPDATE ",
    "DELETE FROM ",
    " SET ",
    " PRIMARY KEY",
    " INT",
    "VARCHAR(",
    "DECIMAL(",
    "backup",
    "archive",
    "data/",
    "COUNT(*)",
    "TENANT_NAME",
    "LOG_MODE",
    "PASSWD",
    "SYSTEM",
    "TENANT",
    "INPUT_BYTES",
    "OUTPUT_BYTES",
    "FILE_COUNT",
    "_SCN",
    "RESTORE_",
    "), (",
    "', '",
    "');",
    "';",
    ", ",
];

/// Bytes that stand for dictionary words, in dictionary order.
fn word_codes() -> impl Iterator<Item = u8> {
    (0x80..=0xC1u8)
        .chain(0xF5..=0xFF)
        .chain((0x01..=0x1F).filter(|b| !matches!(b, b'\t' | b'\n' | b'\r')))
        .chain(std::iter::once(0x7F))
}

/// Escapes the next byte (a control byte the user typed that would read as a word).
const ESCAPE: u8 = 0x00;

fn word_of(code: u8) -> Option<&'static str> {
    static BY_CODE: std::sync::OnceLock<Vec<Option<&'static str>>> = std::sync::OnceLock::new();
    let table = BY_CODE.get_or_init(|| {
        let mut t = vec![None; 256];
        for (c, w) in word_codes().zip(WORDS) {
            if let Some(slot) = t.get_mut(usize::from(c)) {
                *slot = Some(*w);
            }
        }
        t
    });
    table.get(usize::from(code)).copied().flatten()
}

/// A byte the packer must escape when it stands for itself.
fn needs_escape(b: u8) -> bool {
    // Word codes below 0x80 are control bytes and DEL: printable text skips the lookup.
    b == ESCAPE || ((b < 0x20 || b == 0x7F) && word_of(b).is_some())
}

/// The dictionary's words (with their codes) grouped by first byte, so packing compares a
/// position only with the few words that can start there (comparing every word made packing
/// a megabyte statement take half a second).
fn words_by_first_byte() -> &'static [Vec<(u8, &'static str)>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<(u8, &'static str)>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); 256];
        for (code, w) in word_codes().zip(WORDS) {
            if let Some(slot) = w.bytes().next().and_then(|b| table.get_mut(usize::from(b))) {
                slot.push((code, *w));
            }
        }
        table
    })
}

/// Packs text: dictionary words become one byte each; everything else stays UTF-8.
pub fn pack(text: &str) -> Vec<u8> {
    let table = words_by_first_byte();
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let candidates = rest
            .bytes()
            .next()
            .and_then(|b| table.get(usize::from(b)))
            .map_or(&[][..], Vec::as_slice);
        let best = candidates
            .iter()
            .filter(|(_, w)| rest.starts_with(*w))
            .max_by_key(|(_, w)| w.len());
        if let Some(&(code, w)) = best {
            out.push(code);
            rest = rest.get(w.len()..).unwrap_or("");
            continue;
        }
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        if let [b] = bytes
            && needs_escape(*b)
        {
            out.push(ESCAPE);
        }
        out.extend_from_slice(bytes);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// The inverse of [`pack`].
pub fn unpack(bytes: &[u8]) -> Result<String, String> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == ESCAPE {
            match bytes.get(i + 1) {
                Some(&e) if e < 0x80 => out.push(char::from(e)),
                _ => return Err("a bad escape in a statement".into()),
            }
            i += 2;
        } else if let Some(w) = word_of(b) {
            out.push_str(w);
            i += 1;
        } else if b < 0x80 {
            out.push(char::from(b));
            i += 1;
        } else {
            let len = match b {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return Err("an unknown dictionary code in a statement".into()),
            };
            let ch = bytes
                .get(i..i + len)
                .and_then(|s| std::str::from_utf8(s).ok())
                .ok_or("invalid UTF-8 in a statement")?;
            out.push_str(ch);
            i += len;
        }
    }
    Ok(out)
}

// --- base64url -------------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64_char(v: u32) -> char {
    char::from(B64.get((v & 63) as usize).copied().unwrap_or(b'A'))
}

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        let chars = chunk.len() + 1;
        for k in 0..chars {
            out.push(b64_char(n >> (18 - 6 * k)));
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes base64url (padding `=` accepted and ignored).
pub fn from_base64url(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return Err("it is cut off".into());
        }
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            let v = b64_value(c).ok_or("it has characters that do not belong in it")?;
            n |= v << (18 - 6 * k);
        }
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Ok(out)
}

// --- bytes -----------------------------------------------------------------------------------

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(from: Micros, to: Micros) -> u64 {
    let d = to.wrapping_sub(from) as i64;
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(from: Micros, z: u64) -> Micros {
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    from.wrapping_add(d as u64)
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// CRC-16/CCITT-FALSE: catches every single-bit error and every burst of up to 16 bits.
fn checksum(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

const CUT: &str = "it is cut off";

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = self.bytes.get(self.at).copied().ok_or(CUT)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number in it is too long".into())
    }

    fn take(&mut self, len: u64) -> Result<&[u8], String> {
        let len = usize::try_from(len).map_err(|_| CUT)?;
        let end = self.at.checked_add(len).ok_or(CUT)?;
        let s = self.bytes.get(self.at..end).ok_or(CUT)?;
        self.at = end;
        Ok(s)
    }

    fn text(&mut self, len: u64) -> Result<String, String> {
        unpack(self.take(len)?)
    }

    fn packed(&mut self) -> Result<String, String> {
        let len = self.varint()?;
        self.text(len)
    }
}

// --- faults ----------------------------------------------------------------------------------

fn put_fault(out: &mut Vec<u8>, fault: &Fault) {
    match fault {
        Fault::ServerActive { index, active } => {
            out.push(u8::from(*active));
            put_varint(out, *index as u64);
        }
        Fault::DestUnreachable { path, on } => {
            out.push(2 | u8::from(*on));
            put_bytes(out, &pack(path));
        }
        Fault::DestFull { path, on } => {
            out.push(4 | u8::from(*on));
            put_bytes(out, &pack(path));
        }
        Fault::InterruptArchive { tenant_id } => {
            out.push(6);
            put_varint(out, *tenant_id);
        }
    }
}

fn read_fault(r: &mut Reader) -> Result<Fault, String> {
    let tag = r.byte()?;
    let flag = tag & 1 == 1;
    Ok(match tag >> 1 {
        0 => Fault::ServerActive {
            index: usize::try_from(r.varint()?).map_err(|_| "a server number is too large")?,
            active: flag,
        },
        1 => Fault::DestUnreachable {
            path: r.packed()?,
            on: flag,
        },
        2 => Fault::DestFull {
            path: r.packed()?,
            on: flag,
        },
        3 if !flag => Fault::InterruptArchive {
            tenant_id: r.varint()?,
        },
        _ => return Err("it holds an unknown fault".into()),
    })
}

// --- the payload -----------------------------------------------------------------------------

/// The payload of a share link for `log` (URL-fragment safe), or why it cannot be shared (a
/// session outside `limits`).
pub fn encode(log: &SessionLog) -> Result<String, String> {
    Ok(base64url(&encode_bytes(log)?))
}

/// The session log as bytes (what a link carries before base64url; the browser's save packs
/// the same bytes more densely).
pub fn encode_bytes(log: &SessionLog) -> Result<Vec<u8>, String> {
    crate::limits::check_log(log)?;
    Ok(write_log(log))
}

fn write_log(log: &SessionLog) -> Vec<u8> {
    let mut out = vec![FORMAT];
    put_varint(&mut out, u64::from(log.version));
    put_varint(&mut out, log.seed);
    put_bytes(&mut out, log.scenario.as_bytes());
    put_varint(&mut out, log.commands.len() as u64);
    let mut prev = EPOCH_MICROS;
    for c in &log.commands {
        put_varint(&mut out, zigzag(prev, c.at));
        prev = c.at;
        let text = pack(&c.text);
        put_varint(
            &mut out,
            ((text.len() as u64) << 1) | u64::from(c.fault.is_some()),
        );
        out.extend_from_slice(&text);
        if let Some(f) = &c.fault {
            put_fault(&mut out, f);
        }
    }
    put_varint(&mut out, zigzag(prev, log.end_at));
    // Cluster options only when they differ from the defaults: a link without them reads as
    // it did before options existed.
    if let Some(o) = &log.options {
        put_varint(&mut out, u64::from(o.macro_blocks_per_tenant));
        put_varint(&mut out, u64::from(o.workload_rate));
    }
    out.extend_from_slice(&checksum(&out).to_le_bytes());
    out
}

/// The session log of a share payload; every kind of damage, and a session outside `limits`,
/// is an error.
pub fn decode(payload: &str) -> Result<SessionLog, String> {
    decode_bytes(&from_base64url(payload)?)
}

/// [`decode`] of the bytes [`encode_bytes`] wrote.
pub fn decode_bytes(bytes: &[u8]) -> Result<SessionLog, String> {
    let (body, sum) = match bytes.len().checked_sub(2) {
        Some(n) => bytes.split_at(n),
        None => return Err(CUT.into()),
    };
    let format = body.first().copied().ok_or(CUT)?;
    if format != FORMAT {
        return Err(format!(
            "it has format {format}; this version of obplay reads format {FORMAT}"
        ));
    }
    if checksum(body).to_le_bytes() != sum {
        return Err("it is damaged or cut off (its checksum does not match)".into());
    }
    let mut r = Reader { bytes: body, at: 1 };
    let version = u32::try_from(r.varint()?).unwrap_or(u32::MAX);
    if version != SESSION_LOG_VERSION {
        return Err(format!(
            "it holds a session of version {version}; this version reads {SESSION_LOG_VERSION}"
        ));
    }
    let seed = r.varint()?;
    let len = r.varint()?;
    let scenario = std::str::from_utf8(r.take(len)?)
        .map_err(|_| "its scenario is not text")?
        .to_string();
    crate::scenario::find(&scenario)?;
    let count = r.varint()?;
    let mut commands = Vec::new();
    let mut prev = EPOCH_MICROS;
    for _ in 0..count {
        let at = unzigzag(prev, r.varint()?);
        if at < prev {
            return Err("its statements are out of order".into());
        }
        prev = at;
        let head = r.varint()?;
        let text = r.text(head >> 1)?;
        let fault = if head & 1 == 1 {
            Some(read_fault(&mut r)?)
        } else {
            None
        };
        commands.push(Command { at, text, fault });
    }
    let end_at = unzigzag(prev, r.varint()?);
    if end_at < prev {
        return Err("its statements are out of order".into());
    }
    let options = if r.at == body.len() {
        None
    } else {
        let blocks = u32::try_from(r.varint()?).map_err(|_| CUT)?;
        let workload = u32::try_from(r.varint()?).map_err(|_| CUT)?;
        Some(ClusterOptions {
            macro_blocks_per_tenant: blocks,
            workload_rate: workload,
        })
    };
    if r.at != body.len() {
        return Err("it has bytes after the session".into());
    }
    let log = SessionLog {
        version,
        seed,
        scenario,
        commands,
        end_at,
        options,
    };
    crate::limits::check_log(&log)?;
    Ok(log)
}

/// The URL fragment (with `#`) that carries `log`.
pub fn fragment(log: &SessionLog) -> Result<String, String> {
    Ok(format!("#{FRAGMENT_KEY}={}", encode(log)?))
}

/// The shared session in a URL fragment (`#s=...`, with or without the `#`; other `&`-separated
/// keys are ignored): `None` when the fragment carries none.
pub fn from_fragment(fragment: &str) -> Option<Result<SessionLog, String>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|kv| kv.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
        .map(decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packer as first written (every word tried at every position): the indexed one must
    /// give the same bytes, since links already shared must keep opening.
    fn pack_reference(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let best = word_codes()
                .zip(WORDS)
                .filter(|(_, w)| rest.starts_with(**w))
                .max_by_key(|(_, w)| w.len());
            if let Some((code, w)) = best {
                out.push(code);
                rest = &rest[w.len()..];
                continue;
            }
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if let [b] = bytes
                && (*b == ESCAPE || (*b < 0x80 && word_of(*b).is_some()))
            {
                out.push(ESCAPE);
            }
            out.extend_from_slice(bytes);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    #[test]
    fn indexed_packing_gives_the_bytes_of_the_reference_packer() {
        let mut texts: Vec<String> = WORDS.iter().map(|w| format!("{w}{w}x")).collect();
        texts.push("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup' TENANT = mysql_tenant;\n\u{1}\u{7f}\0\t日本 é".into());
        texts.push((0u8..=127).map(char::from).collect());
        texts.push("INSERT INTO t VALUES (1, 'a'), (2, 'b');".repeat(50));
        for t in &texts {
            assert_eq!(pack(t), pack_reference(t), "{t:?}");
            assert_eq!(unpack(&pack(t)).as_deref(), Ok(t.as_str()));
        }
    }
    use crate::shell::Shell;
    use crate::sim::SECOND;

    fn log_of(commands: Vec<Command>) -> SessionLog {
        let end_at = commands.last().map_or(EPOCH_MICROS, |c| c.at) + 5 * SECOND;
        SessionLog {
            version: SESSION_LOG_VERSION,
            seed: 42,
            scenario: "ready".into(),
            commands,
            end_at,
            options: None,
        }
    }

    fn typed(at_s: u64, text: &str) -> Command {
        Command {
            at: EPOCH_MICROS + at_s * SECOND + 123_457,
            text: text.into(),
            fault: None,
        }
    }

    #[test]
    fn the_dictionary_is_ascii_and_every_word_has_a_code() {
        assert!(WORDS.iter().all(|w| w.is_ascii() && !w.is_empty()));
        assert!(WORDS.len() <= word_codes().count());
        let codes: Vec<u8> = word_codes().collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len(), "codes are distinct");
        assert!(!codes.contains(&ESCAPE));
        for w in WORDS {
            assert_eq!(WORDS.iter().filter(|x| *x == w).count(), 1, "{w} twice");
        }
    }

    #[test]
    fn text_round_trips_with_quotes_backslashes_newlines_and_non_ascii() {
        for text in [
            "",
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup' TENANT = mysql_tenant;",
            "SELECT 'it''s', \"dq\", `bt`, 'a\\'b\\\\c';",
            "SELECT 1;\nSELECT\n  2\\G",
            "INSERT INTO t VALUES ('日本語', 'Ünïcödé', '🦀', 'é');",
            "tab\there\r\nand control \u{1} \u{0} \u{7f} \u{1f} bytes",
            "\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            assert_eq!(unpack(&pack(text)).unwrap(), text, "{text:?}");
        }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..data.len() {
            let s = base64url(&data[..n]);
            assert!(
                s.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
            );
            assert_eq!(from_base64url(&s).unwrap(), &data[..n]);
        }
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn a_session_round_trips_with_faults_multi_line_statements_and_quotes() {
        let mut commands = vec![
            typed(1, "connect root@mysql_tenant"),
            typed(
                2,
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = \"LOCATION=file:///data/1/example_archive\";",
            ),
            typed(
                3,
                "SELECT 'a;b',\n  'it''s \\'quoted\\'',\n  '路径' FROM DUAL;",
            ),
            typed(4, "INSERT INTO shop.t VALUES ('C:\\\\dir\\\\x', 'ça va');"),
        ];
        for (i, fault) in [
            Fault::ServerActive {
                index: 2,
                active: false,
            },
            Fault::DestUnreachable {
                path: "file:///data/backup/data/mysql_tenant".into(),
                on: true,
            },
            Fault::DestFull {
                path: "file:///ü/x".into(),
                on: false,
            },
            Fault::InterruptArchive { tenant_id: 1004 },
        ]
        .into_iter()
        .enumerate()
        {
            commands.push(Command {
                at: EPOCH_MICROS + (10 + i as u64) * SECOND,
                text: String::new(),
                fault: Some(fault),
            });
        }
        commands.push(typed(20, "SELECT * FROM DBA_OB_BACKUP_JOBS\\G"));
        let log = log_of(commands);
        let payload = encode(&log).unwrap();
        assert_eq!(decode(&payload).unwrap(), log);
        assert_eq!(
            from_fragment(&fragment(&log).unwrap()).unwrap().unwrap(),
            log,
            "from the whole fragment"
        );
        assert!(from_fragment("#x=1&y=2").is_none());
        assert_eq!(
            from_fragment(&format!("#x=1&s={payload}"))
                .unwrap()
                .unwrap(),
            log
        );
    }

    #[test]
    fn format_1_is_stable() {
        let log = log_of(vec![typed(1, "ALTER SYSTEM ARCHIVELOG;")]);
        assert_eq!(encode(&log).unwrap(), "AQEqBXJlYWR5AYKSiQEGgYY7gK3iBH6F");
        assert_eq!(decode("AQEqBXJlYWR5AYKSiQEGgYY7gK3iBH6F").unwrap(), log);
    }

    /// 30 statements of the seed docs (as `tests/sql` has them), run through a shell so the
    /// times are what a real session logs.
    #[test]
    fn a_30_statement_session_fits_a_2000_character_url() {
        let script = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
SELECT TENANT_ID, DEST_ID, ROUND_ID, STATUS FROM CDB_OB_ARCHIVELOG;
SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY;
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(3);
SELECT TENANT_ID, JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, EXECUTOR_TENANT_ID, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;
SELECT TENANT_ID, TASK_ID, BACKUP_SET_ID, STATUS, MACRO_BLOCK_COUNT FROM CDB_OB_BACKUP_TASKS;
SELECT SLEEP(150);
SELECT * FROM CDB_OB_BACKUP_JOBS;
SELECT TENANT_ID, JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, PASSWD, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID, JOB_ID;
SELECT TENANT_ID, BACKUP_SET_ID, DEST_ID, BACKUP_TYPE, STATUS, FILE_STATUS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, PATH FROM CDB_OB_BACKUP_SET_FILES;
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(120);
SELECT JOB_ID, BACKUP_SET_ID, EXECUTOR_TENANT_ID, JOB_LEVEL, STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY;
obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p
ALTER SYSTEM BACKUP INCREMENTAL DATABASE;
SELECT * FROM DBA_OB_BACKUP_JOBS\\G
SELECT SLEEP(60);
SELECT JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, EXECUTOR_TENANT_ID, PLUS_ARCHIVELOG, BACKUP_TYPE, JOB_LEVEL, ENCRYPTION_MODE, PASSWD, STATUS, RESULT, COMMENT, DESCRIPTION, PATH FROM DBA_OB_BACKUP_JOB_HISTORY;
SELECT TASK_ID, STATUS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, LOG_FILE_COUNT, FINISH_LOG_FILE_COUNT FROM DBA_OB_BACKUP_TASK_HISTORY;
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM CANCEL BACKUP;
ALTER SYSTEM NOARCHIVELOG;
SELECT TENANT_NAME, LOG_MODE FROM DBA_OB_TENANTS;
";
        let mut shell = Shell::new(42);
        for line in script.lines() {
            shell.run(&format!("{line}\n"));
            shell.cluster.advance(1_234_567);
        }
        let log = shell.log();
        assert_eq!(log.commands.len(), 30);
        let raw: usize = log.commands.iter().map(|c| c.text.len()).sum();
        let url = format!(
            "https://docs.example.com/obplay/{}",
            fragment(&log).unwrap()
        );
        assert!(url.len() < 2000, "{} characters", url.len());
        assert!(
            url.len() * 2 < raw,
            "{} characters for {raw} bytes of SQL",
            url.len()
        );
        assert_eq!(decode(&encode(&log).unwrap()).unwrap(), log);
    }

    #[test]
    fn damaged_payloads_are_errors() {
        let log = log_of(vec![
            typed(1, "ALTER SYSTEM ARCHIVELOG;"),
            typed(9, "SELECT 'x';"),
        ]);
        let good = encode(&log).unwrap();
        let err = |p: &str| decode(p).err().unwrap_or_default();
        assert!(err("").contains("cut off"));
        assert!(err("A").contains("cut off"));
        assert!(err("a b").contains("characters"));
        assert!(
            err(&good[..good.len() - 3]).contains("cut off"),
            "{}",
            err(&good[..good.len() - 3])
        );
        let mut flipped = good.clone().into_bytes();
        flipped[8] = if flipped[8] == b'A' { b'B' } else { b'A' };
        assert!(err(&String::from_utf8(flipped).unwrap()).contains("checksum"));
        let mut v2 = from_base64url(&good).unwrap();
        v2[0] = 2;
        assert!(err(&base64url(&v2)).contains("format 2"));
        // A well-formed payload of an unknown scenario, or outside the limits.
        let raw = |l: &SessionLog| base64url(&write_log(l));
        let mut other = log.clone();
        other.scenario = "nosuch".into();
        assert!(err(&raw(&other)).contains("unknown scenario"));
        let mut long = log.clone();
        long.end_at = crate::limits::horizon() + 1;
        assert!(encode(&long).err().unwrap_or_default().contains("90 days"));
        assert!(err(&raw(&long)).contains("90 days"));
        let mut heavy = log.clone();
        heavy.options = Some(ClusterOptions {
            macro_blocks_per_tenant: 4096,
            workload_rate: 4_000_000_000,
        });
        let link = raw(&heavy);
        assert!(link.len() < 60, "a short link: {link}");
        assert!(err(&link).contains("4000000000 writes a second"));
        let mut backwards = log;
        backwards.commands[1].at = EPOCH_MICROS;
        assert!(err(&raw(&backwards)).contains("out of order"));
    }
}
