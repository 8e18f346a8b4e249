//! Helpers for the GUI tests: a whole app in a kittest harness, with its own preferences folder
//! and no native file dialogs.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scorecard_studio::app::jobs::NoDialogs;
use scorecard_studio::i18n::Lang;
use scorecard_studio::ui::ScorecardApp;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects")).join(name)
}

/// The app in a 1400 × 900 window.
pub fn harness(lang: Lang, file: Option<PathBuf>) -> (tempfile::TempDir, Harness<'static, ScorecardApp>) {
    harness_sized(lang, file, (1400.0, 900.0))
}

pub fn harness_sized(
    lang: Lang,
    file: Option<PathBuf>,
    size: (f32, f32),
) -> (tempfile::TempDir, Harness<'static, ScorecardApp>) {
    let dir = tempfile::tempdir().unwrap();
    let h = harness_with_config(lang, dir.path(), file, size);
    (dir, h)
}

/// The app with a given preferences folder (which may hold recovery files already).
pub fn harness_with_config(
    lang: Lang,
    config: &std::path::Path,
    file: Option<PathBuf>,
    size: (f32, f32),
) -> Harness<'static, ScorecardApp> {
    let config = config.to_path_buf();
    let prefs = scorecard_studio::app::prefs::Preferences { lang, ..Default::default() };
    prefs.save(&config).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        // Short steps, so two clicks a couple of frames apart still make a double click.
        .with_step_dt(0.05)
        .with_max_steps(20)
        .with_context_setup(scorecard_studio::ui::fonts::setup_context)
        .build_eframe(move |cc| ScorecardApp::new(&cc.egui_ctx, config, Arc::new(NoDialogs), file, None));
    h.run();
    h
}

/// Steps until background jobs (loading, saving, dialogs) are done and the UI has settled.
pub fn settle(h: &mut Harness<'static, ScorecardApp>) {
    for _ in 0..500 {
        h.step();
        if h.state().state.jobs.is_idle() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // A finished job may start another (a dialog answer starts a load).
    for _ in 0..500 {
        h.step();
        if h.state().state.jobs.is_idle() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
}

/// Opens a menu of the menu bar and clicks an entry (its label, with or without the shortcut
/// that menus show after it).
pub fn click_menu(h: &mut Harness<'static, ScorecardApp>, menu: &str, entry: &str) {
    h.get_by_label(menu).click();
    h.run();
    let with_shortcut = format!("{entry} ");
    // A menu entry shows its shortcut after the label ("Open… Ctrl+O"); toolbar buttons with the
    // same words have none, and popups are drawn after the panels, so the last match is the menu's.
    let nodes: Vec<_> = h
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Button
                && n.label().is_some_and(|l| l == entry || l.starts_with(&with_shortcut))
        })
        .collect();
    let node = nodes
        .iter()
        .find(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with(&with_shortcut)))
        .or(nodes.last())
        .unwrap_or_else(|| panic!("no menu entry {entry}"));
    node.click();
    // The entry may start a background job whose spinner keeps the UI repainting.
    let _ = h.try_run();
}
pub mod mutation;
