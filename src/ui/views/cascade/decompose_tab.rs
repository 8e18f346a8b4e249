//! Decomposition of one company KPI: which units take it on, and how its target is split.

use super::*;
use crate::app::history::{Field, MergeKey};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::model::lint::{Subject, format_number};
use crate::score::cascade::{self, CascadeMode, SplitRule, decomposition};
use egui::{Color32, RichText, Sense, Ui};
use std::collections::HashSet;

pub(super) fn decompose_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let company: Vec<usize> = (0..p.kpis.len()).filter(|&k| p.kpis[k].objective.is_some()).collect();
    if company.is_empty() {
        ui.label(T::NoCompanyKpis.get(lang));
        return;
    }
    let parent = state
        .parent_kpi
        .as_ref()
        .and_then(|id| company.iter().copied().find(|&k| &p.kpis[k].id == id))
        .unwrap_or(company[0]);
    ui.horizontal(|ui| {
        let label = ui.label(T::CompanyKpi.get(lang));
        egui::ComboBox::from_id_salt("decompose-parent")
            .width(320.0)
            .selected_text(p.kpis[parent].label())
            .show_ui(ui, |ui| {
                for &k in &company {
                    if ui.selectable_label(k == parent, p.kpis[k].label()).clicked() {
                        state.parent_kpi = Some(p.kpis[k].id.clone());
                        state.split_error = None;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let kpi = &p.kpis[parent];
    let d = decomposition(p, parent);
    let freq = p.frequency_of(kpi).name(lang);
    // Whole phrases flow to the next line in a narrow window ("240 (月, 合计)" is never cut
    // after "240(").
    ui.horizontal_wrapped(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        ui.label(format!(
            "{}: {} ({freq}, {})",
            T::Target.get(lang),
            kpi.target.map(|t| with_unit(t, &kpi.unit)).unwrap_or_else(|| T::NotSet.get(lang).into()),
            kpi.aggregation.name(lang)
        ));
        if cascade::is_additive(kpi) {
            ui.label(format!("{}: {}", T::Allocated.get(lang), with_unit(d.allocated, &kpi.unit)));
        }
        let (text, bad) = balance_text(d.balance, &kpi.unit, lang);
        let colour = if bad { ui.visuals().error_fg_color } else { Color32::from_rgb(0x2e, 0x7d, 0x32) };
        ui.label(RichText::new(text).strong().color(colour));
    });
    ui.separator();

    // The children.
    let year = chrono::Datelike::year(&app.period.range().start) - 1;
    if d.children.is_empty() {
        ui.label(T::NoChildren.get(lang));
    } else {
        egui::Grid::new("decompose-children").striped(true).num_columns(7).spacing([12.0, 6.0]).show(
            ui,
            |ui| {
                for h in [
                    T::Department.get(lang),
                    T::Code.get(lang),
                    T::Target.get(lang),
                    T::ShareOfParent.get(lang),
                    &format!("{} {year}", T::LastYearActual.get(lang)),
                    T::Weight.get(lang),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for &c in &d.children {
                    let child = &p.kpis[c];
                    let dept = child
                        .department
                        .as_ref()
                        .and_then(|x| p.department(x))
                        .map_or("", |x| x.name.as_str());
                    if ui.add(egui::Label::new(dept).sense(Sense::click())).clicked() {
                        out.push(AppCommand::Select(Some(Subject::Kpi(child.id.clone()))));
                    }
                    ui.label(&child.code);
                    let label = format!("{} {dept}", T::Target.get(lang));
                    if let Some(v) = number_edit(ui, state, lang, &label, child.target) {
                        let changed = Kpi { target: v, ..child.clone() };
                        out.push(AppCommand::Doc {
                            command: DocCommand::Upsert(Item::Kpi(Box::new(changed))),
                            label: format!("KPI {}", child.label()),
                            merge: Some(MergeKey::item(Subject::Kpi(child.id.clone()), Field::Target)),
                        });
                    }
                    let share = match (child.target, kpi.target) {
                        (Some(c), Some(t)) if cascade::is_additive(kpi) && t != 0.0 => {
                            format!("{} %", format_number((c / t * 1000.0).round() / 10.0))
                        }
                        _ => "—".into(),
                    };
                    ui.label(share);
                    ui.label(
                        cascade::actual_in_year(p, child, year)
                            .map(|v| with_unit(v, &child.unit))
                            .unwrap_or_else(|| "—".into()),
                    );
                    ui.label(format!("{}%", format_number(child.weight)));
                    if ui.small_button(T::RemoveFromCascade.get(lang)).clicked() {
                        doc(
                            out,
                            DocCommand::Delete(Subject::Kpi(child.id.clone())),
                            format!("{} {}", T::ActDelete.get(lang), child.label()),
                        );
                    }
                    ui.end_row();
                }
            },
        );
        if cascade::is_additive(kpi) {
            ui.horizontal(|ui| {
                ui.label(T::SplitTarget.get(lang));
                let rules = [
                    (SplitRule::Evenly, T::SplitEvenly.get(lang).to_string()),
                    (SplitRule::ByDepartmentWeight, T::SplitByWeight.get(lang).to_string()),
                    (SplitRule::ByLastYear { year }, format!("{} ({year})", T::SplitByLastYear.get(lang))),
                ];
                for (rule, label) in rules {
                    let hint = match rule {
                        SplitRule::ByDepartmentWeight => T::SplitByWeightHint.get(lang),
                        _ => "",
                    };
                    let mut b = ui.button(label.as_str());
                    if !hint.is_empty() {
                        b = b.on_hover_text(hint);
                    }
                    if b.clicked() {
                        match cascade::plan_split(p, parent, rule) {
                            Ok(plan) => {
                                state.split_error = None;
                                let commands = plan
                                    .updated_kpis(p)
                                    .into_iter()
                                    .map(|k| DocCommand::Upsert(Item::Kpi(Box::new(k))))
                                    .collect();
                                doc(
                                    out,
                                    DocCommand::Batch(commands),
                                    format!("{} {} — {label}", T::SplitTarget.get(lang), kpi.label()),
                                );
                            }
                            Err(e) => state.split_error = Some(e.describe(lang)),
                        }
                    }
                }
            });
        }
        if let Some(e) = &state.split_error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
    ui.separator();

    // Cascade to more departments.
    ui.label(RichText::new(T::CascadeTo.get(lang)).strong());
    let mode = state.mode.unwrap_or(CascadeMode::Decompose);
    ui.horizontal(|ui| {
        if ui.radio(mode == CascadeMode::Decompose, T::ModeDecompose.get(lang)).clicked() {
            state.mode = Some(CascadeMode::Decompose);
        }
        if ui.radio(mode == CascadeMode::Align, T::ModeAlign.get(lang)).clicked() {
            state.mode = Some(CascadeMode::Align);
        }
    });
    ui.label(
        RichText::new(match mode {
            CascadeMode::Decompose => T::ModeDecomposeHint.get(lang),
            CascadeMode::Align => T::ModeAlignHint.get(lang),
        })
        .weak(),
    );
    let carrying: HashSet<&DepartmentId> =
        d.children.iter().filter_map(|&c| p.kpis[c].department.as_ref()).collect();
    let depths = cascade::depths(p);
    ui.horizontal_wrapped(|ui| {
        for u in cascade::tree_order(p) {
            let dept = &p.departments[u];
            if dept.parent.is_none() {
                continue;
            }
            let carries = mode == CascadeMode::Decompose && carrying.contains(&dept.id);
            let mut ticked = carries || state.targets.contains(&dept.id);
            let label = if depths[u] > 1 { format!("· {}", dept.name) } else { dept.name.clone() };
            if ui.add_enabled(!carries, egui::Checkbox::new(&mut ticked, label)).changed() {
                if ticked {
                    state.targets.insert(dept.id.clone());
                } else {
                    state.targets.remove(&dept.id);
                }
            }
        }
    });
    let chosen: Vec<DepartmentId> = cascade::tree_order(p)
        .into_iter()
        .map(|u| p.departments[u].id.clone())
        .filter(|id| state.targets.contains(id))
        .collect();
    let button = match mode {
        CascadeMode::Decompose => T::CascadeSelected,
        CascadeMode::Align => T::AlignSelected,
    };
    if ui.add_enabled(!chosen.is_empty(), egui::Button::new(button.get(lang))).clicked() {
        let created = cascade::cascade_kpis(p, parent, &chosen, mode);
        if !created.is_empty() {
            let commands = created.into_iter().map(|k| DocCommand::Upsert(Item::Kpi(Box::new(k)))).collect();
            doc(out, DocCommand::Batch(commands), format!("{} {}", button.get(lang), kpi.label()));
        }
        state.targets.clear();
    }
}
