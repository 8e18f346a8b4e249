//! The egui user interface: the shell (menus, panels, dialogs) and one module per view. Views
//! read the application state and push commands; they never change the document themselves.

pub mod actions;
pub mod commentary;
pub mod dispatch;
pub mod expression_field;
pub mod fonts;
pub mod guide;
pub mod import_window;
pub mod inspector;
pub mod merge_window;
pub mod modals;
pub mod navigator;
pub mod shell;
pub mod sparkline;

pub mod views;
pub mod widgets;

pub use shell::ScorecardApp;

use crate::i18n::Lang;
use std::path::PathBuf;
use std::sync::Arc;

/// Opens the window, with `file` if given. Blocks until the window closes.
pub fn run(file: Option<PathBuf>, lang: Option<Lang>) -> eframe::Result {
    let config_dir = crate::app::prefs::config_dir();
    let prefs = crate::app::prefs::Preferences::load(&config_dir);
    // Where the window was on the monitor it was last on; the window manager keeps it on
    // screen if that monitor is gone.
    let place = prefs.start_place();
    let size = place.map(|p| p.size).or(prefs.window_size).unwrap_or([1400.0, 860.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(crate::i18n::PRODUCT_TITLE)
        .with_app_id("scorecard-studio")
        .with_inner_size([size[0].max(640.0), size[1].max(420.0)])
        .with_min_inner_size([640.0, 420.0])
        .with_drag_and_drop(true);
    if let Some(p) = place {
        viewport = viewport.with_position([p.position[0].max(0.0), p.position[1].max(0.0)]);
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "scorecard-studio",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ScorecardApp::new(
                &cc.egui_ctx,
                config_dir,
                Arc::new(crate::app::jobs::NativeDialogs),
                file,
                lang,
            )))
        }),
    )
}
