//! The scorecard and its actuals for Excel: an XLSX workbook (the KPI list with the period's
//! scores, the actuals in long format, and monthly actuals side by side) and a CSV of the actuals.
//! The long format is exactly what the importer reads back, so a sheet sent out, filled in and
//! returned imports without a mapping step.

use crate::i18n::{Lang, T};
use crate::model::lint::format_number;
use crate::model::*;
use crate::score::ScoreBook;
use chrono::Datelike;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// A period's label for a KPI of `frequency`, in a form the importer parses back: `2026-01`,
/// `2026-Q1`, `2026-H1`, `2026`, or the week's Monday `2026-11-23`.
pub fn period_text(date: chrono::NaiveDate, frequency: Frequency) -> String {
    match frequency {
        Frequency::Weekly => date.format("%Y-%m-%d").to_string(),
        Frequency::Monthly => date.format("%Y-%m").to_string(),
        Frequency::Quarterly => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
        Frequency::HalfYearly => format!("{}-H{}", date.year(), if date.month() <= 6 { 1 } else { 2 }),
        Frequency::Yearly => date.year().to_string(),
    }
}

/// The headers of the actuals in long format.
pub fn actuals_headers(lang: Lang) -> [&'static str; 5] {
    [
        T::ImportCodeColumn,
        T::ImportNameColumn,
        T::ImportPeriodColumn,
        T::ImportActualColumn,
        T::ImportTargetColumn,
    ]
    .map(|t| t.get(lang))
}

fn note_header(lang: Lang) -> &'static str {
    T::Note.get(lang)
}

/// Where a KPI sits: its objective or its department.
fn place(p: &Project, k: &Kpi) -> String {
    match (&k.objective, &k.department) {
        (Some(o), _) => p.objective(o).map_or(o.0.clone(), |o| o.name.clone()),
        (None, Some(d)) => p.department(d).map_or(d.0.clone(), |d| d.name.clone()),
        _ => String::new(),
    }
}

/// A text field for CSV: quoted when it needs it, and neutralised when a spreadsheet would take it
/// for a formula (`=`, `+`, `-`, `@`, tab or CR first, as OWASP's CSV-injection advice lists) by a
/// leading apostrophe, which spreadsheets show as text and our importer removes again. Numbers
/// are written as numbers, never through here.
pub fn csv_field(s: &str) -> String {
    let s = if crate::io::import::looks_like_formula(s) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r', '\t']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The actuals in long format as CSV: UTF-8 with a BOM and CRLF line ends, so Excel on Windows
/// opens the Chinese text correctly.
pub fn actuals_csv(project: &Project, lang: Lang) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut headers: Vec<&str> = actuals_headers(lang).to_vec();
    headers.push(note_header(lang));
    out.push_str(&headers.join(","));
    out.push_str("\r\n");
    for k in &project.kpis {
        let f = project.frequency_of(k);
        for p in &k.series {
            let fields = [
                csv_field(&k.code),
                csv_field(&k.name),
                period_text(p.date, f),
                p.actual.map(format_number).unwrap_or_default(),
                p.target.map(format_number).unwrap_or_default(),
                csv_field(p.note.as_deref().unwrap_or("")),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    // The data elements' values after the KPIs, in the actual column: the importer matches them by
    // code or name as it matches KPIs.
    for e in &project.elements {
        let f = e.frequency.unwrap_or(project.info.frequency);
        for v in &e.series {
            let fields = [
                csv_field(&e.code),
                csv_field(&e.name),
                period_text(v.date, f),
                format_number(v.value),
                String::new(),
                String::new(),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

fn xlsx_err(e: XlsxError) -> String {
    e.to_string()
}

/// The workbook: the scorecard for the book's period, the actuals in long format, and monthly
/// actuals with one column per month.
pub fn data_xlsx(
    project: &Project,
    book: &ScoreBook,
    lang: Lang,
    period_label: &str,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("E8EDF3");
    let title = Format::new().set_bold().set_font_size(14);
    let number = Format::new().set_num_format("#,##0.####");
    let percent_score = Format::new().set_num_format("0.0");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    // 1. The scorecard.
    {
        let ws = wb.add_worksheet();
        ws.set_name(T::Scorecard2.get(lang)).map_err(xlsx_err)?;
        ws.write_string_with_format(0, 0, format!("{} — {period_label}", project.info.name), &title)
            .map_err(xlsx_err)?;
        let headers = [
            T::XlsxCode,
            T::XlsxKpi,
            T::XlsxPlace,
            T::XlsxUnit,
            T::XlsxPolarity,
            T::XlsxFrequency,
            T::XlsxAggregation,
            T::XlsxBaseline,
            T::XlsxTarget,
            T::XlsxStretch,
            T::XlsxWeight,
            T::XlsxOwner,
            T::XlsxFormula,
            T::XlsxActual,
            T::XlsxScore,
            T::XlsxStatus,
        ]
        .map(|t| t.get(lang));
        write_header(ws, 2, &headers, &bold)?;
        for (i, k) in project.kpis.iter().enumerate() {
            let r = 3 + i as u32;
            let s = &book.kpis[i];
            ws.write_string(r, 0, &k.code).map_err(xlsx_err)?;
            ws.write_string(r, 1, &k.name).map_err(xlsx_err)?;
            ws.write_string(r, 2, place(project, k)).map_err(xlsx_err)?;
            ws.write_string(r, 3, &k.unit).map_err(xlsx_err)?;
            ws.write_string(r, 4, k.polarity.name(lang)).map_err(xlsx_err)?;
            ws.write_string(r, 5, project.frequency_of(k).name(lang)).map_err(xlsx_err)?;
            ws.write_string(r, 6, k.aggregation.name(lang)).map_err(xlsx_err)?;
            for (c, v) in [(7, k.baseline), (8, k.target), (9, k.stretch), (10, Some(k.weight))] {
                if let Some(v) = v {
                    ws.write_number_with_format(r, c, v, &number).map_err(xlsx_err)?;
                }
            }
            ws.write_string(r, 11, &k.owner).map_err(xlsx_err)?;
            ws.write_string_with_format(
                r,
                12,
                crate::score::computed::formula_text(project, k).as_ref(),
                &wrap,
            )
            .map_err(xlsx_err)?;
            if let Some(a) = s.aggregate.actual {
                ws.write_number_with_format(r, 13, a, &number).map_err(xlsx_err)?;
            }
            if let Ok(score) = s.score {
                ws.write_number_with_format(r, 14, score, &percent_score).map_err(xlsx_err)?;
            }
            if let Some(st) = s.status {
                ws.write_string(r, 15, st.label(project, Some(k), lang)).map_err(xlsx_err)?;
            }
        }
        for (c, w) in [(0, 8.0), (1, 24.0), (2, 18.0), (3, 8.0), (11, 14.0), (12, 36.0)] {
            ws.set_column_width(c, w).map_err(xlsx_err)?;
        }
        ws.set_freeze_panes(3, 2).map_err(xlsx_err)?;
        let last = 2 + project.kpis.len() as u32;
        ws.autofilter(2, 0, last.max(3), headers.len() as u16 - 1).map_err(xlsx_err)?;
    }

    // 2. Actuals in long format (what the importer reads).
    {
        let ws = wb.add_worksheet();
        ws.set_name(T::Actuals.get(lang)).map_err(xlsx_err)?;
        let mut headers: Vec<&str> = actuals_headers(lang).to_vec();
        headers.push(note_header(lang));
        write_header(ws, 0, &headers, &bold)?;
        let mut r = 1u32;
        for k in &project.kpis {
            let f = project.frequency_of(k);
            for p in &k.series {
                ws.write_string(r, 0, &k.code).map_err(xlsx_err)?;
                ws.write_string(r, 1, &k.name).map_err(xlsx_err)?;
                ws.write_string(r, 2, period_text(p.date, f)).map_err(xlsx_err)?;
                if let Some(a) = p.actual {
                    ws.write_number_with_format(r, 3, a, &number).map_err(xlsx_err)?;
                }
                if let Some(t) = p.target {
                    ws.write_number_with_format(r, 4, t, &number).map_err(xlsx_err)?;
                }
                if let Some(n) = &p.note {
                    ws.write_string(r, 5, n).map_err(xlsx_err)?;
                }
                r += 1;
            }
        }
        for e in &project.elements {
            let f = e.frequency.unwrap_or(project.info.frequency);
            for v in &e.series {
                ws.write_string(r, 0, &e.code).map_err(xlsx_err)?;
                ws.write_string(r, 1, &e.name).map_err(xlsx_err)?;
                ws.write_string(r, 2, period_text(v.date, f)).map_err(xlsx_err)?;
                ws.write_number_with_format(r, 3, v.value, &number).map_err(xlsx_err)?;
                r += 1;
            }
        }
        for (c, w) in [(0, 10.0), (1, 24.0), (2, 10.0), (5, 24.0)] {
            ws.set_column_width(c, w).map_err(xlsx_err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    }

    // 3. Monthly actuals side by side, for reading (and for filling in: it imports as wide format).
    {
        let monthly: Vec<&Kpi> =
            project.kpis.iter().filter(|k| project.frequency_of(k) == Frequency::Monthly).collect();
        let monthly_elements: Vec<&DataElement> = project
            .elements
            .iter()
            .filter(|e| e.frequency.unwrap_or(project.info.frequency) == Frequency::Monthly)
            .collect();
        let mut months: Vec<chrono::NaiveDate> = monthly
            .iter()
            .flat_map(|k| k.series.iter().map(|p| p.date))
            .chain(monthly_elements.iter().flat_map(|e| e.series.iter().map(|v| v.date)))
            .collect();
        months.sort_unstable();
        months.dedup();
        let ws = wb.add_worksheet();
        ws.set_name(T::Monthly2.get(lang)).map_err(xlsx_err)?;
        let mut headers: Vec<String> =
            vec![T::ImportCodeColumn.get(lang).to_string(), T::ImportNameColumn.get(lang).to_string()];
        headers.extend(months.iter().map(|d| {
            crate::tr!(
                lang,
                MonthHeader,
                year = d.year(),
                month = d.month(),
                mm = format!("{:02}", d.month())
            )
        }));
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        write_header(ws, 0, &refs, &bold)?;
        for (i, k) in monthly.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &k.code).map_err(xlsx_err)?;
            ws.write_string(r, 1, &k.name).map_err(xlsx_err)?;
            for p in &k.series {
                if let (Some(a), Ok(c)) = (p.actual, months.binary_search(&p.date)) {
                    ws.write_number_with_format(r, 2 + c as u16, a, &number).map_err(xlsx_err)?;
                }
            }
        }
        for (i, e) in monthly_elements.iter().enumerate() {
            let r = 1 + (monthly.len() + i) as u32;
            ws.write_string(r, 0, &e.code).map_err(xlsx_err)?;
            ws.write_string(r, 1, &e.name).map_err(xlsx_err)?;
            for v in &e.series {
                if let Ok(c) = months.binary_search(&v.date) {
                    ws.write_number_with_format(r, 2 + c as u16, v.value, &number).map_err(xlsx_err)?;
                }
            }
        }
        ws.set_column_width(1, 24.0).map_err(xlsx_err)?;
        ws.set_freeze_panes(1, 2).map_err(xlsx_err)?;
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

fn write_header(ws: &mut Worksheet, row: u32, headers: &[&str], format: &Format) -> Result<(), String> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, format).map_err(xlsx_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import;

    fn dealership() -> Project {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
                .unwrap();
        crate::io::parse_project(&bytes).unwrap().project
    }

    #[test]
    fn period_labels_parse_back() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        for f in Frequency::ALL {
            let start = f.period_start(d);
            let text = period_text(start, f);
            let key = import::parse_period(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(import::period_date(key, f), Ok(start), "{text}");
        }
    }

    type Row = (String, chrono::NaiveDate, Option<f64>, Option<f64>, Option<String>);

    /// Every period of every KPI, as a comparable list.
    fn values(p: &Project) -> Vec<Row> {
        p.kpis
            .iter()
            .flat_map(|k| {
                k.series.iter().map(move |x| (k.id.0.clone(), x.date, x.actual, x.target, x.note.clone()))
            })
            .collect()
    }

    #[test]
    fn csv_and_xlsx_round_trip_through_the_importer() {
        let original = dealership();
        let book = ScoreBook::compute(&original, crate::score::PeriodSpec::Month { year: 2026, month: 9 });
        // Clear the typed actuals and the data elements' values, then import them back from each
        // export. The computed KPIs keep theirs: they come back from the elements, and the rows
        // the export has for them are what they already hold (no change, nothing refused).
        let mut blank = original.clone();
        for k in blank.kpis.iter_mut().filter(|k| k.expression.is_none()) {
            k.series.clear();
        }
        for e in &mut blank.elements {
            e.series.clear();
        }
        assert!(!original.elements.is_empty(), "the sample computes rates from counts");
        for lang in [Lang::Zh, Lang::En] {
            let csv = actuals_csv(&original, lang);
            assert!(csv.starts_with(b"\xEF\xBB\xBF"));
            let xlsx = data_xlsx(&original, &book, lang, "2026-09").unwrap();
            for (name, source) in
                [("csv", import::read_csv(&csv).unwrap()), ("xlsx", import::read_workbook(xlsx).unwrap())]
            {
                let sheet = if name == "xlsx" { 1 } else { 0 };
                let mapping = import::guess_mapping(&source, sheet).unwrap();
                let preview = import::preview(&blank, &source, &mapping, None);
                assert_eq!(
                    preview.rejected,
                    0,
                    "{name} {lang:?}: {:?}",
                    preview.entries.iter().find(|e| e.problem.is_some())
                );
                let mut restored = blank.clone();
                for k in import::updated_kpis(&blank, &preview) {
                    let at = restored.kpis.iter().position(|x| x.id == k.id).unwrap();
                    restored.kpis[at] = k;
                }
                for e in import::updated_elements(&blank, &preview) {
                    let at = restored.elements.iter().position(|x| x.id == e.id).unwrap();
                    restored.elements[at] = e;
                }
                crate::score::computed::materialize(&mut restored);
                assert_eq!(restored.elements, original.elements, "{name} {lang:?}");
                // Duplicate codes (a department KPI with the code of another) would map wrongly:
                // every code in the sample is unique, so everything comes back.
                assert_eq!(values(&restored), values(&original), "{name} {lang:?}");
            }
        }
    }

    #[test]
    fn the_workbook_has_three_sheets_and_scores() {
        let p = dealership();
        let book = ScoreBook::compute(&p, crate::score::PeriodSpec::Month { year: 2026, month: 9 });
        let xlsx = data_xlsx(&p, &book, Lang::Zh, "2026年9月").unwrap();
        let source = import::read_workbook(xlsx).unwrap();
        let names: Vec<&str> = source.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["计分卡", "实际值", "月度实际"]);
        let scorecard = &source.sheets[0];
        assert_eq!(scorecard.rows[2][0], import::Cell::Text("代码".into()));
        let f01 =
            scorecard.rows.iter().find(|r| r.first() == Some(&import::Cell::Text("F01".into()))).unwrap();
        let k = p.kpis.iter().position(|k| k.code == "F01").unwrap();
        assert_eq!(f01[14], import::Cell::Number(book.kpis[k].score.unwrap()));
        // The monthly sheet imports as wide format too.
        let mapping = import::guess_mapping(&source, 2).unwrap();
        assert!(matches!(mapping.layout, import::Layout::Wide { .. }));
        let preview = import::preview(&p, &source, &mapping, None);
        assert_eq!(preview.rejected, 0);
        assert_eq!(preview.accepted, preview.unchanged, "the same values: nothing would change");
    }
}
