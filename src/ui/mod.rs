//! The egui user interface: the shell (menus, panels, dialogs) and one module per view. Views
//! read the application state and push commands; they never change the document themselves.

pub mod actions;
pub mod commentary;
pub mod dispatch;
pub mod expression_field;
pub mod fonts;
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
    let size = prefs.window_size.unwrap_or([1400.0, 860.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(crate::i18n::PRODUCT_TITLE)
            .with_inner_size([size[0].max(640.0), size[1].max(420.0)])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
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
