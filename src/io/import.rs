//! Importing actuals (and period targets) from the spreadsheets people already keep: CSV as
//! Chinese Excel and WPS write it (UTF-8 with or without BOM, or GBK/GB18030) and XLSX, in long
//! format (one row per KPI and period) or wide format (one column per period, headers like
//! `2026年1月`), with title rows above the header. Every problem is reported with the row (and
//! column) it is on; nothing is applied until the caller applies the preview.

use crate::i18n::Lang;
use crate::io::number::parse_number;
use crate::model::{DataElement, ElementValue, Frequency, Kpi, Period, Project};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::io::workbook::read_workbook;

/// One cell as read from the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number the workbook formats as a percentage: the fraction it stores (0.85 for 85 %).
    Percent(f64),
    Date(NaiveDate),
    /// A formula cell the file holds no calculated value for (a program that does not compute
    /// formulas wrote it); the formula.
    Uncomputed(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as the user sees it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => crate::model::lint::format_number(*n),
            Cell::Percent(f) => format!("{}%", crate::model::lint::format_number(percent_points(*f))),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Uncomputed(f) => f.clone(),
        }
    }
}

/// One sheet of a workbook, or the whole of a CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The file's row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// The file's column number (0-based) of each row's first cell.
    pub first_column: usize,
    /// Delimited text (CSV): a row with more cells than its header has shifted values.
    pub delimited: bool,
}

/// A file read for import.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub sheets: Vec<Sheet>,
    /// For CSV: the text encoding it was read in ("UTF-8", "GBK").
    pub encoding: Option<&'static str>,
    /// Whether the file says which cells are percentages (xlsx, ods). Where it does not (CSV, xls),
    /// values of % KPIs between 0 and 1 may be fractions, read as such only when asked.
    pub formats_known: bool,
}

/// A fraction as percentage points by decimal rules: 0.082 → 8.2 exactly (not
/// 8.200000000000001, as 0.082 × 100 is in binary). The fraction is taken at the 15 significant
/// digits a spreadsheet shows, so 0.08199999999999999 from an .xls is 8.2 as well.
pub fn percent_points(fraction: f64) -> f64 {
    if !fraction.is_finite() || fraction == 0.0 {
        return fraction * 100.0;
    }
    // The decimal a spreadsheet shows, with the exponent moved by two.
    let text = format!("{fraction:.14e}");
    match text.split_once('e').and_then(|(m, e)| Some((m, e.parse::<i32>().ok()?))) {
        Some((mantissa, exponent)) => {
            format!("{mantissa}e{}", exponent + 2).parse().unwrap_or(fraction * 100.0)
        }
        None => fraction * 100.0,
    }
}

/// Why a file could not be read at all. Nothing is imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Unreadable {
        path: String,
        reason: String,
        /// The reason in Chinese (the system says it in English).
        reason_zh: String,
    },
    UnknownKind {
        path: String,
    },
    Workbook(crate::io::workbook::ReaderProblem),
    Csv {
        line: u64,
        reason: String,
    },
    Empty,
    NotARegularFile {
        path: String,
    },
    NoHeader,
}

impl ImportError {
    pub fn describe(&self, lang: Lang) -> String {
        use crate::i18n::T;
        match self {
            ImportError::Unreadable { path, reason, reason_zh } => {
                let reason = match lang {
                    Lang::En => reason,
                    Lang::Zh => reason_zh,
                };
                crate::tr!(lang, LoadCannotRead, path = path, reason = reason)
            }
            ImportError::UnknownKind { path } => crate::tr!(lang, ImportUnknownKind, path = path),
            ImportError::Workbook(e) => crate::tr!(lang, ImportWorkbook, reason = e.describe(lang)),
            ImportError::Csv { line, reason } => {
                crate::tr!(lang, ImportCsvLine, line = line, reason = reason)
            }
            ImportError::Empty => T::ImportEmpty.get(lang).into(),
            ImportError::NotARegularFile { path } => crate::tr!(lang, ImportNotARegularFile, path = path),
            ImportError::NoHeader => T::ImportNoHeader.get(lang).into(),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// Reads a CSV or spreadsheet file, by its extension.
pub fn read_file(path: &Path) -> Result<Source, ImportError> {
    let unreadable = |reason: String, reason_zh: String| ImportError::Unreadable {
        path: path.display().to_string(),
        reason,
        reason_zh,
    };
    let bytes = crate::io::read_project_bytes(path).map_err(|e| match e {
        crate::io::LoadError::Io { source, .. } => {
            unreadable(source.to_string(), crate::io::os_error_text(&source, Lang::Zh))
        }
        crate::io::LoadError::NotARegularFile => {
            ImportError::NotARegularFile { path: path.display().to_string() }
        }
        e => unreadable(e.lines(Lang::En).join("; "), e.lines(Lang::Zh).join("；")),
    })?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => read_csv(&bytes),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => crate::io::workbook::read_workbook(bytes),
        _ => Err(ImportError::UnknownKind { path: path.display().to_string() }),
    }
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped), else GB18030, which covers GBK and GB2312 —
/// what Excel on a Chinese Windows writes for "CSV (逗号分隔)".
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(rest);
        return (text.into_owned(), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GBK")
        }
    }
}

/// The delimiter of a CSV text: the one of comma, semicolon and tab that splits the first lines
/// most consistently.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines.iter().map(|l| l.bytes().filter(|&b| b == d).count()).collect();
        let score =
            counts.iter().filter(|&&c| c > 0).count() * 1000 + counts.iter().max().copied().unwrap_or(0);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

pub fn read_csv(bytes: &[u8]) -> Result<Source, ImportError> {
    let (text, encoding) = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut first_row = None;
    let mut record = csv::StringRecord::new();
    // Row numbers as a spreadsheet shows them: one per record (however many lines a quoted note
    // spans) and one per blank line, which the reader skips without counting.
    let bytes = text.as_bytes();
    let (mut scanned, mut row_at) = (0usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The position is where the reader stood, before any blank lines it skipped.
                let mut start = record.position().map_or(scanned, |p| p.byte() as usize).min(bytes.len());
                while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
                    start += 1;
                }
                let first = usize::from(first_row.is_none());
                row_at += first + breaks_outside_quotes(&bytes[scanned.min(start)..start]);
                scanned = scanned.max(start);
                let row = row_at;
                if first_row.is_none() {
                    first_row = Some(row);
                }
                // Rows are addressed by index from `first_row`; keep blank lines so they count.
                let index = row - first_row.unwrap_or(row);
                while rows.len() < index {
                    rows.push(Vec::new());
                }
                rows.push(record.iter().map(|f| text_cell(strip_formula_guard(f))).collect());
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ImportError::Csv { line, reason: e.to_string() });
            }
        }
    }
    if rows.iter().all(|r: &Vec<Cell>| r.iter().all(Cell::is_empty)) {
        return Err(ImportError::Empty);
    }
    Ok(Source {
        sheets: vec![Sheet {
            name: "CSV".into(),
            rows,
            first_row: first_row.unwrap_or(1),
            first_column: 0,
            delimited: true,
        }],
        encoding: Some(encoding),
        formats_known: false,
    })
}

/// Whether a spreadsheet would run this text as a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The apostrophe `export_data::csv_field` puts before text a spreadsheet would run, removed.
fn strip_formula_guard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => field,
    }
}

/// Line breaks that end records or blank lines (not those inside a quoted field).
fn breaks_outside_quotes(bytes: &[u8]) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => n += 1,
            _ => {}
        }
    }
    n
}

/// A text cell, trimmed; blank text is an empty cell.
pub(crate) fn text_cell(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_string()) }
}

/// A period as written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKey {
    Day(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
}

/// The years a period in an imported file may lie in: anything else is a typing mistake
/// (`20266年1月`) that would make a date no project file can hold.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl PeriodKey {
    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        match *self {
            PeriodKey::Day(d) => d.year(),
            PeriodKey::Month(y, _)
            | PeriodKey::Quarter(y, _)
            | PeriodKey::Half(y, _)
            | PeriodKey::Year(y) => y,
        }
    }
}

impl std::fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeriodKey::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PeriodKey::Month(y, m) => write!(f, "{y}-{m:02}"),
            PeriodKey::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            PeriodKey::Half(y, h) => write!(f, "{y}-H{h}"),
            PeriodKey::Year(y) => write!(f, "{y}"),
        }
    }
}

const MONTHS_EN: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|x| x == c).map(|p| p as u32)
}

/// Parses a period as people write it: `2026-01`, `2026/1`, `202601`, `2026年1月`, `2026-01-31`,
/// `2026年1月31日`, `Jan 2026`, `2026-Q1`, `2026年第一季度`, `2026年一季度`, `2026-H2`,
/// `2026年上半年`, `2026`, `2026年`. Full-width digits are accepted.
pub fn parse_period(text: &str) -> Option<PeriodKey> {
    let s: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' | '／' | '．' => '-',
            'Ｑ' | 'ｑ' => 'Q',
            c => c,
        })
        .collect();
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_lowercase();
    // Chinese forms.
    if let Some((y, rest)) = s.split_once('年') {
        let year: i32 = y.trim().parse().ok()?;
        let rest = rest.trim();
        if rest.is_empty() {
            return Some(PeriodKey::Year(year));
        }
        if rest.starts_with("上半年") {
            return Some(PeriodKey::Half(year, 1));
        }
        if rest.starts_with("下半年") {
            return Some(PeriodKey::Half(year, 2));
        }
        if let Some(q) = rest.strip_suffix("季度").or_else(|| rest.strip_suffix("季")) {
            let q = q.trim_start_matches('第').trim().trim_start_matches('Q');
            let n = q.parse::<u32>().ok().or_else(|| {
                let mut chars = q.chars();
                let c = chars.next()?;
                chars.next().is_none().then(|| chinese_digit(c)).flatten()
            })?;
            return (1..=4).contains(&n).then_some(PeriodKey::Quarter(year, n));
        }
        if let Some(q) = rest.strip_prefix('Q') {
            let n: u32 = q.trim().parse().ok()?;
            return (1..=4).contains(&n).then_some(PeriodKey::Quarter(year, n));
        }
        if let Some((m, rest)) = rest.split_once('月') {
            let month: u32 = m.trim().parse().ok()?;
            let rest = rest.trim().trim_end_matches(['日', '号']);
            if rest.is_empty() {
                return (1..=12).contains(&month).then_some(PeriodKey::Month(year, month));
            }
            let day: u32 = rest.trim().parse().ok()?;
            return NaiveDate::from_ymd_opt(year, month, day).map(PeriodKey::Day);
        }
        return None;
    }
    // Quarters and halves: 2026-Q1, 2026Q1, 2026 Q1, Q1 2026, Q1-2026, 2026-H2.
    let compact: String = lower.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '/' | '.')).collect();
    for (marker, half) in [('q', false), ('h', true)] {
        if let Some(at) = compact.find(marker) {
            let (a, b) = compact.split_at(at);
            let b = &b[1..];
            let (year, n) = if a.len() == 4 && b.len() == 1 {
                (a.parse::<i32>().ok(), b.parse::<u32>().ok())
            } else if a.is_empty() && b.len() == 5 {
                // Byte lengths: `b` may hold other characters than digits (found by the fuzzer).
                (
                    b.get(1..).and_then(|y| y.parse::<i32>().ok()),
                    b.get(..1).and_then(|n| n.parse::<u32>().ok()),
                )
            } else {
                (None, None)
            };
            if let (Some(y), Some(n)) = (year, n) {
                return match half {
                    false if (1..=4).contains(&n) => Some(PeriodKey::Quarter(y, n)),
                    true if (1..=2).contains(&n) => Some(PeriodKey::Half(y, n)),
                    _ => None,
                };
            }
        }
    }
    // English month names: Jan 2026, January 2026, 2026-Jan, Jan-26 is not accepted (ambiguous).
    for (i, m) in MONTHS_EN.iter().enumerate() {
        if lower.contains(m) {
            let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4 {
                return Some(PeriodKey::Month(digits.parse().ok()?, i as u32 + 1));
            }
            return None;
        }
    }
    // Numeric forms: 2026, 202601, 20260131, 2026-01, 2026/1, 2026.01, 2026-01-31, 2026/1/31.
    let parts: Vec<&str> = s.split(['-', '/', '.', ' ']).filter(|p| !p.is_empty()).collect();
    if !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    match parts.as_slice() {
        [one] => match one.len() {
            4 => Some(PeriodKey::Year(one.parse().ok()?)),
            6 => {
                let (y, m) = (one[..4].parse().ok()?, one[4..].parse().ok()?);
                (1..=12).contains(&m).then_some(PeriodKey::Month(y, m))
            }
            8 => NaiveDate::from_ymd_opt(
                one[..4].parse().ok()?,
                one[4..6].parse().ok()?,
                one[6..].parse().ok()?,
            )
            .map(PeriodKey::Day),
            _ => None,
        },
        [y, m] if y.len() == 4 && m.len() <= 2 => {
            let m: u32 = m.parse().ok()?;
            (1..=12).contains(&m).then_some(PeriodKey::Month(y.parse().ok()?, m))
        }
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(PeriodKey::Day)
        }
        // 31/01/2026 and 01/31/2026 are ambiguous; only a day above 12 settles it.
        [a, b, y] if y.len() == 4 => {
            let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            let y: i32 = y.parse().ok()?;
            match (a > 12, b > 12) {
                (true, false) => NaiveDate::from_ymd_opt(y, b, a).map(PeriodKey::Day),
                (false, true) => NaiveDate::from_ymd_opt(y, a, b).map(PeriodKey::Day),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A period from a cell: text, an Excel date, or a number such as 2026 or 202601.
pub fn cell_period(cell: &Cell) -> Option<PeriodKey> {
    match cell {
        Cell::Date(d) => Some(PeriodKey::Day(*d)),
        Cell::Text(s) => parse_period(s),
        Cell::Number(n) if n.fract() == 0.0 => {
            let n = *n as i64;
            match n {
                1900..=2200 => Some(PeriodKey::Year(n as i32)),
                190_001..=220_012 => parse_period(&n.to_string()),
                19_000_101..=22_001_231 => parse_period(&n.to_string()),
                // A date column Excel stored as a serial number without a date format.
                20_000..=80_000 => crate::io::workbook::excel_date(n as f64).map(PeriodKey::Day),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Why a period does not fit a KPI.
#[derive(Clone, Debug, PartialEq)]
pub enum PeriodMismatch {
    /// e.g. a month for a quarterly KPI that is neither the quarter's first nor last month.
    NotAPeriodOf(Frequency),
}

/// The start date of the KPI period `key` stands for. A date counts for the period it starts or
/// ends; a month for a quarterly (half-yearly, yearly) KPI counts when it is the first or last
/// month of the period, as people label quarters either way.
pub fn period_date(key: PeriodKey, frequency: Frequency) -> Result<NaiveDate, PeriodMismatch> {
    let err = || PeriodMismatch::NotAPeriodOf(frequency);
    let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(err);
    let span = |first: NaiveDate, last_month_start: NaiveDate| -> Result<NaiveDate, PeriodMismatch> {
        // `first` … `last` is the span the key covers; it must be a whole period, or the first or
        // last month of one.
        let start = frequency.period_start(first);
        let end = frequency.period_end(start);
        let key_end = Frequency::Monthly.period_end(last_month_start);
        if start == first && (key_end == end || (first == last_month_start && frequency != Frequency::Weekly))
        {
            return Ok(start);
        }
        if first == last_month_start && key_end == end && frequency != Frequency::Weekly {
            return Ok(start);
        }
        Err(err())
    };
    match (key, frequency) {
        (PeriodKey::Day(d), f) => {
            let start = f.period_start(d);
            if d == start || d == f.period_end(start) {
                Ok(start)
            } else if f != Frequency::Weekly && chrono::Datelike::day(&d) == 1 {
                // The first of a month is how Excel stores a month typed as "2026/12" or shown
                // as "2026年12月": it means the month, as the same month written as text does.
                period_date(PeriodKey::Month(chrono::Datelike::year(&d), chrono::Datelike::month(&d)), f)
            } else {
                Err(err())
            }
        }
        (_, Frequency::Weekly) => Err(err()),
        (PeriodKey::Month(y, m), Frequency::Monthly) => ymd(y, m),
        (PeriodKey::Month(y, m), _) => {
            let first = ymd(y, m)?;
            span(first, first)
        }
        (PeriodKey::Quarter(y, q), f) => {
            let first = ymd(y, (q - 1) * 3 + 1)?;
            if f == Frequency::Quarterly {
                Ok(first)
            } else if f == Frequency::Monthly {
                Err(err())
            } else {
                span(first, ymd(y, q * 3)?)
            }
        }
        (PeriodKey::Half(y, h), f) => {
            let first = ymd(y, if h == 1 { 1 } else { 7 })?;
            match f {
                Frequency::HalfYearly => Ok(first),
                Frequency::Yearly => span(first, ymd(y, if h == 1 { 6 } else { 12 })?),
                _ => Err(err()),
            }
        }
        (PeriodKey::Year(y), Frequency::Yearly) => ymd(y, 1),
        (PeriodKey::Year(_), _) => Err(err()),
    }
}

/// Which value the wide format's period columns hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Field {
    #[default]
    Actual,
    Target,
}

/// Where the KPI is named in a row: a code column, a name column, or both (the code wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KpiColumns {
    pub code: Option<usize>,
    pub name: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    /// One row per KPI and period.
    Long { kpi: KpiColumns, period: usize, actual: Option<usize>, target: Option<usize>, note: Option<usize> },
    /// One row per KPI, one column per period.
    Wide { kpi: KpiColumns, periods: Vec<(usize, PeriodKey)>, field: Field },
}

/// How a sheet's columns map onto KPI periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub sheet: usize,
    /// Index into the sheet's rows of the header row; data starts below it.
    pub header_row: usize,
    pub layout: Layout,
    /// Read values between −1 and 1 of KPIs measured in percent as fractions (×100): what an
    /// Excel cell formatted as a percentage holds (0.85 for 85 %). Only for files that do not
    /// say which cells are percentages (`Source::formats_known`).
    pub percent_fractions: bool,
    /// The year taken for headers that name only a month (`1月` … `12月`): from a title above the
    /// header, else the current year. Shown to the user as a note.
    pub assumed_year: Option<i32>,
}

fn norm_header(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '（' | '）' | '(' | ')'))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Code,
    Name,
    Period,
    Actual,
    Target,
    Note,
}

/// What a header says its column holds.
fn header_role(text: &str) -> Option<Role> {
    let h = norm_header(text);
    let is = |words: &[&str]| words.iter().any(|w| h == *w);
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if is(&["code", "kpicode", "代码", "编码", "指标代码", "指标编码", "编号", "指标编号"])
    {
        Some(Role::Code)
    } else if is(&["kpi", "name", "kpiname", "indicator", "指标", "指标名称", "名称", "kpi名称"]) {
        Some(Role::Name)
    } else if is(&[
        "period",
        "month",
        "date",
        "quarter",
        "year",
        "期间",
        "月份",
        "日期",
        "时间",
        "季度",
        "年份",
        "年月",
        "统计期间",
        "考核期间",
    ]) {
        Some(Role::Period)
    } else if is(&["actual", "actuals", "value", "实际", "实际值", "完成值", "实绩", "实际完成", "完成"])
        || has(&["actual", "实际"])
    {
        Some(Role::Actual)
    } else if is(&["target", "plan", "目标", "目标值", "计划", "计划值"]) || has(&["target", "目标"])
    {
        Some(Role::Target)
    } else if is(&["note", "notes", "comment", "remark", "备注", "说明", "注释"]) {
        Some(Role::Note)
    } else {
        None
    }
}

/// Guesses the header row and the layout of a sheet: the first of its first 30 rows that names
/// a KPI column and either a period column (long) or at least two period columns (wide).
pub fn guess_mapping(source: &Source, sheet: usize) -> Result<Mapping, ImportError> {
    let s = source.sheets.get(sheet).ok_or(ImportError::Empty)?;
    for (r, row) in s.rows.iter().enumerate().take(30) {
        if let Some(layout) = layout_of_header(row) {
            return Ok(Mapping {
                sheet,
                header_row: r,
                layout,
                percent_fractions: false,
                assumed_year: None,
            });
        }
        // Headers of months without a year (1月 … 12月): the year of a title above, else this year.
        let year = s.rows[..r]
            .iter()
            .flatten()
            .find_map(|c| year_in_title(&c.text()))
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
        if let Some(layout) = layout_of_header_in_year(row, Some(year)) {
            return Ok(Mapping {
                sheet,
                header_row: r,
                layout,
                percent_fractions: false,
                assumed_year: Some(year),
            });
        }
    }
    Err(ImportError::NoHeader)
}

/// A year written in a title such as "星辰汽车 2026年 实际值" or "Actuals 2026".
fn year_in_title(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let run: String = chars[i..i + 4].iter().collect();
        let alone = |j: Option<&char>| j.is_none_or(|c| !c.is_ascii_digit());
        let before = if i == 0 { None } else { chars.get(i - 1) };
        (run.chars().all(|c| c.is_ascii_digit()) && alone(before) && alone(chars.get(i + 4)))
            .then(|| run.parse().ok())
            .flatten()
            .filter(|y| PLAUSIBLE_YEARS.contains(y))
    })
}

/// A month named without a year: `1月`, `一月`, `Jan`, `January`.
fn month_only(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Some(m) = t.strip_suffix('月') {
        let m = m.trim();
        if let Ok(n) = m.parse::<u32>() {
            return (1..=12).contains(&n).then_some(n);
        }
        let names = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
        return names.iter().position(|n| *n == m).map(|p| p as u32 + 1);
    }
    let lower = t.to_lowercase();
    MONTHS_EN
        .iter()
        .position(|m| {
            lower == *m
                || (lower.len() > 3 && lower.starts_with(m) && lower.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .map(|p| p as u32 + 1)
}

/// The layout a header row describes, if it describes one.
pub fn layout_of_header(row: &[Cell]) -> Option<Layout> {
    layout_of_header_in_year(row, None)
}

/// The layout a header row describes, reading headers that name only a month as months of `year`.
pub fn layout_of_header_in_year(row: &[Cell], year: Option<i32>) -> Option<Layout> {
    let mut kpi = KpiColumns::default();
    let (mut period, mut actual, mut target, mut note) = (None, None, None, None);
    let mut periods = Vec::new();
    for (c, cell) in row.iter().enumerate() {
        if let (Some(y), Cell::Text(t)) = (year, cell)
            && let Some(m) = month_only(t)
        {
            periods.push((c, PeriodKey::Month(y, m)));
            continue;
        }
        if let Some(p) = cell_period(cell).filter(|_| !matches!(cell, Cell::Number(_)) || row.len() > 2) {
            // A header that is a period, e.g. "2026年1月" (but a lone number is a value).
            if matches!(cell, Cell::Text(_) | Cell::Date(_)) {
                periods.push((c, p));
                continue;
            }
        }
        match header_role(&cell.text()) {
            Some(Role::Code) if kpi.code.is_none() => kpi.code = Some(c),
            Some(Role::Name) if kpi.name.is_none() => kpi.name = Some(c),
            Some(Role::Period) if period.is_none() => period = Some(c),
            Some(Role::Actual) if actual.is_none() => actual = Some(c),
            Some(Role::Target) if target.is_none() => target = Some(c),
            Some(Role::Note) if note.is_none() => note = Some(c),
            _ => {}
        }
    }
    if kpi.code.is_none() && kpi.name.is_none() {
        return None;
    }
    if periods.len() >= 2 {
        return Some(Layout::Wide { kpi, periods, field: Field::Actual });
    }
    if year.is_some() {
        // Only month headers make a layout worth assuming a year for.
        return None;
    }
    let period = period?;
    if actual.is_none() && target.is_none() {
        return None;
    }
    Some(Layout::Long { kpi, period, actual, target, note })
}

/// What is wrong with one entry of the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// No KPI with this code or name.
    UnknownKpi(String),
    /// Several KPIs have this name (and the row gives no code).
    AmbiguousKpi(String),
    MissingKpi,
    MissingPeriod,
    BadPeriod(String),
    /// The period is not one of the KPI's periods (a month for a quarterly KPI).
    WrongFrequency {
        /// The period as the cell shows it.
        period: String,
        /// The KPI, as "code name".
        kpi: String,
        frequency: Frequency,
    },
    /// A year outside `PLAUSIBLE_YEARS` (`20266年1月`), as the cell shows it.
    YearOutOfRange(String),
    /// Delimited text with more cells in the row than its header: an unquoted separator (`1,343.9`)
    /// has shifted the values after it.
    ExtraCells {
        cells: usize,
        header: usize,
    },
    /// A formula with no calculated value in the file.
    Uncomputed {
        column: String,
        formula: String,
    },
    BadNumber {
        text: String,
        column: String,
    },
    /// The same KPI and period appeared already, on this row.
    Duplicate {
        first_row: usize,
    },
    /// Neither an actual nor a target nor a note.
    NoValue,
    /// An actual for a computed KPI (its actuals come from its formula's data elements).
    ComputedActual {
        kpi: String,
        formula: String,
    },
    /// A target or note for a data element, which has values only.
    ElementValuesOnly {
        element: String,
    },
}

impl Problem {
    pub fn describe(&self, lang: Lang) -> String {
        use crate::i18n::T;
        match self {
            Problem::UnknownKpi(s) => crate::tr!(lang, ImportUnknownKpi, text = s),
            Problem::ComputedActual { kpi, formula } => {
                crate::tr!(lang, ImportComputedActual, kpi = kpi, formula = formula)
            }
            Problem::AmbiguousKpi(s) => crate::tr!(lang, ImportAmbiguousKpi, text = s),
            Problem::MissingKpi => T::ImportMissingKpi.get(lang).into(),
            Problem::MissingPeriod => T::ImportMissingPeriod.get(lang).into(),
            Problem::BadPeriod(s) => crate::tr!(lang, ImportBadPeriod, text = s),
            Problem::WrongFrequency { period, kpi, frequency } => {
                crate::tr!(
                    lang,
                    ImportWrongFrequency,
                    period = period,
                    kpi = kpi,
                    frequency = frequency.name(lang)
                )
            }
            Problem::YearOutOfRange(s) => crate::tr!(
                lang,
                ImportYearOutOfRange,
                text = s,
                first = PLAUSIBLE_YEARS.start(),
                last = PLAUSIBLE_YEARS.end()
            ),
            Problem::ExtraCells { cells, header } => {
                crate::tr!(lang, ImportExtraCells, cells = cells, header = header)
            }
            Problem::Uncomputed { column, formula } => {
                crate::tr!(lang, ImportUncomputed, column = column, formula = formula)
            }
            Problem::BadNumber { text, column } => {
                crate::tr!(lang, ImportBadNumber, column = column, text = text)
            }
            Problem::Duplicate { first_row } => crate::tr!(lang, ImportDuplicate, row = first_row),
            Problem::NoValue => T::ImportNoValue.get(lang).into(),
            Problem::ElementValuesOnly { element } => {
                crate::tr!(lang, ImportElementValuesOnly, element = element)
            }
        }
    }
}

/// One entry of the file (a row in long format; a row × period column in wide format).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The row number in the file (1-based, as the spreadsheet shows it).
    pub row: usize,
    /// The column letter(s) of the value, for wide format.
    pub column: Option<String>,
    pub kpi: Option<usize>,
    /// The data element the entry is a value of (then `kpi` is `None`).
    pub element: Option<usize>,
    pub period: Option<NaiveDate>,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub note: Option<String>,
    pub problem: Option<Problem>,
}

/// The outcome of mapping a file onto the project, before anything is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    pub entries: Vec<Entry>,
    pub accepted: usize,
    pub rejected: usize,
    /// Accepted entries that would change an existing actual or target.
    pub overwrites: usize,
    /// Accepted entries that change nothing (the value is already there).
    pub unchanged: usize,
    /// Accepted entries of percent KPIs whose values look like fractions (see
    /// `Mapping::percent_fractions`), scaled or not. Counted only for files that do not say
    /// which cells are percentages.
    pub percent_like: usize,
    /// Rows skipped as totals (合计, Total), by row number.
    pub skipped_totals: Vec<usize>,
    /// Rows of accepted entries whose period lies more than ten years outside the project's horizon.
    pub far_from_horizon: Vec<usize>,
    /// The year assumed for headers that name only a month.
    pub assumed_year: Option<i32>,
}

/// Spreadsheet column letters for a 0-based column: 0 → A, 27 → AB.
pub fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// What a row of the file is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowItem {
    Kpi(usize),
    Element(usize),
}

/// Looks KPIs up by code, then by name (case-insensitive, trimmed); with `find_item`, data
/// elements the same way when no KPI matches.
pub struct KpiLookup {
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    elements: Option<Box<KpiLookup>>,
}

impl KpiLookup {
    pub fn new(project: &Project) -> Self {
        let mut lookup = Self::of(project.kpis.iter().map(|k| (k.code.as_str(), k.name.as_str())));
        if !project.elements.is_empty() {
            lookup.elements =
                Some(Box::new(Self::of(project.elements.iter().map(|e| (e.code.as_str(), e.name.as_str())))));
        }
        lookup
    }

    fn of<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (code, name)) in items.enumerate() {
            if !code.trim().is_empty() {
                by_code.entry(code.trim().to_lowercase()).or_insert(i);
            }
            by_name.entry(name.trim().to_lowercase()).or_default().push(i);
        }
        Self { by_code, by_name, elements: None }
    }

    /// The KPI, or else the data element, a row names (data elements are imported exactly like
    /// actuals, matched by code or name).
    pub fn find_item(&self, code: Option<&str>, name: Option<&str>) -> Result<RowItem, Problem> {
        match self.find(code, name) {
            Ok(k) => Ok(RowItem::Kpi(k)),
            Err(e @ Problem::UnknownKpi(_)) => match &self.elements {
                Some(elements) => elements.find(code, name).map(RowItem::Element).map_err(|_| e),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    pub fn find(&self, code: Option<&str>, name: Option<&str>) -> Result<usize, Problem> {
        let code = code.map(str::trim).filter(|s| !s.is_empty());
        let name = name.map(str::trim).filter(|s| !s.is_empty());
        if let Some(c) = code {
            if let Some(&i) = self.by_code.get(&c.to_lowercase()) {
                return Ok(i);
            }
            // A code column holding names (or "F01 新车销售收入" as the table shows it).
            if let Some(first) = c.split_whitespace().next()
                && let Some(&i) = self.by_code.get(&first.to_lowercase())
            {
                return Ok(i);
            }
            if name.is_none() {
                return self.by_name(c);
            }
        }
        match name {
            // Name the KPI as the row does: by its code when it gives one.
            Some(n) => self.by_name(n).map_err(|e| match (e, code) {
                (Problem::UnknownKpi(_), Some(c)) => Problem::UnknownKpi(format!("{c} {n}")),
                (e, _) => e,
            }),
            None => Err(Problem::MissingKpi),
        }
    }

    fn by_name(&self, n: &str) -> Result<usize, Problem> {
        match self.by_name.get(&n.to_lowercase()).map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            Some([_, _, ..]) => Err(Problem::AmbiguousKpi(n.to_string())),
            _ => {
                // "F01 新车销售收入": the code first.
                if let Some(first) = n.split_whitespace().next()
                    && let Some(&i) = self.by_code.get(&first.to_lowercase())
                {
                    return Ok(i);
                }
                Err(Problem::UnknownKpi(n.to_string()))
            }
        }
    }
}

/// A computed KPI takes no typed actuals: they would be replaced by what its formula gives. The
/// value it has already (a file exported from this project, imported back) is no change.
fn computed_actual(
    project: &Project,
    k: usize,
    date: NaiveDate,
    actual: Option<f64>,
    label: &dyn Fn(usize) -> String,
) -> Result<(), Problem> {
    let kpi = &project.kpis[k];
    // The export writes a computed value as `format_number` shows it (40.65 for 40.6528…): the
    // same text is the same value.
    let same = |v: f64| {
        kpi.period(date).and_then(|p| p.actual).is_some_and(|a| {
            a == v || crate::model::lint::format_number(a) == crate::model::lint::format_number(v)
        })
    };
    match (&kpi.expression, actual) {
        (Some(formula), Some(v)) if !same(v) => {
            Err(Problem::ComputedActual { kpi: label(k), formula: formula.clone() })
        }
        _ => Ok(()),
    }
}

/// Cells that mean "no value" in spreadsheets people send around.
fn is_blank_marker(s: &str) -> bool {
    matches!(s.trim(), "-" | "—" | "–" | "/" | "n/a" | "N/A" | "NA" | "#N/A" | "无" | "暂无" | "——")
}

fn number_cell(cell: Option<&Cell>, column: &str) -> Result<Option<f64>, Problem> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Number(n)) if n.is_finite() => Ok(Some(*n)),
        Some(Cell::Percent(f)) if f.is_finite() && percent_points(*f).is_finite() => {
            Ok(Some(percent_points(*f)))
        }
        Some(c @ (Cell::Number(_) | Cell::Percent(_))) => {
            Err(Problem::BadNumber { text: c.text(), column: column.to_string() })
        }
        Some(Cell::Uncomputed(formula)) => {
            Err(Problem::Uncomputed { column: column.to_string(), formula: formula.clone() })
        }
        Some(Cell::Date(d)) => {
            Err(Problem::BadNumber { text: d.format("%Y-%m-%d").to_string(), column: column.to_string() })
        }
        Some(Cell::Text(s)) if is_blank_marker(s) => Ok(None),
        Some(Cell::Text(s)) => parse_number(s)
            .map_err(|_| Problem::BadNumber { text: s.trim().to_string(), column: column.to_string() }),
    }
}

/// Maps every entry of the sheet onto the project: which KPI and period, which values, and what
/// is wrong. `progress` counts the rows below the header done, for a progress bar.
pub fn preview(
    project: &Project,
    source: &Source,
    mapping: &Mapping,
    progress: Option<&AtomicUsize>,
) -> Preview {
    let Some(sheet) = source.sheets.get(mapping.sheet) else { return Preview::default() };
    let lookup = KpiLookup::new(project);
    let mut out = Preview { assumed_year: mapping.assumed_year, ..Preview::default() };
    // Fractions are scaled only where the file cannot say which cells are percentages.
    let scale_fractions = mapping.percent_fractions && !source.formats_known;
    let mut seen: HashMap<(RowItem, NaiveDate), usize> = HashMap::new();
    let header = sheet.rows.get(mapping.header_row);
    // The header's width, to its last named column: a delimited row wider than that has shifted.
    let header_width = header.map_or(0, |h| h.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1));
    let header_text = |c: usize| {
        header
            .and_then(|h| h.get(c))
            .map(Cell::text)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| column_letters(c + sheet.first_column))
    };
    let kpi_label = |k: usize| {
        let kpi = &project.kpis[k];
        if kpi.code.trim().is_empty() { kpi.name.clone() } else { format!("{} {}", kpi.code, kpi.name) }
    };
    let item_label = |item: RowItem| match item {
        RowItem::Kpi(k) => kpi_label(k),
        RowItem::Element(i) => {
            let e = &project.elements[i];
            if e.code.trim().is_empty() { e.name.clone() } else { format!("{} {}", e.code, e.name) }
        }
    };
    let frequency_of = |item: RowItem| match item {
        RowItem::Kpi(k) => project.frequency_of(&project.kpis[k]),
        RowItem::Element(i) => project.elements[i].frequency.unwrap_or(project.info.frequency),
    };
    // An entry's item, and what it may carry: a KPI's actual is refused when computed; a data
    // element has values only.
    let check_values = |item: RowItem, date: NaiveDate, e: &Entry| match item {
        RowItem::Kpi(k) => computed_actual(project, k, date, e.actual, &kpi_label),
        RowItem::Element(_) if e.target.is_some() || e.note.is_some() => {
            Err(Problem::ElementValuesOnly { element: item_label(item) })
        }
        RowItem::Element(_) => Ok(()),
    };
    let place = |e: &mut Entry, item: RowItem| match item {
        RowItem::Kpi(k) => e.kpi = Some(k),
        RowItem::Element(i) => e.element = Some(i),
    };
    let kpi_columns = match &mapping.layout {
        Layout::Long { kpi, .. } | Layout::Wide { kpi, .. } => *kpi,
    };
    let horizon = (project.info.start, project.info.end);
    for (r, row) in sheet.rows.iter().enumerate().skip(mapping.header_row + 1) {
        if let Some(p) = progress
            && r % 1024 == 0
        {
            p.store(r - mapping.header_row - 1, Ordering::Relaxed);
        }
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let row_number = sheet.first_row + r;
        let text_at = |c: Option<usize>| c.and_then(|c| row.get(c)).map(Cell::text);
        // A totals row (合计, Total) sums the rows above: skipped, and said so.
        if [kpi_columns.code, kpi_columns.name]
            .into_iter()
            .any(|c| text_at(c).is_some_and(|t| is_total_label(&t)))
        {
            out.skipped_totals.push(row_number);
            continue;
        }
        let entry = |column: Option<String>, kpi: Option<usize>| Entry {
            row: row_number,
            column,
            kpi,
            element: None,
            period: None,
            actual: None,
            target: None,
            note: None,
            problem: None,
        };
        if sheet.delimited {
            let cells = row.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1);
            if header_width > 0 && cells > header_width {
                let mut e = entry(None, None);
                e.problem = Some(Problem::ExtraCells { cells, header: header_width });
                push(&mut out, project, e, false, horizon);
                continue;
            }
        }
        match &mapping.layout {
            Layout::Long { kpi, period, actual, target, note } => {
                let mut e = entry(None, None);
                e.note = text_at(*note).filter(|s| !s.is_empty());
                e.problem = (|| {
                    let k = lookup.find_item(text_at(kpi.code).as_deref(), text_at(kpi.name).as_deref())?;
                    place(&mut e, k);
                    let cell = row.get(*period).filter(|c| !c.is_empty()).ok_or(Problem::MissingPeriod)?;
                    let date = period_of_cell(cell, frequency_of(k), || item_label(k))?;
                    e.period = Some(date);
                    e.actual = match actual {
                        Some(c) => number_cell(row.get(*c), &header_text(*c))?,
                        None => None,
                    };
                    e.target = match target {
                        Some(c) => number_cell(row.get(*c), &header_text(*c))?,
                        None => None,
                    };
                    if e.actual.is_none() && e.target.is_none() && e.note.is_none() {
                        return Err(Problem::NoValue);
                    }
                    check_values(k, date, &e)?;
                    if let Some(&first_row) = seen.get(&(k, date)) {
                        return Err(Problem::Duplicate { first_row });
                    }
                    seen.insert((k, date), row_number);
                    Ok(())
                })()
                .err();
                push(&mut out, project, e, scale_fractions, horizon);
            }
            Layout::Wide { kpi, periods, field } => {
                let found = lookup.find_item(text_at(kpi.code).as_deref(), text_at(kpi.name).as_deref());
                let k = match found {
                    Ok(k) => k,
                    Err(problem) => {
                        // Without a KPI the row's values go nowhere: one problem for the row.
                        let any = periods.iter().any(|(c, _)| row.get(*c).is_some_and(|x| !x.is_empty()));
                        if any {
                            let mut e = entry(None, None);
                            e.problem = Some(problem);
                            push(&mut out, project, e, false, horizon);
                        }
                        continue;
                    }
                };
                let f = frequency_of(k);
                let header_cells = header.map(Vec::as_slice).unwrap_or_default();
                for &(c, key) in periods {
                    let cell = row.get(c);
                    if cell.is_none_or(|x| x.is_empty() || matches!(x, Cell::Text(s) if is_blank_marker(s))) {
                        continue;
                    }
                    let mut e = entry(Some(column_letters(c + sheet.first_column)), None);
                    place(&mut e, k);
                    e.problem = (|| {
                        let shown = header_cells.get(c).map(Cell::text).unwrap_or_else(|| key.to_string());
                        let date = key_date(key, &shown, f, || item_label(k))?;
                        e.period = Some(date);
                        let v = number_cell(cell, &header_text(c))?;
                        match field {
                            Field::Actual => e.actual = v,
                            Field::Target => e.target = v,
                        }
                        check_values(k, date, &e)?;
                        if let Some(&first_row) = seen.get(&(k, date)) {
                            return Err(Problem::Duplicate { first_row });
                        }
                        seen.insert((k, date), row_number);
                        Ok(())
                    })()
                    .err();
                    push(&mut out, project, e, scale_fractions, horizon);
                }
            }
        }
    }
    if let Some(p) = progress {
        p.store(sheet.rows.len().saturating_sub(mapping.header_row + 1), Ordering::Relaxed);
    }
    if source.formats_known {
        // The file said which cells are percentages; nothing is left to guess.
        out.percent_like = 0;
    }
    out
}

/// What the user should know about an import besides its rejected rows: skipped totals rows,
/// an assumed year, periods far outside the horizon.
pub fn notes(preview: &Preview, lang: Lang) -> Vec<String> {
    let rows = |v: &[usize]| {
        let mut s: Vec<String> = v.iter().take(10).map(usize::to_string).collect();
        if v.len() > 10 {
            s.push("…".into());
        }
        s.join(", ")
    };
    let mut out = Vec::new();
    if let Some(y) = preview.assumed_year {
        out.push(crate::tr!(lang, ThePeriodHeadersNameMonths, y = y));
    }
    if !preview.skipped_totals.is_empty() {
        out.push(crate::tr!(lang, TotalsRowsSkipped, rows = rows(&preview.skipped_totals)));
    }
    if !preview.far_from_horizon.is_empty() {
        out.push(crate::tr!(
            lang,
            FarFromHorizon,
            n = preview.far_from_horizon.len(),
            rows = rows(&preview.far_from_horizon)
        ));
    }
    out
}

/// A row label that marks a totals row.
fn is_total_label(text: &str) -> bool {
    let t = norm_header(text);
    matches!(
        t.as_str(),
        "合计"
            | "总计"
            | "小计"
            | "总和"
            | "合計"
            | "總計"
            | "total"
            | "totals"
            | "grandtotal"
            | "subtotal"
            | "sum"
    )
}

/// The KPI period a period cell stands for, or why it stands for none.
fn period_of_cell(cell: &Cell, frequency: Frequency, kpi: impl Fn() -> String) -> Result<NaiveDate, Problem> {
    let key = cell_period(cell).ok_or_else(|| Problem::BadPeriod(cell.text()))?;
    key_date(key, &cell.text(), frequency, kpi)
}

/// The KPI period of a period key; `shown` is the key as the file shows it, for messages.
fn key_date(
    key: PeriodKey,
    shown: &str,
    frequency: Frequency,
    kpi: impl Fn() -> String,
) -> Result<NaiveDate, Problem> {
    if !PLAUSIBLE_YEARS.contains(&key.year()) {
        return Err(Problem::YearOutOfRange(shown.to_string()));
    }
    period_date(key, frequency).map_err(|_| Problem::WrongFrequency {
        period: shown.to_string(),
        kpi: kpi(),
        frequency,
    })
}

/// Whether a KPI is measured in percent points (its unit is % and its target above 1 %), so that
/// a value between −1 and 1 is more likely a fraction from a percent-formatted cell.
fn percent_kpi(kpi: &crate::model::Kpi) -> bool {
    matches!(kpi.unit.trim(), "%" | "％") && kpi.target.is_some_and(|t| t.abs() > 1.0)
}

fn push(
    out: &mut Preview,
    project: &Project,
    mut e: Entry,
    scale_fractions: bool,
    horizon: (NaiveDate, NaiveDate),
) {
    if let Some(k) = e.kpi.filter(|_| e.problem.is_none())
        && percent_kpi(&project.kpis[k])
    {
        let fraction = |v: &Option<f64>| v.is_some_and(|v| v != 0.0 && v.abs() <= 1.0);
        if fraction(&e.actual) || fraction(&e.target) {
            out.percent_like += 1;
            if scale_fractions {
                for v in [&mut e.actual, &mut e.target] {
                    if fraction(v) {
                        *v = v.map(percent_points);
                    }
                }
            }
        }
    }
    // More than ten years before the horizon or after it: accepted, but pointed out.
    if let Some(d) = e.period.filter(|_| e.problem.is_none()) {
        use chrono::Datelike;
        if d.year() < horizon.0.year() - 10 || d.year() > horizon.1.year() + 10 {
            out.far_from_horizon.push(e.row);
        }
    }
    if e.problem.is_some() {
        out.rejected += 1;
    } else {
        out.accepted += 1;
        if let (Some(i), Some(date), Some(v)) = (e.element, e.period, e.actual)
            && let Some(old) = project.elements[i].value_at(date)
        {
            if old == v {
                out.unchanged += 1;
            } else {
                out.overwrites += 1;
            }
        }
        if let (Some(k), Some(date)) = (e.kpi, e.period)
            && let Some(old) = project.kpis[k].period(date)
        {
            let computed = project.kpis[k].expression.is_some();
            let same = e.actual.is_none_or(|a| computed || old.actual == Some(a))
                && e.target.is_none_or(|t| old.target == Some(t))
                && e.note.as_ref().is_none_or(|n| old.note.as_ref() == Some(n));
            if same {
                out.unchanged += 1;
            } else if (e.actual.is_some() && old.actual.is_some())
                || (e.target.is_some() && old.target.is_some())
            {
                out.overwrites += 1;
            }
        }
    }
    out.entries.push(e);
}

/// The KPIs the accepted entries change, with their series merged: a value in the file replaces
/// the one in the project; what the file leaves empty is kept.
pub fn updated_kpis(project: &Project, preview: &Preview) -> Vec<Kpi> {
    let mut by_kpi: HashMap<usize, Vec<&Entry>> = HashMap::new();
    for e in preview.entries.iter().filter(|e| e.problem.is_none()) {
        if let Some(k) = e.kpi {
            by_kpi.entry(k).or_default().push(e);
        }
    }
    let mut kpis: Vec<usize> = by_kpi.keys().copied().collect();
    kpis.sort_unstable();
    let mut out = Vec::with_capacity(kpis.len());
    for k in kpis {
        let mut kpi = project.kpis[k].clone();
        let mut changed = false;
        let mut index: HashMap<NaiveDate, usize> =
            kpi.series.iter().enumerate().map(|(i, p)| (p.date, i)).collect();
        for e in &by_kpi[&k] {
            let Some(date) = e.period else { continue };
            let i = *index.entry(date).or_insert_with(|| {
                kpi.series.push(Period::new(date));
                kpi.series.len() - 1
            });
            let computed = kpi.expression.is_some();
            let p = &mut kpi.series[i];
            let before = p.clone();
            // A computed KPI's actual comes from its formula (the importer let only its own value
            // through).
            if e.actual.is_some() && !computed {
                p.actual = e.actual;
            }
            if e.target.is_some() {
                p.target = e.target;
            }
            if e.note.is_some() {
                p.note = e.note.clone();
            }
            changed |= *p != before;
        }
        if changed {
            kpi.series.sort_by_key(|p| p.date);
            out.push(kpi);
        }
    }
    out
}

/// The data elements the accepted entries change, with their values merged as `updated_kpis`
/// merges KPIs' series.
pub fn updated_elements(project: &Project, preview: &Preview) -> Vec<DataElement> {
    let mut changed: std::collections::BTreeMap<usize, DataElement> = std::collections::BTreeMap::new();
    for e in preview.entries.iter().filter(|e| e.problem.is_none()) {
        let (Some(i), Some(date), Some(value)) = (e.element, e.period, e.actual) else { continue };
        if project.elements[i].value_at(date) == Some(value) {
            continue;
        }
        let el = changed.entry(i).or_insert_with(|| project.elements[i].clone());
        match el.series.binary_search_by(|v| v.date.cmp(&date)) {
            Ok(j) => el.series[j].value = value,
            Err(j) => el.series.insert(j, ElementValue { date, value }),
        }
    }
    changed.into_values().collect()
}

/// What happened, for a status line or the command line: "1,200 entries imported into 40 KPIs;
/// 3 rejected".
pub fn summary(preview: &Preview, kpis: usize, lang: Lang) -> String {
    crate::tr!(
        lang,
        ImportSummary,
        accepted = preview.accepted,
        kpis = kpis,
        overwrites = preview.overwrites,
        unchanged = preview.unchanged,
        rejected = preview.rejected
    )
}

/// "row 12, C: …" — an entry's place and problem, for lists of rejected rows.
pub fn describe_entry(e: &Entry, lang: Lang) -> String {
    let place = match &e.column {
        Some(c) => crate::tr!(lang, RowColumn, row = e.row, column = c),
        None => crate::tr!(lang, RowOnly, row = e.row),
    };
    match &e.problem {
        Some(p) => crate::tr!(lang, Labelled, label = place, text = p.describe(lang)),
        None => place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_people_write_them() {
        let m = |y, m| Some(PeriodKey::Month(y, m));
        assert_eq!(parse_period("2026-01"), m(2026, 1));
        assert_eq!(parse_period("2026/1"), m(2026, 1));
        assert_eq!(parse_period("2026.10"), m(2026, 10));
        assert_eq!(parse_period("202603"), m(2026, 3));
        assert_eq!(parse_period("2026年1月"), m(2026, 1));
        assert_eq!(parse_period("２０２６年１２月"), m(2026, 12));
        assert_eq!(parse_period("Jan 2026"), m(2026, 1));
        assert_eq!(parse_period("September 2025"), m(2025, 9));
        let d = |y, m, dd| Some(PeriodKey::Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(parse_period("2026-01-31"), d(2026, 1, 31));
        assert_eq!(parse_period("2026/3/1"), d(2026, 3, 1));
        assert_eq!(parse_period("2026年3月1日"), d(2026, 3, 1));
        assert_eq!(parse_period("31/01/2026"), d(2026, 1, 31));
        assert_eq!(parse_period("01/02/2026"), None, "ambiguous day and month");
        let q = |y, n| Some(PeriodKey::Quarter(y, n));
        assert_eq!(parse_period("2026-Q1"), q(2026, 1));
        assert_eq!(parse_period("2026Q3"), q(2026, 3));
        assert_eq!(parse_period("Q4 2025"), q(2025, 4));
        assert_eq!(parse_period("2026年第一季度"), q(2026, 1));
        assert_eq!(parse_period("2026年二季度"), q(2026, 2));
        assert_eq!(parse_period("2026年第3季度"), q(2026, 3));
        assert_eq!(parse_period("2026-H2"), Some(PeriodKey::Half(2026, 2)));
        assert_eq!(parse_period("2026年上半年"), Some(PeriodKey::Half(2026, 1)));
        assert_eq!(parse_period("2026"), Some(PeriodKey::Year(2026)));
        assert_eq!(parse_period("2026年"), Some(PeriodKey::Year(2026)));
        for bad in [
            "",
            "13月",
            "2026-13",
            "2026年13月",
            "2026-Q5",
            "soon",
            "1月",
            "2026-02-30",
            "q憛@v",
            "h憛@v",
            "Q1 ２０２６x",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert_eq!(cell_period(&Cell::Number(202601.0)), m(2026, 1));
        assert_eq!(cell_period(&Cell::Number(46023.0)), d(2026, 1, 1), "an Excel serial date");
    }

    #[test]
    fn periods_fit_a_kpi_frequency_or_are_refused() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        use Frequency::*;
        assert_eq!(period_date(PeriodKey::Month(2026, 3), Monthly), Ok(date(2026, 3, 1)));
        assert_eq!(period_date(PeriodKey::Day(date(2026, 3, 31)), Monthly), Ok(date(2026, 3, 1)));
        assert!(period_date(PeriodKey::Day(date(2026, 3, 15)), Monthly).is_err());
        // A quarter labelled by its first or last month.
        assert_eq!(period_date(PeriodKey::Month(2026, 4), Quarterly), Ok(date(2026, 4, 1)));
        assert_eq!(period_date(PeriodKey::Month(2026, 6), Quarterly), Ok(date(2026, 4, 1)));
        assert!(period_date(PeriodKey::Month(2026, 5), Quarterly).is_err());
        assert_eq!(period_date(PeriodKey::Quarter(2026, 2), Quarterly), Ok(date(2026, 4, 1)));
        assert!(period_date(PeriodKey::Quarter(2026, 2), Monthly).is_err());
        assert_eq!(period_date(PeriodKey::Year(2026), Yearly), Ok(date(2026, 1, 1)));
        assert!(period_date(PeriodKey::Year(2026), Monthly).is_err());
        assert_eq!(period_date(PeriodKey::Day(date(2026, 11, 23)), Weekly), Ok(date(2026, 11, 23)));
        assert!(period_date(PeriodKey::Month(2026, 11), Weekly).is_err());
    }

    #[test]
    fn column_letters_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_in_gbk_with_title_rows_and_semicolons() {
        let text = "星辰汽车 2026年9月 实际值\n\n指标代码;期间;实际值;备注\nF01;2026-09;1,180;\nF02;2026年9月;85%;好\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let source = read_csv(&gbk).unwrap();
        assert_eq!(source.encoding, Some("GBK"));
        let sheet = &source.sheets[0];
        assert_eq!(sheet.rows[0][0], Cell::Text("星辰汽车 2026年9月 实际值".into()));
        let m = guess_mapping(&source, 0).unwrap();
        assert_eq!(sheet.first_row + m.header_row, 3, "the header is on line 3");
        assert!(matches!(
            m.layout,
            Layout::Long { period: 1, actual: Some(2), target: None, note: Some(3), .. }
        ));
        // UTF-8 with a BOM reads the same.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let utf8 = read_csv(&bom).unwrap();
        assert_eq!(utf8.encoding, Some("UTF-8"));
        assert_eq!(utf8.sheets, source.sheets);
    }
}
