//! Weights per objective and department: normalise, lock, rebalance, and the absolute shares.

use super::*;
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::model::lint::{Subject, format_number};
use crate::score::weights;
use egui::{RichText, Ui};

pub(super) fn group_name(p: &Project, g: &Group) -> String {
    match g {
        Group::Objective(o) => p.objective(o).map_or(o.0.clone(), |x| x.name.clone()),
        Group::Department(d) => p.department(d).map_or(d.0.clone(), |x| x.name.clone()),
    }
}

pub(super) fn group_kpis(p: &Project, g: &Group) -> Vec<usize> {
    (0..p.kpis.len())
        .filter(|&i| match g {
            Group::Objective(o) => p.kpis[i].objective.as_ref() == Some(o),
            Group::Department(d) => p.kpis[i].department.as_ref() == Some(d),
        })
        .collect()
}

/// The group to edit: the one chosen, else the selected item's.
pub(super) fn current_group(app: &AppState, state: &KpiViewState) -> Option<Group> {
    let p = app.project();
    let from_selection = match &app.selection {
        Some(Subject::Objective(o)) => Some(Group::Objective(o.clone())),
        Some(Subject::Department(d)) => Some(Group::Department(d.clone())),
        Some(Subject::Kpi(k)) => p.kpi(k).and_then(|k| match (&k.objective, &k.department) {
            (Some(o), _) => Some(Group::Objective(o.clone())),
            (None, Some(d)) => Some(Group::Department(d.clone())),
            _ => None,
        }),
        _ => None,
    };
    state.group.clone().or(from_selection).filter(|g| match g {
        Group::Objective(o) => p.objective(o).is_some(),
        Group::Department(d) => p.department(d).is_some(),
    })
}

pub(super) fn group_picker(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, current: &Option<Group>) {
    let lang = app.lang();
    let p = app.project();
    ui.horizontal(|ui| {
        let label = ui.label(T::WeightsOf.get(lang));
        let shown = current.as_ref().map_or(T::ChooseGroup.get(lang).to_string(), |g| group_name(p, g));
        egui::ComboBox::from_id_salt("weights-group")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                ui.label(RichText::new(T::Objectives.get(lang)).weak());
                for o in &p.objectives {
                    let g = Group::Objective(o.id.clone());
                    if ui.selectable_label(current.as_ref() == Some(&g), o.name.as_str()).clicked() {
                        state.group = Some(g);
                    }
                }
                ui.label(RichText::new(T::Departments.get(lang)).weak());
                for d in &p.departments {
                    let g = Group::Department(d.id.clone());
                    if ui.selectable_label(current.as_ref() == Some(&g), d.name.as_str()).clicked() {
                        state.group = Some(g);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Commands that set new weights for KPIs (by index), as one undo step. `typed` is the KPI whose
/// weight is being typed: the keystrokes of one number ("7", "70") merge into one step.
pub(super) fn set_weights(
    p: &Project,
    new: &[(usize, f64)],
    label: String,
    typed: Option<&crate::model::KpiId>,
) -> AppCommand {
    let commands = new
        .iter()
        .filter(|(i, w)| (p.kpis[*i].weight - w).abs() > 1e-12)
        .map(|(i, w)| DocCommand::Upsert(Item::Kpi(Box::new(Kpi { weight: *w, ..p.kpis[*i].clone() }))))
        .collect();
    let merge = typed.map(|k| {
        crate::app::history::MergeKey::item(Subject::Kpi(k.clone()), crate::app::history::Field::Weight)
    });
    AppCommand::Doc { command: DocCommand::Batch(commands), label, merge }
}

pub(super) fn weights_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let current = current_group(app, state);
    group_picker(ui, app, state, &current);
    let Some(group) = current else {
        ui.label(RichText::new(T::ChooseGroup.get(lang)).weak());
        return;
    };
    let members = group_kpis(p, &group);
    let weights: Vec<f64> = members.iter().map(|&i| p.kpis[i].weight).collect();
    let locked: Vec<bool> = members.iter().map(|&i| state.locked.contains(&p.kpis[i].id)).collect();
    let total: f64 = weights.iter().sum();
    let absolute = weights::absolute_weights(p);
    let ok = (total - 100.0).abs() < 0.01;
    ui.checkbox(&mut state.rebalance, T::Rebalance.get(lang));
    let label = format!("{} {}", T::TabWeights.get(lang), group_name(p, &group));
    egui::Grid::new("weights-grid").num_columns(6).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
        for t in [T::Kpis, T::Weight, T::ShareOfGroup, T::Lock, T::AbsoluteWeight] {
            ui.label(RichText::new(t.get(lang)).strong());
        }
        ui.label("");
        ui.end_row();
        for (n, &i) in members.iter().enumerate() {
            let k = &p.kpis[i];
            ui.label(k.label());
            if let Some(Some(v)) = number_cell(
                ui,
                state,
                lang,
                k,
                T::Weight.get(lang),
                Some(k.weight),
                crate::ui::widgets::NumberRule::NON_NEGATIVE,
            ) {
                let new = if state.rebalance {
                    weights::rebalance(&weights, &locked, n, v).ok()
                } else {
                    let mut w = weights.clone();
                    w[n] = v;
                    Some(w)
                };
                if let Some(new) = new {
                    let pairs: Vec<(usize, f64)> = members.iter().copied().zip(new).collect();
                    out.push(set_weights(p, &pairs, label.clone(), Some(&k.id)));
                }
            }
            let share = if total > 0.0 { k.weight / total * 100.0 } else { 0.0 };
            // A bar of the KPI's share, its figure laid out beside it (not painted over the
            // next column).
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 14.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
                let mut bar = rect;
                bar.set_width(rect.width() * (share as f32 / 100.0).clamp(0.0, 1.0));
                ui.painter().rect_filled(bar, 3.0, ui.visuals().selection.bg_fill);
                ui.add(egui::Label::new(format!("{} %", format_number(share))).extend());
            });
            let mut is_locked = state.locked.contains(&k.id);
            if ui.checkbox(&mut is_locked, "").on_hover_text(T::Lock.get(lang)).changed() {
                if is_locked {
                    state.locked.insert(k.id.clone());
                } else {
                    state.locked.remove(&k.id);
                }
            }
            ui.label(format!("{} %", format_number(absolute[i])));
            ui.label("");
            ui.end_row();
        }
        ui.label(RichText::new(T::Total.get(lang)).strong());
        let c = if ok { ui.visuals().text_color() } else { ui.visuals().error_fg_color };
        ui.label(RichText::new(format!("{} %", format_number(total))).color(c).strong())
            .on_hover_text(if ok { T::WeightsOk.get(lang) } else { T::WeightsNot100.get(lang) });
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(!ok && !members.is_empty(), egui::Button::new(T::Normalise.get(lang))).clicked() {
            match weights::normalise(&weights, &locked) {
                Ok(new) => {
                    let pairs: Vec<(usize, f64)> = members.iter().copied().zip(new).collect();
                    out.push(set_weights(
                        p,
                        &pairs,
                        format!("{} {}", T::Normalise.get(lang), group_name(p, &group)),
                        None,
                    ));
                }
                Err(e) => out.push(AppCommand::Toast(crate::i18n::Message::verbatim(e.to_string()), true)),
            }
        }
        if !ok {
            ui.label(RichText::new(T::WeightsNot100.get(lang)).color(ui.visuals().error_fg_color));
        }
    });
}
