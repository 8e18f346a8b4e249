//! The central views. Each reads the state and pushes commands; its own view state (zoom,
//! scroll, filters, sandbox) lives in `Views` and never in the document or the undo history.

pub mod cascade;
pub mod charts;
pub mod dashboard;
pub mod data;
pub mod kpis;
pub mod map;

use super::actions::Action;
use crate::app::{AppCommand, AppState, View};
use crate::io::export::ExportKind;
use egui::Ui;

#[derive(Default)]
pub struct Views {
    /// Presentation mode: full screen map without editing chrome.
    pub presentation: bool,
    /// Side panels the user closed to give the central view more room.
    pub hide_navigator: bool,
    pub hide_inspector: bool,
    pub map: map::MapState,
    pub kpis: kpis::KpiViewState,
    pub cascade: cascade::CascadeViewState,
    pub import: crate::ui::import_window::ImportWindowState,
    pub data: data::DataViewState,
    pub dashboard: dashboard::DashboardState,
}

impl Views {
    pub fn central_ui(
        &mut self,
        ui: &mut Ui,
        app: &AppState,
        out: &mut Vec<AppCommand>,
        actions: &mut Vec<Action>,
    ) {
        match app.view {
            View::Map => map::map_ui(ui, app, &mut self.map, self.presentation, out, actions),
            View::Kpis => kpis::kpis_ui(ui, app, &mut self.kpis, out),
            View::Cascade => cascade::cascade_ui(ui, app, &mut self.cascade, out),
            View::Data => data::data_ui(ui, app, &mut self.data, out),
            View::Dashboard => dashboard::dashboard_ui(ui, app, &mut self.dashboard, &mut self.data, out),
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
                self.map.fit_requested = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presentation));
            }
            Action::ZoomToFit => self.map.fit_requested = true,
            Action::AutoLayout => map::auto_layout(app, out),
            Action::ExportMapSvg => out.push(AppCommand::Export(ExportKind::MapSvg)),
            Action::ExportMapPng => out.push(AppCommand::Export(ExportKind::MapPng)),
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
        Action::ExportContracts => {
            out.push(AppCommand::Export(ExportKind::Contracts(cascade::contract_scope(app, &views.cascade))))
        }
        _ => {}
    }
}
