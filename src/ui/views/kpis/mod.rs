//! The KPI designer: a table of every KPI (filter, sort, edit in place), weights per objective and
//! department (normalise, lock, rebalance, absolute shares), a what-if sandbox, the KPI library,
//! the screening matrix (指标筛选) and the initiatives (改善措施) table.

use crate::app::history::{Field, MergeKey};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::model::library::LibraryKpi;
use crate::model::lint::Subject;
use crate::model::*;
use crate::score::whatif::Delta;
use egui::Ui;
use std::collections::HashSet;

mod initiatives_tab;
mod library_tab;
mod screening_tab;
mod table_tab;
mod weights_tab;
mod whatif_tab;
use initiatives_tab::*;
use library_tab::*;
use screening_tab::*;
use table_tab::*;
use weights_tab::*;
use whatif_tab::*;

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
    /// Text typed into number cells that is not a valid number yet.
    cells: crate::ui::widgets::FieldBuffers,
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

/// Draws one tab.
type TabUi = fn(&mut Ui, &AppState, &mut KpiViewState, &mut Vec<AppCommand>);

/// The tabs, in order, each with its title and the function that draws it (one file each).
const TABS: &[(Tab, T, TabUi)] = &[
    (Tab::Table, T::TabTable, table_ui),
    (Tab::Weights, T::TabWeights, weights_ui),
    (Tab::WhatIf, T::TabWhatIf, whatif_ui),
    (Tab::Library, T::TabLibrary, library_ui),
    (Tab::Screening, T::TabScreening, screening_ui),
    (Tab::Initiatives, T::TabInitiatives, initiatives_ui),
];

/// Every tab, in order (tests open each).
pub fn tabs() -> impl Iterator<Item = Tab> {
    TABS.iter().map(|(tab, _, _)| *tab)
}

pub fn kpis_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        for (tab, title, _) in TABS {
            if ui.selectable_label(state.tab == *tab, title.get(lang)).clicked() {
                state.tab = *tab;
            }
        }
    });
    ui.separator();
    if let Some((_, _, draw)) = TABS.iter().find(|(tab, _, _)| *tab == state.tab) {
        draw(ui, app, state, out);
    }
}
