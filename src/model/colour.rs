//! An sRGB colour stored as `#rrggbb` in the project file, so a person can read and edit it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }

    pub fn r(self) -> u8 {
        self.0[0]
    }
    pub fn g(self) -> u8 {
        self.0[1]
    }
    pub fn b(self) -> u8 {
        self.0[2]
    }

    /// Parses `#rrggbb` (the `#` is optional, hex digits in either case).
    pub fn parse_hex(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// Relative luminance 0–1, used to pick black or white text on a coloured box.
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(self.0[0]) + 0.7152 * lin(self.0[1]) + 0.0722 * lin(self.0[2])
    }

    /// Mixes towards white by `t` (0 = unchanged, 1 = white): the pale fill of a perspective band.
    pub fn lighten(self, t: f32) -> Self {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * t).round().clamp(0.0, 255.0) as u8;
        Self([mix(self.0[0]), mix(self.0[1]), mix(self.0[2])])
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Colour;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour written as \"#rrggbb\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Colour, E> {
                Colour::parse_hex(v)
                    .ok_or_else(|| E::custom(format!("\"{v}\" is not a colour; write it as \"#rrggbb\"")))
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl schemars::JsonSchema for Colour {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Colour".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^#[0-9a-fA-F]{6}$",
            "description": "An sRGB colour written as #rrggbb."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        assert_eq!(Colour::parse_hex("#1E88e5"), Some(Colour::rgb(0x1e, 0x88, 0xe5)));
        assert_eq!(Colour::parse_hex("1e88e5").unwrap().to_hex(), "#1e88e5");
        assert_eq!(Colour::parse_hex("#12345"), None);
        assert_eq!(Colour::parse_hex("#12345g"), None);
        assert_eq!(Colour::parse_hex("#ééé"), None);
    }

    #[test]
    fn bad_colour_in_json_names_the_value() {
        let err = serde_json::from_str::<Colour>("\"red\"").unwrap_err();
        assert!(err.to_string().contains("\"red\" is not a colour"), "{err}");
    }
}
