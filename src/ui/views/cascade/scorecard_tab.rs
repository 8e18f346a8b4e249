//! A department's or role's scorecard: its KPIs, weights, scores and grade.

use super::*;
use crate::app::{AppCommand, AppState};
use crate::i18n::T;
use crate::model::lint::{Subject, format_number};
use crate::score::NodeScore;
use crate::score::cascade::is_hundred;
use crate::ui::fonts::colour;
use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

pub(super) fn scorecard_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    let Some(d) = unit_index(p, state) else {
        ui.label(T::ChooseUnit.get(lang));
        return;
    };
    let shares = state.shares(app).to_vec();
    let unit = &p.departments[d];
    let kpis: Vec<usize> = book.index.department_kpis[d].clone();
    let own = book.department_own[d];
    ui.horizontal(|ui| {
        ui.heading(&unit.name);
        ui.label(RichText::new(format!("{} · {}", unit.kind.name(lang), unit.head)).weak());
    });
    let total_weight: f64 = kpis.iter().filter(|&&k| !p.kpis[k].excluded).map(|&k| p.kpis[k].weight).sum();
    let carried: f64 = kpis.iter().map(|&k| shares[k]).sum();
    let points: f64 =
        kpis.iter().filter_map(|&k| book.kpis[k].score.ok().map(|s| shares[k] * s / 100.0)).sum();
    egui::Grid::new("dept-summary").num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
        ui.label(T::OwnScore.get(lang));
        ui.horizontal(|ui| {
            let node = own.unwrap_or(NodeScore {
                score: Err(crate::score::Undefined::NoChildren),
                status: None,
                coverage: Default::default(),
            });
            crate::ui::widgets::status_badge(ui, status_colour(&node), &score_label(node.score));
            let g = grade_of(p, own);
            if !g.is_empty() {
                ui.label(RichText::new(format!("{} {g}", T::Grade.get(lang))).strong());
            }
        });
        ui.end_row();
        if !book.index.department_children[d].is_empty() {
            ui.label(T::WithSubUnits.get(lang));
            let node = book.departments[d];
            crate::ui::widgets::status_badge(ui, status_colour(&node), &score_label(node.score));
            ui.end_row();
        }
        ui.label(T::WeightTotal.get(lang));
        let colour =
            if is_hundred(total_weight) { ui.visuals().text_color() } else { ui.visuals().error_fg_color };
        ui.label(
            RichText::new(format!("{}%", format_number((total_weight * 100.0).round() / 100.0)))
                .color(colour),
        );
        ui.end_row();
        ui.label(T::CompanyContribution.get(lang)).on_hover_text(T::CompanyContributionHint.get(lang));
        ui.label(crate::tr!(
            lang,
            CarriesOfCompany,
            share = format_number((carried * 100.0).round() / 100.0),
            points = format_number((points * 100.0).round() / 100.0)
        ));
        ui.end_row();
    });
    ui.separator();
    if kpis.is_empty() {
        ui.label(T::UnitHasNoKpis.get(lang));
    } else {
        let row_height = ui.spacing().interact_size.y + 4.0;
        egui::ScrollArea::horizontal().id_salt("dept-scorecard-h").show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("dept-scorecard")
                .striped(true)
                .resizable(true)
                .cell_layout(Layout::left_to_right(Align::Center))
                .column(Column::initial(64.0))
                .column(Column::initial(170.0).clip(true))
                .column(Column::initial(60.0))
                .column(Column::initial(100.0))
                .column(Column::initial(100.0))
                .column(Column::initial(90.0))
                .column(Column::initial(160.0).clip(true))
                .column(Column::remainder().at_least(90.0))
                .header(row_height, |mut h| {
                    for t in [
                        T::Code,
                        T::Name,
                        T::Weight,
                        T::Target,
                        T::Actual,
                        T::Score,
                        T::Supports,
                        T::CompanyShare,
                    ] {
                        h.col(|ui| {
                            ui.strong(t.get(lang));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, kpis.len(), |mut row| {
                        let k = kpis[row.index()];
                        let kpi = &p.kpis[k];
                        let score = &book.kpis[k];
                        row.col(|ui| {
                            ui.label(&kpi.code);
                        });
                        row.col(|ui| {
                            if ui.add(egui::Label::new(&kpi.name).sense(Sense::click()).truncate()).clicked()
                            {
                                out.push(AppCommand::Select(Some(Subject::Kpi(kpi.id.clone()))));
                            }
                        });
                        row.col(|ui| {
                            ui.label(format!("{}%", format_number(kpi.weight)));
                        });
                        row.col(|ui| {
                            ui.label(kpi.target.map(|t| with_unit(t, &kpi.unit)).unwrap_or_default());
                        });
                        row.col(|ui| {
                            ui.label(
                                score
                                    .aggregate
                                    .actual
                                    .map(|a| with_unit(a, &kpi.unit))
                                    .unwrap_or_else(|| "—".into()),
                            );
                        });
                        row.col(|ui| {
                            crate::ui::widgets::status_badge(
                                ui,
                                score.status.map(|s| colour(s.colour)),
                                &score_label(score.score),
                            );
                        });
                        row.col(|ui| {
                            ui.label(supports(p, kpi));
                        });
                        row.col(|ui| {
                            ui.label(format!("{} %", format_number((shares[k] * 100.0).round() / 100.0)));
                        });
                    });
                });
        });
    }
}

/// What a department KPI supports: "K05 销售收入" or "→ 按时交货".
pub(super) fn supports(p: &Project, k: &Kpi) -> String {
    match &k.cascade {
        Some(Cascade::Decompose { parent, .. }) => p.kpi(parent).map_or(format!("? {parent}"), |x| x.label()),
        Some(Cascade::Align { objective }) => {
            p.objective(objective).map_or(format!("? {objective}"), |o| format!("→ {}", o.name))
        }
        None => String::new(),
    }
}
