//! Reading workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) for import, safely: every third-party
//! reader runs behind a panic guard, cells are read sparsely (a stray cell at XFD1048576 costs one
//! cell, not the sheet's bounding box), and what is read is capped, so a damaged or hostile file
//! gets a message instead of crashing or exhausting memory. Number formats are kept where the file
//! has them, so a cell formatted as a percentage reads as one.

use super::import::{Cell, ImportError, Sheet, Source, text_cell};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The most filled cells one workbook may hold: several times the largest real import (100,000
/// rows of five columns), and about 200 MB in memory at the most.
pub const MAX_CELLS: usize = 4_000_000;
/// A sheet's rows and columns, as far as Excel goes.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
/// The most a workbook may unpack to (all its parts) and its largest part: a zip bomb is refused
/// before anything is inflated.
const MAX_UNPACKED: u64 = 1024 * 1024 * 1024;
const MAX_PART: u64 = 512 * 1024 * 1024;

/// Reads a workbook from its bytes, whatever they are: never panics, never allocates by what the
/// file claims.
pub fn read_workbook(bytes: Vec<u8>) -> Result<Source, ImportError> {
    guard(move || read_workbook_unguarded(bytes))
}

fn read_workbook_unguarded(bytes: Vec<u8>) -> Result<Source, ImportError> {
    // Whether the reader sees number formats: xlsx styles and ODS value types say which cells are
    // percentages; calamine's .xls and .xlsb readers do not tell.
    let (sheets, formats_known) = if bytes.starts_with(b"PK") {
        check_zip(&bytes)?;
        if is_ods(&bytes) { (read_ods(&bytes)?, true) } else { read_ooxml(bytes)? }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        (read_xls(bytes)?, false)
    } else {
        return Err(ImportError::Workbook(ReaderProblem::NotAWorkbook));
    };
    let sheets: Vec<Sheet> =
        sheets.into_iter().filter(|s| !s.cells.is_empty()).map(SparseSheet::into_sheet).collect();
    if sheets.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Source { sheets, encoding: None, formats_known })
}

/// What went wrong inside a workbook: shown to the user as "the spreadsheet cannot be opened".
#[derive(Debug, Clone, PartialEq)]
pub enum ReaderProblem {
    /// Neither a zip (xlsx, ods) nor an OLE (xls) container.
    NotAWorkbook,
    /// The reader found the file damaged; its own words.
    Damaged(String),
    /// The reader crashed on the file: it is damaged in a way the reader did not expect.
    Crashed,
    /// More filled cells than `MAX_CELLS`.
    TooManyCells { sheet: String },
    /// A cell beyond Excel's last row or column.
    TooFar { sheet: String },
    /// An .xls sheet whose cells span more than `MAX_XLS_BOX` (rows × columns).
    XlsTooWide { cells: u64 },
    /// The zip's parts unpack to more than the limit.
    TooLargeUnpacked { bytes: u64 },
    /// Encrypted or password protected.
    Protected,
}

impl ReaderProblem {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::T;
        match self {
            ReaderProblem::NotAWorkbook => T::NotAWorkbook.get(lang).into(),
            ReaderProblem::Damaged(detail) => crate::tr!(lang, WorkbookDamaged, detail = detail),
            ReaderProblem::Crashed => T::WorkbookCrashed.get(lang).into(),
            ReaderProblem::TooManyCells { sheet } => {
                crate::tr!(lang, SheetTooManyCells, sheet = sheet, max = MAX_CELLS)
            }
            ReaderProblem::TooFar { sheet } => {
                crate::tr!(lang, SheetCellTooFar, sheet = sheet, rows = MAX_ROWS, columns = MAX_COLUMNS)
            }
            ReaderProblem::XlsTooWide { cells } => {
                crate::tr!(lang, XlsTooWide, cells = cells, max = MAX_XLS_BOX)
            }
            ReaderProblem::TooLargeUnpacked { bytes } => crate::tr!(
                lang,
                WorkbookTooLargeUnpacked,
                max = MAX_UNPACKED / 1_000_000,
                mb = bytes / 1_000_000
            ),
            ReaderProblem::Protected => T::WorkbookProtected.get(lang).into(),
        }
    }
}

/// Runs a reader; a panic inside it becomes `ReaderProblem::Crashed`, and its message is not
/// printed (the user is told the file is damaged instead).
pub fn guard<T>(read: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    install_quiet_hook();
    QUIET.with(|q| q.set(q.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|q| q.set(q.get() - 1));
    result.unwrap_or(Err(ImportError::Workbook(ReaderProblem::Crashed)))
}

thread_local! {
    /// How many guarded readers this thread is inside: their panics are expected and not printed.
    static QUIET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) == 0 {
                previous(info);
            }
        }));
    });
}

fn damaged(e: impl std::fmt::Display) -> ImportError {
    ImportError::Workbook(ReaderProblem::Damaged(e.to_string()))
}

/// Refuses a zip whose parts claim to unpack beyond the limits (a zip bomb), before any is read.
fn check_zip(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(damaged)?;
        if part.encrypted() {
            return Err(ImportError::Workbook(ReaderProblem::Protected));
        }
        total = total.saturating_add(part.size());
        if part.size() > MAX_PART || total > MAX_UNPACKED {
            return Err(ImportError::Workbook(ReaderProblem::TooLargeUnpacked {
                bytes: total.max(part.size()),
            }));
        }
    }
    // calamine reserves room for as many shared strings as the file declares before reading one:
    // a damaged count (4294967295) would ask for 100 GB and end the process. Each string takes at
    // least `<si></si>` (9 bytes), so a count the part cannot hold is a damaged file.
    let name = (0..zip.len()).find_map(|i| {
        let n = zip.by_index_raw(i).ok()?.name().ok()?.to_string();
        n.to_ascii_lowercase().ends_with("sharedstrings.xml").then_some(n)
    });
    if let Some(name) = name {
        let mut part = zip.by_name(&name).map_err(damaged)?;
        let size = part.size();
        let mut head = Vec::new();
        part.by_ref().take(4096).read_to_end(&mut head).map_err(damaged)?;
        let head = String::from_utf8_lossy(&head);
        for attribute in ["uniqueCount=\""] {
            if let Some(at) = head.find(attribute) {
                let digits: String =
                    head[at + attribute.len()..].chars().take_while(|c| c.is_ascii_digit()).collect();
                let declared: u64 = digits.parse().unwrap_or(u64::MAX);
                if declared.saturating_mul(9) > size.saturating_add(64) {
                    return Err(damaged(format!(
                        "the shared strings declare {digits} strings, more than the part holds"
                    )));
                }
            }
        }
    }
    Ok(())
}

fn is_ods(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let Ok(mut part) = zip.by_name("mimetype") else { return zip.by_name("content.xml").is_ok() };
    let mut kind = String::new();
    let _ = part.by_ref().take(200).read_to_string(&mut kind);
    kind.contains("opendocument.spreadsheet")
}

/// Filled cells of one sheet, by position, collected within the limits.
struct SparseSheet {
    name: String,
    cells: BTreeMap<(u32, u32), Cell>,
}

impl SparseSheet {
    fn new(name: String) -> Self {
        Self { name, cells: BTreeMap::new() }
    }

    fn put(&mut self, row: u32, column: u32, cell: Cell, budget: &mut usize) -> Result<(), ImportError> {
        if cell.is_empty() {
            return Ok(());
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(ImportError::Workbook(ReaderProblem::TooFar { sheet: self.name.clone() }));
        }
        if *budget == 0 {
            return Err(ImportError::Workbook(ReaderProblem::TooManyCells { sheet: self.name.clone() }));
        }
        if self.cells.insert((row, column), cell).is_none() {
            *budget -= 1;
        }
        Ok(())
    }

    /// Rows from the first filled one to the last, each as long as its last filled cell, starting
    /// at the first filled column.
    fn into_sheet(self) -> Sheet {
        let first_row = self.cells.keys().map(|&(r, _)| r).min().unwrap_or(0);
        let first_column = self.cells.keys().map(|&(_, c)| c).min().unwrap_or(0);
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for ((r, c), cell) in self.cells {
            let (r, c) = ((r - first_row) as usize, (c - first_column) as usize);
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = cell;
        }
        Sheet {
            name: self.name,
            rows,
            first_row: first_row as usize + 1,
            first_column: first_column as usize,
            delimited: false,
        }
    }
}

/// Excel's serial day number (days since 1899-12-30) as a date.
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

fn iso_date_cell(s: &str) -> Cell {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").map_or_else(|_| text_cell(s), Cell::Date)
}

/// calamine's owned cell as the borrowed kind its cell readers give.
fn data_ref(d: &calamine::Data) -> calamine::DataRef<'_> {
    use calamine::{Data, DataRef};
    match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

fn data_cell(d: calamine::DataRef<'_>, percent: bool) -> Cell {
    use calamine::DataRef;
    let number = |f: f64| if percent { Cell::Percent(f) } else { Cell::Number(f) };
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(&s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => number(f),
        DataRef::Int(i) => number(i as f64),
        DataRef::Bool(b) => Cell::Number(if b { 1.0 } else { 0.0 }),
        DataRef::DateTime(d) => excel_date(d.as_f64()).map_or(Cell::Number(d.as_f64()), Cell::Date),
        DataRef::DateTimeIso(s) => iso_date_cell(&s),
        DataRef::DurationIso(s) => text_cell(&s),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Whether an Excel number format shows the value as a percentage: a `%` outside quotes and
/// escapes in its first (positive) section.
pub fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut escaped, mut bracket) = (false, false, false);
    for ch in code.chars() {
        match (quoted, escaped, bracket, ch) {
            (_, true, _, _) => escaped = false,
            (false, false, false, '\\') => escaped = true,
            (_, false, false, '"') => quoted = !quoted,
            (false, false, false, '[') => bracket = true,
            (false, false, true, ']') => bracket = false,
            (false, false, false, ';') => return false,
            (false, false, false, '%') => return true,
            _ => {}
        }
    }
    false
}

/// xlsx, xlsm and xlsb through calamine's cell readers: sparse, in stream order.
fn read_ooxml(bytes: Vec<u8>) -> Result<(Vec<SparseSheet>, bool), ImportError> {
    use calamine::Reader;
    let mut budget = MAX_CELLS;
    let mut out = Vec::new();
    let mut xlsx = match calamine::Xlsx::new(Cursor::new(bytes.clone())) {
        Ok(x) => x,
        Err(calamine::XlsxError::Password) => return Err(ImportError::Workbook(ReaderProblem::Protected)),
        Err(xlsx_error) => {
            // Perhaps an .xlsb.
            return match calamine::Xlsb::new(Cursor::new(bytes)) {
                Ok(mut xlsb) => Ok((read_xlsb(&mut xlsb)?, false)),
                Err(_) => Err(damaged(xlsx_error)),
            };
        }
    };
    for name in xlsx.sheet_names() {
        let mut sheet = SparseSheet::new(name.clone());
        let mut uncomputed = false;
        {
            let mut reader = match xlsx.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // A chart sheet or a dialog sheet: nothing to import.
                Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
                Err(e) => return Err(damaged(e)),
            };
            let percent_styles: Vec<bool> = reader
                .styles()
                .iter()
                .map(|s| s.number_format.as_ref().is_some_and(|f| is_percent_format(&f.format_code)))
                .collect();
            while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(damaged)? {
                let (row, column) = cell.get_position();
                let value = cell.get_value().clone();
                uncomputed |= value == calamine::DataRef::Empty;
                let percent = percent_styles.get(style).copied().unwrap_or(false);
                sheet.put(row, column, data_cell(value, percent), &mut budget)?;
            }
        }
        if uncomputed {
            // Some cells had no value: those with a formula were never calculated (written by a
            // program that does not compute formulas). Say so instead of "no actual".
            let mut reader = xlsx.worksheet_cells_reader(&name).map_err(damaged)?;
            while let Some(f) = reader.next_formula().map_err(damaged)? {
                let (row, column) = f.get_position();
                if !f.get_value().is_empty() && !sheet.cells.contains_key(&(row, column)) {
                    let formula = format!("={}", f.get_value());
                    sheet.put(row, column, Cell::Uncomputed(formula), &mut budget)?;
                }
            }
        }
        out.push(sheet);
    }
    Ok((out, true))
}

fn read_xlsb<RS: std::io::Read + std::io::Seek>(
    xlsb: &mut calamine::Xlsb<RS>,
) -> Result<Vec<SparseSheet>, ImportError> {
    use calamine::Reader;
    let mut budget = MAX_CELLS;
    let mut out = Vec::new();
    for name in xlsb.sheet_names() {
        let mut sheet = SparseSheet::new(name.clone());
        let mut reader = xlsb.worksheet_cells_reader(&name).map_err(damaged)?;
        while let Some(cell) = reader.next_cell().map_err(damaged)? {
            let (row, column) = cell.get_position();
            sheet.put(row, column, data_cell(cell.get_value().clone(), false), &mut budget)?;
        }
        drop(reader);
        out.push(sheet);
    }
    Ok(out)
}

/// The most cells an .xls sheet's bounding box may span before calamine is asked for it: its
/// reader lays a sheet out densely (BIFF8 allows 65,536 × 256 cells, about 1 GB as calamine stores
/// values and formulas). Two million (65,536 rows × 30 columns) is about 100 MB at the most.
const MAX_XLS_BOX: u64 = 2_000_000;

/// .xls (BIFF) through calamine. Its reader parses every sheet up front; a damaged file is
/// refused by the guard around it or by the checks here.
fn read_xls(bytes: Vec<u8>) -> Result<Vec<SparseSheet>, ImportError> {
    use calamine::Reader;
    super::xls_check::check(&bytes, MAX_XLS_BOX).map_err(|e| match e {
        super::xls_check::XlsDamage::Structure(what) => damaged(what),
        super::xls_check::XlsDamage::TooLarge { cells } => {
            ImportError::Workbook(ReaderProblem::XlsTooWide { cells })
        }
    })?;
    let mut xls = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => ImportError::Workbook(ReaderProblem::Protected),
        e => damaged(e),
    })?;
    let mut budget = MAX_CELLS;
    let mut out = Vec::new();
    for name in xls.sheet_names() {
        let range = xls.worksheet_range(&name).map_err(damaged)?;
        let (h, w) = range.get_size();
        if (h as u64).saturating_mul(w as u64) > MAX_XLS_BOX {
            return Err(ImportError::Workbook(ReaderProblem::TooManyCells { sheet: name }));
        }
        let mut sheet = SparseSheet::new(name.clone());
        for (row, column, value) in range.used_cells() {
            let (start_row, start_column) = range.start().unwrap_or((0, 0));
            sheet.put(
                start_row + row as u32,
                start_column + column as u32,
                data_cell(data_ref(value), false),
                &mut budget,
            )?;
        }
        out.push(sheet);
    }
    Ok(out)
}

/// OpenDocument spreadsheets, read from `content.xml` directly: calamine's reader lays sheets out
/// densely and drops the percentage type, which decides how a cell is imported.
fn read_ods(bytes: &[u8]) -> Result<Vec<SparseSheet>, ImportError> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let part = zip.by_name("content.xml").map_err(damaged)?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part.take(MAX_PART)));
    let mut budget = MAX_CELLS;
    let mut out: Vec<SparseSheet> = Vec::new();
    let mut buf = Vec::new();
    // Where the reader stands.
    let (mut row, mut column) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    // The cell being read: its value, how often it repeats, and its text.
    struct Pending {
        value: Cell,
        repeat: u32,
        text: Option<String>,
        formula: Option<String>,
    }
    let mut cell: Option<Pending> = None;
    let mut in_annotation = 0u32;
    // Cells of the current row, before the row's repeat is known to apply.
    let mut row_cells: Vec<(u32, Cell)> = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
            .map(|v| v.into_owned())
    };
    let count = |v: Option<String>| v.and_then(|s| s.parse::<u32>().ok()).unwrap_or(1).max(1);
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(damaged)?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    out.push(SparseSheet::new(
                        attr(&e, "table:name").unwrap_or_else(|| format!("Sheet{}", out.len() + 1)),
                    ));
                    (row, column) = (0, 0);
                }
                "table:table-row" => {
                    column = 0;
                    row_repeat = count(attr(&e, "table:number-rows-repeated"));
                    row_cells.clear();
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = count(attr(&e, "table:number-columns-repeated"));
                    let kind = attr(&e, "office:value-type").unwrap_or_default();
                    let number = || attr(&e, "office:value").and_then(|v| v.trim().parse::<f64>().ok());
                    let value = match kind.as_str() {
                        "float" | "currency" => number().map_or(Cell::Empty, Cell::Number),
                        "percentage" => number().map_or(Cell::Empty, Cell::Percent),
                        "date" => attr(&e, "office:date-value").map_or(Cell::Empty, |s| iso_date_cell(&s)),
                        "boolean" => attr(&e, "office:boolean-value")
                            .map_or(Cell::Empty, |b| Cell::Number(if b == "true" { 1.0 } else { 0.0 })),
                        "string" => attr(&e, "office:string-value").map_or(Cell::Empty, |s| text_cell(&s)),
                        _ => Cell::Empty,
                    };
                    let formula = if kind.is_empty() { attr(&e, "table:formula") } else { None };
                    let pending = Pending { value, repeat, text: None, formula };
                    if empty {
                        push_ods_cell(
                            &mut row_cells,
                            &mut column,
                            pending.value,
                            pending.formula,
                            pending.repeat,
                            &mut budget,
                            &out,
                        )?;
                    } else {
                        cell = Some(pending);
                    }
                }
                "office:annotation" if !empty => in_annotation += 1,
                "text:s" => {
                    if let Some(c) = cell.as_mut().filter(|_| in_annotation == 0) {
                        let n = count(attr(&e, "text:c")).min(1000) as usize;
                        c.text.get_or_insert_with(String::new).push_str(&" ".repeat(n));
                    }
                }
                "text:p" if !empty => {
                    if let Some(c) = cell.as_mut().filter(|_| in_annotation == 0)
                        && let Some(t) = c.text.as_mut()
                    {
                        t.push('\n');
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = cell.as_mut().filter(|_| in_annotation == 0) {
                    let text = t.xml10_content();
                    let s = c.text.get_or_insert_with(String::new);
                    if s.len() < 32 * 1024 {
                        s.push_str(&text);
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut().filter(|_| in_annotation == 0) {
                    let s = c.text.get_or_insert_with(String::new);
                    match r.resolve_char_ref() {
                        Ok(Some(ch)) => s.push(ch),
                        _ => s.push_str(match r.xml10_content().as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        }),
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "office:annotation" => in_annotation = in_annotation.saturating_sub(1),
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        // A string cell without a string-value attribute holds its text in paragraphs.
                        let value = match (c.value, c.text) {
                            (Cell::Empty, Some(t)) => text_cell(&t),
                            (v, _) => v,
                        };
                        push_ods_cell(
                            &mut row_cells,
                            &mut column,
                            value,
                            c.formula,
                            c.repeat,
                            &mut budget,
                            &out,
                        )?;
                    }
                }
                "table:table-row" => {
                    let sheet = out.last_mut().ok_or_else(|| damaged("a row outside a table"))?;
                    // A repeated row with content is that many rows with the same content.
                    let repeat = if row_cells.is_empty() { 1 } else { row_repeat };
                    for _ in 0..repeat {
                        for (c, v) in &row_cells {
                            sheet.put(row, *c, v.clone(), &mut budget)?;
                        }
                        row = row.saturating_add(1);
                    }
                    if row_cells.is_empty() {
                        row = row.saturating_add(row_repeat - 1);
                    }
                    row_cells.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn push_ods_cell(
    row_cells: &mut Vec<(u32, Cell)>,
    column: &mut u32,
    value: Cell,
    formula: Option<String>,
    repeat: u32,
    budget: &mut usize,
    sheets: &[SparseSheet],
) -> Result<(), ImportError> {
    let value = match (value, formula) {
        (Cell::Empty, Some(f)) => Cell::Uncomputed(f.trim_start_matches("of:").to_string()),
        (v, _) => v,
    };
    if value.is_empty() {
        *column = column.saturating_add(repeat);
        return Ok(());
    }
    let sheet = || sheets.last().map(|s| s.name.clone()).unwrap_or_default();
    for _ in 0..repeat {
        if *column >= MAX_COLUMNS {
            return Err(ImportError::Workbook(ReaderProblem::TooFar { sheet: sheet() }));
        }
        if row_cells.len() >= *budget {
            return Err(ImportError::Workbook(ReaderProblem::TooManyCells { sheet: sheet() }));
        }
        row_cells.push((*column, value.clone()));
        *column += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        for yes in ["0%", "0.00%", "#,##0.0%", "0.0%;[Red]-0.0%", "[$-804]0.00%"] {
            assert!(is_percent_format(yes), "{yes}");
        }
        for no in ["General", "0.00", "\"%\"0", "0\\%", "#,##0;\"%\"", "yyyy-mm-dd", "[Red]0.00"] {
            assert!(!is_percent_format(no), "{no}");
        }
    }

    #[test]
    fn a_panic_in_a_reader_is_a_damaged_file() {
        let r: Result<(), _> = guard(|| panic!("index out of bounds"));
        assert_eq!(r, Err(ImportError::Workbook(ReaderProblem::Crashed)));
        // The guard nests and leaves the thread as it was.
        assert_eq!(guard(|| guard(|| Ok(1))), Ok(1));
    }

    #[test]
    fn reading_stops_at_the_cell_limits() {
        let mut sheet = SparseSheet::new("Data".into());
        let mut budget = 2;
        sheet.put(0, 0, Cell::Number(1.0), &mut budget).unwrap();
        sheet.put(0, 0, Cell::Number(2.0), &mut budget).unwrap();
        sheet.put(5, 1, Cell::Empty, &mut budget).unwrap();
        assert_eq!(budget, 1, "a cell written twice and an empty cell cost nothing more");
        sheet.put(9, 3, Cell::Number(3.0), &mut budget).unwrap();
        let e = sheet.put(9, 4, Cell::Number(4.0), &mut budget).unwrap_err();
        assert_eq!(e, ImportError::Workbook(ReaderProblem::TooManyCells { sheet: "Data".into() }));
        let e = sheet.put(MAX_ROWS, 0, Cell::Number(1.0), &mut 5).unwrap_err();
        assert_eq!(e, ImportError::Workbook(ReaderProblem::TooFar { sheet: "Data".into() }));
        let s = sheet.into_sheet();
        assert_eq!((s.rows.len(), s.rows[9].len()), (10, 4), "rows as long as their last cell");
        assert!(
            ReaderProblem::TooManyCells { sheet: "Data".into() }
                .describe(crate::i18n::Lang::Zh)
                .contains("4000000")
        );
    }

    #[test]
    fn not_a_workbook() {
        assert_eq!(read_workbook(b"hello".to_vec()), Err(ImportError::Workbook(ReaderProblem::NotAWorkbook)));
        assert!(matches!(read_workbook(b"PK\x03\x04garbage".to_vec()), Err(ImportError::Workbook(_))));
    }
}
