//! The monthly review in the window (#16): the owner's commentary typed in the data view and the
//! inspector, stored with its period and undone in one step; the why, in words, beside the score.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::lint::Subject;
use scorecard_studio::score::PeriodSpec;

fn october(h: &mut H) -> chrono::NaiveDate {
    h.state_mut().state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2026, month: 10 }));
    chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
}

fn commentary(h: &H, code: &str, date: chrono::NaiveDate) -> Option<scorecard_studio::model::Commentary> {
    kpi(project(h), code).period(date).and_then(|p| p.commentary.as_deref()).cloned()
}

#[test]
fn commentary_typed_in_the_data_view_is_kept_with_its_period_and_undone_in_one_step() {
    // Dealership: P02 进店接待流程执行率 is amber in October 2026, with no commentary yet.
    let (_dir, mut h) = harness(Lang::Zh, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let oct = october(&mut h);
    let p02 = kpi(project(&h), "P02").id.clone();
    let owner = kpi(project(&h), "P02").owner.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(p02))));
    h.state_mut().state.apply(AppCommand::ShowView(View::Data));
    h.state_mut().state.prefs.show_inspector = false;
    h.run();
    h.get_by_label("分析说明").click();
    h.run();
    h.get_by_label_contains("分析说明 · P02 进店接待流程执行率 · 2026-10");
    h.get_by_label("分析").click();
    h.run();
    h.get_by_label("分析").type_text("跟踪及时率连续三个月低于 80%");
    h.run();
    h.get_by_label("措施").click();
    h.run();
    h.get_by_label("措施").type_text("DCC 专员每日核对未跟踪名单");
    h.run();
    assert_eq!(commentary(&h, "P02", oct).map(|c| c.analysis.is_empty()), Some(false));
    let c = commentary(&h, "P02", oct).expect("stored with October");
    assert_eq!(c.analysis, "跟踪及时率连续三个月低于 80%");
    assert_eq!(c.action, "DCC 专员每日核对未跟踪名单");
    assert_eq!(c.owner, owner, "signed by the KPI's owner");
    assert!(c.date.is_some(), "and dated");
    // The October actual is untouched.
    assert_eq!(actual(project(&h), "P02", 2026, 10), Some(89.9));
    // Undo takes the action back, then the analysis: one step per field typed.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(commentary(&h, "P02", oct).map(|c| c.action), Some(String::new()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(commentary(&h, "P02", oct), None);
    assert_eq!(actual(project(&h), "P02", 2026, 10), Some(89.9));
}

#[test]
fn the_inspector_says_why_and_takes_commentary() {
    // Tall enough that the commentary under the KPI's score is on screen.
    let (_dir, mut h) = harness_sized(Lang::En, Some(sample("logistics-en.json")), (1400.0, 1800.0));
    settle(&mut h);
    let oct = october(&mut h);
    let customer = project(&h).perspectives[1].id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Perspective(customer))));
    h.run();
    h.get_by_label("Customer: 90.0 %, amber (amber: 90 % ≤ score < 100 %).");
    h.get_by_label_contains("mainly CUS4 Mean time to resolve: 27 h against a target of 24 h, 81.2 %, red");
    h.get_by_label_contains("not due in 2026-10: CUS1 Customer satisfaction (Quarterly)");
    // CUS4 has its owner's commentary; CUS3, amber too, has none yet.
    assert!(commentary(&h, "CUS4", oct).is_some_and(|c| c.cause.contains("on leave")));
    let cus3 = kpi(project(&h), "CUS3").id.clone();
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Kpi(cus3))));
    h.run();
    h.get_by_label("Commentary · CUS3 Complaint resolution success rate · 2026-10");
    h.get_by_label("Cause").click();
    h.run();
    h.get_by_label("Cause").type_text("Two agents on leave");
    h.run();
    assert_eq!(commentary(&h, "CUS3", oct).map(|c| c.cause), Some("Two agents on leave".into()));
    // A date that does not exist is refused where it is typed; the stored one stays.
    let dated = commentary(&h, "CUS3", oct).unwrap().date;
    h.get_by_label("Written on").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Written on").type_text("2026-11-31");
    h.run();
    h.get_by_label("Not a date (YYYY-MM-DD)");
    assert_eq!(commentary(&h, "CUS3", oct).unwrap().date, dated);
    // The dashboard says why the scorecard is amber.
    h.state_mut().state.apply(AppCommand::ShowView(View::Dashboard));
    h.run();
    h.get_by_label("Pulling it down most:");
}

/// File ▸ Export ▸ Review pack (PDF)… writes the pack of the period viewed, in the window's
/// language, off the UI thread.
#[test]
fn the_review_pack_is_exported_from_the_menu() {
    let (dir, mut h) = harness(Lang::Zh, Some(sample("retail-chain.json")));
    settle(&mut h);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出").click();
    h.run();
    h.get_by_label("经营分析报告（PDF）…").click();
    let _ = h.try_run();
    settle(&mut h);
    let path = dir.path().join("pack.pdf");
    let field = h.get_by_label("文件路径");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("文件路径").type_text(&path.display().to_string());
    h.key_press(Key::Enter);
    let _ = h.try_run();
    settle(&mut h);
    let bytes = std::fs::read(&path).expect("the pack is written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() > 50_000, "{} bytes", bytes.len());
}

/// The project settings switch the rule on (one undo step); a red KPI without commentary is
/// then an error in the status bar's count.
#[test]
fn red_kpis_need_commentary_is_a_project_setting() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("logistics-en.json")));
    settle(&mut h);
    // CUS4 is red in October; take its commentary away.
    let oct = october(&mut h);
    let cus4 = kpi(project(&h), "CUS4").clone();
    let mut period = cus4.period(oct).cloned().unwrap();
    period.commentary = None;
    h.state_mut().state.apply(AppCommand::Doc {
        command: scorecard_studio::app::DocCommand::SetPeriod {
            kpi: cus4.id.clone(),
            date: oct,
            period: Some(period),
        },
        label: "clear".into(),
        merge: None,
    });
    h.state_mut().state.apply(AppCommand::Select(Some(Subject::Project)));
    settle(&mut h);
    h.get_by_label("0 errors · 0 warnings · 3 hints");
    h.get_by_label("Red KPIs need commentary").click();
    settle(&mut h);
    assert!(project(&h).scoring.red_needs_commentary);
    h.get_by_label("1 errors · 0 warnings · 3 hints");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(!project(&h).scoring.red_needs_commentary);
    h.get_by_label("0 errors · 0 warnings · 3 hints");
}
