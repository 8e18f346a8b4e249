//! The central views. Each reads the state and pushes commands; its own view state (zoom,
//! scroll, filters, sandbox) lives in `Views` and never in the document or the undo history.

pub mod cascade;
pub mod charts;
pub mod dashboard;
pub mod data;
pub mod kpis;
pub mod map;
pub mod presentation;

use super::actions::Action;
use crate::app::prefs::SidePanel;
use crate::app::{AppCommand, AppState, View};
use crate::io::export::ExportKind;
use egui::Ui;

#[derive(Default)]
pub struct Views {
    /// Presentation mode: the map or the dashboard full screen, without editing chrome.
    pub presentation: bool,
    /// What the presenter has highlighted.
    pub spotlight: presentation::Spotlight,
    /// Which side panels are shown this frame, and which closed by themselves for room.
    pub panels: PanelRoom,
    pub map: map::MapState,
    pub kpis: kpis::KpiViewState,
    pub cascade: cascade::CascadeViewState,
    pub import: crate::ui::import_window::ImportWindowState,
    pub data: data::DataViewState,
    pub dashboard: dashboard::DashboardState,
    /// The getting-started guide is open (Help → Getting started, F1).
    pub guide: bool,
}

/// The central view's room: when it would get narrower than `MIN_CENTRAL_SHARE` of the window or
/// than `MIN_CENTRAL_WIDTH` points, the side panels close by themselves (the inspector first), and
/// open again when the window has room.
pub const MIN_CENTRAL_SHARE: f32 = 0.5;
pub const MIN_CENTRAL_WIDTH: f32 = 540.0;

/// The side panels' room this session. What the user chose is in the preferences; this adds what
/// the window's width allows.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRoom {
    /// Widths in points when last shown (the defaults before that).
    pub navigator_width: f32,
    pub inspector_width: f32,
    /// Closed by themselves this frame for lack of room.
    pub navigator_squeezed: bool,
    pub inspector_squeezed: bool,
    /// Opened by the user although there is no room: shown anyway until closed.
    pub navigator_forced: bool,
    pub inspector_forced: bool,
    /// What `arrange` decided this frame.
    pub showing_navigator: bool,
    pub showing_inspector: bool,
}

impl Default for PanelRoom {
    fn default() -> Self {
        Self {
            navigator_width: 250.0,
            inspector_width: 330.0,
            navigator_squeezed: false,
            inspector_squeezed: false,
            navigator_forced: false,
            inspector_forced: false,
            showing_navigator: true,
            showing_inspector: true,
        }
    }
}

impl PanelRoom {
    /// The panel's toggle, `chosen` being the user's remembered choice: a panel closed for room
    /// opens anyway (for this session); otherwise the choice flips and is remembered.
    pub fn toggle(&mut self, panel: SidePanel, chosen: bool) -> Option<AppCommand> {
        let (squeezed, forced) = match panel {
            SidePanel::Navigator => (self.navigator_squeezed, &mut self.navigator_forced),
            SidePanel::Inspector => (self.inspector_squeezed, &mut self.inspector_forced),
        };
        if squeezed {
            *forced = true;
            None
        } else {
            *forced = false;
            Some(AppCommand::ShowPanel(panel, !chosen))
        }
    }

    /// Decides which panels show in a window `width` points wide, given the user's choice;
    /// returns (navigator, inspector).
    pub fn arrange(&mut self, width: f32, want_navigator: bool, want_inspector: bool) -> (bool, bool) {
        let fits = |panels: f32| width - panels >= (MIN_CENTRAL_SHARE * width).max(MIN_CENTRAL_WIDTH);
        let mut navigator = want_navigator;
        let mut inspector = want_inspector;
        let taken = |n: bool, i: bool, room: &PanelRoom| {
            (if n { room.navigator_width } else { 0.0 }) + (if i { room.inspector_width } else { 0.0 })
        };
        self.inspector_squeezed = false;
        self.navigator_squeezed = false;
        if inspector && !self.inspector_forced && !fits(taken(navigator, inspector, self)) {
            inspector = false;
            self.inspector_squeezed = true;
        }
        if navigator && !self.navigator_forced && !fits(taken(navigator, inspector, self)) {
            navigator = false;
            self.navigator_squeezed = true;
        }
        self.showing_navigator = navigator;
        self.showing_inspector = inspector;
        (navigator, inspector)
    }
}

impl Views {
    pub fn central_ui(
        &mut self,
        ui: &mut Ui,
        app: &AppState,
        out: &mut Vec<AppCommand>,
        actions: &mut Vec<Action>,
    ) {
        let spotlight = self.presentation.then_some(self.spotlight);
        if self.presentation {
            presentation::keys(ui, app.project(), &mut self.spotlight, actions);
        }
        match app.view {
            View::Map => map::map_ui(ui, app, &mut self.map, spotlight, out, actions),
            View::Kpis => kpis::kpis_ui(ui, app, &mut self.kpis, out),
            View::Cascade => cascade::cascade_ui(ui, app, &mut self.cascade, out),
            View::Data => data::data_ui(ui, app, &mut self.data, out),
            View::Dashboard => {
                dashboard::dashboard_ui(ui, app, &mut self.dashboard, &mut self.data, spotlight, out)
            }
        }
    }

    /// Actions that belong to the strategy map.
    pub fn map_action(
        &mut self,
        action: Action,
        app: &AppState,
        out: &mut Vec<AppCommand>,
        ctx: &egui::Context,
    ) {
        match action {
            Action::Presentation => {
                self.presentation = !self.presentation;
                self.spotlight = presentation::Spotlight::All;
                self.map.fit_requested = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presentation));
            }
            Action::ZoomToFit => self.map.fit_requested = true,
            Action::AutoLayout => map::auto_layout(app, out),
            Action::AutoLayoutByTheme => map::auto_layout_by_theme(app, out),
            Action::TidyLinks => map::tidy_links(app, out),
            Action::ExportMapSvg => out.push(AppCommand::Export(ExportKind::MapSvg)),
            Action::ExportMapPng => out.push(AppCommand::Export(ExportKind::MapPng)),
            Action::ExportMapPdf => {
                out.push(AppCommand::Export(ExportKind::MapPdf(crate::io::export::Paper::A4)))
            }
            _ => {}
        }
    }
}

/// Import and export actions.
pub fn export_action(action: Action, app: &AppState, views: &Views, out: &mut Vec<AppCommand>) {
    match action {
        Action::ImportActuals => out.push(AppCommand::ImportActuals(None)),
        Action::ExportXlsx => out.push(AppCommand::Export(ExportKind::DataXlsx)),
        Action::ExportCsv => out.push(AppCommand::Export(ExportKind::ActualsCsv)),
        Action::ExportReviewPack => out.push(AppCommand::Export(ExportKind::ReviewPack {
            department: None,
            sections: crate::io::review_pack::Sections::default(),
        })),
        Action::ExportReviewPackHtml => out.push(AppCommand::Export(ExportKind::ReviewPackHtml {
            department: None,
            sections: crate::io::review_pack::Sections::default(),
        })),
        Action::ExportContracts => {
            out.push(AppCommand::Export(ExportKind::Contracts(cascade::contract_scope(app, &views.cascade))))
        }
        _ => {}
    }
}
