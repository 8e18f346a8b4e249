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

    /// The colour in CIELAB (D65), where distance follows what the eye tells apart.
    pub fn lab(self) -> [f32; 3] {
        let lin = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let (r, g, b) = (lin(self.0[0]), lin(self.0[1]), lin(self.0[2]));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f32| if t > 0.008_856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    /// How different two colours look (CIE76 ΔE): below about 20, a theme border and a
    /// perspective band are hard to tell apart on a projector.
    pub fn distance(self, other: Colour) -> f32 {
        let (a, b) = (self.lab(), other.lab());
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// Mixes towards white by `t` (0 = unchanged, 1 = white): the pale fill of a perspective band.
    pub fn lighten(self, t: f32) -> Self {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * t).round().clamp(0.0, 255.0) as u8;
        Self([mix(self.0[0]), mix(self.0[1]), mix(self.0[2])])
    }
}

/// Colours closer than this (ΔE) are too close to tell apart on the map.
pub const TOO_CLOSE: f32 = 20.0;

/// Colours for new themes, each at least ΔE 28 from the default perspective colours and from
/// one another (chosen greedily for the largest least distance).
pub const THEME_PALETTE: [Colour; 8] = [
    Colour::rgb(0x00, 0xac, 0xc1),
    Colour::rgb(0xe9, 0x1e, 0x63),
    Colour::rgb(0xaf, 0xb4, 0x2b),
    Colour::rgb(0x3e, 0x27, 0x23),
    Colour::rgb(0x88, 0x0e, 0x4f),
    Colour::rgb(0xbf, 0x36, 0x0c),
    Colour::rgb(0x00, 0x4d, 0x40),
    Colour::rgb(0xff, 0x6f, 0x00),
];

/// The palette colour that stands furthest from every colour already used.
pub fn most_distinct(used: &[Colour]) -> Colour {
    let least = |c: Colour| used.iter().map(|u| c.distance(*u)).fold(f32::INFINITY, f32::min);
    THEME_PALETTE.into_iter().max_by(|a, b| least(*a).total_cmp(&least(*b))).unwrap_or(THEME_PALETTE[0])
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
    fn the_theme_palette_stands_apart_from_the_perspectives_and_itself() {
        let perspectives = crate::model::project::DEFAULT_PERSPECTIVES.map(|(_, _, c)| c);
        for (i, a) in THEME_PALETTE.iter().enumerate() {
            for b in perspectives.iter().chain(&THEME_PALETTE[i + 1..]) {
                assert!(a.distance(*b) >= 28.0, "{a} and {b}: ΔE {}", a.distance(*b));
            }
        }
        // Learning & growth purple and the old theme purple: the case the check points out.
        assert!(Colour::rgb(0x7b, 0x3f, 0xa0).distance(Colour::rgb(0x6a, 0x1b, 0x9a)) < TOO_CLOSE);
        // A new theme avoids what is used: with the first palette colour taken, not that one.
        let used: Vec<Colour> = perspectives.iter().copied().chain([THEME_PALETTE[0]]).collect();
        assert_ne!(most_distinct(&used), THEME_PALETTE[0]);
    }

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
