//! User data of a tenant: databases, tables and rows, for the SQL layer's DDL and DML.
//!
//! Each table lives in one of the tenant's user tablets, and each row in one macroblock of it
//! (chosen by a hash of its primary key), so every write says which macroblocks it changed and
//! the next incremental backup carries exactly those. Every change is also logged with its SCN
//! so a restore can rebuild the rows as of any SCN.

use crate::calendar::parse_datetime;
use crate::error::{ObError, ObResult};
use crate::value::{ColType, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserColumn {
    pub name: String,
    pub ty: ColType,
    pub not_null: bool,
    pub default: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<UserColumn>,
    /// Indexes of the primary-key columns (empty: a hidden auto-increment key).
    pub primary_key: Vec<usize>,
    pub tablet_id: u64,
    /// Rows by their order-preserving key encoding: scans come out in primary-key order.
    /// (Stored as a list of pairs: JSON maps need string keys.)
    #[serde(with = "pairs")]
    pub rows: BTreeMap<Vec<u8>, Vec<Value>>,
    next_hidden_key: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Database {
    pub name: String,
    /// By lower-cased name.
    pub tables: BTreeMap<String, Table>,
}

/// One logged change, replayed by `as_of`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataOp {
    CreateDatabase(String),
    DropDatabase(String),
    CreateTable {
        db: String,
        table: Table,
    },
    DropTable {
        db: String,
        table: String,
    },
    Truncate {
        db: String,
        table: String,
    },
    Put {
        db: String,
        table: String,
        key: Vec<u8>,
        row: Vec<Value>,
    },
    Delete {
        db: String,
        table: String,
        key: Vec<u8>,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserData {
    /// By lower-cased name.
    pub databases: BTreeMap<String, Database>,
    pub log: Vec<(u64, DataOp)>,
    /// How many tables were ever created (picks the next tablet).
    pub tables_created: u64,
}

/// Databases every MySQL tenant has; they cannot be dropped.
pub const BUILTIN_DATABASES: [&str; 4] = ["information_schema", "mysql", "oceanbase", "test"];

impl UserData {
    pub fn new_mysql() -> UserData {
        let mut d = UserData::default();
        for name in BUILTIN_DATABASES {
            d.databases.insert(
                name.into(),
                Database {
                    name: name.into(),
                    tables: BTreeMap::new(),
                },
            );
        }
        d
    }

    pub fn for_mode(mode: crate::compat::CompatMode) -> UserData {
        match mode {
            crate::compat::CompatMode::MySql => UserData::new_mysql(),
            crate::compat::CompatMode::Oracle => UserData::new_oracle(),
        }
    }

    pub fn new_oracle() -> UserData {
        let mut d = UserData::default();
        d.databases.insert(
            "sys".into(),
            Database {
                name: "SYS".into(),
                tables: BTreeMap::new(),
            },
        );
        d
    }

    pub fn database(&self, name: &str) -> Option<&Database> {
        self.databases.get(&name.to_ascii_lowercase())
    }

    pub fn table(&self, db: &str, table: &str) -> Option<&Table> {
        self.database(db)?.tables.get(&table.to_ascii_lowercase())
    }

    fn table_mut(&mut self, db: &str, table: &str) -> Option<&mut Table> {
        self.databases
            .get_mut(&db.to_ascii_lowercase())?
            .tables
            .get_mut(&table.to_ascii_lowercase())
    }

    /// Applies one change (used both live and by replay).
    fn apply(&mut self, op: &DataOp) {
        match op {
            DataOp::CreateDatabase(name) => {
                self.databases.insert(
                    name.to_ascii_lowercase(),
                    Database {
                        name: name.clone(),
                        tables: BTreeMap::new(),
                    },
                );
            }
            DataOp::DropDatabase(name) => {
                self.databases.remove(&name.to_ascii_lowercase());
            }
            DataOp::CreateTable { db, table } => {
                if let Some(d) = self.databases.get_mut(&db.to_ascii_lowercase()) {
                    d.tables
                        .insert(table.name.to_ascii_lowercase(), table.clone());
                }
                self.tables_created += 1;
            }
            DataOp::DropTable { db, table } => {
                if let Some(d) = self.databases.get_mut(&db.to_ascii_lowercase()) {
                    d.tables.remove(&table.to_ascii_lowercase());
                }
            }
            DataOp::Truncate { db, table } => {
                if let Some(t) = self.table_mut(db, table) {
                    t.rows.clear();
                }
            }
            DataOp::Put {
                db,
                table,
                key,
                row,
            } => {
                if let Some(t) = self.table_mut(db, table) {
                    // A hidden key (tables without a primary key) is one encoded integer: keep the
                    // counter past it, so a replayed (restored) table never reuses a key.
                    if t.primary_key.is_empty()
                        && let Some(bytes) = key.get(1..9).and_then(|b| <[u8; 8]>::try_from(b).ok())
                    {
                        let k = u64::from_be_bytes(bytes) ^ (1 << 63);
                        t.next_hidden_key = t.next_hidden_key.max(k.saturating_add(1));
                    }
                    t.rows.insert(key.clone(), row.clone());
                }
            }
            DataOp::Delete { db, table, key } => {
                if let Some(t) = self.table_mut(db, table) {
                    t.rows.remove(key);
                }
            }
        }
    }

    /// Records and applies a change at `scn`.
    pub fn commit(&mut self, scn: u64, op: DataOp) {
        self.apply(&op);
        self.log.push((scn, op));
    }

    /// The data as it was at `scn`: what a restore to that SCN must reproduce.
    pub fn as_of(&self, scn: u64, builtin: &UserData) -> UserData {
        let mut d = builtin.clone();
        for (at, op) in self.log.iter().take_while(|(at, _)| *at <= scn) {
            d.apply(op);
            d.log.push((*at, op.clone()));
        }
        d
    }
}

impl Table {
    pub fn new(
        name: String,
        columns: Vec<UserColumn>,
        primary_key: Vec<usize>,
        tablet_id: u64,
    ) -> Table {
        Table {
            name,
            columns,
            primary_key,
            tablet_id,
            rows: BTreeMap::new(),
            next_hidden_key: 1,
        }
    }

    /// Everything but the rows (what a DML statement needs to plan its changes).
    pub fn shape(&self) -> Table {
        Table {
            name: self.name.clone(),
            columns: self.columns.clone(),
            primary_key: self.primary_key.clone(),
            tablet_id: self.tablet_id,
            rows: BTreeMap::new(),
            next_hidden_key: self.next_hidden_key,
        }
    }

    pub fn next_hidden_key(&self) -> u64 {
        self.next_hidden_key
    }

    pub fn set_next_hidden_key(&mut self, k: u64) {
        self.next_hidden_key = k;
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The key of a row: its primary-key values, or a fresh hidden key for tables without one.
    pub fn key_of(&mut self, row: &[Value]) -> Vec<u8> {
        if self.primary_key.is_empty() {
            let k = self.next_hidden_key;
            self.next_hidden_key += 1;
            return encode_key(&[Value::Int(k as i64)]);
        }
        let vals: Vec<Value> = self
            .primary_key
            .iter()
            .filter_map(|&i| row.get(i).cloned())
            .collect();
        encode_key(&vals)
    }

    /// `'1'` or `'1-a'`: how MySQL shows a key in a duplicate-entry error.
    pub fn key_text(&self, row: &[Value]) -> String {
        let parts: Vec<String> = self
            .primary_key
            .iter()
            .filter_map(|&i| row.get(i))
            .map(Value::render)
            .collect();
        parts.join("-")
    }
}

/// Encodes key values so byte order equals value order (integers by sign-flipped big-endian,
/// strings case-folded, as utf8mb4_general_ci compares them).
pub fn encode_key(values: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Null => out.push(0x00),
            Value::Int(i) => {
                out.push(0x10);
                out.extend_from_slice(&((*i as u64) ^ (1 << 63)).to_be_bytes());
            }
            Value::UInt(u) => {
                out.push(0x10);
                let i = i64::try_from(*u).unwrap_or(i64::MAX);
                out.extend_from_slice(&((i as u64) ^ (1 << 63)).to_be_bytes());
            }
            Value::Decimal { mantissa, scale } => {
                // Normalise to 9 fractional digits so 1.5 and 1.50 are the same key.
                let shift = 9i32 - i32::from(*scale);
                let m = if shift >= 0 {
                    mantissa.saturating_mul(10i128.pow(shift as u32))
                } else {
                    mantissa / 10i128.pow((-shift) as u32)
                };
                out.push(0x10);
                out.extend_from_slice(&((m as u128) ^ (1 << 127)).to_be_bytes());
            }
            Value::DateTime { micros, .. } => {
                out.push(0x30);
                out.extend_from_slice(&((*micros as u64) ^ (1 << 63)).to_be_bytes());
            }
            Value::Str(s) => {
                out.push(0x20);
                for b in s.to_lowercase().bytes() {
                    if b == 0 {
                        out.extend_from_slice(&[0, 0xFF]);
                    } else {
                        out.push(b);
                    }
                }
                out.extend_from_slice(&[0, 0]);
            }
        }
    }
    out
}

/// Which of a tablet's blocks holds a key: FNV-1a of the key, spread over the tablet.
pub fn block_of_key(key: &[u8], first_block: u32, block_count: u32) -> u32 {
    let h = key.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    first_block + (h % u64::from(block_count.max(1))) as u32
}

/// Converts a value to a column's type as MySQL's strict mode does: errors for data that does
/// not fit (`row` is the 1-based row number for the error text).
pub fn coerce(col: &UserColumn, v: Value, row: usize) -> ObResult<Value> {
    if v.is_null() {
        if col.not_null {
            return Err(ObError::column_cannot_be_null(&col.name));
        }
        return Ok(Value::Null);
    }
    let out_of_range = || ObError::out_of_range_for_column(&col.name, row);
    let incorrect =
        |v: &Value| ObError::incorrect_value(type_word(col.ty), &v.render(), &col.name, row);
    match col.ty {
        ColType::Int | ColType::BigInt => {
            let i = to_i128(&v).ok_or_else(|| incorrect(&v))?;
            let (lo, hi) = if col.ty == ColType::Int {
                (i32::MIN as i128, i32::MAX as i128)
            } else {
                (i64::MIN as i128, i64::MAX as i128)
            };
            if i < lo || i > hi {
                return Err(out_of_range());
            }
            Ok(Value::Int(i as i64))
        }
        ColType::Decimal(p, s) => {
            let (m, scale) = to_decimal(&v).ok_or_else(|| incorrect(&v))?;
            let m = rescale(m, scale, s);
            let limit = 10i128.checked_pow(u32::from(p)).unwrap_or(i128::MAX);
            if m.abs() >= limit {
                return Err(out_of_range());
            }
            Ok(Value::Decimal {
                mantissa: m,
                scale: s,
            })
        }
        ColType::Varchar(n) => {
            let s = v.render();
            if s.chars().count() > n as usize {
                return Err(ObError::data_too_long(&col.name, row));
            }
            Ok(Value::Str(s))
        }
        ColType::DateTime => match v {
            Value::DateTime { micros, .. } => Ok(Value::DateTime {
                micros: micros - micros % 1_000_000,
                frac: false,
            }),
            Value::Str(ref s) => match parse_datetime(s) {
                Some(m) => Ok(Value::DateTime {
                    micros: m - m.rem_euclid(1_000_000),
                    frac: false,
                }),
                None => Err(incorrect(&v)),
            },
            _ => Err(incorrect(&v)),
        },
    }
}

fn type_word(ty: ColType) -> &'static str {
    match ty {
        ColType::Int | ColType::BigInt => "integer",
        ColType::Decimal(..) => "decimal",
        ColType::Varchar(_) => "string",
        ColType::DateTime => "datetime",
    }
}

fn to_i128(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(i128::from(*i)),
        Value::UInt(u) => Some(i128::from(*u)),
        Value::Decimal { mantissa, scale } => Some(rescale(*mantissa, *scale, 0)),
        Value::Str(s) => {
            let (m, scale) = parse_decimal(s.trim())?;
            Some(rescale(m, scale, 0))
        }
        _ => None,
    }
}

fn to_decimal(v: &Value) -> Option<(i128, u8)> {
    match v {
        Value::Int(i) => Some((i128::from(*i), 0)),
        Value::UInt(u) => Some((i128::from(*u), 0)),
        Value::Decimal { mantissa, scale } => Some((*mantissa, *scale)),
        Value::Str(s) => parse_decimal(s.trim()),
        _ => None,
    }
}

/// `-12.345` → (-12345, 3).
pub fn parse_decimal(s: &str) -> Option<(i128, u8)> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 30
        || int.len() > 36
    {
        return None;
    }
    let mut m: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some((if neg { -m } else { m }, frac.len() as u8))
}

/// Changes the scale of a mantissa, rounding half away from zero.
pub fn rescale(m: i128, from: u8, to: u8) -> i128 {
    if to >= from {
        let f = 10i128
            .checked_pow(u32::from(to - from))
            .unwrap_or(i128::MAX);
        m.saturating_mul(f)
    } else {
        let f = 10i128
            .checked_pow(u32::from(from - to))
            .unwrap_or(i128::MAX);
        let q = m / f;
        let r = (m % f).abs();
        if r * 2 >= f { q + m.signum() } else { q }
    }
}

/// A byte-keyed map as a list of (key, value) pairs.
mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<V: Serialize, S: Serializer>(
        map: &BTreeMap<Vec<u8>, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let list: Vec<(&Vec<u8>, &V)> = map.iter().collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, V: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Vec<u8>, V>, D::Error> {
        let list: Vec<(Vec<u8>, V)> = Vec::deserialize(d)?;
        Ok(list.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str, ty: ColType, not_null: bool) -> UserColumn {
        UserColumn {
            name: name.into(),
            ty,
            not_null,
            default: None,
        }
    }

    #[test]
    fn tables_with_rows_survive_a_json_round_trip() {
        let mut t = Table::new("t".into(), vec![col("id", ColType::Int, true)], vec![0], 1);
        t.rows
            .insert(encode_key(&[Value::Int(1)]), vec![Value::Int(1)]);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Table>(&json).unwrap(), t);
    }

    #[test]
    fn keys_sort_like_their_values() {
        let k = |v: Value| encode_key(&[v]);
        assert!(k(Value::Int(-5)) < k(Value::Int(3)));
        assert!(k(Value::Int(3)) < k(Value::Int(300)));
        assert!(k(Value::Str("apple".into())) < k(Value::Str("Banana".into())));
        assert_eq!(k(Value::Str("ABC".into())), k(Value::Str("abc".into())));
        assert_eq!(
            k(Value::Decimal {
                mantissa: 15,
                scale: 1
            }),
            k(Value::Decimal {
                mantissa: 150,
                scale: 2
            })
        );
    }

    #[test]
    fn coercion_follows_strict_mode() {
        let c = col("c", ColType::Int, true);
        assert_eq!(
            coerce(&c, Value::Str("42".into()), 1).unwrap(),
            Value::Int(42)
        );
        assert_eq!(
            coerce(&c, Value::Null, 1).unwrap_err().to_string(),
            "ERROR 1048 (23000): Column 'c' cannot be null"
        );
        assert_eq!(
            coerce(&c, Value::Int(3_000_000_000), 2)
                .unwrap_err()
                .to_string(),
            "ERROR 1264 (22003): Out of range value for column 'c' at row 2"
        );
        let v = col("v", ColType::Varchar(3), false);
        assert_eq!(
            coerce(&v, Value::Str("abcd".into()), 1).unwrap_err().errno,
            1406
        );
        let d = col("d", ColType::Decimal(5, 2), false);
        assert_eq!(
            coerce(&d, Value::Str("1.005".into()), 1).unwrap(),
            Value::Decimal {
                mantissa: 101,
                scale: 2
            }
        );
        assert_eq!(coerce(&d, Value::Int(1000), 1).unwrap_err().errno, 1264);
        let t = col("t", ColType::DateTime, false);
        assert_eq!(
            coerce(&t, Value::Str("2024-05-09 10:00:00".into()), 1)
                .unwrap()
                .render(),
            "2024-05-09 10:00:00"
        );
        assert_eq!(
            coerce(&t, Value::Str("nope".into()), 1).unwrap_err().errno,
            1366
        );
    }

    #[test]
    fn as_of_replays_the_log_up_to_an_scn() {
        let builtin = UserData::new_mysql();
        let mut d = builtin.clone();
        d.commit(10, DataOp::CreateDatabase("shop".into()));
        let t = Table::new(
            "t".into(),
            vec![col("id", ColType::Int, true)],
            vec![0],
            200_001,
        );
        d.commit(
            11,
            DataOp::CreateTable {
                db: "shop".into(),
                table: t,
            },
        );
        let key = encode_key(&[Value::Int(1)]);
        d.commit(
            12,
            DataOp::Put {
                db: "shop".into(),
                table: "t".into(),
                key: key.clone(),
                row: vec![Value::Int(1)],
            },
        );
        d.commit(
            20,
            DataOp::Delete {
                db: "shop".into(),
                table: "t".into(),
                key,
            },
        );
        assert_eq!(
            d.as_of(15, &builtin).table("shop", "t").unwrap().rows.len(),
            1
        );
        assert_eq!(
            d.as_of(25, &builtin).table("shop", "T").unwrap().rows.len(),
            0
        );
        assert!(d.as_of(10, &builtin).table("shop", "t").is_none());
        assert!(d.as_of(5, &builtin).database("shop").is_none());
    }

    #[test]
    fn replay_keeps_the_hidden_key_counter_past_replayed_rows() {
        let builtin = UserData::new_mysql();
        let mut d = builtin.clone();
        let t = Table::new("t".into(), vec![col("a", ColType::Int, false)], vec![], 0);
        d.commit(
            1,
            DataOp::CreateTable {
                db: "test".into(),
                table: t,
            },
        );
        for i in 1..=3 {
            let key = encode_key(&[Value::Int(i)]);
            let row = vec![Value::Int(7)];
            d.commit(
                1 + i as u64,
                DataOp::Put {
                    db: "test".into(),
                    table: "t".into(),
                    key,
                    row,
                },
            );
        }
        let mut restored = d.as_of(100, &builtin);
        let t = restored
            .databases
            .get_mut("test")
            .unwrap()
            .tables
            .get_mut("t")
            .unwrap();
        assert_eq!(t.key_of(&[Value::Int(7)]), encode_key(&[Value::Int(4)]));
    }

    #[test]
    fn block_of_key_stays_in_the_tablet() {
        for i in 0..1000 {
            let b = block_of_key(&encode_key(&[Value::Int(i)]), 100, 7);
            assert!((100..107).contains(&b));
        }
        assert_eq!(block_of_key(b"x", 5, 0), 5);
    }

    #[test]
    fn decimal_parsing_and_rounding() {
        assert_eq!(parse_decimal("-12.345"), Some((-12345, 3)));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("."), None);
        assert_eq!(rescale(-12345, 3, 2), -1235);
        assert_eq!(rescale(15, 1, 3), 1500);
    }
}
