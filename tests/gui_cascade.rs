//! The cascade view, driven as a consultant rebuilds a client's 指标分解矩阵 in a workshop:
//! cascade a company KPI to departments and split its target, edit the matrix, watch the drift
//! findings, edit the organisation tree, export a contract — and undo.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::lint::{FindingKind, Subject};
use scorecard_studio::model::{Cascade, DepartmentKind, KpiId};
use scorecard_studio::score::cascade::{Balance, Matrix, decomposition};

fn open_cascade(lang: Lang) -> (tempfile::TempDir, H) {
    let (dir, mut h) = harness(lang, Some(sample("manufacturer-kra.json")));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::ShowView(View::Cascade));
    // Room for every department column.
    h.state_mut().state.prefs.show_navigator = false;
    h.state_mut().state.prefs.show_inspector = false;
    h.run();
    (dir, h)
}

fn children_targets(h: &H, code: &str) -> Vec<Option<f64>> {
    let p = project(h);
    let d = decomposition(p, kpi_index(p, code));
    d.children.iter().map(|&c| p.kpis[c].target).collect()
}

fn checkbox(h: &H, label: &str) {
    h.query_by(|n| n.role() == egui::accesskit::Role::CheckBox && n.label().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no checkbox {label}"))
        .click();
}

fn undo(h: &mut H) {
    h.key_press(Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn type_into(h: &mut H, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn cascade_a_kpi_to_two_departments_and_split_its_target() {
    let (_dir, mut h) = open_cascade(Lang::En);
    h.get_by_label("Decompose a KPI").click();
    h.run();
    // Choose 净利润 (800 万元 a month) by selecting it, as clicking its row in the matrix does.
    let k01 = project(&h).kpis[kpi_index(project(&h), "K01")].id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(k01.clone()))));
    h.run();
    assert!(h.query_by_label("No department carries this KPI yet.").is_some());
    checkbox(&h, "生产中心");
    checkbox(&h, "财务部");
    h.run();
    h.get_by_label("Cascade to the selected departments").click();
    h.run();
    // Two department KPIs decomposing 净利润: the first takes the whole target to start with.
    assert_eq!(children_targets(&h, "K01"), vec![Some(800.0), Some(0.0)]);
    let p = project(&h);
    let kids = decomposition(p, kpi_index(p, "K01")).children;
    let depts: Vec<&str> = kids
        .iter()
        .map(|&c| p.department(p.kpis[c].department.as_ref().unwrap()).unwrap().name.as_str())
        .collect();
    assert_eq!(depts, ["生产中心", "财务部"]);
    // Split evenly: 400 each, and the view says the targets add up.
    h.get_by_label("Evenly").click();
    h.run();
    assert_eq!(children_targets(&h, "K01"), vec![Some(400.0), Some(400.0)]);
    assert!(h.query_by_label("targets add up").is_some());
    // Type a target that leaves a shortfall: the view says by how much.
    type_into(&mut h, "Target 财务部", "300");
    assert_eq!(children_targets(&h, "K01"), vec![Some(400.0), Some(300.0)]);
    assert!(h.query_by_label("short by 100 万元").is_some(), "the shortfall is shown");
    let p = project(&h);
    assert_eq!(decomposition(p, kpi_index(p, "K01")).balance, Balance::Short(100.0));
    // Undo: the typed target, the split, then the cascade itself.
    undo(&mut h);
    assert_eq!(children_targets(&h, "K01"), vec![Some(400.0), Some(400.0)]);
    undo(&mut h);
    assert_eq!(children_targets(&h, "K01"), vec![Some(800.0), Some(0.0)]);
    undo(&mut h);
    assert!(children_targets(&h, "K01").is_empty());
}

#[test]
fn split_by_last_year_explains_missing_history() {
    let (_dir, mut h) = open_cascade(Lang::Zh);
    h.get_by_label("目标分解").click();
    h.run();
    let k05 = project(&h).kpis[kpi_index(project(&h), "K05")].id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(k05))));
    // October 2026: last year is 2025, for which both children have actuals.
    h.run();
    h.get_by_label("按去年实际 (2025)").click();
    h.run();
    let targets: Vec<f64> = children_targets(&h, "K05").into_iter().map(|t| t.unwrap()).collect();
    assert!((targets.iter().sum::<f64>() - 6000.0).abs() < 1e-6, "{targets:?}");
    assert!(targets[0] != 1800.0, "the split follows 2025's actuals, not the old shares");
    // A period in 2025: last year is 2024, with no actuals — a clear message, nothing changed.
    let before = project(&h).clone();
    h.state_mut()
        .state
        .apply(AppCommand::SetPeriod(scorecard_studio::score::PeriodSpec::Year { year: 2025 }));
    h.run();
    h.get_by_label("按去年实际 (2024)").click();
    h.run();
    assert_eq!(project(&h), &before);
    assert_eq!(h.query_all_by_label_contains("2024 年没有实际值").count(), 1, "the reason is shown");
}

#[test]
fn edit_a_matrix_cell_and_see_the_column_total() {
    let (_dir, mut h) = open_cascade(Lang::En);
    // Every department column of the manufacturer's matrix totals 100 %.
    let m = Matrix::build(project(&h));
    assert!(m.column_totals.iter().all(|t| (t - 100.0).abs() < 0.01));
    assert_eq!(h.query_all_by_label("100%").count(), m.columns.len());
    // 生产中心 carries 按时交货率 at 35; make it 45 and the column shows 110 %.
    type_into(&mut h, "生产中心 · K12 按时交货率", "45");
    h.key_press(Key::Enter);
    h.run();
    let p = project(&h);
    let production = p.departments.iter().find(|d| d.name == "生产中心").unwrap().id.clone();
    let carried = p.kpis.iter().find(|k| {
        k.department.as_ref() == Some(&production)
            && matches!(&k.cascade, Some(Cascade::Decompose { parent, .. }) if p.kpi(parent).unwrap().code == "K12")
    });
    assert_eq!(carried.unwrap().weight, 45.0);
    assert!(h.query_by_label("110%").is_some(), "the column total follows");
    // Text that is not a number changes nothing.
    let before = project(&h).clone();
    type_into(&mut h, "生产中心 · K12 按时交货率", "lots");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(project(&h), &before);
    h.key_press(Key::Escape);
    h.run();
    // An empty cell: 财务部 takes on 净利润 at 10 — a new department KPI decomposing it.
    type_into(&mut h, "财务部 · K01 净利润", "10");
    h.key_press(Key::Enter);
    h.run();
    let p = project(&h);
    let finance = p.departments.iter().find(|d| d.name == "财务部").unwrap().id.clone();
    let new = p
        .kpis
        .iter()
        .find(|k| {
            k.department.as_ref() == Some(&finance)
                && matches!(&k.cascade, Some(Cascade::Decompose { parent, .. }) if p.kpi(parent).unwrap().code == "K01")
        })
        .expect("a KPI was created");
    assert_eq!((new.weight, new.unit.as_str()), (10.0, "万元"));
    assert_eq!(h.query_all_by_label("110%").count(), 2);
    // Undo both edits.
    undo(&mut h);
    undo(&mut h);
    let m = Matrix::build(project(&h));
    assert!(m.column_totals.iter().all(|t| (t - 100.0).abs() < 0.01), "{:?}", m.column_totals);
    assert_eq!(h.query_all_by_label("100%").count(), m.columns.len());
}

#[test]
fn deleting_a_parent_kpi_leaves_an_orphan_finding_until_undone() {
    let (_dir, mut h) = open_cascade(Lang::En);
    let orphans = |h: &mut H| {
        h.state_mut()
            .state
            .findings()
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::OrphanDecomposition { .. }))
            .count()
    };
    assert_eq!(orphans(&mut h), 0);
    let k05: KpiId = project(&h).kpis[kpi_index(project(&h), "K05")].id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(k05.clone()))));
    h.run();
    click_menu(&mut h, "Edit", "Delete");
    h.run();
    assert!(project(&h).kpi(&k05).is_none());
    // Both departments' sales KPIs now decompose a KPI that is gone.
    assert_eq!(orphans(&mut h), 2);
    if !h.state().state.show_findings {
        h.state_mut().state.apply(AppCommand::ToggleFindings);
    }
    h.run();
    let shown = h.query_all_by(|n| n.label().is_some_and(|l| l.contains("which no longer exists"))).count();
    assert!(shown >= 2, "the findings panel lists them ({shown})");
    undo(&mut h);
    assert!(project(&h).kpi(&k05).is_some());
    assert_eq!(orphans(&mut h), 0);
}

#[test]
fn organisation_tree_add_rename_move_delete_and_undo() {
    let (_dir, mut h) = open_cascade(Lang::En);
    let original = project(&h).clone();
    let finance = original.departments.iter().find(|d| d.name == "财务部").unwrap().id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Department(finance.clone()))));
    h.run();
    h.get_by_label("Add role").click();
    h.run();
    let role = project(&h).departments.last().unwrap().clone();
    assert_eq!((role.kind, role.parent.as_ref()), (DepartmentKind::Role, Some(&finance)));
    // Rename it in place.
    h.get_by_label("Rename").click();
    h.run();
    type_into(&mut h, "Rename New role", "会计主管");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(project(&h).department(&role.id).unwrap().name, "会计主管");
    // Outdent: it moves up beside 财务部, under the company.
    h.get_by_label("Outdent").click();
    h.run();
    let root = original.departments.iter().find(|d| d.parent.is_none()).unwrap().id.clone();
    assert_eq!(project(&h).department(&role.id).unwrap().parent, Some(root));
    // Indent: back under the unit above it.
    h.get_by_label("Indent").click();
    h.run();
    let parent = project(&h).department(&role.id).unwrap().parent.clone().unwrap();
    assert_ne!(parent, role.id);
    assert!(project(&h).department(&parent).is_some());
    // Delete, then undo everything back to the sample.
    h.get_by_label("Delete").click();
    h.run();
    assert!(project(&h).department(&role.id).is_none());
    for _ in 0..5 {
        undo(&mut h);
    }
    assert_eq!(project(&h), &original);
}

#[test]
fn export_a_role_contract_from_the_view() {
    let (dir, mut h) = open_cascade(Lang::Zh);
    let p = project(&h);
    let role = p.departments.iter().find(|d| d.name == "国内销售经理").unwrap().id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Department(role.clone()))));
    h.get_by_label("绩效合同").click();
    h.run();
    // The preview shows the appraisal and the grade bands.
    assert!(h.query_by_label("考核等级标准").is_some());
    h.get_by_label("导出本合同…").click();
    settle(&mut h);
    let out = dir.path().join("contract.html");
    type_into(&mut h, "文件路径", out.to_str().unwrap());
    h.key_press(Key::Enter);
    settle(&mut h);
    let html = std::fs::read_to_string(&out).expect("the contract was written");
    let p = project(&h);
    for k in p.kpis_of_department(&role) {
        assert!(html.contains(&k.name), "{}", k.name);
        assert!(html.contains(&format!("{}%", k.weight)));
    }
    assert_eq!(html.matches("<section class=\"contract\"").count(), 1);
}
