//! Crash recovery as a user meets it: work left by an instance that died is offered at the next
//! start, recovering it keeps it safe until it is saved, and it is saved where it came from.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::recovery::Recovery;
use scorecard_studio::i18n::Lang;
use scorecard_studio::io;

#[test]
fn recovered_work_stays_safe_until_saved_and_is_saved_where_it_came_from() {
    let config = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let plan = work.path().join("plan.json");
    std::fs::copy(sample("logistics-en.json"), &plan).unwrap();
    // An instance edits the plan and dies before saving: its autosave is all that is left.
    {
        let crashed = Recovery::new(config.path());
        let mut project = io::load_file(&plan).unwrap().project;
        project.info.name = "Edited before the crash".into();
        let key = crashed.key_for(Some(&plan), 0);
        crashed.write(&key, &io::project_to_bytes(&project), Some(&plan)).unwrap();
    }
    let mut h = harness_with_config(Lang::En, config.path(), None, (1400.0, 900.0));
    assert!(h.query_by_label("Recover unsaved work").is_some());
    h.get_by_label("Recover").click();
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.project().info.name, "Edited before the crash");
    assert!(state.doc.is_dirty());
    assert_eq!(state.doc.path.as_deref(), Some(plan.as_path()));
    // The recovery file is still there, now this instance's: a crash right now loses nothing,
    // and a second instance started meanwhile is not offered this running instance's work.
    let recovery_file = state.recovery_path();
    settle(&mut h);
    assert!(recovery_file.exists(), "kept until the document is saved");
    assert!(Recovery::new(config.path()).orphans().is_empty(), "owned by a running instance");
    // Saving writes the plan where it came from and ends the recovery file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert_eq!(io::load_file(&plan).unwrap().project.info.name, "Edited before the crash");
    assert!(!recovery_file.exists(), "saved: nothing left to recover");
    assert!(Recovery::new(config.path()).orphans().is_empty());
}
