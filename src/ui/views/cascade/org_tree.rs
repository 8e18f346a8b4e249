//! The organisation tree on the left: units to select, add, rename, move and delete.

use super::*;
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::model::lint::Subject;
use crate::score::cascade::{self};
use crate::ui::widgets::name_text_field;
use egui::{RichText, Ui};

pub(super) fn add_unit(
    app: &AppState,
    parent: Option<DepartmentId>,
    kind: DepartmentKind,
    out: &mut Vec<AppCommand>,
) {
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
pub(super) fn child_kind(parent: Option<&Department>) -> DepartmentKind {
    match parent.map(|d| d.kind) {
        None => DepartmentKind::Company,
        Some(DepartmentKind::Company | DepartmentKind::Division) => DepartmentKind::Department,
        Some(_) => DepartmentKind::Team,
    }
}

pub(super) fn org_tree_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
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
    let order = cascade::tree_order(p);
    // Only the units in view are laid out: a company of 5,000 people has hundreds.
    let row_height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Body));
    egui::ScrollArea::vertical().id_salt("org-tree-scroll").show_rows(
        ui,
        row_height,
        order.len(),
        |ui, rows| {
            for &d in &order[rows] {
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
                            ui.label(RichText::new(score_label(score.score)).color(
                                status_colour(score).unwrap_or_else(|| ui.visuals().weak_text_color()),
                            ));
                        }
                    }
                });
            }
        },
    );
    if selected.is_some() && state.renaming.is_none() && ui.input(|i| i.key_pressed(egui::Key::F2)) {
        state.renaming = sel.map(|d| (d.id.clone(), d.name.clone()));
    }
}
