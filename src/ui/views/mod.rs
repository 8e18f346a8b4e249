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
        app: &mut AppState,
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
            Action::ExportMapSvg | Action::ExportMapPng => {
                let png = action == Action::ExportMapPng;
                let project = app.project().clone();
                let book = app.scores().clone();
                let lang = app.lang();
                let period_label = app.period.label(lang);
                let name = crate::io::sanitize_file_name(&project.info.name);
                let file_name = format!("{name}{}", if png { ".png" } else { ".svg" });
                app.export(
                    file_name,
                    Box::new(move |path| {
                        let options =
                            crate::io::map_svg::SvgOptions { lang, scores: Some(&book), period_label };
                        let svg = crate::io::map_svg::map_svg(&project, &options);
                        let bytes =
                            if png { crate::io::map_svg::svg_to_png(&svg, 3.0)? } else { svg.into_bytes() };
                        crate::io::save_bytes(path, &bytes, &crate::io::SaveOptions::default())
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    }),
                );
            }
            _ => {}
        }
    }
}

/// Import and export actions.
pub fn export_action(action: Action, app: &mut AppState, views: &mut Views, out: &mut Vec<AppCommand>) {
    if action == Action::ImportActuals {
        out.push(AppCommand::ImportActuals(None));
    } else if matches!(action, Action::ExportXlsx | Action::ExportCsv) {
        let xlsx = action == Action::ExportXlsx;
        let project = app.project().clone();
        let book = app.scores().clone();
        let lang = app.lang();
        let period_label = app.period.label(lang);
        let name = crate::io::sanitize_file_name(&project.info.name);
        let file_name = format!("{name}{}", if xlsx { ".xlsx" } else { ".csv" });
        app.export(
            file_name,
            Box::new(move |path| {
                let bytes = if xlsx {
                    crate::io::export_data::data_xlsx(&project, &book, lang, &period_label)?
                } else {
                    crate::io::export_data::actuals_csv(&project, lang)
                };
                crate::io::save_bytes(path, &bytes, &crate::io::SaveOptions::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }),
        );
    } else if action == Action::ExportContracts {
        let units = cascade::contract_units_for_export(app, &views.cascade);
        if units.is_empty() {
            app.apply(AppCommand::Toast(
                crate::i18n::Message::text(crate::i18n::T::NoContractToExport),
                true,
            ));
        } else {
            cascade::export_contracts(app, units);
        }
    }
}
