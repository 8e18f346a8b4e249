//! The what-if sandbox: a copy of the project to play with, and what would move.

use super::*;
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::io::number::parse_number;
use crate::score::whatif::{self, Level};
use crate::ui::widgets::number_text;
use egui::{Color32, RichText, Ui};

pub(super) fn whatif_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    ui.label(RichText::new(T::WhatIfIntro.get(lang)).weak());
    // The sandbox starts as a copy of the project and is reset when the project changes shape.
    let same_shape = state.sandbox.as_ref().is_some_and(|s| {
        s.kpis.len() == p.kpis.len()
            && s.objectives.len() == p.objectives.len()
            && s.departments.len() == p.departments.len()
    });
    if !same_shape {
        state.sandbox = Some(p.clone());
        state.sandbox_revision += 1;
    }
    let current = current_group(app, state);
    group_picker(ui, app, state, &current);
    let date = app.period.range().start;
    let Some(sandbox) = state.sandbox.as_mut() else { return };
    let mut changed = false;
    if let Some(group) = &current {
        let members = group_kpis(p, group);
        egui::Grid::new("whatif-grid").num_columns(3).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
            for t in [T::Kpis, T::Weight, T::ActualThisPeriod] {
                ui.label(RichText::new(t.get(lang)).strong());
            }
            ui.end_row();
            for &i in &members {
                let k = &mut sandbox.kpis[i];
                ui.label(k.label());
                let mut w = k.weight as f32;
                let label = format!("{} {}", T::Weight.get(lang), k.label());
                if ui
                    .add(egui::Slider::new(&mut w, 0.0..=100.0).max_decimals(1))
                    .on_hover_text(&label)
                    .changed()
                {
                    k.weight = w as f64;
                    changed = true;
                }
                let frequency = k.frequency.unwrap_or(p.info.frequency);
                let period_date = frequency.period_start(date);
                let actual = k.period(period_date).and_then(|x| x.actual);
                let mut a = actual.map(number_text).unwrap_or_default();
                let r = ui.add(egui::TextEdit::singleline(&mut a).desired_width(90.0));
                let label = format!("{} {}", T::ActualThisPeriod.get(lang), k.label());
                crate::ui::widgets::name_text_field(&r, &label, &a);
                if r.changed()
                    && let Ok(v) = parse_number(&a)
                {
                    match k.series.binary_search_by(|x| x.date.cmp(&period_date)) {
                        Ok(j) => k.series[j].actual = v,
                        Err(j) => k.series.insert(
                            j,
                            Period {
                                date: period_date,
                                actual: v,
                                target: None,
                                note: None,
                                commentary: None,
                            },
                        ),
                    }
                    changed = true;
                }
                ui.end_row();
            }
        });
    }
    if changed {
        state.sandbox_revision += 1;
    }
    let key = app.doc.content_key();
    let fresh = matches!(&state.deltas, Some((r, k, _)) if *r == state.sandbox_revision && *k == key);
    if !fresh {
        let d = whatif::compare(p, sandbox, app.period);
        state.deltas = Some((state.sandbox_revision, key, d));
    }
    let deltas = state.deltas.as_ref().map(|d| d.2.clone()).unwrap_or_default();
    ui.separator();
    if deltas.is_empty() {
        ui.label(RichText::new(T::NoChanges.get(lang)).weak());
    } else {
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            egui::Grid::new("whatif-deltas").num_columns(4).striped(true).show(ui, |ui| {
                for t in [T::Name, T::Before, T::After, T::Change] {
                    ui.label(RichText::new(t.get(lang)).strong());
                }
                ui.end_row();
                for d in deltas.iter().filter(|d| !matches!(d.level, Level::Kpi(_))) {
                    let prefix = match d.level {
                        Level::Scorecard => "Σ ",
                        Level::Perspective(_) => "· ",
                        _ => "   ",
                    };
                    ui.label(format!("{prefix}{}", d.name));
                    let show = |s: &Result<f64, crate::score::Undefined>| match s {
                        Ok(v) => format!("{v:.1} %"),
                        Err(u) => u.short(lang).to_string(),
                    };
                    ui.label(show(&d.before));
                    ui.label(show(&d.after));
                    match d.change() {
                        Some(c) => {
                            let col = if c >= 0.0 {
                                Color32::from_rgb(0x2e, 0x7d, 0x32)
                            } else {
                                ui.visuals().error_fg_color
                            };
                            ui.label(RichText::new(format!("{c:+.1}")).color(col).strong());
                        }
                        None => {
                            ui.label("—");
                        }
                    }
                    ui.end_row();
                }
            });
        });
    }
    // One batch: every KPI whose weight or series differs from the project.
    let commands: Vec<DocCommand> = sandbox
        .kpis
        .iter()
        .zip(&p.kpis)
        .filter(|(s, k)| s.weight != k.weight || s.series != k.series)
        .map(|(s, _)| DocCommand::Upsert(Item::Kpi(Box::new(s.clone()))))
        .collect();
    let mut reset = false;
    ui.horizontal(|ui| {
        if ui.add_enabled(!commands.is_empty(), egui::Button::new(T::ApplyWhatIf.get(lang))).clicked() {
            out.push(AppCommand::Doc {
                command: DocCommand::Batch(commands),
                label: T::ApplyWhatIfLabel.get(lang).into(),
                merge: None,
            });
            reset = true;
        }
        if ui.button(T::ResetWhatIf.get(lang)).clicked() {
            reset = true;
        }
    });
    if reset {
        state.sandbox = None;
    }
}
