//! Numbers as people type and paste them: `1,234.5`, `85%`, `１２３` (full-width digits from a
//! Chinese input method), `−5` (a typographic minus), `(1,200)` (accounting negative), `1.2万`.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    NotANumber(String),
    TooLarge(String),
}

impl NumberError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            NumberError::NotANumber(text) => crate::tr!(lang, NotANumber, text = text),
            NumberError::TooLarge(text) => crate::tr!(lang, NumberTooLarge, text = text),
        }
    }
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::En))
    }
}

impl std::error::Error for NumberError {}

/// Folds full-width forms to ASCII and typographic signs to plain ones.
fn normalise(c: char) -> Option<char> {
    Some(match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        '．' | '。' => '.',
        '，' => ',',
        '－' | '−' | '–' | '—' => '-',
        '＋' => '+',
        '％' => '%',
        '（' => '(',
        '）' => ')',
        '\u{a0}' | '\u{3000}' | '\u{202f}' | '\'' | '_' => ' ',
        c => c,
    })
}

/// Parses a number. Empty text (after trimming) is `Ok(None)`.
pub fn parse_number(text: &str) -> Result<Option<f64>, NumberError> {
    let err = || NumberError::NotANumber(text.trim().to_string());
    let s: String = text.chars().filter_map(normalise).collect();
    let mut s = s.trim().to_string();
    if s.is_empty() {
        return Ok(None);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim().to_string();
    }
    // A trailing percent sign: the number is stated in percent, as the KPI's unit usually is.
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end().to_string();
    }
    let mut scale = 1.0;
    for (suffix, factor) in [("亿", 1e8), ("万", 1e4), ("千", 1e3), ("k", 1e3), ("K", 1e3)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_string();
            scale = factor;
            break;
        }
    }
    // Currency signs in front.
    for sign in ["¥", "￥", "$", "€", "£"] {
        if let Some(rest) = s.strip_prefix(sign) {
            s = rest.trim_start().to_string();
        }
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.trim_start().to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start().to_string();
    }
    // Thousands separators: commas (or spaces) between digit groups of three.
    let plain: String = if s.contains(',') || s.contains(' ') {
        let int_part = s.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split([',', ' ']).collect();
        let grouped = groups.len() > 1
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return Err(err());
        }
        s.replace([',', ' '], "")
    } else {
        s
    };
    if plain.is_empty()
        || !plain
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E' || b == b'-' || b == b'+')
    {
        return Err(err());
    }
    if !plain.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
        return Err(err());
    }
    let v: f64 = plain.parse().map_err(|_| err())?;
    let v = v * scale * if negative { -1.0 } else { 1.0 };
    if !v.is_finite() {
        return Err(NumberError::TooLarge(text.trim().to_string()));
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        let ok = [
            ("1,234.5", 1234.5),
            ("85%", 85.0),
            ("85 %", 85.0),
            ("１２３", 123.0),
            ("１２３．５％", 123.5),
            ("−5", -5.0),
            ("-0.25", -0.25),
            ("(1,200)", -1200.0),
            ("1.2万", 12000.0),
            ("3亿", 3e8),
            ("¥1,000", 1000.0),
            ("12 345", 12345.0),
            ("  42  ", 42.0),
            ("+7", 7.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("1，234", 1234.0),
        ];
        for (text, want) in ok {
            assert_eq!(parse_number(text), Ok(Some(want)), "{text}");
        }
        assert_eq!(parse_number("  "), Ok(None));
        for bad in ["abc", "1,23", "12,34.5", "1.2.3", "--5", "5-", "e5", "1,2345", "%", "¥", "1e999"] {
            assert!(parse_number(bad).is_err(), "{bad} should not parse");
        }
        assert!(matches!(parse_number("1e999"), Err(NumberError::TooLarge(_))));
    }
}
