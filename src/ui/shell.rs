//! The window: menu bar, toolbar, navigator, central view, inspector, findings and status bar.
//! Panels read the state and push commands; they are applied once, at the end of the frame.

use super::actions::{Action, Place};
use super::fonts;
use super::inspector::{InspectorState, inspector_ui};
use super::modals::modal_ui;
use super::navigator::navigator_ui;
use super::views::Views;
use super::widgets;
use crate::app::jobs::{BusyKind, FileDialogs};
use crate::app::prefs::SidePanel;
use crate::app::{AppCommand, AppState, View};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::lint::{Severity, counts, subject_label};
use crate::score::PeriodSpec;
use chrono::Datelike;
use egui::{Key, Modifiers, RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The application: state plus the views' own state.
/// The most of the window's width each side panel takes; together they leave the central view
/// `views::MIN_CENTRAL_SHARE` of it.
const NAVIGATOR_MAX_SHARE: f32 = 0.22;
const INSPECTOR_MAX_SHARE: f32 = 0.28;

pub struct ScorecardApp {
    pub state: AppState,
    pub views: Views,
    pub inspector: InspectorState,
    commands: Vec<AppCommand>,
    actions: Vec<Action>,
    title: String,
    probe: Option<Probe>,
    /// The field that had the focus when a change to an agreed department wanted a reason: the
    /// question waits until the user leaves it.
    reason_focus: Option<Option<egui::Id>>,
    /// The field that had the keyboard last frame: leaving it ends its run of typing, so the
    /// next visit to the same field is a new undo step.
    last_focus: Option<egui::Id>,
    /// The window has been put on its monitor's remembered place (checked on the first frame).
    placed: bool,
    /// The side panel whose edge is being dragged.
    resizing: Option<SidePanel>,
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

/// A monitor's key among the remembered window places: its size in points.
fn monitor_key(size: egui::Vec2) -> String {
    format!("{}x{}", size.x.round() as i32, size.y.round() as i32)
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
            state.set_lang(l);
        }
        let waker = ctx.clone();
        state.jobs.set_waker(Arc::new(move || waker.request_repaint()));
        // No file named: the most recent one, when the user asked for that (and it is there).
        let file = file.or_else(|| {
            state
                .prefs
                .open_last_file
                .then(|| state.prefs.recent.first().filter(|p| p.is_file()).cloned())
                .flatten()
        });
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
        let mut views = Views::default();
        views.panels.navigator_width = state.prefs.navigator_width;
        views.panels.inspector_width = state.prefs.inspector_width;
        Self {
            state,
            views,
            inspector: InspectorState::default(),
            commands: Vec::new(),
            actions: Vec::new(),
            title: String::new(),
            probe,
            reason_focus: None,
            last_focus: None,
            placed: false,
            resizing: None,
        }
    }

    fn lang(&self) -> Lang {
        self.state.lang()
    }

    /// Runs a user action (from a menu, the toolbar, the palette or a shortcut).
    pub fn run_action(&mut self, action: Action, ctx: &egui::Context) {
        super::dispatch::run(action, &self.state, &mut self.views, ctx, &mut self.commands);
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
        let mut shortcuts: Vec<(Action, egui::KeyboardShortcut)> =
            Action::ALL.iter().flat_map(|&a| a.shortcuts().iter().map(move |s| (a, *s))).collect();
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
                // The registry's File commands, with the recent files after the first group and
                // the Export submenu after Import.
                let mut last = None;
                for (a, group) in Action::in_place(Place::File) {
                    if last.is_some_and(|g| g != group) {
                        if last == Some(0) {
                            self.recent_menu(ui);
                        }
                        if last == Some(2) {
                            ui.menu_button(T::MenuExport.get(lang), |ui| {
                                self.place_items(ui, Place::FileExport)
                            });
                        }
                        ui.separator();
                    }
                    last = Some(group);
                    self.menu_item(ui, a);
                }
            });
            ui.menu_button(T::MenuEdit.get(lang), |ui| self.place_items(ui, Place::Edit));
            ui.menu_button(T::MenuInsert.get(lang), |ui| self.place_items(ui, Place::Insert));
            ui.menu_button(T::MenuView.get(lang), |ui| {
                self.place_items(ui, Place::View);
                ui.separator();
                ui.menu_button(T::MenuTheme.get(lang), |ui| self.place_items(ui, Place::ViewTheme));
                ui.menu_button(T::MenuScale.get(lang), |ui| {
                    self.place_items(ui, Place::ViewScale);
                    ui.label(format!("{:.0} %", self.state.prefs.ui_scale * 100.0));
                });
            });
            ui.menu_button(T::MenuLanguage.get(lang), |ui| self.place_items(ui, Place::Language));
            ui.menu_button(T::MenuHelp.get(lang), |ui| self.place_items(ui, Place::Help));
        });
    }

    /// The registry's commands for a menu, a separator between groups.
    fn place_items(&mut self, ui: &mut Ui, place: Place) {
        let mut last = None;
        for (a, group) in Action::in_place(place) {
            if last.is_some_and(|g| g != group) {
                ui.separator();
            }
            last = Some(group);
            self.menu_item(ui, a);
        }
    }

    fn recent_menu(&mut self, ui: &mut Ui) {
        let lang = self.lang();
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
        let mut r = ui.add_enabled(enabled, button);
        if let Some(tip) = action.tip() {
            r = r.on_hover_text(tip.get(lang));
        }
        if r.clicked() {
            self.actions.push(action);
            ui.close();
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let tools: Vec<(Action, u8)> = Action::in_place(Place::Toolbar).collect();
        let period_id = egui::Id::unique("period-selector-width");
        let period_width: f32 = ui.data(|d| d.get_temp(period_id)).unwrap_or(200.0);
        ui.horizontal(|ui| {
            widgets::tool_row(ui, "main-toolbar", tools.len(), period_width, lang, |ui, i| {
                let (a, group) = tools[i];
                if i > 0 && tools[i - 1].1 != group {
                    ui.separator();
                }
                let history = self.state.doc.history();
                // What the button does, the step it takes back or again (undo and redo), and its
                // shortcut.
                let step = match a {
                    Action::Undo => history.undo_label(),
                    Action::Redo => history.redo_label(),
                    _ => None,
                };
                let tip = [
                    a.tip().map(|t| t.get(lang).to_string()),
                    step.map(|s| format!("“{s}”")),
                    a.shortcut_text(ui.ctx()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n");
                let selected = match a {
                    Action::ToggleNavigator => Some(self.views.panels.showing_navigator),
                    Action::ToggleInspector => Some(self.views.panels.showing_inspector),
                    _ => a.view().map(|v| self.state.view == v),
                };
                let clicked = if let Some(on) = selected {
                    ui.selectable_label(on, a.label(lang)).on_hover_text(tip).clicked()
                } else {
                    let button = egui::Button::new(a.label(lang).trim_end_matches('…'));
                    ui.add_enabled(a.enabled(&self.state), button)
                        .on_hover_text(&tip)
                        .on_disabled_hover_text(&tip)
                        .clicked()
                };
                if clicked {
                    self.actions.push(a);
                    ui.close();
                }
            });
            let start = ui.cursor().min.x;
            ui.separator();
            self.period_selector(ui);
            let width = ui.cursor().min.x - start;
            ui.data_mut(|d| d.insert_temp(period_id, width));
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

    /// Says that the document is a department's pack (and what may be changed in it), and how
    /// many merge conflicts wait for a decision.
    fn many_hands_bar(&mut self, ui: &mut Ui) {
        let lang = self.state.lang();
        let p = self.state.project();
        if let Some(pack) = &p.pack {
            let unit = p.department(&pack.department).map_or(pack.department.0.clone(), |d| d.name.clone());
            let text = crate::tr!(lang, PackBanner, unit = unit, source = pack.source, date = pack.created);
            ui.label(RichText::new(text).color(ui.visuals().hyperlink_color));
        }
        let n = p.conflicts.len();
        if n > 0 {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(crate::tr!(lang, ConflictsBanner, n = n)).color(ui.visuals().warn_fg_color),
                );
                if ui.button(crate::tr!(lang, MergeOpenConflicts, n = n)).clicked() {
                    self.commands.push(AppCommand::ShowModal(crate::app::Modal::Merge {
                        from: String::new(),
                        incoming: Vec::new(),
                        edit: None,
                    }));
                }
            });
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
                // No spinning wheel: it repaints every frame, and in a software-rendered window
                // that takes the CPU the load itself needs. The seconds go by four times a second.
                ui.label(RichText::new(format!("{:.1} s", b.since.elapsed().as_secs_f32())).weak());
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
                let undoable = t.undo.is_some() && t.undo.as_deref() == self.state.doc.history().undo_label();
                if undoable && ui.button(T::ActUndo.get(lang)).clicked() {
                    self.commands.push(AppCommand::Undo);
                }
            }
        });
    }

    fn findings_panel(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        self.state.findings();
        let findings = self.state.cached_findings();
        let p = self.state.project();
        ui.horizontal(|ui| {
            ui.label(RichText::new(T::ActFindings.get(lang)).strong());
            let (e, w, h) = counts(findings);
            ui.label(format!(
                "{e} {} · {w} {} · {h} {}",
                T::Errors.get(lang),
                T::Warnings.get(lang),
                T::Hints.get(lang)
            ));
        });
        if findings.is_empty() {
            ui.label(T::FindingsEmpty.get(lang));
            return;
        }
        // Only the rows in view are laid out: a big project has thousands of findings.
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            findings.len(),
            |ui, rows| {
                for f in &findings[rows] {
                    ui.horizontal(|ui| {
                        let (icon, colour) = match f.severity {
                            Severity::Error => ("●", ui.visuals().error_fg_color),
                            Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
                            Severity::Hint => ("○", ui.visuals().weak_text_color()),
                        };
                        ui.label(RichText::new(format!("{icon} {}", f.severity.name(lang))).color(colour));
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        if ui
                            .link(f.message(p, lang))
                            .on_hover_text(subject_label(p, &f.subject, lang))
                            .clicked()
                        {
                            self.commands.push(AppCommand::Select(Some(f.subject.clone())));
                            if let Some(v) = View::showing(&f.subject) {
                                self.commands.push(AppCommand::ShowView(v));
                            }
                        }
                    });
                }
            },
        );
    }

    /// A panel the user has just finished dragging wider or narrower keeps that width next time.
    /// (Only a drag that starts on its edge counts: a panel squeezed by a narrow window keeps the
    /// width chosen.)
    fn remember_panel_width(&mut self, ctx: &egui::Context, panel: SidePanel, rect: egui::Rect, edge: f32) {
        let (pressed, released, pos) =
            ctx.input(|i| (i.pointer.any_pressed(), i.pointer.any_released(), i.pointer.interact_pos()));
        if pressed && pos.is_some_and(|p| (p.x - edge).abs() < 8.0 && rect.y_range().contains(p.y)) {
            self.resizing = Some(panel);
        }
        if released && self.resizing == Some(panel) {
            self.resizing = None;
            let remembered = match panel {
                SidePanel::Navigator => self.state.prefs.navigator_width,
                SidePanel::Inspector => self.state.prefs.inspector_width,
            };
            if (rect.width() - remembered).abs() > 1.0 {
                self.commands.push(AppCommand::SetPanelWidth(panel, rect.width().round()));
            }
        }
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
            if self.state.project().pack.is_some() || !self.state.project().conflicts.is_empty() {
                egui::Panel::top("many-hands").show(ui, |ui| self.many_hands_bar(ui));
            }
            egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
            if self.state.show_findings {
                egui::Panel::bottom("findings")
                    .resizable(true)
                    .default_size(160.0)
                    .show(ui, |ui| self.findings_panel(ui));
            }
            let full = ui.available_width();
            let (navigator, inspector) = self.views.panels.arrange(
                full,
                self.state.prefs.show_navigator,
                self.state.prefs.show_inspector,
            );
            if navigator {
                let shown = egui::Panel::left("navigator")
                    .resizable(true)
                    .default_size(self.state.prefs.navigator_width)
                    .min_size(160.0)
                    // Content never widens a panel past its share: a long name or field would
                    // otherwise push the pair past the central view's room and close them.
                    .max_size((full * NAVIGATOR_MAX_SHARE).max(250.0))
                    .show(ui, |ui| {
                        navigator_ui(ui, &self.state, &mut self.commands);
                    });
                self.views.panels.navigator_width = shown.response.rect.width();
                self.remember_panel_width(
                    &ctx,
                    SidePanel::Navigator,
                    shown.response.rect,
                    shown.response.rect.right(),
                );
            }
            if inspector {
                let shown = egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size(self.state.prefs.inspector_width)
                    .min_size(220.0)
                    .max_size((full * INSPECTOR_MAX_SHARE).max(330.0))
                    .show(ui, |ui| {
                        inspector_ui(
                            ui,
                            &self.state,
                            &mut self.inspector,
                            &self.views.map.selected,
                            &mut self.commands,
                        );
                    });
                self.views.panels.inspector_width = shown.response.rect.width();
                self.remember_panel_width(
                    &ctx,
                    SidePanel::Inspector,
                    shown.response.rect,
                    shown.response.rect.left(),
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
        let focused = ctx.memory(|m| m.focused());
        if self.last_focus.is_some() && focused != self.last_focus {
            self.commands.push(AppCommand::Seal);
        }
        self.last_focus = focused;
        // A change to an agreed department asks why, once the user has left the field (not
        // in the middle of typing "120").
        if self.state.pending_reason.is_none() {
            self.reason_focus = None;
        } else if self.state.modal.is_none() && !ctx.input(|i| i.pointer.any_down()) {
            let focused = ctx.memory(|m| m.focused());
            match self.reason_focus {
                Some(was) if focused.is_none() || focused != was => {
                    self.state.modal = self.state.reason_modal();
                    self.state.pending_reason = None;
                    self.reason_focus = None;
                }
                Some(_) => {}
                None => self.reason_focus = Some(focused),
            }
        }
        super::guide::guide_window(&ctx, self.lang(), &mut self.views.guide);
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
            ctx.request_repaint_after(Duration::from_millis(250));
        }
        let toast_life = Duration::from_secs(6);
        self.state.toasts.retain(|t| t.at.elapsed() < toast_life);
        if let Some(t) = self.state.toasts.last() {
            ctx.request_repaint_after(toast_life.saturating_sub(t.at.elapsed()));
        }
        // The size to open at next time: the window's own, not full screen (presentation),
        // maximised or minimised, and not the points of a larger UI scale.
        let (inner, outer, monitor, whole_screen) = ctx.input(|i| {
            let v = i.viewport();
            let whole = v.fullscreen == Some(true) || v.maximized == Some(true) || v.minimized == Some(true);
            (v.inner_rect, v.outer_rect, v.monitor_size, whole)
        });
        // The viewport's rectangles are in the points of the UI scale they were measured at, and
        // are only measured again on a window event: after a scale change they are stale until
        // then. Only a rectangle that matches the window's content now is converted.
        let current = ctx.content_rect().size();
        let inner = inner.filter(|r| (r.size() - current).length() < 2.0);
        if let Some(rect) = inner.filter(|_| !whole_screen && !self.views.presentation) {
            let zoom = ctx.zoom_factor();
            let size = [rect.width() * zoom, rect.height() * zoom];
            self.state.prefs.window_size = Some(size);
            // The place on this monitor, remembered per monitor (`WindowPlace`).
            if let (Some(outer), Some(monitor)) = (outer, monitor) {
                let key = monitor_key(monitor * zoom);
                // Started on another monitor than last time: go where the window was on this one.
                if !self.placed {
                    self.placed = true;
                    if self.state.prefs.last_monitor.as_ref() != Some(&key)
                        && let Some(p) = self.state.prefs.window_places.get(&key)
                    {
                        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(
                            egui::pos2(p.position[0], p.position[1]) / zoom,
                        ));
                        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(
                            egui::vec2(p.size[0], p.size[1]) / zoom,
                        ));
                        self.state.prefs.last_monitor = Some(key);
                        return;
                    }
                }
                let place = crate::app::prefs::WindowPlace {
                    position: [outer.min.x * zoom, outer.min.y * zoom],
                    size,
                };
                self.state.remember_window(key, place);
            }
        }
        if self.state.window_place_unsaved() {
            ctx.request_repaint_after(Duration::from_millis(1100));
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
