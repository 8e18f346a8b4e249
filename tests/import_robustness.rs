//! The import path against what an outside test campaign threw at it: files made by LibreOffice
//! (tests/fixtures/import/lo/, made by tools/make_lo_import_fixtures.py), damaged and hostile
//! workbooks, shifted CSV rows, impossible years, and a bounded mutation run of every importer
//! that asserts no panic and that everything `import` would write loads again.

mod common;

use common::fixture;
use common::mutation::{self, Outcome, Rng};
use scorecard_studio::i18n::Lang;
use scorecard_studio::io::import::{self, Problem};
use scorecard_studio::io::workbook::ReaderProblem;
use scorecard_studio::model::Project;
use std::path::Path;

fn actual(p: &import::Preview, project: &Project, code: &str) -> Option<f64> {
    let k = project.kpis.iter().position(|k| k.code == code)?;
    p.entries.iter().find(|e| e.kpi == Some(k) && e.problem.is_none()).and_then(|e| e.actual)
}

fn preview_of(path: &Path, project: &Project, fractions: bool) -> (import::Source, import::Preview) {
    let source = import::read_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut mapping = import::guess_mapping(&source, 0).unwrap();
    mapping.percent_fractions = fractions;
    let preview = import::preview(project, &source, &mapping, None);
    (source, preview)
}

/// Cells LibreOffice formats as percentages read as percentages, exactly (8.2, not
/// 8.200000000000001), with no flag; a plain 0.96 stays 0.96 even with the flag.
#[test]
fn percent_cells_read_by_their_format() {
    let project = mutation::dealership();
    for ext in ["xlsx", "ods"] {
        for fractions in [false, true] {
            let (source, p) =
                preview_of(&fixture(&format!("import/lo/percent-long.{ext}")), &project, fractions);
            assert!(source.formats_known);
            assert_eq!(actual(&p, &project, "F03"), Some(8.2), "{ext}: 8.2 % cell");
            assert_eq!(actual(&p, &project, "C01"), Some(102.0), "{ext}: 102 % cell");
            assert_eq!(actual(&p, &project, "C03"), Some(0.96), "{ext}: a plain 0.96 is not a percentage");
            assert_eq!(actual(&p, &project, "L02"), Some(81.0), "{ext}: quarterly % KPI");
            assert_eq!(p.percent_like, 0, "{ext}: nothing left to guess");
        }
    }
    // .xls does not tell: fractions are pointed out, and scaled by decimal rules when asked.
    let (source, p) = preview_of(&fixture("import/lo/percent-long.xls"), &project, false);
    assert!(!source.formats_known);
    // (LibreOffice's .xls holds 0.08199999999999999: the binary neighbour of what was typed.)
    assert!((actual(&p, &project, "F03").unwrap() - 0.082).abs() < 1e-15);
    assert!(p.percent_like >= 2);
    let (_, p) = preview_of(&fixture("import/lo/percent-long.xls"), &project, true);
    assert_eq!(actual(&p, &project, "F03"), Some(8.2));
    assert_eq!(import::percent_points(0.082), 8.2);
    assert_eq!(import::percent_points(1.02), 102.0);
    assert_eq!(import::percent_points(-0.0035), -0.35);
    assert_eq!(import::percent_points(0.08199999999999999), 8.2, "as a spreadsheet shows it");
}

/// A quarterly KPI takes a real date in the quarter's last month as the quarter, as it takes the
/// same month written as text; a totals row is skipped with a note.
#[test]
fn quarter_dates_and_totals_rows() {
    let project = mutation::dealership();
    for ext in ["xlsx", "ods", "xls"] {
        let (_, p) = preview_of(&fixture(&format!("import/lo/percent-long.{ext}")), &project, false);
        assert_eq!(actual(&p, &project, "C02"), Some(88.0), "{ext}: 2026-12-01 for a quarterly KPI");
        let c02 = project.kpis.iter().position(|k| k.code == "C02").unwrap();
        let e = p.entries.iter().find(|e| e.kpi == Some(c02)).unwrap();
        assert_eq!(e.period, chrono::NaiveDate::from_ymd_opt(2026, 10, 1), "{ext}");
        assert_eq!(p.skipped_totals, vec![7], "{ext}: the 合计 row");
        assert!(import::notes(&p, Lang::Zh).iter().any(|n| n.contains("合计行") && n.contains('7')));
        assert_eq!(
            p.rejected,
            0,
            "{ext}: {:?}",
            p.entries.iter().filter_map(|e| e.problem.clone()).collect::<Vec<_>>()
        );
    }
    // A month that is not a quarter's first or last names the KPI and the period as written.
    let csv = "指标代码,期间,实际值\nC02,2026年11月,88\n";
    let source = import::read_csv(csv.as_bytes()).unwrap();
    let p = import::preview(&project, &source, &import::guess_mapping(&source, 0).unwrap(), None);
    let zh = import::describe_entry(&p.entries[0], Lang::Zh);
    assert!(zh.contains("2026年11月") && zh.contains("C02 销售满意度 SSI") && zh.contains("每季度"), "{zh}");
}

/// Wide sheets whose headers name months without a year take the year of the title above.
#[test]
fn month_headers_without_a_year() {
    let project = mutation::dealership();
    for ext in ["xlsx", "ods", "xls"] {
        let (_, p) = preview_of(&fixture(&format!("import/lo/months-only.{ext}")), &project, false);
        assert_eq!(p.assumed_year, Some(2026), "{ext}");
        let f01 = project.kpis.iter().position(|k| k.code == "F01").unwrap();
        let jan = p.entries.iter().find(|e| e.kpi == Some(f01)).unwrap();
        assert_eq!(
            (jan.period, jan.actual),
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1), Some(1180.0)),
            "{ext}"
        );
        assert_eq!((p.accepted, p.rejected), (6, 0), "{ext}");
        assert_eq!(p.skipped_totals, vec![5], "{ext}: the 总计 row");
        assert!(import::notes(&p, Lang::En).iter().any(|n| n.contains("2026 was assumed")));
    }
}

/// A stray cell at XFD1048576 costs one cell, not the sheet's 17 billion.
#[test]
fn a_stray_cell_in_the_last_row_and_column_is_read_sparsely() {
    let project = mutation::dealership();
    let (source, p) = preview_of(&fixture("import/lo/stray-cell-xfd1048576.xlsx"), &project, false);
    let sheet = &source.sheets[0];
    assert_eq!(sheet.rows.len(), 1_048_576);
    assert_eq!(sheet.rows.iter().map(Vec::len).max(), Some(16_384), "only the stray cell's row is long");
    assert_eq!(actual(&p, &project, "F03"), Some(8.2));
}

/// Damaged workbooks are refused with a message, never a panic: an .xls cut at every length.
#[test]
fn truncated_workbooks_are_refused() {
    for name in ["percent-long.xls", "percent-long.xlsx", "percent-long.ods"] {
        let bytes = std::fs::read(fixture(&format!("import/lo/{name}"))).unwrap();
        for len in (0..bytes.len()).step_by(61).chain([647]) {
            let cut = &bytes[..len.min(bytes.len())];
            match import::read_workbook(cut.to_vec()) {
                Ok(_) => {}
                Err(e) => {
                    assert!(!e.describe(Lang::Zh).is_empty());
                    assert!(
                        e.to_string().contains("cannot be opened") || e == import::ImportError::Empty,
                        "{e}"
                    );
                }
            }
        }
    }
    let e = import::read_workbook(b"\xD0\xCF\x11\xE0 not really".to_vec()).unwrap_err();
    assert!(
        matches!(e, import::ImportError::Workbook(ReaderProblem::Damaged(_) | ReaderProblem::Crashed)),
        "{e:?}"
    );
}

/// A CSV row with more cells than its header (an unquoted 1,343.9) is rejected, not shifted.
#[test]
fn shifted_csv_rows_are_rejected_with_their_row() {
    let project = mutation::dealership();
    let csv = "指标代码,1月,2月,3月\nF01,1180,1,343.9,1250\nC07,88,92,95\n";
    let source = import::read_csv(csv.as_bytes()).unwrap();
    let mapping = import::guess_mapping(&source, 0).unwrap();
    let p = import::preview(&project, &source, &mapping, None);
    let bad: Vec<_> = p.entries.iter().filter(|e| e.problem.is_some()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].row, 2);
    assert_eq!(bad[0].problem, Some(Problem::ExtraCells { cells: 5, header: 4 }));
    assert!(import::describe_entry(bad[0], Lang::En).contains("1,343.9"));
    assert_eq!(p.accepted, 3, "the good row is imported");
}

/// Rows are numbered as a spreadsheet shows them, whatever lines a quoted note spans.
#[test]
fn csv_rows_after_a_multi_line_note() {
    let project = mutation::dealership();
    let csv = "指标代码,期间,实际值,备注\nF01,2026-01,1180,\"第一行\n第二行\n第三行\"\n\nX99,2026-01,5,\n";
    let source = import::read_csv(csv.as_bytes()).unwrap();
    let p = import::preview(&project, &source, &import::guess_mapping(&source, 0).unwrap(), None);
    let bad = p.entries.iter().find(|e| e.problem.is_some()).unwrap();
    // Header 1, the noted row 2, a blank row 3, the unknown KPI on row 4 (lines 1, 2–4, 5, 6).
    assert_eq!(bad.row, 4);
}

/// Periods with impossible years are rejected with the row, and nothing unloadable is written.
#[test]
fn years_outside_the_plausible_range_are_rejected() {
    let project = mutation::dealership();
    let csv = "指标代码,期间,实际值\nF01,20266年1月,1\nF01,202626-12,2\nF01,46023年10月,3\nF01,1899-12,4\nF01,2026-01,5\n";
    let source = import::read_csv(csv.as_bytes()).unwrap();
    let p = import::preview(&project, &source, &import::guess_mapping(&source, 0).unwrap(), None);
    let rows: Vec<(usize, bool)> = p.entries.iter().map(|e| (e.row, e.problem.is_some())).collect();
    assert_eq!(rows, vec![(2, true), (3, true), (4, true), (5, true), (6, false)]);
    assert!(matches!(&p.entries[0].problem, Some(Problem::YearOutOfRange(s)) if s == "20266年1月"));
    // Far outside the horizon (2025–2026) but plausible: accepted and pointed out.
    let csv = "指标代码,期间,实际值\nF01,2150-01,5\n";
    let source = import::read_csv(csv.as_bytes()).unwrap();
    let p = import::preview(&project, &source, &import::guess_mapping(&source, 0).unwrap(), None);
    assert_eq!(p.far_from_horizon, vec![2]);
}

/// `import proj.json … -o proj.json` keeps the old project as proj.json.bak, and what it writes
/// loads again.
#[test]
fn importing_onto_the_project_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("proj.json");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/dealership-sales.json");
    std::fs::copy(&sample, &project).unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "指标代码,期间,实际值\nF01,20266年1月,1\nF01,2026-01,1180\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scorecard-studio"))
        .args(["--lang", "en", "import"])
        .arg(&project)
        .arg("--actuals")
        .arg(&csv)
        .arg("-o")
        .arg(&project)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one row rejected");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("row 2"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(dir.path().join("proj.json.bak")).unwrap(), std::fs::read(&sample).unwrap());
    scorecard_studio::io::load_file(&project).expect("the written project opens");
}

/// The command line on a device or a pipe: a message at once, no endless read.
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for (args, file) in [(["check"].as_slice(), "/dev/zero"), (["fmt"].as_slice(), "/dev/zero")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scorecard-studio"))
            .args(["--lang", "en"])
            .args(args)
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("not a regular file")
                || String::from_utf8_lossy(&out.stderr).contains("not a regular file")
        );
    }
    let e = scorecard_studio::io::load_file(&fifo).unwrap_err();
    assert!(matches!(e, scorecard_studio::io::LoadError::NotARegularFile), "{e:?}");
    let e = import::read_file(&dir.path().join("fifo.csv")).unwrap_err();
    assert!(matches!(e, import::ImportError::Unreadable { .. }), "a missing file");
    std::fs::rename(&fifo, dir.path().join("fifo.csv")).unwrap();
    let e = import::read_file(&dir.path().join("fifo.csv")).unwrap_err();
    assert!(matches!(e, import::ImportError::NotARegularFile { .. }), "{e:?}");
}

/// CSV export neutralises text a spreadsheet would run as a formula; numbers stay numbers, and
/// the importer reads the text back as it was.
#[test]
fn csv_export_neutralises_formulas() {
    let mut project = mutation::dealership();
    project.kpis[0].name = "=HYPERLINK(\"http://x\",\"click\")".into();
    project.kpis[1].name = "=2+2".into();
    project.kpis[2].name = "@SUM(A1)".into();
    let k = &mut project.kpis[0];
    k.series[0].note = Some("=cmd|' /C calc'!A0".into());
    k.series[0].actual = Some(-5.0);
    let csv = scorecard_studio::io::export_data::actuals_csv(&project, Lang::En);
    let text = String::from_utf8(csv.clone()).unwrap();
    for line in text.lines().skip(1) {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(!f.starts_with(['=', '+', '@']), "live formula in {line}");
        }
    }
    assert!(text.contains(",-5,"), "a negative number stays a number: {text:.300}");
    let source = import::read_csv(&csv).unwrap();
    let p = import::preview(&project, &source, &import::guess_mapping(&source, 0).unwrap(), None);
    assert_eq!(p.rejected, 0);
    let note = p.entries.iter().find(|e| e.kpi == Some(0) && e.note.is_some()).unwrap();
    assert_eq!(note.note.as_deref(), Some("=cmd|' /C calc'!A0"));
    // XLSX keeps strings as strings.
    let period = scorecard_studio::score::period::PeriodSpec::month_of(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    let book = scorecard_studio::score::book::ScoreBook::compute(&project, period);
    let xlsx = scorecard_studio::io::export_data::data_xlsx(&project, &book, Lang::En, "2026-01").unwrap();
    let source = import::read_workbook(xlsx).unwrap();
    let texts: Vec<String> =
        source.sheets.iter().flat_map(|s| s.rows.iter().flatten()).map(import::Cell::text).collect();
    assert!(texts.iter().any(|t| t == "=2+2"));
}

/// A bounded mutation run of every importer (seconds, on a fixed seed): no panic, no abort, and
/// everything that imports would save a project that loads again. The long campaign is
/// `cargo run --release --example import_fuzz`.
#[test]
fn mutated_files_of_every_importer() {
    let project = mutation::dealership();
    let mut rng = Rng(0x5eed_2026);
    for ext in ["csv", "xlsx", "xls", "ods"] {
        let files = mutation::fixtures(ext);
        assert!(!files.is_empty(), "{ext} fixtures");
        let (mut read, mut refused) = (0, 0);
        for (name, original) in &files {
            for round in 0..60 {
                let bytes = mutation::mutate_file(original, &mut rng);
                let outcome = std::panic::catch_unwind(|| mutation::import_case(&project, &bytes, ext))
                    .unwrap_or_else(|_| panic!("{name} round {round}: a panic escaped"));
                match outcome {
                    Outcome::Refused => refused += 1,
                    Outcome::Read { .. } => read += 1,
                }
            }
        }
        // Both paths are exercised: the mutations are neither all fatal nor all harmless.
        // (Almost any bytes are some CSV, so CSV may refuse none.)
        assert!(read > 0 && (refused > 0 || ext == "csv"), "{ext}: {read} read, {refused} refused");
    }
}

/// A formula the file holds no calculated value for says which cell and what to do, instead of
/// "no actual".
#[test]
fn a_formula_without_a_calculated_value_is_named() {
    let project = mutation::dealership();
    let (_, p) = preview_of(&fixture("import/lo/uncomputed-formula.xlsx"), &project, false);
    let e = p.entries.iter().find(|e| e.row == 4).unwrap();
    assert_eq!(
        e.problem,
        Some(Problem::Uncomputed { column: "实际值".into(), formula: "=SUM(0.5,0.46)".into() })
    );
    let zh = import::describe_entry(e, Lang::Zh);
    assert!(zh.contains("第 4 行") && zh.contains("=SUM(0.5,0.46)") && zh.contains("没有计算结果"), "{zh}");
}

/// Operating-system errors are said in Chinese in a Chinese window.
#[test]
fn os_errors_in_chinese() {
    let e = import::read_file(Path::new("/nonexistent/实际值.csv")).unwrap_err();
    let zh = e.describe(Lang::Zh);
    assert!(zh.contains("文件或文件夹不存在"), "{zh}");
    assert!(e.describe(Lang::En).contains("No such file"), "{}", e.describe(Lang::En));
}

/// openpyxl's way: a formula with an empty cached value, and a percent format.
#[test]
fn an_openpyxl_workbook_with_a_formula_and_a_percent_cell() {
    let project = mutation::dealership();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/openpyxl-formula-percent.xlsx");
    let (_, p) = preview_of(&path, &project, false);
    assert_eq!(actual(&p, &project, "F03"), Some(8.2));
    assert_eq!(actual(&p, &project, "F01"), Some(1180.0));
    let e = p.entries.iter().find(|e| e.row == 3).unwrap();
    assert!(matches!(&e.problem, Some(Problem::Uncomputed { formula, .. }) if formula == "=SUM(100,50)"));
}
