//! What each command of the registry does: the commands it pushes, or the view state it
//! changes (panels, the map's zoom). The shell calls this for menus, the toolbar, the palette and
//! shortcuts alike; creating and deleting items is the app layer's (`app::new_item`).

use super::actions::Action;
use super::views::{self, Views};
use crate::app::prefs::{SidePanel, ThemePref};
use crate::app::state::templates;
use crate::app::{AppCommand, AppState, Modal, View, new_item};
use crate::i18n::Lang;

/// Runs a command when it is available.
pub fn run(
    action: Action,
    app: &AppState,
    views: &mut Views,
    ctx: &egui::Context,
    out: &mut Vec<AppCommand>,
) {
    if !action.enabled(app) {
        return;
    }
    let lang = app.lang();
    let p = app.project();
    let selection = app.selection.as_ref();
    let scale = |step: f32| AppCommand::SetScale(((app.prefs.ui_scale + step) * 10.0).round() / 10.0);
    match action {
        Action::New => out.push(AppCommand::New { template: None }),
        Action::NewFromTemplate => {
            out.push(AppCommand::ShowModal(Modal::NewFromTemplate { templates: templates() }))
        }
        Action::Open => out.push(AppCommand::Open(None)),
        Action::SendToDepartment => out.push(AppCommand::ShowModal(Modal::SendToDepartment { selected: 0 })),
        Action::MergePack => out.push(AppCommand::MergePack(None)),
        Action::NewYear => {
            let year = chrono::Datelike::year(&p.info.end) + 1;
            out.push(AppCommand::ShowModal(Modal::NewYear { year, rule: 0, grow: "5".into() }))
        }
        Action::Periods => out.push(AppCommand::ShowModal(Modal::Periods { reason: String::new() })),
        Action::Author => out.push(AppCommand::ShowModal(Modal::Author { text: app.prefs.author.clone() })),
        Action::Conflicts => out.push(AppCommand::ShowModal(Modal::Merge {
            from: String::new(),
            incoming: Vec::new(),
            edit: None,
        })),
        Action::Save => out.push(AppCommand::Save),
        Action::SaveAs => out.push(AppCommand::SaveAs(None)),
        Action::Quit => out.push(AppCommand::Quit),
        Action::Undo => out.push(AppCommand::Undo),
        Action::Redo => out.push(AppCommand::Redo),
        Action::Palette => out.push(AppCommand::OpenPalette),
        Action::Delete => {
            // On the map several objectives may be selected: they go as one step.
            let several =
                if app.view == View::Map { views::map::delete_selected(app, &views.map) } else { None };
            if let Some(cmd) = several.or_else(|| selection.and_then(|s| new_item::delete(p, s, lang))) {
                out.push(cmd);
                let objectives: Vec<crate::model::ObjectiveId> =
                    if app.view == View::Map && views.map.selected.len() >= 2 {
                        views.map.selected.iter().cloned().collect()
                    } else {
                        match selection {
                            Some(crate::model::lint::Subject::Objective(id)) => vec![id.clone()],
                            _ => Vec::new(),
                        }
                    };
                out.extend(new_item::deletion_notice(p, &objectives));
            }
        }
        Action::ShowMap
        | Action::ShowKpis
        | Action::ShowCascade
        | Action::ShowData
        | Action::ShowDashboard => {
            if let Some(v) = action.view() {
                out.push(AppCommand::ShowView(v));
            }
        }
        Action::ToggleFindings => out.push(AppCommand::ToggleFindings),
        Action::ToggleNavigator => {
            out.extend(views.panels.toggle(SidePanel::Navigator, app.prefs.show_navigator))
        }
        Action::ToggleInspector => {
            out.extend(views.panels.toggle(SidePanel::Inspector, app.prefs.show_inspector))
        }
        Action::ZoomIn => out.push(scale(0.1)),
        Action::ZoomOut => out.push(scale(-0.1)),
        Action::ZoomReset => out.push(AppCommand::SetScale(1.0)),
        Action::Light => out.push(AppCommand::SetTheme(ThemePref::Light)),
        Action::Dark => out.push(AppCommand::SetTheme(ThemePref::Dark)),
        Action::LangZh => out.push(AppCommand::SetLang(Lang::Zh)),
        Action::LangEn => out.push(AppCommand::SetLang(Lang::En)),
        Action::AddObjective => out.extend(new_item::objective(p, selection, lang)),
        Action::AddKpi => out.extend(new_item::kpi(p, selection, lang)),
        Action::AddPerspective => out.extend(new_item::perspective(p, lang)),
        Action::AddTheme => out.extend(new_item::theme(p, lang)),
        Action::AddDepartment => out.extend(new_item::department(p, selection, lang)),
        Action::AddInitiative => out.extend(new_item::initiative(p, selection, lang)),
        Action::PrevPeriod => out.push(AppCommand::SetPeriod(app.period.previous())),
        Action::NextPeriod => out.push(AppCommand::SetPeriod(app.period.next())),
        Action::About => out.push(AppCommand::ShowModal(Modal::About)),
        Action::Guide => views.guide = !views.guide,
        Action::OpenLastFile => out.push(AppCommand::SetOpenLastFile(!app.prefs.open_last_file)),
        Action::Presentation
        | Action::ZoomToFit
        | Action::AutoLayout
        | Action::AutoLayoutByTheme
        | Action::TidyLinks
        | Action::ExportMapSvg
        | Action::ExportMapPng
        | Action::ExportMapPdf => views.map_action(action, app, out, ctx),
        Action::ExportContracts
        | Action::ExportXlsx
        | Action::ExportCsv
        | Action::ExportReviewPack
        | Action::ExportReviewPackHtml
        | Action::ImportActuals => views::export_action(action, app, views, out),
    }
}
