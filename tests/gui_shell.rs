//! The app shell, driven like a user: by clicking labels, typing and pressing shortcuts.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::lint::Subject;

#[test]
fn create_a_project_add_an_objective_and_a_kpi_then_undo_and_redo() {
    let (_dir, mut h) = harness(Lang::En, None);
    // A blank scorecard has the four perspectives and nothing else.
    assert_eq!(h.state().state.project().perspectives.len(), 4);
    assert!(h.state().state.project().objectives.is_empty());

    click_menu(&mut h, "Insert", "Objective");
    assert_eq!(h.state().state.project().objectives.len(), 1);
    // The new objective is selected; name it in the inspector.
    let name = h.get_by_label("Name");
    name.focus();
    name.type_text(" 提高收入");
    h.run();
    let obj_name = h.state().state.project().objectives[0].name.clone();
    assert!(obj_name.ends_with("提高收入"), "{obj_name}");

    h.get_by_label("+ Add KPI").click();
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.kpis.len(), 1);
    assert_eq!(p.kpis[0].objective.as_ref(), Some(&p.objectives[0].id));
    assert_eq!(p.kpis[0].weight, 100.0, "the first KPI takes the whole weight");
    assert!(matches!(h.state().state.selection, Some(Subject::Kpi(_))));

    // Type a target: invalid text is refused inline, a valid number is applied.
    let target = h.get_by_label("Target");
    target.focus();
    target.type_text("12x");
    h.run();
    assert_eq!(h.state().state.project().kpis[0].target, None);
    assert!(h.query_by_label_contains("is not a number").is_some());
    let target = h.get_by_label("Target");
    target.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    target.type_text("1,200");
    h.run();
    assert_eq!(h.state().state.project().kpis[0].target, Some(1200.0));

    // Undo three steps: the target, the KPI, the name; the objective stays.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    let p = h.state().state.project();
    assert!(p.kpis.is_empty());
    assert_eq!(p.objectives.len(), 1);
    assert!(!p.objectives[0].name.contains("提高收入"), "typing the name is one undo step");
    // Redo with Ctrl+Shift+Z, then Ctrl+Y.
    h.key_press_modifiers(Modifiers { shift: true, ..Modifiers::COMMAND }, Key::Z);
    h.run();
    assert!(h.state().state.project().objectives[0].name.ends_with("提高收入"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().state.project().kpis.len(), 1);
    assert!(h.state().state.doc.is_dirty());
}

#[test]
fn switching_language_shows_chinese_labels_and_is_remembered() {
    let (dir, mut h) = harness(Lang::En, None);
    assert!(h.query_by_label("File").is_some());
    click_menu(&mut h, "Language", "中文");
    assert!(h.query_by_label("文件").is_some(), "the menu bar is in Chinese");
    assert!(h.query_by_label("战略地图").is_some());
    assert!(h.query_by_label("File").is_none());
    // Remembered for the next start.
    let prefs = scorecard_studio::app::prefs::Preferences::load(dir.path());
    assert_eq!(prefs.lang, Lang::Zh);
    click_menu(&mut h, "语言", "English");
    assert!(h.query_by_label("File").is_some());
}

#[test]
fn save_to_a_file_and_reopen_it() {
    let (dir, mut h) = harness(Lang::En, None);
    click_menu(&mut h, "Insert", "Objective");
    let path = dir.path().join("plan.json");
    // No native dialog in tests: the app offers its own path field.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let field = h.get_by_label("File path");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(path.exists(), "the file was written");
    assert!(!h.state().state.doc.is_dirty());
    assert_eq!(h.state().state.doc.path.as_deref(), Some(path.as_path()));

    // A new document, then open the saved one through File → Open.
    click_menu(&mut h, "File", "New");
    assert!(h.state().state.project().objectives.is_empty());
    click_menu(&mut h, "File", "Open…");
    settle(&mut h);
    let field = h.get_by_label("File path");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text(path.to_str().unwrap());
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().state.project().objectives.len(), 1);
    assert_eq!(h.state().state.doc.path.as_deref(), Some(path.as_path()));
    assert!(h.state().state.prefs.recent.iter().any(|p| p.ends_with("plan.json")));
}

#[test]
fn a_broken_file_shows_every_problem_and_the_document_stays() {
    let (dir, mut h) = harness(Lang::En, Some(sample("logistics-en.json")));
    settle(&mut h);
    let before = h.state().state.project().clone();
    assert_eq!(before.info.name, "Northwind Logistics — Balanced Scorecard");
    let text = std::fs::read_to_string(sample("logistics-en.json")).unwrap();
    let broken = text
        .replacen("\"perspective\": \"persp-financial\"", "\"perspective\": \"persp-nowhere\"", 1)
        .replacen("\"id\": \"kpi-2\"", "\"id\": \"kpi-1\"", 1);
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, broken).unwrap();
    h.state_mut().state.apply(scorecard_studio::app::AppCommand::Open(Some(bad)));
    settle(&mut h);
    assert!(h.query_by_label("The file could not be opened").is_some());
    assert!(h.query_by_label_contains("objectives[0].perspective").is_some());
    assert!(h.query_by_label_contains("kpis[1].id").is_some());
    assert_eq!(h.state().state.project(), &before, "the open document is unchanged");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().state.modal.is_none());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let (_dir, mut h) = harness(Lang::En, None);
    click_menu(&mut h, "Insert", "Objective");
    click_menu(&mut h, "File", "New");
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().state.project().objectives.len(), 1, "cancel keeps the work");
    click_menu(&mut h, "File", "New");
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().state.project().objectives.is_empty());
}

#[test]
fn command_palette_runs_actions() {
    let (_dir, mut h) = harness(Lang::En, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Search…").type_text("dashb");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.view, scorecard_studio::app::View::Dashboard);
    assert!(h.state().state.modal.is_none());
}

#[test]
fn the_palette_finds_kpis_objectives_and_departments_and_goes_to_them() {
    let (_dir, mut h) = harness(Lang::Zh, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let p = h.state().state.project().clone();
    let kpi = p.kpis.iter().find(|k| !k.code.is_empty()).unwrap().clone();
    let dept = p.departments.last().unwrap().clone();
    let objective = p.objectives[1].clone();
    for (typed, subject, view) in [
        (kpi.code.to_lowercase(), Subject::Kpi(kpi.id.clone()), scorecard_studio::app::View::Kpis),
        (dept.name.clone(), Subject::Department(dept.id.clone()), scorecard_studio::app::View::Cascade),
        (objective.name.clone(), Subject::Objective(objective.id.clone()), scorecard_studio::app::View::Map),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        h.run();
        h.get_by_label("搜索…").type_text(&typed);
        h.run();
        // Commands first: none matches a name, so the item is the first entry.
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().state.selection, Some(subject), "{typed}");
        assert_eq!(h.state().state.view, view, "{typed}");
        assert!(h.state().state.modal.is_none());
    }
    // Every export is a command the palette lists.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索…").type_text("导出");
    h.run();
    assert!(h.query_all_by_label("战略地图（SVG）…").count() > 0);
    assert!(h.query_all_by_label("绩效合同（HTML）…").count() > 0);
}

#[test]
fn findings_panel_selects_the_item() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    h.key_press(Key::F8);
    h.run();
    let link = h.get_by_label_contains("no department carries objective “增加利润”");
    link.click();
    h.run();
    assert_eq!(h.state().state.selection, Some(Subject::Objective("obj-2".into())));
}

#[test]
fn shell_snapshots_in_both_languages() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (lang, name) in [(Lang::En, "shell_en"), (Lang::Zh, "shell_zh")] {
        let (_dir, mut h) = harness_sized(lang, Some(sample("dealership-sales.json")), (960.0, 560.0));
        settle(&mut h);
        h.state_mut()
            .state
            .apply(scorecard_studio::app::AppCommand::Select(Some(Subject::Kpi("kpi-15".into()))));
        h.run();
        results.add(h.try_snapshot(name));
    }
}

/// The window and the command line make an export with one function: the same request gives
/// the same file, byte for byte, in either language.
#[test]
fn the_window_and_the_command_line_export_the_same_files() {
    use scorecard_studio::app::AppCommand;
    use scorecard_studio::io::export::{ContractScope, ExportKind};
    for lang in [Lang::Zh, Lang::En] {
        let (dir, mut h) = harness(lang, Some(sample("logistics-en.json")));
        settle(&mut h);
        let period = h.state().state.period.to_string();
        let file = sample("logistics-en.json").display().to_string();
        for (kind, name, cli) in [
            (ExportKind::MapSvg, "map.svg", vec!["export", "map"]),
            (ExportKind::DataXlsx, "data.xlsx", vec!["export", "data"]),
            (ExportKind::ActualsCsv, "data.csv", vec!["export", "data"]),
            (ExportKind::Contracts(ContractScope::All), "contracts.html", vec!["export", "contracts"]),
        ] {
            let from_window = dir.path().join(format!("window-{name}"));
            h.state_mut().state.apply(AppCommand::Export(kind.clone()));
            h.state_mut().state.apply(AppCommand::ExportTo(from_window.clone()));
            settle(&mut h);
            let from_cli = dir.path().join(format!("cli-{name}"));
            let out = from_cli.display().to_string();
            let mut args = cli.clone();
            args.extend([file.as_str(), "-o", out.as_str(), "--period", period.as_str()]);
            let run = run_cli(&args, lang);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            let (a, b) = (std::fs::read(&from_window).unwrap(), std::fs::read(&from_cli).unwrap());
            if name.ends_with(".xlsx") {
                // A workbook records when it was made; its sheets must match.
                let read = |p: &std::path::Path| scorecard_studio::io::import::read_file(p).unwrap().sheets;
                assert_eq!(read(&from_window), read(&from_cli), "{lang:?} {name}");
            } else {
                assert!(a == b, "{lang:?} {name}: the window and the command line wrote different files");
            }
        }
    }
}

/// A refused edit is said in the window's language, and a language switch says it again in the
/// new one: state keeps the message in both, not a string in the language of the moment.
#[test]
fn a_refused_edit_is_told_in_chinese_and_again_in_english_after_a_switch() {
    use scorecard_studio::app::{AppCommand, DocCommand, Item};
    let (_dir, mut h) = open_in(Lang::Zh, "dealership-sales.json", scorecard_studio::app::View::Kpis);
    let mut k = project(&h).kpis[0].clone();
    k.weight = -5.0;
    h.state_mut().state.apply(AppCommand::Doc {
        command: DocCommand::Upsert(Item::Kpi(Box::new(k))),
        label: "weight".into(),
        merge: None,
    });
    h.run();
    let toast = h.state().state.toasts.last().expect("a toast says why").text.clone();
    assert!(toast.get(Lang::Zh).starts_with("未修改：") && toast.get(Lang::Zh).contains("权重不能为负数"));
    assert!(h.query_all_by_label_contains("权重不能为负数").count() > 0, "shown in Chinese");
    h.state_mut().state.apply(AppCommand::SetLang(Lang::En));
    h.run();
    assert!(h.query_all_by_label_contains("Not changed:").count() > 0, "shown again in English");
    assert!(h.query_all_by_label_contains("权重不能为负数").count() == 0);
}
