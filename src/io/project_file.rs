//! Reading and writing project files: the versioned JSON contract, safe against any bytes on
//! load and against crashes and concurrent edits on save.

use super::format;
use super::migrate::{MigrationProblem, migrate};
use crate::i18n::{Lang, T};
use crate::model::validate::{Problem, validate};
use crate::model::{
    Department, Initiative, Kpi, Link, Objective, Perspective, Project, ProjectInfo, ScoringSettings, Theme,
};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The value of the top-level `format` key.
pub const FORMAT_NAME: &str = "scorecard-studio";
/// The version this build writes; files of older versions are migrated on load.
pub const CURRENT_VERSION: u64 = 8;
/// Files larger than this are refused before reading: no real scorecard comes near it, and a
/// damaged or wrong file should not exhaust memory.
pub const MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// The file as it is read: the document's fields plus the header.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectFileIn {
    format: String,
    version: u64,
    project: ProjectInfo,
    #[serde(default)]
    scoring: ScoringSettings,
    perspectives: Vec<Perspective>,
    #[serde(default)]
    themes: Vec<Theme>,
    #[serde(default)]
    objectives: Vec<Objective>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    departments: Vec<Department>,
    #[serde(default)]
    kpis: Vec<Kpi>,
    #[serde(default)]
    elements: Vec<crate::model::DataElement>,
    #[serde(default)]
    initiatives: Vec<Initiative>,
    #[serde(default)]
    screening: crate::model::Screening,
    #[serde(default)]
    conflicts: Vec<crate::model::merge::Conflict>,
    #[serde(default)]
    pack: Option<Box<crate::model::pack::PackInfo>>,
    #[serde(default)]
    history: Vec<crate::model::appraisal::HistoryEntry>,
    #[serde(default)]
    closed_periods: Vec<chrono::NaiveDate>,
}

impl ProjectFileIn {
    fn into_project(self) -> Project {
        Project {
            info: self.project,
            scoring: self.scoring,
            perspectives: self.perspectives,
            themes: self.themes,
            objectives: self.objectives,
            links: self.links,
            departments: self.departments,
            kpis: self.kpis,
            elements: self.elements,
            initiatives: self.initiatives,
            screening: self.screening,
            conflicts: self.conflicts,
            pack: self.pack,
            history: self.history,
            closed_periods: self.closed_periods,
        }
    }
}

/// The file as it is written.
#[derive(Serialize)]
struct ProjectFileOut<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    project: &'a Project,
}

/// Only the header, to explain a file that does not parse as a project. Reads a top-level object
/// and nothing else (a derived struct would also accept an array).
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Header;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
                let mut header = Header { format: None, version: None };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "format" => header.format = Some(map.next_value()?),
                        "version" => header.version = Some(map.next_value()?),
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(header)
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// Any JSON value, refused when an object in it repeats a key.
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = NoDuplicateKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
                Ok(NoDuplicateKeys)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut keys = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if !keys.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format_args!(
                            "the key \"{key}\" appears twice in the same object"
                        )));
                    }
                    map.next_value::<NoDuplicateKeys>()?;
                }
                Ok(NoDuplicateKeys)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Where arrays and objects first nest deeper than serde_json's limit of 128, if they do: a scan
/// without allocation, so a hostile file cannot cost memory or stack.
fn too_deep(bytes: &[u8]) -> Option<(usize, usize)> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > 128 {
                    return Some((line, i - line_start + 1));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// What the top level of a JSON text is, from its first character.
fn top_level_kind(bytes: &[u8]) -> &'static str {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ => "not an object",
    }
}

/// Why a file could not be opened. Every variant says what is wrong and where; `lines` says it
/// in a language, and `Display` is the English.
#[derive(Debug)]
pub enum LoadError {
    Io { path: PathBuf, source: std::io::Error },
    TooLarge { size: u64, limit: u64 },
    Empty,
    NotARegularFile,
    Binary { offset: usize },
    NotUtf8 { line: usize, column: usize, byte: u8, looks_like_gbk: bool },
    Syntax { line: usize, column: usize, message: String, kind: SyntaxKind },
    NotAProject { reason: String },
    NewerVersion { found: u64, supported: u64 },
    BadVersion { found: String },
    Data { path: String, message: String, line: usize, column: usize },
    Migration { from: u64, problems: Vec<MigrationProblem> },
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.lines(Lang::En).join("; "))
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What kind of syntax error, for a more helpful message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    /// The text ends in the middle of a value: usually a truncated file.
    Truncated,
    /// A number beyond the range of a 64-bit float, such as 1e999.
    NumberOutOfRange,
    /// More nested arrays or objects than any project has.
    TooDeep,
    /// An object repeats a key.
    DuplicateKey,
    /// `NaN` or `Infinity`, which JSON does not have.
    NotANumber,
    Other,
}

impl LoadError {
    /// Every problem as its own line, in the user's language, for the error dialog and `check`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            LoadError::Io { path, source } => vec![crate::tr!(
                lang,
                LoadCannotRead,
                path = path.display(),
                reason = crate::io::os_error_text(source, lang)
            )],
            LoadError::TooLarge { size, limit } => {
                vec![crate::tr!(lang, LoadTooLarge, size = size, limit = limit)]
            }
            LoadError::Empty => vec![T::LoadEmpty.get(lang).into()],
            LoadError::NotARegularFile => vec![T::LoadNotARegularFile.get(lang).into()],
            LoadError::Binary { offset } => vec![crate::tr!(lang, LoadBinary, offset = offset)],
            LoadError::NotUtf8 { line, column, byte, looks_like_gbk } => {
                let byte = format!("0x{byte:02X}");
                let mut v = vec![crate::tr!(lang, LoadNotUtf8, line = line, column = column, byte = byte)];
                if *looks_like_gbk {
                    v.push(T::ItLooksLikeGBKGB18030.get(lang).into());
                }
                v
            }
            LoadError::Syntax { line, column, message, kind } => {
                let what = match kind {
                    SyntaxKind::Truncated => T::SyntaxTruncated.get(lang).to_string(),
                    SyntaxKind::NumberOutOfRange => T::SyntaxNumberOutOfRange.get(lang).to_string(),
                    SyntaxKind::TooDeep => T::SyntaxTooDeep.get(lang).to_string(),
                    SyntaxKind::DuplicateKey => {
                        // serde_json says "duplicate field `x`"; the key is what the user needs.
                        let key = message.split(['`', '"']).nth(1).unwrap_or(message);
                        crate::tr!(lang, SyntaxDuplicateKey, key = key)
                    }
                    SyntaxKind::NotANumber => T::SyntaxNotANumber.get(lang).to_string(),
                    SyntaxKind::Other => crate::tr!(lang, SyntaxOther, message = message),
                };
                vec![crate::tr!(lang, LineColumn, column = column, line = line, what = what)]
            }
            LoadError::NotAProject { reason } => vec![crate::tr!(lang, LoadNotAProject, reason = reason)],
            LoadError::NewerVersion { found, supported } => {
                vec![crate::tr!(lang, LoadNewerVersion, found = found, supported = supported)]
            }
            LoadError::BadVersion { found } => vec![crate::tr!(lang, LoadBadVersion, found = found)],
            LoadError::Data { path, message, line, column } => {
                vec![crate::tr!(lang, LoadData, path = path, message = message, line = line, column = column)]
            }
            LoadError::Migration { from, problems } => {
                let mut v = vec![crate::tr!(lang, TheFileCouldNotBe, from = from)];
                v.extend(problems.iter().map(|p| format!("{}: {}", p.path, p.message)));
                v
            }
            LoadError::Invalid(problems) => {
                problems.iter().map(|p| format!("{}: {}", p.path, p.kind.describe(lang))).collect()
            }
        }
    }
}

/// Something worth telling the user about a file that did load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNotice {
    /// The file started with a UTF-8 byte-order mark, which was ignored (and is not written back).
    ByteOrderMark,
    /// The file was written by an older version and was upgraded; saving writes the new version.
    Migrated { from: u64 },
    /// The file was UTF-16 text; it was read as such, and saving writes UTF-8.
    Utf16,
}

impl LoadNotice {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            LoadNotice::ByteOrderMark => T::TheFileStartsWithA.get(lang).into(),
            LoadNotice::Utf16 => T::TheFileIsUTF16.get(lang).to_string(),
            LoadNotice::Migrated { from } => {
                crate::tr!(lang, TheFileWasWrittenIn, CURRENT_VERSION = CURRENT_VERSION, from = from)
            }
        }
    }
}

/// A parsed document with what the user should be told about it.
#[derive(Debug)]
pub struct Parsed {
    pub project: Project,
    pub notices: Vec<LoadNotice>,
}

/// Parses and validates a project from bytes. Never panics, whatever the bytes.
pub fn parse_project(bytes: &[u8]) -> Result<Parsed, LoadError> {
    let (mut project, notices) = parse_unvalidated(bytes)?;
    let problems = validate(&project);
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    // Computed KPIs' actuals follow from their inputs, whatever the file says.
    crate::score::computed::materialize(&mut project);
    Ok(Parsed { project, notices })
}

/// Parses without the structural validation: `check` reports validation problems as findings
/// with the rest of the lint, while the app refuses such files.
pub fn parse_unvalidated(bytes: &[u8]) -> Result<(Project, Vec<LoadNotice>), LoadError> {
    // UTF-16 (what Windows Notepad saves as "Unicode"): read as the text it is, written back as UTF-8.
    if let Some(text) = utf16_text(bytes) {
        let (project, mut notices) = parse_unvalidated(text.as_bytes())?;
        notices.insert(0, LoadNotice::Utf16);
        return Ok((project, notices));
    }
    let mut notices = Vec::new();
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            notices.push(LoadNotice::ByteOrderMark);
            rest
        }
        None => bytes,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    // The fast path: a current file parses straight into the document. Checking UTF-8 once for
    // the whole file (fast) lets serde_json skip checking every string again.
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(file) = serde_json::from_str::<ProjectFileIn>(text)
        && file.format == FORMAT_NAME
        && file.version == CURRENT_VERSION
    {
        return Ok((file.into_project(), notices));
    }
    // Everything else is the slow path, which explains what is wrong or migrates.
    diagnose_or_migrate(bytes, notices)
}

fn diagnose_or_migrate(
    bytes: &[u8],
    mut notices: Vec<LoadNotice>,
) -> Result<(Project, Vec<LoadNotice>), LoadError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(LoadError::Binary { offset });
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(not_utf8(bytes, e.valid_up_to()));
    }
    if let Some((line, column)) = too_deep(bytes) {
        return Err(LoadError::Syntax {
            line,
            column,
            message: "recursion limit exceeded".into(),
            kind: SyntaxKind::TooDeep,
        });
    }
    let header: Header = match serde_json::from_slice(bytes) {
        Ok(h) => h,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(syntax(&e, bytes)),
        Err(_) => {
            // A syntax problem deeper in the text says more than "not an object".
            if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
                && (e.is_syntax() || e.is_eof())
            {
                return Err(syntax(&e, bytes));
            }
            return Err(LoadError::NotAProject {
                reason: format!("the top level of the file is {}, not an object", top_level_kind(bytes)),
            });
        }
    };
    match &header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(LoadError::NotAProject {
                reason: format!("the \"format\" key is {other}, not \"{FORMAT_NAME}\""),
            });
        }
        None => {
            return Err(LoadError::NotAProject {
                reason: format!("there is no \"format\": \"{FORMAT_NAME}\" key at the top level"),
            });
        }
    }
    let version = match &header.version {
        Some(v) => {
            v.as_u64().filter(|&n| n >= 1).ok_or_else(|| LoadError::BadVersion { found: v.to_string() })?
        }
        None => return Err(LoadError::BadVersion { found: "(missing)".into() }),
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion { found: version, supported: CURRENT_VERSION });
    }
    if version == CURRENT_VERSION {
        // A current file with a data error: find where, with the path.
        let mut de = serde_json::Deserializer::from_slice(bytes);
        return match serde_path_to_error::deserialize::<_, ProjectFileIn>(&mut de) {
            Ok(file) => Ok((file.into_project(), notices)),
            Err(e) => Err(data_error(e, bytes)),
        };
    }
    // Duplicate keys are refused in every version. A current file's are found by the typed reader
    // with their path; for an older one serde_json's tree would keep the last silently (a target
    // 1200 followed by a stray 1.0 would become 1.0), and `"version": 2, "version": 1` would
    // pass for version 1.
    if let Err(e) = serde_json::from_slice::<NoDuplicateKeys>(bytes) {
        if e.is_data() {
            let mut message = e.to_string();
            if let Some(pos) = message.rfind(" at line ") {
                message.truncate(pos);
            }
            return Err(LoadError::Syntax {
                line: e.line(),
                column: e.column(),
                message,
                kind: SyntaxKind::DuplicateKey,
            });
        }
        return Err(syntax(&e, bytes));
    }
    let mut tree: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| syntax(&e, bytes))?;
    migrate(&mut tree, version).map_err(|problems| LoadError::Migration { from: version, problems })?;
    match serde_path_to_error::deserialize::<_, ProjectFileIn>(tree) {
        Ok(file) => {
            notices.push(LoadNotice::Migrated { from: version });
            Ok((file.into_project(), notices))
        }
        // The tree has no positions any more; the path is what locates the problem.
        Err(e) => Err(LoadError::Data {
            path: path_text(e.path()),
            message: e.inner().to_string(),
            line: 0,
            column: 0,
        }),
    }
}

fn path_text(path: &serde_path_to_error::Path) -> String {
    // serde_path_to_error writes `kpis[3].target`; the root is `.`, which reads badly.
    let s = path.to_string();
    if s == "." { "(top level)".into() } else { s }
}

fn data_error(e: serde_path_to_error::Error<serde_json::Error>, bytes: &[u8]) -> LoadError {
    let inner = e.inner();
    if inner.is_syntax() || inner.is_eof() {
        return syntax(inner, bytes);
    }
    // serde_json appends " at line L column C"; the position is reported separately.
    let mut message = inner.to_string();
    if let Some(pos) = message.rfind(" at line ") {
        message.truncate(pos);
    }
    // chrono's own words ("input is out of range") do not say that a date is wrong, nor which.
    if matches!(
        message.as_str(),
        "input is out of range"
            | "input contains invalid characters"
            | "premature end of input"
            | "trailing input"
            | "no possible date and time matching input"
            | "input is not enough for unique date and time"
    ) {
        let value = string_before(bytes, inner.line(), inner.column()).unwrap_or_default();
        message = format!("\"{value}\" is not a date in the calendar (write YYYY-MM-DD, such as 2026-02-28)");
    }
    LoadError::Data { path: path_text(e.path()), message, line: inner.line(), column: inner.column() }
}

/// The JSON string that ends just before line `line`, column `column` (1-based), unquoted.
fn string_before(bytes: &[u8], line: usize, column: usize) -> Option<String> {
    let text = std::str::from_utf8(bytes.split(|&b| b == b'\n').nth(line.checked_sub(1)?)?).ok()?;
    let upto = text.get(..column.min(text.len()))?;
    let end = upto.rfind('"')?;
    let start = upto[..end].rfind('"')?;
    Some(upto[start + 1..end].to_string())
}

fn syntax(e: &serde_json::Error, bytes: &[u8]) -> LoadError {
    let text = e.to_string();
    let kind = if e.is_eof() {
        SyntaxKind::Truncated
    } else if text.contains("number out of range") {
        SyntaxKind::NumberOutOfRange
    } else if text.contains("recursion limit") {
        SyntaxKind::TooDeep
    } else if text.starts_with("expected value") && nan_at(e, bytes) {
        SyntaxKind::NotANumber
    } else {
        SyntaxKind::Other
    };
    let mut message = text;
    if let Some(pos) = message.rfind(" at line ") {
        message.truncate(pos);
    }
    LoadError::Syntax { line: e.line(), column: e.column(), message, kind }
}

/// The text of a UTF-16 file: with a byte-order mark, or without one when the first character is
/// ASCII with a zero byte beside it (`{` as `7B 00`). `None` for anything else.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let (encoding, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (encoding_rs::UTF_16LE, rest),
        [0xFE, 0xFF, rest @ ..] => (encoding_rs::UTF_16BE, rest),
        [a, 0, ..] if a.is_ascii() && *a != 0 && bytes.len().is_multiple_of(2) => {
            (encoding_rs::UTF_16LE, bytes)
        }
        [0, b, ..] if b.is_ascii() && *b != 0 && bytes.len().is_multiple_of(2) => {
            (encoding_rs::UTF_16BE, bytes)
        }
        _ => return None,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    (!had_errors && !text.contains('\0')).then(|| text.into_owned())
}

/// Whether serde_json's "expected value" stopped at `NaN` or `Infinity` (a JavaScript or Python
/// habit). The error has no byte offset, so the text near its position is looked at.
fn nan_at(e: &serde_json::Error, bytes: &[u8]) -> bool {
    let Some(line) = bytes.split(|&b| b == b'\n').nth(e.line().saturating_sub(1)) else { return false };
    let at = e.column().saturating_sub(1).min(line.len());
    let near = String::from_utf8_lossy(&line[at.saturating_sub(9)..(at + 9).min(line.len())]);
    near.contains("NaN") || near.contains("Infinity")
}

fn not_utf8(bytes: &[u8], offset: usize) -> LoadError {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    // Columns count characters, as editors do; the prefix is valid UTF-8 by construction.
    let column = std::str::from_utf8(&bytes[line_start..offset])
        .map_or(offset - line_start, |s| s.chars().count())
        + 1;
    let (_, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    LoadError::NotUtf8 { line, column, byte: bytes[offset], looks_like_gbk: !had_errors }
}

/// Serialises the document in the canonical layout.
pub fn project_to_bytes(project: &Project) -> Vec<u8> {
    let file = ProjectFileOut { format: FORMAT_NAME, version: CURRENT_VERSION, project };
    // Serialising plain data into memory cannot fail: there are no maps with non-string keys,
    // and non-finite numbers are written as null (and refused by validation before a save).
    format::to_vec(&file, 64 * 1024 + project.kpis.len() * 256).unwrap_or_default()
}

/// What a file on disk looked like when it was loaded or saved, to notice later changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl DiskStamp {
    fn of(bytes: &[u8], meta: Option<&fs::Metadata>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: content_hash(bytes),
        }
    }
}

/// A fast 64-bit hash of the file's bytes (FxHash over 8-byte words, then the length): it only
/// has to notice that another program changed the file, and must not slow down a large save.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut w = HashingWriter::new(std::io::sink());
    w.feed(bytes);
    w.finish()
}

/// A document read from disk.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub notices: Vec<LoadNotice>,
    pub stamp: DiskStamp,
}

/// A current-version file parsed straight from disk, with its stamp; `None` when it is not one
/// (another version, a byte-order mark, bad JSON, too large, not a regular file …): the whole-file
/// path then says exactly what is wrong.
fn stream_current(path: &Path, progress: &dyn Fn(f32)) -> Option<(Project, Vec<LoadNotice>, DiskStamp)> {
    use std::io::Read;
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_SIZE {
        return None;
    }
    let mut file = fs::File::open(path).ok()?;
    let mut head = [0u8; 3];
    let n = file.read(&mut head).ok()?;
    // UTF-16 and byte-order marks are the whole-file path's (with their notices).
    if n == 0 || head[0] != b'{' && !head[0].is_ascii_whitespace() {
        return None;
    }
    let stamping = StampingReader {
        inner: std::io::Read::chain(&head[..n], file),
        hash: HashingWriter::new(std::io::sink()),
        total: meta.len().max(1),
        progress,
        reported: 0,
    };
    // The buffer outside: serde_json reads a byte at a time, the hash sees whole blocks.
    let mut reader = std::io::BufReader::with_capacity(1 << 20, stamping);
    let file: ProjectFileIn = serde_json::from_reader(&mut reader).ok()?;
    if file.format != FORMAT_NAME || file.version != CURRENT_VERSION {
        return None;
    }
    // serde_json stops at the end of the value: the rest (white space) is part of the file too.
    std::io::copy(&mut reader, &mut std::io::sink()).ok()?;
    let hash = &reader.get_ref().hash;
    let stamp = DiskStamp { len: hash.len, modified: meta.modified().ok(), hash: hash.finish() };
    Some((file.into_project(), Vec::new(), stamp))
}

/// Reads a file through a buffer, hashing every byte for the stamp and saying how far it is.
struct StampingReader<'a, R> {
    inner: R,
    hash: HashingWriter<std::io::Sink>,
    total: u64,
    progress: &'a dyn Fn(f32),
    reported: u64,
}

impl<R: std::io::Read> std::io::Read for StampingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.feed(&buf[..n]);
        // Reading and parsing go together: three quarters of the load.
        if self.hash.len - self.reported > self.total / 50 {
            self.reported = self.hash.len;
            (self.progress)(0.75 * self.hash.len as f32 / self.total as f32);
        }
        Ok(n)
    }
}

/// Reads a project file's bytes: only a regular file (a device such as /dev/zero, a FIFO or a
/// socket would never end or never answer), and never more than `MAX_FILE_SIZE`, counted while
/// reading as well (a file can grow after its size was looked at).
pub fn read_project_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io_err = |source| LoadError::Io { path: path.to_path_buf(), source };
    let meta = fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(io_err(std::io::Error::other("it is a folder, not a file")));
    }
    if !meta.is_file() {
        return Err(LoadError::NotARegularFile);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge { size: meta.len(), limit: MAX_FILE_SIZE });
    }
    let file = fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_SIZE });
    }
    Ok(bytes)
}

/// Reads and parses a project file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    load_file_reporting(path, &|_| {})
}

/// `load_file`, saying how far it has got (0–1) as it goes: reading is the first quarter, then
/// parsing, checking and computing the formulas' results (a 220 MB file takes a few seconds).
pub fn load_file_reporting(path: &Path, progress: &dyn Fn(f32)) -> Result<Loaded, LoadError> {
    // A current, well-formed file is parsed as it is read, never held whole beside the document
    // it becomes (a 220 MB file would otherwise double what opening it takes); anything else is
    // read whole and explained or migrated.
    let (mut project, notices, stamp) = match stream_current(path, progress) {
        Some(streamed) => streamed,
        None => {
            let bytes = read_project_bytes(path)?;
            progress(0.25);
            let meta = fs::metadata(path).ok();
            let stamp = DiskStamp::of(&bytes, meta.as_ref());
            let (project, notices) = parse_unvalidated(&bytes)?;
            (project, notices, stamp)
        }
    };
    remove_stale_temp_files(path);
    progress(0.75);
    let problems = validate(&project);
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    progress(0.85);
    // Computed KPIs' actuals follow from their inputs, whatever the file says.
    crate::score::computed::materialize(&mut project);
    progress(1.0);
    Ok(Loaded { project, notices, stamp })
}

#[derive(Debug)]
pub enum SaveError {
    ChangedOnDisk {
        path: PathBuf,
    },
    Invalid(Vec<Problem>),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// What would be written does not load again: nothing is written (a guard; it means a bug).
    WouldNotLoad(Box<LoadError>),
}

impl SaveError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            SaveError::ChangedOnDisk { path } => crate::tr!(lang, SaveChangedOnDisk, path = path.display()),
            SaveError::Invalid(p) => crate::tr!(
                lang,
                SaveInvalid,
                n = p.len(),
                first =
                    p.first().map(|p| format!("{}: {}", p.path, p.kind.describe(lang))).unwrap_or_default()
            ),
            SaveError::Io { path, source } => crate::tr!(
                lang,
                SaveCannotWrite,
                path = path.display(),
                reason = crate::io::os_error_text(source, lang)
            ),
            SaveError::WouldNotLoad(e) => {
                crate::tr!(lang, SaveWouldNotLoad, reason = e.lines(lang).join(T::ClauseSeparator.get(lang)))
            }
        }
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// How a save treats the file already on disk.
#[derive(Debug, Clone, Default)]
pub struct SaveOptions {
    /// The stamp of the file when it was loaded or last saved; a different file on disk is a
    /// conflict. `None` for Save As, where the user has already agreed to replace any file.
    pub expected: Option<DiskStamp>,
    /// Overwrite even if the file changed on disk.
    pub force: bool,
    /// Keep the previous file as `NAME.bak` (on by default in the app).
    pub backup: bool,
}

/// The backup of `path`: `plan.json` → `plan.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: writes a temporary file in the same folder, flushes it to disk, keeps the
/// previous file as a backup, then renames the new file into place. A crash at any moment leaves
/// either the old file or the new one, never a truncated file.
pub fn save_file(path: &Path, project: &Project, options: &SaveOptions) -> Result<DiskStamp, SaveError> {
    let problems = validate(project);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    // Serialised into memory first: streaming into the file measured no faster (the time goes
    // to fsync), and the file is only created once the bytes exist.
    let bytes = project_to_bytes(project);
    // Never write a file the loader would refuse: what is about to be written is read back first
    // (a fraction of the fsync's cost).
    if let Err(e) = parse_project(&bytes) {
        return Err(SaveError::WouldNotLoad(Box::new(e)));
    }
    save_bytes(path, &bytes, options)
}

/// The atomic write of already serialised bytes (autosave, preferences, exports).
pub fn save_bytes(path: &Path, bytes: &[u8], options: &SaveOptions) -> Result<DiskStamp, SaveError> {
    atomic_write(path, options, |w| w.write_all(bytes))
}

/// Hashes what passes through (the same hash as `content_hash` of the whole) and counts it.
struct HashingWriter<W: Write> {
    inner: W,
    hash: u64,
    len: u64,
    pending: [u8; 8],
    pending_len: usize,
}

const HASH_K: u64 = 0x517c_c1b7_2722_0a95;

impl<W: Write> HashingWriter<W> {
    fn new(inner: W) -> Self {
        Self { inner, hash: 0, len: 0, pending: [0; 8], pending_len: 0 }
    }

    fn feed(&mut self, mut data: &[u8]) {
        self.len += data.len() as u64;
        if self.pending_len > 0 {
            let take = (8 - self.pending_len).min(data.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&data[..take]);
            self.pending_len += take;
            data = &data[take..];
            if self.pending_len < 8 {
                return;
            }
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(self.pending)).wrapping_mul(HASH_K);
            self.pending_len = 0;
        }
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(HASH_K);
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    /// The hash of all the bytes written, whatever pieces they were written in.
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        for &b in &self.pending[..self.pending_len] {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(HASH_K);
        }
        h ^ self.len.wrapping_mul(HASH_K)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.feed(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes to a temporary file in the same folder, flushes it to disk, keeps the previous file as
/// a backup, then renames the new file into place: a crash at any moment leaves the old file or
/// the new one, never a truncated file.
fn atomic_write(
    path: &Path,
    options: &SaveOptions,
    write: impl FnOnce(&mut std::io::BufWriter<HashingWriter<fs::File>>) -> std::io::Result<()>,
) -> Result<DiskStamp, SaveError> {
    let io_err = |source| SaveError::Io { path: path.to_path_buf(), source };
    if let (Some(expected), false) = (&options.expected, options.force)
        && changed_on_disk(path, expected)
    {
        return Err(SaveError::ChangedOnDisk { path: path.to_path_buf() });
    }
    // Through a symbolic link to the file it names: replacing the link would leave the real file
    // stale and the link gone.
    let target = follow_links(path);
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().ok_or_else(|| io_err(std::io::Error::other("no file name")))?;
    remove_stale_temp_files(path);
    let previous = fs::metadata(path).ok().filter(fs::Metadata::is_file);
    let tmp = temp_path(&dir, file_name);
    let written = (|| -> std::io::Result<(u64, u64)> {
        let f = create_like(&tmp, previous.as_ref())?;
        // Buffer in front of the hash, so the hash sees large pieces, not every token.
        let mut w = std::io::BufWriter::with_capacity(256 * 1024, HashingWriter::new(f));
        write(&mut w)?;
        let hashed = w.into_inner().map_err(|e| e.into_error())?;
        let (hash, len) = (hashed.finish(), hashed.len);
        hashed.inner.sync_all()?;
        Ok((hash, len))
    })();
    let (hash, len) = match written {
        Ok(x) => x,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(e));
        }
    };
    if options.backup && previous.is_some() {
        let bak = backup_path(path);
        let _ = fs::remove_file(&bak);
        // A hard link keeps the old contents under the backup name at no cost; a copy where
        // links are not supported.
        if fs::hard_link(path, &bak).is_err()
            && let Err(e) = fs::copy(path, &bak)
        {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(e));
        }
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    sync_dir(&dir);
    let modified = fs::metadata(path).ok().and_then(|m| m.modified().ok());
    Ok(DiskStamp { len, modified, hash })
}

/// The file a path names once symbolic links are followed (up to 40, as the kernel does); the
/// path itself when it is no link. A dangling link names the file it would point to.
fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&p) {
                Ok(t) if t.is_absolute() => p = t,
                Ok(t) => p = p.parent().map_or(t.clone(), |d| d.join(&t)),
                Err(_) => break,
            },
            _ => break,
        }
    }
    p
}

/// Creates the temporary file with the permissions (and, where allowed, the owner) of the file it
/// replaces, from the start: an HR file readable only by its owner stays so, even for a moment.
fn create_like(tmp: &Path, previous: Option<&fs::Metadata>) -> std::io::Result<fs::File> {
    let mut open = fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        if let Some(m) = previous {
            open.mode(m.mode() & 0o7777);
        }
        let f = open.open(tmp)?;
        if let Some(m) = previous {
            // The mode asked for is reduced by the umask: set it exactly.
            f.set_permissions(m.permissions())?;
            // Only root may give a file away; for anyone else this keeps their own ownership.
            let _ = std::os::unix::fs::fchown(&f, Some(m.uid()), Some(m.gid()));
        }
        Ok(f)
    }
    #[cfg(not(unix))]
    {
        let f = open.open(tmp)?;
        if let Some(m) = previous {
            let _ = f.set_permissions(m.permissions());
        }
        Ok(f)
    }
}

/// Removes temporary files of our own naming (`.NAME.tmp-PID-N`) that a save killed half-way
/// left beside `path`: those of processes no longer running, and any older than ten minutes
/// (no save takes that long; after a reboot, process ids are reused).
pub fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else { return };
    let me = std::process::id();
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        let Some((pid, n)) = rest.split_once('-') else { continue };
        let (Ok(pid), true) = (pid.parse::<u32>(), n.bytes().all(|b| b.is_ascii_digit())) else { continue };
        if pid == me {
            continue;
        }
        let old = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if old || !process_alive(pid) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether a process with this id is running (Linux: /proc); elsewhere only age decides.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

fn temp_path(dir: &Path, file_name: &std::ffi::OsStr) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = std::ffi::OsString::from(".");
    name.push(file_name);
    name.push(format!(".tmp-{}-{n}", std::process::id()));
    dir.join(name)
}

/// Whether the file differs from what was loaded: same length and time means unchanged;
/// otherwise the contents decide (a file merely touched is not a conflict).
fn changed_on_disk(path: &Path, expected: &DiskStamp) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        // Deleted or moved away since: writing it again loses nothing.
        return false;
    };
    if meta.len() == expected.len && meta.modified().ok() == expected.modified {
        return false;
    }
    match fs::read(path) {
        Ok(bytes) => content_hash(&bytes) != expected.hash,
        Err(_) => true,
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; failure only weakens durability, not correctness.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_hash_does_not_depend_on_the_pieces() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = content_hash(&data);
        for split in [1, 3, 7, 8, 9, 64, 999] {
            let mut w = HashingWriter::new(std::io::sink());
            for piece in data.chunks(split) {
                w.write_all(piece).unwrap();
            }
            assert_eq!(w.finish(), whole, "pieces of {split}");
        }
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_ne!(content_hash(b""), content_hash(b"\0"));
    }
}
