//! One list of user actions — label, keyboard shortcut, when it is available — from which the
//! menus, the toolbar, the command palette and the shortcuts are all generated.

use crate::app::{AppState, View};
use crate::i18n::T;
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    New,
    NewFromTemplate,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Palette,
    Delete,
    ShowMap,
    ShowKpis,
    ShowCascade,
    ShowData,
    ShowDashboard,
    ToggleFindings,
    ToggleNavigator,
    ToggleInspector,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Light,
    Dark,
    LangZh,
    LangEn,
    AddObjective,
    AddKpi,
    AddPerspective,
    AddTheme,
    AddDepartment,
    AddInitiative,
    PrevPeriod,
    NextPeriod,
    Presentation,
    ZoomToFit,
    AutoLayout,
    ExportMapSvg,
    ExportMapPng,
    ExportContracts,
    ExportXlsx,
    ExportCsv,
    ImportActuals,
    About,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::New,
        Action::NewFromTemplate,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Palette,
        Action::Delete,
        Action::ShowMap,
        Action::ShowKpis,
        Action::ShowCascade,
        Action::ShowData,
        Action::ShowDashboard,
        Action::ToggleFindings,
        Action::ToggleNavigator,
        Action::ToggleInspector,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::Light,
        Action::Dark,
        Action::LangZh,
        Action::LangEn,
        Action::AddObjective,
        Action::AddKpi,
        Action::AddPerspective,
        Action::AddTheme,
        Action::AddDepartment,
        Action::AddInitiative,
        Action::PrevPeriod,
        Action::NextPeriod,
        Action::Presentation,
        Action::ZoomToFit,
        Action::AutoLayout,
        Action::ExportMapSvg,
        Action::ExportMapPng,
        Action::ExportContracts,
        Action::ExportXlsx,
        Action::ExportCsv,
        Action::ImportActuals,
        Action::About,
    ];

    /// The label in menus and the palette. Language names are shown in their own language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Action::LangZh => crate::i18n::Lang::Zh.native_name(),
            Action::LangEn => crate::i18n::Lang::En.native_name(),
            other => other.text().get(lang),
        }
    }

    fn text(self) -> T {
        match self {
            Action::New => T::ActNew,
            Action::NewFromTemplate => T::ActNewFromTemplate,
            Action::Open => T::ActOpen,
            Action::Save => T::ActSave,
            Action::SaveAs => T::ActSaveAs,
            Action::Quit => T::ActQuit,
            Action::Undo => T::ActUndo,
            Action::Redo => T::ActRedo,
            Action::Palette => T::ActPalette,
            Action::Delete => T::ActDelete,
            Action::ShowMap => T::ActShowMap,
            Action::ShowKpis => T::ActShowKpis,
            Action::ShowCascade => T::ActShowCascade,
            Action::ShowData => T::ActShowData,
            Action::ShowDashboard => T::ActShowDashboard,
            Action::ToggleFindings => T::ActFindings,
            Action::ToggleNavigator => T::ActToggleNavigator,
            Action::ToggleInspector => T::ActToggleInspector,
            Action::ZoomIn => T::ActZoomIn,
            Action::ZoomOut => T::ActZoomOut,
            Action::ZoomReset => T::ActZoomReset,
            Action::Light => T::ActLight,
            Action::Dark => T::ActDark,
            Action::LangZh | Action::LangEn => T::Language,
            Action::AddObjective => T::ActAddObjective,
            Action::AddKpi => T::ActAddKpi,
            Action::AddPerspective => T::ActAddPerspective,
            Action::AddTheme => T::ActAddTheme,
            Action::AddDepartment => T::ActAddDepartment,
            Action::AddInitiative => T::ActAddInitiative,
            Action::PrevPeriod => T::ActPrevPeriod,
            Action::NextPeriod => T::ActNextPeriod,
            Action::Presentation => T::ActPresentation,
            Action::ZoomToFit => T::ActZoomToFit,
            Action::AutoLayout => T::ActAutoLayout,
            Action::ExportMapSvg => T::ActExportMapSvg,
            Action::ExportMapPng => T::ActExportMapPng,
            Action::ExportContracts => T::ActExportContracts,
            Action::ExportXlsx => T::ActExportXlsx,
            Action::ExportCsv => T::ActExportCsv,
            Action::ImportActuals => T::ActImport,
            Action::About => T::ActAbout,
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Action::New => k(CTRL, Key::N),
            Action::Open => k(CTRL, Key::O),
            Action::Save => k(CTRL, Key::S),
            Action::SaveAs => k(CTRL_SHIFT, Key::S),
            Action::Quit => k(CTRL, Key::Q),
            Action::Undo => k(CTRL, Key::Z),
            Action::Redo => k(CTRL_SHIFT, Key::Z),
            Action::Palette => k(CTRL, Key::K),
            Action::Delete => k(Modifiers::NONE, Key::Delete),
            Action::ShowMap => k(CTRL, Key::Num1),
            Action::ShowKpis => k(CTRL, Key::Num2),
            Action::ShowCascade => k(CTRL, Key::Num3),
            Action::ShowData => k(CTRL, Key::Num4),
            Action::ShowDashboard => k(CTRL, Key::Num5),
            Action::ToggleFindings => k(Modifiers::NONE, Key::F8),
            Action::ZoomIn => k(CTRL, Key::Equals),
            Action::ZoomOut => k(CTRL, Key::Minus),
            Action::ZoomReset => k(CTRL, Key::Num0),
            Action::PrevPeriod => k(Modifiers::ALT, Key::ArrowLeft),
            Action::NextPeriod => k(Modifiers::ALT, Key::ArrowRight),
            Action::Presentation => k(Modifiers::NONE, Key::F5),
            Action::ZoomToFit => k(CTRL_SHIFT, Key::F),
            _ => None,
        }
    }

    /// Extra shortcuts for the same action (Ctrl+Y is redo on Windows).
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::Redo => Some(KeyboardShortcut::new(CTRL, Key::Y)),
            Action::ZoomIn => Some(KeyboardShortcut::new(CTRL, Key::Plus)),
            _ => None,
        }
    }

    /// Whether the action can run now.
    pub fn enabled(self, app: &AppState) -> bool {
        match self {
            Action::Undo => app.doc.history().can_undo(),
            Action::Redo => app.doc.history().can_redo(),
            Action::Delete => {
                app.selection.as_ref().is_some_and(|s| !matches!(s, crate::model::lint::Subject::Project))
            }
            Action::AddKpi => {
                matches!(
                    app.selection,
                    Some(
                        crate::model::lint::Subject::Objective(_)
                            | crate::model::lint::Subject::Department(_)
                            | crate::model::lint::Subject::Kpi(_)
                    )
                ) || !app.project().objectives.is_empty()
            }
            Action::AddObjective => !app.project().perspectives.is_empty(),
            Action::ZoomToFit | Action::AutoLayout | Action::Presentation => app.view == View::Map,
            _ => true,
        }
    }

    /// Whether a selected state is shown next to it in menus (current language, theme, view).
    pub fn checked(self, app: &AppState) -> Option<bool> {
        use crate::app::prefs::ThemePref;
        use crate::i18n::Lang;
        Some(match self {
            Action::LangZh => app.prefs.lang == Lang::Zh,
            Action::LangEn => app.prefs.lang == Lang::En,
            Action::Light => app.prefs.theme == ThemePref::Light,
            Action::Dark => app.prefs.theme == ThemePref::Dark,
            Action::ShowMap => app.view == View::Map,
            Action::ShowKpis => app.view == View::Kpis,
            Action::ShowCascade => app.view == View::Cascade,
            Action::ShowData => app.view == View::Data,
            Action::ShowDashboard => app.view == View::Dashboard,
            Action::ToggleFindings => app.show_findings,
            _ => return None,
        })
    }

    /// The shortcut as text for menus, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// The view an action shows, if it is a view switch.
    pub fn view(self) -> Option<View> {
        Some(match self {
            Action::ShowMap => View::Map,
            Action::ShowKpis => View::Kpis,
            Action::ShowCascade => View::Cascade,
            Action::ShowData => View::Data,
            Action::ShowDashboard => View::Dashboard,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_and_shortcuts_do_not_clash() {
        let mut seen = std::collections::HashSet::new();
        let mut shortcuts = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a), "{a:?} twice");
            for s in [a.shortcut(), a.alternate_shortcut()].into_iter().flatten() {
                assert!(shortcuts.insert((s.modifiers, s.logical_key)), "{a:?}: shortcut used twice");
            }
        }
    }
}
