//! The window: menu bar, toolbar, navigator, central view, inspector, findings and status bar.
//! Panels read the state and push commands; they are applied once, at the end of the frame.

use super::actions::Action;
use super::fonts;
use super::inspector::{InspectorState, inspector_ui};
use super::modals::modal_ui;
use super::navigator::navigator_ui;
use super::views::{self, Views};
use crate::app::jobs::{BusyKind, FileDialogs};
use crate::app::prefs::ThemePref;
use crate::app::state::templates;
use crate::app::{AppCommand, AppState, DocCommand, Item, Modal, View};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::lint::{Severity, Subject, counts, subject_label};
use crate::model::*;
use crate::score::PeriodSpec;
use chrono::Datelike;
use egui::{Key, Modifiers, RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The application: state plus the views' own state.
pub struct ScorecardApp {
    pub state: AppState,
    pub views: Views,
    pub inspector: InspectorState,
    commands: Vec<AppCommand>,
    actions: Vec<Action>,
    title: String,
    probe: Option<Probe>,
}

/// Start-up and idle measurements for the benchmark notes, enabled by `SCORECARD_STUDIO_PROBE=N`:
/// the app reports how long the first frame took after process start, when the document was on
/// screen, and how many frames it painted in N seconds, then quits.
struct Probe {
    seconds: f64,
    started: Instant,
    first_frame: Option<Duration>,
    loaded_frame: Option<Duration>,
    frames: u64,
    frame_cpu: Duration,
    reported: bool,
}

/// Time since the process started (Linux: from /proc; elsewhere from the first call).
fn since_process_start() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let uptime = std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
        let start_ticks = std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| {
            let after = s.rsplit(')').next()?.to_string();
            after.split_whitespace().nth(19)?.parse::<f64>().ok()
        });
        if let (Some(up), Some(ticks)) = (uptime, start_ticks) {
            // Clock ticks are 100 per second on Linux.
            return Duration::from_secs_f64((up - ticks / 100.0).max(0.0));
        }
    }
    Duration::ZERO
}

impl ScorecardApp {
    /// Creates the app, with `file` opened if given.
    pub fn new(
        ctx: &egui::Context,
        config_dir: PathBuf,
        dialogs: Arc<dyn FileDialogs>,
        file: Option<PathBuf>,
        lang: Option<Lang>,
    ) -> Self {
        fonts::setup_context(ctx);
        // Text size is a preference of ours, changed with our own shortcuts.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut state = AppState::new(config_dir, dialogs);
        if let Some(l) = lang {
            state.prefs.lang = l;
        }
        let waker = ctx.clone();
        state.jobs.set_waker(Arc::new(move || waker.request_repaint()));
        if let Some(f) = file {
            state.apply(AppCommand::Open(Some(f)));
        }
        fonts::apply_preferences(ctx, &state.prefs);
        let probe =
            std::env::var("SCORECARD_STUDIO_PROBE").ok().and_then(|v| v.parse::<f64>().ok()).map(|seconds| {
                Probe {
                    seconds,
                    started: Instant::now() - since_process_start(),
                    first_frame: None,
                    loaded_frame: None,
                    frames: 0,
                    frame_cpu: Duration::ZERO,
                    reported: false,
                }
            });
        Self {
            state,
            views: Views::default(),
            inspector: InspectorState::default(),
            commands: Vec::new(),
            actions: Vec::new(),
            title: String::new(),
            probe,
        }
    }

    fn lang(&self) -> Lang {
        self.state.lang()
    }

    /// Runs a user action (from a menu, the toolbar, the palette or a shortcut).
    pub fn run_action(&mut self, action: Action, ctx: &egui::Context) {
        if !action.enabled(&self.state) {
            return;
        }
        let lang = self.lang();
        let c = &mut self.commands;
        match action {
            Action::New => c.push(AppCommand::New { template: None }),
            Action::NewFromTemplate => {
                c.push(AppCommand::ShowModal(Modal::NewFromTemplate { templates: templates() }))
            }
            Action::Open => c.push(AppCommand::Open(None)),
            Action::Save => c.push(AppCommand::Save),
            Action::SaveAs => c.push(AppCommand::SaveAs(None)),
            Action::Quit => c.push(AppCommand::Quit),
            Action::Undo => c.push(AppCommand::Undo),
            Action::Redo => c.push(AppCommand::Redo),
            Action::Palette => c.push(AppCommand::OpenPalette),
            Action::Delete => {
                let several = if self.state.view == View::Map {
                    views::map::delete_selected(&self.state, &self.views.map)
                } else {
                    None
                };
                if let Some(cmd) = several.or_else(|| delete_command(&self.state, lang)) {
                    c.push(cmd);
                }
            }
            Action::ShowMap
            | Action::ShowKpis
            | Action::ShowCascade
            | Action::ShowData
            | Action::ShowDashboard => {
                if let Some(v) = action.view() {
                    c.push(AppCommand::ShowView(v));
                }
            }
            Action::ToggleFindings => c.push(AppCommand::ToggleFindings),
            Action::ToggleNavigator => self.views.hide_navigator = !self.views.hide_navigator,
            Action::ToggleInspector => self.views.hide_inspector = !self.views.hide_inspector,
            Action::ZoomIn => {
                c.push(AppCommand::SetScale(((self.state.prefs.ui_scale + 0.1) * 10.0).round() / 10.0))
            }
            Action::ZoomOut => {
                c.push(AppCommand::SetScale(((self.state.prefs.ui_scale - 0.1) * 10.0).round() / 10.0))
            }
            Action::ZoomReset => c.push(AppCommand::SetScale(1.0)),
            Action::Light => c.push(AppCommand::SetTheme(ThemePref::Light)),
            Action::Dark => c.push(AppCommand::SetTheme(ThemePref::Dark)),
            Action::LangZh => c.push(AppCommand::SetLang(Lang::Zh)),
            Action::LangEn => c.push(AppCommand::SetLang(Lang::En)),
            Action::AddObjective => {
                let p = self.state.project();
                let perspective = match &self.state.selection {
                    Some(Subject::Perspective(id)) => Some(id.clone()),
                    Some(Subject::Objective(id)) => p.objective(id).map(|o| o.perspective.clone()),
                    _ => None,
                }
                .or_else(|| p.perspectives.first().map(|x| x.id.clone()));
                if let Some(perspective) = perspective {
                    let position = views::map::free_spot(p, &perspective);
                    add_objective(
                        c,
                        p,
                        perspective,
                        position,
                        T::NewObjectiveName.get(lang).to_string(),
                        lang,
                    );
                    c.push(AppCommand::ShowView(View::Map));
                }
            }
            Action::AddKpi => {
                let p = self.state.project();
                let (objective, department) = match &self.state.selection {
                    Some(Subject::Objective(id)) => (Some(id.clone()), None),
                    Some(Subject::Department(id)) => (None, Some(id.clone())),
                    Some(Subject::Kpi(id)) => {
                        p.kpi(id).map(|k| (k.objective.clone(), k.department.clone())).unwrap_or((None, None))
                    }
                    _ => (p.objectives.first().map(|o| o.id.clone()), None),
                };
                if objective.is_some() || department.is_some() {
                    super::inspector::add_kpi(c, p, objective, department, lang);
                }
            }
            Action::AddPerspective => {
                let p = self.state.project();
                let id = p.next_perspective_id();
                let colour = Colour::rgb(0x45, 0x5a, 0x64);
                let item = Perspective {
                    id: id.clone(),
                    name: T::NewPerspectiveName.get(lang).into(),
                    colour,
                    weight: 1.0,
                    roll_up: RollUp::WeightedAverage,
                    description: String::new(),
                };
                c.push(AppCommand::Doc {
                    command: DocCommand::Upsert(Item::Perspective(item)),
                    label: T::ActAddPerspective.get(lang).into(),
                    merge: None,
                });
                c.push(AppCommand::Select(Some(Subject::Perspective(id))));
            }
            Action::AddTheme => {
                let p = self.state.project();
                let id = p.next_theme_id();
                let palette = [
                    Colour::rgb(0x00, 0x83, 0x8f),
                    Colour::rgb(0xad, 0x14, 0x57),
                    Colour::rgb(0x6a, 0x1b, 0x9a),
                    Colour::rgb(0xef, 0x6c, 0x00),
                ];
                let item = Theme {
                    id: id.clone(),
                    name: T::NewThemeName.get(lang).into(),
                    colour: palette[p.themes.len() % palette.len()],
                    description: String::new(),
                };
                c.push(AppCommand::Doc {
                    command: DocCommand::Upsert(Item::Theme(item)),
                    label: T::ActAddTheme.get(lang).into(),
                    merge: None,
                });
                c.push(AppCommand::Select(Some(Subject::Theme(id))));
            }
            Action::AddDepartment => {
                let p = self.state.project();
                let id = p.next_department_id();
                let parent = match &self.state.selection {
                    Some(Subject::Department(d)) => Some(d.clone()),
                    _ => p.departments.iter().find(|d| d.parent.is_none()).map(|d| d.id.clone()),
                };
                let mut d = Department::new(id.clone(), T::NewDepartmentName.get(lang), parent.clone());
                if parent.is_none() {
                    d.kind = DepartmentKind::Company;
                }
                c.push(AppCommand::Doc {
                    command: DocCommand::Upsert(Item::Department(d)),
                    label: T::ActAddDepartment.get(lang).into(),
                    merge: None,
                });
                c.push(AppCommand::Select(Some(Subject::Department(id))));
            }
            Action::AddInitiative => {
                let p = self.state.project();
                let id = p.next_initiative_id();
                let mut init = Initiative::new(id.clone(), T::NewInitiativeName.get(lang));
                if let Some(Subject::Objective(o)) = &self.state.selection {
                    init.objectives.push(o.clone());
                }
                c.push(AppCommand::Doc {
                    command: DocCommand::Upsert(Item::Initiative(init)),
                    label: T::ActAddInitiative.get(lang).into(),
                    merge: None,
                });
                c.push(AppCommand::Select(Some(Subject::Initiative(id))));
            }
            Action::PrevPeriod => c.push(AppCommand::SetPeriod(self.state.period.previous())),
            Action::NextPeriod => c.push(AppCommand::SetPeriod(self.state.period.next())),
            Action::About => c.push(AppCommand::ShowModal(Modal::About)),
            Action::Presentation
            | Action::ZoomToFit
            | Action::AutoLayout
            | Action::ExportMapSvg
            | Action::ExportMapPng => self.views.map_action(action, &self.state, &mut self.commands, ctx),
            Action::ExportContracts | Action::ExportXlsx | Action::ExportCsv | Action::ImportActuals => {
                views::export_action(action, &self.state, &self.views, &mut self.commands)
            }
        }
    }

    /// Keyboard shortcuts, consumed before widgets see them (so Ctrl+Z is the document's undo
    /// even while a text field has focus).
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.state.modal.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // egui matches modifiers loosely (Ctrl+Z also matches Ctrl+Shift+Z), so the shortcuts
        // with more modifiers are tried first.
        let mut shortcuts: Vec<(Action, egui::KeyboardShortcut)> = Action::ALL
            .iter()
            .flat_map(|&a| [a.shortcut(), a.alternate_shortcut()].into_iter().flatten().map(move |s| (a, s)))
            .collect();
        let weight = |m: Modifiers| m.shift as u8 + m.alt as u8 + (m.ctrl || m.command || m.mac_cmd) as u8;
        shortcuts.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
        for (a, s) in shortcuts {
            // Plain keys (Delete) must not fire while typing into a field.
            if s.modifiers.is_none() && typing && s.logical_key == Key::Delete {
                continue;
            }
            // In the data grid, Delete clears the selected cell (not the selected KPI).
            if s.logical_key == Key::Delete && self.state.view == crate::app::View::Data {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.actions.push(a);
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::MenuFile.get(lang), |ui| {
                for a in [Action::New, Action::NewFromTemplate, Action::Open] {
                    self.menu_item(ui, a);
                }
                ui.menu_button(T::MenuRecent.get(lang), |ui| {
                    if self.state.prefs.recent.is_empty() {
                        ui.label(RichText::new(T::NoRecent.get(lang)).weak());
                    }
                    for path in self.state.prefs.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(AppCommand::Open(Some(path)));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for a in [Action::Save, Action::SaveAs] {
                    self.menu_item(ui, a);
                }
                ui.separator();
                self.menu_item(ui, Action::ImportActuals);
                ui.menu_button(T::MenuExport.get(lang), |ui| {
                    for a in [
                        Action::ExportMapSvg,
                        Action::ExportMapPng,
                        Action::ExportContracts,
                        Action::ExportXlsx,
                        Action::ExportCsv,
                    ] {
                        self.menu_item(ui, a);
                    }
                });
                ui.separator();
                self.menu_item(ui, Action::Quit);
            });
            ui.menu_button(T::MenuEdit.get(lang), |ui| {
                for a in [Action::Undo, Action::Redo, Action::Delete, Action::Palette] {
                    self.menu_item(ui, a);
                }
            });
            ui.menu_button(T::MenuInsert.get(lang), |ui| {
                for a in [
                    Action::AddObjective,
                    Action::AddKpi,
                    Action::AddPerspective,
                    Action::AddTheme,
                    Action::AddDepartment,
                    Action::AddInitiative,
                ] {
                    self.menu_item(ui, a);
                }
            });
            ui.menu_button(T::MenuView.get(lang), |ui| {
                for a in [
                    Action::ShowMap,
                    Action::ShowKpis,
                    Action::ShowCascade,
                    Action::ShowData,
                    Action::ShowDashboard,
                ] {
                    self.menu_item(ui, a);
                }
                ui.separator();
                for a in [
                    Action::ToggleFindings,
                    Action::Presentation,
                    Action::ZoomToFit,
                    Action::AutoLayout,
                    Action::PrevPeriod,
                    Action::NextPeriod,
                ] {
                    self.menu_item(ui, a);
                }
                ui.separator();
                ui.menu_button(T::MenuTheme.get(lang), |ui| {
                    for a in [Action::Light, Action::Dark] {
                        self.menu_item(ui, a);
                    }
                });
                ui.menu_button(T::MenuScale.get(lang), |ui| {
                    for a in [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset] {
                        self.menu_item(ui, a);
                    }
                    ui.label(format!("{:.0} %", self.state.prefs.ui_scale * 100.0));
                });
            });
            ui.menu_button(T::MenuLanguage.get(lang), |ui| {
                for a in [Action::LangZh, Action::LangEn] {
                    self.menu_item(ui, a);
                }
            });
            ui.menu_button(T::MenuHelp.get(lang), |ui| {
                self.menu_item(ui, Action::Palette);
                self.menu_item(ui, Action::About);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, action: Action) {
        let lang = self.lang();
        let enabled = action.enabled(&self.state);
        let mut button = match action.checked(&self.state) {
            Some(true) => egui::Button::new(format!("✓ {}", action.label(lang))),
            _ => egui::Button::new(action.label(lang)),
        };
        if let Some(s) = action.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(s);
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.actions.push(action);
            ui.close();
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        ui.horizontal(|ui| {
            for a in [Action::New, Action::Open, Action::Save] {
                if ui
                    .add_enabled(
                        a.enabled(&self.state),
                        egui::Button::new(a.label(lang).trim_end_matches('…')),
                    )
                    .on_hover_text(a.shortcut_text(ui.ctx()).unwrap_or_default())
                    .clicked()
                {
                    self.actions.push(a);
                }
            }
            ui.separator();
            for a in [Action::Undo, Action::Redo] {
                let tip = match a {
                    Action::Undo => self.state.doc.history().undo_label().map(str::to_string),
                    _ => self.state.doc.history().redo_label().map(str::to_string),
                }
                .unwrap_or_default();
                if ui
                    .add_enabled(a.enabled(&self.state), egui::Button::new(a.label(lang)))
                    .on_hover_text(tip)
                    .clicked()
                {
                    self.actions.push(a);
                }
            }
            ui.separator();
            for v in View::ALL {
                let a = match v {
                    View::Map => Action::ShowMap,
                    View::Kpis => Action::ShowKpis,
                    View::Cascade => Action::ShowCascade,
                    View::Data => Action::ShowData,
                    View::Dashboard => Action::ShowDashboard,
                };
                if ui.selectable_label(self.state.view == v, a.label(lang)).clicked() {
                    self.commands.push(AppCommand::ShowView(v));
                }
            }
            ui.separator();
            self.period_selector(ui);
        });
    }

    fn period_selector(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let period = self.state.period;
        let end = period.range().end;
        #[derive(PartialEq, Clone, Copy)]
        enum Kind {
            Month,
            Quarter,
            Half,
            Year,
            Ytd,
            Qtd,
        }
        let kind = match period {
            PeriodSpec::Month { .. } => Kind::Month,
            PeriodSpec::Quarter { .. } => Kind::Quarter,
            PeriodSpec::HalfYear { .. } => Kind::Half,
            PeriodSpec::Year { .. } => Kind::Year,
            PeriodSpec::YearToDate { .. } => Kind::Ytd,
            PeriodSpec::QuarterToDate { .. } => Kind::Qtd,
        };
        let label = ui.label(T::Period.get(lang));
        if ui.button("◀").on_hover_text(T::ActPrevPeriod.get(lang)).clicked() {
            self.actions.push(Action::PrevPeriod);
        }
        let kinds = [
            (Kind::Month, T::Month),
            (Kind::Quarter, T::Quarter),
            (Kind::Half, T::HalfYear),
            (Kind::Year, T::Year),
            (Kind::Ytd, T::YearToDate),
            (Kind::Qtd, T::QuarterToDate),
        ];
        let r =
            egui::ComboBox::from_id_salt("period-kind").selected_text(period.label(lang)).show_ui(ui, |ui| {
                for (k, t) in kinds {
                    if ui.selectable_label(k == kind, t.get(lang)).clicked() && k != kind {
                        let (y, m) = (end.year(), end.month());
                        let new = match k {
                            Kind::Month => PeriodSpec::Month { year: y, month: m },
                            Kind::Quarter => PeriodSpec::Quarter { year: y, quarter: (m - 1) / 3 + 1 },
                            Kind::Half => PeriodSpec::HalfYear { year: y, half: if m <= 6 { 1 } else { 2 } },
                            Kind::Year => PeriodSpec::Year { year: y },
                            Kind::Ytd => PeriodSpec::YearToDate { to: end },
                            Kind::Qtd => PeriodSpec::QuarterToDate { to: end },
                        };
                        self.commands.push(AppCommand::SetPeriod(new));
                    }
                }
            });
        let _ = r.response.labelled_by(label.id);
        if ui.button("▶").on_hover_text(T::ActNextPeriod.get(lang)).clicked() {
            self.actions.push(Action::NextPeriod);
        }
        // Year or quarter to date: to any day the user types.
        if matches!(kind, Kind::Ytd | Kind::Qtd) {
            let id = ui.make_persistent_id("as-of-date");
            let shown = end.format("%Y-%m-%d").to_string();
            let mut text = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| shown.clone());
            let as_of = ui.label(T::AsOf.get(lang));
            let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(92.0)).labelled_by(as_of.id);
            if r.changed() {
                ui.data_mut(|d| d.insert_temp(id, text.clone()));
            }
            if r.lost_focus() {
                ui.data_mut(|d| d.remove::<String>(id));
                match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                    Ok(to) if text.trim() != shown => self.commands.push(AppCommand::SetPeriod(match kind {
                        Kind::Qtd => PeriodSpec::QuarterToDate { to },
                        _ => PeriodSpec::YearToDate { to },
                    })),
                    Ok(_) => {}
                    Err(_) => self.commands.push(AppCommand::Toast(
                        crate::i18n::Message::new(|lang| crate::tr!(lang, NotADate, text = text.trim())),
                        true,
                    )),
                }
            }
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let dirty = self.state.doc.is_dirty();
        let title = self.state.title();
        let (errors, warnings, hints) = counts(self.state.findings());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&title).strong());
            if dirty {
                ui.label(
                    RichText::new(format!("● {}", T::Unsaved.get(lang)))
                        .color(egui::Color32::from_rgb(0xe6, 0x7e, 0x22)),
                );
            } else if self.state.doc.path.is_some() {
                ui.label(RichText::new(T::Saved.get(lang)).weak());
            }
            ui.separator();
            let findings = format!(
                "{errors} {} · {warnings} {} · {hints} {}",
                T::Errors.get(lang),
                T::Warnings.get(lang),
                T::Hints.get(lang)
            );
            let colour = if errors > 0 {
                ui.visuals().error_fg_color
            } else if warnings > 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            if ui
                .add(egui::Button::new(RichText::new(findings).color(colour)).frame(false))
                .on_hover_text(T::ActFindings.get(lang))
                .clicked()
            {
                self.commands.push(AppCommand::ToggleFindings);
            }
            ui.separator();
            ui.label(format!("{}: {}", T::Period.get(lang), self.state.period.label(lang)));
            for b in &self.state.jobs.busy {
                ui.separator();
                ui.spinner();
                let what = match b.what {
                    BusyKind::Dialog => T::WaitingForDialog,
                    BusyKind::Loading => T::Loading,
                    BusyKind::Saving => T::Saving,
                    BusyKind::Exporting => T::Exporting,
                    BusyKind::Importing => T::Importing,
                };
                let name = b
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let size = b.bytes.map(|n| format!(" ({:.1} MB)", n as f64 / 1e6)).unwrap_or_default();
                ui.label(format!("{} {name}{size}", what.get(lang)));
                if let Some(f) = b.progress.as_ref().and_then(|p| p.fraction()) {
                    ui.add(egui::ProgressBar::new(f).desired_width(140.0).show_percentage());
                }
            }
            if let Some(t) = self.state.toasts.last() {
                ui.separator();
                let colour = if t.error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.label(RichText::new(t.text.get(lang)).color(colour));
            }
        });
    }

    fn findings_panel(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let findings = self.state.findings().to_vec();
        let p = self.state.project();
        ui.horizontal(|ui| {
            ui.label(RichText::new(T::ActFindings.get(lang)).strong());
            let (e, w, h) = counts(&findings);
            ui.label(format!(
                "{e} {} · {w} {} · {h} {}",
                T::Errors.get(lang),
                T::Warnings.get(lang),
                T::Hints.get(lang)
            ));
        });
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            if findings.is_empty() {
                ui.label(T::FindingsEmpty.get(lang));
            }
            for f in &findings {
                ui.horizontal(|ui| {
                    let (icon, colour) = match f.severity {
                        Severity::Error => ("●", ui.visuals().error_fg_color),
                        Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
                        Severity::Hint => ("○", ui.visuals().weak_text_color()),
                    };
                    ui.label(RichText::new(format!("{icon} {}", f.severity.name(lang))).color(colour));
                    if ui.link(f.message(p, lang)).on_hover_text(subject_label(p, &f.subject, lang)).clicked()
                    {
                        self.commands.push(AppCommand::Select(Some(f.subject.clone())));
                        if let Some(v) = view_for(&f.subject) {
                            self.commands.push(AppCommand::ShowView(v));
                        }
                    }
                });
            }
        });
    }

    fn window_title(&self) -> String {
        let dirty = if self.state.doc.is_dirty() { "● " } else { "" };
        format!("{dirty}{} — {}", self.state.title(), crate::i18n::PRODUCT_TITLE)
    }

    /// One frame: the whole UI, then the commands it produced.
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.state.poll_jobs();
        fonts::apply_preferences(&ctx, &self.state.prefs);
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.shortcuts(&ctx);
        let presentation = self.views.presentation;

        if !presentation {
            egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
            egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
            egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
            if self.state.show_findings {
                egui::Panel::bottom("findings")
                    .resizable(true)
                    .default_size(160.0)
                    .show(ui, |ui| self.findings_panel(ui));
            }
            if !self.views.hide_navigator {
                egui::Panel::left("navigator").resizable(true).default_size(250.0).min_size(160.0).show(
                    ui,
                    |ui| {
                        navigator_ui(ui, &self.state, &mut self.commands);
                    },
                );
            }
            if !self.views.hide_inspector {
                egui::Panel::right("inspector").resizable(true).default_size(330.0).min_size(220.0).show(
                    ui,
                    |ui| {
                        inspector_ui(ui, &self.state, &mut self.inspector, &mut self.commands);
                    },
                );
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.views.central_ui(ui, &self.state, &mut self.commands, &mut self.actions);
        });
        if self.state.modal.is_none() {
            super::import_window::import_window(
                &ctx,
                &self.state,
                &mut self.views.import,
                &mut self.commands,
            );
        }
        modal_ui(&ctx, &mut self.state, &mut self.actions, &mut self.commands);

        for a in std::mem::take(&mut self.actions) {
            self.run_action(a, &ctx);
        }
        for c in std::mem::take(&mut self.commands) {
            self.state.apply(c);
        }
        self.after_frame(&ctx);
    }

    fn after_frame(&mut self, ctx: &egui::Context) {
        if self.state.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // Wake-ups only for what needs them: autosave, spinners, expiring messages.
        if let Some(d) = self.state.autosave_tick(Instant::now()) {
            ctx.request_repaint_after(d);
        }
        if self.state.jobs.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let toast_life = Duration::from_secs(6);
        self.state.toasts.retain(|t| t.at.elapsed() < toast_life);
        if let Some(t) = self.state.toasts.last() {
            ctx.request_repaint_after(toast_life.saturating_sub(t.at.elapsed()));
        }
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.state.prefs.window_size = Some([rect.width(), rect.height()]);
        }
        self.state.save_prefs_if_changed();
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.state.quit_confirmed {
            if self.state.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.commands.push(AppCommand::Quit);
            } else {
                self.state.quit_confirmed = true;
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().find(|p| crate::app::state::is_project_file(p)) {
            self.commands.push(AppCommand::Open(Some(path)));
        }
    }
}

impl eframe::App for ScorecardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let t = Instant::now();
        self.frame(ui);
        if let Some(p) = &mut self.probe {
            p.frames += 1;
            p.frame_cpu += t.elapsed();
            let now = p.started.elapsed();
            p.first_frame.get_or_insert(now);
            if p.loaded_frame.is_none() && self.state.doc.path.is_some() {
                p.loaded_frame = Some(now);
            }
            if now.as_secs_f64() >= p.seconds && !p.reported {
                p.reported = true;
                eprintln!(
                    "probe: first frame {:.0} ms after process start; document on screen at {:.0} ms; {} frames in {:.1} s (ui time {:.2} ms per frame on average)",
                    p.first_frame.unwrap_or_default().as_secs_f64() * 1e3,
                    p.loaded_frame.unwrap_or_default().as_secs_f64() * 1e3,
                    p.frames,
                    now.as_secs_f64(),
                    p.frame_cpu.as_secs_f64() * 1e3 / p.frames.max(1) as f64
                );
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint_after(Duration::from_secs_f64(
                    (p.seconds - now.as_secs_f64()).max(0.01),
                ));
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.on_exit();
    }
}

/// The view where an item is best seen.
pub fn view_for(subject: &Subject) -> Option<View> {
    match subject {
        Subject::Objective(_) | Subject::Link(_) | Subject::Perspective(_) | Subject::Theme(_) => {
            Some(View::Map)
        }
        Subject::Kpi(_) => Some(View::Kpis),
        Subject::Department(_) => Some(View::Cascade),
        _ => None,
    }
}

/// The command that deletes the selected item.
fn delete_command(app: &AppState, lang: Lang) -> Option<AppCommand> {
    let p = app.project();
    let subject = app.selection.clone()?;
    let name = match &subject {
        Subject::Project => return None,
        Subject::Perspective(id) => p.perspective(id)?.name.clone(),
        Subject::Theme(id) => p.theme(id)?.name.clone(),
        Subject::Objective(id) => p.objective(id)?.name.clone(),
        Subject::Link(id) => id.0.clone(),
        Subject::Kpi(id) => p.kpi(id)?.label(),
        Subject::Department(id) => p.department(id)?.name.clone(),
        Subject::Initiative(id) => p.initiative(id)?.name.clone(),
    };
    Some(AppCommand::Doc {
        command: DocCommand::Delete(subject),
        label: format!("{} {name}", T::DeleteItem.get(lang)),
        merge: None,
    })
}

/// Adds an objective at a position and selects it.
pub fn add_objective(
    out: &mut Vec<AppCommand>,
    p: &Project,
    perspective: PerspectiveId,
    position: Point,
    name: String,
    lang: Lang,
) -> ObjectiveId {
    let id = p.next_objective_id();
    let o = Objective {
        id: id.clone(),
        name,
        description: String::new(),
        perspective,
        theme: None,
        owner: String::new(),
        weight: 1.0,
        roll_up: RollUp::WeightedAverage,
        position,
        size: Objective::DEFAULT_SIZE,
    };
    out.push(AppCommand::Doc {
        command: DocCommand::Upsert(Item::Objective(o)),
        label: format!("{} {}", T::ActAddObjective.get(lang), T::NewObjectiveName.get(lang)),
        merge: None,
    });
    out.push(AppCommand::Select(Some(Subject::Objective(id.clone()))));
    id
}
