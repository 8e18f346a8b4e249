//! One list of user actions — label, keyboard shortcut, when it is available — from which the
//! menus, the toolbar, the command palette and the shortcuts are all generated.

use crate::app::{AppState, View};
use crate::i18n::T;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Where a command is offered: a menu (or submenu), or the toolbar. Within one place, commands
/// are shown in the order of the registry, with a separator where the group number changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    File,
    FileExport,
    Edit,
    Insert,
    View,
    ViewTheme,
    ViewScale,
    Language,
    Help,
    Toolbar,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;

/// The registry: each command once, with its label, tooltip, shortcuts and places. The enum,
/// its list and the lookups are derived from this table, so a new command is one line here and
/// one arm in `ui::dispatch`.
macro_rules! commands {
    ($(
        $(#[$doc:meta])*
        $name:ident => $text:expr, tip $tip:expr, keys [$($m:ident + $key:ident),*], in [$($place:ident $group:literal),*];
    )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action { $($(#[$doc])* $name),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            fn text(self) -> T {
                match self { $(Action::$name => $text),* }
            }

            /// What the command does, beyond its label, for tooltips.
            pub fn tip(self) -> Option<T> {
                match self { $(Action::$name => $tip),* }
            }

            /// The keyboard shortcuts; the first is shown in menus.
            pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
                match self {
                    $(Action::$name => {
                        const KEYS: &[KeyboardShortcut] = &[$(KeyboardShortcut::new($m, Key::$key)),*];
                        KEYS
                    }),*
                }
            }

            /// Where the command is offered, with its group there.
            pub fn places(self) -> &'static [(Place, u8)] {
                match self {
                    $(Action::$name => {
                        const PLACES: &[(Place, u8)] = &[$((Place::$place, $group)),*];
                        PLACES
                    }),*
                }
            }
        }
    };
}

commands! {
    New => T::ActNew, tip Some(T::TipNew), keys [CTRL + N], in [File 0, Toolbar 0];
    NewFromTemplate => T::ActNewFromTemplate, tip None, keys [], in [File 0];
    Open => T::ActOpen, tip Some(T::TipOpen), keys [CTRL + O], in [File 0, Toolbar 0];
    Save => T::ActSave, tip Some(T::TipSave), keys [CTRL + S], in [File 1, Toolbar 0];
    SaveAs => T::ActSaveAs, tip None, keys [CTRL_SHIFT + S], in [File 1];
    ImportActuals => T::ActImport, tip None, keys [], in [File 2];
    SendToDepartment => T::MenuSendToDepartment, tip Some(T::TipSendToDepartment), keys [], in [File 2];
    MergePack => T::MenuMergePack, tip Some(T::TipMergePack), keys [], in [File 2];
    Conflicts => T::MenuConflicts, tip Some(T::TipConflicts), keys [], in [File 2];
    NewYear => T::MenuNewYear, tip Some(T::TipNewYear), keys [], in [File 2];
    ExportMapSvg => T::ActExportMapSvg, tip None, keys [], in [FileExport 0];
    ExportMapPng => T::ActExportMapPng, tip None, keys [], in [FileExport 0];
    ExportMapPdf => T::ActExportMapPdf, tip None, keys [], in [FileExport 0];
    ExportContracts => T::ActExportContracts, tip None, keys [], in [FileExport 0];
    ExportXlsx => T::ActExportXlsx, tip None, keys [], in [FileExport 0];
    ExportCsv => T::ActExportCsv, tip None, keys [], in [FileExport 0];
    ExportReviewPack => T::ActExportReviewPack, tip Some(T::ActExportReviewPackTip), keys [], in [FileExport 0];
    ExportReviewPackHtml => T::ActExportReviewPackHtml, tip Some(T::ActExportReviewPackTip), keys [], in [FileExport 0];
    OpenLastFile => T::ActOpenLastFile, tip Some(T::TipOpenLastFile), keys [], in [File 3];
    Quit => T::ActQuit, tip None, keys [CTRL + Q], in [File 4];
    Undo => T::ActUndo, tip Some(T::TipUndo), keys [CTRL + Z], in [Edit 0, Toolbar 1];
    /// Ctrl+Y is redo on Windows.
    Redo => T::ActRedo, tip Some(T::TipRedo), keys [CTRL_SHIFT + Z, CTRL + Y], in [Edit 0, Toolbar 1];
    Delete => T::ActDelete, tip None, keys [NONE + Delete], in [Edit 0];
    Guide => T::ActGuide, tip Some(T::TipGuide), keys [NONE + F1], in [Help 0];
    Palette => T::ActPalette, tip Some(T::PaletteTip), keys [CTRL + K], in [Edit 0, Help 0];
    Periods => T::MenuPeriods, tip Some(T::TipPeriods), keys [], in [Edit 1];
    Author => T::MenuAuthor, tip Some(T::TipAuthor), keys [], in [Edit 1];
    AddObjective => T::ActAddObjective, tip None, keys [], in [Insert 0];
    AddKpi => T::ActAddKpi, tip None, keys [], in [Insert 0];
    AddPerspective => T::ActAddPerspective, tip None, keys [], in [Insert 0];
    AddTheme => T::ActAddTheme, tip None, keys [], in [Insert 0];
    AddDepartment => T::ActAddDepartment, tip None, keys [], in [Insert 0];
    AddInitiative => T::ActAddInitiative, tip None, keys [], in [Insert 0];
    ShowMap => T::ActShowMap, tip Some(T::TipShowMap), keys [CTRL + Num1], in [View 0, Toolbar 2];
    ShowKpis => T::ActShowKpis, tip Some(T::TipShowKpis), keys [CTRL + Num2], in [View 0, Toolbar 2];
    ShowCascade => T::ActShowCascade, tip Some(T::TipShowCascade), keys [CTRL + Num3], in [View 0, Toolbar 2];
    ShowData => T::ActShowData, tip Some(T::TipShowData), keys [CTRL + Num4], in [View 0, Toolbar 2];
    ShowDashboard => T::ActShowDashboard, tip Some(T::TipShowDashboard), keys [CTRL + Num5], in [View 0, Toolbar 2];
    ToggleFindings => T::ActFindings, tip None, keys [NONE + F8], in [View 1];
    ToggleNavigator => T::ActToggleNavigator, tip Some(T::TipToggleNavigator), keys [CTRL + B], in [View 1, Toolbar 3];
    ToggleInspector => T::ActToggleInspector, tip Some(T::TipToggleInspector), keys [CTRL + I], in [View 1, Toolbar 3];
    Presentation => T::ActPresentation, tip None, keys [NONE + F5], in [View 1];
    ZoomToFit => T::ActZoomToFit, tip None, keys [CTRL_SHIFT + F], in [View 1];
    AutoLayout => T::ActAutoLayout, tip None, keys [], in [View 1];
    AutoLayoutByTheme => T::ActAutoLayoutByTheme, tip None, keys [], in [View 1];
    TidyLinks => T::ActTidyLinks, tip None, keys [], in [View 1];
    PrevPeriod => T::ActPrevPeriod, tip None, keys [ALT + ArrowLeft], in [View 1];
    NextPeriod => T::ActNextPeriod, tip None, keys [ALT + ArrowRight], in [View 1];
    Light => T::ActLight, tip None, keys [], in [ViewTheme 0];
    Dark => T::ActDark, tip None, keys [], in [ViewTheme 0];
    /// Ctrl+= and Ctrl++ (the same key with or without Shift on most layouts).
    ZoomIn => T::ActZoomIn, tip None, keys [CTRL + Equals, CTRL + Plus], in [ViewScale 0];
    ZoomOut => T::ActZoomOut, tip None, keys [CTRL + Minus], in [ViewScale 0];
    ZoomReset => T::ActZoomReset, tip None, keys [CTRL + Num0], in [ViewScale 0];
    LangZh => T::Language, tip None, keys [], in [Language 0];
    LangEn => T::Language, tip None, keys [], in [Language 0];
    About => T::ActAbout, tip None, keys [], in [Help 1];
}

impl Place {
    /// The menu's name ("Export"), which the palette also searches: "导出" finds every export.
    pub fn name(self) -> Option<T> {
        Some(match self {
            Place::File => T::MenuFile,
            Place::FileExport => T::MenuExport,
            Place::Edit => T::MenuEdit,
            Place::Insert => T::MenuInsert,
            Place::View => T::MenuView,
            Place::ViewTheme => T::MenuTheme,
            Place::ViewScale => T::MenuScale,
            Place::Language => T::MenuLanguage,
            Place::Help => T::MenuHelp,
            Place::Toolbar => return None,
        })
    }
}

impl Action {
    /// Whether the palette's search text (lower case) finds the command: its label or the name
    /// of a menu it is in, in either language.
    pub fn matches(self, needle: &str) -> bool {
        use crate::i18n::Lang;
        needle.is_empty()
            || Lang::ALL.iter().any(|&l| {
                self.label(l).to_lowercase().contains(needle)
                    || self
                        .places()
                        .iter()
                        .filter_map(|(p, _)| p.name())
                        .any(|t| t.get(l).to_lowercase().contains(needle))
            })
    }

    /// The commands offered in `place`, in registry order, with their group.
    pub fn in_place(place: Place) -> impl Iterator<Item = (Action, u8)> {
        Action::ALL
            .iter()
            .filter_map(move |a| a.places().iter().find(|(p, _)| *p == place).map(|(_, g)| (*a, *g)))
    }

    /// The label in menus and the palette. Language names are shown in their own language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Action::LangZh => crate::i18n::Lang::Zh.native_name(),
            Action::LangEn => crate::i18n::Lang::En.native_name(),
            other => other.text().get(lang),
        }
    }

    /// The main keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
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
            Action::SendToDepartment => app.project().pack.is_none() && !app.project().departments.is_empty(),
            Action::MergePack => app.project().pack.is_none(),
            Action::Conflicts => !app.project().conflicts.is_empty(),
            Action::NewYear | Action::Periods => app.project().pack.is_none(),
            Action::ZoomToFit | Action::AutoLayout | Action::TidyLinks => app.view == View::Map,
            Action::AutoLayoutByTheme => app.view == View::Map && !app.project().themes.is_empty(),
            Action::Presentation => matches!(app.view, View::Map | View::Dashboard),
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
            Action::ToggleNavigator => app.prefs.show_navigator,
            Action::ToggleInspector => app.prefs.show_inspector,
            Action::OpenLastFile => app.prefs.open_last_file,
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
    fn shortcuts_do_not_clash() {
        let mut seen = std::collections::HashMap::new();
        for &a in Action::ALL {
            for s in a.shortcuts() {
                if let Some(other) = seen.insert((s.modifiers, s.logical_key), a) {
                    panic!("{a:?} and {other:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn every_command_is_offered_somewhere_and_labelled_in_both_languages() {
        use crate::i18n::Lang;
        for &a in Action::ALL {
            assert!(!a.places().is_empty(), "{a:?} is in no menu and not on the toolbar");
            assert!(Action::in_place(a.places()[0].0).any(|(b, _)| b == a));
            assert!(!a.label(Lang::En).is_empty() && !a.label(Lang::Zh).is_empty());
        }
        // Every toolbar button says what it does when hovered.
        for (a, _) in Action::in_place(Place::Toolbar) {
            assert!(a.tip().is_some(), "{a:?} is on the toolbar without a tooltip");
        }
        // Groups only grow within a place, so separators fall between groups.
        for place in [Place::File, Place::Edit, Place::View, Place::Toolbar] {
            let groups: Vec<u8> = Action::in_place(place).map(|(_, g)| g).collect();
            assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{place:?}: {groups:?}");
        }
    }
}
