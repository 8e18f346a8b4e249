//! The KPI designer, driven like a department head and a consultant use it.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::ElementId;
use scorecard_studio::model::lint::Subject;
use scorecard_studio::score::PeriodSpec;

fn shown_rows(h: &egui_kittest::Harness<'static, scorecard_studio::ui::ScorecardApp>) -> Vec<usize> {
    let s = h.state();
    let v = &s.views.kpis;
    scorecard_studio::ui::views::kpis::compute_rows(&s.state, &v.filters, v.sort, v.descending)
}

fn tab(h: &mut egui_kittest::Harness<'static, scorecard_studio::ui::ScorecardApp>, name: &str) {
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn edit_a_target_in_the_table() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    let cell = h.get_by_label("Target F01 新车销售收入");
    cell.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    cell.type_text("1,350");
    h.run();
    let k = h.state().state.project().kpis.iter().find(|k| k.code == "F01").unwrap().clone();
    assert_eq!(k.target, Some(1350.0));
    // Not a number: refused, nothing changes.
    let cell = h.get_by_label("Target F01 新车销售收入");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    cell.type_text("lots");
    h.run();
    assert_eq!(h.state().state.project().kpis.iter().find(|k| k.code == "F01").unwrap().target, Some(1350.0));
    // One undo step for the edit.
    h.key_press(Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project().kpis.iter().find(|k| k.code == "F01").unwrap().target, Some(1200.0));
}

#[test]
fn filters_and_sorting() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    // The table's design columns need the room the side panels take.
    h.state_mut().state.prefs.show_navigator = false;
    h.state_mut().state.prefs.show_inspector = false;
    h.run();
    h.get_by_label("Search").focus();
    h.get_by_label("Search").type_text("满意");
    h.run();
    let rows = shown_rows(&h);
    let p = h.state().state.project();
    assert!(!rows.is_empty() && rows.iter().all(|&i| p.kpis[i].name.contains("满意")));
    // Sort by target, descending on the second click.
    h.get_by_label("Target").click();
    h.run();
    h.get_by_label("Target ▲").click();
    h.run();
    let rows = shown_rows(&h);
    let app = &h.state().state;
    let targets: Vec<f64> =
        rows.iter().map(|&i| app.project().kpis[i].target.unwrap_or(f64::NEG_INFINITY)).collect();
    assert!(targets.windows(2).all(|w| w[0] >= w[1]), "{targets:?}");
}

#[test]
fn department_weights_normalise_and_undo() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    // 市场部 (dept-3): 50 / 30 / 20.
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Department("dept-3".into()))));
    h.run();
    tab(&mut h, "Weights");
    assert!(h.query_by_label("100 %").is_some());
    let cell = h.get_by_label("Weight M01 新增意向客户数");
    cell.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    cell.type_text("70");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(h.query_by_label("120 %").is_some(), "the total shows 120 %");
    assert!(h.query_by_label("The weights do not total 100 %").is_some(), "and says so");
    let total = |h: &egui_kittest::Harness<'static, scorecard_studio::ui::ScorecardApp>| -> f64 {
        h.state().state.project().kpis_of_department(&"dept-3".into()).map(|k| k.weight).sum()
    };
    assert_eq!(total(&h), 120.0);
    // Normalise, with M01 locked at 70: the other two share 30 in proportion 30:20.
    let m01 = h.state().state.project().kpis.iter().find(|k| k.code == "M01").unwrap().id.clone();
    h.state_mut().views.kpis.locked.insert(m01);
    h.get_by_label("Normalise to 100 %").click();
    h.run();
    assert_eq!(total(&h), 100.0);
    let w: Vec<f64> =
        h.state().state.project().kpis_of_department(&"dept-3".into()).map(|k| k.weight).collect();
    assert_eq!(w, vec![70.0, 18.0, 12.0]);
    assert!(h.query_by_label("The weights do not total 100 %").is_none());
    // Undo the normalisation: the department is at 120 again, then undo the edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(total(&h), 120.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(total(&h), 100.0);
}

#[test]
fn add_a_kpi_from_the_library() {
    let (_dir, mut h) = open_in(Lang::Zh, "dealership-sales.json", View::Kpis);
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Objective("obj-6".into()))));
    h.run();
    tab(&mut h, "指标库");
    h.get_by_label("搜索").type_text("人均单产");
    h.run();
    let before = h.state().state.project().kpis.len();
    h.get_by_label("添加 人均单产").click();
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.kpis.len(), before + 1);
    let k = p.kpis.last().unwrap();
    assert_eq!(
        (k.name.as_str(), k.unit.as_str(), k.objective.as_ref().map(|o| o.as_str())),
        ("人均单产", "元/人", Some("obj-6"))
    );
    assert_eq!(k.formula, "门店销售额 ÷ 在岗店员人数");
    assert_eq!(h.state().state.selection, Some(Subject::Kpi(k.id.clone())));
    // A ratio comes computed, with its counts as data elements, in one undo step.
    assert_eq!(k.expression.as_deref(), Some("[门店销售额] / [在岗店员人数]"));
    let names: Vec<&str> = p.elements.iter().rev().take(2).map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["在岗店员人数", "门店销售额"]);
    let elements = p.elements.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).kpis.len(), before);
    assert_eq!(project(&h).elements.len(), elements - 2);
}

#[test]
fn promote_a_screened_candidate() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Objective("obj-4".into()))));
    h.run();
    tab(&mut h, "Screening");
    h.get_by_label("Start with the standard criteria").click();
    h.run();
    assert_eq!(h.state().state.project().screening.criteria.len(), 4);
    for _ in 0..2 {
        h.get_by_label("Add candidate").click();
        h.run();
    }
    let name = h.get_by_label("Candidates cand-1");
    name.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    name.type_text("完美交付率");
    h.run();
    assert_eq!(h.state().state.project().screening.candidates[0].name, "完美交付率");
    let before = h.state().state.project().kpis.len();
    // The accessibility action: the grid's column widths settle over frames after a rename,
    // which a simulated pointer (aiming at last frame's position) can miss.
    h.get_by_label("Promote 完美交付率").click_accesskit();
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.kpis.len(), before + 1);
    let k = p.kpis.last().unwrap();
    assert_eq!(k.name, "完美交付率");
    assert_eq!(k.objective.as_ref().map(|o| o.as_str()), Some("obj-4"));
    assert_eq!(p.screening.candidates[0].promoted.as_ref(), Some(&k.id));
    // Promotion is one step: undo removes the KPI and the mark together.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.kpis.len(), before);
    assert_eq!(p.screening.candidates[0].promoted, None);
}

#[test]
fn what_if_shows_the_move_and_applies_as_one_step() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Objective("obj-1".into()))));
    h.run();
    tab(&mut h, "What-if");
    assert!(h.query_by_label("No score moves yet.").is_some());
    let cell = h.get_by_label("Actual this period F01 新车销售收入");
    cell.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    cell.type_text("1500");
    h.run();
    // The objective 提高收入 and everything above it would move.
    assert!(h.query_all_by_label("提高收入").count() >= 2, "in the navigator and among the moves");
    assert!(h.query_all_by_label_contains("+").count() >= 3, "scorecard, perspective and objective move up");
    let before = h.state().state.project().clone();
    h.get_by_label("Apply as one step").click();
    h.run();
    let after = h.state().state.project();
    let f01 = after.kpis.iter().find(|k| k.code == "F01").unwrap();
    assert!(f01.series.iter().any(|p| p.actual == Some(1500.0)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project(), &before);
}

#[test]
fn smart_checklist_and_preview_for_the_selected_kpi() {
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", View::Kpis);
    let id = h.state().state.project().kpis.iter().find(|k| k.code == "F05").unwrap().id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(id))));
    h.run();
    assert!(h.query_by_label("✓ Specific: a formula says what is counted").is_some());
    assert!(h.query_by_label("✓ Attainable: the target improves on the baseline").is_some());
    assert!(h.query_by_label("Score by actual value").is_some());
}

/// A computed KPI in the inspector: its formula's value for the period is shown as the formula
/// with numbers put in; a typing error says where; the edit is one undo step.
#[test]
fn a_computed_kpi_shows_its_value_and_its_typing_errors_live() {
    let file = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/computed.json"));
    let (_dir, mut h) = harness(Lang::En, Some(file));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::ShowView(View::Kpis));
    let id = project(&h).kpis.iter().find(|k| k.code == "WIN").unwrap().id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(id.clone()))));
    h.state_mut()
        .state
        .apply(AppCommand::SetPeriod(scorecard_studio::score::PeriodSpec::parse("2026-Q1").unwrap()));
    h.run();
    assert!(h.query_by_label("4 ÷ 104 × 100 = 3.85 %").is_some(), "the quarter is the ratio of sums");
    // The rare formula that needs it: each month, then the KPI's average (50 and 2 make 26).
    h.get_by_label("Over several periods").click();
    h.run();
    h.get_by_label("Each period").click();
    h.run();
    assert!(h.query_by_label("evaluated for each period, then aggregated by the KPI's rule: 26 %").is_some());
    assert_eq!(h.state().state.scores().kpis[kpi_index(project(&h), "WIN")].aggregate.actual, Some(26.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label("4 ÷ 104 × 100 = 3.85 %").is_some(), "undone");
    let field = h.get_by_label("Computed as");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Computed as").type_text("[Deals won] / ");
    h.run();
    assert_eq!(
        project(&h).kpis.iter().find(|k| k.id == id).unwrap().expression.as_deref(),
        Some("[Deals won] / ")
    );
    assert!(
        h.query_by_label("at character 15: expected a number, a name, a function or “(”").is_some(),
        "the error says where"
    );
    // Typing part of a name offers what it may be; Tab takes the first.
    h.get_by_label("Computed as").type_text("Lea");
    h.run();
    assert!(h.query_by_label("E02 Leads").is_some(), "Leads is offered");
    assert!(h.query_by_label("E01 Deals won").is_none(), "only what matches");
    h.key_press(Key::Tab);
    h.run();
    h.run();
    assert_eq!(
        project(&h).kpis.iter().find(|k| k.id == id).unwrap().expression.as_deref(),
        Some("[Deals won] / E02"),
        "the code is put in"
    );
    let shown = format!("4 ÷ 104 = {} %", scorecard_studio::model::lint::format_number(4.0 / 104.0));
    assert!(h.query_by_label(&shown).is_some(), "{shown}");
    // A name the project does not know: said, and the button makes it an element.
    h.get_by_label("Computed as").type_text(" * [Weight]");
    h.run();
    assert!(h.query_by_label_contains("“Weight”").is_some(), "the unknown name is said");
    h.get_by_label("Create data elements from the formula (1)").click();
    h.run();
    let p = project(&h);
    assert_eq!(p.elements.last().map(|e| (e.code.as_str(), e.name.as_str())), Some(("E03", "Weight")));
    h.key_press(Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).elements.len(), 2, "making the element is a step of its own");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        project(&h).kpis.iter().find(|k| k.id == id).unwrap().expression.as_deref(),
        Some("[Deals won] / [Leads] * 100"),
        "typing the formula is one undo step"
    );
}

/// A KPI whose formula is written in words (计算公式) becomes computed with one click: the data
/// elements it names are made, and the expression set, as one undo step.
#[test]
fn a_formula_in_words_becomes_data_elements_and_an_expression() {
    let (_dir, mut h) = open_in(Lang::Zh, "dealership-sales.json", View::Kpis);
    let k = project(&h).kpis.iter().position(|k| k.formula == "销售费用 ÷ 新车销售收入 × 100%").unwrap();
    let id = project(&h).kpis[k].id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(id))));
    h.run();
    let before = project(&h).elements.len();
    // 新车销售收入 is a KPI already: the formula uses it; 销售费用 becomes an element.
    h.get_by_label("从公式生成基础数据项（1 个）").click();
    h.run();
    let p = project(&h);
    assert_eq!(p.elements.len(), before + 1);
    assert_eq!(p.kpis[k].expression.as_deref(), Some("[销售费用] / [新车销售收入] * 100"));
    assert_eq!(p.elements.last().map(|e| (e.code.as_str(), e.name.as_str())), Some(("E07", "销售费用")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).elements.len(), before);
    assert_eq!(project(&h).kpis[k].expression, None);
}

/// The navigator lists the data elements of computed KPIs with their latest values; a click opens
/// one in the inspector, which says which KPIs use it.
#[test]
fn the_navigator_lists_data_elements() {
    let file = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/computed.json"));
    let (_dir, mut h) = harness(Lang::Zh, Some(file));
    settle(&mut h);
    h.get_by_label("基础数据项").click();
    h.run();
    assert!(
        h.query_by_label("100 leads (2026-02-01)").is_some(),
        "the latest value with its unit and period"
    );
    h.get_by_label("E01 Deals won").click();
    h.run();
    assert_eq!(h.state().state.selection, Some(Subject::Element(ElementId::new("el-1"))));
    assert!(h.query_by_label("用于").is_some(), "the inspector lists where it is used");
    assert!(h.query_by_label("WIN Win rate").is_some());
}

/// Data elements are entered in the data grid under the computed KPI that uses them: a count
/// typed there changes the rate at once, and undo takes it back.
#[test]
fn an_element_typed_in_the_grid_recomputes_the_rate_and_undoes() {
    let file = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/computed.json"));
    let (_dir, mut h) = harness(Lang::En, Some(file));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 2 }));
    // The grid opens on the selected KPI's row.
    let id = kpi(project(&h), "WIN").id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(id))));
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.run();
    h.run();
    let win = |h: &H| actual(project(h), "WIN", 2026, 2);
    assert_eq!(win(&h), Some(2.0), "2 of 100");
    // E02 (Leads) sits under WIN; February's cell.
    h.get_by_label("E02 2026-02").click();
    h.run();
    h.get_by_label_contains("E02 Leads · 2026-02 · Value 100 leads");
    h.event(egui::Event::Text("50".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(win(&h), Some(4.0), "2 of 50");
    let book = h.state().state.scores();
    let k = kpi_index(project(&h), "WIN");
    assert_eq!(book.kpis[k].aggregate.actual, Some(4.0), "the scores follow at once");
    // A zero makes the rate undefined, never 0 % or ∞.
    h.get_by_label("E02 2026-02").click();
    h.run();
    h.event(egui::Event::Text("0".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(win(&h), None);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(win(&h), Some(2.0));
    assert_eq!(project(&h).elements[1].series[1].value, 100.0);
}
