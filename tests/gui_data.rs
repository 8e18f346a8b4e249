//! Actuals over time, driven as a monthly review meeting runs: import a month from Excel (and
//! cancel first: nothing changes), type values into the grid and see the map's status change,
//! paste a block copied from Excel, re-plan the rest of the year, undo each step.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::Project;
use scorecard_studio::ui::ScorecardApp;
use std::path::PathBuf;

type H = Harness<'static, ScorecardApp>;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import")).join(name)
}

fn project(h: &H) -> &Project {
    h.state().state.project()
}

fn actual(p: &Project, code: &str, y: i32, m: u32) -> Option<f64> {
    let k = p.kpis.iter().find(|k| k.code == code).unwrap_or_else(|| panic!("no KPI {code}"));
    k.period(chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap()).and_then(|x| x.actual)
}

fn open(lang: Lang, file: &str) -> (tempfile::TempDir, H) {
    let (dir, mut h) = harness(lang, Some(sample(file)));
    settle(&mut h);
    (dir, h)
}

/// File ▸ Import actuals…, answered in the app's own path field (no native dialog here).
fn start_import(h: &mut H, menu: &str, entry: &str, field: &str, path: &std::path::Path) {
    click_menu(h, menu, entry);
    settle(h);
    let f = h.get_by_label(field);
    f.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(field).type_text(&path.display().to_string());
    h.key_press(Key::Enter);
    h.run();
    settle(h);
}

#[test]
fn import_a_month_from_excel_cancel_changes_nothing_import_is_one_undo_step() {
    let (_dir, mut h) = open(Lang::En, "dealership-sales.json");
    let before = project(&h).clone();
    let xlsx = fixture("dealership-2026-11.xlsx");
    start_import(&mut h, "File", "Import actuals…", "File path", &xlsx);
    // The preview: the summary, and the rejected rows marked with their row numbers.
    assert!(h.state().state.import.is_some(), "the import window is open");
    h.get_by_label_contains("21 entries to import into 20 KPIs");
    // Only the problems (the table shows what fits; the problems are at the end of the file).
    h.get_by_label("Only rows with problems").click();
    h.run();
    h.get_by_label_contains("\"约95\" is not a number");
    h.get_by_label_contains("下个月");
    assert!(h.query_by_label_contains("1235.5").is_none(), "accepted rows are hidden");
    assert_eq!(h.query_all_by_label_contains("× ").count(), 5);
    // Cancel: nothing applied.
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().state.import.is_none());
    assert_eq!(project(&h), &before);
    assert!(!h.state().state.doc.is_dirty());

    // Again, and import this time.
    start_import(&mut h, "File", "Import actuals…", "File path", &xlsx);
    h.get_by_label("Import (21)").click();
    h.run();
    assert_eq!(actual(project(&h), "F01", 2026, 11), Some(1235.5));
    assert!(h.state().state.import.is_none());
    h.get_by_label_contains("Imported dealership-2026-11.xlsx");
    // One undo step takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), &before);
}

#[test]
fn import_in_chinese_reports_an_unreadable_file_and_keeps_the_document() {
    let (dir, mut h) = open(Lang::Zh, "dealership-sales.json");
    let before = project(&h).clone();
    let bad = dir.path().join("坏文件.xlsx");
    std::fs::write(&bad, b"this is not a workbook").unwrap();
    start_import(&mut h, "文件", "导入实际值…", "文件路径", &bad);
    h.get_by_label_contains("无法打开电子表格");
    assert!(h.state().state.import.is_none());
    assert_eq!(project(&h), &before);
    // A wide sheet with 2026年1月 … headers previews in Chinese.
    h.state_mut().state.apply(AppCommand::CloseModal);
    h.run();
    start_import(&mut h, "文件", "导入实际值…", "文件路径", &fixture("wide-2026-h1.xlsx"));
    h.get_by_label_contains("每个期间一列");
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(project(&h), &before);
    let _ = View::Data;
}
