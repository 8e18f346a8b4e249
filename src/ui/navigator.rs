//! The navigator: perspectives → objectives → KPIs, the department tree, initiatives and themes.
//! Clicking selects; the status dot shows each item's status in the current period.

use crate::app::{AppCommand, AppState};
use crate::i18n::T;
use crate::model::lint::Subject;
use crate::score::Status;
use egui::{Color32, RichText, Ui};

fn dot(status: Option<Status>) -> RichText {
    let colour = status.map(|s| super::fonts::colour(s.colour)).unwrap_or(Color32::from_gray(150));
    RichText::new("●").color(colour)
}

fn item(
    ui: &mut Ui,
    app: &AppState,
    subject: Subject,
    label: &str,
    status: Option<Status>,
    out: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.label(dot(status));
        let selected = app.selection.as_ref() == Some(&subject);
        // Cut to the panel's width (the whole name on hover): a long name must not widen the
        // navigator and shift the canvas under the pointer.
        let mut r = ui.add(egui::Button::selectable(selected, label).truncate());
        if label.chars().count() > 10 {
            r = r.on_hover_text(label);
        }
        if r.clicked() {
            out.push(AppCommand::Select(Some(subject)));
        }
    });
}

pub fn navigator_ui(ui: &mut Ui, app: &AppState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        item(ui, app, Subject::Project, &p.info.name, book.scorecard.status, out);
        egui::CollapsingHeader::new(RichText::new(T::Perspectives.get(lang)).strong())
            .id_salt("nav-perspectives")
            .default_open(true)
            .show(ui, |ui| {
                for (pi, persp) in p.perspectives.iter().enumerate() {
                    let id = ui.make_persistent_id(("nav-persp", persp.id.as_str()));
                    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, true)
                        .show_header(ui, |ui| {
                            item(
                                ui,
                                app,
                                Subject::Perspective(persp.id.clone()),
                                &persp.name,
                                book.perspectives.get(pi).and_then(|s| s.status),
                                out,
                            );
                        })
                        .body(|ui| {
                            for &o in
                                book.index.perspective_objectives.get(pi).map(|v| v.as_slice()).unwrap_or(&[])
                            {
                                let Some(obj) = p.objectives.get(o) else { continue };
                                let oid = ui.make_persistent_id(("nav-obj", obj.id.as_str()));
                                let state = egui::collapsing_header::CollapsingState::load_with_default_open(
                                    ui.ctx(),
                                    oid,
                                    false,
                                );
                                // Rows scrolled out of sight only take their space: a map of
                                // 150 objectives would otherwise lay out every row each frame.
                                let row =
                                    egui::vec2(ui.available_width(), ui.spacing().interact_size.y + 4.0);
                                if !state.is_open()
                                    && !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, row))
                                {
                                    ui.allocate_space(row);
                                    continue;
                                }
                                state
                                    .show_header(ui, |ui| {
                                        item(
                                            ui,
                                            app,
                                            Subject::Objective(obj.id.clone()),
                                            &obj.name,
                                            book.objectives.get(o).and_then(|s| s.status),
                                            out,
                                        );
                                    })
                                    .body(|ui| {
                                        for &k in &book.index.objective_kpis[o] {
                                            let kpi = &p.kpis[k];
                                            item(
                                                ui,
                                                app,
                                                Subject::Kpi(kpi.id.clone()),
                                                &kpi.label(),
                                                book.kpis[k].status,
                                                out,
                                            );
                                        }
                                    });
                            }
                        });
                }
            });
        egui::CollapsingHeader::new(RichText::new(T::Departments.get(lang)).strong())
            .id_salt("nav-departments")
            .default_open(true)
            .show(ui, |ui| {
                let roots: Vec<usize> = (0..p.departments.len())
                    .filter(|&d| book.index.department_parent.get(d).is_some_and(|x| x.is_none()))
                    .collect();
                for d in roots {
                    department_node(ui, app, d, 0, out);
                }
            });
        egui::CollapsingHeader::new(RichText::new(T::Initiatives.get(lang)).strong())
            .id_salt("nav-initiatives")
            .default_open(false)
            .show(ui, |ui| {
                for init in &p.initiatives {
                    item(ui, app, Subject::Initiative(init.id.clone()), &init.name, None, out);
                }
            });
        if !p.elements.is_empty() {
            // The inputs of computed KPIs, each with its latest value; a click opens it in the
            // inspector.
            egui::CollapsingHeader::new(RichText::new(T::DataElements.get(lang)).strong())
                .id_salt("nav-elements")
                .default_open(false)
                .show(ui, |ui| {
                    for e in &p.elements {
                        let last = e.series.last().map_or_else(
                            || "—".to_string(),
                            |v| {
                                format!(
                                    "{} {} ({})",
                                    crate::model::lint::format_number(v.value),
                                    e.unit,
                                    v.date
                                )
                            },
                        );
                        ui.horizontal(|ui| {
                            let subject = Subject::Element(e.id.clone());
                            let selected = app.selection.as_ref() == Some(&subject);
                            let text = if e.code.is_empty() {
                                e.name.clone()
                            } else {
                                format!("{} {}", e.code, e.name)
                            };
                            if ui.selectable_label(selected, text).clicked() {
                                out.push(AppCommand::Select(Some(subject)));
                            }
                            ui.label(RichText::new(last).weak());
                        });
                    }
                });
        }
        egui::CollapsingHeader::new(RichText::new(T::Themes.get(lang)).strong())
            .id_salt("nav-themes")
            .default_open(false)
            .show(ui, |ui| {
                for t in &p.themes {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("■").color(super::fonts::colour(t.colour)));
                        let subject = Subject::Theme(t.id.clone());
                        if ui
                            .selectable_label(app.selection.as_ref() == Some(&subject), t.name.as_str())
                            .clicked()
                        {
                            out.push(AppCommand::Select(Some(subject)));
                        }
                    });
                }
            });
    });
}

fn department_node(ui: &mut Ui, app: &AppState, d: usize, depth: usize, out: &mut Vec<AppCommand>) {
    let p = app.project();
    let book = app.scores();
    let Some(dept) = p.departments.get(d) else { return };
    if depth > p.departments.len() {
        return;
    }
    let id = ui.make_persistent_id(("nav-dept", dept.id.as_str()));
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, depth == 0)
        .show_header(ui, |ui| {
            item(
                ui,
                app,
                Subject::Department(dept.id.clone()),
                &dept.name,
                book.departments.get(d).and_then(|s| s.status),
                out,
            );
        })
        .body(|ui| {
            for &c in &book.index.department_children[d] {
                department_node(ui, app, c, depth + 1, out);
            }
            for &k in &book.index.department_kpis[d] {
                let kpi = &p.kpis[k];
                item(ui, app, Subject::Kpi(kpi.id.clone()), &kpi.label(), book.kpis[k].status, out);
            }
        });
}
