//! Actuals over time, driven as a monthly review meeting runs: import a month from Excel (and
//! cancel first: nothing changes), type values into the grid and see the map's status change,
//! paste a block copied from Excel, re-plan the rest of the year, undo each step.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::lint::Subject;
use scorecard_studio::score::{PeriodSpec, replan};

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
    // A background job may keep the UI repainting for a moment: settle waits for it.
    let _ = h.try_run();
    settle(h);
}

#[test]
fn import_a_month_from_excel_cancel_changes_nothing_import_is_one_undo_step() {
    let (_dir, mut h) = open(Lang::En, "dealership-sales.json");
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 10 }));
    let before = project(&h).clone();
    let xlsx = fixture("import/dealership-2026-11.xlsx");
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
    // The view moves on to the month the file reports.
    assert_eq!(h.state().state.period, PeriodSpec::Month { year: 2026, month: 11 });
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
    start_import(&mut h, "文件", "导入实际值…", "文件路径", &fixture("import/wide-2026-h1.xlsx"));
    h.get_by_label_contains("每个期间一列");
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(project(&h), &before);
}

fn open_data(lang: Lang) -> (tempfile::TempDir, H) {
    let (dir, mut h) = open(lang, "dealership-sales.json");
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 10 }));
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.state_mut().state.prefs.show_navigator = false;
    h.state_mut().state.prefs.show_inspector = false;
    h.run();
    (dir, h)
}

fn kpi_status(h: &H, code: &str) -> String {
    let p = project(h);
    let k = p.kpis.iter().position(|k| k.code == code).unwrap();
    let book = h.state().state.scores();
    book.kpis[k].status.map(|s| s.key(p, Some(&p.kpis[k])).to_string()).unwrap_or_default()
}

fn objective_score(h: &H, name: &str) -> f64 {
    let p = project(h);
    let o = p.objectives.iter().position(|o| o.name == name).unwrap();
    h.state().state.scores().objectives[o].score.unwrap()
}

#[test]
fn typing_a_value_in_the_grid_turns_the_kpi_and_its_objective_green_on_the_map() {
    let (_dir, mut h) = open_data(Lang::En);
    assert_eq!(kpi_status(&h, "P08"), "red");
    let before = objective_score(&h, "做好交车与售后跟踪");
    // Click October's cell of P08, type over it, Enter.
    h.get_by_label("P08 2026-10").click();
    h.run();
    // The name box says where the cursor is.
    h.get_by_label_contains("P08 潜在客户跟踪及时率 · 2026-10 · Actual 74.8 %");
    h.event(egui::Event::Text("９５".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(actual(project(&h), "P08", 2026, 10), Some(95.0), "full-width digits are numbers");
    assert_eq!(kpi_status(&h, "P08"), "green");
    assert!(objective_score(&h, "做好交车与售后跟踪") > before);
    // The map draws from the same scores; show it once to be sure it paints.
    h.state_mut().state.apply(AppCommand::ShowView(View::Map));
    h.run();
    // Enter moved down a row: arrows and typing continue from there.
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.run();
    h.key_press(Key::ArrowUp);
    h.key_press(Key::ArrowLeft);
    h.run();
    h.event(egui::Event::Text("1,234.5".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(actual(project(&h), "P08", 2026, 9), Some(1234.5));
    // Delete clears the cell the Tab moved to (October) …
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(actual(project(&h), "P08", 2026, 10), None);
    // … and a bad number is refused with a message, the cell staying in edit.
    h.event(egui::Event::Text("abc".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("\"abc\" is not a number");
    assert_eq!(actual(project(&h), "P08", 2026, 10), None);
    h.key_press(Key::Escape);
    h.run();
    // Each commit was one undo step.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(actual(project(&h), "P08", 2026, 10), Some(74.8));
    assert_eq!(kpi_status(&h, "P08"), "red");
}

#[test]
fn paste_a_block_from_excel_is_one_undo_step_and_a_bad_cell_pastes_nothing() {
    let (_dir, mut h) = open_data(Lang::Zh);
    let before = project(&h).clone();
    h.get_by_label("F02 2026-08").click();
    h.run();
    // Two KPIs (F02, then the next row F03) × August and September, as Excel copies them.
    h.event(egui::Event::Paste("160\t161\r\n9.1%\t９.２\r\n".into()));
    h.run();
    assert_eq!(actual(project(&h), "F02", 2026, 8), Some(160.0));
    assert_eq!(actual(project(&h), "F02", 2026, 9), Some(161.0));
    assert_eq!(actual(project(&h), "F03", 2026, 8), Some(9.1));
    assert_eq!(actual(project(&h), "F03", 2026, 9), Some(9.2));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), &before, "one undo takes the whole paste back");
    // A block with one bad cell is refused whole, and the message says which cell.
    h.event(egui::Event::Paste("160\t161\n9.1\t约9\n".into()));
    h.run();
    h.get_by_label_contains("粘贴内容第 2 行第 2 列");
    assert_eq!(project(&h), &before);
}

#[test]
fn re_plan_the_rest_of_the_year_at_85_percent_then_undo() {
    let (_dir, mut h) = open_data(Lang::En);
    let p = project(&h).clone();
    let k = p.kpis.iter().position(|k| k.code == "F01").unwrap();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(p.kpis[k].id.clone()))));
    h.get_by_label("Charts").click();
    h.run();
    h.get_by_label("Re-plan").click();
    h.run();
    h.get_by_label("85 %").click();
    h.run();
    // The panel proposes what the engine computes; applying writes it as period targets.
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let horizon = replan::horizon_of(as_of, 12);
    let plan = replan::replan(&p, &p.kpis[k], horizon, as_of, replan::Spread::Evenly, 0.85).unwrap();
    assert_eq!(plan.periods.len(), 2, "November and December remain");
    h.get_by_label("Apply the proposed targets").click();
    h.run();
    let after = project(&h).kpis[k].clone();
    for x in &plan.periods {
        let t = after.period(x.start).and_then(|p| p.target).unwrap();
        assert!((t - x.new_target).abs() <= 0.5, "{t} vs {}", x.new_target);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).kpis[k], p.kpis[k]);
    // The other charts draw too.
    h.get_by_label("Year to date").click();
    h.run();
    h.get_by_label("Scores over time").click();
    h.run();
    h.get_by_label("Department KPIs").click();
    h.run();
    // The marketing department's KPIs as small multiples; one opens its KPI's chart.
    let market = project(&h).departments.iter().find(|d| d.name == "市场部").unwrap().id.clone();
    h.state_mut().views.data.charts.department = Some(market);
    h.run();
    h.get_by_label("M01 新增意向客户数").click();
    h.run();
    let m01 = project(&h).kpis.iter().find(|k| k.code == "M01").unwrap().id.clone();
    assert_eq!(h.state().state.selection, Some(Subject::Kpi(m01)));
    h.get_by_label("Per period");
}

#[test]
fn dashboard_lists_red_first_and_a_click_opens_the_chart() {
    let (_dir, mut h) = open_data(Lang::Zh);
    h.state_mut().state.apply(AppCommand::ShowView(View::Dashboard));
    h.run();
    h.get_by_label_contains("总分");
    // The worst KPI is first in the list.
    let book = h.state().state.scores().clone();
    let worst = scorecard_studio::ui::views::dashboard::worst_first(&book)[0];
    assert_eq!(project(&h).kpis[worst].code, "P08");
    // And why: P08 has fallen month after month (79.1, 77.7, 74.8 …).
    assert!(h.query_all_by_label_contains("期变差").count() >= 1);
    h.get_by_label("P08 潜在客户跟踪及时率").click();
    h.run();
    assert_eq!(h.state().state.view, View::Data);
    assert_eq!(h.state().state.selection, Some(Subject::Kpi(project(&h).kpis[worst].id.clone())));
    h.get_by_label_contains("按趋势预计全年");
}

#[test]
fn an_as_of_date_typed_in_the_period_selector_is_what_every_view_shows() {
    let (_dir, mut h) = open_data(Lang::En);
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::YearToDate {
        to: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
    }));
    h.run();
    let field = h.get_by_label("as of");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("as of").type_text("2026-06-30");
    h.key_press(Key::Enter);
    h.run();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    assert_eq!(h.state().state.period, PeriodSpec::YearToDate { to });
    // The scores, the dashboard and the charts all read the same period.
    assert_eq!(h.state().state.scores().range.end, to);
    h.state_mut().state.apply(AppCommand::ShowView(View::Dashboard));
    h.run();
    assert!(
        h.query_all_by_label_contains("2026 YTD to 06-30").count() >= 2,
        "the selector and the dashboard"
    );
    // A date that is not one is refused with a message; the period stays.
    let field = h.get_by_label("as of");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("as of").type_text("2026-02-30");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("\"2026-02-30\" is not a date");
    assert_eq!(h.state().state.period, PeriodSpec::YearToDate { to });
}

#[test]
fn the_store_exercise_re_planned_in_the_window_after_week_one() {
    // Retail chain: R01 门店销售额, weekly target 25,000; week 1 of November 2026 reached 17,500.
    let (_dir, mut h) = open(Lang::Zh, "retail-chain.json");
    let week_one_end = chrono::NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::YearToDate { to: week_one_end }));
    let r01 = project(&h).kpis.iter().find(|k| k.code == "R01").unwrap().id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(r01.clone()))));
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.state_mut().state.prefs.show_navigator = false;
    h.state_mut().state.prefs.show_inspector = false;
    h.run();
    h.get_by_label("图表").click();
    h.run();
    h.get_by_label("目标调整").click();
    h.run();
    h.get_by_label("本月").click();
    h.run();
    // The shortfall of 7,500 spread over the three remaining weeks.
    assert_eq!(h.query_all_by_label("27500").count(), 3);
    h.get_by_label("应用建议目标").click();
    h.run();
    let k = project(&h).kpis.iter().find(|k| k.id == r01).unwrap().clone();
    for d in [9, 16, 23] {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(k.period(date).and_then(|p| p.target), Some(27_500.0), "week of 11-{d}");
    }
    // The 95 % scenario: 95,000 − 17,500 over three weeks.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("95 %").click();
    h.run();
    assert_eq!(h.query_all_by_label("25833").count(), 3, "rounded to whole yuan");
}

#[test]
fn export_the_scorecard_and_its_actuals_from_the_menu() {
    let (dir, mut h) = open(Lang::En, "dealership-sales.json");
    for (entry, name) in [("Scorecard and data (XLSX)…", "out.xlsx"), ("Data (CSV)…", "out.csv")] {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Export").click();
        h.run();
        h.get_by_label(entry).click();
        let _ = h.try_run();
        settle(&mut h);
        let path = dir.path().join(name);
        let field = h.get_by_label("File path");
        field.focus();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label("File path").type_text(&path.display().to_string());
        h.key_press(Key::Enter);
        let _ = h.try_run();
        settle(&mut h);
        // What was written reads back through the importer with every value in place.
        let source = scorecard_studio::io::import::read_file(&path).unwrap();
        let sheet = source.sheets.iter().position(|s| s.name == "Actuals").unwrap_or(0);
        let mapping = scorecard_studio::io::import::guess_mapping(&source, sheet).unwrap();
        let preview = scorecard_studio::io::import::preview(project(&h), &source, &mapping, None);
        assert_eq!(preview.rejected, 0, "{name}");
        assert_eq!(
            preview.accepted, preview.unchanged,
            "{name}: the file holds exactly the project's values"
        );
        assert!(preview.accepted > 200, "{name}");
    }
}

#[test]
fn percent_cells_read_as_fractions_can_be_read_as_percentages() {
    let (dir, mut h) = open(Lang::En, "dealership-sales.json");
    let csv = dir.path().join("percent.csv");
    std::fs::write(&csv, "指标代码,期间,实际值\nP02,2026-11,0.85\n").unwrap();
    start_import(&mut h, "File", "Import actuals…", "File path", &csv);
    let offer = h.get_by_label_contains("read them as percentages");
    offer.click();
    h.run();
    // The preview row now reads 85.
    h.get_by_label("85");
    h.get_by_label("Import (1)").click();
    h.run();
    assert_eq!(actual(project(&h), "P02", 2026, 11), Some(85.0));
}

#[test]
fn an_empty_project_shows_every_data_view_without_trouble() {
    let (_dir, mut h) = harness(Lang::Zh, None);
    settle(&mut h);
    for view in [View::Data, View::Dashboard] {
        h.state_mut().state.apply(AppCommand::ShowView(view));
        h.run();
    }
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.run();
    h.get_by_label("图表").click();
    h.run();
    for tab in ["得分趋势", "部门指标一览", "指标趋势"] {
        h.get_by_label(tab).click();
        h.run();
    }
    h.get_by_label_contains("还没有指标");
}

/// A damaged .xls (LibreOffice's, cut to 647 bytes) and a workbook whose reader would crash get a
/// message in the window; the document is untouched and the window goes on working.
#[test]
fn a_damaged_workbook_gets_a_message_and_the_window_goes_on() {
    let (dir, mut h) = open(Lang::En, "dealership-sales.json");
    let before = project(&h).clone();
    let good = std::fs::read(fixture("import/lo/percent-long.xls")).unwrap();
    let cut = dir.path().join("cut.xls");
    std::fs::write(&cut, &good[..647]).unwrap();
    start_import(&mut h, "File", "Import actuals…", "File path", &cut);
    h.get_by_label_contains("the spreadsheet cannot be opened");
    assert!(h.state().state.import.is_none());
    assert_eq!(project(&h), &before);
    h.state_mut().state.apply(AppCommand::CloseModal);
    h.run();
    // The same workbook whole imports: its percent cells as the reader gives them.
    start_import(&mut h, "File", "Import actuals…", "File path", &fixture("import/lo/percent-long.ods"));
    assert!(h.state().state.import.is_some(), "the window still imports");
    h.get_by_label_contains("totals rows skipped");
}
