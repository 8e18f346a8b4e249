//! Modal dialogs: unsaved changes, load and save errors, the path field, recovery, templates,
//! and the command palette.

use super::actions::Action;
use crate::app::jobs::DialogPurpose;
use crate::app::{AppCommand, AppState, Modal};
use crate::i18n::T;
use egui::{Key, RichText};
use std::path::PathBuf;

/// Shows the current modal, if any. Actions chosen in the palette are pushed to `actions`.
pub fn modal_ui(
    ctx: &egui::Context,
    app: &mut AppState,
    actions: &mut Vec<Action>,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let Some(modal) = app.modal.clone() else { return };
    let title = app.title();
    let response = egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match modal {
            Modal::Unsaved { .. } => {
                ui.heading(T::UnsavedTitle.get(lang));
                ui.label(format!("{} — {}", title, T::UnsavedBody.get(lang)));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::SaveAndContinue.get(lang)).clicked() {
                        out.push(AppCommand::SaveThenContinue);
                    }
                    if ui.button(T::DontSave.get(lang)).clicked() {
                        out.push(AppCommand::DiscardThenContinue);
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::LoadFailed { path, lines } => {
                ui.heading(T::OpenFailedTitle.get(lang));
                ui.label(RichText::new(path.display().to_string()).monospace());
                ui.add_space(4.0);
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for line in lines.get(lang) {
                        ui.label(RichText::new(format!("• {line}")).color(ui.visuals().error_fg_color));
                    }
                });
                ui.add_space(4.0);
                ui.label(T::OpenFailedBody.get(lang));
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                }
            }
            Modal::SaveFailed { path, lines } => {
                ui.heading(T::SaveFailedTitle.get(lang));
                ui.label(RichText::new(path.display().to_string()).monospace());
                for line in lines.get(lang) {
                    ui.label(RichText::new(format!("• {line}")).color(ui.visuals().error_fg_color));
                }
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                }
            }
            Modal::ChangedOnDisk { path } => {
                ui.heading(T::ChangedOnDiskTitle.get(lang));
                ui.label(RichText::new(path.display().to_string()).monospace());
                ui.label(T::ChangedOnDiskBody.get(lang));
                ui.horizontal(|ui| {
                    if ui
                        .button(T::MergeOnDisk.get(lang))
                        .on_hover_text(T::MergeOnDiskHint.get(lang))
                        .clicked()
                    {
                        out.push(AppCommand::MergeOnDisk);
                    }
                    if ui.button(T::SaveAnyway.get(lang)).clicked() {
                        out.push(AppCommand::SaveForce);
                    }
                    if ui.button(T::ActSaveAs.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                        out.push(AppCommand::SaveAs(None));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::PathPrompt { purpose, text, error } => {
                let (heading, confirm) = match purpose {
                    DialogPurpose::Open => (T::PathOpenTitle, T::Open),
                    DialogPurpose::SaveAs => (T::PathSaveTitle, T::ActSave),
                    DialogPurpose::Export(_) => (T::PathExportTitle, T::Ok),
                    DialogPurpose::Import => (T::ImportTitle, T::Open),
                    DialogPurpose::MergePack => (T::MenuMergePack, T::Open),
                    DialogPurpose::WritePack(_) => (T::SendToDepartmentTitle, T::ActSave),
                };
                ui.heading(heading.get(lang));
                ui.label(RichText::new(T::PathHint.get(lang)).weak());
                let mut value = text.clone();
                let label = ui.label(T::PathLabel.get(lang));
                let r =
                    ui.add(egui::TextEdit::singleline(&mut value).desired_width(520.0)).labelled_by(label.id);
                if !r.has_focus() && ui.memory(|m| m.focused().is_none()) {
                    r.request_focus();
                }
                if let Some(e) = &error {
                    ui.label(RichText::new(e.get(lang)).color(ui.visuals().error_fg_color));
                }
                if value != text
                    && let Some(Modal::PathPrompt { text, error, .. }) = &mut app.modal
                {
                    *text = value.clone();
                    *error = None;
                }
                if purpose == DialogPurpose::Import {
                    ui.label(RichText::new(T::ImportKinds.get(lang)).weak());
                }
                if purpose == DialogPurpose::Open && !app.prefs.recent.is_empty() {
                    ui.label(RichText::new(T::MenuRecent.get(lang)).small().weak());
                    for path in app.prefs.recent.clone().iter().take(5) {
                        if ui.link(path.display().to_string()).clicked()
                            && let Some(Modal::PathPrompt { text, .. }) = &mut app.modal
                        {
                            *text = path.display().to_string();
                        }
                    }
                }
                // Enter in the field confirms (whether or not the field keeps the focus).
                let enter = (r.lost_focus() || r.has_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui
                        .add_enabled(!value.trim().is_empty(), egui::Button::new(confirm.get(lang)))
                        .clicked();
                    if (ok || enter) && !value.trim().is_empty() {
                        let path = PathBuf::from(value.trim());
                        out.push(match &purpose {
                            DialogPurpose::Open => AppCommand::Open(Some(path)),
                            DialogPurpose::SaveAs => AppCommand::SaveAs(Some(path)),
                            DialogPurpose::Export(_) => AppCommand::ExportTo(path),
                            DialogPurpose::Import => AppCommand::ImportActuals(Some(path)),
                            DialogPurpose::MergePack => AppCommand::MergePack(Some(path)),
                            DialogPurpose::WritePack(department) => {
                                AppCommand::WritePack { department: department.clone(), path: Some(path) }
                            }
                        });
                        if matches!(purpose, DialogPurpose::SaveAs) {
                            out.push(AppCommand::CloseModal);
                        }
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::Recover { orphans } => {
                ui.heading(T::RecoverTitle.get(lang));
                ui.label(T::RecoverBody.get(lang));
                for (i, o) in orphans.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let name = o
                            .original
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| T::UntitledProject.get(lang).to_string());
                        let when = o
                            .modified
                            .map(|t| {
                                chrono::DateTime::<chrono::Local>::from(t)
                                    .format("%Y-%m-%d %H:%M")
                                    .to_string()
                            })
                            .unwrap_or_default();
                        ui.label(format!("{name}  ({when})"));
                        if ui.button(T::Recover.get(lang)).clicked() {
                            out.push(AppCommand::Recover(i));
                        }
                        if ui.button(T::Discard.get(lang)).clicked() {
                            out.push(AppCommand::DiscardRecovery(i));
                        }
                    });
                }
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                }
            }
            Modal::NewFromTemplate { templates } => {
                ui.heading(T::TemplateTitle.get(lang));
                ui.label(T::TemplateBody.get(lang));
                ui.add_space(4.0);
                if ui.button(T::BlankProject.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                    out.push(AppCommand::New { template: None });
                }
                for (path, name) in &templates {
                    if ui.button(name.as_str()).clicked() {
                        out.push(AppCommand::CloseModal);
                        out.push(AppCommand::New { template: Some(path.clone()) });
                    }
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                }
            }
            Modal::Palette { query, selected } => palette_ui(ui, app, query, selected, actions, out),
            Modal::Merge { from, incoming, edit } => {
                super::merge_window::merge_ui(ui, app, &from, &incoming, edit, out)
            }
            Modal::SendToDepartment { selected } => {
                ui.heading(T::SendToDepartmentTitle.get(lang));
                let units: Vec<(String, String)> =
                    app.project().departments.iter().map(|d| (d.id.0.clone(), d.name.clone())).collect();
                let mut chosen = selected.min(units.len().saturating_sub(1));
                ui.label(T::SendToDepartmentPick.get(lang));
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for (i, (_, name)) in units.iter().enumerate() {
                        if ui.selectable_label(i == chosen, name.as_str()).clicked() {
                            chosen = i;
                        }
                    }
                });
                if chosen != selected
                    && let Some(Modal::SendToDepartment { selected }) = &mut app.modal
                {
                    *selected = chosen;
                }
                ui.horizontal(|ui| {
                    if let Some((id, _)) = units.get(chosen)
                        && ui.button(T::SendToDepartmentWrite.get(lang)).clicked()
                    {
                        out.push(AppCommand::CloseModal);
                        out.push(AppCommand::WritePack { department: id.clone(), path: None });
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::Author { mut text } => {
                ui.heading(T::AuthorTitle.get(lang));
                let label = ui.label(T::AuthorField.get(lang));
                let r = ui.text_edit_singleline(&mut text).labelled_by(label.id);
                r.request_focus();
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if let Some(Modal::Author { text: t }) = &mut app.modal {
                    *t = text.clone();
                }
                ui.horizontal(|ui| {
                    if ui.button(T::Ok.get(lang)).clicked() || enter {
                        out.push(AppCommand::SetAuthor(text.clone()));
                        out.push(AppCommand::CloseModal);
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::Reason { from, unit, agreed, mut text } => {
                ui.heading(T::ReasonTitle.get(lang));
                ui.label(crate::tr!(lang, ReasonPrompt, unit = unit, date = agreed));
                let label = ui.label(T::ReasonField.get(lang));
                let r = ui
                    .add(egui::TextEdit::multiline(&mut text).desired_rows(2).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if !r.has_focus() && text.is_empty() {
                    r.request_focus();
                }
                if let Some(Modal::Reason { text: t, .. }) = &mut app.modal {
                    *t = text.clone();
                }
                if app.prefs.author.is_empty() {
                    ui.label(RichText::new(T::TipAuthor.get(lang)).weak());
                }
                ui.horizontal(|ui| {
                    if ui.add_enabled(!text.trim().is_empty(), egui::Button::new(T::Ok.get(lang))).clicked() {
                        out.push(AppCommand::Doc {
                            command: crate::app::DocCommand::GiveReason {
                                from,
                                reason: text.trim().to_string(),
                            },
                            label: T::ReasonStep.get(lang).into(),
                            merge: None,
                        });
                        out.push(AppCommand::CloseModal);
                    }
                    if ui.button(T::Skipped.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::ReturnSignOff { department, mut text } => {
                let unit = app.project().department(&department).map(|d| d.name.clone()).unwrap_or_default();
                ui.heading(crate::tr!(lang, ReturnTitle, unit = unit));
                let label = ui.label(T::ReturnComment.get(lang));
                let r = ui
                    .add(egui::TextEdit::multiline(&mut text).desired_rows(3).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if !r.has_focus() && text.is_empty() {
                    r.request_focus();
                }
                if let Some(Modal::ReturnSignOff { text: t, .. }) = &mut app.modal {
                    *t = text.clone();
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            !text.trim().is_empty(),
                            egui::Button::new(T::ActReturnSignOff.get(lang).trim_end_matches('…')),
                        )
                        .clicked()
                    {
                        out.push(AppCommand::SignOff {
                            department: department.clone(),
                            status: crate::model::appraisal::SignOffStatus::Returned,
                            comment: text.clone(),
                        });
                        out.push(AppCommand::CloseModal);
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::Periods { mut reason } => {
                periods_ui(ui, app, &mut reason, out);
                if let Some(Modal::Periods { reason: r }) = &mut app.modal {
                    *r = reason;
                }
            }
            Modal::NewYear { mut year, mut rule, mut grow } => {
                ui.heading(T::NewYearTitle.get(lang));
                ui.horizontal(|ui| {
                    ui.label(T::Year.get(lang));
                    ui.add(egui::DragValue::new(&mut year).range(1900..=9999));
                });
                ui.label(T::NewYearTargets.get(lang));
                ui.radio_value(&mut rule, 0, T::NewYearKeep.get(lang));
                ui.radio_value(&mut rule, 1, T::NewYearLastActual.get(lang));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut rule, 2, T::NewYearGrow.get(lang));
                    ui.add_enabled(rule == 2, egui::TextEdit::singleline(&mut grow).desired_width(60.0));
                });
                let grow_value = crate::io::number::parse_number(&grow)
                    .ok()
                    .flatten()
                    .filter(|g| g.is_finite() && *g > -100.0);
                if rule == 2 && grow_value.is_none() {
                    ui.label(
                        RichText::new(crate::tr!(lang, NotANumber, text = grow))
                            .color(ui.visuals().error_fg_color),
                    );
                }
                if let Some(Modal::NewYear { year: y, rule: r, grow: g }) = &mut app.modal {
                    (*y, *r, *g) = (year, rule, grow.clone());
                }
                ui.horizontal(|ui| {
                    let targets = match rule {
                        0 => Some(crate::model::appraisal::RolloverTargets::Keep),
                        1 => Some(crate::model::appraisal::RolloverTargets::LastActual),
                        _ => grow_value.map(crate::model::appraisal::RolloverTargets::Grow),
                    };
                    if ui
                        .add_enabled(targets.is_some(), egui::Button::new(T::NewYearCreate.get(lang)))
                        .clicked()
                        && let Some(targets) = targets
                    {
                        out.push(AppCommand::CloseModal);
                        out.push(AppCommand::NewYear { year, targets });
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(AppCommand::CloseModal);
                    }
                });
            }
            Modal::About => {
                ui.heading(format!("{} · {}", T::AppTitle.en(), T::AppTitle.zh()));
                ui.label(format!("{} {}", T::AppTitle.get(lang), env!("CARGO_PKG_VERSION")));
                ui.label(T::AboutBody.get(lang));
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(AppCommand::CloseModal);
                }
            }
        }
    });
    // Escape or a click outside closes dialogs that only inform or ask; it means "cancel".
    if response.should_close() && !matches!(app.modal, Some(Modal::Recover { .. })) {
        out.push(AppCommand::CloseModal);
    }
}

/// The project's periods, each closed or open, with Close / Reopen (a reopen needs a reason).
fn periods_ui(ui: &mut egui::Ui, app: &AppState, reason: &mut String, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    ui.heading(T::PeriodsTitle.get(lang));
    ui.label(T::TipPeriods.get(lang));
    let frequency = p.info.frequency;
    let mut starts = Vec::new();
    let mut start = frequency.period_start(p.info.start.min(p.info.end));
    while start <= p.info.end && starts.len() < 520 {
        starts.push(start);
        start = frequency.next_start(start);
    }
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
        egui::Grid::new("periods-grid").striped(true).show(ui, |ui| {
            for start in starts {
                let label = crate::model::appraisal::period_label(frequency, start, lang);
                let closed = p.closed_periods.binary_search(&start).is_ok();
                ui.label(&label);
                if closed {
                    ui.label(T::PeriodClosedState.get(lang));
                    let ok = !reason.trim().is_empty();
                    if ui
                        .add_enabled(ok, egui::Button::new(T::ReopenButton.get(lang)))
                        .on_disabled_hover_text(T::ReopenNeedsReason.get(lang))
                        .clicked()
                    {
                        out.push(AppCommand::ReopenPeriod { period: start, reason: reason.clone() });
                        reason.clear();
                    }
                } else {
                    ui.label("");
                    if ui.button(T::ClosePeriodButton.get(lang)).clicked() {
                        out.push(AppCommand::ClosePeriod(start));
                    }
                }
                ui.end_row();
            }
        });
    });
    let label = ui.label(T::ReasonField.get(lang));
    ui.text_edit_singleline(reason).labelled_by(label.id);
    if ui.button(T::Close.get(lang)).clicked() {
        out.push(AppCommand::CloseModal);
    }
}

/// What the palette offers: a command, or an item of the project to go to.
#[derive(Clone, Debug, PartialEq)]
enum PaletteEntry {
    Command(Action),
    Item { subject: crate::model::lint::Subject, kind: T, label: String },
}

/// Items shown at most, so a project of thousands of KPIs keeps the list short.
const PALETTE_ITEMS: usize = 50;

/// The palette's entries for `needle` (lower case): matching commands, then objectives, KPIs and
/// departments whose name or code contains it (items only once something is typed).
fn palette_entries(app: &AppState, needle: &str) -> Vec<PaletteEntry> {
    use crate::model::lint::Subject;
    let mut out: Vec<PaletteEntry> = Action::ALL
        .iter()
        .copied()
        .filter(|a| *a != Action::Palette && a.enabled(app))
        .filter(|a| a.matches(needle))
        .map(PaletteEntry::Command)
        .collect();
    if needle.is_empty() {
        return out;
    }
    let p = app.project();
    let hit = |text: &str| text.to_lowercase().contains(needle);
    let objectives =
        p.objectives.iter().filter(|o| hit(&o.name) || hit(o.id.as_str())).map(|o| PaletteEntry::Item {
            subject: Subject::Objective(o.id.clone()),
            kind: T::ItemObjective,
            label: o.name.clone(),
        });
    let kpis = p.kpis.iter().filter(|k| hit(&k.name) || hit(&k.code) || hit(k.id.as_str())).map(|k| {
        PaletteEntry::Item { subject: Subject::Kpi(k.id.clone()), kind: T::ItemKpi, label: k.label() }
    });
    let departments =
        p.departments.iter().filter(|d| hit(&d.name) || hit(d.id.as_str())).map(|d| PaletteEntry::Item {
            subject: Subject::Department(d.id.clone()),
            kind: T::ItemDepartment,
            label: d.name.clone(),
        });
    // A name or code typed in full comes first, then names that start with it.
    let rank = |e: &PaletteEntry| match e {
        PaletteEntry::Item { subject, label, .. } => {
            let code = match subject {
                Subject::Kpi(id) => p.kpi(id).map(|k| k.code.to_lowercase()).unwrap_or_default(),
                _ => String::new(),
            };
            let label = label.to_lowercase();
            if label == needle || code == needle {
                0
            } else if label.starts_with(needle) || code.starts_with(needle) {
                1
            } else {
                2
            }
        }
        PaletteEntry::Command(_) => 0,
    };
    let mut items: Vec<PaletteEntry> = objectives.chain(kpis).chain(departments).collect();
    items.sort_by_key(rank);
    out.extend(items.into_iter().take(PALETTE_ITEMS));
    out
}

fn palette_ui(
    ui: &mut egui::Ui,
    app: &mut AppState,
    query: String,
    selected: usize,
    actions: &mut Vec<Action>,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let ctx = ui.ctx().clone();
    ui.heading(T::ActPalette.get(lang));
    let mut q = query.clone();
    let label = ui.label(T::Search.get(lang));
    let r = ui.add(egui::TextEdit::singleline(&mut q).desired_width(520.0)).labelled_by(label.id);
    r.request_focus();
    let matches = palette_entries(app, &q.trim().to_lowercase());
    let mut sel = selected.min(matches.len().saturating_sub(1));
    if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
        sel = (sel + 1).min(matches.len().saturating_sub(1));
    }
    if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
        sel = sel.saturating_sub(1);
    }
    let mut run: Option<PaletteEntry> = None;
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        if matches.is_empty() {
            ui.label(RichText::new(T::NoMatches.get(lang)).weak());
        }
        for (i, entry) in matches.iter().enumerate() {
            ui.horizontal(|ui| match entry {
                PaletteEntry::Command(a) => {
                    if ui.selectable_label(i == sel, a.label(lang)).clicked() {
                        run = Some(entry.clone());
                    }
                    if let Some(s) = a.shortcut_text(&ctx) {
                        ui.label(RichText::new(s).weak().small());
                    }
                }
                PaletteEntry::Item { kind, label, .. } => {
                    if ui.selectable_label(i == sel, label).clicked() {
                        run = Some(entry.clone());
                    }
                    ui.label(RichText::new(kind.get(lang)).weak().small());
                }
            });
        }
    });
    if ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(e) = matches.get(sel)
    {
        run = Some(e.clone());
    }
    match run {
        Some(PaletteEntry::Command(a)) => {
            out.push(AppCommand::CloseModal);
            actions.push(a);
        }
        Some(PaletteEntry::Item { subject, .. }) => {
            out.push(AppCommand::CloseModal);
            if let Some(v) = crate::app::View::showing(&subject) {
                out.push(AppCommand::ShowView(v));
            }
            out.push(AppCommand::Select(Some(subject)));
        }
        None => {
            if (q != query || sel != selected)
                && let Some(Modal::Palette { query, selected }) = &mut app.modal
            {
                *query = q;
                *selected = sel;
            }
        }
    }
}
