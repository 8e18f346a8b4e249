//! The merge window: what came in from the other side, grouped by item, and each conflict with
//! "keep mine", "take theirs" or a value of one's own. It serves a merge of the file on disk, a
//! returned department pack, and the conflicts a file was opened with.

use crate::app::{AppCommand, AppState, Modal, Resolution};
use crate::i18n::T;
use crate::model::lint::{Subject, subject_label};
use crate::model::merge::{Incoming, describe_conflict, field_label, field_of, subject_of, value_text};
use egui::RichText;

/// How many incoming changes the window lists.
const SHOWN: usize = 300;

pub fn merge_ui(
    ui: &mut egui::Ui,
    app: &mut AppState,
    from: &str,
    incoming: &[Incoming],
    edit: Option<(String, String)>,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    ui.set_min_width(620.0);
    ui.heading(T::MergeWindowTitle.get(lang));
    if !from.is_empty() {
        ui.label(crate::tr!(lang, MergeWindowFrom, from = from));
    }
    let project = app.project();
    let conflicts = project.conflicts.clone();
    // Texts first, so the window may change its own state below.
    let heads: Vec<Option<String>> = {
        let mut last: Option<Subject> = None;
        incoming
            .iter()
            .map(|change| {
                let subject = subject_of(&change.path);
                if last.as_ref() == Some(&subject) {
                    return None;
                }
                let name = match &subject {
                    Subject::Project => change.path.split(['.', '[']).next().unwrap_or_default().to_string(),
                    s => subject_label(project, s, lang),
                };
                last = Some(subject);
                Some(name)
            })
            .collect()
    };
    let texts: Vec<String> = conflicts.iter().map(|c| describe_conflict(project, c, lang)).collect();
    let mut new_edit: Option<Option<(String, String)>> = None;
    egui::ScrollArea::vertical().max_height(460.0).auto_shrink([false, true]).show(ui, |ui| {
        if !incoming.is_empty() {
            ui.add_space(4.0);
            ui.strong(crate::tr!(lang, MergeIncomingHeading, n = incoming.len()));
            // Grouped by item: the item once, then each field that came in.
            // A long list is cut: the window is for reading, and every change is in the document.
            for (change, head) in incoming.iter().zip(&heads).take(SHOWN) {
                if let Some(name) = head {
                    ui.label(RichText::new(name).strong());
                }
                let field = field_label(&field_of(&change.path), lang);
                ui.label(format!(
                    "    {}  {} → {}",
                    if field.is_empty() { "·".to_string() } else { field },
                    value_text(change.before.as_ref(), lang),
                    value_text(change.after.as_ref(), lang)
                ));
            }
        }
        if incoming.len() > SHOWN {
            ui.label(RichText::new(crate::tr!(lang, MergeMore, n = incoming.len() - SHOWN)).weak());
        }
        ui.add_space(8.0);
        if conflicts.is_empty() {
            ui.label(T::MergeNoConflicts.get(lang));
        } else {
            ui.strong(crate::tr!(lang, MergeConflictsHeading, n = conflicts.len()));
        }
        for (c, text) in conflicts.iter().zip(&texts) {
            ui.separator();
            ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
            ui.horizontal(|ui| {
                let mine = format!("{}: {}", T::MergeKeepMine.get(lang), value_text(c.ours.as_ref(), lang));
                if ui.button(mine).clicked() {
                    out.push(AppCommand::ResolveConflict {
                        path: c.path.clone(),
                        choice: Resolution::KeepMine,
                    });
                }
                let theirs =
                    format!("{}: {}", T::MergeTakeTheirs.get(lang), value_text(c.theirs.as_ref(), lang));
                if ui.button(theirs).clicked() {
                    out.push(AppCommand::ResolveConflict {
                        path: c.path.clone(),
                        choice: Resolution::TakeTheirs,
                    });
                }
                if ui.button(T::MergeEdit.get(lang)).clicked() {
                    let start = c.ours.as_ref().map(|v| v.to_string()).unwrap_or_default();
                    new_edit = Some(Some((c.path.clone(), start)));
                }
            });
            if let Some((path, text)) = &edit
                && path == &c.path
            {
                let mut value = text.clone();
                let label = ui.label(T::MergeEditValue.get(lang));
                ui.add(egui::TextEdit::singleline(&mut value).desired_width(420.0)).labelled_by(label.id);
                if &value != text {
                    new_edit = Some(Some((path.clone(), value.clone())));
                }
                if ui.button(T::MergeEditApply.get(lang)).clicked() {
                    match serde_json::from_str::<serde_json::Value>(value.trim()) {
                        Ok(v) => out.push(AppCommand::ResolveConflict {
                            path: c.path.clone(),
                            choice: Resolution::Value(v),
                        }),
                        // A word typed without quotes is meant as text.
                        Err(_) => out.push(AppCommand::ResolveConflict {
                            path: c.path.clone(),
                            choice: Resolution::Value(serde_json::Value::String(value.trim().to_string())),
                        }),
                    }
                }
            }
        }
    });
    if let Some(e) = new_edit
        && let Some(Modal::Merge { edit, .. }) = &mut app.modal
    {
        *edit = e;
    }
    ui.add_space(6.0);
    if ui.button(T::Close.get(lang)).clicked() {
        out.push(AppCommand::CloseModal);
    }
}
