//! Fast `YYYY-MM-DD` (de)serialisation for the dates of a KPI's series: a large project has
//! hundreds of thousands of them, and chrono's general formatter and parser dominate load and
//! save time. The file format only has `YYYY-MM-DD`; anything else is refused with a message.

use chrono::{Datelike, NaiveDate};
use serde::{Deserializer, Serializer};

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if (0..=9999).contains(&y) {
        let y = y as u32;
        let digits = [
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b'-',
            b'0' + (d / 10) as u8,
            b'0' + (d % 10) as u8,
        ];
        // The bytes are ASCII digits and dashes.
        s.serialize_str(std::str::from_utf8(&digits).unwrap_or_default())
    } else {
        s.collect_str(date)
    }
}

/// Parses exactly `YYYY-MM-DD`.
pub fn parse_fast(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date written as YYYY-MM-DD")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse_fast(v).ok_or_else(|| {
                let shaped = v.len() == 10
                    && v.bytes()
                        .enumerate()
                        .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
                E::custom(if shaped {
                    format!("\"{v}\" is not a date: that day does not exist")
                } else {
                    format!("\"{v}\" is not a date written as YYYY-MM-DD")
                })
            })
        }
    }
    d.deserialize_str(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct W(#[serde(with = "super")] NaiveDate);
        for d in ["2026-03-01", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let w: W = serde_json::from_str(&format!("\"{d}\"")).unwrap();
            assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{d}\""));
        }
        for bad in ["2026-02-30", "2026-13-01", "26-03-01", "2026/03/01", "2026-3-1", "yesterday"] {
            let e = serde_json::from_str::<W>(&format!("\"{bad}\"")).unwrap_err().to_string();
            assert!(e.contains("is not a date"), "{bad}: {e}");
        }
        assert_eq!(parse_fast("2026-03-01"), NaiveDate::from_ymd_opt(2026, 3, 1));
    }
}
