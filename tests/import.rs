//! Importing actuals from files shaped like the ones people send: an Excel workbook with a title
//! above the header, CSV as Chinese Excel writes it (GBK) and as UTF-8 with a BOM, and a wide
//! sheet with `2026年1月` month headers. Made by tools/make_import_fixtures.py (openpyxl).

mod common;

use common::{fixture, load_sample};
use scorecard_studio::i18n::Lang;
use scorecard_studio::io::import::{self, Layout, Problem};
use scorecard_studio::model::Project;
use std::path::Path;
use std::process::Command;

fn rejected(preview: &import::Preview) -> Vec<(usize, Option<String>, Problem)> {
    preview.entries.iter().filter_map(|e| e.problem.clone().map(|p| (e.row, e.column.clone(), p))).collect()
}

fn apply(project: &Project, preview: &import::Preview) -> Project {
    let mut p = project.clone();
    for k in import::updated_kpis(project, preview) {
        let at = p.kpis.iter().position(|x| x.id == k.id).unwrap();
        p.kpis[at] = k;
    }
    p
}

fn value(p: &Project, code: &str, y: i32, m: u32) -> (Option<f64>, Option<f64>, Option<String>) {
    let k = p.kpis.iter().find(|k| k.code == code).unwrap();
    let d = chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    k.period(d).map_or((None, None, None), |x| (x.actual, x.target, x.note.clone()))
}

#[test]
fn a_month_of_actuals_from_an_excel_workbook_with_a_title_row() {
    let project = load_sample("dealership-sales.json");
    let source = import::read_file(&fixture("import/dealership-2026-11.xlsx")).unwrap();
    assert_eq!(source.sheets[0].name, "11月实际");
    let mapping = import::guess_mapping(&source, 0).unwrap();
    // The header is on row 4, under a title, a subtitle and a blank row.
    assert_eq!(source.sheets[0].first_row + mapping.header_row, 4);
    assert!(matches!(mapping.layout, Layout::Long { actual: Some(3), target: Some(4), note: Some(5), .. }));
    let preview = import::preview(&project, &source, &mapping, None);
    assert_eq!((preview.accepted, preview.rejected), (21, 5));
    let problems = rejected(&preview);
    assert_eq!(problems.iter().map(|p| p.0).collect::<Vec<_>>(), vec![26, 27, 28, 29, 30]);
    assert!(matches!(&problems[0].2, Problem::UnknownKpi(s) if s.starts_with("X99")));
    assert!(matches!(problems[1].2, Problem::WrongFrequency { .. }));
    assert_eq!(problems[2].2, Problem::Duplicate { first_row: 6 });
    assert!(matches!(&problems[3].2, Problem::BadPeriod(s) if s == "下个月"));
    assert!(matches!(&problems[4].2, Problem::BadNumber { text, .. } if text == "约95"));
    let zh = import::describe_entry(&preview.entries.iter().find(|e| e.row == 30).unwrap().clone(), Lang::Zh);
    assert_eq!(zh, "第 30 行：实际值：“约95”不是有效数字");
    // Applied: November's values, the note, and December's revised target; nothing else moves.
    let after = apply(&project, &preview);
    assert_eq!(value(&after, "F01", 2026, 11).0, Some(1235.5));
    assert_eq!(value(&after, "C07", 2026, 11), (Some(86.0), None, Some("双十一活动".into())));
    assert_eq!(value(&after, "F01", 2026, 12).1, Some(1300.0));
    assert_eq!(value(&after, "F02", 2026, 11).0, Some(142.0), "the first of the duplicates counts");
    assert_eq!(value(&after, "P02", 2026, 11).0, Some(96.0), "the rejected row (约95) is not applied");
    assert!(scorecard_studio::model::validate::validate(&after).is_empty());
    let changed = after.kpis.iter().zip(&project.kpis).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 20);
}

#[test]
fn excel_csv_in_gbk_and_utf8_with_bom_read_the_same() {
    let project = load_sample("dealership-sales.json");
    let mut outcomes = Vec::new();
    for (file, encoding) in [("excel-gbk.csv", "GBK"), ("utf8-bom.csv", "UTF-8")] {
        let source = import::read_file(&fixture(&format!("import/{file}"))).unwrap();
        assert_eq!(source.encoding, Some(encoding));
        let mapping = import::guess_mapping(&source, 0).unwrap();
        let preview = import::preview(&project, &source, &mapping, None);
        let problems: Vec<usize> = rejected(&preview).iter().map(|p| p.0).collect();
        assert_eq!(problems, vec![13, 14], "{file}");
        let after = apply(&project, &preview);
        // "1,235.5" (quoted), "82%", full-width "２３．５".
        assert_eq!(value(&after, "F01", 2026, 11).0, Some(1235.5), "{file}");
        assert_eq!(value(&after, "C05", 2026, 11).0, Some(82.0), "{file}");
        assert_eq!(value(&after, "C06", 2026, 11).0, Some(23.5), "{file}");
        outcomes.push(after);
    }
    assert_eq!(outcomes[0], outcomes[1]);
}

#[test]
fn wide_format_with_chinese_month_headers() {
    let project = load_sample("dealership-sales.json");
    let source = import::read_file(&fixture("import/wide-2026-h1.xlsx")).unwrap();
    let mapping = import::guess_mapping(&source, 0).unwrap();
    let Layout::Wide { periods, kpi, .. } = &mapping.layout else { panic!("{:?}", mapping.layout) };
    assert_eq!(periods.len(), 6, "2026年1月 … 2026年6月; 合计 is not a period");
    assert_eq!((kpi.code, kpi.name), (Some(0), Some(1)));
    let preview = import::preview(&project, &source, &mapping, None);
    let problems = rejected(&preview);
    let places: Vec<(usize, Option<&str>)> = problems.iter().map(|p| (p.0, p.1.as_deref())).collect();
    assert_eq!(places, vec![(8, Some("D")), (9, None), (10, None), (11, Some("G"))]);
    assert!(matches!(problems[2].2, Problem::AmbiguousKpi(_)));
    let after = apply(&project, &preview);
    assert_eq!(value(&after, "F01", 2026, 3).0, Some(1260.0));
    // "-" and "n/a" are no value: the existing actual stays.
    assert_eq!(value(&after, "P03", 2026, 6).0, value(&project, "P03", 2026, 6).0);
    // The quarterly KPI: March and June stand for Q1 and Q2.
    assert_eq!(value(&after, "C02", 2026, 1).0, Some(89.5));
    assert_eq!(value(&after, "C02", 2026, 4).0, Some(90.2));
}

#[test]
fn unreadable_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("actuals.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    assert!(matches!(import::read_file(&pdf), Err(import::ImportError::UnknownKind { .. })));
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let e = import::read_file(&broken).unwrap_err();
    assert!(matches!(e, import::ImportError::Workbook(_)), "{e:?}");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"\xEF\xBB\xBF\r\n\r\n").unwrap();
    assert_eq!(import::read_file(&empty), Err(import::ImportError::Empty));
    let headless = dir.path().join("headless.csv");
    std::fs::write(&headless, "a,b,c\n1,2,3\n").unwrap();
    let source = import::read_file(&headless).unwrap();
    assert_eq!(import::guess_mapping(&source, 0), Err(import::ImportError::NoHeader));
    assert!(import::ImportError::NoHeader.describe(Lang::Zh).contains("找不到表头"));
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard-studio")).args(args).output().unwrap()
}

#[test]
fn the_import_command_reports_rows_and_writes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/dealership-sales.json");
    let original = std::fs::read(&sample).unwrap();
    let xlsx = fixture("import/dealership-2026-11.xlsx");
    let args = [
        "import",
        sample.to_str().unwrap(),
        "--actuals",
        xlsx.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1), "some rows were rejected");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("row 30: 实际值: \"约95\" is not a number"), "{stderr}");
    assert_eq!(stderr.lines().count(), 5);
    let imported = scorecard_studio::io::load_file(&out).unwrap().project;
    assert_eq!(value(&imported, "F01", 2026, 11).0, Some(1235.5));
    assert_eq!(std::fs::read(&sample).unwrap(), original, "the input project is untouched");
    // --strict writes nothing.
    let strict_out = dir.path().join("strict.json");
    let mut strict: Vec<&str> = args.to_vec();
    strict[5] = strict_out.to_str().unwrap();
    strict.push("--strict");
    assert_eq!(run(&strict).status.code(), Some(1));
    assert!(!strict_out.exists());
    // A clean file: exit 0; export and re-import round-trips.
    let csv = dir.path().join("actuals.csv");
    assert_eq!(
        run(&["export", "data", sample.to_str().unwrap(), "-o", csv.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let again = dir.path().join("again.json");
    let o = run(&[
        "import",
        sample.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        scorecard_studio::io::load_file(&again).unwrap().project,
        scorecard_studio::io::load_file(&sample).unwrap().project
    );
    // Bad input files: exit 2, nothing written.
    let missing = dir.path().join("missing.json");
    let o = run(&[
        "import",
        sample.to_str().unwrap(),
        "--actuals",
        "/nonexistent.csv",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists());
    let xlsx_out = dir.path().join("data.xlsx");
    let o = run(&["export", "data", sample.to_str().unwrap(), "-o", xlsx_out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(&std::fs::read(&xlsx_out).unwrap()[..2], b"PK");
}

/// Damaged files never panic: every mutation of the fixtures either reads, with problems marked
/// on rows, or is refused with a message.
#[test]
fn damaged_files_are_refused_or_read_never_a_panic() {
    let project = load_sample("dealership-sales.json");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in ["excel-gbk.csv", "utf8-bom.csv", "dealership-2026-11.xlsx", "wide-2026-h1.xlsx"] {
        let original = std::fs::read(fixture(&format!("import/{name}"))).unwrap();
        for round in 0..120 {
            let mut bytes = original.clone();
            match round % 4 {
                // Flip a few bytes.
                0 | 1 => {
                    for _ in 0..1 + next() % 8 {
                        let i = (next() as usize) % bytes.len();
                        bytes[i] = next() as u8;
                    }
                }
                // Cut the file short.
                2 => bytes.truncate((next() as usize) % bytes.len()),
                // Insert junk.
                _ => {
                    let i = (next() as usize) % bytes.len();
                    let junk: Vec<u8> = (0..1 + next() % 64).map(|_| next() as u8).collect();
                    bytes.splice(i..i, junk);
                }
            }
            let source =
                if name.ends_with(".csv") { import::read_csv(&bytes) } else { import::read_workbook(bytes) };
            if let Ok(source) = source {
                for s in 0..source.sheets.len() {
                    if let Ok(mapping) = import::guess_mapping(&source, s) {
                        let preview = import::preview(&project, &source, &mapping, None);
                        let merged = apply(&project, &preview);
                        assert!(
                            scorecard_studio::model::validate::validate(&merged).is_empty(),
                            "{name} round {round}"
                        );
                    }
                }
            }
        }
    }
}

/// Excel keeps a cell formatted as 85 % as 0.85. Such values of percent KPIs are counted, and
/// read as percentages only when asked.
#[test]
fn fractions_from_percent_cells_are_read_as_percentages_when_asked() {
    let project = load_sample("dealership-sales.json");
    let csv = "指标代码,期间,实际值\nP02,2026-11,0.85\nF01,2026-11,0.85\nP03,2026-11,55\n".as_bytes();
    let source = import::read_csv(csv).unwrap();
    let mut mapping = import::guess_mapping(&source, 0).unwrap();
    let preview = import::preview(&project, &source, &mapping, None);
    // P02 (%, target 95) looks like a fraction; F01 (万元) and P03 (55 %) do not.
    assert_eq!(preview.percent_like, 1);
    assert_eq!(preview.entries[0].actual, Some(0.85), "nothing is changed unless asked");
    mapping.percent_fractions = true;
    let preview = import::preview(&project, &source, &mapping, None);
    assert_eq!(preview.entries[0].actual, Some(85.0));
    assert_eq!(preview.entries[1].actual, Some(0.85), "a KPI not in percent keeps its value");
    assert_eq!(preview.entries[2].actual, Some(55.0));
    // The command line says so, and reads them as percentages with --percent-fractions.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("percent.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("out.json");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/dealership-sales.json");
    let args = [
        "import",
        sample.to_str().unwrap(),
        "--actuals",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let o = run(&args);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--percent-fractions"));
    assert_eq!(value(&scorecard_studio::io::load_file(&out).unwrap().project, "P02", 2026, 11).0, Some(0.85));
    let o = run(&[&args[..], &["--percent-fractions"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(value(&scorecard_studio::io::load_file(&out).unwrap().project, "P02", 2026, 11).0, Some(85.0));
}

/// Actuals of a computed KPI are not imported (its formula's data elements give them): the row
/// says so and the rest is imported; the value it already has, exported and imported back, is no
/// change.
#[test]
fn computed_kpis_refuse_imported_actuals_except_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/computed.json");
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "code,period,actual\nWIN,2026-03,5\nWIN,2026-01,50\nFIN1,2026-03,2500\n").unwrap();
    let out = dir.path().join("out.json");
    let o = run(&[
        "--lang",
        "en",
        "import",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "one row refused");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("row 2")
            && stderr.contains("WIN Win rate is computed by “[Deals won] / [Leads] * 100”"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("computed by").count(), 1, "the unchanged 50 % is fine: {stderr}");
    let imported = scorecard_studio::io::load_file(&out).unwrap().project;
    assert_eq!(value(&imported, "FIN1", 2026, 3).0, Some(2500.0));
    assert_eq!(value(&imported, "WIN", 2026, 3).0, None);
    // Exported and imported back: nothing is refused.
    let data = dir.path().join("data.csv");
    assert_eq!(
        run(&["export", "data", file.to_str().unwrap(), "-o", data.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let again = dir.path().join("again.json");
    let o = run(&[
        "import",
        file.to_str().unwrap(),
        "--actuals",
        data.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Data elements are exported with the actuals and imported like them, matched by code or by
/// name; the computed KPIs follow. A target for an element is refused on its row.
#[test]
fn data_elements_are_imported_and_exported_like_actuals() {
    let dir = tempfile::tempdir().unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/computed.json");
    // Exported: the elements' rows follow the KPIs'.
    let data = dir.path().join("data.csv");
    assert_eq!(
        run(&["export", "data", file.to_str().unwrap(), "-o", data.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(text.contains("E02,Leads,2026-02,100,,\r\n"), "{text}");
    // Imported: March counts by code and by name, in wide format; a target for an element is refused.
    let csv = dir.path().join("march.csv");
    std::fs::write(&csv, "code,name,2026年3月,2026年4月\nE01,,3,1\n,Leads,60,0\n").unwrap();
    let out = dir.path().join("out.json");
    let o = run(&[
        "import",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 entries to import into 2 KPIs and data elements"));
    let imported = scorecard_studio::io::load_file(&out).unwrap().project;
    assert_eq!(value(&imported, "WIN", 2026, 3).0, Some(5.0), "3 of 60, computed from what came in");
    assert_eq!(value(&imported, "WIN", 2026, 4).0, None, "1 of 0 is no rate");
    let csv = dir.path().join("targets.csv");
    std::fs::write(&csv, "code,period,actual,target\nE01,2026-04,1,2\n").unwrap();
    let o = run(&[
        "--lang",
        "zh",
        "import",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("E01 Deals won 是基础数据项：只导入数值"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
