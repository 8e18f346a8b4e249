//! The appraisal year in the window (#18): a department agreed, a weight changed afterwards, the
//! reason asked for and given, "changed since agreed" shown and printed in the contract.

mod common;

use common::*;
use egui::Key;
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::AppCommand;
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::appraisal::{SignOffStatus, signoff_states};
use scorecard_studio::model::lint::Subject;
use scorecard_studio::model::{DepartmentId, KpiId};
use scorecard_studio::score::{PeriodSpec, ScoreBook};

/// The dealership at the start of its year (record and closed periods cleared), as a file.
fn fresh_dealership(dir: &std::path::Path) -> std::path::PathBuf {
    let mut p = load_sample("dealership-sales.json");
    p.history.clear();
    p.closed_periods.clear();
    let path = dir.join("dealership.json");
    scorecard_studio::io::save_file(&path, &p, &Default::default()).unwrap();
    path
}

#[test]
fn agree_a_department_change_a_weight_give_the_reason_and_see_it_in_the_contract() {
    let files = tempfile::tempdir().unwrap();
    let (_dir, mut h) = harness(Lang::Zh, Some(fresh_dealership(files.path())));
    settle(&mut h);
    // Your name, once, from Edit ▸ Your name for the record….
    click_menu(&mut h, "编辑", "变更记录署名…");
    h.get_by_label("您的姓名（用于变更记录）").type_text("王顾问");
    h.get_by_label("确定").click();
    h.run();
    assert_eq!(h.state().state.prefs.author, "王顾问");

    // 销售部: submit, then agree.
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Department(DepartmentId::new("dept-2")))));
    h.run();
    h.get_by_label_contains("草稿");
    h.get_by_label("提交审批").click();
    h.run();
    h.get_by_label("同意").click();
    h.run();
    h.get_by_label_contains("已同意（王顾问，");
    assert_eq!(signoff_states(project(&h))[1].status, SignOffStatus::Agreed);

    // S01's weight 40 → 45, typed; the question comes once the field is left.
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(KpiId::new("kpi-25")))));
    h.run();
    let field = h.get_by_label("权重");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("权重").type_text("45");
    h.run();
    assert!(h.query_by_label("变更原因").is_none(), "not asked while typing");
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("变更原因");
    // The modal's field (the inspector's commentary has a 原因 of its own, drawn before it).
    h.query_all_by(|n| {
        n.role() == egui::accesskit::Role::MultilineTextInput && n.label().as_deref() == Some("原因")
    })
    .last()
    .unwrap()
    .type_text("试驾中心改建，销量权重上调");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let p = project(&h);
    let changes: Vec<_> = p.history.iter().filter(|e| e.kpi().is_some()).collect();
    assert_eq!(changes.len(), 1, "one entry for the typed 45");
    assert_eq!(changes[0].reason, "试驾中心改建，销量权重上调");
    assert_eq!(changes[0].author, "王顾问");

    // The KPI's timeline shows it; the department shows it is changed since agreed.
    h.get_by_label_contains("权重 40 → 45");
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Department(DepartmentId::new("dept-2")))));
    h.run();
    h.get_by_label_contains("同意后已变更");

    // The contract prints the sign-off and the change with its reason.
    let p = project(&h);
    let book = ScoreBook::compute(p, PeriodSpec::Year { year: 2026 });
    let opts = scorecard_studio::io::contract::ContractOptions {
        lang: Lang::Zh,
        book: &book,
        period_label: "2026".into(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    };
    let html = scorecard_studio::io::contract::contracts_html(p, &[1], &opts);
    assert!(html.contains("同意（王顾问）"), "agreement");
    assert!(html.contains("同意后已变更 (1)") && html.contains("同意后的变更"), "changed since agreed");
    assert!(html.contains("试驾中心改建，销量权重上调"), "the reason");

    // Undo takes the reason, then the change and its record, back.
    h.state_mut().state.apply(AppCommand::Undo);
    h.state_mut().state.apply(AppCommand::Undo);
    h.run();
    assert!(project(&h).history.iter().all(|e| e.kpi().is_none()));
    assert!(!signoff_states(project(&h))[1].changed_since_agreed());
}

#[test]
fn a_closed_period_says_so_when_a_value_is_entered() {
    let files = tempfile::tempdir().unwrap();
    let (_dir, mut h) = harness(Lang::Zh, Some(fresh_dealership(files.path())));
    settle(&mut h);
    click_menu(&mut h, "编辑", "关账与重新打开期间…");
    h.get_by_label("期间关账");
    // Close January 2025, the first period of the horizon.
    h.get_all_by_label("关账").next().unwrap().click();
    h.run();
    let jan = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    assert_eq!(project(&h).closed_periods, vec![jan]);
    h.get_by_label("已关账");
    h.state_mut().state.apply(AppCommand::CloseModal);
    let mut period = scorecard_studio::model::Period::new(jan);
    period.actual = Some(1.0);
    h.state_mut().state.apply(AppCommand::Doc {
        command: scorecard_studio::app::DocCommand::SetPeriod {
            kpi: KpiId::new("kpi-25"),
            date: jan,
            period: Some(period),
        },
        label: "enter".into(),
        merge: None,
    });
    h.run();
    h.get_by_label_contains("2025年1月 已关账");
    assert_ne!(actual(project(&h), "S01", 2025, 1), Some(1.0));
}
