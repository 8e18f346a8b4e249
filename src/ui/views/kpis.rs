//! The KPI designer: a table of every KPI (filter, sort, edit in place), weights per objective and
//! department (normalise, lock, rebalance, absolute shares), a what-if sandbox, the KPI library,
//! the screening matrix (指标筛选) and the initiatives (改善措施) table.

use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand, Item, ItemKind};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::number::parse_number;
use crate::model::library::{self, LibraryKpi};
use crate::model::lint::{Subject, format_number};
use crate::model::*;
use crate::score::weights;
use crate::score::whatif::{self, Delta, Level};
use crate::ui::fonts::colour;
use crate::ui::widgets::number_text;
use egui::{Align, Color32, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Table,
    Weights,
    WhatIf,
    Library,
    Screening,
    Initiatives,
}

/// A table column that can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortBy {
    #[default]
    Document,
    Code,
    Name,
    Place,
    Unit,
    Polarity,
    Frequency,
    Baseline,
    Target,
    Weight,
    Owner,
    Score,
}

/// A group whose KPI weights are edited together.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Objective(ObjectiveId),
    Department(DepartmentId),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Filters {
    pub perspective: Option<PerspectiveId>,
    pub objective: Option<ObjectiveId>,
    pub department: Option<DepartmentId>,
    pub owner: String,
    /// `Some("")` filters KPIs without a status.
    pub status: Option<String>,
    pub search: String,
}

/// The table's rows and what they were computed for.
type RowCache = ((u64, u64), Filters, SortBy, bool, crate::score::PeriodSpec, Vec<usize>);

#[derive(Default)]
pub struct KpiViewState {
    pub tab: Tab,
    pub filters: Filters,
    pub sort: SortBy,
    pub descending: bool,
    /// Rows in display order, for the document state, filters and sort they were made for.
    order: Option<RowCache>,
    /// Text typed into number cells that is not a valid number yet, by (KPI id, column).
    cell_text: HashMap<(String, &'static str), String>,
    pub group: Option<Group>,
    pub locked: HashSet<KpiId>,
    pub rebalance: bool,
    /// The what-if sandbox: a copy of the project being played with.
    sandbox: Option<Project>,
    sandbox_revision: u64,
    deltas: Option<(u64, (u64, u64), Vec<Delta>)>,
    pub library_query: String,
    pub library_category: Option<String>,
    user_library: Option<Result<Vec<LibraryKpi>, String>>,
}

impl KpiViewState {
    /// Rows (KPI indices) after filters and sort, cached until something changes.
    pub fn rows(&mut self, app: &AppState) -> &[usize] {
        let key = app.doc.content_key();
        let fresh = matches!(&self.order, Some((k, f, s, d, p, _)) if *k == key && *f == self.filters && *s == self.sort && *d == self.descending && *p == app.period);
        if !fresh {
            let rows = compute_rows(app, &self.filters, self.sort, self.descending);
            self.order = Some((key, self.filters.clone(), self.sort, self.descending, app.period, rows));
        }
        self.order.as_ref().map(|o| o.5.as_slice()).unwrap_or(&[])
    }
}

fn place(p: &Project, k: &Kpi) -> String {
    match (&k.objective, &k.department) {
        (Some(o), _) => p.objective(o).map_or(o.0.clone(), |o| o.name.clone()),
        (None, Some(d)) => p.department(d).map_or(d.0.clone(), |d| d.name.clone()),
        _ => String::new(),
    }
}

pub fn compute_rows(app: &AppState, f: &Filters, sort: SortBy, descending: bool) -> Vec<usize> {
    let p = app.project();
    let book = app.scores();
    let search = f.search.trim().to_lowercase();
    let owner = f.owner.trim().to_lowercase();
    let mut rows: Vec<usize> = (0..p.kpis.len())
        .filter(|&i| {
            let k = &p.kpis[i];
            if let Some(persp) = &f.perspective {
                let in_persp = k
                    .objective
                    .as_ref()
                    .and_then(|o| p.objective(o))
                    .is_some_and(|o| &o.perspective == persp);
                if !in_persp {
                    return false;
                }
            }
            if f.objective.is_some() && k.objective != f.objective {
                return false;
            }
            if let Some(d) = &f.department
                && k.department.as_ref() != Some(d)
            {
                return false;
            }
            if !owner.is_empty() && !k.owner.to_lowercase().contains(&owner) {
                return false;
            }
            if let Some(status) = &f.status {
                let key = book.kpis[i].status.map(|s| s.key(p, Some(k)).to_string()).unwrap_or_default();
                if &key != status {
                    return false;
                }
            }
            search.is_empty()
                || k.name.to_lowercase().contains(&search)
                || k.code.to_lowercase().contains(&search)
                || k.formula.to_lowercase().contains(&search)
        })
        .collect();
    let num = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    match sort {
        SortBy::Document => {}
        SortBy::Code => rows.sort_by(|&a, &b| p.kpis[a].code.cmp(&p.kpis[b].code)),
        SortBy::Name => rows.sort_by(|&a, &b| p.kpis[a].name.cmp(&p.kpis[b].name)),
        SortBy::Place => rows.sort_by_cached_key(|&i| place(p, &p.kpis[i])),
        SortBy::Unit => rows.sort_by(|&a, &b| p.kpis[a].unit.cmp(&p.kpis[b].unit)),
        SortBy::Polarity => rows.sort_by_key(|&i| p.kpis[i].polarity as u8),
        SortBy::Frequency => rows.sort_by_key(|&i| p.kpis[i].frequency.map_or(0, |f| f as u8 + 1)),
        SortBy::Baseline => {
            rows.sort_by(|&a, &b| num(p.kpis[a].baseline).total_cmp(&num(p.kpis[b].baseline)))
        }
        SortBy::Target => rows.sort_by(|&a, &b| num(p.kpis[a].target).total_cmp(&num(p.kpis[b].target))),
        SortBy::Weight => rows.sort_by(|&a, &b| p.kpis[a].weight.total_cmp(&p.kpis[b].weight)),
        SortBy::Owner => rows.sort_by(|&a, &b| p.kpis[a].owner.cmp(&p.kpis[b].owner)),
        SortBy::Score => {
            rows.sort_by(|&a, &b| num(book.kpis[a].score.ok()).total_cmp(&num(book.kpis[b].score.ok())))
        }
    }
    if descending {
        rows.reverse();
    }
    rows
}

fn upsert_kpi(out: &mut Vec<AppCommand>, k: Kpi, field: Field) {
    let label = format!("KPI {}", k.label());
    let merge = Some(MergeKey::item(Subject::Kpi(k.id.clone()), field));
    out.push(AppCommand::Doc { command: DocCommand::Upsert(Item::Kpi(Box::new(k))), label, merge });
}

pub fn kpis_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        for (tab, t) in [
            (Tab::Table, T::TabTable),
            (Tab::Weights, T::TabWeights),
            (Tab::WhatIf, T::TabWhatIf),
            (Tab::Library, T::TabLibrary),
            (Tab::Screening, T::TabScreening),
            (Tab::Initiatives, T::TabInitiatives),
        ] {
            if ui.selectable_label(state.tab == tab, t.get(lang)).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.separator();
    match state.tab {
        Tab::Table => table_ui(ui, app, state, out),
        Tab::Weights => weights_ui(ui, app, state, out),
        Tab::WhatIf => whatif_ui(ui, app, state, out),
        Tab::Library => library_ui(ui, app, state, out),
        Tab::Screening => screening_ui(ui, app, out),
        Tab::Initiatives => initiatives_ui(ui, app, out),
    }
}

fn filters_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState) {
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

/// A number cell: shows the value, validates what is typed, emits the new value when valid.
#[allow(clippy::too_many_arguments)]
fn number_cell(
    ui: &mut Ui,
    state: &mut KpiViewState,
    lang: Lang,
    k: &Kpi,
    column: &'static str,
    label: &str,
    value: Option<f64>,
    optional: bool,
) -> Option<Option<f64>> {
    let key = (k.id.0.clone(), column);
    let shown = value.map(number_text).unwrap_or_default();
    let mut text = state.cell_text.get(&key).cloned().unwrap_or_else(|| shown.clone());
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY));
    let name = format!("{label} {}", k.label());
    crate::ui::widgets::name_text_field(&r, &name, &text);
    let parsed = parse_number(&text);
    let invalid = match &parsed {
        Err(e) => Some(e.describe(lang)),
        Ok(None) if !optional => Some(T::InvalidNumber.get(lang).to_string()),
        Ok(Some(v)) if column == "weight" && *v < 0.0 => Some(T::MustBeNonNegative.get(lang).to_string()),
        _ => None,
    };
    if r.has_focus() || r.changed() {
        state.cell_text.insert(key.clone(), text.clone());
    } else {
        state.cell_text.remove(&key);
    }
    if let Some(msg) = &invalid
        && (r.has_focus() || r.changed())
    {
        ui.painter().rect_stroke(
            r.rect,
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Inside,
        );
        r.clone().on_hover_text(msg);
    }
    match parsed {
        Ok(v) if r.changed() && invalid.is_none() && v != value => Some(v),
        _ => None,
    }
}

fn sort_header(ui: &mut Ui, state: &mut KpiViewState, label: &str, by: SortBy) {
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

fn table_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
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
    let short = |x: Polarity| match x {
        Polarity::HigherIsBetter => T::PolHigherShort,
        Polarity::LowerIsBetter => T::PolLowerShort,
        Polarity::ClosestToTarget => T::PolClosestShort,
    };
    let pols: Vec<(Polarity, &str)> = Polarity::ALL.iter().map(|x| (*x, short(*x).get(lang))).collect();
    let freqs: Vec<(Option<Frequency>, &str)> = std::iter::once((None, T::NotSet.get(lang)))
        .chain(Frequency::ALL.iter().map(|f| (Some(*f), f.name(lang))))
        .collect();
    // Wider than the central area when the side panels are open: scroll sideways.
    egui::ScrollArea::horizontal()
        .id_salt("kpi-table-h")
        .show(ui, |ui| kpi_table(ui, app, state, out, &rows, selected, row_height, &pols, &freqs, short));
}

#[allow(clippy::too_many_arguments)]
fn kpi_table(
    ui: &mut Ui,
    app: &AppState,
    state: &mut KpiViewState,
    out: &mut Vec<AppCommand>,
    rows: &[usize],
    selected: Option<KpiId>,
    row_height: f32,
    pols: &[(Polarity, &str)],
    freqs: &[(Option<Frequency>, &str)],
    short: impl Fn(Polarity) -> T,
) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    TableBuilder::new(ui)
        .id_salt("kpi-table")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(56.0))
        .column(Column::initial(160.0).at_least(80.0).clip(true))
        .column(Column::initial(120.0).at_least(60.0).clip(true))
        .column(Column::initial(48.0))
        .column(Column::initial(84.0))
        .column(Column::initial(84.0))
        .column(Column::initial(70.0))
        .column(Column::initial(70.0))
        .column(Column::initial(54.0))
        .column(Column::initial(96.0).clip(true))
        .column(Column::initial(96.0).at_least(80.0))
        .header(row_height, |mut h| {
            for (t, by) in [
                (T::Code, SortBy::Code),
                (T::Name, SortBy::Name),
                (T::ColPlace, SortBy::Place),
                (T::Unit, SortBy::Unit),
                (T::Polarity, SortBy::Polarity),
                (T::Frequency, SortBy::Frequency),
                (T::Baseline, SortBy::Baseline),
                (T::Target, SortBy::Target),
                (T::Weight, SortBy::Weight),
                (T::Owner, SortBy::Owner),
                (T::Score, SortBy::Score),
            ] {
                h.col(|ui| sort_header(ui, state, t.get(lang), by));
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let i = rows[row.index()];
                let k = &p.kpis[i];
                row.set_selected(selected.as_ref() == Some(&k.id));
                row.col(|ui| {
                    let code = if k.code.is_empty() { k.id.0.clone() } else { k.code.clone() };
                    if ui.selectable_label(selected.as_ref() == Some(&k.id), code).clicked() {
                        out.push(AppCommand::Select(Some(Subject::Kpi(k.id.clone()))));
                    }
                });
                row.col(|ui| {
                    let mut name = k.name.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(f32::INFINITY));
                    let label = format!("{} {}", T::Name.get(lang), k.label());
                    crate::ui::widgets::name_text_field(&r, &label, &name);
                    if r.changed() && name != k.name {
                        upsert_kpi(out, Kpi { name, ..k.clone() }, Field::Name);
                    }
                });
                row.col(|ui| {
                    ui.label(place(p, k));
                });
                row.col(|ui| {
                    let mut unit = k.unit.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut unit).desired_width(f32::INFINITY));
                    let label = format!("{} {}", T::Unit.get(lang), k.label());
                    crate::ui::widgets::name_text_field(&r, &label, &unit);
                    if r.changed() && unit != k.unit {
                        upsert_kpi(out, Kpi { unit, ..k.clone() }, Field::Unit);
                    }
                });
                row.col(|ui| {
                    let mut v = k.polarity;
                    let r = egui::ComboBox::from_id_salt(("pol", k.id.as_str()))
                        .width(70.0)
                        .selected_text(short(v).get(lang))
                        .show_ui(ui, |ui| {
                            for (x, t) in pols {
                                ui.selectable_value(&mut v, *x, *t);
                            }
                        });
                    r.response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ComboBox,
                            true,
                            format!("{} {}", T::Polarity.get(lang), k.label()),
                        )
                    });
                    if v != k.polarity {
                        upsert_kpi(out, Kpi { polarity: v, ..k.clone() }, Field::Polarity);
                    }
                });
                row.col(|ui| {
                    let mut v = k.frequency;
                    let shown = v.map_or(T::NotSet.get(lang), |f| f.name(lang));
                    let r = egui::ComboBox::from_id_salt(("freq", k.id.as_str()))
                        .width(80.0)
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (x, t) in freqs {
                                ui.selectable_value(&mut v, *x, *t);
                            }
                        });
                    r.response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ComboBox,
                            true,
                            format!("{} {}", T::Frequency.get(lang), k.label()),
                        )
                    });
                    if v != k.frequency {
                        upsert_kpi(out, Kpi { frequency: v, ..k.clone() }, Field::Frequency);
                    }
                });
                row.col(|ui| {
                    if let Some(v) =
                        number_cell(ui, state, lang, k, "baseline", T::Baseline.get(lang), k.baseline, true)
                    {
                        upsert_kpi(out, Kpi { baseline: v, ..k.clone() }, Field::Baseline);
                    }
                });
                row.col(|ui| {
                    if let Some(v) =
                        number_cell(ui, state, lang, k, "target", T::Target.get(lang), k.target, true)
                    {
                        upsert_kpi(out, Kpi { target: v, ..k.clone() }, Field::Target);
                    }
                });
                row.col(|ui| {
                    if let Some(Some(v)) =
                        number_cell(ui, state, lang, k, "weight", T::Weight.get(lang), Some(k.weight), false)
                    {
                        upsert_kpi(out, Kpi { weight: v, ..k.clone() }, Field::Weight);
                    }
                });
                row.col(|ui| {
                    let mut owner = k.owner.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut owner).desired_width(f32::INFINITY));
                    let label = format!("{} {}", T::Owner.get(lang), k.label());
                    crate::ui::widgets::name_text_field(&r, &label, &owner);
                    if r.changed() && owner != k.owner {
                        upsert_kpi(out, Kpi { owner, ..k.clone() }, Field::Owner);
                    }
                });
                row.col(|ui| {
                    let s = &book.kpis[i];
                    let c = s.status.map(|x| colour(x.colour)).unwrap_or(Color32::GRAY);
                    let text = match s.score {
                        Ok(v) => format!("● {v:.1} %"),
                        Err(u) => format!("● {}", u.short(lang)),
                    };
                    ui.label(RichText::new(text).color(c));
                });
            });
        });
}

fn group_name(p: &Project, g: &Group) -> String {
    match g {
        Group::Objective(o) => p.objective(o).map_or(o.0.clone(), |x| x.name.clone()),
        Group::Department(d) => p.department(d).map_or(d.0.clone(), |x| x.name.clone()),
    }
}

fn group_kpis(p: &Project, g: &Group) -> Vec<usize> {
    (0..p.kpis.len())
        .filter(|&i| match g {
            Group::Objective(o) => p.kpis[i].objective.as_ref() == Some(o),
            Group::Department(d) => p.kpis[i].department.as_ref() == Some(d),
        })
        .collect()
}

/// The group to edit: the one chosen, else the selected item's.
fn current_group(app: &AppState, state: &KpiViewState) -> Option<Group> {
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

fn group_picker(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, current: &Option<Group>) {
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

/// Commands that set new weights for KPIs (by index), as one undo step.
fn set_weights(p: &Project, new: &[(usize, f64)], label: String) -> AppCommand {
    let commands = new
        .iter()
        .filter(|(i, w)| (p.kpis[*i].weight - w).abs() > 1e-12)
        .map(|(i, w)| DocCommand::Upsert(Item::Kpi(Box::new(Kpi { weight: *w, ..p.kpis[*i].clone() }))))
        .collect();
    AppCommand::Doc { command: DocCommand::Batch(commands), label, merge: None }
}

fn weights_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
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
        for t in [T::Kpis, T::Weight, T::Score, T::Lock, T::AbsoluteWeight] {
            ui.label(RichText::new(t.get(lang)).strong());
        }
        ui.label("");
        ui.end_row();
        for (n, &i) in members.iter().enumerate() {
            let k = &p.kpis[i];
            ui.label(k.label());
            if let Some(Some(v)) =
                number_cell(ui, state, lang, k, "weight", T::Weight.get(lang), Some(k.weight), false)
            {
                let new = if state.rebalance {
                    weights::rebalance(&weights, &locked, n, v).ok()
                } else {
                    let mut w = weights.clone();
                    w[n] = v;
                    Some(w)
                };
                if let Some(new) = new {
                    let pairs: Vec<(usize, f64)> = members.iter().copied().zip(new).collect();
                    out.push(set_weights(p, &pairs, label.clone()));
                }
            }
            let share = if total > 0.0 { k.weight / total * 100.0 } else { 0.0 };
            // A bar of the KPI's share.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
            let mut bar = rect;
            bar.set_width(rect.width() * (share as f32 / 100.0).clamp(0.0, 1.0));
            ui.painter().rect_filled(bar, 3.0, ui.visuals().selection.bg_fill);
            ui.painter().text(
                rect.right_center() + egui::vec2(6.0, 0.0),
                egui::Align2::LEFT_CENTER,
                format!("{} %", format_number(share)),
                egui::FontId::proportional(12.0),
                ui.visuals().text_color(),
            );
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

fn whatif_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
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
                        Err(j) => k
                            .series
                            .insert(j, Period { date: period_date, actual: v, target: None, note: None }),
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

fn library_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    if state.user_library.is_none() {
        state.user_library = Some(crate::io::library::load_user_library(&app.config_dir));
    }
    // Where "Add" puts the KPI: the selected objective or department (or a KPI's place).
    let target = current_group(app, state);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::SearchKpis.get(lang));
        ui.add(egui::TextEdit::singleline(&mut state.library_query).desired_width(180.0))
            .labelled_by(label.id);
        let label = ui.label(T::Category.get(lang));
        let shown = state
            .library_category
            .as_deref()
            .map_or(T::FilterAll.get(lang), |c| library::category_name(c, lang));
        egui::ComboBox::from_id_salt("library-category")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.library_category, None, T::FilterAll.get(lang));
                for c in library::CATEGORIES.iter().chain(std::iter::once(&"user")) {
                    ui.selectable_value(
                        &mut state.library_category,
                        Some((*c).to_string()),
                        library::category_name(c, lang),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        match &target {
            Some(g) => ui.label(format!("{}: {}", T::AddTo.get(lang), group_name(p, g))),
            None => ui.label(RichText::new(T::ChooseTarget.get(lang)).color(ui.visuals().warn_fg_color)),
        };
    });
    if let Some(Subject::Kpi(id)) = &app.selection
        && let Some(k) = p.kpi(id)
        && ui.button(T::SaveToLibrary.get(lang)).clicked()
        && let Some(Ok(list)) = &mut state.user_library
    {
        let entry_id =
            format!("user-{}", crate::model::ids::next_number("user", list.iter().map(|e| e.id.as_str())));
        list.push(LibraryKpi::from_kpi(k, entry_id));
        let result = crate::io::library::save_user_library(&app.config_dir, list);
        out.push(AppCommand::Toast(
            match &result {
                Ok(()) => crate::i18n::Message::text(T::SavedToLibrary),
                Err(e) => crate::i18n::Message::verbatim(e.clone()),
            },
            result.is_err(),
        ));
    }
    if let Some(Err(e)) = &state.user_library {
        ui.label(
            RichText::new(format!("{}: {e}", T::MyLibraryError.get(lang))).color(ui.visuals().error_fg_color),
        );
    }
    let user: Vec<LibraryKpi> = match &state.user_library {
        Some(Ok(v)) => v.clone(),
        _ => Vec::new(),
    };
    let entries: Vec<&LibraryKpi> = library::builtin()
        .iter()
        .chain(user.iter())
        .filter(|e| state.library_category.as_ref().is_none_or(|c| &e.category == c))
        .filter(|e| e.matches(&state.library_query))
        .collect();
    if entries.is_empty() {
        ui.label(RichText::new(T::LibraryEmpty.get(lang)).weak());
    }
    let row_height = 44.0;
    TableBuilder::new(ui)
        .id_salt("library-table")
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(70.0))
        .column(Column::initial(200.0).clip(true))
        .column(Column::initial(330.0).clip(true))
        .column(Column::initial(60.0))
        .column(Column::initial(110.0))
        .column(Column::remainder())
        .header(24.0, |mut h| {
            for t in [T::ActAddKpi, T::Name, T::Formula, T::Unit, T::Polarity, T::Category] {
                h.col(|ui| {
                    ui.label(RichText::new(t.get(lang)).strong());
                });
            }
        })
        .body(|body| {
            body.rows(row_height, entries.len(), |mut row| {
                let e = entries[row.index()];
                row.col(|ui| {
                    let label = format!("{} {}", T::AddFromLibrary.get(lang), e.name.get(lang));
                    let r = ui.add_enabled(target.is_some(), egui::Button::new(T::AddFromLibrary.get(lang)));
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, target.is_some(), &label));
                    if r.clicked()
                        && let Some(g) = &target
                    {
                        let id = p.next_kpi_id();
                        let mut k = e.to_kpi(id.clone(), lang);
                        let (objective, department) = match g {
                            Group::Objective(o) => (Some(o.clone()), None),
                            Group::Department(d) => (None, Some(d.clone())),
                        };
                        let used: f64 = group_kpis(p, g).iter().map(|&i| p.kpis[i].weight).sum();
                        k.weight = (100.0 - used).max(0.0);
                        k.objective = objective;
                        k.department = department;
                        out.push(AppCommand::Doc {
                            command: DocCommand::Upsert(Item::Kpi(Box::new(k))),
                            label: format!("{} {}", T::ActAddKpi.get(lang), e.name.get(lang)),
                            merge: None,
                        });
                        out.push(AppCommand::Select(Some(Subject::Kpi(id))));
                    }
                });
                row.col(|ui| {
                    ui.label(RichText::new(e.name.get(lang)).strong()).on_hover_text(e.meaning.get(lang));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(RichText::new(e.formula.get(lang)).small()).wrap());
                });
                row.col(|ui| {
                    ui.label(&e.unit);
                });
                row.col(|ui| {
                    ui.label(e.polarity.name(lang));
                });
                row.col(|ui| {
                    ui.label(library::category_name(&e.category, lang));
                });
            });
        });
}

fn set_screening(out: &mut Vec<AppCommand>, s: Screening, lang: Lang, field: Field) {
    out.push(AppCommand::Doc {
        command: DocCommand::SetScreening(Box::new(s)),
        label: T::TabScreening.get(lang).into(),
        merge: Some(MergeKey::new(MergeTarget::Screening, field)),
    });
}

fn screening_ui(ui: &mut Ui, app: &AppState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let s = &p.screening;
    if s.criteria.is_empty() {
        if ui.button(T::StartScreening.get(lang)).clicked() {
            set_screening(
                out,
                Screening { criteria: Screening::default_criteria(lang), candidates: s.candidates.clone() },
                lang,
                Field::Start,
            );
        }
        return;
    }
    ui.label(RichText::new(T::ScreeningHint.get(lang)).weak());
    ui.label(RichText::new(T::Criteria.get(lang)).strong());
    egui::Grid::new("criteria").num_columns(3).spacing([10.0, 4.0]).show(ui, |ui| {
        for (ci, c) in s.criteria.iter().enumerate() {
            let mut name = c.name.clone();
            let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(220.0));
            let label = format!("{} {}", T::Criteria.get(lang), ci + 1);
            crate::ui::widgets::name_text_field(&r, &label, &name);
            if r.changed() {
                let mut new = s.clone();
                new.criteria[ci].name = name;
                set_screening(out, new, lang, Field::CriterionName(ci));
            }
            let mut w = c.weight as f32;
            if ui
                .add(egui::DragValue::new(&mut w).range(0.0..=100.0).suffix(" %"))
                .on_hover_text(T::Weight.get(lang))
                .changed()
            {
                let mut new = s.clone();
                new.criteria[ci].weight = w as f64;
                set_screening(out, new, lang, Field::CriterionWeight(ci));
            }
            if ui.small_button(T::RemoveRow.get(lang)).clicked() && s.criteria.len() > 1 {
                let mut new = s.clone();
                new.criteria.remove(ci);
                for cand in new.candidates.iter_mut() {
                    if ci < cand.ratings.len() {
                        cand.ratings.remove(ci);
                    }
                }
                set_screening(out, new, lang, Field::RemoveCriterion);
            }
            ui.end_row();
        }
    });
    if ui.button(T::AddCriterion.get(lang)).clicked() {
        let mut new = s.clone();
        new.criteria.push(Criterion { name: T::NewCriterionName.get(lang).into(), weight: 10.0 });
        set_screening(out, new, lang, Field::AddCriterion);
    }
    ui.separator();
    ui.label(RichText::new(T::Candidates.get(lang)).strong());
    let target: Option<ObjectiveId> = match &app.selection {
        Some(Subject::Objective(o)) => Some(o.clone()),
        Some(Subject::Kpi(k)) => p.kpi(k).and_then(|k| k.objective.clone()),
        _ => None,
    };
    let ranking = s.ranking();
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("candidates")
            .num_columns(s.criteria.len() + 5)
            .striped(true)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new(T::Rank.get(lang)).strong());
                ui.label(RichText::new(T::Name.get(lang)).strong());
                for c in &s.criteria {
                    ui.label(RichText::new(format!("{} ({} %)", c.name, format_number(c.weight))).strong());
                }
                ui.label(RichText::new(T::TotalScore.get(lang)).strong());
                ui.label("");
                ui.label("");
                ui.end_row();
                for (rank, &ci) in ranking.iter().enumerate() {
                    let cand = &s.candidates[ci];
                    ui.label(format!("{}", rank + 1));
                    let mut name = cand.name.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(180.0));
                    let label = format!("{} {}", T::Candidates.get(lang), cand.id);
                    crate::ui::widgets::name_text_field(&r, &label, &name);
                    if r.changed() {
                        let mut new = s.clone();
                        new.candidates[ci].name = name;
                        set_screening(out, new, lang, Field::CandidateName(ci));
                    }
                    for (k, c) in s.criteria.iter().enumerate() {
                        let mut v = cand.ratings.get(k).copied().unwrap_or(0.0) as f32;
                        let label = format!("{} · {}", cand.name, c.name);
                        if ui
                            .add(
                                egui::DragValue::new(&mut v)
                                    .range(0.0..=screening::MAX_RATING as f32)
                                    .speed(0.1)
                                    .max_decimals(1),
                            )
                            .on_hover_text(&label)
                            .changed()
                        {
                            let mut new = s.clone();
                            let ratings = &mut new.candidates[ci].ratings;
                            ratings.resize(new.criteria.len(), 0.0);
                            ratings[k] = v as f64;
                            set_screening(out, new, lang, Field::Rating(ci, k));
                        }
                    }
                    ui.label(s.total(cand).map_or("—".to_string(), |t| format!("{t:.1}")));
                    match cand.promoted.as_ref().filter(|k| p.kpi(k).is_some()) {
                        Some(k) => {
                            if ui.link(T::Promoted.get(lang)).clicked() {
                                out.push(AppCommand::Select(Some(Subject::Kpi(k.clone()))));
                            }
                        }
                        None => {
                            let label = format!("{} {}", T::Promote.get(lang), cand.name);
                            let r = ui
                                .add_enabled(target.is_some(), egui::Button::new(T::Promote.get(lang)))
                                .on_disabled_hover_text(T::ChooseTarget.get(lang));
                            r.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, target.is_some(), &label)
                            });
                            if r.clicked()
                                && let Some(objective) = &target
                            {
                                let id = p.next_kpi_id();
                                let mut k = Kpi::new(id.clone(), cand.name.as_str());
                                k.formula = cand.formula.clone();
                                k.unit = cand.unit.clone();
                                k.objective = Some(objective.clone());
                                let used: f64 = p.kpis_of_objective(objective).map(|x| x.weight).sum();
                                k.weight = (100.0 - used).max(0.0);
                                let mut new = s.clone();
                                new.candidates[ci].promoted = Some(id.clone());
                                out.push(AppCommand::Doc {
                                    command: DocCommand::Batch(vec![
                                        DocCommand::Upsert(Item::Kpi(Box::new(k))),
                                        DocCommand::SetScreening(Box::new(new)),
                                    ]),
                                    label: format!("{} {}", T::Promote.get(lang), cand.name),
                                    merge: None,
                                });
                            }
                        }
                    }
                    if ui.small_button(T::RemoveRow.get(lang)).clicked() {
                        let mut new = s.clone();
                        new.candidates.remove(ci);
                        set_screening(out, new, lang, Field::RemoveCandidate);
                    }
                    ui.end_row();
                }
            });
        if ui.button(T::AddCandidate.get(lang)).clicked() {
            let mut new = s.clone();
            new.candidates.push(Candidate {
                id: s.next_id(),
                name: T::NewCandidateName.get(lang).into(),
                formula: String::new(),
                unit: String::new(),
                ratings: vec![0.0; s.criteria.len()],
                promoted: None,
            });
            set_screening(out, new, lang, Field::AddCandidate);
        }
    });
}

fn initiatives_ui(ui: &mut Ui, app: &AppState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let set = |out: &mut Vec<AppCommand>, v: Initiative, field: Field| {
        let merge = Some(MergeKey::item(Subject::Initiative(v.id.clone()), field));
        out.push(AppCommand::Doc {
            command: DocCommand::Upsert(Item::Initiative(v)),
            label: T::Initiatives.get(lang).into(),
            merge,
        });
    };
    if ui.button(format!("+ {}", T::ActAddInitiative.get(lang))).clicked() {
        let id = p.next_initiative_id();
        let mut init = Initiative::new(id.clone(), T::NewInitiativeName.get(lang));
        if let Some(Subject::Objective(o)) = &app.selection {
            init.objectives.push(o.clone());
        }
        out.push(AppCommand::Doc {
            command: DocCommand::Upsert(Item::Initiative(init)),
            label: T::ActAddInitiative.get(lang).into(),
            merge: None,
        });
        out.push(AppCommand::Select(Some(Subject::Initiative(id))));
    }
    let text_cell = |ui: &mut Ui,
                     out: &mut Vec<AppCommand>,
                     init: &Initiative,
                     value: &str,
                     t: T,
                     field: Field,
                     apply: &dyn Fn(&mut Initiative, String)| {
        let mut v = value.to_string();
        let r = ui.add(egui::TextEdit::multiline(&mut v).desired_rows(2).desired_width(f32::INFINITY));
        let label = format!("{} {}", t.get(lang), init.name);
        crate::ui::widgets::name_text_field(&r, &label, &v);
        if r.changed() && v != value {
            let mut new = init.clone();
            apply(&mut new, v);
            set(out, new, field);
        }
    };
    TableBuilder::new(ui)
        .id_salt("initiatives-table")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(190.0).clip(true))
        .column(Column::initial(170.0).clip(true))
        .column(Column::initial(100.0).clip(true))
        .column(Column::initial(160.0).clip(true))
        .column(Column::initial(110.0))
        .column(Column::initial(70.0))
        .column(Column::remainder())
        .header(24.0, |mut h| {
            for t in [
                T::Name,
                T::Problem,
                T::Direction,
                T::Responsible,
                T::Tools,
                T::InitStatus,
                T::Progress,
                T::Objectives,
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t.get(lang)).strong());
                });
            }
        })
        .body(|body| {
            body.rows(52.0, p.initiatives.len(), |mut row| {
                let init = &p.initiatives[row.index()];
                row.col(|ui| text_cell(ui, out, init, &init.name, T::Name, Field::Name, &|x, v| x.name = v));
                row.col(|ui| {
                    text_cell(ui, out, init, &init.problem, T::Problem, Field::Problem, &|x, v| x.problem = v)
                });
                row.col(|ui| {
                    text_cell(ui, out, init, &init.direction, T::Direction, Field::Direction, &|x, v| {
                        x.direction = v
                    })
                });
                row.col(|ui| {
                    text_cell(ui, out, init, &init.owner, T::Responsible, Field::Owner, &|x, v| x.owner = v)
                });
                row.col(|ui| {
                    text_cell(ui, out, init, &init.tools, T::Tools, Field::Tools, &|x, v| x.tools = v)
                });
                row.col(|ui| {
                    let mut st = init.status;
                    let r = egui::ComboBox::from_id_salt(("init-status", init.id.as_str()))
                        .selected_text(st.name(lang))
                        .show_ui(ui, |ui| {
                            for x in InitiativeStatus::ALL {
                                ui.selectable_value(&mut st, x, x.name(lang));
                            }
                        });
                    r.response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ComboBox,
                            true,
                            format!("{} {}", T::InitStatus.get(lang), init.name),
                        )
                    });
                    if st != init.status {
                        set(out, Initiative { status: st, ..init.clone() }, Field::Status);
                    }
                });
                row.col(|ui| {
                    let mut v = init.progress as f32;
                    if ui
                        .add(egui::DragValue::new(&mut v).range(0.0..=100.0).suffix(" %"))
                        .on_hover_text(T::Progress.get(lang))
                        .changed()
                    {
                        set(out, Initiative { progress: v as f64, ..init.clone() }, Field::Progress);
                    }
                });
                row.col(|ui| {
                    let names: Vec<String> = init
                        .objectives
                        .iter()
                        .filter_map(|o| p.objective(o))
                        .map(|o| o.name.clone())
                        .collect();
                    if ui.link(if names.is_empty() { "—".to_string() } else { names.join("、") }).clicked()
                    {
                        out.push(AppCommand::Select(Some(Subject::Initiative(init.id.clone()))));
                    }
                });
            });
        });
    let _ = ItemKind::Initiative;
}
