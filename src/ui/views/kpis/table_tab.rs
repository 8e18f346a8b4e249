//! The KPI table: filters, sort, and editing every KPI in place, one column per entry of `COLUMNS`.

use super::*;
use crate::app::history::Field;
use crate::app::{AppCommand, AppState};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::lint::Subject;
use crate::ui::fonts::colour;
use crate::ui::widgets::NumberRule;
use egui::{Align, Color32, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

pub(super) fn filters_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState) {
    let lang = app.lang();
    let p = app.project();
    let all = T::FilterAll.get(lang);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::SearchKpis.get(lang));
        ui.add(egui::TextEdit::singleline(&mut state.filters.search).desired_width(140.0))
            .labelled_by(label.id);
        let persp_name = state
            .filters
            .perspective
            .as_ref()
            .and_then(|x| p.perspective(x))
            .map_or(all.to_string(), |x| x.name.clone());
        let label = ui.label(T::Perspective.get(lang));
        egui::ComboBox::from_id_salt("filter-perspective")
            .selected_text(persp_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.filters.perspective, None, all);
                for x in &p.perspectives {
                    ui.selectable_value(&mut state.filters.perspective, Some(x.id.clone()), x.name.as_str());
                }
            })
            .response
            .labelled_by(label.id);
        let obj_name = state
            .filters
            .objective
            .as_ref()
            .and_then(|x| p.objective(x))
            .map_or(all.to_string(), |x| x.name.clone());
        let label = ui.label(T::Objective.get(lang));
        egui::ComboBox::from_id_salt("filter-objective")
            .selected_text(obj_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.filters.objective, None, all);
                for x in &p.objectives {
                    ui.selectable_value(&mut state.filters.objective, Some(x.id.clone()), x.name.as_str());
                }
            })
            .response
            .labelled_by(label.id);
        let dept_name = state
            .filters
            .department
            .as_ref()
            .and_then(|x| p.department(x))
            .map_or(all.to_string(), |x| x.name.clone());
        let label = ui.label(T::Department.get(lang));
        egui::ComboBox::from_id_salt("filter-department")
            .selected_text(dept_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.filters.department, None, all);
                for x in &p.departments {
                    ui.selectable_value(&mut state.filters.department, Some(x.id.clone()), x.name.as_str());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(T::FilterOwner.get(lang));
        ui.add(egui::TextEdit::singleline(&mut state.filters.owner).desired_width(90.0))
            .labelled_by(label.id);
        let status_name = match &state.filters.status {
            None => all.to_string(),
            Some(s) if s.is_empty() => T::NoStatus.get(lang).to_string(),
            Some(s) => crate::score::status::status_label(s, lang),
        };
        let label = ui.label(T::Status.get(lang));
        egui::ComboBox::from_id_salt("filter-status")
            .selected_text(status_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.filters.status, None, all);
                let mut keys: Vec<String> = p.scoring.status_rules.iter().map(|r| r.status.clone()).collect();
                keys.dedup();
                for k in keys {
                    let l = crate::score::status::status_label(&k, lang);
                    ui.selectable_value(&mut state.filters.status, Some(k), l);
                }
                ui.selectable_value(&mut state.filters.status, Some(String::new()), T::NoStatus.get(lang));
            })
            .response
            .labelled_by(label.id);
    });
}

/// A number cell of a KPI, named after its column and the KPI.
#[allow(clippy::too_many_arguments)]
pub(super) fn number_cell(
    ui: &mut Ui,
    state: &mut KpiViewState,
    lang: Lang,
    k: &Kpi,
    label: &str,
    value: Option<f64>,
    rule: NumberRule,
) -> Option<Option<f64>> {
    let name = format!("{label} {}", k.label());
    crate::ui::widgets::number_cell(ui, &mut state.cells, lang, &name, value, rule, f32::INFINITY)
}

pub(super) fn sort_header(ui: &mut Ui, state: &mut KpiViewState, label: &str, by: SortBy) {
    let arrow = if state.sort == by { if state.descending { " ▼" } else { " ▲" } } else { "" };
    if ui.add(egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false)).clicked() {
        if state.sort == by {
            if state.descending {
                state.sort = SortBy::Document;
                state.descending = false;
            } else {
                state.descending = true;
            }
        } else {
            state.sort = by;
            state.descending = false;
        }
    }
}

/// What a cell of the table needs besides its KPI.
struct Cells<'a> {
    app: &'a AppState,
    state: &'a mut KpiViewState,
    out: &'a mut Vec<AppCommand>,
    lang: Lang,
    selected: Option<KpiId>,
}

/// A column's width: fixed, or resizable from an initial width with a minimum.
#[derive(Clone, Copy)]
enum Width {
    Exact(f32),
    Initial { initial: f32, at_least: f32, clip: bool },
}

impl Width {
    const fn initial(initial: f32) -> Self {
        Width::Initial { initial, at_least: 0.0, clip: false }
    }

    fn column(self) -> Column {
        match self {
            Width::Exact(w) => Column::exact(w),
            Width::Initial { initial, at_least, clip } => {
                Column::initial(initial).at_least(at_least).clip(clip)
            }
        }
    }
}

/// One column of the KPI table: its header, width, what it sorts by, and how it draws a cell.
/// Adding a column is one entry in `COLUMNS`.
struct KpiColumn {
    header: T,
    width: Width,
    sort: SortBy,
    cell: fn(&mut Ui, &mut Cells, usize),
}

const COLUMNS: &[KpiColumn] = &[
    KpiColumn { header: T::Code, width: Width::Exact(56.0), sort: SortBy::Code, cell: code_cell },
    KpiColumn {
        header: T::Name,
        width: Width::Initial { initial: 160.0, at_least: 80.0, clip: true },
        sort: SortBy::Name,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(name) = text_cell(ui, c.lang, k, T::Name, &k.name) {
                upsert_kpi(c.out, Kpi { name, ..k.clone() }, Field::Name);
            }
        },
    },
    // The score next to the name, where it is read without scrolling sideways past a dozen
    // design columns; wide enough for "● 没有实际值" and cut (whole on hover) if narrowed.
    KpiColumn {
        header: T::Score,
        width: Width::Initial { initial: 104.0, at_least: 80.0, clip: true },
        sort: SortBy::Score,
        cell: |ui, c, i| {
            let s = &c.app.scores().kpis[i];
            let colour = s.status.map(|x| colour(x.colour)).unwrap_or(Color32::GRAY);
            let text = match s.score {
                Ok(v) => format!("● {v:.1} %"),
                Err(u) => format!("● {}", u.short(c.lang)),
            };
            ui.add(egui::Label::new(RichText::new(&text).color(colour)).truncate());
        },
    },
    KpiColumn {
        header: T::ColPlace,
        width: Width::Initial { initial: 120.0, at_least: 60.0, clip: true },
        sort: SortBy::Place,
        cell: |ui, c, i| {
            let p = c.app.project();
            ui.label(place(p, &p.kpis[i]));
        },
    },
    KpiColumn {
        header: T::Unit,
        width: Width::initial(48.0),
        sort: SortBy::Unit,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(unit) = text_cell(ui, c.lang, k, T::Unit, &k.unit) {
                upsert_kpi(c.out, Kpi { unit, ..k.clone() }, Field::Unit);
            }
        },
    },
    KpiColumn {
        header: T::Polarity,
        width: Width::initial(84.0),
        sort: SortBy::Polarity,
        cell: polarity_cell,
    },
    KpiColumn {
        header: T::Frequency,
        width: Width::initial(84.0),
        sort: SortBy::Frequency,
        cell: frequency_cell,
    },
    KpiColumn {
        header: T::Baseline,
        width: Width::initial(70.0),
        sort: SortBy::Baseline,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(v) =
                number_cell(ui, c.state, c.lang, k, T::Baseline.get(c.lang), k.baseline, NumberRule::ANY)
            {
                upsert_kpi(c.out, Kpi { baseline: v, ..k.clone() }, Field::Baseline);
            }
        },
    },
    KpiColumn {
        header: T::Target,
        width: Width::initial(70.0),
        sort: SortBy::Target,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(v) =
                number_cell(ui, c.state, c.lang, k, T::Target.get(c.lang), k.target, NumberRule::ANY)
            {
                upsert_kpi(c.out, Kpi { target: v, ..k.clone() }, Field::Target);
            }
        },
    },
    KpiColumn {
        header: T::Weight,
        width: Width::initial(54.0),
        sort: SortBy::Weight,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(Some(v)) = number_cell(
                ui,
                c.state,
                c.lang,
                k,
                T::Weight.get(c.lang),
                Some(k.weight),
                NumberRule::NON_NEGATIVE,
            ) {
                upsert_kpi(c.out, Kpi { weight: v, ..k.clone() }, Field::Weight);
            }
        },
    },
    KpiColumn {
        header: T::Owner,
        width: Width::Initial { initial: 96.0, at_least: 0.0, clip: true },
        sort: SortBy::Owner,
        cell: |ui, c, i| {
            let k = &c.app.project().kpis[i];
            if let Some(owner) = text_cell(ui, c.lang, k, T::Owner, &k.owner) {
                upsert_kpi(c.out, Kpi { owner, ..k.clone() }, Field::Owner);
            }
        },
    },
];

fn code_cell(ui: &mut Ui, c: &mut Cells, i: usize) {
    let k = &c.app.project().kpis[i];
    let code = if k.code.is_empty() { k.id.0.clone() } else { k.code.clone() };
    if ui.selectable_label(c.selected.as_ref() == Some(&k.id), code).clicked() {
        c.out.push(AppCommand::Select(Some(Subject::Kpi(k.id.clone()))));
    }
}

/// A text cell named after its column and KPI (for screen readers and tests); the new text when
/// it changed.
fn text_cell(ui: &mut Ui, lang: Lang, k: &Kpi, column: T, value: &str) -> Option<String> {
    let mut text = value.to_string();
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY));
    let label = format!("{} {}", column.get(lang), k.label());
    crate::ui::widgets::name_text_field(&r, &label, &text);
    (r.changed() && text != value).then_some(text)
}

fn short_polarity(x: Polarity) -> T {
    match x {
        Polarity::HigherIsBetter => T::PolHigherShort,
        Polarity::LowerIsBetter => T::PolLowerShort,
        Polarity::ClosestToTarget => T::PolClosestShort,
    }
}

/// A drop-down cell, named after its column and KPI.
fn combo_cell<V: PartialEq + Copy>(
    ui: &mut Ui,
    lang: Lang,
    k: &Kpi,
    column: T,
    value: V,
    options: &[(V, &str)],
) -> Option<V> {
    let mut v = value;
    let shown = options.iter().find(|(x, _)| *x == v).map_or("", |(_, t)| *t);
    let r = egui::ComboBox::from_id_salt((column.key(), k.id.as_str()))
        .width(76.0)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (x, t) in options {
                ui.selectable_value(&mut v, *x, *t);
            }
        });
    r.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("{} {}", column.get(lang), k.label()))
    });
    (v != value).then_some(v)
}

fn polarity_cell(ui: &mut Ui, c: &mut Cells, i: usize) {
    let k = &c.app.project().kpis[i];
    let options: Vec<(Polarity, &str)> =
        Polarity::ALL.iter().map(|x| (*x, short_polarity(*x).get(c.lang))).collect();
    if let Some(polarity) = combo_cell(ui, c.lang, k, T::Polarity, k.polarity, &options) {
        upsert_kpi(c.out, Kpi { polarity, ..k.clone() }, Field::Polarity);
    }
}

fn frequency_cell(ui: &mut Ui, c: &mut Cells, i: usize) {
    let k = &c.app.project().kpis[i];
    let options: Vec<(Option<Frequency>, &str)> = std::iter::once((None, T::NotSet.get(c.lang)))
        .chain(Frequency::ALL.iter().map(|f| (Some(*f), f.name(c.lang))))
        .collect();
    if let Some(frequency) = combo_cell(ui, c.lang, k, T::Frequency, k.frequency, &options) {
        upsert_kpi(c.out, Kpi { frequency, ..k.clone() }, Field::Frequency);
    }
}

pub(super) fn table_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    filters_ui(ui, app, state);
    let rows: Vec<usize> = state.rows(app).to_vec();
    ui.label(RichText::new(format!("{} / {} {}", rows.len(), p.kpis.len(), T::Shown.get(lang))).weak());
    let selected = match &app.selection {
        Some(Subject::Kpi(id)) => Some(id.clone()),
        _ => None,
    };
    let row_height = ui.spacing().interact_size.y + 4.0;
    let mut cells = Cells { app, state, out, lang, selected };
    // Wider than the central area when the side panels are open: scroll sideways.
    egui::ScrollArea::horizontal().id_salt("kpi-table-h").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("kpi-table")
            .striped(true)
            .resizable(true)
            .cell_layout(Layout::left_to_right(Align::Center));
        for column in COLUMNS {
            table = table.column(column.width.column());
        }
        table
            .header(row_height, |mut h| {
                for column in COLUMNS {
                    h.col(|ui| sort_header(ui, cells.state, column.header.get(lang), column.sort));
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let i = rows[row.index()];
                    row.set_selected(cells.selected.as_ref() == Some(&p.kpis[i].id));
                    for column in COLUMNS {
                        row.col(|ui| (column.cell)(ui, &mut cells, i));
                    }
                });
            });
    });
}
