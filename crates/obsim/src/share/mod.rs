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
//!           fault   (only if flagged) u8 kind × 2 + flag, then its fields (kind 4, the
//!                   workload control, came with log version 2: older readers refuse it)
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

use crate::session_log::{
    ClusterOptions, Command, Fault, SESSION_LOG_VERSION, SessionLog, reads_version,
};
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
    // The word of each code, looked up once rather than searched for at every byte.
    let mut words: [Option<&str>; 256] = [None; 256];
    for (code, w) in word_codes().zip(WORDS) {
        words[usize::from(code)] = Some(w);
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == ESCAPE {
            match bytes.get(i + 1) {
                Some(&e) if e < 0x80 => out.push(char::from(e)),
                _ => return Err("a bad escape in a statement".into()),
            }
            i += 2;
        } else if let Some(w) = words[usize::from(b)] {
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
        Fault::Workload { rate } => {
            out.push(8);
            put_varint(out, u64::from(*rate));
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
        4 if !flag => Fault::Workload {
            rate: u32::try_from(r.varint()?).unwrap_or(u32::MAX),
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
    if !reads_version(version) {
        return Err(format!(
            "it holds a session of version {version}; this version reads 1 to {SESSION_LOG_VERSION}"
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
mod tests;
