//! Integers as JSON Schema reads them: `3` and `3.0` are the same integer (2020-12,
//! "type": "integer"), while serde's integer types refuse `3.0`. The optional integer
//! fields read through [`option`], so the worker accepts exactly what its schema
//! allows.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

struct Whole;

impl<'de> Visitor<'de> for Whole {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        // 2^64 as f64; every integral f64 below it converts exactly.
        const LIMIT: f64 = 18_446_744_073_709_551_616.0;
        if v.fract() == 0.0 && (0.0..LIMIT).contains(&v) {
            Ok(v as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

struct OptionalWhole;

impl<'de> Visitor<'de> for OptionalWhole {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(Whole).map(Some)
    }
}

/// An optional integer field that also accepts an integral float (`3.0`).
pub fn option<'de, D, N>(d: D) -> Result<Option<N>, D::Error>
where
    D: Deserializer<'de>,
    N: TryFrom<u64>,
{
    match d.deserialize_option(OptionalWhole)? {
        None => Ok(None),
        Some(v) => N::try_from(v).map(Some).map_err(|_| {
            de::Error::invalid_value(de::Unexpected::Unsigned(v), &"a smaller integer")
        }),
    }
}
