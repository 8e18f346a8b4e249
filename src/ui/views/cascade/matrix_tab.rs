//! The responsibility matrix (指标分解矩阵): which unit carries which company objective or KPI, with what weight.

use super::*;
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::number::parse_number;
use crate::model::lint::{Subject, format_number};
use crate::score::cascade::{self, Balance, CascadeMode, Matrix, MatrixRow, is_hundred};
use crate::ui::fonts::colour;
use crate::ui::widgets::{name_text_field, number_text};
use egui::{Align, Color32, Layout, RichText, Sense, Ui, Vec2};
use egui_extras::{Column, TableBuilder};

pub(super) fn balance_text(b: Balance, unit: &str, lang: Lang) -> (String, bool) {
    match b {
        Balance::Balanced => (T::Balanced.get(lang).into(), false),
        Balance::Short(x) => (format!("{} {}", T::Shortfall.get(lang), with_unit(x, unit)), true),
        Balance::Over(x) => (format!("{} {}", T::OverAllocated.get(lang), with_unit(x, unit)), true),
        Balance::Unknown => (T::TargetsIncomplete.get(lang).into(), true),
        Balance::Carried => (T::CarriedWhole.get(lang).into(), false),
    }
}

pub(super) fn row_key(p: &Project, row: MatrixRow) -> String {
    match row {
        MatrixRow::Objective(o) => p.objectives[o].id.0.clone(),
        MatrixRow::Kpi(k) => p.kpis[k].id.0.clone(),
        MatrixRow::Other => "other".into(),
    }
}

pub(super) fn matrix_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let matrix = state.matrix(app);
    ui.label(RichText::new(T::MatrixHint.get(lang)).weak());
    if matrix.columns.is_empty() {
        ui.label(T::NoDepartments.get(lang));
        return;
    }
    let row_height = ui.spacing().interact_size.y + 6.0;
    let header_height = row_height * 2.2;
    let error = ui.visuals().error_fg_color;
    // Only the units in view are laid out (a company of 500 units is 500 columns): the columns
    // left and right of the view are one empty spacer each, so the scroll bar still spans them.
    let (row_header_width, column_width) = (230.0, 80.0);
    let gap = ui.spacing().item_spacing.x;
    let n = matrix.columns.len();
    egui::ScrollArea::horizontal().id_salt("matrix-h").show_viewport(ui, |ui, viewport| {
        let step = column_width + gap;
        let first = (((viewport.min.x - row_header_width - gap) / step).floor().max(0.0) as usize).min(n);
        let last = (((viewport.max.x - row_header_width) / step).ceil().max(0.0) as usize).clamp(first, n);
        let spacer = |count: usize| count as f32 * step - gap;
        let mut table = TableBuilder::new(ui)
            .id_salt("responsibility-matrix")
            .striped(true)
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::exact(row_header_width).clip(true));
        if first > 0 {
            table = table.column(Column::exact(spacer(first)));
        }
        table = table.columns(Column::exact(column_width), last - first);
        if last < n {
            table = table.column(Column::exact(spacer(n - last)));
        }
        table
            .header(header_height, |mut h| {
                h.col(|ui| {
                    ui.vertical(|ui| {
                        ui.strong(T::MatrixCorner.get(lang));
                        ui.label(RichText::new(T::ColumnTotal.get(lang)).weak());
                    });
                });
                if first > 0 {
                    h.col(|_| {});
                }
                for (c, &d) in matrix.columns.iter().enumerate().take(last).skip(first) {
                    h.col(|ui| {
                        ui.vertical(|ui| {
                            let dept = &p.departments[d];
                            let r = ui.add(
                                egui::Label::new(RichText::new(&dept.name).strong()).sense(Sense::click()),
                            );
                            if r.clicked() {
                                state.unit = Some(dept.id.clone());
                                out.push(AppCommand::Select(Some(Subject::Department(dept.id.clone()))));
                            }
                            let total = matrix.column_totals[c];
                            let text = format!("{}%", format_number((total * 100.0).round() / 100.0));
                            let colour = if is_hundred(total) { ui.visuals().text_color() } else { error };
                            ui.label(RichText::new(text).color(colour).strong())
                                .on_hover_text(T::ColumnTotalHint.get(lang));
                        });
                    });
                }
                if last < n {
                    h.col(|_| {});
                }
            })
            .body(|body| {
                body.rows(row_height, matrix.rows.len(), |mut row| {
                    let r = row.index();
                    let mrow = matrix.rows[r];
                    row.col(|ui| row_header(ui, app, state, mrow, out));
                    if first > 0 {
                        row.col(|_| {});
                    }
                    for (c, &d) in matrix.columns.iter().enumerate().take(last).skip(first) {
                        row.col(|ui| matrix_cell(ui, app, state, &matrix, r, c, d, out));
                    }
                    if last < n {
                        row.col(|_| {});
                    }
                });
            });
    });
}

pub(super) fn row_header(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    row: MatrixRow,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    match row {
        MatrixRow::Objective(o) => {
            let obj = &p.objectives[o];
            let persp = p.perspective(&obj.perspective);
            let c = persp.map_or(Color32::GRAY, |x| colour(x.colour));
            let (rect, _) = ui.allocate_exact_size(Vec2::new(4.0, 18.0), Sense::hover());
            ui.painter().rect_filled(rect, 1.0, c);
            let r =
                ui.add(egui::Label::new(RichText::new(&obj.name).strong()).sense(Sense::click()).truncate());
            if r.clicked() {
                out.push(AppCommand::Select(Some(Subject::Objective(obj.id.clone()))));
            }
        }
        MatrixRow::Kpi(k) => {
            let kpi = &p.kpis[k];
            ui.add_space(12.0);
            let r = ui.add(egui::Label::new(kpi.label()).sense(Sense::click()).truncate());
            if r.clicked() {
                state.parent_kpi = Some(kpi.id.clone());
                out.push(AppCommand::Select(Some(Subject::Kpi(kpi.id.clone()))));
            }
            if let Some(balance) = state.balance(app, k) {
                let (text, bad) = balance_text(balance, &kpi.unit, lang);
                let colour = if bad { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
                let r =
                    ui.add(egui::Label::new(RichText::new(text).small().color(colour)).sense(Sense::click()));
                if r.on_hover_text(T::OpenDecomposition.get(lang)).clicked() {
                    state.parent_kpi = Some(kpi.id.clone());
                    state.tab = Tab::Decompose;
                }
            }
        }
        MatrixRow::Other => {
            ui.label(RichText::new(T::OtherKpis.get(lang)).italics())
                .on_hover_text(T::OtherKpisHint.get(lang));
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn matrix_cell(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    matrix: &Matrix,
    r: usize,
    c: usize,
    d: usize,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let row = matrix.rows[r];
    let dept = &p.departments[d];
    let kpis = matrix.cell(r, c);
    let mark = match (row, kpis.first()) {
        (_, None) => "",
        (MatrixRow::Objective(_), Some(_)) => "○",
        (MatrixRow::Kpi(_), Some(_)) => "●",
        (MatrixRow::Other, Some(_)) => "◆",
    };
    if !mark.is_empty() {
        let r = ui.add(egui::Label::new(RichText::new(mark).strong()).sense(Sense::click()));
        let names: Vec<String> = kpis.iter().map(|&k| p.kpis[k].label()).collect();
        if r.on_hover_text(names.join("\n")).clicked() {
            out.push(AppCommand::Select(Some(Subject::Kpi(p.kpis[kpis[0]].id.clone()))));
        }
    }
    let row_label = match row {
        MatrixRow::Objective(o) => p.objectives[o].name.clone(),
        MatrixRow::Kpi(k) => p.kpis[k].label(),
        MatrixRow::Other => T::OtherKpis.get(lang).into(),
    };
    let name = format!("{} · {}", dept.name, row_label);
    // Several KPIs in one cell, or the "other" row: the sum, edited in the KPI designer.
    if kpis.len() > 1 || (row == MatrixRow::Other && !kpis.is_empty()) {
        let total = matrix.cell_weight(p, r, c);
        ui.label(format_number(total)).on_hover_text(T::SeveralInCell.get(lang));
        return;
    }
    if row == MatrixRow::Other {
        return;
    }
    let key = (row_key(p, row), dept.id.0.clone());
    let current = kpis.first().map(|&k| p.kpis[k].weight);
    let shown = current.map(number_text).unwrap_or_default();
    let mut text = state.cell_text.get(&key).cloned().unwrap_or_else(|| shown.clone());
    let resp = ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY).hint_text(""));
    name_text_field(&resp, &name, &text);
    if resp.changed() || resp.has_focus() {
        state.cell_text.insert(key.clone(), text.clone());
    }
    let parsed = parse_number(&text);
    let invalid = match &parsed {
        Err(e) => Some(e.describe(lang)),
        Ok(Some(v)) if *v < 0.0 => Some(T::MustBeNonNegative.get(lang).to_string()),
        _ => None,
    };
    if let Some(msg) = &invalid
        && state.cell_text.contains_key(&key)
    {
        ui.painter().rect_stroke(
            resp.rect,
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Inside,
        );
        resp.clone().on_hover_text(msg);
    }
    if !resp.lost_focus() {
        return;
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.cell_text.remove(&key);
        return;
    }
    let Ok(value) = parsed else { return };
    if invalid.is_some() {
        return;
    }
    state.cell_text.remove(&key);
    let label = format!("{} {}", T::TabMatrix.get(lang), name);
    match (kpis.first(), value) {
        (Some(&k), Some(w)) if Some(w) != current => {
            let kpi = Kpi { weight: w, ..p.kpis[k].clone() };
            doc(out, DocCommand::Upsert(Item::Kpi(Box::new(kpi))), label);
        }
        (Some(&k), None) => {
            doc(out, DocCommand::Delete(Subject::Kpi(p.kpis[k].id.clone())), label);
        }
        (None, Some(w)) => {
            let created = match row {
                MatrixRow::Kpi(k) => {
                    cascade::cascade_kpis(p, k, std::slice::from_ref(&dept.id), CascadeMode::Decompose)
                }
                MatrixRow::Objective(o) => vec![aligned_kpi(p, o, dept, lang)],
                MatrixRow::Other => Vec::new(),
            };
            if let Some(mut kpi) = created.into_iter().next() {
                kpi.weight = w;
                let id = kpi.id.clone();
                doc(out, DocCommand::Upsert(Item::Kpi(Box::new(kpi))), label);
                out.push(AppCommand::Select(Some(Subject::Kpi(id))));
            }
        }
        _ => {}
    }
}

/// A new department KPI aligned to objective `o`, to be renamed by the department.
pub(super) fn aligned_kpi(p: &Project, o: usize, dept: &Department, lang: Lang) -> Kpi {
    let obj = &p.objectives[o];
    let mut k = Kpi::new(p.next_kpi_id(), format!("{}{}", T::SupportsPrefix.get(lang), obj.name));
    k.department = Some(dept.id.clone());
    k.owner = dept.head.clone();
    k.cascade = Some(Cascade::Align { objective: obj.id.clone() });
    k
}
