//! The test kit: the sample projects and fixtures, items found by code, the command line run
//! in-process, and the whole app in a kittest harness (its own preferences folder, no native file
//! dialogs) opened on a sample in a view and language. Every test module uses these rather than
//! its own copies.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scorecard_studio::app::jobs::NoDialogs;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::{Kpi, Project};
use scorecard_studio::ui::ScorecardApp;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub type H = Harness<'static, ScorecardApp>;

/// A sample project's path.
pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects")).join(name)
}

/// Every sample project's file name, so a new sample is tested without listing it.
pub fn samples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sample(""))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// A sample project, loaded.
pub fn load_sample(name: &str) -> Project {
    scorecard_studio::io::load_file(&sample(name)).unwrap_or_else(|e| panic!("{name}: {e}")).project
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// The KPI with this code.
pub fn kpi<'a>(p: &'a Project, code: &str) -> &'a Kpi {
    p.kpis.iter().find(|k| k.code == code).unwrap_or_else(|| panic!("no KPI {code}"))
}

/// The index of the KPI with this code.
pub fn kpi_index(p: &Project, code: &str) -> usize {
    p.kpis.iter().position(|k| k.code == code).unwrap_or_else(|| panic!("no KPI {code}"))
}

/// A KPI's actual for a month.
pub fn actual(p: &Project, code: &str, year: i32, month: u32) -> Option<f64> {
    kpi(p, code).period(chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap()).and_then(|x| x.actual)
}

/// What a command-line run printed and returned.
pub struct CliRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `scorecard-studio ARGS` in this process, in `lang`, as the binary would.
pub fn run_cli(args: &[&str], lang: Lang) -> CliRun {
    use clap::Parser;
    let cli = scorecard_studio::cli::Cli::try_parse_from(
        std::iter::once("scorecard-studio").chain(args.iter().copied()),
    )
    .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let command = cli.command.unwrap_or_else(|| panic!("{args:?} names no command"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = scorecard_studio::cli::run(command, cli.lang.unwrap_or(lang), &mut out, &mut err);
    CliRun {
        code,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// The document of the app in the harness.
pub fn project(h: &H) -> &Project {
    h.state().state.project()
}

/// The app on a sample, loaded, showing `view` in `lang`, in a 1400 × 900 window.
pub fn open_in(lang: Lang, sample_name: &str, view: View) -> (tempfile::TempDir, H) {
    let (dir, mut h) = harness(lang, Some(sample(sample_name)));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::ShowView(view));
    h.run();
    (dir, h)
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
    let prefs = scorecard_studio::app::prefs::Preferences { lang, ..Default::default() };
    harness_with_prefs(prefs, config, file, size)
}

/// The app with these preferences (UI scale, panels, map text) written to its folder first, in a
/// window of `size` pixels: at a UI scale of 2 that is half as many points, as in a real window.
pub fn harness_with_prefs(
    prefs: scorecard_studio::app::prefs::Preferences,
    config: &std::path::Path,
    file: Option<PathBuf>,
    size: (f32, f32),
) -> Harness<'static, ScorecardApp> {
    let config = config.to_path_buf();
    prefs.save(&config).unwrap();
    let scale = prefs.ui_scale;
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1) / scale)
        .with_pixels_per_point(scale)
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

/// Runs one of poppler's tools (pdfinfo, pdffonts, pdftotext) on a PDF and returns what it
/// printed (CI installs poppler-utils).
pub fn poppler(tool: &str, pdf: &Path) -> String {
    let o = std::process::Command::new(tool)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test (apt-get install poppler-utils): {e}"));
    assert!(o.status.success(), "{tool}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}
