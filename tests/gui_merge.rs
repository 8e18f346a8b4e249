//! Many hands in the window (#17): Save on a file someone else changed offers Merge, and the
//! merge window shows what came in; a returned department pack merges with its conflict decided
//! by a click; a pack opened by its head keeps the company map read-only.

mod common;

use common::*;
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::{AppCommand, DocCommand, Item};
use scorecard_studio::i18n::Lang;
use scorecard_studio::io;
use scorecard_studio::model::Project;

fn copy_sample(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::copy(sample(name), &path).unwrap();
    path
}

fn set_target(h: &mut H, code: &str, target: f64) {
    let mut k = kpi(project(h), code).clone();
    k.target = Some(target);
    h.state_mut().state.apply(AppCommand::Doc {
        command: DocCommand::Upsert(Item::Kpi(Box::new(k))),
        label: "target".into(),
        merge: None,
    });
}

#[test]
fn save_on_a_file_changed_on_disk_merges_it_and_shows_what_came_in() {
    let files = tempfile::tempdir().unwrap();
    let path = copy_sample(files.path(), "manufacturer-kra.json");
    let (_dir, mut h) = harness(Lang::En, Some(path.clone()));
    settle(&mut h);
    // Someone else saves the file: K13's target and K14's weight.
    let mut other: Project = io::load_file(&path).unwrap().project;
    other.kpis.iter_mut().find(|k| k.code == "K13").unwrap().target = Some(88.0);
    other.kpis.iter_mut().find(|k| k.code == "K14").unwrap().weight = 55.0;
    std::thread::sleep(std::time::Duration::from_millis(20));
    io::save_file(&path, &other, &io::SaveOptions::default()).unwrap();
    // Meanwhile, in the window: K12's target.
    set_target(&mut h, "K12", 97.0);
    h.state_mut().state.apply(AppCommand::Save);
    settle(&mut h);
    h.get_by_label("The file changed on disk");
    h.get_by_label("Merge").click();
    settle(&mut h);
    // The merge window lists the incoming changes by item.
    h.get_by_label_contains("Came in (2)");
    h.get_by_label_contains("Target  85 → 88");
    h.get_by_label("No conflicts: every change merged by itself.");
    let p = project(&h);
    assert_eq!(kpi(p, "K12").target, Some(97.0), "mine");
    assert_eq!(kpi(p, "K13").target, Some(88.0), "theirs");
    assert_eq!(kpi(p, "K14").weight, 55.0, "theirs");
    // And it was saved: the file holds both.
    let saved = io::load_file(&path).unwrap().project;
    assert_eq!(kpi(&saved, "K12").target, Some(97.0));
    assert_eq!(kpi(&saved, "K13").target, Some(88.0));
    assert!(!h.state().state.doc.is_dirty());
    // One undo step takes the merge back.
    h.state_mut().state.apply(AppCommand::CloseModal);
    h.state_mut().state.apply(AppCommand::Undo);
    assert_eq!(kpi(project(&h), "K13").target, Some(85.0));
    assert_eq!(kpi(project(&h), "K12").target, Some(97.0));
}

#[test]
fn a_returned_pack_merges_and_its_conflict_is_decided_in_the_window() {
    let files = tempfile::tempdir().unwrap();
    let company = copy_sample(files.path(), "manufacturer-kra.json");
    let pack_path = files.path().join("overseas.json");
    let run = run_cli(
        &["pack", company.to_str().unwrap(), "--department", "海外事业部", "-o", pack_path.to_str().unwrap()],
        Lang::Zh,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pack = io::load_file(&pack_path).unwrap().project;
    pack.kpis.iter_mut().find(|k| k.code == "K05").unwrap().target = Some(6800.0);
    pack.kpis.iter_mut().find(|k| k.code == "6-K05").unwrap().weight = 70.0;
    io::save_file(&pack_path, &pack, &io::SaveOptions::default()).unwrap();

    let (_dir, mut h) = harness(Lang::Zh, Some(company));
    settle(&mut h);
    set_target(&mut h, "K05", 6500.0);
    h.state_mut().state.apply(AppCommand::MergePack(Some(pack_path)));
    h.run();
    h.get_by_label_contains("来自 海外事业部 的修改");
    h.get_by_label_contains("待决定的冲突（1）");
    assert_eq!(kpi(project(&h), "6-K05").weight, 70.0);
    assert_eq!(kpi(project(&h), "K05").target, Some(6500.0), "mine until decided");
    h.get_by_label("采用对方: 6800").click();
    h.run();
    assert_eq!(kpi(project(&h), "K05").target, Some(6800.0));
    assert!(project(&h).conflicts.is_empty());
    h.get_by_label("没有冲突：所有修改都已自动合并。");
    // Undo brings the conflict back.
    h.state_mut().state.apply(AppCommand::Undo);
    assert_eq!(project(&h).conflicts.len(), 1);
}

#[test]
fn a_pack_shows_what_it_is_and_keeps_the_map_read_only() {
    let files = tempfile::tempdir().unwrap();
    let company = copy_sample(files.path(), "manufacturer-kra.json");
    let pack_path = files.path().join("quality.json");
    let run = run_cli(
        &["pack", company.to_str().unwrap(), "--department", "dept-5", "-o", pack_path.to_str().unwrap()],
        Lang::En,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_dir, mut h) = harness(Lang::En, Some(pack_path));
    settle(&mut h);
    h.get_by_label_contains("Department pack for 质量管理部 (from manufacturer-kra.json");
    let mut objective = project(&h).objectives[0].clone();
    objective.name = "renamed".into();
    h.state_mut().state.apply(AppCommand::Doc {
        command: DocCommand::Upsert(Item::Objective(objective)),
        label: "rename".into(),
        merge: None,
    });
    assert_ne!(project(&h).objectives[0].name, "renamed", "the map is the company's");
    set_target(&mut h, "5-K14", 99.0);
    assert_eq!(kpi(project(&h), "5-K14").target, Some(99.0), "targets may change");
    // No pack of a pack.
    use scorecard_studio::ui::actions::Action;
    assert!(!Action::SendToDepartment.enabled(&h.state().state));
    assert!(!Action::MergePack.enabled(&h.state().state));
}
