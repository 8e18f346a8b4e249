//! The initiatives (改善措施) table.

use super::*;
use crate::app::history::{Field, MergeKey};
use crate::app::{AppCommand, AppState, DocCommand, Item, ItemKind};
use crate::i18n::T;
use crate::model::lint::Subject;
use egui::{Align, Color32, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

pub(super) fn initiatives_ui(
    ui: &mut Ui,
    app: &AppState,
    _state: &mut KpiViewState,
    out: &mut Vec<AppCommand>,
) {
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
        let rows =
            ((ui.available_height() - 8.0) / ui.text_style_height(&egui::TextStyle::Body)).floor().max(2.0);
        let r = ui
            .add(egui::TextEdit::multiline(&mut v).desired_rows(rows as usize).desired_width(f32::INFINITY));
        let label = format!("{} {}", t.get(lang), init.name);
        crate::ui::widgets::name_text_field(&r, &label, &v);
        if r.changed() && v != value {
            let mut new = init.clone();
            apply(&mut new, v);
            set(out, new, field);
        }
    };
    // Each row as tall as its longest text needs (two to six lines), so what was written is
    // read whole, not cut after two lines.
    let widths = [150.0, 190.0, 170.0, 100.0, 160.0];
    let font = egui::TextStyle::Body.resolve(ui.style());
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let heights: Vec<f32> = p
        .initiatives
        .iter()
        .map(|init| {
            let texts = [&init.name, &init.problem, &init.direction, &init.owner, &init.tools];
            let lines = texts
                .iter()
                .zip(widths)
                .map(|(t, w)| {
                    ui.painter().layout(t.to_string(), font.clone(), Color32::WHITE, w - 12.0).rows.len()
                })
                .max()
                .unwrap_or(1)
                .clamp(2, 6);
            lines as f32 * line + 14.0
        })
        .collect();
    TableBuilder::new(ui)
        .id_salt("initiatives-table")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(widths[0]).clip(true))
        .column(Column::initial(widths[1]).clip(true))
        .column(Column::initial(widths[2]).clip(true))
        .column(Column::initial(widths[3]).clip(true))
        .column(Column::initial(widths[4]).clip(true))
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
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
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
