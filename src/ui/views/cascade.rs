//! The cascade view (公司KPI → 部门KPI → 员工KPI → 绩效合同): the organisation tree on the left;
//! on the right the responsibility matrix (指标分解矩阵), target decomposition with splits, the
//! department scorecard, the performance contract, and the cascade tree picture.

use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::export::{ContractScope, ExportKind};
use crate::io::number::parse_number;
use crate::model::lint::{Subject, format_number};
use crate::model::*;
use crate::score::cascade::{
    self, Balance, CascadeMode, Matrix, MatrixRow, SplitRule, company_shares, decomposition, grade,
    is_hundred,
};
use crate::score::{NodeScore, ScoreBook};
use crate::ui::fonts::colour;
use crate::ui::widgets::{name_text_field, number_text};
use egui::{Align, Color32, Layout, RichText, Sense, Ui, Vec2};
use egui_extras::{Column, TableBuilder};
use std::collections::{HashMap, HashSet};

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
    field_text: HashMap<String, String>,
    /// The department being renamed in the tree, with the text typed so far.
    renaming: Option<(DepartmentId, String)>,
    /// Why the last split could not be made.
    split_error: Option<String>,
    matrix: Option<((u64, u64), Matrix)>,
    shares: Option<((u64, u64), Vec<f64>)>,
}

impl CascadeViewState {
    fn matrix(&mut self, app: &AppState) -> &Matrix {
        let key = app.doc.content_key();
        if self.matrix.as_ref().is_none_or(|(k, _)| *k != key) {
            self.matrix = Some((key, Matrix::build(app.project())));
        }
        &self.matrix.as_ref().expect("just built").1
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

fn with_unit(v: f64, unit: &str) -> String {
    let n = format_number(v);
    match unit {
        "" => n,
        "%" => format!("{n}%"),
        u => format!("{n} {u}"),
    }
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
        for (tab, t) in [
            (Tab::Matrix, T::TabMatrix),
            (Tab::Decompose, T::TabDecompose),
            (Tab::Scorecard, T::TabDeptScorecard),
            (Tab::Contract, T::TabContract),
            (Tab::Tree, T::TabCascadeTree),
        ] {
            if ui.selectable_label(state.tab == tab, t.get(lang)).clicked() {
                state.tab = tab;
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
    match state.tab {
        Tab::Matrix => matrix_ui(ui, app, state, out),
        Tab::Decompose => decompose_ui(ui, app, state, out),
        Tab::Scorecard => scorecard_ui(ui, app, state, out),
        Tab::Contract => contract_ui(ui, app, state, out),
        Tab::Tree => tree_picture_ui(ui, app, state, out),
    }
}

// ---------------------------------------------------------------------------------------------
// The organisation tree
// ---------------------------------------------------------------------------------------------

fn add_unit(app: &AppState, parent: Option<DepartmentId>, kind: DepartmentKind, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let id = p.next_department_id();
    let name = if kind == DepartmentKind::Role { T::NewRoleName } else { T::NewDepartmentName };
    let mut d = Department::new(id.clone(), name.get(lang), parent);
    d.kind = kind;
    doc(out, DocCommand::Upsert(Item::Department(d)), T::ActAddDepartment.get(lang).into());
    out.push(AppCommand::Select(Some(Subject::Department(id))));
}

/// The kind a new sub-unit of `parent` gets.
fn child_kind(parent: Option<&Department>) -> DepartmentKind {
    match parent.map(|d| d.kind) {
        None => DepartmentKind::Company,
        Some(DepartmentKind::Company | DepartmentKind::Division) => DepartmentKind::Department,
        Some(_) => DepartmentKind::Team,
    }
}

fn org_tree_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    ui.add_space(4.0);
    ui.label(RichText::new(T::OrgTree.get(lang)).strong());
    let selected = state.unit.as_ref().and_then(|d| p.departments.iter().position(|x| &x.id == d));
    let sel = selected.map(|i| &p.departments[i]);
    // Toolbar: add a sub-unit or a role under the selection (a role gets a sibling instead).
    let under = match sel {
        Some(d) if d.kind == DepartmentKind::Role => d.parent.clone(),
        Some(d) => Some(d.id.clone()),
        None => p.departments.iter().find(|d| d.parent.is_none()).map(|d| d.id.clone()),
    };
    let parent_dept = under.as_ref().and_then(|d| p.department(d));
    ui.horizontal_wrapped(|ui| {
        if ui.button(T::AddSubUnit.get(lang)).on_hover_text(T::AddSubUnitHint.get(lang)).clicked() {
            add_unit(app, under.clone(), child_kind(parent_dept), out);
        }
        if ui.button(T::AddRole.get(lang)).clicked() {
            add_unit(app, under.clone(), DepartmentKind::Role, out);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let Some(i) = selected else { return };
        let d = &p.departments[i];
        let siblings: Vec<usize> =
            (0..p.departments.len()).filter(|&j| p.departments[j].parent == d.parent).collect();
        let at = siblings.iter().position(|&j| j == i).unwrap_or(0);
        let label = format!("{} {}", T::Department.get(lang), d.name);
        if ui.add_enabled(at > 0, egui::Button::new(T::MoveUp.get(lang))).clicked() {
            let to = siblings[at - 1];
            doc(out, DocCommand::Move { subject: Subject::Department(d.id.clone()), to }, label.clone());
        }
        if ui.add_enabled(at + 1 < siblings.len(), egui::Button::new(T::MoveDown.get(lang))).clicked() {
            let to = siblings[at + 1];
            doc(out, DocCommand::Move { subject: Subject::Department(d.id.clone()), to }, label.clone());
        }
        let grandparent = d.parent.as_ref().and_then(|x| p.department(x)).map(|x| x.parent.clone());
        if ui
            .add_enabled(matches!(grandparent, Some(Some(_))), egui::Button::new(T::Outdent.get(lang)))
            .on_hover_text(T::OutdentHint.get(lang))
            .clicked()
            && let Some(Some(g)) = grandparent
        {
            let moved = Department { parent: Some(g), ..d.clone() };
            doc(out, DocCommand::Upsert(Item::Department(moved)), label.clone());
        }
        let previous = (at > 0).then(|| &p.departments[siblings[at - 1]]);
        let can_indent = previous.is_some_and(|x| x.kind != DepartmentKind::Role);
        if ui
            .add_enabled(can_indent, egui::Button::new(T::Indent.get(lang)))
            .on_hover_text(T::IndentHint.get(lang))
            .clicked()
            && let Some(prev) = previous
        {
            let moved = Department { parent: Some(prev.id.clone()), ..d.clone() };
            doc(out, DocCommand::Upsert(Item::Department(moved)), label.clone());
        }
        if ui.button(T::Rename.get(lang)).clicked() {
            state.renaming = Some((d.id.clone(), d.name.clone()));
        }
        if ui.button(T::ActDelete.get(lang)).clicked() {
            let n = p.kpis_of_department(&d.id).count();
            doc(out, DocCommand::Delete(Subject::Department(d.id.clone())), label.clone());
            out.push(AppCommand::Toast(
                crate::i18n::Message::new(|lang| crate::tr!(lang, DeletedDepartment, name = d.name, n = n)),
                false,
            ));
        }
    });
    ui.separator();
    let depths = cascade::depths(p);
    egui::ScrollArea::vertical().id_salt("org-tree-scroll").show(ui, |ui| {
        for d in cascade::tree_order(p) {
            let dept = &p.departments[d];
            ui.horizontal(|ui| {
                ui.add_space(depths[d] as f32 * 16.0);
                let renaming = state.renaming.as_ref().is_some_and(|(id, _)| id == &dept.id);
                if renaming {
                    let (_, text) = state.renaming.as_mut().expect("renaming");
                    let r = ui.add(egui::TextEdit::singleline(text).desired_width(150.0));
                    name_text_field(&r, &format!("{} {}", T::Rename.get(lang), dept.name), text);
                    if !r.has_focus() && !r.lost_focus() {
                        r.request_focus();
                    }
                    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        state.renaming = None;
                    } else if r.lost_focus() {
                        let name = text.trim().to_string();
                        if !name.is_empty() && name != dept.name {
                            let renamed = Department { name, ..dept.clone() };
                            doc(
                                out,
                                DocCommand::Upsert(Item::Department(renamed)),
                                format!("{} {}", T::Department.get(lang), dept.name),
                            );
                        }
                        state.renaming = None;
                    }
                } else {
                    let kind = dept.kind.name(lang);
                    let r = ui
                        .selectable_label(Some(d) == selected, RichText::new(&dept.name).strong())
                        .on_hover_text(format!("{kind} · {}", dept.head));
                    if r.clicked() {
                        state.unit = Some(dept.id.clone());
                        out.push(AppCommand::Select(Some(Subject::Department(dept.id.clone()))));
                    }
                    if r.double_clicked() {
                        state.renaming = Some((dept.id.clone(), dept.name.clone()));
                    }
                    let score = &book.departments[d];
                    if score.score.is_ok() {
                        ui.label(
                            RichText::new(score_label(score.score)).color(
                                status_colour(score).unwrap_or_else(|| ui.visuals().weak_text_color()),
                            ),
                        );
                    }
                }
            });
        }
    });
    if selected.is_some() && state.renaming.is_none() && ui.input(|i| i.key_pressed(egui::Key::F2)) {
        state.renaming = sel.map(|d| (d.id.clone(), d.name.clone()));
    }
}

// ---------------------------------------------------------------------------------------------
// The responsibility matrix
// ---------------------------------------------------------------------------------------------

fn balance_text(b: Balance, unit: &str, lang: Lang) -> (String, bool) {
    match b {
        Balance::Balanced => (T::Balanced.get(lang).into(), false),
        Balance::Short(x) => (format!("{} {}", T::Shortfall.get(lang), with_unit(x, unit)), true),
        Balance::Over(x) => (format!("{} {}", T::OverAllocated.get(lang), with_unit(x, unit)), true),
        Balance::Unknown => (T::TargetsIncomplete.get(lang).into(), true),
        Balance::Carried => (T::CarriedWhole.get(lang).into(), false),
    }
}

fn row_key(p: &Project, row: MatrixRow) -> String {
    match row {
        MatrixRow::Objective(o) => p.objectives[o].id.0.clone(),
        MatrixRow::Kpi(k) => p.kpis[k].id.0.clone(),
        MatrixRow::Other => "other".into(),
    }
}

fn matrix_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let matrix = state.matrix(app).clone();
    ui.label(RichText::new(T::MatrixHint.get(lang)).weak());
    if matrix.columns.is_empty() {
        ui.label(T::NoDepartments.get(lang));
        return;
    }
    let row_height = ui.spacing().interact_size.y + 6.0;
    let header_height = row_height * 2.2;
    let error = ui.visuals().error_fg_color;
    egui::ScrollArea::horizontal().id_salt("matrix-h").show(ui, |ui| {
        TableBuilder::new(ui)
            .id_salt("responsibility-matrix")
            .striped(true)
            .resizable(true)
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::initial(230.0).at_least(120.0).clip(true))
            .columns(Column::initial(80.0).at_least(56.0), matrix.columns.len())
            .header(header_height, |mut h| {
                h.col(|ui| {
                    ui.vertical(|ui| {
                        ui.strong(T::MatrixCorner.get(lang));
                        ui.label(RichText::new(T::ColumnTotal.get(lang)).weak());
                    });
                });
                for (c, &d) in matrix.columns.iter().enumerate() {
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
            })
            .body(|body| {
                body.rows(row_height, matrix.rows.len(), |mut row| {
                    let r = row.index();
                    let mrow = matrix.rows[r];
                    row.col(|ui| row_header(ui, app, state, mrow, out));
                    for (c, &d) in matrix.columns.iter().enumerate() {
                        row.col(|ui| matrix_cell(ui, app, state, &matrix, r, c, d, out));
                    }
                });
            });
    });
}

fn row_header(
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
            let d = decomposition(p, k);
            if !d.children.is_empty() {
                let (text, bad) = balance_text(d.balance, &kpi.unit, lang);
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
fn matrix_cell(
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
fn aligned_kpi(p: &Project, o: usize, dept: &Department, lang: Lang) -> Kpi {
    let obj = &p.objectives[o];
    let mut k = Kpi::new(p.next_kpi_id(), format!("{}{}", T::SupportsPrefix.get(lang), obj.name));
    k.department = Some(dept.id.clone());
    k.owner = dept.head.clone();
    k.cascade = Some(Cascade::Align { objective: obj.id.clone() });
    k
}

// ---------------------------------------------------------------------------------------------
// Decomposition of one company KPI
// ---------------------------------------------------------------------------------------------

fn decompose_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
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
    ui.horizontal(|ui| {
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
                    if let Some(v) =
                        number_edit(ui, state, lang, &format!("target/{}", child.id), &label, child.target)
                    {
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

/// A number field that validates as the user types and returns the new value when valid.
fn number_edit(
    ui: &mut Ui,
    state: &mut CascadeViewState,
    lang: Lang,
    key: &str,
    label: &str,
    value: Option<f64>,
) -> Option<Option<f64>> {
    let shown = value.map(number_text).unwrap_or_default();
    let mut text = state.field_text.get(key).cloned().unwrap_or_else(|| shown.clone());
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(96.0));
    name_text_field(&r, label, &text);
    if r.has_focus() || r.changed() {
        state.field_text.insert(key.to_string(), text.clone());
    } else {
        state.field_text.remove(key);
    }
    let parsed = parse_number(&text);
    if let Err(e) = &parsed
        && (r.has_focus() || r.changed())
    {
        ui.painter().rect_stroke(
            r.rect,
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Inside,
        );
        r.clone().on_hover_text(e.describe(lang));
    }
    match parsed {
        Ok(v) if r.changed() && v != value => Some(v),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Department scorecard
// ---------------------------------------------------------------------------------------------

fn unit_index(p: &Project, state: &CascadeViewState) -> Option<usize> {
    state.unit.as_ref().and_then(|d| p.departments.iter().position(|x| &x.id == d))
}

fn grade_of(p: &Project, node: Option<NodeScore>) -> String {
    match node.map(|n| n.score) {
        Some(Ok(s)) => grade(s, &p.scoring.grades).map(|g| g.grade.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

fn scorecard_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
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
fn supports(p: &Project, k: &Kpi) -> String {
    match &k.cascade {
        Some(Cascade::Decompose { parent, .. }) => p.kpi(parent).map_or(format!("? {parent}"), |x| x.label()),
        Some(Cascade::Align { objective }) => {
            p.objective(objective).map_or(format!("? {objective}"), |o| format!("→ {}", o.name))
        }
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Performance contract
// ---------------------------------------------------------------------------------------------

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

fn contract_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    let units = crate::io::contract::contract_units(p);
    ui.horizontal(|ui| {
        let this = unit_index(p, state).filter(|d| units.contains(d));
        if ui.add_enabled(this.is_some(), egui::Button::new(T::ExportThisContract.get(lang))).clicked()
            && let Some(d) = this
        {
            let scope = ContractScope::Only(vec![p.departments[d].id.clone()]);
            out.push(AppCommand::Export(ExportKind::Contracts(scope)));
        }
        if ui.add_enabled(!units.is_empty(), egui::Button::new(T::ExportAllContracts.get(lang))).clicked() {
            out.push(AppCommand::Export(ExportKind::Contracts(ContractScope::All)));
        }
        ui.label(RichText::new(format!("{} {}", units.len(), T::ContractsAvailable.get(lang))).weak());
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("contract-scroll").show(ui, |ui| {
        match unit_index(p, state) {
            Some(d) if units.contains(&d) => contract_preview(ui, app, book, d),
            _ => {
                ui.label(T::UnitHasNoKpis.get(lang));
            }
        }
        ui.add_space(12.0);
        grade_bands_ui(ui, app, state, out);
    });
}

fn contract_preview(ui: &mut Ui, app: &AppState, book: &ScoreBook, d: usize) {
    let lang = app.lang();
    let p = app.project();
    let unit = &p.departments[d];
    ui.vertical_centered(|ui| {
        ui.heading(RichText::new(T::ContractTitle.get(lang)).size(24.0));
        ui.label(format!("{} · {}", unit.name, unit.head));
    });
    let kpis = &book.index.department_kpis[d];
    egui::Grid::new("contract-preview").striped(true).num_columns(6).spacing([14.0, 6.0]).show(ui, |ui| {
        for t in [T::Name, T::Formula, T::Target, T::Weight, T::ScoringMethod, T::Score] {
            ui.strong(t.get(lang));
        }
        ui.end_row();
        for &k in kpis {
            let kpi = &p.kpis[k];
            ui.label(kpi.label());
            ui.scope(|ui| {
                ui.set_min_width(200.0);
                ui.set_max_width(280.0);
                ui.add(egui::Label::new(&kpi.formula).wrap());
            });
            ui.label(kpi.target.map(|t| with_unit(t, &kpi.unit)).unwrap_or_default());
            ui.label(format!("{}%", format_number(kpi.weight)));
            let m = kpi.scoring.as_ref().unwrap_or(&p.scoring.method);
            ui.label(format!("{} {}", m.name(lang), crate::score::method::formula(m, kpi.polarity)));
            ui.label(score_label(book.kpis[k].score));
            ui.end_row();
        }
    });
    let own = book.department_own[d];
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{}: {}   {}: {}",
            T::AppraisalScore.get(lang),
            own.map(|n| score_label(n.score)).unwrap_or_else(|| "—".into()),
            T::Grade.get(lang),
            grade_of(p, own)
        ))
        .strong()
        .size(16.0),
    );
    ui.label(RichText::new(T::SignatureLines.get(lang)).weak());
}

fn grade_bands_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    ui.label(RichText::new(T::GradeBands.get(lang)).strong());
    ui.label(RichText::new(cascade::grade_legend(&p.scoring.grades)).weak());
    let mut changed: Option<Vec<GradeBand>> = None;
    egui::Grid::new("grade-bands").num_columns(3).spacing([10.0, 4.0]).show(ui, |ui| {
        ui.strong(T::Grade.get(lang));
        ui.strong(T::MinScore.get(lang));
        ui.label("");
        ui.end_row();
        for (i, g) in p.scoring.grades.iter().enumerate() {
            let mut name = g.grade.clone();
            let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(60.0));
            name_text_field(&r, &format!("{} {}", T::Grade.get(lang), i + 1), &name);
            if r.changed() && !name.trim().is_empty() {
                let mut bands = p.scoring.grades.clone();
                bands[i].grade = name.trim().to_string();
                changed = Some(bands);
            }
            let label = format!("{} {}", T::MinScore.get(lang), g.grade);
            if let Some(Some(v)) =
                number_edit(ui, state, lang, &format!("grade/{i}"), &label, Some(g.min_score))
            {
                let mut bands = p.scoring.grades.clone();
                bands[i].min_score = v;
                changed = Some(bands);
            }
            if ui.add_enabled(p.scoring.grades.len() > 1, egui::Button::new(T::Remove.get(lang))).clicked() {
                let mut bands = p.scoring.grades.clone();
                bands.remove(i);
                changed = Some(bands);
            }
            ui.end_row();
        }
    });
    if ui.button(T::AddGrade.get(lang)).clicked() {
        let mut bands = p.scoring.grades.clone();
        let lowest = bands.iter().map(|b| b.min_score).fold(f64::INFINITY, f64::min);
        let min = if lowest.is_finite() { (lowest - 10.0).max(0.0) } else { 0.0 };
        let letter = (b'A' + bands.len().min(25) as u8) as char;
        bands.push(GradeBand { grade: letter.to_string(), min_score: min });
        changed = Some(bands);
    }
    if let Some(grades) = changed {
        let scoring = ScoringSettings { grades, ..p.scoring.clone() };
        out.push(AppCommand::Doc {
            command: DocCommand::SetScoring(Box::new(scoring)),
            label: T::GradeBands.get(lang).into(),
            merge: Some(MergeKey::new(MergeTarget::Scoring, Field::Grades)),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// The cascade tree picture
// ---------------------------------------------------------------------------------------------

const NODE: Vec2 = Vec2::new(168.0, 66.0);
const GAP: Vec2 = Vec2::new(48.0, 12.0);

/// Positions of the tree's nodes, left to right (a company has many departments, and a screen
/// is wider than tall, so levels are columns): leaves one under another, each parent centred
/// beside its children.
pub fn tree_layout(p: &Project) -> (Vec<egui::Pos2>, Vec2) {
    let n = p.departments.len();
    let order = cascade::tree_order(p);
    let depths = cascade::depths(p);
    let pos_of: HashMap<&DepartmentId, usize> =
        p.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &d in &order {
        if let Some(&parent) = p.departments[d].parent.as_ref().and_then(|x| pos_of.get(x))
            && parent != d
        {
            children[parent].push(d);
        }
    }
    let mut y = vec![0.0f32; n];
    let mut next_leaf = 0.0f32;
    for &d in &order {
        if children[d].is_empty() {
            y[d] = next_leaf;
            next_leaf += NODE.y + GAP.y;
        }
    }
    // Reverse depth-first order places every child before its parent.
    for &d in order.iter().rev() {
        if let (Some(&first), Some(&last)) = (children[d].first(), children[d].last()) {
            y[d] = (y[first] + y[last]) / 2.0;
        }
    }
    let max_depth = depths.iter().copied().max().unwrap_or(0);
    let positions = (0..n).map(|d| egui::pos2(depths[d] as f32 * (NODE.x + GAP.x), y[d])).collect();
    let size = Vec2::new((max_depth + 1) as f32 * (NODE.x + GAP.x), next_leaf.max(NODE.y));
    (positions, size)
}

fn tree_picture_ui(ui: &mut Ui, app: &AppState, state: &mut CascadeViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    ui.label(RichText::new(T::CascadeTreeHint.get(lang)).weak());
    let (positions, size) = tree_layout(p);
    let selected = unit_index(p, state);
    egui::ScrollArea::both().id_salt("cascade-tree-scroll").show(ui, |ui| {
        let (rect, _) = ui.allocate_exact_size(size + Vec2::splat(16.0), Sense::hover());
        let origin = rect.min + Vec2::splat(8.0);
        let painter = ui.painter_at(rect);
        let line = egui::Stroke::new(1.5, ui.visuals().weak_text_color());
        // Connectors: right from the parent, along, right to each child.
        for (d, dept) in p.departments.iter().enumerate() {
            let Some(parent) =
                dept.parent.as_ref().and_then(|x| p.departments.iter().position(|y| &y.id == x))
            else {
                continue;
            };
            let from = origin + positions[parent].to_vec2() + Vec2::new(NODE.x, NODE.y / 2.0);
            let to = origin + positions[d].to_vec2() + Vec2::new(0.0, NODE.y / 2.0);
            let mid = from.x + GAP.x / 2.0;
            painter.line_segment([from, egui::pos2(mid, from.y)], line);
            painter.line_segment([egui::pos2(mid, from.y), egui::pos2(mid, to.y)], line);
            painter.line_segment([egui::pos2(mid, to.y), to], line);
        }
        for (d, dept) in p.departments.iter().enumerate() {
            let r = egui::Rect::from_min_size(origin + positions[d].to_vec2(), NODE);
            let node = book.departments[d];
            let status = status_colour(&node);
            let fill = match status {
                Some(c) => c.gamma_multiply(0.18),
                None => ui.visuals().faint_bg_color,
            };
            let stroke_colour = status.unwrap_or(ui.visuals().weak_text_color());
            let width = if Some(d) == selected { 3.0 } else { 1.5 };
            painter.rect(r, 6.0, fill, egui::Stroke::new(width, stroke_colour), egui::StrokeKind::Inside);
            let text_colour = ui.visuals().text_color();
            let body = egui::FontId::proportional(13.0);
            painter.text(
                r.center_top() + Vec2::new(0.0, 6.0),
                egui::Align2::CENTER_TOP,
                truncate(&dept.name, 11),
                egui::FontId::proportional(15.0),
                text_colour,
            );
            painter.text(
                r.center_top() + Vec2::new(0.0, 26.0),
                egui::Align2::CENTER_TOP,
                truncate(&dept.head, 14),
                body.clone(),
                ui.visuals().weak_text_color(),
            );
            let g = grade_of(p, book.department_own[d]);
            let score = if g.is_empty() {
                score_label(node.score)
            } else {
                format!("{} · {g}", score_label(node.score))
            };
            painter.text(
                r.center_top() + Vec2::new(0.0, 45.0),
                egui::Align2::CENTER_TOP,
                score,
                body,
                status.unwrap_or(text_colour),
            );
            let resp = ui.interact(r, ui.scope_id().with(("tree-node", d)), Sense::click());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &dept.name));
            if resp.clicked() {
                state.unit = Some(dept.id.clone());
                out.push(AppCommand::Select(Some(Subject::Department(dept.id.clone()))));
            }
            if resp.double_clicked() {
                state.tab = Tab::Scorecard;
            }
            resp.on_hover_text(T::OpenScorecardHint.get(lang));
        }
    });
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
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
