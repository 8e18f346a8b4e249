//! A second look at every view (#19), driven like a user: the data grid keeps the KPI names in
//! view, a typed weight is one undo step, Esc leaves Connect mode, a new project follows the UI
//! language, the guide opens from Help, F1 and the empty map, the dashboard counts KPIs and opens on
//! the latest period with data, and the last file opens on start when asked.

mod common;
use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::lint::Subject;
use scorecard_studio::score::PeriodSpec;

#[test]
fn the_data_grid_keeps_kpi_names_in_view_when_it_opens_on_december() {
    let (_dir, mut h) = harness_sized(Lang::En, Some(sample("dealership-sales.json")), (1000.0, 700.0));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 12 }));
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.run();
    h.run();
    // The grid opened on December, scrolled right: January is out of view …
    let december = h.get_by_label("P01 2026-12").rect();
    assert!(h.query_by_label("P01 2026-01").is_none(), "the grid scrolled to December");
    // … and the KPI's code and name are still there, frozen at the left of the cells.
    let label = kpi(project(&h), "P01").label();
    let name = h.get_by_label(&label).rect();
    assert!(name.right() <= december.left() + 1.0, "{name:?} is left of {december:?}");
    assert!(name.left() >= 0.0 && name.right() < 1000.0);
    // Scrolling down keeps the same rows' names beside their cells.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run();
    h.get_by_label("P03 2026-12");
    h.get_by_label(&kpi(project(&h), "P03").label());
}

#[test]
fn a_typed_weight_is_one_undo_step_and_its_column_says_share() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    let p = project(&h);
    let p08 = kpi(p, "P08").id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(p08))));
    h.state_mut().views.kpis.rebalance = true;
    h.run();
    h.get_by_label("Weights").click();
    h.run();
    h.get_by_label("Share of the group");
    assert!(h.query_by_label("Score").is_none(), "the bars' column is not called Score");
    let field = format!("Weight {}", kpi(project(&h), "P08").label());
    h.get_by_label(&field).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for digit in ["7", "0"] {
        h.event(egui::Event::Text(digit.into()));
        h.run();
    }
    assert_eq!(kpi(project(&h), "P08").weight, 70.0);
    assert_eq!(kpi(project(&h), "P07").weight, 30.0, "rebalanced");
    let steps = h.state().state.doc.history().len().0;
    // One undo takes the whole number back: not 7 / 93.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(kpi(project(&h), "P08").weight, 50.0);
    assert_eq!(kpi(project(&h), "P07").weight, 50.0);
    assert_eq!(h.state().state.doc.history().len().0, steps - 1);
}

#[test]
fn leaving_a_field_ends_its_undo_step() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    let p08 = kpi(project(&h), "P08").id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(p08))));
    h.run();
    h.get_by_label("Weights").click();
    h.run();
    let field = format!("Weight {}", kpi(project(&h), "P08").label());
    let type_over = |h: &mut H, text: &str| {
        h.get_by_label(&field).click();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(egui::Event::Text(text.into()));
        h.run();
        // Leave the field.
        h.get_by_label("Share of the group").click();
        h.run();
    };
    let start = h.state().state.doc.history().len().0;
    type_over(&mut h, "60");
    type_over(&mut h, "55");
    assert_eq!(h.state().state.doc.history().len().0, start + 2, "two visits, two steps");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(kpi(project(&h), "P08").weight, 60.0);
}

#[test]
fn escape_leaves_connect_mode() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Map);
    h.get_by_label("Connect").click();
    h.run();
    assert!(h.state().views.map.connect_mode);
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().views.map.connect_mode, "Esc leaves Connect mode");
}

#[test]
fn a_new_project_follows_the_ui_language() {
    // Started in Chinese: Chinese perspectives and name.
    let (_dir, h) = harness(Lang::Zh, None);
    let p = project(&h);
    assert_eq!(p.info.name, "新建平衡计分卡");
    let names: Vec<&str> = p.perspectives.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["财务", "客户", "内部流程", "学习与成长"]);
    // Started in English, switched to Chinese before touching it: made again in Chinese.
    let (_dir, mut h) = harness(Lang::En, None);
    assert_eq!(project(&h).perspectives[0].name, "Financial");
    click_menu(&mut h, "Language", "中文");
    h.run();
    assert_eq!(project(&h).perspectives[0].name, "财务");
    assert_eq!(project(&h).info.name, "新建平衡计分卡");
    assert!(!h.state().state.doc.is_dirty());
    // Once it has been edited, the project is the user's: a language switch leaves it alone.
    let mut persp = project(&h).perspectives[0].clone();
    persp.name = "收入".into();
    h.state_mut().state.apply(AppCommand::Doc {
        command: scorecard_studio::app::DocCommand::Upsert(scorecard_studio::app::Item::Perspective(persp)),
        label: "rename".into(),
        merge: None,
    });
    click_menu(&mut h, "语言", "English");
    h.run();
    assert_eq!(project(&h).perspectives[0].name, "收入");
    assert_eq!(project(&h).perspectives[1].name, "客户");
}

#[test]
fn the_guide_opens_from_the_empty_map_from_help_and_with_f1() {
    let (_dir, mut h) = harness(Lang::Zh, None);
    h.get_by_label("入门指南").click();
    h.run();
    h.get_by_label_contains("1. 绘制战略地图");
    h.get_by_label_contains("得分 = A / T");
    h.get_by_label_contains("1 − 超出距离 / 衰减幅度");
    // F1 closes it and opens it again.
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label_contains("1. 绘制战略地图").is_none());
    h.key_press(Key::F1);
    h.run();
    h.get_by_label_contains("6. 阅读仪表盘");
    // In English from the Help menu.
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    click_menu(&mut h, "Help", "Getting started…");
    h.run();
    h.get_by_label_contains("3. Set weights");
    h.get_by_label_contains("Example: baseline 60, target 80, actual 75");
}

#[test]
fn the_dashboard_counts_kpis_and_opens_on_the_latest_period_with_data() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    // December: nobody has reported yet.
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 12 }));
    h.state_mut().state.apply(AppCommand::ShowView(View::Dashboard));
    h.run();
    let latest = scorecard_studio::score::period::current_period(project(&h), chrono::NaiveDate::MAX);
    assert_ne!(latest, PeriodSpec::Month { year: 2026, month: 12 });
    assert_eq!(h.state().state.period, latest, "the dashboard moved to the latest month with data");
    h.get_by_label_contains("showing ");
    // The overall card counts the scorecard's KPIs (24 under objectives), not its 4 perspectives.
    let p = project(&h);
    let counted = p.kpis.iter().filter(|k| k.objective.is_some()).count();
    assert_eq!(counted, 24);
    h.get_by_label_contains(&format!("of {counted} KPIs reported"));
    h.get_by_label_contains("Scorecard (by perspectives)");
}

#[test]
fn the_last_file_opens_on_start_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.json");
    std::fs::copy(sample("retail-chain.json"), &file).unwrap();
    let config = dir.path().join("config");
    let prefs = scorecard_studio::app::prefs::Preferences {
        lang: Lang::En,
        recent: vec![file.clone()],
        open_last_file: true,
        ..Default::default()
    };
    let mut h = harness_with_prefs(prefs.clone(), &config, None, (1200.0, 800.0));
    settle(&mut h);
    assert_eq!(h.state().state.doc.path.as_deref(), Some(file.as_path()));
    // The menu shows the choice ticked; off, the app starts blank.
    click_menu(&mut h, "File", "✓ Open the last file on start");
    assert!(!h.state().state.prefs.open_last_file);
    drop(h);
    let config2 = dir.path().join("config2");
    let off = scorecard_studio::app::prefs::Preferences { open_last_file: false, ..prefs };
    let mut h = harness_with_prefs(off, &config2, None, (1200.0, 800.0));
    settle(&mut h);
    assert!(h.state().state.doc.path.is_none());
}

#[test]
fn the_navigator_keeps_its_width_and_remembers_the_one_dragged() {
    let (_dir, mut h) = open_in(Lang::Zh, "dealership-sales.json", View::Map);
    let width = |h: &H| h.state().views.panels.navigator_width;
    let before = width(&h);
    assert!((before - 250.0).abs() < 2.0, "{before}");
    // A very long objective name does not widen the navigator (it is cut, whole on hover).
    let mut o = project(&h).objectives[0].clone();
    o.name = "持续提升客户满意度并".repeat(8);
    h.state_mut().state.apply(AppCommand::Doc {
        command: scorecard_studio::app::DocCommand::Upsert(scorecard_studio::app::Item::Objective(o)),
        label: "rename".into(),
        merge: None,
    });
    h.run();
    assert!((width(&h) - before).abs() < 2.0, "{} → {}", before, width(&h));
    // Dragging its edge makes it wider, and the width is remembered.
    let y = 400.0;
    let edge = before + 1.0;
    h.event(egui::Event::PointerMoved(egui::pos2(edge, y)));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(edge, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    for x in [270.0, 285.0, 300.0] {
        h.event(egui::Event::PointerMoved(egui::pos2(x, y)));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(300.0, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let dragged = h.state().state.prefs.navigator_width;
    assert!((dragged - 300.0).abs() < 6.0, "remembered {dragged}");
    assert!((width(&h) - dragged).abs() < 1.0);
}
