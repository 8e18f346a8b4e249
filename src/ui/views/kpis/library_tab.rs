//! The KPI library (指标库): the built-in and the user's KPIs, searched and added.

use super::*;
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::T;
use crate::model::library::{self, LibraryKpi};
use crate::model::lint::Subject;
use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

pub(super) fn library_ui(ui: &mut Ui, app: &AppState, state: &mut KpiViewState, out: &mut Vec<AppCommand>) {
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
                        // A ratio (计算公式 A ÷ B) comes computed: its data elements are made
                        // (those the project lacks), and the KPI with them, as one undo step.
                        let command = match e.computed(lang) {
                            Some(_) => crate::ui::expression_field::elements_from_formula(p, &k, &k.formula)
                                .map(DocCommand::Batch),
                            None => None,
                        }
                        .unwrap_or_else(|| DocCommand::Upsert(Item::Kpi(Box::new(k))));
                        out.push(AppCommand::Doc {
                            command,
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
