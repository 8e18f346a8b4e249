//! The cascade view (公司KPI → 部门KPI → 员工KPI → 绩效合同): the organisation tree on the left;
//! on the right the responsibility matrix (指标分解矩阵), target decomposition with splits, the
//! department scorecard, the performance contract, and the cascade tree picture.

use crate::app::{AppCommand, AppState, DocCommand};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::contract::with_unit;
use crate::io::export::ContractScope;
use crate::model::lint::{Subject, format_number};
use crate::model::*;
use crate::score::NodeScore;
use crate::score::cascade::{CascadeMode, Matrix, company_shares, grade};
use crate::ui::fonts::colour;
use crate::ui::widgets::NumberRule;
use egui::{Color32, Ui};
use std::collections::{HashMap, HashSet};

mod contract_tab;
mod decompose_tab;
mod matrix_tab;
mod org_tree;
mod scorecard_tab;
mod tree_tab;
use contract_tab::*;
use decompose_tab::*;
use matrix_tab::*;
use org_tree::*;
use scorecard_tab::*;
use tree_tab::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Matrix,
    Decompose,
    Scorecard,
    Contract,
    Tree,
}

#[derive(Default)]
pub struct CascadeViewState {
    pub tab: Tab,
    /// The department or role the scorecard and contract tabs show.
    pub unit: Option<DepartmentId>,
    /// The company KPI the decomposition tab works on.
    pub parent_kpi: Option<KpiId>,
    /// Departments ticked to take on the parent KPI.
    pub targets: HashSet<DepartmentId>,
    pub mode: Option<CascadeMode>,
    /// Text typed into matrix cells, by (row key, department id), until it is committed.
    cell_text: HashMap<(String, String), String>,
    /// Text typed into number fields that is not a valid number yet.
    fields: crate::ui::widgets::FieldBuffers,
    /// The department being renamed in the tree, with the text typed so far.
    renaming: Option<(DepartmentId, String)>,
    /// Why the last split could not be made.
    split_error: Option<String>,
    matrix: Option<((u64, u64), std::sync::Arc<Matrix>)>,
    shares: Option<((u64, u64), Vec<f64>)>,
    /// Each company KPI's decomposition balance (`None` without children), by KPI index, for the
    /// document state: a matrix row asks every frame, and finding children scans every KPI.
    balances: Option<((u64, u64), BalanceCache)>,
}

/// Decomposition balances by KPI index (`None`: nothing decomposes it).
type BalanceCache = HashMap<usize, Option<crate::score::cascade::Balance>>;

impl CascadeViewState {
    /// The matrix for the document as it is (shared: the view reads it while it edits the
    /// rest of this state).
    fn matrix(&mut self, app: &AppState) -> std::sync::Arc<Matrix> {
        let key = app.doc.content_key();
        if self.matrix.as_ref().is_none_or(|(k, _)| *k != key) {
            self.matrix = Some((key, std::sync::Arc::new(Matrix::build(app.project()))));
        }
        self.matrix.as_ref().expect("just built").1.clone()
    }

    /// A KPI's decomposition balance, `None` when nothing decomposes it.
    fn balance(&mut self, app: &AppState, k: usize) -> Option<crate::score::cascade::Balance> {
        let key = app.doc.content_key();
        if self.balances.as_ref().is_none_or(|(x, _)| *x != key) {
            self.balances = Some((key, HashMap::new()));
        }
        let (_, cache) = self.balances.as_mut().expect("just made");
        *cache.entry(k).or_insert_with(|| {
            let d = crate::score::cascade::decomposition(app.project(), k);
            (!d.children.is_empty()).then_some(d.balance)
        })
    }

    fn shares(&mut self, app: &AppState) -> &[f64] {
        let key = app.doc.content_key();
        if self.shares.as_ref().is_none_or(|(k, _)| *k != key) {
            self.shares = Some((key, company_shares(app.project())));
        }
        &self.shares.as_ref().expect("just built").1
    }
}

fn doc(out: &mut Vec<AppCommand>, command: DocCommand, label: String) {
    out.push(AppCommand::Doc { command, label, merge: None });
}

fn status_colour(s: &NodeScore) -> Option<Color32> {
    s.status.map(|st| colour(st.colour))
}

fn score_label(score: Result<f64, crate::score::Undefined>) -> String {
    match score {
        Ok(s) => format!("{} %", format_number((s * 10.0).round() / 10.0)),
        Err(_) => "—".into(),
    }
}

/// Draws one tab.
type TabUi = fn(&mut Ui, &AppState, &mut CascadeViewState, &mut Vec<AppCommand>);

/// The tabs, in order, each with its title and the function that draws it (one file each).
const TABS: &[(Tab, T, TabUi)] = &[
    (Tab::Matrix, T::TabMatrix, matrix_ui),
    (Tab::Decompose, T::TabDecompose, decompose_ui),
    (Tab::Scorecard, T::TabDeptScorecard, scorecard_ui),
    (Tab::Contract, T::TabContract, contract_ui),
    (Tab::Tree, T::TabCascadeTree, tree_picture_ui),
];

/// Every tab, in order (tests open each).
pub fn tabs() -> impl Iterator<Item = Tab> {
    TABS.iter().map(|(tab, _, _)| *tab)
}

pub fn cascade_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    // Follow the selection: a department, or the department of a selected KPI.
    match &app.selection {
        Some(Subject::Department(d)) if p.department(d).is_some() => state.unit = Some(d.clone()),
        Some(Subject::Kpi(k)) => {
            if let Some(kpi) = p.kpi(k) {
                if let Some(d) = &kpi.department {
                    state.unit = Some(d.clone());
                } else if kpi.objective.is_some() {
                    state.parent_kpi = Some(kpi.id.clone());
                }
            }
        }
        _ => {}
    }
    if state.unit.as_ref().is_some_and(|d| p.department(d).is_none()) {
        state.unit = None;
    }
    if state.unit.is_none() {
        state.unit = crate::io::contract::contract_units(p).first().map(|&d| p.departments[d].id.clone());
    }

    egui::Panel::left("cascade-org-tree")
        .resizable(true)
        .default_size(200.0)
        .show(ui, |ui| org_tree_ui(ui, app, state, out));

    ui.horizontal_wrapped(|ui| {
        for (tab, title, _) in TABS {
            if ui.selectable_label(state.tab == *tab, title.get(lang)).clicked() {
                state.tab = *tab;
            }
        }
    });
    ui.separator();
    if p.departments.is_empty() {
        ui.label(T::NoDepartments.get(lang));
        if ui.button(T::AddUnitRoot.get(lang)).clicked() {
            add_unit(app, None, DepartmentKind::Company, out);
        }
        return;
    }
    if let Some((_, _, draw)) = TABS.iter().find(|(tab, _, _)| *tab == state.tab) {
        draw(ui, app, state, out);
    }
}

/// A number field in a row, named `label`, that validates as the user types and returns the
/// new value when valid.
fn number_edit(
    ui: &mut Ui,
    state: &mut CascadeViewState,
    lang: Lang,
    label: &str,
    value: Option<f64>,
) -> Option<Option<f64>> {
    crate::ui::widgets::number_cell(ui, &mut state.fields, lang, label, value, NumberRule::ANY, 96.0)
}

fn unit_index(p: &Project, state: &CascadeViewState) -> Option<usize> {
    state.unit.as_ref().and_then(|d| p.departments.iter().position(|x| &x.id == d))
}

fn grade_of(p: &Project, node: Option<NodeScore>) -> String {
    match node.map(|n| n.score) {
        Some(Ok(s)) => grade(s, &p.scoring.grades).map(|g| g.grade.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Which contracts the export action writes: the one shown, or every one.
pub fn contract_scope(app: &AppState, state: &CascadeViewState) -> ContractScope {
    let p = app.project();
    let all = crate::io::contract::contract_units(p);
    match unit_index(p, state) {
        Some(d)
            if app.view == crate::app::View::Cascade && state.tab == Tab::Contract && all.contains(&d) =>
        {
            ContractScope::Only(vec![p.departments[d].id.clone()])
        }
        _ => ContractScope::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_layout_centres_parents_over_children() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/retail-chain.json")).unwrap();
        let p = crate::io::parse_project(&bytes).unwrap().project;
        let (pos, size) = tree_layout(&p);
        let by = |name: &str| p.departments.iter().position(|d| d.name == name).unwrap();
        let (root, east, shanghai) = (by("优品服饰"), by("华东区"), by("上海南京路店"));
        assert_eq!(pos[root].x, 0.0);
        assert!(pos[east].x > pos[root].x && pos[shanghai].x > pos[east].x);
        // A parent sits level with the middle of its children.
        let kids: Vec<usize> = (0..p.departments.len())
            .filter(|&d| p.departments[d].parent.as_ref() == Some(&p.departments[east].id))
            .collect();
        let mid = (pos[kids[0]].y + pos[*kids.last().unwrap()].y) / 2.0;
        assert_eq!(pos[east].y, mid);
        // No two nodes overlap.
        for a in 0..pos.len() {
            for b in a + 1..pos.len() {
                let ra = egui::Rect::from_min_size(pos[a], NODE);
                let rb = egui::Rect::from_min_size(pos[b], NODE);
                assert!(!ra.intersects(rb), "{a} and {b} overlap");
            }
        }
        assert!(size.x >= NODE.x && size.y >= NODE.y);
    }
}
