//! A fingerprint of any serialisable value: a serde `Serializer` that feeds every field, length
//! and variant into a 64-bit FNV-1a hash instead of writing text. `Cluster::state_hash` uses it,
//! so the page can show the same number `obsim` prints without carrying a JSON writer.

use serde::ser::{self, Serialize};
use std::fmt;

/// The fingerprint of `value`.
pub fn of<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = Hasher(0xcbf2_9ce4_8422_2325);
    // Hashing cannot fail: the error type exists only because serde asks for one.
    let _ = value.serialize(&mut h);
    h.0
}

struct Hasher(u64);

impl Hasher {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn tag(&mut self, t: u8) {
        self.bytes(&[t]);
    }

    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
}

#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

type R = Result<(), Never>;

impl ser::Serializer for &mut Hasher {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> R {
        self.tag(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.u64(v as u64);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.u64(v as u64);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.u64(v as u64);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> R {
        self.u64(v as u64);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> R {
        self.bytes(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.u64(u64::from(v));
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.u64(u64::from(v));
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.u64(u64::from(v));
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> R {
        self.u64(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> R {
        self.bytes(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.u64(u64::from(v.to_bits()));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> R {
        self.u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.u64(u64::from(v));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.u64(v.len() as u64);
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        self.u64(v.len() as u64);
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> R {
        self.tag(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        self.tag(1);
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.tag(2);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.tag(2);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, _: &'static str) -> R {
        self.u64(u64::from(i));
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        v: &T,
    ) -> R {
        self.u64(u64::from(i));
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Never> {
        self.tag(3);
        self.u64(len.unwrap_or(usize::MAX) as u64);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.u64(u64::from(i));
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Never> {
        self.tag(4);
        self.u64(len.unwrap_or(usize::MAX) as u64);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.u64(u64::from(i));
        Ok(self)
    }
}

/// Every compound part hashes its elements in order; the framing was hashed when it began.
macro_rules! compound {
    ($trait:ident, $method:ident $(, $key:ident)?) => {
        impl ser::$trait for &mut Hasher {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)? v: &T) -> R {
                $(let _ = $key;)?
                v.serialize(&mut **self)
            }
            fn end(self) -> R {
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);
compound!(SerializeStruct, serialize_field, _key);
compound!(SerializeStructVariant, serialize_field, _key);

impl ser::SerializeMap for &mut Hasher {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> R {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        v.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn equal_values_equal_fingerprints_and_framing_matters() {
        assert_eq!(of(&("a", 1u64)), of(&("a", 1u64)));
        assert_ne!(of(&("a", 1u64)), of(&("a", 2u64)));
        // Lengths are hashed: moving a character between strings changes the fingerprint.
        assert_ne!(of(&("ab", "c")), of(&("a", "bc")));
        assert_ne!(of(&Some(0u8)), of(&None::<u8>));
        let mut m = BTreeMap::new();
        m.insert(1u64, vec!["x".to_string()]);
        assert_eq!(of(&m), of(&m.clone()));
        m.insert(2, vec![]);
        assert_ne!(of(&m), of(&BTreeMap::<u64, Vec<String>>::new()));
    }
}
